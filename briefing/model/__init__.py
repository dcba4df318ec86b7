"""Stage 3, model: typed immutable records and the relations derived between them."""
