"""CSV flavours: the table of exporters (their header rows) and the column-target language.

Which flavour a header row is, and the mapping a generic file gets, is detect.py.
Long because it is a table: one Flavour per exporter and language, column by column.

A mapping is ``{column index: target}``. A target is a word from this small language:

- a contact field: ``display_name``, ``full_name`` (split into parts), ``prefix``, ``given_name``,
  ``middle_name``, ``family_name``, ``suffix``, ``nickname``, ``organization``, ``department``,
  ``title``, ``notes``, ``birthday``, ``anniversary``, ``birth_year``/``birth_month``/``birth_day``,
  ``met_on``, ``labels`` (Google groups) or ``extra`` (kept in the notes as "Header: value");
- a method: ``kind[:label][/part][@group]``, e.g. ``email``, ``phone:mobile``, ``address:home/city``,
  ``email@e1`` whose label comes from the column mapped to ``label@e1`` (Google's numbered columns).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

FIELDS = {
    "display_name",
    "full_name",
    "prefix",
    "given_name",
    "middle_name",
    "family_name",
    "suffix",
    "nickname",
    "organization",
    "department",
    "title",
    "notes",
    "birthday",
    "anniversary",
    "birth_year",
    "birth_month",
    "birth_day",
    "met_on",
    "labels",
    "extra",
}
METHOD_KINDS = {"email", "phone", "website", "address", "social"}
ADDRESS_PARTS = (
    "formatted",
    "street",
    "street2",
    "street3",
    "pobox",
    "city",
    "region",
    "postcode",
    "country",
)


@dataclass(frozen=True)
class Target:
    """A parsed mapping target (see the module docstring)."""

    kind: str  # a FIELDS word, a METHOD_KINDS word, or "label"
    label: str = ""
    part: str = ""
    group: str = ""

    @property
    def is_method(self) -> bool:
        return self.kind in METHOD_KINDS


def parse_target(text: str) -> Target | None:
    """The Target a mapping word names, or None when it names nothing we know."""
    word = (text or "").strip()
    group = ""
    if "@" in word:
        word, group = word.split("@", 1)
    part = ""
    if "/" in word:
        word, part = word.split("/", 1)
    label = ""
    if ":" in word:
        word, label = word.split(":", 1)
    if word == "label" and group:
        return Target("label", group=group)
    if word in FIELDS and not (label or part or group):
        return Target(word)
    if word in METHOD_KINDS and (not part or (word == "address" and part in ADDRESS_PARTS)):
        return Target(word, label, part, group)
    return None


@dataclass(frozen=True)
class Flavour:
    """One exporter's CSV: how to recognise its header row and read its columns."""

    name: str
    title: str
    columns: dict[str, str | tuple[str, ...]]
    signature: frozenset[str]
    date_order: str = "ymd"  # ymd, mdy or dmy: how its dates are written
    pattern: Callable[[str], str | None] | None = None
    multi_value: str = ""  # the separator of several values in one cell
    preamble: bool = False  # lines before the header row (LinkedIn's "Notes:")
    extra_columns: frozenset[str] = field(default_factory=frozenset)

    def target_for(self, header: str, occurrence: int = 0) -> str | None:
        found = self.columns.get(header.strip())
        if isinstance(found, tuple):
            return found[min(occurrence, len(found) - 1)]
        if found is None and self.pattern is not None:
            return self.pattern(header.strip())
        return found

    def knows(self, header: str) -> bool:
        """Whether this exporter writes this column (even one we leave out on purpose)."""
        return self.target_for(header) is not None

    def mapping(self, headers: Sequence[str]) -> dict[int, str]:
        seen: dict[str, int] = {}
        result: dict[int, str] = {}
        for index, header in enumerate(headers):
            key = header.strip()
            target = self.target_for(key, seen.get(key, 0))
            seen[key] = seen.get(key, 0) + 1
            if target:
                result[index] = target
        return result


# --- Google Contacts ----------------------------------------------------------------------

_GOOGLE_GROUP = re.compile(
    r"^(E-mail|Phone|Address|Website|IM|Organization|Relation|Event|Custom Field) (\d+) - (.+)$"
)
_GOOGLE_ADDRESS_PARTS = {
    "Formatted": "formatted",
    "Street": "street",
    "Extended Address": "street2",
    "PO Box": "pobox",
    "City": "city",
    "Region": "region",
    "Postal Code": "postcode",
    "Country": "country",
}


def _google_pattern(header: str) -> str | None:
    m = _GOOGLE_GROUP.match(header)
    if not m:
        return None
    what, number, part = m.groups()
    if what == "Organization":
        return {"Name": "organization", "Title": "title", "Department": "department"}.get(part, "")
    if what in ("Relation", "Event", "Custom Field"):
        return "extra" if part == "Value" else ""
    kind = {
        "E-mail": "email",
        "Phone": "phone",
        "Address": "address",
        "Website": "website",
        "IM": "social",
    }[what]
    group = f"@{kind[0]}{number}"
    if part in ("Type", "Label"):
        return "label" + group
    if part == "Value" and kind != "address":
        return kind + group
    if kind == "address" and part in _GOOGLE_ADDRESS_PARTS:
        return f"address/{_GOOGLE_ADDRESS_PARTS[part]}{group}"
    if kind == "social" and part == "Service":
        return "label" + group
    return ""


GOOGLE = Flavour(
    name="google",
    title="Google Contacts",
    columns={
        "First Name": "given_name",
        "Middle Name": "middle_name",
        "Last Name": "family_name",
        "Name Prefix": "prefix",
        "Name Suffix": "suffix",
        "Nickname": "nickname",
        "Organization Name": "organization",
        "Organization Title": "title",
        "Organization Department": "department",
        "Birthday": "birthday",
        "Notes": "notes",
        "Labels": "labels",
        "Phonetic First Name": "",
        "Phonetic Middle Name": "",
        "Phonetic Last Name": "",
        "File As": "",
        "Photo": "",
    },
    signature=frozenset(
        {"Labels", "File As", "Organization Name", "Phonetic First Name", "E-mail 1 - Label"}
    ),
    pattern=_google_pattern,
    multi_value=" ::: ",
)
GOOGLE_OLD = Flavour(
    name="google-old",
    title="Google Contacts (older export)",
    columns={
        "Name": "full_name",
        "Given Name": "given_name",
        "Additional Name": "middle_name",
        "Family Name": "family_name",
        "Name Prefix": "prefix",
        "Name Suffix": "suffix",
        "Nickname": "nickname",
        "Maiden Name": "extra",
        "Birthday": "birthday",
        "Occupation": "extra",
        "Hobby": "extra",
        "Notes": "notes",
        "Group Membership": "labels",
        "Yomi Name": "",
        "Given Name Yomi": "",
        "Additional Name Yomi": "",
        "Family Name Yomi": "",
        "Initials": "",
        "Short Name": "",
        "Gender": "",
        "Location": "",
        "Billing Information": "",
        "Directory Server": "",
        "Mileage": "",
        "Sensitivity": "",
        "Priority": "",
        "Subject": "",
        "Language": "",
        "Photo": "",
    },
    signature=frozenset(
        {"Given Name", "Additional Name", "Family Name", "Group Membership", "Yomi Name"}
    ),
    pattern=_google_pattern,
    multi_value=" ::: ",
)

# --- Outlook ------------------------------------------------------------------------------

_OUTLOOK_EN_ADDRESS = {
    "Street": "street",
    "Street 2": "street2",
    "Street 3": "street3",
    "Address PO Box": "pobox",
    "City": "city",
    "State": "region",
    "Postal Code": "postcode",
    "Country/Region": "country",
    "Country": "country",
}
OUTLOOK = Flavour(
    name="outlook",
    title="Outlook",
    columns={
        "Title": "prefix",
        "First Name": "given_name",
        "Middle Name": "middle_name",
        "Last Name": "family_name",
        "Suffix": "suffix",
        "Nickname": "nickname",
        "Company": "organization",
        "Department": "department",
        "Job Title": "title",
        **{f"Business {k}": f"address:work/{v}" for k, v in _OUTLOOK_EN_ADDRESS.items()},
        **{f"Home {k}": f"address:home/{v}" for k, v in _OUTLOOK_EN_ADDRESS.items()},
        **{f"Other {k}": f"address:other/{v}" for k, v in _OUTLOOK_EN_ADDRESS.items()},
        "Assistant's Phone": "phone:assistant",
        "Business Fax": "phone:work fax",
        "Business Phone": "phone:work",
        "Business Phone 2": "phone:work",
        "Callback": "phone:callback",
        "Car Phone": "phone:car",
        "Company Main Phone": "phone:company",
        "Home Fax": "phone:home fax",
        "Home Phone": "phone:home",
        "Home Phone 2": "phone:home",
        "ISDN": "phone:isdn",
        "Mobile Phone": "phone:mobile",
        "Other Fax": "phone:fax",
        "Other Phone": "phone:other",
        "Pager": "phone:pager",
        "Primary Phone": "phone:main",
        "Radio Phone": "phone:radio",
        "TTY/TDD Phone": "phone:tty",
        "Telex": "phone:telex",
        "Anniversary": "anniversary",
        "Birthday": "birthday",
        "E-mail Address": "email",
        "E-mail 2 Address": "email",
        "E-mail 3 Address": "email",
        "IMAddress": "social:im",
        "Notes": "notes",
        "Web Page": "website",
        "Personal Web Page": "website:home",
        "Categories": "labels",
        "Spouse": "extra",
        "Children": "extra",
        "Manager's Name": "extra",
        "Assistant's Name": "extra",
        "Referred By": "extra",
        "Hobby": "extra",
        "Profession": "extra",
        "Office Location": "extra",
        "User 1": "extra",
        "User 2": "extra",
        "User 3": "extra",
        "User 4": "extra",
        "Keywords": "extra",
        "Location": "extra",
        "E-mail Type": "",
        "E-mail Display Name": "",
        "E-mail 2 Type": "",
        "E-mail 2 Display Name": "",
        "E-mail 3 Type": "",
        "E-mail 3 Display Name": "",
        "Gender": "",
        "Government ID Number": "",
        "Initials": "",
        "Internet Free Busy": "",
        "Internet Free/Busy": "",
        "Language": "",
        "Mileage": "",
        "Organizational ID Number": "",
        "Priority": "",
        "Private": "",
        "Sensitivity": "",
        "Account": "",
        "Billing Information": "",
        "Directory Server": "",
        "Given Yomi": "",
        "Surname Yomi": "",
        "Company Yomi": "",
        "Schools": "",
    },
    signature=frozenset(
        {
            "E-mail Address",
            "Business Phone",
            "Home Street",
            "Business Street",
            "E-mail 2 Address",
            "Job Title",
        }
    ),
    date_order="mdy",
)
_DE_ADDRESS = {
    "work": {
        "Straße geschäftlich": "street",
        "Straße geschäftlich 2": "street2",
        "Straße geschäftlich 3": "street3",
        "Postfach geschäftlich": "pobox",
        "Ort geschäftlich": "city",
        "Region geschäftlich": "region",
        "Postleitzahl geschäftlich": "postcode",
        "Land/Region geschäftlich": "country",
        "Land geschäftlich": "country",
    },
    "home": {
        "Straße privat": "street",
        "Straße privat 2": "street2",
        "Straße privat 3": "street3",
        "Postfach privat": "pobox",
        "Ort privat": "city",
        "Bundesland/Kanton privat": "region",
        "Region privat": "region",
        "Postleitzahl privat": "postcode",
        "Land/Region privat": "country",
        "Land privat": "country",
    },
    "other": {
        "Weitere Straße": "street",
        "Weitere Straße 2": "street2",
        "Weitere Straße 3": "street3",
        "Weiterer Ort": "city",
        "Weiteres/r Bundesland/Kanton": "region",
        "Weitere Postleitzahl": "postcode",
        "Weiteres/r Land/Region": "country",
    },
}
OUTLOOK_DE = Flavour(
    name="outlook-de",
    title="Outlook (Deutsch)",
    columns={
        "Anrede": "prefix",
        "Vorname": "given_name",
        "Weitere Vornamen": "middle_name",
        "Nachname": "family_name",
        "Suffix": "suffix",
        "Spitzname": "nickname",
        "Firma": "organization",
        "Abteilung": "department",
        "Position": "title",
        **{
            h: f"address:{label}/{p}"
            for label, parts in _DE_ADDRESS.items()
            for h, p in parts.items()
        },
        "Telefon Assistent": "phone:assistant",
        "Fax geschäftlich": "phone:work fax",
        "Telefon geschäftlich": "phone:work",
        "Telefon geschäftlich 2": "phone:work",
        "Rückmeldung": "phone:callback",
        "Autotelefon": "phone:car",
        "Telefon Firma": "phone:company",
        "Fax privat": "phone:home fax",
        "Telefon privat": "phone:home",
        "Telefon privat 2": "phone:home",
        "ISDN": "phone:isdn",
        "Mobiltelefon": "phone:mobile",
        "Mobiltelefon 2": "phone:mobile",
        "Weiteres Fax": "phone:fax",
        "Weiteres Telefon": "phone:other",
        "Pager": "phone:pager",
        "Haupttelefon": "phone:main",
        "Mobilfunk": "phone:mobile",
        "Telex": "phone:telex",
        "Jahrestag": "anniversary",
        "Geburtstag": "birthday",
        "E-Mail-Adresse": "email",
        "E-Mail 2: Adresse": "email",
        "E-Mail 3: Adresse": "email",
        "Notizen": "notes",
        "Webseite": "website",
        "Webseite privat": "website:home",
        "Kategorien": "labels",
        "Partner": "extra",
        "Kinder": "extra",
        "Name des Vorgesetzten": "extra",
        "Name Assistent": "extra",
        "Beruf": "extra",
        "Büro": "extra",
        "Stichwörter": "extra",
        "E-Mail-Typ": "",
        "E-Mail: Angezeigter Name": "",
        "E-Mail 2: Typ": "",
        "E-Mail 2: Angezeigter Name": "",
        "E-Mail 3: Typ": "",
        "E-Mail 3: Angezeigter Name": "",
        "Geschlecht": "",
        "Priorität": "",
        "Privat": "",
        "Vertraulichkeit": "",
        "Initialen": "",
        "Sprache": "",
        "Konto": "",
        "Abrechnungsinformation": "",
        "Verzeichnisserver": "",
        "Reisekilometer": "",
        "Internet-Frei/Gebucht": "",
        "Regierungs-Nr.": "",
        "Organisations-Nr.": "",
    },
    signature=frozenset(
        {
            "Vorname",
            "Nachname",
            "E-Mail-Adresse",
            "Mobiltelefon",
            "Telefon geschäftlich",
            "Straße privat",
        }
    ),
    date_order="dmy",
)
_FR_ADDRESS = {
    "work": "bureau",
    "home": "domicile",
    "other": "autre",
}
OUTLOOK_FR = Flavour(
    name="outlook-fr",
    title="Outlook (français)",
    columns={
        # French Outlook names both the civility and the job title "Titre".
        "Titre": ("prefix", "title"),
        "Prénom": "given_name",
        "Deuxième prénom": "middle_name",
        "Nom": "family_name",
        "Suffixe": "suffix",
        "Surnom": "nickname",
        "Société": "organization",
        "Service": "department",
        "Fonction": "title",
        **{
            h.format(w=word): f"address:{label}/{p}"
            for label, word in _FR_ADDRESS.items()
            for h, p in {
                "Rue ({w})": "street",
                "Rue ({w}) 2": "street2",
                "Rue ({w}) 3": "street3",
                "B.P. ({w})": "pobox",
                "Ville ({w})": "city",
                "Dép/Région ({w})": "region",
                "Code postal ({w})": "postcode",
                "Pays/Région ({w})": "country",
            }.items()
        },
        "Téléphone (bureau)": "phone:work",
        "Téléphone 2 (bureau)": "phone:work",
        "Télécopie (bureau)": "phone:work fax",
        "Téléphone (domicile)": "phone:home",
        "Téléphone 2 (domicile)": "phone:home",
        "Télécopie (domicile)": "phone:home fax",
        "Tél. mobile": "phone:mobile",
        "Téléphone mobile": "phone:mobile",
        "Autre téléphone": "phone:other",
        "Téléphone principal": "phone:main",
        "Téléphone société": "phone:company",
        "Récepteur de radiomessagerie": "phone:pager",
        "Anniversaire": "birthday",
        "Anniversaire de mariage": "anniversary",
        "Adresse de messagerie": "email",
        "Adresse de messagerie 2": "email",
        "Adresse de messagerie 3": "email",
        "Notes": "notes",
        "Page Web": "website",
        "Catégories": "labels",
        "Conjoint(e)": "extra",
        "Enfants": "extra",
        "Profession": "extra",
        "Type de messagerie": "",
        "Nom complet de l'adresse de messagerie": "",
        "Type de messagerie 2": "",
        "Nom complet de l'adresse de messagerie 2": "",
        "Type de messagerie 3": "",
        "Nom complet de l'adresse de messagerie 3": "",
        "Sexe": "",
        "Priorité": "",
        "Privé": "",
        "Critère de diffusion": "",
        "Initiales": "",
        "Langue": "",
        "Compte": "",
        "Informations facturation": "",
        "Serveur d'annuaire": "",
        "Kilométrage": "",
        "Disponibilité Internet": "",
    },
    signature=frozenset(
        {
            "Prénom",
            "Adresse de messagerie",
            "Tél. mobile",
            "Téléphone (bureau)",
            "Société",
            "Rue (domicile)",
        }
    ),
    date_order="dmy",
)

# --- Thunderbird, LinkedIn, Yahoo -----------------------------------------------------------

_TB_ADDRESS = {
    "Address": "street",
    "Address 2": "street2",
    "City": "city",
    "State": "region",
    "ZipCode": "postcode",
    "Country": "country",
}
THUNDERBIRD = Flavour(
    name="thunderbird",
    title="Thunderbird",
    columns={
        "First Name": "given_name",
        "Last Name": "family_name",
        "Display Name": "display_name",
        "Nickname": "nickname",
        "Primary Email": "email",
        "Secondary Email": "email:other",
        "Work Phone": "phone:work",
        "Home Phone": "phone:home",
        "Fax Number": "phone:fax",
        "Pager Number": "phone:pager",
        "Mobile Number": "phone:mobile",
        **{f"Home {k}": f"address:home/{v}" for k, v in _TB_ADDRESS.items()},
        **{f"Work {k}": f"address:work/{v}" for k, v in _TB_ADDRESS.items()},
        "Job Title": "title",
        "Department": "department",
        "Organization": "organization",
        "Web Page 1": "website:work",
        "Web Page 2": "website:home",
        "Birth Year": "birth_year",
        "Birth Month": "birth_month",
        "Birth Day": "birth_day",
        "Custom 1": "extra",
        "Custom 2": "extra",
        "Custom 3": "extra",
        "Custom 4": "extra",
        "Notes": "notes",
        "Screen Name": "social:chat",
    },
    signature=frozenset(
        {
            "Primary Email",
            "Secondary Email",
            "Mobile Number",
            "Web Page 1",
            "Birth Year",
            "Home ZipCode",
        }
    ),
)
LINKEDIN = Flavour(
    name="linkedin",
    title="LinkedIn Connections",
    columns={
        "First Name": "given_name",
        "Last Name": "family_name",
        "URL": "social:linkedin",
        "Email Address": "email",
        "Company": "organization",
        "Position": "title",
        "Connected On": "met_on",
    },
    signature=frozenset({"Connected On"}),
    date_order="dmy",
    preamble=True,
)
YAHOO = Flavour(
    name="yahoo",
    title="Yahoo Mail",
    columns={
        "First": "given_name",
        "Middle": "middle_name",
        "Last": "family_name",
        "Nickname": "nickname",
        "Email": "email",
        "Category": "extra",
        "Messenger ID": "social:im",
        "Home": "phone:home",
        "Work": "phone:work",
        "Pager": "phone:pager",
        "Fax": "phone:fax",
        "Mobile": "phone:mobile",
        "Other": "phone:other",
        "Yahoo! Phone": "phone:yahoo",
        "Primary": "phone:main",
        "Alternate Email 1": "email",
        "Alternate Email 2": "email",
        "Personal Website": "website:home",
        "Business Website": "website:work",
        "Title": "title",
        "Company": "organization",
        "Work Address": "address:work/street",
        "Work City": "address:work/city",
        "Work State": "address:work/region",
        "Work ZIP": "address:work/postcode",
        "Work Country": "address:work/country",
        "Home Address": "address:home/street",
        "Home City": "address:home/city",
        "Home State": "address:home/region",
        "Home ZIP": "address:home/postcode",
        "Home Country": "address:home/country",
        "Birthday": "birthday",
        "Anniversary": "anniversary",
        "Custom 1": "extra",
        "Custom 2": "extra",
        "Custom 3": "extra",
        "Custom 4": "extra",
        "Comments": "notes",
        "Distribution Lists": "",
    },
    signature=frozenset(
        {"Yahoo! Phone", "Alternate Email 1", "Messenger ID", "Comments", "Distribution Lists"}
    ),
    date_order="mdy",
)

FLAVOURS: dict[str, Flavour] = {
    f.name: f
    for f in (GOOGLE, GOOGLE_OLD, OUTLOOK, OUTLOOK_DE, OUTLOOK_FR, THUNDERBIRD, LINKEDIN, YAHOO)
}
GENERIC = "generic"
