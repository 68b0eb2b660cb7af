"""Texts added with the view layer: comparisons, empty selections, evidence flags, short windows."""

TEXTS: dict[str, tuple[str, str]] = {
    "chart.ternary.balance": ("Balance", "Balance"),
    "filters.last_12": ("Seneste 12 mdr.", "Latest 12 months"),
    "filters.all_history": ("Hele perioden", "Whole history"),
    "filters.types_placeholder": ("Vælg netværkstyper", "Choose network types"),
    "filters.no_types": ("Ingen netværkstyper er valgt, så siderne viser ingen netværk. Vælg mindst én type.",
                         "No network type is chosen, so the pages show no networks. Choose at least one type."),
    "empty.no_types": ("Ingen netværkstyper er valgt. Vælg mindst én type i filtrene til venstre.",
                       "No network type is chosen. Choose at least one type in the filters on the left."),
    "compare.caption": ("Ændringerne sammenligner {shown} med de lige så lange {months} måneder før: {earlier}.",
                        "The changes compare {shown} with the {months} months just before: {earlier}."),
    "compare.caption_one": ("Ændringerne sammenligner {shown} med måneden før: {earlier}.",
                            "The changes compare {shown} with the month before: {earlier}."),
    "compare.none": ("Ingen ændringspile: den lige så lange periode før ({earlier}) ligger før de første data "
                     "({first}). Vælg en kortere periode for at se en sammenligning.",
                     "No change arrows: the window of equal length before it ({earlier}) lies before the first "
                     "data ({first}). Choose a shorter window to see a comparison."),
    "compare.unchanged": ("uændret", "unchanged"),
    "overview.window_intro": ("Periode: {window}. Alle scorer går fra 0 til 100; vægtene ændrer du under Metode.",
                              "Window: {window}. Every score runs from 0 to 100; change the weights under Method."),
    "evidence.thin": ("spinkelt grundlag", "thin evidence"),
    "evidence.thin_note": ("»Spinkelt grundlag« betyder færre end {n} målinger i perioden: læs scoren med "
                           "forbehold.",
                           "“Thin evidence” means fewer than {n} measurements in the window: read the score "
                           "with care."),
}
