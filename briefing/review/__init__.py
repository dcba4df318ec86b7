"""Review of pull requests: check reports for CI and data diffs in words."""
