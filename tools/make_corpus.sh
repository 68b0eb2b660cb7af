#!/usr/bin/env bash
# Regenerate tests/corpus: spreadsheets and text files written by LibreOffice Calc in a Danish locale, from a
# subset of data/sample. Not run in CI (it installs LibreOffice); the files it writes are committed.
#
#   tools/make_corpus.sh            # needs root for apt-get the first time; PYTHON defaults to .venv/bin/python
#
# tools/make_corpus.py writes source workbooks with openpyxl (the cells and number formats a person would
# make); LibreOffice opens each and saves it as .xlsx, .ods and CSV/text with the filter options a Danish user
# gets from "Save as" (separator, character set, "save cell contents as shown"), so the bytes are LibreOffice's.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/tests/corpus"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3

if ! command -v soffice >/dev/null; then
    apt-get install -y --no-install-recommends libreoffice-calc-nogui
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
PROFILE="$WORK/profile"
mkdir -p "$PROFILE/user"
# A fresh profile whose locale (number and date formats) and default document language are Danish.
cat > "$PROFILE/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>da-DK</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU

"$PYTHON" "$ROOT/tools/make_corpus.py" "$WORK/src"

soffice_convert() {  # FILTER OUTDIR SOURCE
    mkdir -p "$2"
    soffice -env:UserInstallation="file://$PROFILE" --headless --norestore --convert-to "$1" --outdir "$2" "$3" \
        >/dev/null 2>&1
}
CSV='Text - txt - csv (StarCalc)'
# Tokens: separator (59 ;, 9 tab, 44 ,), text quote (34 "), character set (1 Windows-1252, 76 UTF-8,
# 65535 UTF-16 "Unicode"), first line, cell format, language (1030 da-DK), quote all text, detect special
# numbers, save cell contents as shown.
text() {  # STEM SEPARATOR CHARSET NAME
    soffice_convert "csv:$CSV:$2,34,$3,1,,1030,false,true,true" "$WORK/$4" "$WORK/src/$1.xlsx"
    mv "$WORK/$4/$1.csv" "$OUT/$4"
}

rm -rf "$OUT"/*.xlsx "$OUT"/*.ods "$OUT"/*.csv "$OUT"/*.txt
mkdir -p "$OUT"
for stem in alle_typer maalinger_titel maalinger_hele_procent; do
    soffice_convert xlsx "$WORK/xlsx" "$WORK/src/$stem.xlsx"
    cp "$WORK/xlsx/$stem.xlsx" "$OUT/"
done
for stem in alle_typer maalinger_flettet maalinger_maanedsnavne; do
    soffice_convert ods "$WORK/ods" "$WORK/src/$stem.xlsx"
    cp "$WORK/ods/$stem.ods" "$OUT/"
done
text maalinger 59 1 maalinger_semikolon_cp1252.csv
text maalinger 59 76 maalinger_semikolon_utf8.csv
text maalinger 44 76 maalinger_komma_utf8.csv
text maalinger 9 65535 maalinger_unicode.txt
text maalinger 9 1 maalinger_tabulator_cp1252.txt
text maalinger_maanedsnavne 59 1 maalinger_maanedsnavne.csv
text kroner 9 1 kroner_tabulator.txt
text deltagelse_korte_datoer 59 1 deltagelse_korte_datoer.csv
text netvaerk_punktum_datoer 59 76 netvaerk_punktum_datoer.csv
ls -la "$OUT"
du -sh "$OUT"
