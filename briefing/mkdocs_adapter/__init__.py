"""Stage 5: generated content → MkDocs files and pages (the only code that imports MkDocs)."""
