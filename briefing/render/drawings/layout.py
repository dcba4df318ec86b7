"""Where marks and labels go on a map so that none hides another, on a phone too.

A map is drawn in units of a fixed-width frame (:data:`briefing.render.drawings.maps.WIDTH`) and
scaled to the screen; on a 390 px phone that is about 0.56 px per unit. The stylesheet
(``docs/assets/stylesheets/visuals.css``) enlarges text, symbols and tap areas as the
map gets narrower (container queries), so that labels stay at least 11 CSS px and every
mark keeps a tap target of 24 × 24 CSS px (WCAG 2.2, 2.5.8). The layout below is made
for that narrowest case, so it holds at every width:

* :func:`spread`: marks closer than :data:`GAP` (two phone-sized tap targets) are
  grouped; a group of up to :data:`RING` marks is laid out on a small ring around the
  place, each with a leader line to where it was reported; a larger group becomes one
  mark that shows its count. The marks a map is about (``lit``) are never merged into
  other incidents' count.
* :func:`place_labels`: each label tries four positions around its point and is dropped
  when all of them would overlap a mark, another label or the map's furniture (the list
  under every map names every place anyway).

Pure geometry on plain numbers: deterministic, and testable without drawing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: Smallest distance between the centres of two marks, in map units: two tap targets of
#: 24 CSS px side by side at the narrowest map the stylesheet plans for (about 330 px).
GAP = 47.0
#: Groups of up to this many marks are spread on a ring; larger ones are counted.
RING = 6
#: Label font size in map units at a phone's width (the stylesheet's narrow step), used
#: to size label boxes; the average glyph is about 0.58 em wide in sans-serif.
LABEL_SIZE = 21.5
GLYPH = 0.58
#: Radius around a mark's centre kept free of labels at a phone's width, in map units.
MARK_CLEARANCE = 14.0

Box = tuple[float, float, float, float]


@dataclass(slots=True)
class Item:
    """Something to draw at (x, y): one incident, or several counted as one."""

    x: float
    y: float
    lit: bool
    key: tuple[object, ...]
    members: list[object] = field(default_factory=list)
    #: Where it is drawn (after spreading); the leader line runs from (x, y) to it.
    at_x: float = 0.0
    at_y: float = 0.0

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def moved(self) -> bool:
        return (round(self.at_x, 1), round(self.at_y, 1)) != (round(self.x, 1), round(self.y, 1))


def _centroid(items: Sequence[Item]) -> tuple[float, float]:
    return (round(sum(i.x for i in items) / len(items), 1), round(sum(i.y for i in items) / len(items), 1))


def _merge(items: list[Item]) -> Item:
    x, y = _centroid(items)
    members = [m for item in items for m in item.members]
    return Item(x, y, items[0].lit, min(i.key for i in items), members)


def _groups(items: list[Item], gap: float, at: bool) -> list[list[Item]]:
    """Items closer than ``gap`` (at their true or drawn positions), single-linkage.

    Items are hashed into cells of ``gap``, so only neighbouring cells are compared."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def where(item: Item) -> tuple[float, float]:
        return (item.at_x, item.at_y) if at else (item.x, item.y)

    cells: dict[tuple[int, int], list[int]] = {}
    for i, item in enumerate(items):
        x, y = where(item)
        cells.setdefault((int(x // gap), int(y // gap)), []).append(i)
    for (cx, cy), members in cells.items():
        near = [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())]
        for i in members:
            ax, ay = where(items[i])
            for j in near:
                if j > i:
                    bx, by = where(items[j])
                    if (ax - bx) ** 2 + (ay - by) ** 2 < gap * gap:
                        parent[find(i)] = find(j)
    groups: dict[int, list[Item]] = {}
    for i, item in enumerate(items):
        groups.setdefault(find(i), []).append(item)
    return sorted((sorted(g, key=lambda i: i.key) for g in groups.values()), key=lambda g: g[0].key)


def _arrange(group: list[Item], width: float, height: float, gap: float) -> list[Item]:
    """One group laid out: counted if large, on a ring around its centre if several."""
    lit = [i for i in group if i.lit]
    rest = [i for i in group if not i.lit]
    if len(group) > RING and len(rest) > 1:
        rest = [_merge(rest)]
    if len(lit) + len(rest) > RING and len(lit) > 1:
        lit = [_merge(lit)]
    items = lit + rest
    cx, cy = _centroid(items)
    if len(items) == 1:
        only = items[0]
        only.at_x, only.at_y = _clamp(only.x, only.y, width, height, gap)
        return items
    # neighbours on the ring a gap apart once drawn: positions are rounded to 0.1, which
    # could bring two 0.14 closer and make the ring clash with itself (then counted as one)
    radius = gap / (2 * math.sin(math.pi / len(items))) + 0.2
    # the whole ring inside the map: clamped one by one at an edge, its marks would land on
    # one another, and the group would be counted as one mark, the map's subject among them
    cx, cy = _clamp(cx, cy, width, height, gap + 2 * radius)
    for n, item in enumerate(items):
        # Side by side first (labels run horizontally), then round the ring.
        angle = math.pi + 2 * math.pi * n / len(items)
        item.at_x, item.at_y = _clamp(cx + radius * math.cos(angle), cy + radius * math.sin(angle),
                                      width, height, gap)
    return items


def _clamp(x: float, y: float, width: float, height: float, gap: float) -> tuple[float, float]:
    margin = gap / 2
    return (round(min(max(x, margin), width - margin), 1), round(min(max(y, margin), height - margin), 1))


def spread(items: Iterable[Item], width: float, height: float, gap: float = GAP) -> list[Item]:
    """Lay the items out so that no two drawn marks are closer than ``gap``."""
    pending = sorted(items, key=lambda i: i.key)
    groups = _groups(pending, gap, at=False)
    while True:
        laid = [_arrange(list(g), width, height, gap) for g in groups]
        owner = {id(item): n for n, group in enumerate(laid) for item in group}
        placed = [item for group in laid for item in group]
        clashes = [c for c in _groups(placed, gap * 0.999, at=True) if len(c) > 1]
        if not clashes:
            return sorted(placed, key=lambda i: (i.lit, i.at_y, i.at_x, i.key))
        # Marks of different groups would overlap: lay those groups out together. A group
        # that clashes with itself (squeezed against the map's edge) is counted as one.
        joined = list(range(len(laid)))
        alone = set()
        for clash in clashes:
            ids = sorted({owner[id(item)] for item in clash})
            if len(ids) == 1:
                alone.add(ids[0])
            for n in ids[1:]:
                joined[_root(joined, n)] = _root(joined, ids[0])
        regrouped: dict[int, list[Item]] = {}
        for n, group in enumerate(laid):
            regrouped.setdefault(_root(joined, n), []).extend(group)
        if len(regrouped) == len(laid):
            groups = [[_merge_all(g, width, height, gap)] if n in alone else g for n, g in enumerate(laid)]
        else:
            groups = list(regrouped.values())


def _root(joined: list[int], n: int) -> int:
    while joined[n] != n:
        n = joined[n]
    return n


def _merge_all(group: list[Item], width: float, height: float, gap: float) -> Item:
    item = _merge(group) if len(group) > 1 else group[0]
    item.lit = any(i.lit for i in group)
    item.at_x, item.at_y = _clamp(item.x, item.y, width, height, gap)
    return item


def text_width(text: str, size: float = LABEL_SIZE, spacing: float = 0.0) -> float:
    return len(text) * (size * GLYPH + spacing)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass(frozen=True, slots=True)
class Placed:
    """A label placed: ``anchor`` is the SVG ``text-anchor`` (start, end or middle)."""

    x: float
    y: float
    anchor: str
    box: Box


def place_label(x: float, y: float, text: str, taken: list[Box], width: float, height: float,
                size: float = LABEL_SIZE, spacing: float = 0.0, offset: float = MARK_CLEARANCE,
                centred: bool = False) -> Placed | None:
    """The first free position for a label of ``text`` near (x, y), or None.

    ``taken`` holds the boxes already used (marks, other labels, the inset, the scale
    bar); the chosen box is added to it. Boxes are sized for the phone font.
    """
    w = text_width(text, size, spacing)
    h = size * 1.1
    candidates: list[tuple[float, float, str, Box]] = []
    if centred:
        candidates.append((x, y + size * 0.35, "middle", (x - w / 2, y - h / 2, x + w / 2, y + h / 2)))
    else:
        for d in (offset, offset * 2.2):
            candidates += [
                (x + d, y + size * 0.35, "start", (x + d, y - h / 2, x + d + w, y + h / 2)),
                (x - d, y + size * 0.35, "end", (x - d - w, y - h / 2, x - d, y + h / 2)),
                (x, y - d - size * 0.25, "middle", (x - w / 2, y - d - h, x + w / 2, y - d)),
                (x, y + d + size * 0.85, "middle", (x - w / 2, y + d, x + w / 2, y + d + h)),
            ]
    for lx, ly, anchor, box in candidates:
        inside = box[0] >= 2 and box[1] >= 2 and box[2] <= width - 2 and box[3] <= height - 2
        if inside and not any(_overlaps(box, other) for other in taken):
            taken.append(box)
            return Placed(round(lx, 1), round(ly, 1), anchor, tuple(round(v, 1) for v in box))  # type: ignore[arg-type]
    return None


def mark_box(x: float, y: float, clearance: float = MARK_CLEARANCE) -> Box:
    return (x - clearance, y - clearance, x + clearance, y + clearance)
