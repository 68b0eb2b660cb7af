"""Texts of the depth-versus-breadth page (i dybden eller i bredden)."""

TEXTS: dict[str, tuple[str, str]] = {
    "depth.title": ("I dybden eller i bredden?", "In depth or in breadth?"),
    "depth.intro": (
        "Skal kommunen arbejde i dybden – mange netværk i få dele af organisationen – eller i bredden – netværk "
        "i mange dele? Her er tallene, med deres usikkerhed.",
        "Should the municipality work in depth – many networks in few parts of the organisation – or in "
        "breadth – networks in many parts? Here are the figures, with their uncertainty.",
    ),
    # Controls
    "depth.level": ("Niveau", "Level"),
    "depth.level_help": (
        "Deltagelse rulles op i organisationstræet til det valgte niveau: en enheds netværk tæller for dens "
        "center og direktørområde.",
        "Participation is rolled up the org tree to the chosen level: a unit's networks count for its centre "
        "and director area.",
    ),
    "depth.activity": ("Aktivitet måles som", "Activity is measured as"),
    "depth.activity.networks": ("Antal netværk", "Number of networks"),
    "depth.activity.people": ("Antal deltagende personer", "Number of people taking part"),
    "depth.activity_help": (
        "Bruges til koncentrationen (HHI, Gini, Lorenz). Dybde er altid antal netværk.",
        "Used for concentration (HHI, Gini, Lorenz). Depth is always the number of networks.",
    ),
    "depth.grain": ("Forløb pr.", "Path per"),
    "depth.grain.quarter": ("Kvartal", "Quarter"),
    "depth.grain.year": ("År", "Year"),
    "depth.k": ("Dybt = mindst k netværk", "Deep = at least k networks"),
    "depth.k_help": (
        "Sammenligningen stiller dem med mindst k netværk over for dem med præcis ét.",
        "The comparison sets those with at least k networks against those with exactly one.",
    ),
    "depth.basis": ("Dybde tælles", "Depth is counted"),
    "depth.basis.year": ("År for år", "Year by year"),
    "depth.basis.period": ("Over hele perioden", "Over the whole period"),
    "depth.basis_help": (
        "År for år: hver af {entities} tælles for sig i hvert år (netværk det år, værdi det år); usikkerheden "
        "beregnes, så samme enhed i flere år ikke tæller som uafhængige beviser. Over hele perioden: netværk "
        "lægges sammen over hele den valgte periode, så i en lang periode er næsten alle berørt flere gange.",
        "Year by year: each of the {entities} counts once per year (networks that year, value that year); the "
        "uncertainty is computed so that one unit in several years does not pass for independent evidence. Over "
        "the whole period: networks add up over the whole chosen period, so in a long period almost all are "
        "touched several times.",
    ),
    "depth.entities.unit": ("enheder", "units"),
    "depth.entities.centre": ("centre", "centres"),
    "depth.entities.area": ("direktørområder", "director areas"),
    "depth.weights_note": (
        "Vægte i brug: {weights}. Vægtene påvirker kun den samlede værdi; de tre ben vises hver for sig.",
        "Weights in use: {weights}. The weights only affect overall value; the three legs are shown one by one.",
    ),
    "depth.activity_note": (
        "Aktivitet her: {activity}, i perioden {start} – {end}, for netværk af de valgte typer.",
        "Activity here: {activity}, in the period {start} – {end}, for networks of the chosen types.",
    ),
    "depth.unattributed": (
        "{n} deltagelser af hele centre eller direktørområder kan ikke henføres til én af {entities} og tælles "
        "ikke med her.",
        "{n} participations by whole centres or director areas cannot be given to one of the {entities} and are "
        "not counted here.",
    ),
    "depth.no_entities": ("Der er ingen {entities} i den valgte del af organisationen.",
                          "There are no {entities} in the chosen part of the organisation."),
    # Sections
    "depth.h.measures": ("Bredde, dybde og koncentration i perioden", "Breadth, depth and concentration in the period"),
    "depth.h.path": ("Organisationens vej mellem dybde og bredde", "The organisation's path between depth and breadth"),
    "depth.h.value": ("Værdi og dybde", "Value and depth"),
    "depth.h.compare": ("Dybt arbejdede mod berørt én gang", "Deeply worked against touched once"),
    "depth.h.table": ("Tabel pr. {entity}", "Table per {entity}"),
    "depth.h.method": ("Definitioner og forbehold", "Definitions and caveats"),
    # Metrics
    "depth.m.breadth": ("Bredde", "Breadth"),
    "depth.m.breadth_value": ("{reached} af {n} {entities} nået", "{reached} of {n} {entities} reached"),
    "depth.m.breadth_help": ("Andel af {entities} med mindst ét netværk.",
                             "Share of the {entities} with at least one network."),
    "depth.m.depth": ("Dybde (netværk pr. nået)", "Depth (networks per reached)"),
    "depth.m.depth_help": ("Gennemsnit; medianen er {median}, højst {max}.",
                           "Mean; the median is {median}, the most {max}."),
    "depth.m.hhi": ("Koncentration (HHI)", "Concentration (HHI)"),
    "depth.m.hhi_help": ("Summen af kvadrerede aktivitetsandele: 1/n ved jævn spredning, 1 når én har alt.",
                         "Sum of squared activity shares: 1/n when even, 1 when one has it all."),
    "depth.m.effective": ("Effektivt antal (1/HHI)", "Effective number (1/HHI)"),
    "depth.m.effective_help": ("Så mange {entities} med lige meget aktivitet ville give samme koncentration.",
                               "This many {entities} with equal activity would give the same concentration."),
    "depth.m.gini": ("Gini", "Gini"),
    "depth.m.gini_help": ("0 = jævnt fordelt over alle {entities} (også dem uden netværk); tæt på 1 = samlet hos få.",
                          "0 = even over all {entities} (those without networks too); near 1 = held by a few."),
    # Groups
    "depth.group.none": ("Ingen netværk", "No networks"),
    "depth.group.once": ("Ét netværk", "One network"),
    "depth.group.between": ("Imellem", "In between"),
    "depth.group.deep": ("Dybt (mindst {k})", "Deep (at least {k})"),
    # Charts
    "depth.chart.distribution.title": ("Hvor mange netværk har hver af {entities}?",
                                       "How many networks does each of the {entities} have?"),
    "depth.chart.networks_axis": ("Netværk pr. {entity}", "Networks per {entity}"),
    "depth.chart.count_axis": ("Antal {entities}", "Number of {entities}"),
    "depth.chart.lorenz.title": ("Lorenzkurve: hvor samlet er aktiviteten? (Gini {gini})",
                                 "Lorenz curve: how concentrated is the activity? (Gini {gini})"),
    "depth.chart.lorenz.x": ("Andel af {entities} (færrest netværk først)", "Share of {entities} (least active first)"),
    "depth.chart.lorenz.y": ("Andel af aktiviteten", "Share of the activity"),
    "depth.chart.lorenz.curve": ("Faktisk fordeling", "Actual spread"),
    "depth.chart.lorenz.equal": ("Helt jævn fordeling", "Perfectly even"),
    "depth.chart.path.title": ("Vejen mellem bredde og dybde", "The path between breadth and depth"),
    "depth.chart.path.x": ("Bredde: andel af {entities} nået", "Breadth: share of {entities} reached"),
    "depth.chart.path.y": ("Dybde: netværk pr. nået {entity}", "Depth: networks per reached {entity}"),
    "depth.chart.path.trace": ("Organisationen", "The organisation"),
    "depth.chart.value.title": ("Værdi mod dybde med tendenslinje og 95 %-bånd",
                                "Value against depth with trend line and 95% band"),
    "depth.chart.value.points": ("{Entities}", "{Entities}"),
    "depth.chart.value.fit": ("Tendens (mindste kvadrater)", "Trend (least squares)"),
    "depth.chart.value.band": ("95 %-bånd for tendensen", "95% band of the trend"),
    "depth.chart.compare.title": ("Forskel i værdi: mindst {k} netværk minus ét netværk",
                                  "Difference in value: at least {k} networks minus one network"),
    "depth.chart.compare.x": ("Forskel i score (point) med 95 %-interval",
                              "Difference in score (points) with 95% interval"),
    "depth.chart.compare.n": ("n = {n_deep} / {n_once}", "n = {n_deep} / {n_once}"),
    "depth.chart.compare.too_few": ("for få til at afgøre", "too few to tell"),
    "depth.chart.compare.diff": ("Forskel", "Difference"),
    # How to read
    "depth.how.distribution": (
        "Sådan læses den: hver søjle tæller de {entities}, der i perioden deltog i så mange netværk. Søjlen ved 0 "
        "er dem, netværkene ikke nåede; mørkeblå er de dybt arbejdede.",
        "How to read this: each bar counts the {entities} that took part in that many networks in the period. The "
        "bar at 0 is those the networks did not reach; dark blue are the deeply worked.",
    ),
    "depth.how.lorenz": (
        "Sådan læses den: jo længere kurven ligger under diagonalen, jo mere er aktiviteten samlet hos få "
        "{entities}. Diagonalen er helt jævn fordeling.",
        "How to read this: the further the curve sags below the diagonal, the more the activity is held by a few "
        "{entities}. The diagonal is a perfectly even spread.",
    ),
    "depth.how.path": (
        "Sådan læses den: hvert punkt er én periode; til højre = bredere (flere {entities} nået), opad = dybere "
        "(flere netværk pr. nået). Linjen følger tiden fra første (mørk) til seneste periode (lys); hold musen over et "
        "punkt for at se perioden.",
        "How to read this: each point is one period; to the right = broader (more {entities} reached), up = "
        "deeper (more networks per reached). The line follows time from the first period (dark) to the latest "
        "(light); hover over a point to see its period.",
    ),
    "depth.how.value": (
        "Sådan læses den: hvert punkt er én af {entities}: hvor mange netværk den deltog i, og gennemsnittet af "
        "de netværks score. Linjen er tendensen; det skraverede bånd viser, hvor sikkert tendensen er bestemt.",
        "How to read this: each point is one of the {entities}: how many networks it took part in, and the mean "
        "score of those networks. The line is the trend; the shaded band shows how surely the trend is known.",
    ),
    "depth.how.compare": (
        "Sådan læses den: punktet er forskellen i gennemsnitlig score; stregen er 95 %-intervallet. Krydser "
        "stregen nul, kan data ikke afgøre, om der er en forskel.",
        "How to read this: the dot is the difference in mean score; the bar is the 95% interval. If the bar "
        "crosses zero, the data cannot tell whether there is a difference.",
    ),
    "depth.fit.line": (
        "{leg}: {slope} point pr. ekstra netværk ({pct}-interval {lo} til {hi}; n = {n} {obs}).",
        "{leg}: {slope} points per extra network ({pct} interval {lo} to {hi}; n = {n} {obs}).",
    ),
    "depth.fit.none": ("{leg}: for få {entities} med forskellig dybde til en tendens.",
                       "{leg}: too few {entities} of differing depth for a trend."),
    # Sentences
    "depth.leg.citizen": ("borgerperspektivet", "the citizen perspective"),
    "depth.leg.economy": ("kommuneperspektivet (økonomi)", "the economy perspective"),
    "depth.leg.staff": ("medarbejderperspektivet (trivsel og faglighed)",
                        "the staff perspective (well-being and skills)"),
    "depth.leg.overall": ("den samlede værdi", "overall value"),
    "depth.per.year": (" i et år", " in a year"),
    "depth.per.year_once": (" i året", " that year"),
    "depth.obs.unit": ("enhedsår", "unit-years"),
    "depth.obs.centre": ("centerår", "centre-years"),
    "depth.obs.area": ("områdeår", "area-years"),
    "depth.n.period": ("n = {n_deep} og {n_once}", "n = {n_deep} and {n_once}"),
    "depth.n.year": ("n = {n_deep} og {n_once} {obs} fra {u_deep} og {u_once} {entities}",
                     "n = {n_deep} and {n_once} {obs} from {u_deep} and {u_once} {entities}"),
    "depth.sentence.higher": (
        "{Entities} med {k} eller flere netværk{per} scorer {diff} point højere på {leg} end {entities} med ét "
        "netværk{per_once} ({pct}-interval for forskellen {lo} til {hi}; {nobs}).",
        "{Entities} with {k} or more networks{per} score {diff} points higher on {leg} than {entities} with one "
        "network{per_once} ({pct} interval of the difference {lo} to {hi}; {nobs}).",
    ),
    "depth.sentence.lower": (
        "{Entities} med {k} eller flere netværk{per} scorer {diff} point lavere på {leg} end {entities} med ét "
        "netværk{per_once} ({pct}-interval for forskellen {lo} til {hi}; {nobs}).",
        "{Entities} with {k} or more networks{per} score {diff} points lower on {leg} than {entities} with one "
        "network{per_once} ({pct} interval of the difference {lo} to {hi}; {nobs}).",
    ),
    "depth.sentence.cannot_tell": (
        "Data kan ikke afgøre, om {entities} med {k} eller flere netværk{per} får mere eller mindre værdi på {leg} "
        "end {entities} med ét netværk{per_once}: forskellen er {signed} point, men {pct}-intervallet går fra {lo} "
        "til {hi} og rummer nul ({nobs}).",
        "The data cannot tell whether {entities} with {k} or more networks{per} get more or less value on {leg} "
        "than {entities} with one network{per_once}: the difference is {signed} points, but the {pct} interval "
        "runs from {lo} to {hi} and includes zero ({nobs}).",
    ),
    "depth.sentence.too_few": (
        "Data kan ikke afgøre det for {leg}: der er for få {entities} at sammenligne med {k} eller flere "
        "netværk{per} og med ét{per_once} ({nobs}; der skal mindst {min_n} {entities} på hver side).",
        "The data cannot tell on {leg}: there are too few {entities} to compare with {k} or more networks{per} and "
        "with one{per_once} ({nobs}; at least {min_n} {entities} are needed on each side).",
    ),
    # Table and downloads
    "depth.col.period": ("År", "Year"),
    "depth.col.entity_id": ("Id", "Id"),
    "depth.col.name": ("Navn", "Name"),
    "depth.col.parent_name": ("Hører under", "Belongs to"),
    "depth.col.networks": ("Netværk", "Networks"),
    "depth.col.people": ("Personer", "People"),
    "depth.col.group": ("Gruppe", "Group"),
    "depth.col.n_scored": ("Netværk med score", "Networks with a score"),
    "depth.col.perspective": ("Ben", "Leg"),
    "depth.col.n_deep": ("n dybt", "n deep"),
    "depth.col.n_once": ("n én gang", "n once"),
    "depth.col.mean_deep": ("Gns. dybt", "Mean deep"),
    "depth.col.mean_once": ("Gns. én gang", "Mean once"),
    "depth.col.diff": ("Forskel", "Difference"),
    "depth.col.lo": ("95 % fra", "95% from"),
    "depth.col.hi": ("95 % til", "95% to"),
    "depth.table_note": (
        "Værdikolonnerne er gennemsnittet af de netværks score, som {entity} deltog i (0–100).",
        "The value columns are the mean score of the networks the {entity} took part in (0–100).",
    ),
    "depth.download.csv": ("Hent tabellen (CSV til dansk Excel)", "Download the table (CSV for Danish Excel)"),
    "depth.download.xlsx": ("Hent tabellen (Excel)", "Download the table (Excel)"),
    "depth.file": ("dybde_bredde", "depth_breadth"),
    # Method
    "depth.method.body": (
        "- **Niveau og enheder.** Deltagelse rulles op i organisationstræet til det valgte niveau (enhed, center "
        "eller direktørområde). Deltagelse af en hel enhed over niveauet (fx et center, når niveauet er enhed) kan "
        "ikke gives til én og tælles ikke. Eksterne parter tæller ikke: bredde handler om kommunens egen "
        "organisation.\n"
        "- **Aktiv i perioden.** En deltagelse tæller, når den overlapper perioden, og netværket er aktivt i den.\n"
        "- **Bredde** = andel af niveauets {entities} med mindst ét netværk. **Dybde** = netværk pr. nået "
        "(gennemsnit, median og fordeling).\n"
        "- **Koncentration** af aktiviteten (antal netværk eller personer, som valgt): HHI = summen af "
        "kvadrerede andele, 1/HHI = det effektive antal; Gini og Lorenzkurve over *alle* {entities}, også dem "
        "uden netværk.\n"
        "- **Værdi** for en af {entities} på et ben = gennemsnittet af benets score (0–100, fra målingerne i "
        "perioden) for de netværk, den deltog i. Vægtene påvirker kun den samlede værdi.\n"
        "- **Tendens**: mindste kvadraters linje for værdi mod dybde; båndet er 95 %-konfidensbåndet for linjen "
        "(t-fordeling med n − 2 frihedsgrader).\n"
        "- **Dybt mod én gang**: forskellen i gennemsnit mellem dem med mindst k netværk og dem med præcis ét; "
        "95 %-interval ved bootstrap ({resamples} gentrækninger, hver gruppe for sig, fast frø {seed}, så tallene "
        "er de samme hver gang). Med færre end {min_n} på en side siger siden, at data ikke kan afgøre det.\n"
        "- **Forbehold.** Tallene viser sammenhænge, ikke årsager: dybt arbejdede dele kan adskille sig på "
        "andre måder. Værdien er netværkenes, ikke enhedens egen. Enheder deler netværk og er derfor ikke "
        "uafhængige; intervallerne er snarere for smalle end for brede.",
        "- **Level and entities.** Participation is rolled up the org tree to the chosen level (unit, centre or "
        "director area). Participation by a whole org unit above the level (e.g. a centre when the level is "
        "unit) cannot be given to one and is not counted. External partners do not count: breadth is about the "
        "municipality's own organisation.\n"
        "- **Active in the period.** A participation counts when it overlaps the period and its network is "
        "active in it.\n"
        "- **Breadth** = share of the level's {entities} with at least one network. **Depth** = networks per "
        "reached one (mean, median and distribution).\n"
        "- **Concentration** of activity (number of networks or people, as chosen): HHI = sum of squared "
        "shares, 1/HHI = the effective number; Gini and Lorenz curve over *all* {entities}, those without "
        "networks too.\n"
        "- **Value** of one of the {entities} on a leg = the mean of that leg's score (0–100, from the "
        "measurements in the period) over the networks it took part in. The weights only affect overall value.\n"
        "- **Trend**: least-squares line of value against depth; the band is the line's 95% confidence band "
        "(t distribution with n − 2 degrees of freedom).\n"
        "- **Deep against once**: the difference in means between those with at least k networks and those "
        "with exactly one; 95% interval by bootstrap ({resamples} resamples, each group on its own, fixed seed "
        "{seed}, so the numbers are the same every time). With fewer than {min_n} on a side the page says the "
        "data cannot tell.\n"
        "- **Caveats.** The figures show association, not cause: deeply worked parts may differ in other ways. "
        "The value is the networks', not the unit's own. Units share networks and so are not independent; the "
        "intervals are more likely too narrow than too wide.",
    ),
}
