"""Stage 4, render: records → pages through templates, with maps, charts and listings."""
