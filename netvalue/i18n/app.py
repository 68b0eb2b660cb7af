"""App frame: page titles, sidebar filters, empty states."""

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("netvalue – netværkenes værdi", "netvalue – what the networks are worth"),
    "page.overview": ("Overblik", "Overview"),
    "page.networks": ("Netværk", "Networks"),
    "page.ripples": ("Ringe i vandet", "Ripples"),
    "page.depth_breadth": ("Dybde og bredde", "Depth and breadth"),
    "page.upload": ("Upload", "Upload"),
    "page.method": ("Metode", "Method"),
    "app.error": (
        "Noget gik galt, og siden kunne ikke vises. Prøv igen; fortsætter det, så kontakt netværksstrukturen. "
        "Detaljerne er skrevet i serverens log.",
        "Something went wrong and the page could not be shown. Try again; if it persists, contact the "
        "network-structure team. The details are in the server log.",
    ),
    "app.busy": (
        "Databasen er optaget af et andet program (fx en sikkerhedskopi eller en indlæsning fra kommandolinjen). "
        "Prøv igen om lidt.",
        "The store is busy with another program (e.g. a backup or a load from the command line). Try again in a "
        "moment.",
    ),
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
}
