"""Stage 2, validate: JSON Schemas, cross-record checks, permanent ids and warnings."""
