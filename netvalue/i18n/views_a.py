"""Texts of the networks and method pages drawn from their views: windows named as months, short windows, the
reasons a network lies outside the filters, thin evidence next to a score."""

TEXTS: dict[str, tuple[str, str]] = {
    "chart.network_timeline.title_month": ("Netværkets score måned for måned", "The network's scores month by month"),
    "chart.network_timeline.title_quarter": ("Netværkets score kvartal for kvartal",
                                             "The network's scores quarter by quarter"),
    "chart.period_tick.month": ("{month}", "{month}"),
    "chart.period_tick.quarter": ("{quarter}. kvt. {year}", "Q{quarter} {year}"),
    "networks.intro_window": (
        "Alle netværk, der passer til filtrene, med scorer for {window} (vægte: {weights}). Søg, sorter, klik på en "
        "række eller vælg et netværk ovenfor for at se, hvad der giver dets score.",
        "Every network that matches the filters, with scores for {window} (weights: {weights}). Search, sort, "
        "click a row or choose a network above to see what makes its score.",
    ),
    "networks.col.thin": ("Grundlag", "Evidence base"),
    "networks.help.thin": ("»Spinkelt grundlag«: færre end {n} målinger i perioden. Læs scoren med forbehold.",
                           "“Thin evidence”: fewer than {n} measurements in the window. Read the score with care."),
    "networks.score_note_window": (
        "Perioden {window}, vægte {weights}. Bygger på {n} målinger. {people} personer fra {units} enheder og "
        "{partners} eksterne partnere.",
        "The window {window}, weights {weights}. Based on {n} measurements. {people} people from {units} units "
        "and {partners} external partners.",
    ),
    "networks.outside": (
        "Netværket er ikke blandt de valgte netværk: {reasons}. Tallene nedenfor gælder netværket i {window}.",
        "This network is not among the selected networks: {reasons}. The figures below cover the network in "
        "{window}.",
    ),
    "networks.outside.types": ("dets type er ikke valgt", "its type is not chosen"),
    "networks.outside.period": ("det kører ikke i perioden", "it is not running in the window"),
    "networks.outside.unit": ("det involverer ikke den valgte del af organisationen",
                              "it does not involve the chosen part of the organisation"),
    "networks.how_timeline_month": (
        "Sådan læses den: netværkets score på hvert ben måned for måned; den stiplede linje er den samlede værdi "
        "(vægte {weights}). Huller betyder måneder uden målinger.",
        "How to read this: the network's score on each leg month by month; the dotted line is the overall value "
        "(weights {weights}). Gaps are months without measurements.",
    ),
    "networks.how_timeline_quarter": (
        "Sådan læses den: netværkets score på hvert ben kvartal for kvartal; den stiplede linje er den samlede "
        "værdi (vægte {weights}). Huller betyder kvartaler uden målinger.",
        "How to read this: the network's score on each leg quarter by quarter; the dotted line is the overall "
        "value (weights {weights}). Gaps are quarters without measurements.",
    ),
    "method.sensitivity_window": ("Rangordenen af de valgte netværk i {window}.",
                                  "The ranking of the selected networks in {window}."),
}
