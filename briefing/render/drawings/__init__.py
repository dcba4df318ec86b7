"""The drawing wing of render: SVG maps and charts drawn at build time.

Page planning (``render/plan.py`` and the page builders in ``render/builders/``) asks this
wing for drawings and their text alternatives (``visuals.py``); the wing knows geometry,
marks, labels and timelines, and nothing of pages.
"""
