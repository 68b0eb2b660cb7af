"""Text of the ripples and depth pages' views: sentences that fit any window, from one month to the whole
history."""

TEXTS: dict[str, tuple[str, str]] = {
    # Ripples: the first months and the latest months of a window of any length
    "ripples.facts.first_months": (
        "**{n}** netværk arbejdede i de første {months} måneder ({window}).",
        "**{n}** networks were working in the first {months} months ({window}).",
    ),
    "ripples.facts.first_month": (
        "**{n}** netværk arbejdede i den første måned ({window}).",
        "**{n}** networks were working in the first month ({window}).",
    ),
    "ripples.facts.first_months.one": (
        "**1** netværk arbejdede i de første {months} måneder ({window}).",
        "**1** network was working in the first {months} months ({window}).",
    ),
    "ripples.facts.first_month.one": (
        "**1** netværk arbejdede i den første måned ({window}).",
        "**1** network was working in the first month ({window}).",
    ),
    "ripples.facts.first_year.one": (
        "**1** netværk arbejdede i de første tolv måneder ({start} – {end}).",
        "**1** network was working in the first twelve months ({start} – {end}).",
    ),
    "ripples.facts.top_unit.one": (
        "Flest netværk i én enhed: **{unit}** med 1 netværk.",
        "Most networks in one unit: **{unit}** with 1 network.",
    ),
    "ripples.facts.growth_months": (
        "I de seneste {months} måneder ({window}) voksede **{rings}** mest: +{n}. Nye enheder med pr. ring: "
        "{per_ring}.",
        "In the last {months} months ({window}) **{rings}** grew most: +{n}. New units taking part per ring: "
        "{per_ring}.",
    ),
    "ripples.facts.growth_month": (
        "I {window} voksede **{rings}** mest: +{n}. Nye enheder med pr. ring: {per_ring}.",
        "In {window} **{rings}** grew most: +{n}. New units taking part per ring: {per_ring}.",
    ),
    "ripples.facts.no_growth_months": (
        "I de seneste {months} måneder ({window}) er ingen nye enheder kommet med.",
        "In the last {months} months ({window}) no new units joined.",
    ),
    "ripples.facts.no_growth_month": (
        "I {window} er ingen nye enheder kommet med.",
        "In {window} no new units joined.",
    ),
    "ripples.metric.first_months": ("Arbejdende netværk de første {months} måneder",
                                    "Working networks in the first {months} months"),
    "ripples.metric.first_month": ("Arbejdende netværk den første måned", "Working networks in the first month"),
    "ripples.window": ("Perioden: {window}.", "The period: {window}."),
    # Depth: the choices that fit the window
    "depth.grain.month": ("Måned", "Month"),
    "depth.basis_only_period": (
        "Perioden ligger i ét kalenderår, så dybde tælles over hele perioden.",
        "The period lies within one calendar year, so depth is counted over the whole period.",
    ),
    "depth.window": ("Perioden: {window}.", "The period: {window}."),
    "depth.activity_note_window": (
        "Aktivitet her: {activity}, i {window}, for netværk af de valgte typer.",
        "Activity here: {activity}, in {window}, for networks of the chosen types.",
    ),
}
