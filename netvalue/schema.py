"""The six record types as data: the one source for DDL, validation, templates and the column guide."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

SCHEMA_VERSION = 1

# Column kinds. "free" is long free text (purpose, note, story). Every text kind (id, text, free) is screened for
# CPR numbers (netvalue.privacy.SCREENED_KINDS).
KINDS = ("id", "text", "free", "enum", "int", "float", "date", "month")
SQL_TYPES = {
    "id": "VARCHAR",
    "text": "VARCHAR",
    "free": "VARCHAR",
    "enum": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "date": "DATE",
    "month": "DATE",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool
    doc_da: str
    doc_en: str
    example: str = ""
    aliases: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    value_aliases: dict[str, str] = field(default_factory=dict)
    default: str | None = None

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]


@dataclass(frozen=True)
class ForeignKey:
    column: str
    target: str  # record type
    target_column: str


@dataclass(frozen=True)
class RecordType:
    name: str
    label_da: str
    label_en: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


_LEVEL = {
    "kommune": "municipality",
    "kommunen": "municipality",
    "område": "area",
    "direktørområde": "area",
    "direktionsområde": "area",
    "center": "centre",
    "enhed": "unit",
    "afdeling": "unit",
    "ekstern": "external",
    "eksterne": "external",
}
_TYPE = {
    "velfærd": "welfare",
    "velfærdsnetværk": "welfare",
    "welfare network": "welfare",
    "innovationsnetværk": "innovation",
    "innovation network": "innovation",
    "læring": "learning",
    "læringsnetværk": "learning",
    "learning network": "learning",
}
_PERSPECTIVE = {
    "borger": "citizen",
    "borgere": "citizen",
    "borgerperspektiv": "citizen",
    "borgerperspektivet": "citizen",
    "kommune": "economy",
    "kommunen": "economy",
    "kommuneperspektiv": "economy",
    "kommuneperspektivet": "economy",
    "økonomi": "economy",
    "medarbejder": "staff",
    "medarbejdere": "staff",
    "medarbejderperspektiv": "staff",
    "medarbejderperspektivet": "staff",
    "investering": "input",
    "indsats": "input",
}
_STORY_PERSPECTIVE = {k: v for k, v in _PERSPECTIVE.items() if v != "input"}
_EVIDENCE = {
    "selvrapporteret": "self_reported",
    "self-reported": "self_reported",
    "målt": "measured",
    "maalt": "measured",
    "evalueret internt": "evaluated_internal",
    "evalueret_internt": "evaluated_internal",
    "intern evaluering": "evaluated_internal",
    "evalueret eksternt": "evaluated_external",
    "evalueret_eksternt": "evaluated_external",
    "ekstern evaluering": "evaluated_external",
}

LEVELS = ("municipality", "area", "centre", "unit", "external")
NETWORK_TYPES = ("welfare", "innovation", "learning")
PERSPECTIVES = ("citizen", "economy", "staff")
INDICATOR_PERSPECTIVES = (*PERSPECTIVES, "input")
EVIDENCE_LEVELS = ("self_reported", "measured", "evaluated_internal", "evaluated_external")

RECORD_TYPES: dict[str, RecordType] = {
    rt.name: rt
    for rt in (
        RecordType(
            "org_units",
            "Organisationsenheder",
            "Organisation units",
            ("unit_id",),
            (
                Column("unit_id", "id", True, "Enhedens id", "The unit's id", "U-HJEM-NORD",
                       ("enhed_id", "enhedsid", "enheds_id")),
                Column("name", "text", True, "Navn", "Name", "Hjemmeplejen Nord", ("navn", "enhedsnavn")),
                Column("parent_id", "id", False, "Overordnet enheds id (tom for kommunen)",
                       "Parent unit's id (empty for the root)", "C-SUO",
                       ("overordnet_id", "overordnet", "forælder_id", "overenhed_id", "parent")),
                Column("level", "enum", True, "Niveau", "Level", "unit", ("niveau",), LEVELS, _LEVEL),
            ),
            (ForeignKey("parent_id", "org_units", "unit_id"),),
        ),
        RecordType(
            "indicators",
            "Indikatorer",
            "Indicators",
            ("indicator_id",),
            (
                Column("indicator_id", "id", True, "Indikatorens id", "The indicator's id",
                       "citizen_satisfaction", ("indikator_id", "indikatorid", "indikator")),
                Column("name", "text", True, "Navn", "Name", "Borgertilfredshed", ("navn", "indikatornavn")),
                Column("perspective", "enum", True, "Perspektiv (borger, kommune, medarbejder, input)",
                       "Perspective (citizen, economy, staff, input)", "citizen",
                       ("perspektiv",), INDICATOR_PERSPECTIVES, _PERSPECTIVE),
                Column("unit", "text", False, "Måleenhed", "Unit of measurement", "skala 1-5",
                       ("måleenhed", "enhed")),
                Column("worst", "float", True, "Værste værdi (giver score 0)", "Worst value (scores 0)", "1",
                       ("værst", "værste", "dårligst", "bund")),
                Column("best", "float", True, "Bedste værdi (giver score 100)", "Best value (scores 100)", "5",
                       ("bedst", "bedste", "mål", "top")),
            ),
        ),
        RecordType(
            "networks",
            "Netværk",
            "Networks",
            ("network_id",),
            (
                Column("network_id", "id", True, "Netværkets id", "The network's id", "N01",
                       ("netværk_id", "netværksid", "netværks_id", "netværk")),
                Column("name", "text", True, "Navn", "Name", "Observation og tidlig opsporing i hjemmeplejen",
                       ("navn", "netværksnavn")),
                Column("type", "enum", True, "Type (velfærd, innovation, læring)",
                       "Type (welfare, innovation, learning)", "welfare",
                       ("netværkstype",), NETWORK_TYPES, _TYPE),
                Column("home_unit_id", "id", True, "Hjemmeenhed (hvor netværket startede)",
                       "Home unit (where the network started)", "U-HJEM-NORD",
                       ("hjemmeenhed_id", "hjemenhed_id", "hjemmeenhed", "hjemenhed")),
                Column("leader", "text", False, "Netværksleder (rolle, ikke navn)",
                       "Network leader (a role, not a name)", "Netværksleder, Hjemmeplejen Nord",
                       ("leder", "netværksleder")),
                Column("purpose", "free", False, "Formål", "Purpose", "Opdage tegn på funktionstab tidligt",
                       ("formål",)),
                Column("started_on", "date", True, "Startdato", "Start date", "2013-09-01",
                       ("startdato", "start", "startet", "start_dato")),
                Column("ended_on", "date", False, "Slutdato (tom mens aktivt)", "End date (empty while active)",
                       "", ("slutdato", "slut", "afsluttet", "slut_dato")),
                Column("parent_network_id", "id", False, "Netværk det er skudt ud fra (knopskydning)",
                       "Network it budded from", "", ("forældrenetværk_id", "moder_netværk_id",
                                                      "udsprunget_af", "forældrenetværk", "moder_netværk")),
            ),
            (
                ForeignKey("home_unit_id", "org_units", "unit_id"),
                ForeignKey("parent_network_id", "networks", "network_id"),
            ),
        ),
        RecordType(
            "participation",
            "Deltagelse",
            "Participation",
            ("network_id", "unit_id", "joined_on"),
            (
                Column("network_id", "id", True, "Netværkets id", "The network's id", "N01",
                       ("netværk_id", "netværksid", "netværks_id", "netværk")),
                Column("unit_id", "id", True, "Enhedens id", "The unit's id", "U-HJEM-NORD",
                       ("enhed_id", "enhedsid", "enheds_id", "enhed")),
                Column("joined_on", "date", True, "Deltager fra", "Taking part from", "2013-09-01",
                       ("deltager_fra", "fra", "indtrådt", "tilmeldt", "startdato")),
                Column("left_on", "date", False, "Deltager til (tom mens aktiv)",
                       "Taking part until (empty while active)", "", ("deltager_til", "til", "udtrådt", "slutdato")),
                Column("people", "int", True, "Antal personer", "Number of people", "4",
                       ("personer", "antal", "antal_personer", "deltagere")),
            ),
            (
                ForeignKey("network_id", "networks", "network_id"),
                ForeignKey("unit_id", "org_units", "unit_id"),
            ),
        ),
        RecordType(
            "measurements",
            "Målinger",
            "Measurements",
            ("network_id", "indicator_id", "period"),
            (
                Column("network_id", "id", True, "Netværkets id", "The network's id", "N01",
                       ("netværk_id", "netværksid", "netværks_id", "netværk")),
                Column("indicator_id", "id", True, "Indikatorens id", "The indicator's id", "citizen_satisfaction",
                       ("indikator_id", "indikatorid", "indikator")),
                Column("period", "month", True, "Måned (2015-03 eller en dato i måneden)",
                       "Month (2015-03 or any date in it)", "2015-03", ("periode", "måned", "dato")),
                Column("value", "float", True, "Værdi", "Value", "4,2", ("værdi",)),
                Column("evidence", "enum", False,
                       "Evidens (selvrapporteret, målt, evalueret internt, evalueret eksternt)",
                       "Evidence (self_reported, measured, evaluated_internal, evaluated_external)",
                       "self_reported", ("evidens", "dokumentation", "kilde"), EVIDENCE_LEVELS, _EVIDENCE,
                       default="self_reported"),
                Column("note", "free", False, "Bemærkning", "Note", "", ("bemærkning", "kommentar", "noter")),
            ),
            (
                ForeignKey("network_id", "networks", "network_id"),
                ForeignKey("indicator_id", "indicators", "indicator_id"),
            ),
        ),
        RecordType(
            "stories",
            "Fortællinger",
            "Stories",
            ("network_id", "told_on", "title"),
            (
                Column("network_id", "id", True, "Netværkets id", "The network's id", "N01",
                       ("netværk_id", "netværksid", "netværks_id", "netværk")),
                Column("told_on", "date", True, "Dato", "Date", "2014-05-12", ("dato", "fortalt", "fortalt_den")),
                Column("perspective", "enum", False, "Perspektiv (borger, kommune, medarbejder)",
                       "Perspective (citizen, economy, staff)", "citizen", ("perspektiv",), PERSPECTIVES,
                       _STORY_PERSPECTIVE),
                Column("title", "free", True, "Titel", "Title", "Hr. Nielsen spiller violin igen",
                       ("titel", "overskrift")),
                Column("text", "free", True, "Fortælling", "Story", "…", ("tekst", "fortælling", "historie")),
            ),
            (ForeignKey("network_id", "networks", "network_id"),),
        ),
    )
}

# Load order: a record type comes after everything its foreign keys point to.
LOAD_ORDER: tuple[str, ...] = ("org_units", "indicators", "networks", "participation", "measurements", "stories")


def fold(text: str) -> str:
    """Normalise a header or value for matching: case, whitespace, hyphens, æøå spellings."""
    s = unicodedata.normalize("NFKC", str(text)).strip().lower().lstrip("\ufeff")
    s = s.replace("ae", "æ").replace("oe", "ø").replace("aa", "å")
    return re.sub(r"[\s\-./]+", "_", s).strip("_")


def header_map(rt: RecordType) -> dict[str, str]:
    """Folded header spelling -> canonical column name, for one record type."""
    out: dict[str, str] = {}
    for c in rt.columns:
        for spelling in (c.name, *c.aliases):
            out.setdefault(fold(spelling), c.name)
    return out


def value_map(col: Column) -> dict[str, str]:
    """Folded value spelling -> canonical allowed value."""
    out = {fold(v): v for v in col.allowed}
    out.update({fold(k): v for k, v in col.value_aliases.items()})
    return out


def ddl() -> list[str]:
    """CREATE statements for every record type, its archive of replaced rows, and bookkeeping."""
    stmts = [
        "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "CREATE TABLE IF NOT EXISTS batches (batch_id BIGINT PRIMARY KEY, loaded_at TIMESTAMP, who VARCHAR, "
        "files VARCHAR, added BIGINT, replaced BIGINT, undone_at TIMESTAMP)",
    ]
    for name in LOAD_ORDER:
        rt = RECORD_TYPES[name]
        cols = ", ".join(f"{c.name} {c.sql_type}" for c in rt.columns)
        stmts.append(f"CREATE TABLE IF NOT EXISTS {name} ({cols}, batch_id BIGINT)")
        stmts.append(f"CREATE TABLE IF NOT EXISTS {name}__replaced ({cols}, batch_id BIGINT, replaced_by BIGINT)")
    return stmts
