"""Texts of reading spreadsheets: the number-style question, notes on skipped sheets and title rows, the limits
on hostile files, and the command line's load summary."""

TEXTS: dict[str, tuple[str, str]] = {
    "where.lines": ("linje {lines}", "lines {lines}"),
    "where.rows": ("række {lines}", "rows {lines}"),
    "where.times": ("({n} gange i alt; de første {shown} er nævnt)", "({n} times in all; the first {shown} named)"),
    "where.upload": ("uploaden", "the upload"),
    # The number style: asked, never guessed
    "problem.decimal_question": (
        "Tallene kan læses på to måder: {value} er {thousands_da} med punktum som tusindtalsskilletegn, men "
        "{decimal_da} med decimalpunktum, og intet andet tal i filen viser, hvilken skrivemåde den bruger.",
        "The numbers can be read two ways: {value} is {thousands_en} with a thousands dot but {decimal_en} with a "
        "decimal point, and no other number in the file shows which style it uses.",
    ),
    "problem.decimal_conflict": (
        "Filen skriver tal på to måder: {comma} (decimalkomma) og {point} (decimalpunktum).",
        "The file writes numbers two ways: {comma} (decimal comma) and {point} (decimal point).",
    ),
    "expected.decimal_answer": (
        "svar, om filen bruger decimalkomma eller decimalpunktum (på siden), eller angiv --decimal comma "
        "eller --decimal point (på kommandolinjen)",
        "say whether the file uses a decimal comma or a decimal point (on the page), or pass --decimal comma "
        "or --decimal point (on the command line)",
    ),
    # Workbooks
    "problem.sheet_skipped": ("Arket er sprunget over: overskriften passer ikke til nogen posttype.",
                              "The sheet was skipped: its header matches no record type."),
    "problem.no_record_sheets": ("Ingen af arkene ({sheets}) har overskriften fra en posttype.",
                                 "None of the sheets ({sheets}) has the header of a record type."),
    "problem.title_rows": ("Overskriften er fundet i linje {line}; de {n} række(r) over den er sprunget over.",
                           "The header was found in line {line}; the {n} row(s) above it were skipped."),
    "problem.merged_cells": (
        "Arket har flettede celler ({ranges}; {n} i alt). Det er den sandsynlige årsag til de tomme værdier: "
        "en flettet celle har kun sin værdi i den første række. Ophæv fletningen, og udfyld hver række.",
        "The sheet has merged cells ({ranges}; {n} in all). They are the likely cause of the empty values: a "
        "merged cell holds its value in the first row only. Unmerge them and fill in every row.",
    ),
    # Limits on what a file may cost
    "problem.too_many_columns": ("Filen har flere kolonner end netvalue læser (højst {limit}).",
                                 "The file has more columns than netvalue reads (at most {limit})."),
    "problem.too_many_rows": ("Arket har flere rækker end netvalue læser (højst {limit}).",
                              "The sheet has more rows than netvalue reads (at most {limit})."),
    "problem.too_many_files": ("For mange filer i én upload ({n}; højst {limit}).",
                               "Too many files in one upload ({n}; at most {limit})."),
    "problem.workbook_too_large": (
        "Regnearket fylder for meget udpakket ({size} MB; højst {limit} MB). Gem store data som CSV.",
        "The spreadsheet is too large unpacked ({size} MB; at most {limit} MB). Save large data as CSV.",
    ),
    "problem.workbook_ratio": (
        "Regnearket pakkes ud til {ratio} gange sin størrelse; det ligner ikke et regneark og åbnes ikke.",
        "The spreadsheet unpacks to {ratio} times its size; that is not what a spreadsheet does, so it is not "
        "opened.",
    ),
    # The upload page
    "upload.reread": ("{column}: {n} celler er læst, som de blev vist, fx {examples}.",
                      "{column}: {n} cells read as they were shown, e.g. {examples}."),
    "upload.notes": ("Bemærk, hvordan filerne er læst:", "Note how the files were read:"),
    "upload.decimal_question": ("Hvordan er tallene skrevet?", "How are the numbers written?"),
    "upload.decimal_comma": ("Decimalkomma: 16.500 er seksten tusind fem hundrede, 4,5 er fire komma fem",
                             "Decimal comma: 16.500 is sixteen thousand five hundred, 4,5 is four and a half"),
    "upload.decimal_point": ("Decimalpunktum: 16.500 er seksten komma fem, 4.5 er fire komma fem",
                             "Decimal point: 16.500 is sixteen and a half, 4.5 is four and a half"),
    "upload.decimal_help": (
        "Filen viser ikke selv, hvilken skrivemåde den bruger. Vælg den, der passer til det, I så i regnearket; "
        "filerne kontrolleres igen, og intet gemmes, før I trykker Gem.",
        "The file does not show which style it uses. Choose the one that matches what you saw in the spreadsheet; "
        "the files are checked again, and nothing is saved until you press Save.",
    ),
    # The command line's load
    "cli.loaded": ("upload nr. {batch} gemt — {parts}", "batch {batch} loaded — {parts}"),
    "cli.loaded_part": ("{record}: {added} nye, {replaced} erstattede", "{record}: {added} added, {replaced} replaced"),
    "cli.refused": ("afvist: {n} problem(er); intet er gemt.", "refused: {n} problem(s); nothing was written."),
    "cli.decimal_hint": (
        "Angiv, hvordan tallene er skrevet: --decimal comma (16.500 er seksten tusind fem hundrede) eller "
        "--decimal point (16.500 er seksten komma fem).",
        "Say how the numbers are written: --decimal comma (16.500 is sixteen thousand five hundred) or "
        "--decimal point (16.500 is sixteen and a half).",
    ),
    "cli.note": ("bemærk: {note}", "note: {note}"),
    "cli.no_file": ("filen findes ikke: {files}", "no such file: {files}"),
}
