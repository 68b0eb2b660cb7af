"""Texts of the directors' overview, the network explorer and the method page."""

TEXTS: dict[str, tuple[str, str]] = {
    # -- Overview ------------------------------------------------------------------------------------------------
    "overview.title": ("Overblik over netværkenes værdi", "Overview of the networks' value"),
    "overview.intro": (
        "Periode {start} – {end}. Alle scorer går fra 0 til 100. Vægte i brug: {weights} (skift dem under Metode).",
        "Period {start} – {end}. Every score runs from 0 to 100. Weights in use: {weights} (change them under "
        "Method).",
    ),
    "overview.active": ("Aktive netværk", "Active networks"),
    "overview.active_help": (
        "Netværk, der har været i gang på et tidspunkt i perioden. {running} af dem kører stadig ved periodens "
        "slutning.",
        "Networks that were running at some time in the period. {running} of them are still running at its end.",
    ),
    "overview.units": ("Enheder nået", "Units reached"),
    "overview.units_help": (
        "Kommunens egne enheder (arbejdspladserne nederst i organisationen) med mindst én deltager i et af "
        "netværkene i perioden. Centre og områder, der deltager som helhed, og eksterne partnere tæller ikke med.",
        "The municipality's own working units (the bottom of the org tree) with at least one person in one of the "
        "networks in the period. Centres and areas taking part as a whole, and external partners, are not counted.",
    ),
    "overview.people": ("Personer med", "People taking part"),
    "overview.people_help": (
        "Personer, der deltager ved periodens slutning, summeret over netværk og enheder.",
        "People taking part at the end of the period, summed over networks and units.",
    ),
    "overview.net_dkk": ("Netto kroner", "Net DKK"),
    "overview.net_dkk_help": (
        "Sparede kroner (kommuneperspektivets indikatorer i kr.) minus netværkenes udgifter (investeringer i kr.): "
        "{saved} sparet, {cost} brugt.",
        "Kroner saved (economy indicators in DKK) minus the networks' costs (inputs in DKK): {saved} saved, "
        "{cost} spent.",
    ),
    "overview.citizen_help": (
        "Borgerperspektivet: gennemsnittet af netværkenes borgerscore (0–100).",
        "The citizen leg: the networks' mean citizen score (0–100).",
    ),
    "overview.economy_help": (
        "Kommuneperspektivet: gennemsnittet af netværkenes økonomiscore (0–100).",
        "The economy leg: the networks' mean economy score (0–100).",
    ),
    "overview.staff_help": (
        "Medarbejderperspektivet: gennemsnittet af netværkenes score for trivsel og faglighed (0–100).",
        "The staff leg: the networks' mean score for well-being and professional skill (0–100).",
    ),
    "overview.overall_help": (
        "Gennemsnittet af netværkenes samlede værdi: de tre ben vægtet med vægtene i brug.",
        "The networks' mean overall value: the three legs weighted with the weights in use.",
    ),
    "overview.delta_note": (
        "Pilene viser ændringen mod samme periode et år tidligere ({start} – {end}). {running} netværk kører ved "
        "periodens slutning. Vægte: {weights}.",
        "The arrows show the change against the same period a year earlier ({start} – {end}). {running} networks "
        "are running at the end of the period. Weights: {weights}.",
    ),
    "overview.how_ternary": (
        "Sådan læses den: jo tættere et netværk ligger på et hjørne, jo mere af dets værdi ligger på det ben; "
        "midten er balance. Størrelse = personer, farve = type. Vægtene påvirker ikke trekanten. Viser {shown} af "
        "{total} netværk (dem med alle tre ben målt). Gennemsnitlig balance: {balance} (1 = lige høje ben, 0 = ét "
        "ben 100 og et andet 0).",
        "How to read this: the closer a network lies to a corner, the more of its value is on that leg; the centre "
        "is balance. Size = people, colour = type. The weights do not move the triangle. Shows {shown} of {total} "
        "networks (those with all three legs measured). Mean balance: {balance} (1 = equally high legs, 0 = one "
        "leg at 100 and another at 0).",
    ),
    "overview.how_trend": (
        "Sådan læses den: gennemsnittet af netværkenes score på hvert ben, kvartal for kvartal; den stiplede linje "
        "er den samlede værdi med vægtene {weights}.",
        "How to read this: the networks' mean score on each leg, quarter by quarter; the dotted line is the "
        "overall value with the weights {weights}.",
    ),
    "overview.how_strong_weak": (
        "Sådan læses den: de fem netværk med højest og lavest samlet værdi (vægte {weights}). Tallet i parentes er "
        "andelen af målingerne, som netværket selv har rapporteret – jo højere, jo mindre dokumenteret er scoren.",
        "How to read this: the five networks with the highest and the lowest overall value (weights {weights}). "
        "The share in brackets is how much of the measurements the network reported itself – the higher, the less "
        "documented the score.",
    ),
    "overview.open_network": ("**Åbn et netværk** og se, hvad der giver dets score:",
                              "**Open a network** to see what makes its score:"),
    "overview.stories": ("Seneste fortællinger", "Latest stories"),
    "overview.no_stories": ("Ingen fortællinger fra de valgte netværk i perioden.",
                            "No stories from the selected networks in the period."),
    "overview.story_meta": ("{network} · {date} · {perspective}", "{network} · {date} · {perspective}"),
}

TEXTS.update({
    # -- Networks ------------------------------------------------------------------------------------------------
    "networks.title": ("Netværkene", "The networks"),
    "networks.empty_store": ("Der er ingen netværk endnu. Indlæs eksempeldata på Overblik eller upload jeres egne.",
                             "There are no networks yet. Load the sample on the Overview or upload your own."),
    "networks.intro": (
        "Alle netværk, der passer til filtrene, med scorer for perioden {start} – {end} (vægte: {weights}). Søg, "
        "sorter, klik på en række eller vælg et netværk ovenfor for at se, hvad der giver dets score.",
        "Every network that matches the filters, with scores for {start} – {end} (weights: {weights}). Search, "
        "sort, click a row or choose a network above to see what makes its score.",
    ),
    "networks.choose": ("Åbn et netværk", "Open a network"),
    "networks.choose_placeholder": ("Vælg et netværk – eller klik på en række i tabellen",
                                    "Choose a network – or click a row in the table"),
    "networks.search": ("Søg", "Search"),
    "networks.search_hint": ("navn, leder, type eller id", "name, leader, type or id"),
    "networks.sort": ("Sorter efter", "Sort by"),
    "networks.no_search_match": ("Ingen netværk passer til søgningen »{query}«.", "No network matches “{query}”."),
    "networks.running": ("I gang", "Running"),
    "networks.ended": ("Afsluttet", "Ended"),
    "networks.how_table": (
        "Sådan læses den: {n} af {total} netværk. Scorerne er 0–100 i perioden (vægte: {weights}). De tre "
        "evidenskolonner siger, hvor stor en del af målingerne der er selvrapporteret, målt eller evalueret – en "
        "høj score med 100 % selvrapporteret er ikke dokumenteret. Klik på en kolonneoverskrift for at sortere.",
        "How to read this: {n} of {total} networks. Scores are 0–100 in the period (weights: {weights}). The "
        "three evidence columns say how much of the measurements is self-reported, measured or evaluated – a high "
        "score that is 100% self-reported is not documented. Click a column header to sort.",
    ),
    "networks.download_csv": ("Hent som CSV", "Download as CSV"),
    "networks.download_xlsx": ("Hent som Excel", "Download as Excel"),
    "networks.file": ("netvaerk", "networks"),
    "networks.col.name": ("Netværk", "Network"),
    "networks.col.type": ("Type", "Type"),
    "networks.col.active": ("Status", "Status"),
    "networks.col.started_on": ("Startet", "Started"),
    "networks.col.overall": ("Samlet værdi", "Overall value"),
    "networks.col.citizen": ("Borger", "Citizen"),
    "networks.col.economy": ("Kommune", "Economy"),
    "networks.col.staff": ("Medarbejder", "Staff"),
    "networks.col.balance": ("Balance", "Balance"),
    "networks.col.share_self_reported": ("Selvrapporteret", "Self-reported"),
    "networks.col.share_measured": ("Målt", "Measured"),
    "networks.col.share_evaluated": ("Evalueret", "Evaluated"),
    "networks.col.n": ("Målinger", "Measurements"),
    "networks.col.people": ("Personer", "People"),
    "networks.col.units": ("Enheder", "Units"),
    "networks.col.partners": ("Eksterne partnere", "External partners"),
    "networks.col.net_dkk": ("Netto kr.", "Net DKK"),
    "networks.col.leader": ("Netværksleder", "Network leader"),
    "networks.col.network_id": ("Id", "Id"),
    "networks.col.perspective": ("Ben", "Leg"),
    "networks.col.score": ("Score", "Score"),
    "networks.col.indicators": ("Indikatorer", "Indicators"),
    "networks.col.weight": ("Vægt", "Weight"),
    "networks.col.contribution": ("Bidrag til samlet værdi", "Contribution to overall value"),
    "networks.col.period": ("Måned", "Month"),
    "networks.col.value": ("Værdi", "Value"),
    "networks.col.evidence": ("Evidens", "Evidence"),
    "networks.col.note": ("Bemærkning", "Note"),
    "networks.col.unit": ("Enhed", "Unit"),
    "networks.col.joined_on": ("Med fra", "From"),
    "networks.col.left_on": ("Med til", "Until"),
    "networks.help.balance": ("1 = de tre ben lige høje; tom, hvis ikke alle tre ben er målt.",
                              "1 = the three legs equally high; blank unless all three legs are measured."),
    "networks.help.share_self_reported": ("Andel af målingerne, som netværket selv har rapporteret.",
                                          "Share of the measurements the network reported itself."),
    "networks.help.share_measured": ("Andel af målingerne, der er målt (fx i et fagsystem).",
                                     "Share of the measurements that were measured (e.g. in a case system)."),
    "networks.help.share_evaluated": ("Andel af målingerne, der er evalueret internt eller eksternt.",
                                      "Share of the measurements evaluated internally or externally."),
    "networks.help.n": ("Antal månedsmålinger af værdiindikatorer i perioden.",
                        "Number of monthly measurements of value indicators in the period."),
    "networks.help.overall": ("De tre ben vægtet med vægtene i brug (kun de ben, der er målt).",
                              "The three legs weighted with the weights in use (only the legs that are measured)."),
    "networks.help.evidence_metric": (
        "Hvor stor en del af målingerne bag scoren netværket selv har rapporteret. Resten er målt eller evalueret.",
        "How much of the measurements behind the score the network reported itself. The rest is measured or "
        "evaluated.",
    ),
    "networks.help.net_dkk": ("Sparede kroner minus netværkets udgifter i kroner i perioden.",
                              "Kroner saved minus the network's costs in kroner in the period."),
    "networks.help.contribution": ("Vægt gange score; bidragene summer til den samlede værdi.",
                                   "Weight times score; the contributions add up to the overall value."),
    "networks.back": ("Alle netværk", "All networks"),
    "networks.meta": ("{type} · hjemme i {home} · startet {started} · {status} · id {id}",
                      "{type} · home in {home} · started {started} · {status} · id {id}"),
    "networks.status_running": ("i gang", "running"),
    "networks.status_ended": ("afsluttet {date}", "ended {date}"),
    "networks.leader": ("**Netværksleder:** {leader}", "**Network leader:** {leader}"),
    "networks.outside_filters": (
        "Netværket ligger uden for de valgte filtre (periode, type eller del af organisationen); tallene gælder "
        "perioden.",
        "This network lies outside the chosen filters (period, type or part of the organisation); the figures cover "
        "the period.",
    ),
    "networks.score_note": (
        "Perioden {start} – {end}, vægte {weights}. Bygger på {n} målinger. {people} personer fra {units} enheder "
        "og {partners} eksterne partnere.",
        "The period {start} – {end}, weights {weights}. Based on {n} measurements. {people} people from {units} "
        "units and {partners} external partners.",
    ),
    "networks.no_measurements": (
        "Netværket har ingen målinger i perioden, så det har ingen score endnu. Enheder, fortællinger og "
        "knopskydning ses nedenfor.",
        "The network has no measurements in the period, so it has no score yet. Its units, stories and budding "
        "are below.",
    ),
    "networks.why": ("Hvad giver scoren?", "What makes the score?"),
    "networks.formula": ("**Samlet værdi** = {terms} = **{overall}** (vægt · score for hvert ben, der er målt)",
                         "**Overall value** = {terms} = **{overall}** (weight · score for each leg measured)"),
    "networks.how_indicators": (
        "Sådan læses den: hver søjle er en indikators score (0–100) ud fra dens gennemsnit i perioden; benets score "
        "er gennemsnittet af dets søjler. I parentes: andelen af målingerne, der er selvrapporteret.",
        "How to read this: each bar is an indicator's score (0–100) from its mean in the period; a leg's score is "
        "the mean of its bars. In brackets: the share of the measurements that is self-reported.",
    ),
    "networks.how_evidence": (
        "Sådan læses den: for hvert ben, hvor stor en del af målingerne der er selvrapporteret (lysest), målt eller "
        "evalueret (mørkest).",
        "How to read this: for each leg, how much of the measurements is self-reported (lightest), measured or "
        "evaluated (darkest).",
    ),
    "networks.measurements": ("Helt ned til målingerne", "Down to the measurements"),
    "networks.indicator": ("Indikator", "Indicator"),
    "networks.how_history": (
        "Sådan læses den: hver prik er en måned, farvet efter evidens. Værst {worst} giver score 0, bedst {best} "
        "giver 100. Gennemsnittet i perioden er {mean}, hvilket giver scoren {score}.",
        "How to read this: each dot is a month, coloured by evidence. Worst {worst} scores 0, best {best} scores "
        "100. The mean in the period is {mean}, which gives the score {score}.",
    ),
    "networks.how_timeline": (
        "Sådan læses den: netværkets score på hvert ben kvartal for kvartal; den stiplede linje er den samlede "
        "værdi (vægte {weights}). Huller betyder kvartaler uden målinger.",
        "How to read this: the network's score on each leg quarter by quarter; the dotted line is the overall "
        "value (weights {weights}). Gaps are quarters without measurements.",
    ),
    "networks.units": ("Enheder med ({n})", "Units taking part ({n})"),
    "networks.partners": ("Eksterne partnere ({n})", "External partners ({n})"),
    "networks.none": ("Ingen i perioden.", "None in the period."),
    "networks.still_in": ("stadig med", "still in"),
    "networks.stories": ("Fortællinger", "Stories"),
    "networks.no_stories": ("Netværket har ingen fortællinger endnu.", "The network has no stories yet."),
    "networks.family": ("Knopskydning", "Budding"),
    "networks.budded_from": ("**Skudt ud fra**", "**Budded from**"),
    "networks.budded_into": ("**Har sat skud**", "**Networks that budded from it**"),
    "networks.no_parent": ("Et selvstændigt netværk – ikke skudt ud fra et andet.",
                           "A network of its own – it did not bud from another."),
    "networks.no_children": ("Ingen netværk er skudt ud fra dette endnu.", "No network has budded from this one yet."),
})

TEXTS.update({
    # -- Method --------------------------------------------------------------------------------------------------
    "method.title": ("Sådan regnes tallene", "How the numbers are made"),
    "method.intro": (
        "Alle tal i netvalue regnes ud fra de registrerede målinger med de samme enkle trin. Her står de, med "
        "formlerne, så enhver kan regne efter. Vægtene sættes også her – de gælder alle sider, så længe du har "
        "netvalue åben.",
        "Every number in netvalue is made from the recorded measurements in the same simple steps. Here they are, "
        "with the formulas, so anyone can check them. The weights are set here too – they apply to every page for "
        "as long as you have netvalue open.",
    ),
    "method.weights": ("Vægtene", "The weights"),
    "method.weights_intro": (
        "Hvor meget skal hvert ben tælle i den samlede værdi? Træk i skyderne. Tallene er relative: de omregnes, så "
        "de summer til 100 %. Vægtene følger med i adressen (w=…), så et link viser de samme tal.",
        "How much should each leg count in the overall value? Move the sliders. The numbers are relative: they are "
        "rescaled to add up to 100%. The weights travel in the address (w=…), so a link shows the same figures.",
    ),
    "method.weight_help": ("0 = benet tæller ikke med; vægtene omregnes, så de summer til 100 %.",
                           "0 = the leg does not count; the weights are rescaled to add up to 100%."),
    "method.weights_zero": (
        "Mindst én vægt skal være over 0. De tidligere vægte gælder stadig: {weights}.",
        "At least one weight must be above 0. The previous weights still apply: {weights}.",
    ),
    "method.how_weights": (
        "Sådan læses den: hvert bens andel af den samlede værdi på alle sider. Vægte i brug: {weights}.",
        "How to read this: each leg's share of the overall value on every page. Weights in use: {weights}.",
    ),
    "method.equal": ("Lige vægte", "Equal weights"),
    "method.sensitivity": ("Hvor meget betyder vægtene for rangordenen?",
                           "How much do the weights matter for the ranking?"),
    "method.sensitivity_few": ("Der skal mindst to netværk med målinger til at rangordne.",
                               "At least two networks with measurements are needed for a ranking."),
    "method.kept_near": ("Top {k} ved små ændringer", "Top {k} under small changes"),
    "method.kept_near_help": (
        "Det mindste antal af de nuværende top {k}, der stadig er i top {k}, når en eller flere vægte flyttes op "
        "til 10 procentpoint.",
        "The fewest of the current top {k} still in the top {k} when one or more weights move by up to 10 "
        "percentage points.",
    ),
    "method.kept_any": ("Top {k} ved alle vægte", "Top {k} under any weights"),
    "method.kept_any_help": (
        "Det mindste antal af de nuværende top {k}, der stadig er i top {k}, uanset hvordan vægtene sættes "
        "(i trin af 5 procentpoint).",
        "The fewest of the current top {k} still in the top {k} whatever the weights (in steps of 5 percentage "
        "points).",
    ),
    "method.moved": ("Netværk der skifter plads", "Networks that change rank"),
    "method.moved_help": (
        "Hvor mange netværk der kan skifte placering, når vægtene flyttes op til 10 procentpoint.",
        "How many networks can change rank when the weights move by up to 10 percentage points.",
    ),
    "method.how_overlap": (
        "Sådan læses den: hvert felt i trekanten er et sæt vægte (hjørnerne: alt på ét ben). Mørk farve = de samme "
        "netværk i top {k} som med vægtene i brug (krydset); lys = en anden top {k}.",
        "How to read this: each cell of the triangle is a set of weights (the corners: everything on one leg). "
        "Dark = the same networks in the top {k} as with the weights in use (the cross); light = a different top "
        "{k}.",
    ),
    "method.how_ranks": (
        "Sådan læses den: prikken er netværkets placering nu (vægte {weights}); den grå streg går fra bedste til "
        "værste placering, når vægtene flyttes op til 10 procentpoint. En kort streg = en sikker placering.",
        "How to read this: the dot is the network's rank now (weights {weights}); the grey line runs from its best "
        "to its worst rank when the weights move by up to 10 percentage points. A short line = a safe rank.",
    ),
    "method.formulas": ("Formlerne", "The formulas"),
    "method.indicator.title": ("1. Indikatorscore", "1. Indicator score"),
    "method.indicator.latex": (
        r"s_i = 100 \cdot \operatorname{clip}\!\left(\frac{\bar{x}_i - \text{værst}_i}"
        r"{\text{bedst}_i - \text{værst}_i},\ 0,\ 1\right)",
        r"s_i = 100 \cdot \operatorname{clip}\!\left(\frac{\bar{x}_i - \text{worst}_i}"
        r"{\text{best}_i - \text{worst}_i},\ 0,\ 1\right)",
    ),
    "method.indicator.text": (
        "Et netværks målinger af en indikator i perioden lægges sammen til et gennemsnit, $\\bar{x}_i$. Det værste "
        "niveau giver 0, det bedste 100, og alt derimellem ligger på en ret linje; bedre end bedst tæller som 100, "
        "værre end værst som 0. Værst og bedst står i indikatorkataloget (nedenfor), så en score flytter sig aldrig, "
        "fordi andre netværk har fået nye tal. »Lavere er bedre« (fx sygefravær) er blot værst > bedst.",
        "A network's measurements of one indicator in the period are averaged to $\\bar{x}_i$. The worst level "
        "scores 0, the best 100, and everything between lies on a straight line; better than best counts as 100, "
        "worse than worst as 0. Worst and best come from the indicator catalogue (below), so a score never moves "
        "because other networks got new figures. “Lower is better” (e.g. sick leave) is simply worst > best.",
    ),
    "method.perspective.title": ("2. De tre ben", "2. The three legs"),
    "method.perspective.latex": (
        r"S_p = \frac{1}{|I_p|} \sum_{i \in I_p} s_i \qquad p \in \{\text{borger},\ \text{kommune},\ "
        r"\text{medarbejder}\}",
        r"S_p = \frac{1}{|I_p|} \sum_{i \in I_p} s_i \qquad p \in \{\text{citizen},\ \text{economy},\ "
        r"\text{staff}\}",
    ),
    "method.perspective.text": (
        "Et bens score er gennemsnittet af netværkets indikatorscorer på det ben ($I_p$ er de indikatorer på benet, "
        "netværket har målt). Et ben uden målinger står tomt – det regnes ikke som 0.",
        "A leg's score is the mean of the network's indicator scores on that leg ($I_p$ are the indicators on the "
        "leg the network has measured). A leg without measurements is blank – it does not count as 0.",
    ),
    "method.overall.title": ("3. Samlet værdi", "3. Overall value"),
    "method.overall.latex": (
        r"V = \frac{\sum_{p \in P} w_p\, S_p}{\sum_{p \in P} w_p} \qquad P = \text{de målte ben}",
        r"V = \frac{\sum_{p \in P} w_p\, S_p}{\sum_{p \in P} w_p} \qquad P = \text{the legs measured}",
    ),
    "method.overall.text": (
        "Den samlede værdi er et vægtet gennemsnit af de ben, der er målt. Vægtene $w_p$ sættes ovenfor (som "
        "udgangspunkt lige store) og omregnes over de målte ben, så et netværk med to målte ben ikke straffes for "
        "det tredje – men se evidensen og balancen.",
        "The overall value is a weighted mean of the legs that are measured. The weights $w_p$ are set above (equal "
        "by default) and rescaled over the measured legs, so a network with two measured legs is not punished for "
        "the third – but look at its evidence and balance.",
    ),
    "method.balance.title": ("4. Balance", "4. Balance"),
    "method.balance.latex": (
        r"B = 1 - \frac{\max_p S_p - \min_p S_p}{100}",
        r"B = 1 - \frac{\max_p S_p - \min_p S_p}{100}",
    ),
    "method.balance.text": (
        "Pointen med de tre ben er at tjene dem alle på én gang. Balancen går fra 0 (ét ben 100, et andet 0) til 1 "
        "(tre lige høje ben). Den står tom, medmindre alle tre ben er målt.",
        "The point of the three legs is to serve them all at once. Balance runs from 0 (one leg at 100, another "
        "at 0) to 1 (three equally high legs). It is blank unless all three legs are measured.",
    ),
    "method.evidence.title": ("5. Evidens", "5. Evidence"),
    "method.evidence.latex": (
        r"\text{andel}_e = \frac{n_e}{n} \qquad e \in \{\text{selvrapporteret},\ \text{målt},\ "
        r"\text{evalueret internt},\ \text{evalueret eksternt}\}",
        r"\text{share}_e = \frac{n_e}{n} \qquad e \in \{\text{self-reported},\ \text{measured},\ "
        r"\text{evaluated internally},\ \text{evaluated externally}\}",
    ),
    "method.evidence.text": (
        "Hver måling har et evidensniveau. Ved siden af hver score vises, hvor stor en del af målingerne bag den der "
        "er på hvert niveau, så selvrapporteret værdi aldrig ligner evalueret værdi. Scoren selv vægter ikke "
        "evidensen – det er læserens vurdering.",
        "Every measurement has an evidence level. Next to every score you see how much of the measurements behind "
        "it is at each level, so self-reported value never looks like evaluated value. The score itself does not "
        "weight the evidence – that is the reader's judgement.",
    ),
    "method.net_dkk.title": ("6. Netto kroner", "6. Net DKK"),
    "method.net_dkk.latex": (
        r"\text{netto} = \sum_{\text{kommune, kr.}} x \;-\; \sum_{\text{investering, kr.}} x",
        r"\text{net} = \sum_{\text{economy, DKK}} x \;-\; \sum_{\text{input, DKK}} x",
    ),
    "method.net_dkk.text": (
        "Alle målinger i perioden af kommuneperspektivets indikatorer, der måles i kroner (sparede eller undgåede "
        "udgifter), lægges sammen; fra dem trækkes alle målinger af investeringsindikatorer i kroner (hvad "
        "netværket har kostet). Timer og andre enheder tæller ikke med i kronerne. Investeringer er ikke værdi og "
        "indgår ikke i scorerne.",
        "All measurements in the period of economy indicators measured in kroner (costs saved or avoided) are "
        "added up; from them all measurements of input indicators in kroner (what the network cost) are "
        "subtracted. Hours and other units are not counted in kroner. Inputs are not value and are not part of the "
        "scores.",
    ),
    "method.headline.title": ("7. Overblikkets tal", "7. The overview's figures"),
    "method.headline.latex": (
        r"\bar{S}_p = \frac{1}{|N|} \sum_{n \in N} S_{p,n} \qquad \Delta = \text{periode} - "
        r"\text{samme periode et år før}",
        r"\bar{S}_p = \frac{1}{|N|} \sum_{n \in N} S_{p,n} \qquad \Delta = \text{period} - "
        r"\text{same period a year before}",
    ),
    "method.headline.text": (
        "Overblikkets scorer er gennemsnittet over de valgte netværk med målinger ($N$); hvert netværk tæller lige "
        "meget, uanset hvor mange målinger det har. Aktive netværk er dem, der har kørt i perioden; personer tælles "
        "ved periodens slutning. Pilene sammenligner med en lige så lang periode et år tidligere.",
        "The overview's scores are the mean over the selected networks with measurements ($N$); every network "
        "counts the same, however many measurements it has. Active networks are those that ran in the period; "
        "people are counted at the end of the period. The arrows compare with an equally long period a year "
        "earlier.",
    ),
    "method.catalogue": ("Indikatorkataloget", "The indicator catalogue"),
    "method.no_indicators": ("Der er ingen indikatorer endnu.", "There are no indicators yet."),
    "method.col.name": ("Indikator", "Indicator"),
    "method.col.perspective": ("Ben", "Leg"),
    "method.col.unit": ("Enhed", "Unit"),
    "method.col.worst": ("Værst (score 0)", "Worst (score 0)"),
    "method.col.best": ("Bedst (score 100)", "Best (score 100)"),
    "method.col.direction": ("Retning", "Direction"),
    "method.col.kroner": ("Tæller i kroner", "Counts in DKK"),
    "method.col.id": ("Id", "Id"),
    "method.kroner_help": ("Måles i kroner og indgår derfor i netto kroner.",
                           "Measured in kroner, so it is part of net DKK."),
    "method.higher_better": ("højere er bedre", "higher is better"),
    "method.lower_better": ("lavere er bedre", "lower is better"),
    "method.yes": ("ja", "yes"),
    "method.how_catalogue": (
        "Sådan læses den: hver indikator hører til ét ben (eller er en investering). Værst giver score 0, bedst "
        "giver 100.",
        "How to read this: each indicator belongs to one leg (or is an input). Worst scores 0, best scores 100.",
    ),
    "method.curve_pick": ("Se hvordan en indikator bliver til en score", "See how an indicator becomes a score"),
    "method.how_curve": (
        "Sådan læses den: vandret gennemsnittet af målingerne i perioden, lodret den score, det giver.",
        "How to read this: across, the mean of the measurements in the period; up, the score it gives.",
    ),
})
