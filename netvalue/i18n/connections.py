"""Text of the connections page (Vi skaber forbindelser) and its charts."""

TEXTS: dict[str, tuple[str, str]] = {
    "page.connections": ("Forbindelser", "Connections"),
    "connections.title": ("Vi skaber forbindelser", "We create connections"),
    "connections.intro": (
        "Netværkene borer huller i siloerne: de sætter enheder i arbejde sammen, som basisorganisationen holder "
        "adskilt, og rækker ud til borgere, foreninger og virksomheder. Siden viser, hvilke dele af "
        "organisationen der arbejder sammen i netværk, om forbindelserne vokser, og hvor meget af arbejdet der "
        "krydser direktørområderne eller går ud af kommunen.",
        "The networks drill holes in the silos: they put units to work together that the line organisation "
        "keeps apart, and reach out to citizens, associations and businesses. This page shows which parts of "
        "the organisation work together in networks, whether the connections grow, and how much of the work "
        "crosses director areas or leaves the municipality.",
    ),
    "connections.window": ("Perioden: {window}. Udsnittet: {networks} netværk.",
                           "The period: {window}. The selection: {networks} networks."),
    "connections.empty.no_pairs": (
        "I perioden er der ingen to enheder, der er med i det samme netværk på samme tid.",
        "In the period no two units take part in the same network at the same time.",
    ),
    # Metrics
    "connections.metric.connections": ("Forbindelser", "Connections"),
    "connections.metric.cross_area": ("På tværs af direktørområder", "Across director areas"),
    "connections.metric.external": ("Ud af kommunen", "Out of the municipality"),
    "connections.metric.units": ("Forbundne enheder", "Connected units"),
    # Facts
    "connections.facts.window": (
        "I perioden arbejdede **{units}** enheder sammen i **{connections}** forbindelser: **{cross}** gik på "
        "tværs af direktørområder, og **{external}** gik ud af kommunen til borgere og partnere.",
        "In the period **{units}** units worked together in **{connections}** connections: **{cross}** crossed "
        "director areas, and **{external}** reached out of the municipality to citizens and partners.",
    ),
    "connections.facts.share_up": (
        "I {year} krydsede **{share}** af forbindelserne mellem kommunens enheder direktørområder, mod {prev} i "
        "{prev_year}.",
        "In {year}, **{share}** of the connections between the municipality's units crossed director areas, up "
        "from {prev} in {prev_year}.",
    ),
    "connections.facts.share_down": (
        "I {year} krydsede **{share}** af forbindelserne mellem kommunens enheder direktørområder, mod {prev} i "
        "{prev_year}.",
        "In {year}, **{share}** of the connections between the municipality's units crossed director areas, "
        "down from {prev} in {prev_year}.",
    ),
    "connections.facts.share_same": (
        "I {year} krydsede **{share}** af forbindelserne mellem kommunens enheder direktørområder, som i "
        "{prev_year}.",
        "In {year}, **{share}** of the connections between the municipality's units crossed director areas, "
        "the same as in {prev_year}.",
    ),
    "connections.facts.share_one": (
        "I {year} krydsede **{share}** af forbindelserne mellem kommunens enheder direktørområder.",
        "In {year}, **{share}** of the connections between the municipality's units crossed director areas.",
    ),
    "connections.facts.new": (
        "**{new}** af forbindelserne i {year} var nye: de to enheder havde ikke før været i netværk sammen.",
        "**{new}** of the connections in {year} were new: the two units had not been in a network together "
        "before.",
    ),
    "connections.facts.bridge": (
        "Den stærkeste brobygger er **{name}** ({area}): den ligger på flest af de korteste veje mellem "
        "enhederne og har forbindelser til {areas}.",
        "The strongest bridge is **{name}** ({area}): it lies on most of the shortest paths between the units "
        "and has connections into {areas}.",
    ),
    "connections.facts.areas.0": ("ingen andre direktørområder", "no other director area"),
    "connections.facts.areas.1": ("ét andet direktørområde", "one other director area"),
    "connections.facts.areas.n": ("{n} andre direktørområder", "{n} other director areas"),
    "connections.facts.cut_some": (
        "**{n}** enheder holder forbindelsesnettet sammen: uden én af dem ville nogle enheder miste al "
        "forbindelse til resten.",
        "**{n}** units hold the web of connections together: without any one of them some units would lose "
        "every connection to the rest.",
    ),
    "connections.facts.cut_one": (
        "**Én** enhed holder forbindelsesnettet sammen: uden den ville nogle enheder miste al forbindelse til "
        "resten.",
        "**One** unit holds the web of connections together: without it some units would lose every "
        "connection to the rest.",
    ),
    "connections.facts.cut_none": (
        "Ingen enkelt enhed holder forbindelsesnettet sammen alene: fjernes én, hænger resten stadig sammen.",
        "No single unit holds the web of connections together alone: remove any one and the rest still hangs "
        "together.",
    ),
    "connections.facts.communities": (
        "Netværkene samler enhederne i **{k}** arbejdsfællesskaber. De ligner direktørområderne med et "
        "justeret Rand-indeks på **{ari}** (1: fællesskaberne er direktørområderne; 0: ikke mere ens end "
        "tilfældigt).",
        "The networks gather the units into **{k}** working communities. They resemble the director areas "
        "with an adjusted Rand index of **{ari}** (1: the communities are the director areas; 0: no more alike "
        "than chance).",
    ),
    # Sections
    "connections.section.graph": ("Hvem arbejder sammen?", "Who works together?"),
    "connections.section.matrix": ("Hvilke siloer mødes?", "Which silos meet?"),
    "connections.section.path": ("Vokser forbindelserne?", "Do the connections grow?"),
    "connections.section.bridges": ("Brobyggere og arbejdsfællesskaber", "Bridges and working communities"),
    # Graph chart
    "connections.level": ("Vis grafen som", "Show the graph as"),
    "connections.level.auto": ("Automatisk", "Automatic"),
    "connections.level.unit": ("Enheder", "Units"),
    "connections.level.centre": ("Centre", "Centres"),
    "connections.level.area": ("Direktørområder", "Director areas"),
    "connections.chart.graph.title": ("Forbindelser i perioden ({level})", "Connections in the period ({level})"),
    "connections.chart.graph.level.unit": ("enheder", "units"),
    "connections.chart.graph.level.centre": ("samlet pr. center", "grouped by centre"),
    "connections.chart.graph.level.area": ("samlet pr. direktørområde", "grouped by director area"),
    "connections.chart.graph.x": ("Tæt på hinanden: arbejder meget sammen i netværk",
                                  "Close together: work a lot together in networks"),
    "connections.chart.graph.y": ("Placeringen har ingen skala", "The placement has no scale"),
    "connections.chart.graph.edges": ("Fælles netværk: {label}", "Shared networks: {label}"),
    "connections.chart.graph.hover": (
        "{name}<br>{area}<br>{networks} netværk · {members} enheder",
        "{name}<br>{area}<br>{networks} networks · {members} units",
    ),
    "connections.external": ("Eksterne (borgere og partnere)", "External (citizens and partners)"),
    "connections.alt.graph": (
        "Grafen viser {nodes} {what} og {edges} forbindelser mellem dem i perioden; {cross} af forbindelserne "
        "går på tværs af direktørområder.",
        "The graph shows {nodes} {what} and {edges} connections between them in the period; {cross} of the "
        "connections cross director areas.",
    ),
    "connections.alt.what.unit": ("enheder", "units"),
    "connections.alt.what.centre": ("centre og enheder uden center", "centres and units without a centre"),
    "connections.alt.what.area": ("direktørområder og eksterne", "director areas and external actors"),
    "connections.how_graph": (
        "Sådan læses den: hver prik er en enhed (eller et center eller direktørområde, når der er for mange til "
        "at se), farvet efter direktørområde; eksterne aktører er grå ruder. Prikkens størrelse er antallet af "
        "netværk, den er med i. En streg betyder, at to enheder var med i samme netværk på samme tid; jo "
        "tykkere, jo flere fælles netværk. Placeringen er beregnet, så enheder, der arbejder meget sammen, "
        "ligger tæt; den er den samme, hver gang siden vises.",
        "How to read this: each dot is a unit (or a centre or director area when there are too many to see), "
        "coloured by director area; external actors are grey diamonds. The dot's size is the number of "
        "networks it takes part in. A line means two units took part in the same network at the same time; "
        "the thicker, the more shared networks. The placement is computed so that units that work a lot "
        "together lie close; it is the same every time the page is shown.",
    ),
    # Matrix chart
    "connections.chart.matrix.title": ("Forbindelser mellem direktørområder", "Connections between director areas"),
    "connections.chart.matrix.axis": ("Direktørområde", "Director area"),
    "connections.chart.matrix.between": ("Mellem to områder", "Between two areas"),
    "connections.chart.matrix.within": ("Inden for ét område", "Within one area"),
    "connections.chart.matrix.hover": ("{a} · {b}: {n} forbindelser", "{a} · {b}: {n} connections"),
    "connections.alt.matrix": (
        "Flest forbindelser på tværs går mellem {a} og {b} ({n}); {within} forbindelser ligger inden for ét "
        "område.",
        "Most connections across areas run between {a} and {b} ({n}); {within} connections lie within one "
        "area.",
    ),
    "connections.alt.matrix_none": (
        "Ingen forbindelser går på tværs af områderne; {within} ligger inden for ét område.",
        "No connections cross the areas; {within} lie within one area.",
    ),
    "connections.how_matrix": (
        "Sådan læses den: tallet i et felt er antallet af par af enheder fra de to områder, der var med i samme "
        "netværk på samme tid i perioden. Diagonalen (grå) er forbindelser inden for ét område; de farvede "
        "felter er siloer, der mødes. Eksterne aktører har deres egen række.",
        "How to read this: the number in a cell is the number of pairs of units from the two areas that took "
        "part in the same network at the same time in the period. The diagonal (grey) holds connections within "
        "one area; the coloured cells are silos meeting. External actors have a row of their own.",
    ),
    # Yearly path
    "connections.chart.path.title": ("Forbindelser år for år", "Connections year by year"),
    "connections.chart.path.connections": ("Forbindelser", "Connections"),
    "connections.chart.path.new": ("Nye forbindelser", "New connections"),
    "connections.chart.path.cross_share": ("Andel på tværs af direktørområder", "Share across director areas"),
    "connections.chart.path.external_share": ("Andel ud af kommunen", "Share out of the municipality"),
    "connections.chart.path.year": ("År", "Year"),
    "connections.chart.path.count_axis": ("Antal forbindelser", "Number of connections"),
    "connections.chart.path.share_axis": ("Andel (%)", "Share (%)"),
    "connections.alt.path": (
        "Fra {first} til {last} gik forbindelserne fra {c0} til {c1}, og andelen på tværs af direktørområder "
        "fra {s0} til {s1}.",
        "From {first} to {last} the connections went from {c0} to {c1}, and the share across director areas "
        "from {s0} to {s1}.",
    ),
    "connections.alt.path_one": (
        "I {first} var der {c0} forbindelser, og {s0} af dem mellem kommunens enheder gik på tværs af "
        "direktørområder.",
        "In {first} there were {c0} connections, and {s0} of those between the municipality's units crossed "
        "director areas.",
    ),
    "connections.how_path": (
        "Sådan læses den: hele kalenderår, som perioden rører. Øverst antallet af forbindelser (linje) og de "
        "nye (søjler: par, der ikke har været forbundet i et tidligere år). Nederst andelen af forbindelserne "
        "mellem kommunens enheder, der krydser direktørområder, og andelen af alle forbindelser, der går ud af "
        "kommunen.",
        "How to read this: whole calendar years the period touches. At the top, the number of connections "
        "(line) and the new ones (bars: pairs not connected in any earlier year). At the bottom, the share of "
        "the connections between the municipality's units that cross director areas, and the share of all "
        "connections that leave the municipality.",
    ),
    # Bridges and communities
    "connections.bridges.caption": (
        "De enheder, der ligger på flest af de korteste veje mellem andre enheder (mellemled-centralitet, på "
        "engelsk betweenness), "
        "øverst. »Holder sammen« betyder, at grafen falder fra hinanden uden enheden (et artikulationspunkt). "
        "Eksterne aktører er ikke med her: borgerne er med i næsten alle netværk og ville stå som bro for alt.",
        "The units that lie on most of the shortest paths between other units (betweenness centrality) first. "
        "'Holds together' means the graph falls apart without the unit (an articulation point). External "
        "actors are left out here: citizens take part in nearly every network and would stand as the bridge "
        "of everything.",
    ),
    "connections.bridges.estimated": (
        "Med så mange enheder er mellemled-centraliteten anslået ud fra {k} tilfældigt valgte (men faste) "
        "startenheder.",
        "With this many units, betweenness is estimated from {k} randomly chosen (but fixed) starting units.",
    ),
    "connections.bridges.name": ("Enhed", "Unit"),
    "connections.bridges.area": ("Direktørområde", "Director area"),
    "connections.bridges.connections": ("Forbindelser", "Connections"),
    "connections.bridges.areas_reached": ("Andre områder nået", "Other areas reached"),
    "connections.bridges.betweenness": ("Mellemled (0–1)", "Betweenness (0–1)"),
    "connections.bridges.articulation": ("Holder sammen", "Holds together"),
    "connections.communities.caption": (
        "Arbejdsfællesskaber fundet i grafen (Louvain-metoden med fast startværdi) mod de formelle "
        "direktørområder: tallene er enheder. Et fællesskab, der spænder over flere kolonner, er en måde at "
        "arbejde på, som organisationsdiagrammet ikke viser.",
        "Working communities found in the graph (the Louvain method with a fixed seed) against the formal "
        "director areas: the numbers are units. A community that spans several columns is a way of working "
        "the organisation chart does not show.",
    ),
    "connections.communities.community": ("Fællesskab {n}", "Community {n}"),
    "connections.communities.label": ("Fællesskab", "Community"),
    "connections.yes": ("ja", "yes"),
    "connections.no": ("", ""),
    # Method
    "connections.method.title": ("Sådan er tallene regnet", "How the figures are computed"),
    "connections.method.body": (
        "- **Knude**: hver enhed, der er med i et netværk – på ethvert niveau (et helt center, der er med, er sin "
        "egen knude ved siden af centrets enheder) og eksterne aktører.\n"
        "- **Direktørområde** for en knude: det nærmeste direktørområde på vejen op i organisationen (knuden "
        "selv medregnet). Eksterne aktører hører til »eksterne«; en enhed uden direktørområde over sig er sit "
        "eget område.\n"
        "- **Forbindelse**: to forskellige knuder, der er med i det samme netværk med perioder (fra tiltrædelse "
        "til fratrædelse, begge dage medregnet; uden fratrædelse er de stadig med), som overlapper hinanden i "
        "mindst én dag. Et par tælles én gang, uanset hvor mange netværk der forbinder det.\n"
        "- **På tværs af direktørområder**: begge knuder er i kommunen og i hvert sit område. **Ud af "
        "kommunen**: præcis én af dem er ekstern. **Andel på tværs** = forbindelser på tværs / forbindelser "
        "mellem to knuder i kommunen.\n"
        "- **Nye** i et år: par, der er forbundet i året og ikke i et tidligere år.\n"
        "- **Nøgletallene** gælder perioden; pilene sammenligner med den lige så lange periode lige før, når den "
        "ligger inden for data.\n"
        "- **Filtrene**: netværkstyper og del af organisationen vælger netværkene (som på de andre sider); med "
        "en valgt del af organisationen tælles de forbindelser, hvor mindst én af de to knuder ligger i den. "
        "Grafen, matricen, brobyggerne og fællesskaberne gælder dagene i den valgte periode; udviklingen år for "
        "år tæller hele kalenderår.\n"
        "- **Grafen**: over {max_nodes} knuder samles enhederne i deres center (og ellers i direktørområder); "
        "stregens tykkelse er antallet af forskellige netværk, der forbinder de to. Placeringen er en "
        "fjedermodel (networkx, fast startværdi).\n"
        "- **Brobyggere**: mellemled-centralitet (andelen af korteste veje mellem andre enheder, der går gennem "
        "enheden, 0–1) og artikulationspunkter (enheder, uden hvilke grafen falder fra hinanden), beregnet på "
        "kommunens egne enheder.\n"
        "- **Arbejdsfællesskaber**: Louvain-metoden (vægtet med fælles netværk, fast startværdi) sammenlignet "
        "med direktørområderne med det justerede Rand-indeks.\n"
        "- Kommandolinjen `python -m netvalue connections` giver tabellen år for år for hele databasen.",
        "- **Node**: every unit taking part in a network – at any level (a whole centre taking part is a node of "
        "its own beside the centre's units) – and external actors.\n"
        "- **Director area** of a node: the nearest director area on the way up the organisation (the node "
        "itself included). External actors belong to 'external'; a unit with no director area above it is "
        "its own area.\n"
        "- **Connection**: two distinct nodes taking part in the same network with spells (joined to left, "
        "both days included; with no leaving date they still take part) that overlap each other on at least "
        "one day. A pair counts once, however many networks connect it.\n"
        "- **Across director areas**: both nodes are in the municipality, in different areas. **Out of the "
        "municipality**: exactly one of them is external. **Share across** = connections across / connections "
        "between two nodes in the municipality.\n"
        "- **New** in a year: pairs connected in the year and in no earlier year.\n"
        "- **The key figures** cover the period; the arrows compare with the window of equal length just before "
        "it, when that lies within the data.\n"
        "- **The filters**: network types and part of the organisation pick the networks (as on the other "
        "pages); with a part of the organisation chosen, the connections with at least one of the two nodes "
        "in it count. The graph, the matrix, the bridges and the communities cover the days of the chosen "
        "period; the year-by-year path counts whole calendar years.\n"
        "- **The graph**: above {max_nodes} nodes the units are grouped into their centre (else into director "
        "areas); a line's thickness is the number of distinct networks connecting the two. The placement is a "
        "spring model (networkx, fixed seed).\n"
        "- **Bridges**: betweenness centrality (the share of shortest paths between other units that pass "
        "through the unit, 0–1) and articulation points (units without which the graph falls apart), computed "
        "on the municipality's own units.\n"
        "- **Working communities**: the Louvain method (weighted by shared networks, fixed seed) compared with "
        "the director areas by the adjusted Rand index.\n"
        "- The command line `python -m netvalue connections` gives the year-by-year table for the whole store.",
    ),
}
