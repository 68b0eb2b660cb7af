"""Text of the ripples and depth pages' views: sentences that fit any window, from one month to the whole
history."""

TEXTS: dict[str, tuple[object, object]] = {
    # Ripples: the first months and the latest months of a window of any length
    # A count of networks is a plural entry: t(key, lang, n=...) picks the form (docs/i18n.md)
    "ripples.facts.first_months": (
        {"one": "**1** netværk var i gang i de første {months} måneder ({window}).",
         "other": "**{n}** netværk var i gang i de første {months} måneder ({window})."},
        {"one": "**1** network was running in the first {months} months ({window}).",
         "other": "**{n}** networks were running in the first {months} months ({window})."},
    ),
    "ripples.facts.first_month": (
        {"one": "**1** netværk var i gang i den første måned ({window}).",
         "other": "**{n}** netværk var i gang i den første måned ({window})."},
        {"one": "**1** network was running in the first month ({window}).",
         "other": "**{n}** networks were running in the first month ({window})."},
    ),
    "ripples.facts.growth_months": (
        "I de seneste {months} måneder ({window}) voksede **{rings}** mest: +{n}. Nye deltagende enheder pr. ring: "
        "{per_ring}.",
        "In the last {months} months ({window}) **{rings}** grew most: +{n}. New units taking part per ring: "
        "{per_ring}.",
    ),
    "ripples.facts.growth_month": (
        "I {window} voksede **{rings}** mest: +{n}. Nye deltagende enheder pr. ring: {per_ring}.",
        "In {window} **{rings}** grew most: +{n}. New units taking part per ring: {per_ring}.",
    ),
    "ripples.facts.no_growth_months": (
        "I de seneste {months} måneder ({window}) er ingen nye enheder begyndt at deltage.",
        "In the last {months} months ({window}) no new units joined.",
    ),
    "ripples.facts.no_growth_month": (
        "I {window} er ingen nye enheder begyndt at deltage.",
        "In {window} no new units joined.",
    ),
    "ripples.metric.first_months": ("Netværk i gang de første {months} måneder",
                                    "Networks running in the first {months} months"),
    "ripples.metric.first_month": ("Netværk i gang den første måned", "Networks running in the first month"),
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
