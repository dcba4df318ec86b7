"""Curated YAML about a conflict → a cross-linked, citation-first briefing site.

The package is the whole generator; ``hooks/briefing_hook.py`` only wires it into MkDocs.
Data flows one way through its stages, one subpackage each: :mod:`.load` →
:mod:`.validate` → :mod:`.model` → :mod:`.render` (and :mod:`.publish` for the files
beside the pages) → :mod:`.mkdocs_adapter` (the only code that touches MkDocs).
:mod:`.pipeline` runs the first three; :mod:`.generate` the rest; :mod:`.review` and
:mod:`.cli` serve pull requests.
"""

__version__ = "0.1.0"
