"""Chart builders: pure functions DataFrame -> plotly Figure, sharing one colour-blind-safe style.

Submodules hold the charts of one page each; `style` holds the palette and the common layout.
"""

from netvalue.charts.style import (
    EVIDENCE_COLOURS,
    PERSPECTIVE_COLOURS,
    RING_COLOURS,
    TYPE_COLOURS,
    apply_style,
    empty_figure,
)

__all__ = [
    "EVIDENCE_COLOURS",
    "PERSPECTIVE_COLOURS",
    "RING_COLOURS",
    "TYPE_COLOURS",
    "apply_style",
    "empty_figure",
]
