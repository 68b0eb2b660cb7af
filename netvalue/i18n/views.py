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
    "overview.cross_area": ("Forbindelser på tværs", "Connections across areas"),
    "overview.cross_area_help": ("Par af enheder fra forskellige direktørområder, der har deltaget i samme netværk "
                                 "på samme tid i perioden (se siden Forbindelser).",
                                 "Pairs of units from different director areas that took part in the same network "
                                 "at the same time in the window (see the Connections page)."),
    "method.comparison.title": ("Sammenligninger og ændringspile", "Comparisons and change arrows"),
    "method.comparison.text": (
        "En ændring sammenligner den viste periode med den lige så lange periode lige før den; de to perioder "
        "overlapper aldrig, og begge nævnes ved tallene. Ligger den tidligere periode helt eller delvis før de "
        "første data, vises ingen pil, og en sætning siger hvorfor. En ændring, der afrundes til nul, står som "
        "»uændret«. Siden Overblik åbner på de seneste 12 måneder.",
        "A change compares the window shown with the window of equal length just before it; the two never "
        "overlap, and both are named next to the figures. Where the earlier window lies wholly or partly before "
        "the first data there is no arrow, and a sentence says why. A change that rounds to zero reads "
        "“unchanged”. The overview opens on the latest 12 months."),
    "method.connections.title": ("Forbindelser på tværs af siloerne", "Connections across the silos"),
    "compare.unchanged": ("uændret", "unchanged"),
    "overview.window_intro": ("Periode: {window}. Alle scorer går fra 0 til 100; vægtene ændrer du under Metode.",
                              "Window: {window}. Every score runs from 0 to 100; change the weights under Method."),
    "evidence.thin": ("spinkelt grundlag", "thin evidence"),
    "evidence.thin_note": ("»Spinkelt grundlag« betyder færre end {n} målinger i perioden: læs scoren med "
                           "forbehold.",
                           "“Thin evidence” means fewer than {n} measurements in the window: read the score "
                           "with care."),
}
