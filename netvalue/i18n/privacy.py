"""Texts about personal data: a file or sheet name that holds a CPR number."""

TEXTS: dict[str, tuple[str, str]] = {
    "problem.cpr_file_name": (
        "Filnavnet ser ud til at indeholde et CPR-nummer. Filen er ikke læst; omdøb den og upload den igen.",
        "The file name appears to hold a CPR number. The file was not read; rename it and upload it again.",
    ),
    "problem.cpr_sheet_name": (
        "Arkets navn ser ud til at indeholde et CPR-nummer. Arket er ikke læst; omdøb det og upload filen igen.",
        "The sheet name appears to hold a CPR number. The sheet was not read; rename it and upload the file again.",
    ),
}
