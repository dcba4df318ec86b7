"""The shapes of map marks: one per kind of incident, so colour is never the only cue."""

from __future__ import annotations

#: The mark drawn for each incident type.
SHAPES = {
    "exchange-of-fire": "circle",
    "shelling": "triangle",
    "sniper-fire": "diamond",
    "attack": "square",
    "drone-strike": "triangle-down",
    "other": "plus",
}


def mark_path(shape: str, x: float, y: float, r: float) -> str:
    """SVG path data of a marker shape centred on (x, y)."""
    if shape == "circle":
        return f"M{x - r:.1f},{y:.1f}a{r:.1f},{r:.1f} 0 1,0 {2 * r:.1f},0a{r:.1f},{r:.1f} 0 1,0 {-2 * r:.1f},0z"
    if shape == "square":
        return f"M{x - r:.1f},{y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "diamond":
        return f"M{x:.1f},{y - r * 1.3:.1f}L{x + r * 1.3:.1f},{y:.1f}L{x:.1f},{y + r * 1.3:.1f}L{x - r * 1.3:.1f},{y:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f},{y - r * 1.3:.1f}L{x + r * 1.2:.1f},{y + r:.1f}L{x - r * 1.2:.1f},{y + r:.1f}z"
    if shape == "triangle-down":
        return f"M{x:.1f},{y + r * 1.3:.1f}L{x + r * 1.2:.1f},{y - r:.1f}L{x - r * 1.2:.1f},{y - r:.1f}z"
    t = r * 0.45  # plus
    return (f"M{x - t:.1f},{y - r:.1f}h{2 * t:.1f}v{r - t:.1f}h{r - t:.1f}v{2 * t:.1f}h{t - r:.1f}v{r - t:.1f}"
            f"h{-2 * t:.1f}v{t - r:.1f}h{t - r:.1f}v{-2 * t:.1f}h{r - t:.1f}z")
