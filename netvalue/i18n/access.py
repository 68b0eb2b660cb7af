"""Texts of the upload gate when it is closed (what to fix in the configuration), the passphrase back-off and the
backups the running app writes. Messages name files, sections and keys, never a configured value."""

TEXTS: dict[str, tuple[str, str]] = {
    "access.closed": (
        "Upload og fortryd er lukket for alle, fordi opsætningen af adgang ikke er i orden. Den, der driver "
        "netvalue, skal rette følgende i `.streamlit/secrets.toml` eller miljøvariablerne og genstarte netvalue:",
        "Uploading and undo are closed for everyone because the access configuration is not in order. Whoever "
        "runs netvalue must fix the following in `.streamlit/secrets.toml` or the environment variables and "
        "restart netvalue:",
    ),
    "access.not_configured": (
        "Upload og fortryd er slået fra: der er hverken sat login, adgangskode eller demo-tilstand op. Den, der "
        "driver netvalue, kan sætte `upload_passphrase` under `[netvalue]` eller et login under `[auth]` i "
        "`.streamlit/secrets.toml` – eller `open_uploads = true` til en lokal demo.",
        "Uploading and undo are switched off: neither a login, a passphrase nor demo mode is configured. Whoever "
        "runs netvalue can set `upload_passphrase` under `[netvalue]` or a login under `[auth]` in "
        "`.streamlit/secrets.toml` – or `open_uploads = true` for a local demo.",
    ),
    "access.gate_open": (
        "Uploads er åbne (demo-tilstand, slået til med `open_uploads` eller `NETVALUE_OPEN_UPLOADS=1`): alle, der "
        "kan se siden, kan uploade og fortryde.",
        "Uploads are open (demo mode, switched on with `open_uploads` or `NETVALUE_OPEN_UPLOADS=1`): anyone who can "
        "see this page can upload and undo.",
    ),
    "access.unreadable": (
        "Filen `{file}` kan ikke læses som TOML (linje {line}, kolonne {column}). Se fx efter et manglende "
        "anførselstegn eller lighedstegn.",
        "The file `{file}` cannot be read as TOML (line {line}, column {column}). Look for a missing quote or "
        "equals sign, for example.",
    ),
    "access.unreadable_other": (
        "Streamlit kan ikke læse de hemmelige indstillinger (`secrets.files`); detaljerne står i serverens log.",
        "Streamlit cannot read the secrets (`secrets.files`); the details are in the server log.",
    ),
    "access.unknown_section": ("Et ukendt afsnit i secrets.toml{hint}", "An unknown section in secrets.toml{hint}"),
    "access.unknown_key": ("En ukendt nøgle under `[netvalue]`{hint}", "An unknown key under `[netvalue]`{hint}"),
    "access.hint_section": (": `[{name}]` – mente du `[{hint}]`?", ": `[{name}]` – did you mean `[{hint}]`?"),
    "access.hint_key": (": `{name}` – mente du `{hint}`?", ": `{name}` – did you mean `{hint}`?"),
    "access.hint_none": (" (navnet står i serverens log).", " (its name is in the server log)."),
    "access.not_section": ("`{section}` skal være et afsnit: `[{section}]` på sin egen linje.",
                           "`{section}` must be a section: `[{section}]` on a line of its own."),
    "access.not_text": ("`{key}` under `[netvalue]` skal være tekst i anførselstegn, fx `{key} = \"…\"`.",
                        "`{key}` under `[netvalue]` must be text in quotes, e.g. `{key} = \"…\"`."),
    "access.blank": ("`{key}` under `[netvalue]` er tom.", "`{key}` under `[netvalue]` is empty."),
    "access.not_bool": ("`{key}` skal være `true` eller `false` (uden anførselstegn).",
                        "`{key}` must be `true` or `false` (without quotes)."),
    "access.not_positive": ("`{key}` skal være et tal større end 0.", "`{key}` must be a number greater than 0."),
    "access.not_count": ("`{key}` skal være et helt tal, mindst 1.", "`{key}` must be a whole number, at least 1."),
    "access.backup_without_dir": ("`backup_every_hours` og `backup_keep` kræver `backup_dir`.",
                                  "`backup_every_hours` and `backup_keep` need `backup_dir`."),
    "access.uploaders_not_list": (
        "`uploaders` skal være en liste af e-mailadresser, fx `uploaders = [\"navn@kommune.dk\"]`.",
        "`uploaders` must be a list of email addresses, e.g. `uploaders = [\"name@kommune.dk\"]`.",
    ),
    "access.uploaders_not_email": ("`uploaders`: nr. {positions} på listen er ikke en e-mailadresse.",
                                   "`uploaders`: number {positions} on the list is not an email address."),
    "access.uploaders_without_login": (
        "`uploaders` og `auth_provider` virker kun sammen med et login (`[auth]`), og det mangler.",
        "`uploaders` and `auth_provider` only work with a login (`[auth]`), and it is missing.",
    ),
    "access.auth_incomplete": ("Login-afsnittet `[auth]` mangler: {keys}.",
                               "The login section `[auth]` lacks: {keys}."),
    "access.auth_provider_unknown": ("`auth_provider` nævner en udbyder, der ikke findes under `[auth]`.",
                                     "`auth_provider` names a provider that is not under `[auth]`."),
    "access.no_uploaders": ("Login er sat op, men `uploaders` under `[netvalue]` mangler.",
                            "A login is configured, but `uploaders` under `[netvalue]` is missing."),
    "access.env_blank": ("Miljøvariablen `{name}` er sat, men tom.",
                         "The environment variable `{name}` is set but empty."),
    "access.env_open_invalid": ("Miljøvariablen `{name}` skal være `1` eller `0`.",
                                "The environment variable `{name}` must be `1` or `0`."),
    "access.open_and_guarded": (
        "Åbne uploads (`open_uploads` eller `NETVALUE_OPEN_UPLOADS`) er slået til sammen med login eller "
        "adgangskode. Vælg det ene.",
        "Open uploads (`open_uploads` or `NETVALUE_OPEN_UPLOADS`) are switched on together with a login or a "
        "passphrase. Choose one.",
    ),
    "access.closed_undo": ("Fortryd er lukket, indtil adgangen er sat op (se ovenfor).",
                           "Undo is closed until access is configured (see above)."),
    "access.wait": ("For mange forkerte forsøg. Prøv igen om {seconds} s.",
                    "Too many wrong attempts. Try again in {seconds} s."),
    "access.wrong_wait": ("Forkert adgangskode. Næste forsøg kan tidligst ske om {seconds} s.",
                          "Wrong passphrase. The next attempt can be made in {seconds} s at the earliest."),
    # -- backups while the dashboard runs -----------------------------------------------------------------------
    "backup.title": ("Sikkerhedskopi", "Backup"),
    "backup.schedule": ("Der tages automatisk en sikkerhedskopi med {hours} timers mellemrum i `{dir}`; de {keep} "
                        "nyeste gemmes.",
                        "A backup is taken automatically every {hours} hours in `{dir}`; the newest {keep} are kept."),
    "backup.no_schedule": ("Der er ikke sat en mappe til sikkerhedskopier op (`backup_dir` under `[netvalue]`).",
                           "No backup directory is configured (`backup_dir` under `[netvalue]`)."),
    "backup.now": ("Tag en sikkerhedskopi nu", "Take a backup now"),
    "backup.done": ("Sikkerhedskopien `{name}` er skrevet ({rows} rækker).",
                    "The backup `{name}` was written ({rows} rows)."),
    "backup.failed": ("Sikkerhedskopien kunne ikke skrives. Detaljerne står i serverens log.",
                      "The backup could not be written. The details are in the server log."),
    "backup.latest": ("Nyeste sikkerhedskopi: `{name}`.", "Newest backup: `{name}`."),
}
