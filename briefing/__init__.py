"""Curated YAML about a conflict → a cross-linked, citation-first briefing site.

The package is the whole generator; ``hooks/briefing_hook.py`` only wires it into MkDocs.
Data flows one way through its modules: :mod:`.load` → :mod:`.validate` → :mod:`.model`
→ :mod:`.render` → :mod:`.site` (the only module that touches MkDocs).
"""

__version__ = "0.1.0"
