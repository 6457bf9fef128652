"""Which exporter wrote a CSV header row, and the mapping a file gets: the flavour's own,
one remembered from before, or one suggested from the header names."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence

from gratitude_desktop.io.csv.flavours import FIELDS, FLAVOURS, GENERIC, Flavour, parse_target
from gratitude_desktop.store.models import Setting

# Header names are matched only this far: the widest real export (Google, Outlook) has a
# few hundred columns, and a one-line file of 16 MB has two million "columns" that would
# each be matched against every flavour (over 30 s). Later columns are left unmapped.
MATCHED_COLUMNS = 2000


def _score(flavour: Flavour, headers: Sequence[str], names: set[str]) -> int:
    signs = len(names & flavour.signature)
    if not signs:  # the set intersection is cheap; the mapping is not
        return 0
    mapped = len(flavour.mapping(headers))
    # One signature column is enough only when the flavour knows (nearly) every column.
    if not signs or (signs < 2 and mapped < 0.8 * len(names)):
        return 0
    return mapped + 2 * signs


def detect_flavour(headers: Sequence[str]) -> str:
    """The flavour whose header row this is, or "generic" (mapping suggested from the names)."""
    headers = headers[:MATCHED_COLUMNS]
    names = {h.strip() for h in headers if h.strip()}
    best, best_score = GENERIC, 0
    for flavour in FLAVOURS.values():
        score = _score(flavour, headers, names)
        if score > best_score:
            best, best_score = flavour.name, score
    return best


# --- Generic CSV: suggestions from header names ----------------------------------------------


def _norm(header: str) -> str:
    text = unicodedata.normalize("NFKD", (header or "").casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+", " ", text).replace("_", " ").split())


_EXACT: dict[str, str] = {}
for _target, _words in {
    "given_name": "first name|firstname|first|given name|givenname|given|forename|vorname|prenom|nombre|nome|voornaam|fornavn|imie",
    "family_name": "last name|lastname|last|surname|family name|familyname|family|nachname|familienname|nom de famille|nom|apellido|apellidos|cognome|achternaam|efternavn|nazwisko",
    "middle_name": "middle name|middlename|middle|additional name|weitere vornamen|deuxieme prenom|segundo nombre",
    "full_name": "name|full name|fullname|contact|contact name|naam|nombre completo|nom complet|vollstandiger name|person|nome completo",
    "display_name": "display name|displayname|anzeigename|nom d affichage|file as",
    "prefix": "prefix|name prefix|salutation|anrede|civilite|titre de civilite|tratamiento",
    "suffix": "suffix|name suffix|suffixe",
    "nickname": "nickname|nick|spitzname|surnom|apodo|soprannome",
    "organization": "company|organization|organisation|org|firma|unternehmen|societe|entreprise|empresa|azienda|bedrijf|employer|company name|organization name",
    "department": "department|abteilung|service|departement|departamento|reparto|afdeling",
    "title": "title|job title|jobtitle|position|role|job|beruf|fonction|poste|cargo|puesto|titolo|functie",
    "notes": "notes|note|comments|comment|remarks|notizen|notiz|bemerkung|bemerkungen|remarques|commentaire|notas|nota|opmerkingen",
    "birthday": "birthday|birth date|birthdate|date of birth|dob|geburtstag|geburtsdatum|anniversaire|date de naissance|cumpleanos|fecha de nacimiento|compleanno|data di nascita|verjaardag|geboortedatum",
    "anniversary": "anniversary|jahrestag|anniversaire de mariage|aniversario",
    "email": "email|e mail|mail|email address|e mail address|emailaddress|e mail adresse|email adresse|courriel|adresse email|adresse e mail|adresse de messagerie|correo|correo electronico|posta elettronica|e post",
    "phone": "phone|telephone|tel|phone number|telephone number|telefon|telefonnummer|telefono|numero|numero de telephone|telefoonnummer|rufnummer",
    "phone:mobile": "mobile|mobile phone|mobile number|cell|cell phone|cellphone|handy|mobil|mobiltelefon|mobilnummer|portable|telephone portable|tel mobile|movil|telefono movil|cellulare|mobiel",
    "phone:work": "work phone|business phone|office phone|telefon geschaftlich|telephone bureau|telefono trabajo",
    "phone:home": "home phone|telefon privat|telephone domicile|telefono casa",
    "phone:fax": "fax|telefax|telecopie",
    "website": "website|web site|web|url|homepage|home page|web page|webpage|webseite|site web|site|sitio web|pagina web",
    "address": "address|postal address|mailing address|adresse|anschrift|direccion|indirizzo|adres|postanschrift",
    "address/street": "street|strasse|rue|calle|via|straat",
    "address/city": "city|town|ort|stadt|ville|ciudad|citta|plaats",
    "address/postcode": "zip|zip code|zipcode|postcode|postal code|postleitzahl|plz|code postal|cp|codigo postal|cap|postcode",
    "address/region": "state|region|province|county|bundesland|provinz|departement region|provincia|regione",
    "address/country": "country|land|pays|pais|paese",
    "social:linkedin": "linkedin|linkedin url|linkedin profile",
    "social:twitter": "twitter|twitter handle",
    "met_on": "connected on|met on|first met",
}.items():
    for _word in _words.split("|"):
        _EXACT.setdefault(_word, _target)


def _heuristic(norm: str) -> str | None:
    words = set(norm.split())
    if {"email", "mail", "courriel", "correo"} & words or "e mail" in norm:
        return "email"
    if {"mobile", "cell", "handy", "mobil", "portable", "movil"} & words:
        return "phone:mobile"
    if {"phone", "telephone", "tel", "telefon", "telefono", "fon"} & words:
        label = next((w for w in ("work", "home", "business", "office") if w in words), "")
        return f"phone:{'work' if label in ('business', 'office') else label}".rstrip(":")
    if {"fax"} & words:
        return "phone:fax"
    if "birth" in norm or "geburt" in norm or "naissance" in norm:
        return "birthday"
    if {"website", "url", "homepage", "web"} & words:
        return "website"
    if {"note", "notes", "comment", "comments", "notiz", "notizen"} & words:
        return "notes"
    if {"company", "organization", "organisation", "firma", "employer"} & words:
        return "organization"
    return None


_SINGLE = FIELDS - {"extra", "notes"}
_LONGEST_HEADER = 48


def suggest_mapping(headers: Sequence[str]) -> dict[int, str]:
    """A mapping suggested from the header names (several languages); unknown columns are left out."""
    result: dict[int, str] = {}
    used: set[str] = set()
    for index, header in enumerate(headers[:MATCHED_COLUMNS]):
        norm = _norm(header)
        if not norm or len(norm) > _LONGEST_HEADER:
            continue  # a sentence (LinkedIn's notes) is not a column name
        target = _EXACT.get(norm)
        if target is None:
            for flavour in FLAVOURS.values():
                target = flavour.target_for(header)
                if target and "@" not in target:
                    break
                target = None
        if target is None:
            target = _heuristic(norm)
        if target is None or (target in _SINGLE and target in used):
            continue
        used.add(target)
        result[index] = target
    return result


def mapping_for(flavour: str, headers: Sequence[str]) -> dict[int, str]:
    """The column mapping a flavour gives this header row (suggested for "generic")."""
    found = FLAVOURS.get(flavour)
    if found is None:
        return suggest_mapping(headers)
    headers = headers[:MATCHED_COLUMNS]
    result = found.mapping(headers)
    # Columns the exporter's table does not know (a user-added "Courriel") still get a suggestion.
    taken = {t for t in result.values() if t in _SINGLE}
    for index, target in suggest_mapping(headers).items():
        if index in result or target in taken or found.knows(headers[index]):
            continue
        if headers[index].strip():
            result[index] = target
            if target in _SINGLE:
                taken.add(target)
    return result


# --- Remembered mappings --------------------------------------------------------------------


def _mapping_key(headers: Sequence[str]) -> str:
    digest = hashlib.sha256("\x1f".join(map(str.strip, headers)).encode("utf-8")).hexdigest()
    return f"csv_mapping:{digest[:32]}"


def remember_mapping(headers: Sequence[str], mapping: dict[int, str]) -> None:
    """Keep the mapping the user chose for files with this header row."""
    value = json.dumps({str(k): v for k, v in sorted(mapping.items())})
    Setting.insert(key=_mapping_key(headers), value=value).on_conflict_replace().execute()


def remembered_mapping(headers: Sequence[str]) -> dict[int, str] | None:
    """The mapping chosen before for this header row, or None."""
    row = Setting.get_or_none(Setting.key == _mapping_key(headers))
    if row is None:
        return None
    try:
        stored = json.loads(row.value)
        return {int(k): str(v) for k, v in stored.items() if parse_target(str(v))}
    except (ValueError, AttributeError, TypeError):
        return None


def usable(mapping: dict[int, str]) -> bool:
    """Whether a mapping fills at least a name, organisation, email or phone."""
    kinds = {parse_target(t).kind for t in mapping.values() if parse_target(t)}
    return bool(
        kinds
        & {
            "display_name",
            "full_name",
            "given_name",
            "family_name",
            "nickname",
            "organization",
            "email",
            "phone",
        }
    )
