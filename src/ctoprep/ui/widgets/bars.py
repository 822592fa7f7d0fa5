"""Text bars for scores: current vs target, readable without color (▲ marks the target)."""

from __future__ import annotations

from rich.text import Text


def bar_line(
    label: str,
    value: float | None,
    target: float | None = None,
    *,
    width: int = 20,
    label_width: int = 24,
    suffix: str = "",
) -> Text:
    """``label  ██████░░░░▲░░  62 / 75``: filled to ``value`` (0–100), ▲ at ``target``."""
    shown = label if len(label) <= label_width else label[: label_width - 1] + "…"
    line = Text(shown.ljust(label_width), style="bold") if label_width else Text()
    if label_width:
        line.append(" ")
    if value is None:
        line.append("·" * width, style="dim")
        line.append("  not rated")
    else:
        filled = round(value / 100 * width)
        cells = ["█"] * filled + ["░"] * (width - filled)
        if target is not None:
            t = min(width - 1, round(target / 100 * width))
            cells[t] = "▲"
        for cell in cells:
            style = "bar.target" if cell == "▲" else ("bar.fill" if cell == "█" else "bar.empty")
            line.append(cell, style=_STYLES[style])
        line.append(f" {value:3.0f}")
        if target is not None:
            line.append(f" / {target:.0f}", style="dim")
    if suffix:
        line.append(f"  {suffix}")
    return line


_STYLES = {"bar.fill": "bold", "bar.empty": "dim", "bar.target": "bold reverse"}
