"""Text of the ripples page (Ringe i vandet) and its charts."""

TEXTS: dict[str, tuple[str, str]] = {
    "ripples.title": ("Ringe i vandet", "Ripples in the water"),
    "ripples.intro": (
        "Netværk breder sig fra det sted, hvor de starter: hjemmeenheden, naboerne i centret, "
        "direktørområdet, hele kommunen og ud til borgere, virksomheder og andre kommuner. Siden viser, hvordan "
        "netværksarbejdet har bredt sig over tid og i organisationen – og hvor det aldrig er nået hen.",
        "Networks spread from where they start: the home unit, its neighbours in the centre, the director "
        "area, the whole municipality and out to citizens, businesses and other municipalities. This page "
        "shows how network work has spread over time and across the organisation – and where it never reached.",
    ),
    # Rings
    "ripples.ring.0": ("Ring 0 · hjemmeenheden", "Ring 0 · the home unit"),
    "ripples.ring.1": ("Ring 1 · samme center", "Ring 1 · same centre"),
    "ripples.ring.2": ("Ring 2 · samme direktørområde", "Ring 2 · same director area"),
    "ripples.ring.3": ("Ring 3 · resten af kommunen", "Ring 3 · rest of the municipality"),
    "ripples.ring.4": ("Ring 4 · uden for kommunen", "Ring 4 · outside the municipality"),
    # Facts
    "ripples.facts.header": ("Fakta for udvalget", "Facts for the selection"),
    "ripples.facts.first_year": (
        "**{n}** netværk arbejdede i de første tolv måneder ({start} – {end}).",
        "**{n}** networks were working in the first twelve months ({start} – {end}).",
    ),
    "ripples.facts.units": (
        "**{reached}** af {total} enheder har været med i et netværk i perioden; **{never}** af enhederne er "
        "aldrig nået.",
        "**{reached}** of {total} units have taken part in a network in the period; **{never}** of the units "
        "were never reached.",
    ),
    "ripples.facts.top_unit": (
        "Flest netværk i én enhed: **{unit}** med {n} netværk (i dybden).",
        "Most networks in one unit: **{unit}** with {n} networks (in depth).",
    ),
    "ripples.facts.growth": (
        "Det seneste år ({start} – {end}) voksede **{rings}** mest: +{n}. Nye enheder med pr. ring: {per_ring}.",
        "In the last year ({start} – {end}) **{rings}** grew most: +{n}. New units taking part per ring: "
        "{per_ring}.",
    ),
    "ripples.facts.no_growth": (
        "Det seneste år ({start} – {end}) er ingen nye enheder kommet med.",
        "In the last year ({start} – {end}) no new units joined.",
    ),
    "ripples.facts.and": (" og ", " and "),
    "ripples.metric.networks": ("Netværk i udvalget", "Networks in the selection"),
    "ripples.metric.first_year": ("Arbejdende netværk det første år", "Working networks in the first year"),
    "ripples.metric.reached": ("Enheder nået", "Units reached"),
    "ripples.metric.never": ("Enheder aldrig nået", "Units never reached"),
    # Ripple chart
    "ripples.section.rings": ("Ringene vokser", "The rings grow"),
    "ripples.choose_network": ("Netværk", "Network"),
    "ripples.all_networks": ("Alle netværk i udvalget", "All networks in the selection"),
    "ripples.grain": ("Tidstrin", "Time step"),
    "ripples.grain.month": ("Måned", "Month"),
    "ripples.grain.quarter": ("Kvartal", "Quarter"),
    "ripples.share_link": ("Del dette netværk med linket: `?network={network}`",
                           "Share this network with the link: `?network={network}`"),
    "ripples.chart.ripple.title": ("Ringe i vandet: {name}", "Ripples: {name}"),
    "ripples.chart.ripple.bars": ("Enheder med nu", "Units taking part now"),
    "ripples.chart.ripple.bars_all": ("Enheder med nu (talt pr. netværk)", "Units taking part now (per network)"),
    "ripples.chart.ripple.hover": (
        "{units} af {places} pladser i ringen er med nu ({share})<br>{people} personer<br>"
        "{reached} nået indtil nu",
        "{units} of {places} places in the ring take part now ({share})<br>{people} people<br>"
        "{reached} reached so far",
    ),
    "ripples.chart.ripple.people": ("pers.", "people"),
    "ripples.play": ("▶ Afspil", "▶ Play"),
    "ripples.pause": ("❚❚ Pause", "❚❚ Pause"),
    "ripples.how_ripple": (
        "Sådan læses den: hver ring er en afstand fra netværkets hjemmeenhed (0 i midten, 4 uden for "
        "kommunen). Den farvede bue viser, hvor stor en del af ringens enheder der er med i den valgte "
        "måned; søjlerne til højre viser antallet. Tryk ▶ eller træk i skyderen for at se ringene vokse.",
        "How to read this: each ring is a distance from the network's home unit (0 in the middle, 4 outside "
        "the municipality). The coloured arc shows how much of the ring's units take part in the chosen month; "
        "the bars on the right give the count. Press ▶ or drag the slider to watch the rings grow.",
    ),
    "ripples.how_ripple_all": (
        "For alle netværk samlet tælles hver enhed én gang pr. netværk, den er med i, og buen er andelen af "
        "alle de pladser, netværkene kunne nå i ringen.",
        "For all networks together a unit counts once per network it takes part in, and the arc is the share "
        "of all the places the networks could reach in that ring.",
    ),
    # Spread over time
    "ripples.section.time": ("Udbredelse over tid", "Spread over time"),
    "ripples.chart.spread.title": ("Netværk, enheder og personer måned for måned",
                                   "Networks, units and people month by month"),
    "ripples.chart.spread.networks": ("Aktive netværk", "Active networks"),
    "ripples.chart.spread.units": ("Enheder nået", "Units reached"),
    "ripples.chart.spread.people": ("Personer med", "People taking part"),
    "ripples.chart.spread.all": ("Alle typer", "All types"),
    "ripples.how_spread": (
        "Sådan læses den: linjerne viser pr. måned antallet af aktive netværk, interne enheder med i mindst ét "
        "netværk og personer med (også borgere og partnere), pr. netværkstype og i alt (sort, stiplet).",
        "How to read this: per month, the lines show active networks, internal units taking part in at least "
        "one network and people taking part (citizens and partners included), per network type and in total "
        "(black, dotted).",
    ),
    "ripples.chart.events.title": ("Netværk startet, knopskudt og afsluttet pr. kvartal",
                                   "Networks started, budded and ended per quarter"),
    "ripples.chart.events.new": ("Startet som nyt", "Started as new"),
    "ripples.chart.events.budded": ("Startet ved knopskydning", "Started by budding"),
    "ripples.chart.events.ended": ("Afsluttet", "Ended"),
    "ripples.chart.events.cumulative": ("Startet i alt (højre akse)", "Started in total (right axis)"),
    "ripples.chart.events.axis": ("Netværk i kvartalet", "Networks in the quarter"),
    "ripples.chart.events.axis_cum": ("Startet i alt", "Started in total"),
    "ripples.how_events": (
        "Sådan læses den: søjler over nul er netværk, der startede i kvartalet (nye og knopskudte), søjler "
        "under nul dem, der sluttede. Linjen er det samlede antal startede netværk.",
        "How to read this: bars above zero are networks that started in the quarter (new and budded), bars "
        "below zero those that ended. The line is the total number of networks started.",
    ),
    # Across units
    "ripples.section.units": ("På tværs af organisationen", "Across the organisation"),
    "ripples.chart.heatmap.title": ("Aktive netværk pr. enhed pr. måned", "Active networks per unit per month"),
    "ripples.chart.heatmap.colour": ("Netværk", "Networks"),
    "ripples.chart.heatmap.hover": ("{unit}<br>{period}: {n} netværk", "{unit}<br>{period}: {n} networks"),
    "ripples.how_heatmap": (
        "Sådan læses den: én række pr. enhed i organisationens rækkefølge (direktørområde → center → enhed), "
        "én kolonne pr. måned. Jo mørkere, jo flere netværk; grå rækker er aldrig nået. Områder og centre (fed) "
        "viser kun de netværk, de selv deltager i som helhed.",
        "How to read this: one row per unit in the order of the organisation (director area → centre → unit), "
        "one column per month. The darker, the more networks; grey rows were never reached. Areas and centres (bold) "
        "show only the networks they take part in as a whole.",
    ),
    "ripples.colour_by": ("Farve efter", "Colour by"),
    "ripples.colour_by.networks": ("Antal netværk", "Number of networks"),
    "ripples.colour_by.value": ("Samlet værdi", "Overall value"),
    "ripples.chart.tree.title": ("Organisationen farvet efter netværksarbejde",
                                 "The organisation coloured by network work"),
    "ripples.chart.tree.networks": ("{n} netværk", "{n} networks"),
    "ripples.chart.tree.value": ("værdi {v}", "value {v}"),
    "ripples.chart.tree.no_value": ("ingen værdi målt", "no value measured"),
    "ripples.how_tree": (
        "Sådan læses den: hver boks er en del af organisationen; klik for at zoome ind. Farven er antallet af "
        "netværk med i den del af organisationen i perioden (eller deres gennemsnitlige samlede værdi). Lyse "
        "bokse er ikke nået.",
        "How to read this: each box is a part of the organisation; click to zoom in. The colour is the number "
        "of networks taking part in that part of the organisation in the period (or their mean overall value). "
        "Pale boxes were not reached.",
    ),
    # Budding
    "ripples.section.budding": ("Knopskydning", "Budding"),
    "ripples.chart.budding.title": ("Hvilke netværk er skudt ud fra hvilke", "Which networks budded from which"),
    "ripples.chart.budding.bud": ("Knopskydning", "Budding"),
    "ripples.chart.budding.hover": (
        "{name}<br>Generation {generation} · {origin}<br>{start} – {end}<br>{value}",
        "{name}<br>Generation {generation} · {origin}<br>{start} – {end}<br>{value}",
    ),
    "ripples.chart.budding.running": ("i gang", "running"),
    "ripples.how_budding": (
        "Sådan læses den: hver vandret streg er et netværks levetid, farvet efter type; de stiplede linjer "
        "viser, hvilket netværk en knop er skudt ud fra. Tallet til højre er netværkets samlede værdi.",
        "How to read this: each horizontal line is a network's lifetime, coloured by type; the dotted lines "
        "show which network a bud came from. The number on the right is the network's overall value.",
    ),
    "ripples.no_budding": ("Ingen netværk i udvalget er skudt ud fra andre.",
                           "No network in the selection budded from another."),
    "ripples.no_budding_network": ("{network} er hverken skudt ud fra et andet netværk eller har skudt knopper.",
                                   "{network} neither budded from another network nor has buds."),
    "ripples.budding.by_generation": ("Værdi efter generation", "Value by generation"),
    "ripples.budding.by_origin": ("Værdi efter oprindelse", "Value by origin"),
    "ripples.budding.generation": ("Generation", "Generation"),
    "ripples.budding.origin": ("Oprindelse", "Origin"),
    "ripples.budding.n": ("Netværk", "Networks"),
    "ripples.budding.n_scored": ("Med værdi", "With a value"),
    "ripples.budding.mean": ("Gns. samlet værdi", "Mean overall value"),
    "ripples.budding.answer": (
        "Netværk skudt ud fra et afsluttet netværk har i gennemsnit værdien **{bud}** (n = {n_bud}) mod "
        "**{new}** for nye netværk (n = {n_new}). Få netværk: læs det som et fingerpeg, ikke et bevis.",
        "Networks budded from a finished network have a mean value of **{bud}** (n = {n_bud}) against "
        "**{new}** for new networks (n = {n_new}). Few networks: read it as a hint, not proof.",
    ),
    "ripples.how_budding_table": (
        "Sådan læses den: generation 0 er netværk uden forælder; en knop er én generation længere nede.",
        "How to read this: generation 0 are networks without a parent; a bud is one generation further down.",
    ),
    "ripples.origin.new": ("Nyt netværk", "New network"),
    "ripples.origin.from_ended": ("Knop af afsluttet netværk", "Bud of a finished network"),
    "ripples.origin.from_running": ("Knop af kørende netværk", "Bud of a running network"),
    "ripples.origin.unknown": ("Ukendt forælder", "Unknown parent"),
    # Method
    "ripples.method.title": ("Sådan er ringene og tallene lavet", "How the rings and figures are made"),
    "ripples.method.body": (
        "- **Ringe** ses fra netværkets hjemmeenhed: 0 hjemmeenheden, 1 andre enheder under samme center (og "
        "centret selv), 2 resten af samme direktørområde, 3 resten af kommunen, 4 uden for kommunen (eksterne "
        "aktører).\n"
        "- **Hjemmeenheden er et center**: centrets egne enheder er ring 1. **Et direktørområde**: ring 1 er tom, "
        "alt i området er ring 2. **Kommunen selv**: alle interne enheder er ring 3. **En ekstern aktør**: andre "
        "eksterne er ring 4, alle interne enheder ring 3.\n"
        "- **Et center eller område, der deltager som helhed**, får ringen for sin egen plads i træet.\n"
        "- **Aktiv i en måned**: tilmeldt senest sidste dag i måneden og ikke udtrådt før første dag i "
        "måneden. En enhed, der **træder ud og ind igen**, er med i begge perioder, ikke i pausen, og tælles "
        "én gang pr. måned (personer fra den seneste tilmelding). Den er *nået* én gang: første gang den var med.\n"
        "- **Pladser i en ring** er alle enheder i organisationstræet i den ring (også centre og områder).\n"
        "- **Fejl i organisationstræet** (en ring af overordnede eller en manglende overordnet) får ikke siden "
        "til at hænge: vejen op stopper ved første gentagelse, og ringen afgøres ud fra det, der blev fundet. "
        "En enhed, der slet ikke findes i træet, kan ikke placeres og udelades af ringene.\n"
        "- **Knopskydning**: generation 0 har ingen forælder; en ukendt forælder giver generation 1; netværk i "
        "en ring af forældre får ingen generation.\n"
        "- **Enheder nået / aldrig nået** tæller de arbejdende enheder nederst i træet i den valgte del af "
        "organisationen.",
        "- **Rings** are seen from the network's home unit: 0 the home unit, 1 other units under the same "
        "centre (and the centre itself), 2 the rest of the same director area, 3 the rest of the municipality, "
        "4 outside the municipality (external actors).\n"
        "- **The home unit is a centre**: the centre's own units are ring 1. **A director area**: ring 1 is "
        "empty and everything in the area is ring 2. **The municipality itself**: every internal unit is ring 3. "
        "**An external actor**: other externals are ring 4, every internal unit ring 3.\n"
        "- **A centre or area taking part as a whole** gets the ring of its own place in the tree.\n"
        "- **Active in a month**: joined on or before the month's last day and not left before its first day. "
        "A unit that **leaves and joins again** takes part in both spells, not in the gap, and counts once per "
        "month (people from the latest spell). It is *reached* once: the first time it took part.\n"
        "- **Places in a ring** are all entries of the org tree in that ring (centres and areas included).\n"
        "- **A malformed org tree** (a loop of parents or a missing parent) never hangs the page: the way up "
        "stops at the first repeat and the ring is decided on what was found. A unit not in the tree at all "
        "cannot be placed and is left out of the rings.\n"
        "- **Budding**: generation 0 has no parent; an unknown parent gives generation 1; networks in a loop of "
        "parents get no generation.\n"
        "- **Units reached / never reached** count the working units at the bottom of the tree in the chosen "
        "part of the organisation.",
    ),
}
