"""Text of the council report (python -m netvalue report, the overview's PDF button) and of the charts'
text alternatives."""

TEXTS: dict[str, tuple[str, str]] = {
    # -- Title page ----------------------------------------------------------------------------------------------
    "report.title": ("Netværkenes værdi", "The value of the networks"),
    "report.subtitle": ("Rapport til kommunalbestyrelsen om de tværgående netværk",
                        "Report to the city council on the cross-silo networks"),
    "report.fact.window": ("Periode", "Period"),
    "report.fact.compare": ("Sammenlignet med", "Compared with"),
    "report.fact.no_compare": ("ingen data i perioden før ({window})", "no data in the period before ({window})"),
    "report.fact.data_to": ("Data til og med", "Data up to"),
    "report.fact.updated": ("Data senest ændret", "Data last changed"),
    "report.fact.types": ("Netværkstyper", "Network types"),
    "report.fact.all_types": ("alle tre typer", "all three types"),
    "report.fact.unit": ("Del af organisationen", "Part of the organisation"),
    "report.fact.whole": ("hele kommunen", "the whole municipality"),
    "report.fact.weights": ("Vægte", "Weights"),
    "report.fact.made": ("Rapporten er lavet", "Report made"),
    "report.trace": (
        "Alle tal i rapporten kan findes igen i netvalue med de samme valg: dataversion {version}, periode "
        "{window}, {types}, {unit}, vægte {weights}. Fodnoten på hver side gentager dem.",
        "Every figure in this report can be found again in netvalue with the same choices: data version {version}, "
        "period {window}, {types}, {unit}, weights {weights}. The footnote on every page repeats them.",
    ),
    "report.footer": (
        "netvalue · dataversion {version} · data til og med {data_to} · periode {window} · {types} · {unit} · "
        "vægte {weights}",
        "netvalue · data version {version} · data up to {data_to} · period {window} · {types} · {unit} · "
        "weights {weights}",
    ),
    "report.page": ("Side", "Page"),
    "report.of": ("af", "of"),
    "report.no_data": ("ingen data", "no data"),
    # -- Sections ------------------------------------------------------------------------------------------------
    "report.s.keyfigures": ("Nøgletal", "Key figures"),
    "report.s.legs": ("De tre ben", "The three legs"),
    "report.s.strong_weak": ("Stærkeste og svageste netværk", "Strongest and weakest networks"),
    "report.s.ripples": ("Ringe i vandet", "Ripples in the water"),
    "report.s.connections": ("Forbindelser mellem netværkene", "Connections between the networks"),
    "report.s.stories": ("Fortællinger", "Stories"),
    "report.s.method": ("Metode", "Method"),
    "report.s.data": ("Bilag: tallene bag figurerne", "Appendix: the figures behind the charts"),
    # -- Key figures ---------------------------------------------------------------------------------------------
    "report.kf.figure": ("Nøgletal", "Figure"),
    "report.kf.change": ("Ændring", "Change"),
    "report.kf.no_compare": (
        "Ingen ændring vises: den lige så lange periode før, {earlier}, ligger før de første data ({first}), så der "
        "er intet at sammenligne med.",
        "No change is shown: the equally long window before it, {earlier}, lies before the first data ({first}), "
        "so there is nothing to compare with.",
    ),
    # -- Strongest and weakest -----------------------------------------------------------------------------------
    "report.sw.strongest": ("Højest samlet værdi", "Highest overall value"),
    "report.sw.weakest": ("Lavest samlet værdi", "Lowest overall value"),
    "report.sw.network": ("Netværk", "Network"),
    "report.sw.type": ("Type", "Type"),
    "report.sw.overall": ("Samlet værdi", "Overall value"),
    "report.sw.n": ("Målinger", "Measurements"),
    "report.sw.self": ("Selvrapp.", "Self-rep."),
    "report.sw.measured": ("Målt", "Measured"),
    "report.sw.evaluated": ("Evalueret", "Evaluated"),
    "report.sw.evidence": ("Grundlag", "Evidence"),
    "report.sw.none": ("Ingen netværk med målinger i perioden.", "No network with measurements in the period."),
    # -- Ripples, connections, stories ---------------------------------------------------------------------------
    "report.ripples.intro": (
        "Hvor langt netværksarbejdet er nået ud i organisationen i perioden, talt fra hvert netværks hjemmeenhed.",
        "How far network work has reached across the organisation in the period, counted from each network's "
        "home unit.",
    ),
    "report.connections.hook": (
        "Forbindelserne mellem netværkene (fælles enheder og deltagere) kommer med i rapporten, når siden "
        "Forbindelser er klar.",
        "The connections between the networks (shared units and people) will be in the report once the "
        "Connections page is ready.",
    ),
    "report.connections.none": ("Ingen forbindelser mellem enheder i de valgte netværk i perioden.",
                                "No connections between units in the selected networks in the period."),
    "report.stories.none": ("Ingen fortællinger fra de valgte netværk i perioden.",
                            "No stories from the selected networks in the period."),
    # -- Method --------------------------------------------------------------------------------------------------
    "report.method.weights": (
        "Den samlede værdi i denne rapport er regnet med vægtene {weights}. Vægtene er relative og omregnes over de "
        "ben, et netværk har målt.",
        "The overall value in this report is computed with the weights {weights}. The weights are relative and "
        "are rescaled over the legs a network has measured.",
    ),
    "report.method.reading": ("Sådan læses figurerne", "How to read the charts"),
    "report.method.compare": (
        "Ændringer sammenligner altid to lige lange perioder, der ikke overlapper: den viste periode og perioden lige "
        "før. Begge perioder står ved tallene. Har perioden før ingen data, vises ingen ændring, og rapporten siger "
        "hvorfor.",
        "Changes always compare two equally long periods that do not overlap: the period shown and the period just "
        "before it. Both periods are named next to the figures. Where the period before has no data, no change is "
        "shown and the report says why.",
    ),
    "report.method.bw": (
        "Figurerne kan læses i sort-hvid: serierne skelnes også på stregtype, mønster og markørform, og bilaget "
        "gengiver tallene bag hver figur.",
        "The charts can be read in black and white: the series also differ in line style, pattern and marker "
        "shape, and the appendix gives the figures behind every chart.",
    ),
    # -- Command line and button ---------------------------------------------------------------------------------
    "report.no_chromium": (
        "Rapporten kan ikke laves: den udskrives med Chromium, som ikke er installeret. Installér den med "
        "»apt-get install chromium« (som root) og prøv igen.",
        "The report cannot be made: it is printed with Chromium, which is not installed. Install it with "
        "`apt-get install chromium` (as root) and try again.",
    ),
    "report.print_failed": ("Rapporten kunne ikke udskrives: {reason}", "The report could not be printed: {reason}"),
    "report.no_store": ("Der findes ingen database i {path}. Lav den med »python -m netvalue init«.",
                        "There is no store at {path}. Create it with `python -m netvalue init`."),
    "report.empty": ("Der er ingen data i databasen endnu, så der er intet at lave en rapport om.",
                     "The store holds no data yet, so there is nothing to report on."),
    "report.bad_month": ("{option} skal være en måned som 2015-03, ikke »{value}«.",
                         "{option} must be a month such as 2015-03, not “{value}”."),
    "report.bad_window": ("--from ({start}) ligger efter --to ({end}).", "--from ({start}) is after --to ({end})."),
    "report.written": ("Rapporten er skrevet til {path} ({size} kB, {seconds} s).",
                       "The report is written to {path} ({size} kB, {seconds} s)."),
    "report.button": ("Lav rapport (PDF)", "Make report (PDF)"),
    "report.button_help": (
        "En PDF i A4 til kommunalbestyrelsen med overblikkets tal for de valgte filtre, vægte og sprog.",
        "An A4 PDF for the city council with the overview's figures for the chosen filters, weights and language.",
    ),
    "report.download": ("Hent rapporten", "Download the report"),
    "report.making": ("Laver rapporten …", "Making the report …"),
    # -- Text alternatives of charts -----------------------------------------------------------------------------
    "alt.series": ("Serie", "Series"),
    "alt.label": ("Navn", "Name"),
    "alt.value": ("Værdi", "Value"),
    "alt.x": ("x", "x"),
    "alt.one_series": ("én serie", "one series"),
    "alt.summary": ("Figuren »{title}« viser {rows} rækker data ({series}).",
                    "The chart “{title}” shows {rows} rows of data ({series})."),
    "alt.summary_empty": ("Figuren »{title}« har ingen data at vise.", "The chart “{title}” has no data to show."),
    "alt.summary_range": ("Højest: {high} ({high_value}). Lavest: {low} ({low_value}).",
                          "Highest: {high} ({high_value}). Lowest: {low} ({low_value})."),
    "alt.show_data": ("Vis tallene bag figuren", "Show the figures behind the chart"),
}
