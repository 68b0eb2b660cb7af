"""Deterministic synthetic data: the embedded Albertslund-like sample.

``generate()`` returns the six record types of DESIGN.md as DataFrames with the canonical English
columns: a hand-written municipality with 28 networks from September 2013 to December 2019. Large
benchmark sets are development tooling and live in tools/largesample.py.

Conventions in the frames: dates are ISO strings ``YYYY-MM-DD`` and an empty string when missing,
``period`` is ``YYYY-MM``, ``value``/``worst``/``best`` are floats and ``people`` is an int.
Everything is drawn from ``numpy.random.default_rng(seed)``, so the output is byte-identical
across runs. No personal data: leaders are roles, citizens in stories are "Hr. Nielsen" style.

Command line: ``python -m netvalue.sample [--out DIR] [--seed S]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

__all__ = ["COLUMNS", "DEFAULT_OUT", "RECORD_ORDER", "generate", "main", "write_csv"]

RECORD_ORDER: tuple[str, ...] = ("org_units", "indicators", "networks", "participation", "measurements", "stories")

COLUMNS: dict[str, tuple[str, ...]] = {
    "org_units": ("unit_id", "name", "parent_id", "level"),
    "indicators": ("indicator_id", "name", "perspective", "unit", "worst", "best"),
    "networks": ("network_id", "name", "type", "home_unit_id", "leader", "purpose", "started_on", "ended_on",
                 "parent_network_id"),
    "participation": ("network_id", "unit_id", "joined_on", "left_on", "people"),
    "measurements": ("network_id", "indicator_id", "period", "value", "evidence", "note"),
    "stories": ("network_id", "told_on", "perspective", "title", "text"),
}

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "sample"

# Month index 0 is September 2013; the data runs to December 2019 (index 75).
_FIRST_MONTH = np.datetime64("2013-09", "M")
_N_MONTHS = 76
_LAST = _N_MONTHS - 1
_FIRST_YEAR = 2013
_EVIDENCE = np.array(["self_reported", "measured", "evaluated_internal", "evaluated_external"], dtype=object)
_EV_SELF, _EV_MEASURED, _EV_INTERNAL, _EV_EXTERNAL = 0, 1, 2, 3

# --------------------------------------------------------------------------------------------
# Indicator catalogue
# --------------------------------------------------------------------------------------------


class _Indicator(NamedTuple):
    indicator_id: str
    name: str
    perspective: str
    unit: str
    worst: float
    best: float
    step: float  # rounding: < 1 means decimals (0.1 -> one decimal), >= 1 means a multiple of step
    kind: str  # "score": bounded between worst and best; "grow": starts near worst, may pass best; "input"
    evidence: int  # base evidence level
    quarterly: bool  # reported quarterly in the embedded sample (surveys)


_INDICATORS: tuple[_Indicator, ...] = (
    _Indicator("citizen_satisfaction", "Borgertilfredshed", "citizen", "skala 1-5", 1, 5, 0.1, "score", _EV_SELF, True),
    _Indicator("regained_function", "Genvundet funktionsniveau", "citizen", "%", 0, 100, 0.1, "score", _EV_SELF, False),
    _Indicator("readmissions", "Genindlæggelser", "citizen", "pr. 1.000 udskrivninger", 60, 10, 0.1, "score",
               _EV_MEASURED, False),
    _Indicator("citizens_involved", "Borgere involveret", "citizen", "antal", 0, 200, 1, "grow", _EV_SELF, False),
    _Indicator("saved_costs", "Sparede udgifter", "economy", "kr. pr. måned", 0, 200_000, 500, "grow", _EV_SELF, False),
    _Indicator("saved_hours", "Sparede timer", "economy", "timer pr. måned", 0, 400, 1, "grow", _EV_SELF, False),
    _Indicator("case_processing_days", "Sagsbehandlingstid", "economy", "dage", 60, 10, 0.1, "score", _EV_MEASURED,
               False),
    _Indicator("wellbeing", "Trivsel", "staff", "indeks 0-100", 0, 100, 0.1, "score", _EV_SELF, True),
    _Indicator("engagement", "Engagement", "staff", "indeks 0-100", 0, 100, 0.1, "score", _EV_SELF, True),
    _Indicator("professional_development", "Faglig udvikling", "staff", "skala 1-5", 1, 5, 0.1, "score", _EV_SELF,
               True),
    _Indicator("sick_leave", "Sygefravær", "staff", "%", 8, 2, 0.1, "score", _EV_MEASURED, True),
    _Indicator("hours_invested", "Timer investeret", "input", "timer pr. måned", 400, 0, 1, "input", _EV_SELF, False),
    _Indicator("network_costs", "Udgifter til netværket", "input", "kr. pr. måned", 250_000, 0, 500, "input",
               _EV_MEASURED, False),
)
_IND_INDEX = {ind.indicator_id: i for i, ind in enumerate(_INDICATORS)}
_HOURS = _IND_INDEX["hours_invested"]
_COSTS = _IND_INDEX["network_costs"]

_NOTES = np.array(
    [
        "Skøn fra netværkslederen",
        "Tal fra fagsystemet",
        "Lav svarprocent denne gang",
        "Påvirket af sommerferien",
        "Ny opgørelsesmetode fra denne måned",
        "Færre borgere i forløb i perioden",
        "Foreløbigt tal",
    ],
    dtype=object,
)

# --------------------------------------------------------------------------------------------
# The embedded Albertslund-like sample
# --------------------------------------------------------------------------------------------

_ORG: tuple[tuple[str, str, str, str], ...] = (
    ("ALB", "Albertslund Kommune", "", "municipality"),
    ("A-BSV", "Børn, Sundhed og Velfærd", "ALB", "area"),
    ("A-BMB", "By, Miljø og Beskæftigelse", "ALB", "area"),
    ("C-SUO", "Center for Sundhed og Omsorg", "A-BSV", "centre"),
    ("C-BOF", "Center for Børn og Familier", "A-BSV", "centre"),
    ("C-SKO", "Center for Skole", "A-BSV", "centre"),
    ("C-SOC", "Center for Social og Psykiatri", "A-BSV", "centre"),
    ("C-KUF", "Center for Kultur og Fritid", "A-BMB", "centre"),
    ("C-BMT", "Center for By, Miljø og Teknik", "A-BMB", "centre"),
    ("C-JOB", "Jobcenter Albertslund", "A-BMB", "centre"),
    ("C-OEP", "Center for Økonomi og Personale", "A-BMB", "centre"),
    ("U-HJEM-NORD", "Hjemmeplejen Nord", "C-SUO", "unit"),
    ("U-HJEM-SYD", "Hjemmeplejen Syd", "C-SUO", "unit"),
    ("U-SYGEPL", "Hjemmesygeplejen", "C-SUO", "unit"),
    ("U-SOLG", "Plejecenter Solgården", "C-SUO", "unit"),
    ("U-ALBH", "Plejecenter Albertshøj", "C-SUO", "unit"),
    ("U-TRAEN", "Træning og Rehabilitering", "C-SUO", "unit"),
    ("U-SUNDC", "Sundhedscenter Albertslund", "C-SUO", "unit"),
    ("U-DEMENS", "Demensteamet", "C-SUO", "unit"),
    ("U-VISIT", "Visitation og Hjælpemidler", "C-SUO", "unit"),
    ("U-DAG-NORD", "Dagtilbud Nord", "C-BOF", "unit"),
    ("U-DAG-SYD", "Dagtilbud Syd", "C-BOF", "unit"),
    ("U-SUNDPL", "Sundhedsplejen", "C-BOF", "unit"),
    ("U-PPR", "Pædagogisk Psykologisk Rådgivning", "C-BOF", "unit"),
    ("U-FAMILIE", "Familierådgivningen", "C-BOF", "unit"),
    ("U-SK-HERST", "Herstedlund Skole", "C-SKO", "unit"),
    ("U-SK-EGEL", "Egelundskolen", "C-SKO", "unit"),
    ("U-SK-KONG", "Kongsholmskolen", "C-SKO", "unit"),
    ("U-SK-SOEND", "Sønderagerskolen", "C-SKO", "unit"),
    ("U-UNGSK", "Ungdomsskolen", "C-SKO", "unit"),
    ("U-SOCPSYK", "Socialpsykiatrien", "C-SOC", "unit"),
    ("U-BOSTOT", "Bostøtte og Bofællesskaber", "C-SOC", "unit"),
    ("U-MISBRUG", "Rusmiddelcentret", "C-SOC", "unit"),
    ("U-BIBL", "Albertslund Bibliotek", "C-KUF", "unit"),
    ("U-MUSIK", "Musikskolen", "C-KUF", "unit"),
    ("U-IDRAET", "Idræt og Fritid", "C-KUF", "unit"),
    ("U-FRIVIL", "Frivillighed og Foreningsliv", "C-KUF", "unit"),
    ("U-PLAN", "Byplan og Byggeri", "C-BMT", "unit"),
    ("U-VEJPARK", "Vej, Park og Natur", "C-BMT", "unit"),
    ("U-MILJO", "Miljø og Klima", "C-BMT", "unit"),
    ("U-EJD", "Ejendomme og Drift", "C-BMT", "unit"),
    ("U-UNGE", "Ungeindsatsen", "C-JOB", "unit"),
    ("U-VIRKSERV", "Virksomhedsservice", "C-JOB", "unit"),
    ("U-SYGEDAG", "Sygedagpenge og Fleksjob", "C-JOB", "unit"),
    ("U-OEK", "Økonomi og Analyse", "C-OEP", "unit"),
    ("U-HR", "HR og Personale", "C-OEP", "unit"),
    ("U-IT", "IT og Digitalisering", "C-OEP", "unit"),
    ("U-NETSTR", "Netværksstrukturen", "C-OEP", "unit"),
)

_EXTERNAL: tuple[tuple[str, str], ...] = (
    ("X-BORGERE", "Borgere"),
    ("X-PAAROR", "Pårørende"),
    ("X-VIRK", "Virksomheder"),
    ("X-FORENING", "Frivillige foreninger"),
    ("X-VIDEN", "Vidensinstitutioner"),
    ("X-BOLIG", "Boligselskaber"),
    ("X-HOSPITAL", "Hospitalet (Region Hovedstaden)"),
    ("X-NABO", "Nabokommune (Glostrup Kommune)"),
    ("X-UDV-SUND", "§17, stk. 4-udvalg: Sundhed på ny"),
    ("X-UDV-BO", "§17, stk. 4-udvalg: Bo i Albertslund"),
)

# people taking part from an external unit: (low, high) inclusive
_EXTERNAL_PEOPLE = {
    "X-BORGERE": (8, 60),
    "X-PAAROR": (2, 15),
    "X-VIRK": (2, 12),
    "X-FORENING": (3, 20),
    "X-VIDEN": (1, 4),
    "X-BOLIG": (1, 5),
    "X-HOSPITAL": (2, 6),
    "X-NABO": (1, 4),
    "X-UDV-SUND": (5, 9),
    "X-UDV-BO": (5, 9),
}


class _Net(NamedTuple):
    network_id: str
    name: str
    type: str
    home: str
    leader: str
    purpose: str
    start: str  # YYYY-MM
    end: str  # YYYY-MM or ""
    parent: str
    indicators: tuple[str, ...]
    # (unit_id, months after start it joins, months after start it leaves or None, months it rejoins or None)
    reach: tuple[tuple[str, int, int | None, int | None], ...]


def _r(*rows: tuple) -> tuple[tuple[str, int, int | None, int | None], ...]:
    """Pad participation specs to (unit, join, leave, rejoin)."""
    return tuple((*r, None, None)[:4] for r in rows)


_LEADER_NORD = "Netværksleder, Hjemmeplejen Nord"
_CITIZEN_SCORE = ("citizen_satisfaction",)

_NETWORKS: tuple[_Net, ...] = (
    _Net("N01", "Observation og tidlig opsporing i hjemmeplejen", "welfare", "U-HJEM-NORD", _LEADER_NORD,
         "Hjemmeplejen skal opdage små tegn på funktionstab tidligt, så borgeren får hjælp, før det bliver "
         "til en indlæggelse.", "2013-09", "2015-06", "",
         ("citizen_satisfaction", "readmissions", "saved_costs", "saved_hours", "wellbeing",
          "professional_development", "hours_invested", "network_costs"),
         _r(("U-HJEM-NORD", 0), ("U-HJEM-SYD", 2), ("U-SYGEPL", 3), ("U-VISIT", 6), ("U-SOLG", 8),
            ("X-PAAROR", 10), ("U-TRAEN", 12))),
    _Net("N02", "Tilbage til vante niveau efter udskrivning", "welfare", "U-TRAEN",
         "Terapeut og netværksleder, Træning og Rehabilitering",
         "Borgere, der udskrives fra hospitalet, skal hurtigt tilbage til det funktionsniveau, de havde før.",
         "2013-09", "2016-12", "",
         ("citizen_satisfaction", "regained_function", "readmissions", "saved_costs", "wellbeing", "sick_leave",
          "hours_invested", "network_costs"),
         _r(("U-TRAEN", 0), ("U-SOLG", 1), ("U-HJEM-SYD", 3), ("U-HJEM-NORD", 4), ("U-SYGEPL", 5),
            ("X-HOSPITAL", 6), ("X-BORGERE", 9), ("U-ALBH", 12), ("C-SUO", 15), ("U-IDRAET", 18, 28))),
    _Net("N03", "Sundhed på ny", "innovation", "U-SUNDC", "Sundhedschef, Sundhedscenter Albertslund",
         "Byrådets vision om sundhed skal gentænkes sammen med borgere, foreninger og virksomheder.",
         "2013-10", "", "",
         ("citizens_involved", "citizen_satisfaction", "saved_costs", "engagement", "hours_invested",
          "network_costs"),
         _r(("U-SUNDC", 0), ("X-UDV-SUND", 0), ("U-TRAEN", 2), ("U-SUNDPL", 4), ("X-BORGERE", 5), ("U-IDRAET", 8),
            ("X-FORENING", 10), ("A-BSV", 12), ("X-VIDEN", 14), ("U-SK-HERST", 20, 32, 46), ("X-VIRK", 26, 40))),
    _Net("N04", "Bo i Albertslund", "innovation", "U-PLAN", "Byplanlægger, Byplan og Byggeri",
         "Byens boligområder skal udvikles sammen med beboerne, så flere vil bo og blive boende i Albertslund.",
         "2013-11", "2016-06", "",
         ("citizens_involved", "citizen_satisfaction", "engagement", "hours_invested"),
         _r(("U-PLAN", 0), ("X-UDV-BO", 0), ("U-VEJPARK", 2), ("X-BOLIG", 3), ("U-MILJO", 4), ("X-BORGERE", 5),
            ("U-SOCPSYK", 9), ("A-BMB", 10), ("U-BIBL", 12))),
    _Net("N05", "Frivillighed på tværs", "learning", "U-FRIVIL", "Frivillighedskoordinator, Kultur og Fritid",
         "Medarbejdere på tværs af kommunen skal lære at samarbejde med frivillige og foreninger.",
         "2013-11", "2017-12", "",
         ("citizens_involved", "professional_development", "engagement", "saved_hours", "hours_invested"),
         _r(("U-FRIVIL", 0), ("U-BIBL", 1), ("X-FORENING", 2), ("U-SOLG", 4), ("U-HJEM-NORD", 7), ("U-ALBH", 9),
            ("U-DEMENS", 12), ("U-HR", 15, 30), ("X-NABO", 20))),
    _Net("N06", "Byen designet til børn", "innovation", "U-VEJPARK", "Landskabsarkitekt, Vej, Park og Natur",
         "Byens rum, stier og legepladser skal indrettes ud fra børns egne oplevelser af byen.",
         "2014-01", "", "",
         ("citizens_involved", "citizen_satisfaction", "engagement", "network_costs"),
         _r(("U-VEJPARK", 0), ("U-PLAN", 1), ("U-DAG-NORD", 3), ("U-DAG-SYD", 4), ("U-SK-KONG", 6),
            ("X-BORGERE", 8), ("U-IDRAET", 12), ("X-VIDEN", 18, 30))),
    _Net("N07", "Hverdagsrehabilitering i hjemmeplejen", "welfare", "U-HJEM-SYD", "Teamleder, Hjemmeplejen Syd",
         "Hjælpen i hjemmet skal gøre borgeren i stand til selv at klare hverdagens gøremål.",
         "2013-12", "", "",
         ("regained_function", "citizen_satisfaction", "saved_hours", "saved_costs", "wellbeing", "sick_leave",
          "hours_invested", "network_costs"),
         _r(("U-HJEM-SYD", 0), ("U-TRAEN", 1), ("U-HJEM-NORD", 2), ("U-VISIT", 3), ("U-SYGEPL", 6), ("C-SUO", 8),
            ("U-SOLG", 10, 30), ("X-PAAROR", 14), ("U-ALBH", 20))),
    _Net("N08", "Unge i job og uddannelse", "welfare", "U-UNGE", "Teamleder, Ungeindsatsen",
         "Unge uden uddannelse skal have én samlet plan på tværs af jobcenter, skole og socialområde.",
         "2014-01", "2017-06", "",
         ("case_processing_days", "citizen_satisfaction", "saved_costs", "engagement", "hours_invested"),
         _r(("U-UNGE", 0), ("U-VIRKSERV", 1), ("U-UNGSK", 3), ("X-VIRK", 4), ("U-SOCPSYK", 6), ("U-MISBRUG", 9))),
    _Net("N09", "Demensvenlig hverdag", "welfare", "U-DEMENS", "Demenskoordinator, Demensteamet",
         "Borgere med demens og deres pårørende skal mødes af en kommune, der forstår og hænger sammen.",
         "2014-02", "", "",
         ("citizen_satisfaction", "readmissions", "wellbeing", "professional_development", "hours_invested"),
         _r(("U-DEMENS", 0), ("U-SOLG", 1), ("U-ALBH", 2), ("X-PAAROR", 3), ("U-HJEM-NORD", 4), ("U-HJEM-SYD", 5),
            ("U-TRAEN", 8), ("U-BIBL", 14, 26, 40), ("X-FORENING", 16), ("C-SUO", 18))),
    _Net("N10", "Samskabelse i praksis", "learning", "U-NETSTR", "Konsulent, Netværksstrukturen",
         "Netværkslederne skal lære metoder til samskabelse med borgere og samarbejdspartnere.",
         "2014-03", "2016-02", "",
         ("professional_development", "engagement", "wellbeing", "hours_invested", "network_costs"),
         _r(("U-NETSTR", 0), ("U-HR", 1), ("U-SUNDC", 3), ("U-PLAN", 4), ("X-VIDEN", 5), ("U-FAMILIE", 6),
            ("U-HJEM-NORD", 8))),
    _Net("N11", "Sammenhængende indsats for udsatte familier", "welfare", "U-FAMILIE",
         "Afdelingsleder, Familierådgivningen",
         "Familier med flere sager skal opleve én samlet indsats i stedet for mange parallelle.",
         "2014-04", "", "",
         ("case_processing_days", "citizen_satisfaction", "saved_costs", "wellbeing", "hours_invested"),
         _r(("U-FAMILIE", 0), ("U-PPR", 1), ("U-SUNDPL", 2), ("U-DAG-SYD", 4), ("U-SK-EGEL", 6), ("U-UNGE", 10),
            ("U-SOCPSYK", 12, 36))),
    _Net("N12", "Medicinhåndtering på tværs", "welfare", "U-SYGEPL",
         "Sygeplejerske og netværksleder, Hjemmesygeplejen",
         "Fejl i medicinen skal undgås, når borgeren flytter mellem hospital, plejecenter og eget hjem.",
         "2014-05", "2015-10", "",
         ("readmissions", "saved_costs", "saved_hours", "professional_development", "hours_invested",
          "network_costs"),
         _r(("U-SYGEPL", 0), ("U-HJEM-NORD", 1), ("U-HJEM-SYD", 1), ("U-SOLG", 3), ("X-HOSPITAL", 4),
            ("U-ALBH", 6))),
    _Net("N13", "Velfærdsteknologi i hverdagen", "learning", "U-VISIT",
         "Velfærdsteknologisk konsulent, Visitation og Hjælpemidler",
         "Medarbejderne skal dele erfaringer med velfærdsteknologi, så gode løsninger bliver brugt i hele "
         "kommunen.", "2014-08", "2016-08", "",
         ("professional_development", "saved_hours", "engagement", "network_costs"),
         _r(("U-VISIT", 0), ("U-TRAEN", 2), ("U-HJEM-SYD", 3), ("U-SOLG", 5), ("X-VIDEN", 6), ("X-VIRK", 8))),
    _Net("N14", "Fællesskab mod ensomhed", "welfare", "U-SOLG", "Aktivitetsmedarbejder, Plejecenter Solgården",
         "Ældre, der føler sig ensomme, skal finde nye fællesskaber i og omkring plejecentrene.",
         "2014-10", "", "",
         ("citizens_involved", "citizen_satisfaction", "wellbeing", "hours_invested"),
         _r(("U-SOLG", 0), ("U-ALBH", 2), ("U-HJEM-NORD", 3), ("U-FRIVIL", 4), ("X-FORENING", 5), ("X-BORGERE", 8),
            ("U-BIBL", 10), ("U-SUNDC", 15, 40))),
    _Net("N15", "Inkluderende læringsmiljøer", "learning", "U-SK-HERST", "Viceskoleleder, Herstedlund Skole",
         "Lærere og pædagoger skal lære af hinanden, så flere børn kan gå i den almindelige skole.",
         "2014-11", "2017-07", "",
         ("professional_development", "engagement", "wellbeing", "sick_leave", "hours_invested"),
         _r(("U-SK-HERST", 0), ("U-SK-EGEL", 1), ("U-SK-KONG", 3), ("U-PPR", 4), ("U-UNGSK", 8))),
    _Net("N16", "Virksomhedssamarbejde om fleksjob", "welfare", "U-VIRKSERV",
         "Virksomhedskonsulent, Jobcenter Albertslund",
         "Flere borgere på kanten af arbejdsmarkedet skal i fleksjob hos lokale virksomheder.",
         "2015-01", "", "",
         ("case_processing_days", "saved_costs", "citizen_satisfaction", "engagement", "hours_invested",
          "network_costs"),
         _r(("U-VIRKSERV", 0), ("U-SYGEDAG", 1), ("X-VIRK", 2), ("U-TRAEN", 10), ("X-NABO", 14, 30))),
    _Net("N17", "Tidlig opsporing på plejecentrene", "welfare", "U-SOLG", _LEADER_NORD,
         "Erfaringerne med observation fra hjemmeplejen skal bruges på plejecentrene.",
         "2015-08", "2018-06", "N01",
         ("readmissions", "citizen_satisfaction", "saved_costs", "wellbeing", "professional_development",
          "hours_invested", "network_costs"),
         _r(("U-SOLG", 0), ("U-ALBH", 1), ("U-SYGEPL", 2), ("U-DEMENS", 4), ("X-PAAROR", 6))),
    _Net("N18", "Mad og måltider i eget hjem", "welfare", "U-HJEM-NORD", _LEADER_NORD,
         "Ældre i eget hjem skal spise sig stærke, så de bevarer kræfter og livsglæde.",
         "2015-09", "", "N01",
         ("regained_function", "citizen_satisfaction", "saved_costs", "wellbeing", "hours_invested"),
         _r(("U-HJEM-NORD", 0), ("U-HJEM-SYD", 1), ("U-TRAEN", 3), ("U-SUNDC", 4), ("X-PAAROR", 5),
            ("X-FORENING", 10), ("U-SOLG", 12))),
    _Net("N19", "Bo i Albertslund: Fællesskaber i boligområderne", "innovation", "U-PLAN",
         "Boligsocial konsulent, Byplan og Byggeri",
         "Beboerne skal selv skabe fællesskaber og aktiviteter i de renoverede boligområder.",
         "2016-08", "", "N04",
         ("citizens_involved", "citizen_satisfaction", "engagement", "hours_invested"),
         _r(("U-PLAN", 0), ("X-BOLIG", 0), ("X-UDV-BO", 1), ("X-BORGERE", 2), ("U-FRIVIL", 3), ("U-BIBL", 5),
            ("U-SOCPSYK", 7))),
    _Net("N20", "Bo i Albertslund: Renovering med beboerne", "innovation", "U-MILJO",
         "Klimakoordinator, Miljø og Klima",
         "Renoveringen af boligerne skal planlægges sammen med beboerne og give en grønnere by.",
         "2016-09", "2019-06", "N04",
         ("citizens_involved", "citizen_satisfaction", "saved_costs", "network_costs"),
         _r(("U-MILJO", 0), ("U-PLAN", 1), ("X-BOLIG", 1), ("X-BORGERE", 3), ("U-VEJPARK", 6))),
    _Net("N21", "Gode overgange mellem hospital og hjem", "welfare", "U-SYGEPL",
         "Sygeplejerske og netværksleder, Hjemmesygeplejen",
         "Udskrivningen skal aftales på forhånd, så borgeren kommer trygt hjem og ikke genindlægges.",
         "2015-11", "", "N12",
         ("readmissions", "citizen_satisfaction", "saved_costs", "saved_hours", "wellbeing", "hours_invested",
          "network_costs"),
         _r(("U-SYGEPL", 0), ("X-HOSPITAL", 1), ("U-HJEM-NORD", 2), ("U-HJEM-SYD", 2), ("U-TRAEN", 3),
            ("U-VISIT", 5), ("X-PAAROR", 9), ("X-NABO", 12, 30))),
    _Net("N22", "Frivillige i ældreplejen", "welfare", "U-ALBH", "Frivillighedskoordinator, Kultur og Fritid",
         "Frivillige skal give beboerne på plejecentrene flere gode oplevelser i hverdagen.",
         "2018-01", "", "N05",
         ("citizens_involved", "citizen_satisfaction", "wellbeing", "hours_invested"),
         _r(("U-ALBH", 0), ("U-FRIVIL", 1), ("X-FORENING", 1), ("U-SOLG", 3), ("U-HJEM-SYD", 6))),
    _Net("N23", "Sund start for børn", "innovation", "U-SUNDPL", "Sundhedsplejerske, Sundhedsplejen",
         "Børn skal have en sund start på livet gennem nye samarbejder mellem familier, dagtilbud og sundhed.",
         "2016-03", "", "",
         ("citizens_involved", "citizen_satisfaction", "engagement", "hours_invested"),
         _r(("U-SUNDPL", 0), ("U-DAG-NORD", 2), ("U-DAG-SYD", 2), ("U-SUNDC", 4), ("X-BORGERE", 6),
            ("X-VIDEN", 12))),
    _Net("N24", "Mental sundhed blandt unge", "welfare", "U-UNGE", "Teamleder, Ungeindsatsen",
         "Unge med psykisk mistrivsel skal hurtigt få hjælp og holde fast i uddannelse eller job.",
         "2017-08", "", "N08",
         ("case_processing_days", "citizen_satisfaction", "engagement", "hours_invested"),
         _r(("U-UNGE", 0), ("U-UNGSK", 1), ("U-SOCPSYK", 2), ("U-MISBRUG", 3), ("U-SUNDC", 6), ("X-FORENING", 9))),
    _Net("N25", "Ledelse i netværk", "learning", "U-HR", "HR-konsulent, HR og Personale",
         "Ledere skal lære at lede på tværs af faggrænser og støtte medarbejdere, der arbejder i netværk.",
         "2016-01", "2018-12", "N10",
         ("professional_development", "engagement", "wellbeing", "sick_leave", "hours_invested"),
         _r(("U-HR", 0), ("U-NETSTR", 1), ("U-HJEM-NORD", 3), ("U-FAMILIE", 4), ("U-VIRKSERV", 5), ("U-PLAN", 6),
            ("X-NABO", 8), ("X-VIDEN", 10))),
    _Net("N26", "Klimatilpasning med borgerne", "innovation", "U-MILJO", "Klimakoordinator, Miljø og Klima",
         "Borgere og kommune skal sammen finde løsninger på skybrud og regnvand i byen.",
         "2017-04", "", "",
         ("citizens_involved", "engagement", "network_costs"),
         _r(("U-MILJO", 0), ("U-VEJPARK", 1), ("X-BORGERE", 3), ("X-BOLIG", 4), ("U-SK-KONG", 8))),
    _Net("N27", "Digital inklusion", "learning", "U-BIBL", "Bibliotekar, Albertslund Bibliotek",
         "Medarbejdere og frivillige skal lære at hjælpe borgere, der har svært ved de digitale løsninger.",
         "2018-03", "", "",
         ("citizens_involved", "professional_development", "hours_invested"),
         _r(("U-BIBL", 0), ("U-FRIVIL", 1), ("X-FORENING", 2), ("U-HJEM-SYD", 5), ("X-BORGERE", 6))),
    _Net("N28", "Bevægelse for alle", "welfare", "U-IDRAET", "Idrætskonsulent, Idræt og Fritid",
         "Borgere, der ikke dyrker motion, skal finde en aktivitet i foreningslivet, der passer til dem.",
         "2019-04", "", "",
         (),
         _r(("U-IDRAET", 0), ("U-TRAEN", 1))),
)

# Network-years with an evaluation behind the numbers (sample only): (network_id, year, evidence level)
_EVALUATIONS = (
    ("N01", 2014, _EV_INTERNAL),
    ("N02", 2015, _EV_EXTERNAL),
    ("N07", 2015, _EV_INTERNAL),
    ("N03", 2016, _EV_EXTERNAL),
    ("N17", 2017, _EV_INTERNAL),
    ("N21", 2018, _EV_EXTERNAL),
)

_STORIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("N01", "2014-03-20", "citizen", "De visne blomster i vindueskarmen",
     "En hjemmehjælper lagde mærke til, at blomsterne i Fru Hansens vindueskarm var visne. Fru Hansen plejede "
     "altid at passe dem omhyggeligt. Med netværkets observationsskema meldte hjælperen ændringen videre samme "
     "dag. Sygeplejersken fandt en begyndende urinvejsinfektion, som blev behandlet hjemme, og en indlæggelse "
     "blev undgået. Nu spørger hele gruppen: hvad er de små tegn hos netop denne borger?"),
    ("N02", "2014-06-12", "citizen", "Hr. Nielsen spiller violin igen",
     "Hr. Nielsen kom hjem fra hospitalet efter en lungebetændelse og kunne næsten ikke løfte armene. Under en "
     "samtale på Solgården fortalte han, at han havde spillet violin i et lille orkester hele sit voksenliv. "
     "Terapeuten og plejepersonalet gjorde violinen til målet for træningen: først at holde instrumentet, så at "
     "føre buen. Efter ti uger spillede Hr. Nielsen for de andre beboere til sommerfesten."),
    ("N06", "2014-09-24", "citizen", "Børnene tegnede vejen til skole",
     "Elever fra Kongsholmskolen og børn fra dagtilbuddene gik deres daglige veje med kameraer og tegnede, hvor "
     "de følte sig utrygge. Vej, Park og Natur ændrede belysningen ved to stitunneller og flyttede et "
     "fodgængerfelt. Forældrene fortæller, at flere børn nu cykler selv i skole."),
    ("N07", "2015-02-17", "staff", "Fra at gøre for til at gøre med",
     "En social- og sundhedshjælper i Hjemmeplejen Syd fortæller, at hun før gjorde rent og handlede ind for "
     "borgerne. I netværket lærte hun sammen med terapeuterne at træne hverdagens gøremål med borgeren i stedet. "
     "Arbejdet er blevet mere meningsfuldt, og kollegerne deler nu erfaringer på tværs af distrikterne hver "
     "fjortende dag."),
    ("N05", "2015-10-14", "staff", "Frivillige og medarbejdere på samme hold",
     "På Solgården var der usikkerhed om, hvad frivillige måtte og ikke måtte. Netværket samlede medarbejdere "
     "og foreninger til en fælles workshop, hvor de skrev en enkel aftale om roller. Medarbejderne oplever nu de "
     "frivillige som en del af hverdagen, og der kommer frivillige i huset fire dage om ugen."),
    ("N18", "2016-03-08", "citizen", "Flødebollerne der bragte appetitten tilbage",
     "Fru Jensen havde tabt sig og spiste næsten ingenting af den mad, der blev bragt ud. Hjemmeplejen spurgte, "
     "hvad hun selv havde lyst til, og svaret var flødeboller og lagkage som til fødselsdagene i gamle dage. "
     "Medarbejderne begyndte at spise et stykke kage sammen med hende om eftermiddagen. Appetitten kom tilbage, "
     "og efter to måneder spiste hun igen sine almindelige måltider og havde taget på."),
    ("N08", "2016-04-21", "economy", "Fra praktik til fast job",
     "En ung mand havde i to år været på kontanthjælp. Gennem netværket fik Ungeindsatsen og Virksomhedsservice "
     "en fælles plan, og en lokal virksomhed tilbød en praktik. Praktikken blev til et fast job efter fire "
     "måneder. For kommunen betyder det en sparet ydelse, for den unge en hverdag med kolleger."),
    ("N21", "2017-05-03", "economy", "Færre genindlæggelser efter udskrivning",
     "Sygeplejersker fra hjemmesygeplejen og hospitalet aftalte en fast opringning dagen før udskrivning, og "
     "medicinlisten gennemgås nu, før borgeren kommer hjem. Netværket opgjorde, at flere genindlæggelser blev "
     "undgået i det første halve år. Hver undgået genindlæggelse sparer kommunen for medfinansiering og ekstra "
     "besøg i hjemmeplejen."),
)

# --------------------------------------------------------------------------------------------
# Date helpers
# --------------------------------------------------------------------------------------------


def _month_of(text: str) -> int:
    """'YYYY-MM[...]' -> month index from September 2013."""
    return (int(text[:4]) - _FIRST_YEAR) * 12 + int(text[5:7]) - 9


def _month_start(m: np.ndarray) -> np.ndarray:
    """Month index -> first day of that month (datetime64[D])."""
    return (_FIRST_MONTH + np.asarray(m, dtype=np.int64)).astype("datetime64[D]")


def _month_end(m: np.ndarray) -> np.ndarray:
    """Month index -> last day of that month (datetime64[D])."""
    return (_FIRST_MONTH + np.asarray(m, dtype=np.int64) + 1).astype("datetime64[D]") - np.timedelta64(1, "D")


def _iso(dates: np.ndarray) -> np.ndarray:
    """datetime64[D] array -> object array of 'YYYY-MM-DD', '' for NaT."""
    dates = np.asarray(dates, dtype="datetime64[D]")
    text = np.datetime_as_string(dates, unit="D").astype(object)
    text[np.isnat(dates)] = ""
    return text


_PERIODS = np.datetime_as_string(_FIRST_MONTH + np.arange(_N_MONTHS), unit="M").astype(object)


# --------------------------------------------------------------------------------------------
# Shared builders
# --------------------------------------------------------------------------------------------


def _indicator_frame() -> pd.DataFrame:
    """The indicator catalogue as a frame."""
    return pd.DataFrame(
        {
            "indicator_id": [i.indicator_id for i in _INDICATORS],
            "name": [i.name for i in _INDICATORS],
            "perspective": [i.perspective for i in _INDICATORS],
            "unit": [i.unit for i in _INDICATORS],
            "worst": np.array([i.worst for i in _INDICATORS], dtype=float),
            "best": np.array([i.best for i in _INDICATORS], dtype=float),
        }
    )


def _measurements(
    rng: np.random.Generator,
    network_ids: np.ndarray,
    start_m: np.ndarray,
    last_m: np.ndarray,
    pair_net: np.ndarray,
    pair_ind: np.ndarray,
    quarterly: np.ndarray,
    lag: np.ndarray,
    evaluation: np.ndarray,
    drop_share: float,
    note_share: float,
) -> pd.DataFrame:
    """Vectorised measurement rows for (network, indicator) pairs over each network's active months.

    start_m/last_m: month index per network; pair_*: one entry per (network, indicator) pair, sorted by
    network then indicator; quarterly: per pair; lag: months after start before the first report;
    evaluation: (networks x years) evidence level of evaluations (0 = none).
    """
    n_net = len(network_ids)
    n_pairs = len(pair_net)
    ind_step = np.array([i.step for i in _INDICATORS])
    ind_worst = np.array([i.worst for i in _INDICATORS], dtype=float)
    ind_best = np.array([i.best for i in _INDICATORS], dtype=float)
    ind_kind = np.array([i.kind for i in _INDICATORS], dtype=object)
    ind_evidence = np.array([i.evidence for i in _INDICATORS])
    ind_evaluable = np.array([i.evidence == _EV_SELF and i.kind != "input" for i in _INDICATORS])

    # Per network: how well it works, and how many hours it takes.
    quality = rng.uniform(0.4, 1.3, n_net)
    base_hours = rng.uniform(15.0, 120.0, n_net)
    hourly_cost = rng.uniform(350.0, 550.0, n_net)

    # Per pair: a saturating trend from p0 towards p0 + gain, with noise.
    kind = ind_kind[pair_ind]
    grow = kind == "grow"
    p0 = np.where(grow, rng.uniform(0.02, 0.15, n_pairs), rng.uniform(0.3, 0.6, n_pairs))
    gain = np.where(grow, rng.uniform(0.15, 0.6, n_pairs), rng.uniform(-0.05, 0.35, n_pairs)) * quality[pair_net]
    tau = rng.uniform(4.0, 18.0, n_pairs)
    sd = rng.uniform(0.03, 0.07, n_pairs)
    scale = np.where(pair_ind == _COSTS, (base_hours * hourly_cost)[pair_net], base_hours[pair_net])

    first = start_m[pair_net] + lag
    count = np.maximum(last_m[pair_net] - first + 1, 0)
    row_pair = np.repeat(np.arange(n_pairs), count)
    offset = np.arange(row_pair.size) - np.repeat(np.cumsum(count) - count, count)
    month = first[row_pair] + offset
    keep = ~(quarterly[row_pair] & (month % 3 != 0))  # month index 0 is September: quarter ends are 0 mod 3
    if drop_share > 0:
        keep &= rng.random(row_pair.size) >= drop_share
    row_pair = row_pair[keep]
    month = month[keep]
    n_rows = row_pair.size

    net = pair_net[row_pair]
    ind = pair_ind[row_pair]
    t = (month - start_m[net]).astype(float)
    noise = rng.standard_normal(n_rows)
    progress = p0[row_pair] + gain[row_pair] * (1.0 - np.exp(-t / tau[row_pair])) + sd[row_pair] * noise
    progress = np.where(kind[row_pair] == "score", np.clip(progress, 0.0, 1.0), np.clip(progress, 0.0, 1.3))
    value = ind_worst[ind] + (ind_best[ind] - ind_worst[ind]) * progress
    is_input = kind[row_pair] == "input"
    input_value = scale[row_pair] * (1.0 + 0.6 * np.exp(-t / 4.0)) * np.exp(0.15 * noise)
    value = np.where(is_input, input_value, value)

    # Round to each indicator's step; decimals via np.round keep short decimal representations.
    step = ind_step[ind]
    for s in np.unique(ind_step):
        sel = step == s
        if s >= 1:
            value[sel] = np.round(value[sel] / s) * s
        else:
            value[sel] = np.round(value[sel], round(-np.log10(s)))

    evidence_code = ind_evidence[ind]
    year = (month + 8) // 12
    evaluated = evaluation[net, year]
    evidence_code = np.where(ind_evaluable[ind] & (evaluated > 0), evaluated, evidence_code)

    note = np.full(n_rows, "", dtype=object)
    has_note = rng.random(n_rows) < note_share
    note[has_note] = _NOTES[rng.integers(0, len(_NOTES), int(has_note.sum()))]

    return pd.DataFrame(
        {
            "network_id": network_ids[net],
            "indicator_id": np.array([i.indicator_id for i in _INDICATORS], dtype=object)[ind],
            "period": _PERIODS[month],
            "value": value.astype(float),
            "evidence": _EVIDENCE[evidence_code],
            "note": note,
        }
    )


def _random_evaluations(rng: np.random.Generator, n_net: int) -> np.ndarray:
    """Evidence level of an evaluation per network and calendar year (0 = not evaluated)."""
    years = (_LAST + 8) // 12 + 1
    draw = rng.random((n_net, years))
    out = np.zeros((n_net, years), dtype=np.int64)
    out[draw < 0.06] = _EV_INTERNAL
    out[draw < 0.015] = _EV_EXTERNAL
    return out


def _frame(name: str, data: dict) -> pd.DataFrame:
    """A frame with the canonical columns of a record type, in order."""
    return pd.DataFrame({c: data[c] for c in COLUMNS[name]})


# --------------------------------------------------------------------------------------------
# The embedded sample
# --------------------------------------------------------------------------------------------


# Every sample network reports on all three legs, as the municipality asks of its networks; the indicator
# added where a network chose none for a leg is the simplest one to collect.
_LEG_DEFAULTS = {"citizen": "citizens_involved", "economy": "saved_hours", "staff": "wellbeing"}


def _with_all_legs(indicators: tuple[str, ...]) -> tuple[str, ...]:
    legs = {_INDICATORS[_IND_INDEX[k]].perspective for k in indicators}
    return tuple(indicators) + tuple(v for p, v in _LEG_DEFAULTS.items() if p not in legs)


def _sample(seed: int) -> dict[str, pd.DataFrame]:
    """The embedded Albertslund-like sample."""
    rng = np.random.default_rng(seed)

    org_rows = list(_ORG) + [(uid, name, "ALB", "external") for uid, name in _EXTERNAL]
    org_units = _frame("org_units", {
        "unit_id": [r[0] for r in org_rows],
        "name": [r[1] for r in org_rows],
        "parent_id": [r[2] for r in org_rows],
        "level": [r[3] for r in org_rows],
    })
    level_of = {r[0]: r[3] for r in org_rows}

    start_m = np.array([_month_of(n.start) for n in _NETWORKS])
    end_m = np.array([_month_of(n.end) if n.end else _N_MONTHS for n in _NETWORKS])
    ended = end_m < _N_MONTHS
    ended_on = np.where(ended, _month_end(np.minimum(end_m, _LAST)), np.datetime64("NaT", "D"))
    networks = _frame("networks", {
        "network_id": [n.network_id for n in _NETWORKS],
        "name": [n.name for n in _NETWORKS],
        "type": [n.type for n in _NETWORKS],
        "home_unit_id": [n.home for n in _NETWORKS],
        "leader": [n.leader for n in _NETWORKS],
        "purpose": [n.purpose for n in _NETWORKS],
        "started_on": _iso(_month_start(start_m)),
        "ended_on": _iso(ended_on),
        "parent_network_id": [n.parent for n in _NETWORKS],
    })

    # Participation: the home unit from day one, then the ripples in the order written above.
    rows: list[tuple[str, str, np.datetime64, np.datetime64, int]] = []
    nat = np.datetime64("NaT", "D")
    for i, net in enumerate(_NETWORKS):
        start_day = _month_start(start_m[i])
        end_day = ended_on[i]
        last = min(end_m[i], _LAST)
        for unit, join, leave, rejoin in net.reach:
            if start_m[i] + join > last:
                continue
            level = level_of[unit]
            if level == "external":
                low, high = _EXTERNAL_PEOPLE[unit]
            elif unit == net.home:
                low, high = 4, 12
            elif level == "unit":
                low, high = 1, 6
            else:
                low, high = 1, 2
            spells = [(join, leave)]
            if rejoin is not None:
                spells.append((rejoin, None))
            for s_join, s_leave in spells:
                if start_m[i] + s_join > last:
                    continue
                if s_join == 0:
                    joined = start_day
                else:
                    joined = _month_start(start_m[i] + s_join) + np.timedelta64(int(rng.integers(0, 28)), "D")
                if s_leave is not None and start_m[i] + s_leave <= last:
                    left = _month_start(start_m[i] + s_leave) + np.timedelta64(int(rng.integers(0, 28)), "D")
                    if ended[i]:
                        left = min(left, end_day)
                elif ended[i]:
                    left = end_day
                else:
                    left = nat
                rows.append((net.network_id, unit, joined, left, int(rng.integers(low, high + 1))))
    participation = _frame("participation", {
        "network_id": [r[0] for r in rows],
        "unit_id": [r[1] for r in rows],
        "joined_on": _iso(np.array([r[2] for r in rows], dtype="datetime64[D]")),
        "left_on": _iso(np.array([r[3] for r in rows], dtype="datetime64[D]")),
        "people": np.array([r[4] for r in rows], dtype=np.int64),
    })

    # Measurements: the indicators each network chose, from two months after its start.
    chosen = [_with_all_legs(n.indicators) for n in _NETWORKS]
    pair_net = np.array([i for i, ids in enumerate(chosen) for _ in ids], dtype=np.int64)
    pair_ind = np.array([_IND_INDEX[k] for ids in chosen for k in ids], dtype=np.int64)
    order = np.lexsort((pair_ind, pair_net))
    pair_net, pair_ind = pair_net[order], pair_ind[order]
    quarterly = np.array([_INDICATORS[k].quarterly for k in pair_ind], dtype=bool)
    lag = rng.integers(1, 4, pair_net.size)
    evaluation = _random_evaluations(rng, len(_NETWORKS))
    index_of = {n.network_id: i for i, n in enumerate(_NETWORKS)}
    for nid, year, level in _EVALUATIONS:
        evaluation[index_of[nid], year - _FIRST_YEAR] = level
    measurements = _measurements(
        rng,
        np.array([n.network_id for n in _NETWORKS], dtype=object),
        start_m,
        np.minimum(end_m, _LAST),
        pair_net,
        pair_ind,
        quarterly,
        lag,
        evaluation,
        drop_share=0.04,
        note_share=0.03,
    )

    stories = _frame("stories", {
        "network_id": [s[0] for s in _STORIES],
        "told_on": [s[1] for s in _STORIES],
        "perspective": [s[2] for s in _STORIES],
        "title": [s[3] for s in _STORIES],
        "text": [s[4] for s in _STORIES],
    })
    return {
        "org_units": org_units,
        "indicators": _indicator_frame(),
        "networks": networks,
        "participation": participation,
        "measurements": measurements,
        "stories": stories,
    }


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def generate(seed: int = 2013) -> dict[str, pd.DataFrame]:
    """The embedded Albertslund-like sample (large benchmark sets: tools/largesample.py)."""
    return _sample(seed)


def write_csv(frames: dict[str, pd.DataFrame], directory: Path) -> list[Path]:
    """Write one UTF-8, comma-separated CSV per record type named <type>.csv with ISO dates, '.' decimals, empty string for missing; return the paths."""  # noqa: E501
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name in RECORD_ORDER:
        if name not in frames:
            continue
        path = directory / f"{name}.csv"
        frames[name].to_csv(path, index=False, encoding="utf-8", lineterminator="\n", na_rep="", decimal=".")
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the embedded sample as CSV files."""
    parser = argparse.ArgumentParser(prog="python -m netvalue.sample", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument("--seed", type=int, default=2013, help="random seed (default 2013)")
    args = parser.parse_args(argv)
    frames = generate(seed=args.seed)
    for path in write_csv(frames, args.out):
        print(f"{path}  ({len(frames[path.stem])} rows)", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
