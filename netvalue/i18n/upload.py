"""Texts of the upload page: templates, the gate, preview, problem report, history and undo."""

TEXTS: dict[str, tuple[str, str]] = {
    "upload.title": ("Upload af registreringer", "Upload records"),
    "upload.intro": (
        "Til netværksstrukturen: hent en skabelon, udfyld den i Excel, og upload den som CSV eller Excel. Filerne "
        "kontrolleres, før noget gemmes. Flere filer i én upload gemmes samlet – alt eller intet – og en række "
        "med en nøgle, der findes i forvejen, erstattes (så en rettet fil aldrig giver dubletter).",
        "For the network-structure team: download a template, fill it in Excel and upload it as CSV or Excel. The "
        "files are checked before anything is saved. Several files in one upload are saved together – all or "
        "nothing – and a row whose key already exists replaces it (so a corrected file never duplicates).",
    ),
    # -- Templates ---------------------------------------------------------------------------------------------
    "upload.templates": ("1. Hent skabeloner (Excel med vejledning, eller CSV)",
                         "1. Download templates (Excel with a guide, or CSV)"),
    "upload.templates_body": (
        "Excel-skabelonen har et ark pr. posttype og arket «Vejledning», der beskriver hver kolonne på dansk og "
        "engelsk. CSV-skabelonerne er skrevet som dansk Excel gemmer dem (semikolon, decimalkomma). Hver skabelon "
        "har overskriften og en eksempelrække – slet eksemplet, før I uploader jeres egne rækker. Danske "
        "kolonnenavne (fx «netværk», «måned», «værdi») og datoer som 31-03-2015 accepteres også.",
        "The Excel template has a sheet per record type and a «Vejledning» (guide) sheet describing every column "
        "in Danish and English. The CSV templates are written the way Danish Excel saves them (semicolon, decimal "
        "comma). Each template holds the header and an example row – delete the example before uploading your own "
        "rows. Danish column names (e.g. «netværk», «måned», «værdi») and dates like 31-03-2015 are accepted too.",
    ),
    "upload.template_xlsx": ("Excel-skabelon (alle posttyper + vejledning)",
                             "Excel template (all record types + guide)"),
    "upload.template_csv": ("CSV-skabeloner, én pr. posttype:", "CSV templates, one per record type:"),
    "upload.order_hint": (
        "Rækkefølge ved første indlæsning: organisationsenheder og indikatorer før netværk, netværk før deltagelse, "
        "målinger og fortællinger. Uploader I dem samtidig, klarer netvalue rækkefølgen.",
        "Order for a first load: organisation units and indicators before networks, networks before participation, "
        "measurements and stories. Upload them together and netvalue takes care of the order.",
    ),
    # The guide sheet of the Excel template (bilingual: each heading is written "dansk / English")
    "upload.guide_record": ("Posttype", "Record type"),
    "upload.guide_column": ("Kolonne", "Column"),
    "upload.guide_required": ("Påkrævet", "Required"),
    "upload.guide_doc": ("Beskrivelse (dansk)", "Description (English)"),
    "upload.guide_format": ("Format (dansk)", "Format (English)"),
    "upload.guide_allowed": ("Tilladte værdier", "Allowed values"),
    "upload.guide_aliases": ("Danske kolonnenavne", "Danish aliases"),
    "upload.guide_example": ("Eksempel", "Example"),
    "upload.guide_yes": ("ja", "yes"),
    "upload.guide_no": ("nej", "no"),
    "upload.guide_default": ("nej, standard {default}", "no, default {default}"),
    # -- Gate --------------------------------------------------------------------------------------------------
    "upload.upload": ("2. Upload filer", "2. Upload files"),
    "upload.gate_open": (
        "Uploads er åbne: der er hverken login eller adgangskode sat op (en lokal demo). Alle, der kan se siden, "
        "kan uploade og fortryde.",
        "Uploads are open: neither login nor a passphrase is configured (a local demo). Anyone who can see this "
        "page can upload and undo.",
    ),
    "upload.gate_login_needed": ("Upload og fortryd er forbeholdt netværksstrukturen. Log ind for at fortsætte.",
                                 "Uploading and undo are for the network-structure team. Log in to continue."),
    "upload.login": ("Log ind", "Log in"),
    "upload.logout": ("Log ud", "Log out"),
    "upload.login_failed": ("Login er ikke sat rigtigt op på serveren. Kontakt den, der driver netvalue.",
                            "Login is not set up correctly on the server. Contact whoever runs netvalue."),
    "upload.gate_not_listed": (
        "Du er logget ind som {email}, men står ikke på listen over dem, der må uploade. Kontakt "
        "netværksstrukturen, hvis du skal have adgang.",
        "You are logged in as {email}, but you are not on the list of people who may upload. Contact the "
        "network-structure team if you need access.",
    ),
    "upload.gate_unverified": (
        "Din e-mailadresse ({email}) er ikke bekræftet hos login-udbyderen, så du kan ikke uploade.",
        "Your email address ({email}) is not verified by the login provider, so you cannot upload.",
    ),
    "upload.gate_no_uploaders": (
        "Login er slået til, men ingen er sat op som uploader (netvalue.uploaders i secrets). Upload er lukket.",
        "Login is on, but nobody is configured as an uploader (netvalue.uploaders in secrets). Uploading is closed.",
    ),
    "upload.gate_logged_in": ("Logget ind som {email}.", "Logged in as {email}."),
    "upload.gate_passphrase_needed": ("Upload og fortryd kræver netværksstrukturens adgangskode.",
                                      "Uploading and undo need the network-structure team's passphrase."),
    "upload.passphrase": ("Adgangskode til upload", "Upload passphrase"),
    "upload.unlock": ("Lås op", "Unlock"),
    "upload.passphrase_wrong": ("Forkert adgangskode.", "Wrong passphrase."),
    "upload.unlocked": ("Upload er låst op for denne session.", "Uploading is unlocked for this session."),
    "upload.lock": ("Lås igen", "Lock again"),
    # -- Upload, check, preview --------------------------------------------------------------------------------
    "upload.files": ("Vælg en eller flere filer (CSV/tekst, Excel .xlsx eller LibreOffice .ods)",
                     "Choose one or more files (CSV/text, Excel .xlsx or LibreOffice .ods)"),
    "upload.files_help": (
        "Et regneark må have én posttype pr. ark; ark med noter eller overblik springes over. Posttypen genkendes "
        "på overskriften, også under en titelrække.",
        "A workbook may hold one record type per sheet; sheets with notes or an overview are skipped. The record "
        "type is recognised from the header, also under a title row.",
    ),
    "upload.duplicates": ("Samme filnavn er uploadet mere end én gang ({names}); kun den nyeste udgave bruges. Fjern "
                          "de gamle fra listen ovenfor, hvis det ikke var meningen.",
                          "The same file name was uploaded more than once ({names}); only the newest copy is used. "
                          "Remove the old ones from the list above if that was not intended."),
    "upload.checking": ("Læser og kontrollerer {n} fil(er), {mb} MB …", "Reading and checking {n} file(s), {mb} MB …"),
    "upload.checked_ok": ("Kontrolleret: {rows} uden problemer ({seconds} s).",
                          "Checked: {rows} without problems ({seconds} s)."),
    "upload.row": ("{n} række", "{n} row"),
    "upload.rows": ("{n} rækker", "{n} rows"),
    "upload.checked_bad": ("Kontrolleret: {n} problemer fundet ({seconds} s).",
                           "Checked: {n} problems found ({seconds} s)."),
    "upload.step_read": ("Læser filerne (CSV/Excel, tegnsæt, skilletegn, decimaltegn) og genkender posttyperne.",
                         "Reading the files (CSV/Excel, encoding, delimiter, decimal mark) and recognising the "
                         "record types."),
    "upload.step_check": ("Kontrollerer hver celle, nøgler og henvisninger til eksisterende data.",
                          "Checking every cell, keys and references to existing data."),
    "upload.preview": ("Forhåndsvisning", "Preview"),
    "upload.preview_body": ("Sådan er filerne læst. Intet er gemt endnu.",
                            "This is how the files were read. Nothing has been saved yet."),
    "upload.preview_item": ("**{source}** → {record} ({rows})", "**{source}** → {record} ({rows})"),
    "upload.preview_unknown": ("**{source}** → posttype ikke genkendt ({rows})",
                               "**{source}** → record type not recognised ({rows})"),
    "upload.preview_first": ("De første {n} rækker, som netvalue har læst dem:",
                             "The first {n} rows, as netvalue read them:"),
    "upload.preview_raw": ("De første {n} rækker, som de står i filen:",
                           "The first {n} rows, as they are in the file:"),
    "upload.refused": (
        "Filerne kan ikke indlæses: {n} problemer. Intet er gemt. Ret det, tabellen peger på, og upload igen.",
        "The files cannot be loaded: {n} problems. Nothing has been saved. Fix what the table points at and upload "
        "again.",
    ),
    "upload.report": ("Valideringsrapport", "Validation report"),
    "upload.report_shown": ("Viser {shown} af {total} problemer (de første af hver slags pr. kolonne).",
                            "Showing {shown} of {total} problems (the first of each kind per column)."),
    "upload.report_download": ("Hent rapporten som CSV", "Download the report as CSV"),
    "upload.report_file": ("valideringsrapport.csv", "validation-report.csv"),
    "upload.col_file": ("Fil", "File"),
    "upload.col_sheet": ("Ark", "Sheet"),
    "upload.col_line": ("Linje", "Line"),
    "upload.col_column": ("Kolonne", "Column"),
    "upload.col_value": ("Værdi", "Value"),
    "upload.col_problem": ("Problem", "Problem"),
    "upload.col_expected": ("Forventet", "Expected"),
    "upload.line_help": ("Linjenummeret i filen (overskriften er linje 1) eller rækkenummeret i Excel-arket.",
                         "The line in the file (the header is line 1) or the row number in the Excel sheet."),
    "upload.ready": ("Klar til at gemme: {summary}.", "Ready to save: {summary}."),
    "upload.example_rows": (
        "Skabelonens eksempelrække er med i uploaden ({where}). Slet den, hvis den ikke er jeres egen – ellers "
        "gemmes eksemplet som rigtige data.",
        "The template's example row is in the upload ({where}). Delete it unless it is your own – otherwise the "
        "example is saved as real data.",
    ),
    "upload.commit": ("Gem i databasen", "Save to the store"),
    "upload.writing": ("Gemmer {rows} …", "Saving {rows} …"),
    "upload.saved": (
        "Gemt som upload nr. {batch} (nye rækker: {added}, erstattede: {replaced}; {seconds} s). Alle sider viser "
        "nu de nye data.",
        "Saved as upload no. {batch} (rows added: {added}, replaced: {replaced}; {seconds} s). Every page now shows "
        "the new data.",
    ),
    "upload.store_refused": ("Databasen afviste uploaden; intet er gemt.", "The store refused the upload; nothing "
                             "was saved."),
    "upload.busy": ("Databasen er optaget af et andet program. Prøv igen om lidt.",
                    "The store is busy with another program. Try again in a moment."),
    "upload.unexpected": (
        "Noget gik galt under upload; intet er gemt. Prøv igen, og kontakt den, der driver netvalue, hvis det "
        "sker igen.",
        "Something went wrong during the upload; nothing was saved. Try again, and contact whoever runs netvalue if "
        "it happens again.",
    ),
    # -- History and undo --------------------------------------------------------------------------------------
    "upload.history": ("3. Historik", "3. History"),
    "upload.history_empty": ("Der er ingen uploads endnu.", "There are no uploads yet."),
    "upload.history_body": (
        "Hver upload er én samlet ændring. En upload kan fortrydes, så databasen står som før den – medmindre en "
        "senere upload har ændret de samme rækker (fortryd den først).",
        "Each upload is one change. An upload can be undone, so the store is as it was before it – unless a later "
        "upload changed the same rows (undo that one first).",
    ),
    "upload.h_batch": ("Nr.", "No."),
    "upload.h_when": ("Tidspunkt", "When"),
    "upload.h_who": ("Hvem", "Who"),
    "upload.h_files": ("Filer", "Files"),
    "upload.h_added": ("Nye rækker", "Added"),
    "upload.h_replaced": ("Erstattede", "Replaced"),
    "upload.h_status": ("Status", "Status"),
    "upload.status_active": ("Gældende", "In effect"),
    "upload.status_undone": ("Fortrudt {when}", "Undone {when}"),
    "upload.undo_pick": ("Upload der skal fortrydes", "Upload to undo"),
    "upload.undo_option": ("Nr. {batch} · {when} · {who} · {files}", "No. {batch} · {when} · {who} · {files}"),
    "upload.undo": ("Fortryd …", "Undo …"),
    "upload.undo_none": ("Der er ingen gældende uploads at fortryde.", "There are no uploads in effect to undo."),
    "upload.undo_confirm": (
        "Fortryd upload nr. {batch} ({files})? Rækker, den tilføjede, fjernes ({added}), og rækker, den erstattede, "
        "kommer tilbage ({replaced}).",
        "Undo upload no. {batch} ({files})? Rows it added are removed ({added}) and rows it replaced come back "
        "({replaced}).",
    ),
    "upload.undo_yes": ("Ja, fortryd", "Yes, undo"),
    "upload.undo_cancel": ("Annuller", "Cancel"),
    "upload.undone": ("Upload nr. {batch} er fortrudt. Alle sider viser nu data uden den.",
                      "Upload no. {batch} is undone. Every page now shows the data without it."),
    "upload.undo_refused": ("Upload nr. {batch} kan ikke fortrydes:", "Upload no. {batch} cannot be undone:"),
    "upload.need_access": ("Log ind eller lås op ovenfor for at fortryde uploads.",
                           "Log in or unlock above to undo uploads."),
}
