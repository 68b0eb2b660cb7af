"""Chart titles, axes and how-to-read lines."""

TEXTS: dict[str, tuple[str, str]] = {
    "chart.no_data": ("Ingen data at vise for dette udvalg.", "No data to show for this selection."),
    "chart.score_axis": ("Score (0–100)", "Score (0–100)"),
    "chart.network_value.title": ("Netværkenes samlede værdi", "Overall value of the networks"),
    "chart.perspective_trend.title": ("De tre ben over tid", "The three legs over time"),
}
