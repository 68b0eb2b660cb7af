"""Source workbooks for tests/corpus: a subset of data/sample laid out as a municipality's spreadsheet.

Run by tools/make_corpus.sh, which then has LibreOffice Calc (Danish locale) open each source and save it as
.xlsx, .ods and CSV/text, so the committed bytes are LibreOffice's own. Cells carry what a person types or
formats: date cells (DD-MM-YYYY, DD-MM-YY, MMM-YY), percent cells (0.0 % and 0 %), kroner with a thousands
separator (#,##0), formulas, Danish headers and values, extra sheets, a title row, merged cells, and empty
formatted rows and columns after the data.

    python tools/make_corpus.py OUTDIR
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
NETWORKS = ("N01", "N02", "N05", "N18")  # N18 budded from N01; together they hold every indicator

HEADERS = {  # Danish headers a municipality writes (schema aliases)
    "org_units": ["Enhed ID", "Navn", "Overordnet ID", "Niveau"],
    "indicators": ["Indikator ID", "Navn", "Perspektiv", "Måleenhed", "Værste", "Bedste"],
    "networks": ["Netværk ID", "Navn", "Type", "Hjemmeenhed", "Netværksleder", "Formål", "Startdato", "Slutdato",
                 "Udsprunget af"],
    "participation": ["Netværk ID", "Enhed ID", "Deltager fra", "Deltager til", "Antal personer"],
    "measurements": ["Netværk", "Indikator", "Måned", "Værdi", "Evidens", "Bemærkning"],
    "stories": ["Netværk ID", "Dato", "Perspektiv", "Titel", "Fortælling"],
}
SHEETS = {"org_units": "Organisationsenheder", "indicators": "Indikatorer", "networks": "Netværk",
          "participation": "Deltagelse", "measurements": "Målinger", "stories": "Fortællinger"}
DANISH_VALUES = {
    "type": {"welfare": "Velfærdsnetværk", "innovation": "Innovationsnetværk", "learning": "Læringsnetværk"},
    "level": {"municipality": "Kommune", "area": "Direktørområde", "centre": "Center", "unit": "Enhed",
              "external": "Ekstern"},
    "evidence": {"self_reported": "selvrapporteret", "measured": "målt", "evaluated_internal": "evalueret internt",
                 "evaluated_external": "evalueret eksternt"},
    "perspective": {"citizen": "borger", "economy": "kommune", "staff": "medarbejder", "input": "investering"},
}
DATE_COLUMNS = {"started_on", "ended_on", "joined_on", "left_on", "told_on"}


def subset() -> dict[str, pd.DataFrame]:
    """The sample rows the corpus is made from (tests/test_ingest_corpus.py selects the same)."""
    read = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in SAMPLE.glob("*.csv")}
    out = {"org_units": read["org_units"], "indicators": read["indicators"]}
    for name in ("networks", "participation", "measurements", "stories"):
        f = read[name]
        out[name] = f[f["network_id"].isin(NETWORKS)].reset_index(drop=True)
    return out


def _cell(name: str, column: str, text: str, units: dict[str, str], row: pd.Series, opts: dict) -> tuple:
    """(value, number format) of one cell as a person would type and format it."""
    if text == "":
        return None, None
    if column in DANISH_VALUES and opts.get("danish_values", True):
        return DANISH_VALUES[column].get(text, text), None
    if column in DATE_COLUMNS:
        return date.fromisoformat(text), opts.get("date_format", "DD-MM-YYYY")
    if column == "period":
        y, m = text.split("-")
        return date(int(y), int(m), 1), opts.get("month_format", "YYYY-MM")
    if column in ("worst", "best"):
        return float(text), "#,##0" if float(text) >= 1000 else "General"
    if column == "people":
        return (f"={int(text) - 1}+1", None) if opts.get("formulas") else (int(text), None)
    if column == "value":
        unit = units[row["indicator_id"]]
        v = float(text)
        if unit == "%":
            return round(v / 100, 6), opts.get("percent_format", "0.0%")
        if unit.startswith("kr"):
            return v, "#,##0"
        return v, "0.0" if opts.get("fixed_decimals") else "General"
    return text, None


def write_sheet(ws, name: str, frame: pd.DataFrame, units: dict[str, str], **opts) -> None:
    """Header and rows of one record type, with the options' formats; empty formatted cells after the data."""
    first = 1
    if opts.get("title"):
        ws.cell(1, 1, opts["title"]).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(frame.columns))
        first = 3
    for j, h in enumerate(HEADERS[name], start=1):
        ws.cell(first, j, h).font = Font(bold=True)
    merge_from: int | None = None
    for i, (_, row) in enumerate(frame.iterrows(), start=first + 1):
        for j, column in enumerate(frame.columns, start=1):
            value, fmt = _cell(name, column, row[column], units, row, opts)
            if opts.get("merge_networks") and column == "network_id":
                prev = frame["network_id"].iloc[i - first - 2] if i > first + 1 else None
                if row[column] == prev:
                    value = None  # the merged block shows its first cell's value only
                else:
                    if merge_from is not None and i - 1 > merge_from:
                        ws.merge_cells(start_row=merge_from, start_column=j, end_row=i - 1, end_column=j)
                    merge_from = i
            c = ws.cell(i, j, value)
            if fmt:
                c.number_format = fmt
    if opts.get("merge_networks") and merge_from is not None:
        ws.merge_cells(start_row=merge_from, start_column=1, end_row=first + len(frame), end_column=1)
    if opts.get("trailing", True):
        fill = PatternFill("solid", fgColor="FFF2CC")
        last = first + len(frame)
        for r in range(last + 1, last + 30):  # formatted but empty rows and columns, as a used template leaves
            for j in range(1, len(frame.columns) + 3):
                ws.cell(r, j).fill = fill
        ws.cell(first, len(frame.columns) + 2).fill = fill
        ws.cell(last + 40, 1, " ")  # a lone space far below


def workbook(frames: dict[str, pd.DataFrame], names: list[str], extra: bool = False, **opts) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    units = dict(zip(frames["indicators"]["indicator_id"], frames["indicators"]["unit"], strict=True))
    if extra:
        notes = wb.create_sheet("Noter")
        for r, line in enumerate(["Indberetning til netværksstrukturen", "Kontakt: netværkskoordinatoren",
                                  "Tallene for 2016 er foreløbige"], start=1):
            notes.cell(r, 1, line)
    for name in names:
        write_sheet(wb.create_sheet(SHEETS[name]), name, frames[name], units, **opts)
    if extra and "measurements" in names:
        over = wb.create_sheet("Overblik")
        over.append(["Netværk", "Antal målinger", "Gennemsnit"])
        n = len(frames["measurements"]) + 1
        for k, net in enumerate(NETWORKS, start=2):
            over.append([net, f"=COUNTIF('Målinger'!A2:A{n},A{k})",
                         f"=AVERAGEIF('Målinger'!A2:A{n},A{k},'Målinger'!D2:D{n})"])
    return wb


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    f = subset()
    m = f["measurements"]
    every = list(SHEETS)
    sources = {
        # per type and all in one, with notes and an overview, formulas, date cells, percent and kroner
        "alle_typer": workbook(f, every, extra=True, formulas=True),
        "maalinger_titel": workbook(f, ["measurements"], title="Målinger for netværk N01, N02, N05 og N18"),
        "maalinger_flettet": workbook(f, ["measurements"], merge_networks=True),
        "maalinger": workbook(f, ["measurements"], fixed_decimals=True),
        "maalinger_maanedsnavne": workbook(f, ["measurements"], month_format="MMM-YY"),
        "maalinger_hele_procent": workbook(f, ["measurements"], percent_format="0%"),
        "kroner": workbook({**f, "measurements": m[m["indicator_id"] == "saved_costs"].reset_index(drop=True)},
                           ["measurements"]),
        "deltagelse_korte_datoer": workbook(f, ["participation"], date_format="DD-MM-YY"),
        "netvaerk_punktum_datoer": workbook(f, ["networks"], date_format="DD.MM.YYYY"),
    }
    for stem, wb in sources.items():
        wb.save(out / f"{stem}.xlsx")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
