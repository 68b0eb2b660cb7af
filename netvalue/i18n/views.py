"""Texts added with the view layer: comparisons, empty selections, evidence flags, short windows."""

TEXTS: dict[str, tuple[str, str]] = {
    "chart.ternary.balance": ("Balance", "Balance"),
}
