"""App frame: page titles, sidebar filters, empty states."""

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("netvalue – netværkenes værdi", "netvalue – what the networks are worth"),
    "page.overview": ("Overblik", "Overview"),
    "page.networks": ("Netværk", "Networks"),
    "page.ripples": ("Ringe i vandet", "Ripples"),
    "page.depth_breadth": ("Dybde og bredde", "Depth and breadth"),
    "page.upload": ("Upload", "Upload"),
    "page.method": ("Metode", "Method"),
    "page.coming": ("Denne side er på vej.", "This page is coming."),
    "filters.header": ("Filtre", "Filters"),
    "filters.period": ("Periode", "Period"),
    "filters.types": ("Netværkstyper", "Network types"),
    "filters.unit": ("Del af organisationen", "Part of the organisation"),
    "filters.whole": ("Hele kommunen", "The whole municipality"),
    "filters.weights_in_use": ("Vægte i brug: {weights}", "Weights in use: {weights}"),
    "empty.title": ("Der er ingen data endnu", "There is no data yet"),
    "empty.body": (
        "Indlæs eksempeldata for at se, hvordan netvalue virker, eller gå til Upload og indlæs jeres egne "
        "registreringer.",
        "Load the sample data to see how netvalue works, or go to Upload and load your own records.",
    ),
    "empty.load_sample": ("Indlæs eksempeldata", "Load the sample data"),
    "empty.no_match": ("Ingen netværk passer til filtrene. Udvid perioden, typerne eller organisationsdelen.",
                       "No networks match the filters. Widen the period, the types or the part of the organisation."),
    "overview.title": ("Overblik over netværkenes værdi", "Overview of the networks' value"),
    "overview.active": ("Aktive netværk", "Active networks"),
    "overview.units": ("Enheder nået", "Units reached"),
    "overview.people": ("Personer med", "People taking part"),
    "overview.net_dkk": ("Netto kroner", "Net DKK"),
    "overview.how_bars": (
        "Sådan læses den: hver søjle er et netværks samlede værdi (0–100) i perioden, vægtet som angivet.",
        "How to read this: each bar is a network's overall value (0–100) in the period, weighted as shown.",
    ),
    "overview.how_trend": (
        "Sådan læses den: gennemsnittet af netværkenes score på hvert ben, kvartal for kvartal.",
        "How to read this: the networks' mean score on each leg, quarter by quarter.",
    ),
}
