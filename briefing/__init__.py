"""Curated YAML about a conflict → a cross-linked, citation-first briefing site.

The package is the whole generator; ``hooks/briefing_hook.py`` only wires it into MkDocs.
Data flows one way through its stages, one subpackage each: :mod:`.load` →
:mod:`.validate` → :mod:`.model` → :mod:`.render` → :mod:`.publish` (the files beside the
pages) → :mod:`.review` (pull requests) → :mod:`.mkdocs_adapter` (the only code that
touches MkDocs). :mod:`.pipeline` runs the first three; :mod:`.generate` render and
publish; :mod:`.cli` serves pull requests. A module imports only from its own stage and
earlier ones, and the shared ground (:mod:`.kinds`, :mod:`.errors`, :mod:`.config`...);
``tests/test_code_structure.py`` holds the order.
"""

__version__ = "0.1.0"
