"""Stage 1, load: data files (on disk or at a git revision) → plain data with positions."""
