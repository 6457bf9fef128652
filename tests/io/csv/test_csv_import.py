"""CSV import: every corpus file and flavour imports with the field values its MANIFEST states."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from gratitude_desktop.io import encoding, importer, names
from gratitude_desktop.io.csv import detect
from gratitude_desktop.io.report import ImportRefused
from gratitude_desktop.journal.contacts import load_contact
from gratitude_desktop.journal.tags import tags_of
from gratitude_desktop.store.models import Contact, ImportBatch

CORPUS = Path(__file__).parents[1] / "corpus"
# The shared corpus beside the repository (from a worktree too: it is further up).
SHARED = next(
    (
        folder / "shared" / "corpus"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "corpus").is_dir()
    ),
    Path(__file__).resolve().parents[4] / "shared" / "corpus",
)


def imported(path) -> dict[str, object]:
    """Import one file into the test journal; its contacts by display name."""
    report = importer.import_file(path)
    assert report.refused == [], report.summary()
    return {c.display_name: load_contact(c.id) for c in Contact.select()}


def methods(contact, kind: str) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in contact.methods if m.kind == kind]


# --- The shared corpus (MANIFEST.md) -------------------------------------------------------------


@pytest.mark.parametrize("folder", [SHARED, CORPUS], ids=["shared", "copy"])
def test_thunderbird_basic_csv_gives_john_and_jane_doe(journal, folder):
    if not folder.exists():
        pytest.skip("shared corpus not mounted")
    contacts = imported(folder / "thunderbird" / "basic_csv_addressbook.csv")
    assert sorted(contacts) == ["Jane Doe", "John Doe"]
    john = contacts["John Doe"]
    assert (john.given_name, john.family_name) == ("John", "Doe")
    assert methods(john, "email") == [("", "john@doe.invalid")]
    jane = contacts["Jane Doe"]
    assert (jane.given_name, jane.family_name) == ("Jane", "Doe")
    assert methods(jane, "email") == [("", "jane@doe.invalid")]


def test_thunderbird_semicolon_csv_gives_the_same_two_contacts(journal):
    report = importer.import_file(CORPUS / "thunderbird" / "csv_semicolon.csv")
    assert report.delimiter == ";"
    assert report.created == 2
    contacts = {c.display_name: load_contact(c.id) for c in Contact.select()}
    assert methods(contacts["John Doe"], "email") == [("", "john@doe.invalid")]
    assert (contacts["Jane Doe"].given_name, contacts["Jane Doe"].family_name) == ("Jane", "Doe")


def test_thunderbird_utf16_csv_gives_john_doe(journal):
    report = importer.import_file(CORPUS / "thunderbird" / "utf16_csv.csv")
    assert report.encoding == "utf-16-le"
    contacts = {c.display_name: load_contact(c.id) for c in Contact.select()}
    assert methods(contacts["John Doe"], "email") == [("", "johndoe@host.invalid")]


def test_thunderbird_shift_jis_csv_gives_the_japanese_display_name(journal):
    contacts = imported(CORPUS / "thunderbird" / "shiftjis_csv.csv")
    assert list(contacts) == ["名無しの権兵衛"]
    assert contacts["名無しの権兵衛"].notes == "日本語のメモです。会議で会った。"


def test_thunderbird_quoted_fields_keep_commas_quotes_and_newlines(journal):
    contact = imported(CORPUS / "thunderbird" / "quote_csv.csv")["Acer Support"]
    assert contact.organization == "Acer America"
    assert methods(contact, "phone") == [("work", "(800) 000-0000")]
    assert methods(contact, "address") == [
        ("work", "1 Acer Way, Suite 100, 95110 San Jose, CA, USA")
    ]
    assert contact.birthday == "1990-01-02"
    assert contact.notes == 'Line one\nLine "two"\nDepartment: Customer, Care'


# --- Flavours ---------------------------------------------------------------------------------


def test_google_current_export_with_multi_values_and_labels(journal):
    report = importer.import_file(CORPUS / "google" / "google_contacts.csv")
    assert (report.flavour, report.encoding, report.created) == ("google", "utf-8", 3)
    contacts = {c.display_name: load_contact(c.id) for c in Contact.select()}
    ada = contacts["Dr. Ada King Lovelace"]
    assert (ada.prefix, ada.given_name, ada.middle_name, ada.family_name) == (
        "Dr.",
        "Ada",
        "King",
        "Lovelace",
    )
    assert (ada.organization, ada.title, ada.birthday) == (
        "Analytical Engines",
        "Countess",
        "1815-12-10",
    )
    assert methods(ada, "email") == [("home", "ada@example.org"), ("work", "ada@engines.example")]
    assert [m.primary for m in ada.methods if m.kind == "email"] == [True, False]
    assert methods(ada, "phone") == [("mobile", "+44 20 7946 0001"), ("work", "020 7946 0002")]
    assert methods(ada, "address") == [("home", "12 St James's Square, London SW1Y 4JH, UK")]
    assert methods(ada, "website") == [("profile", "https://ada.example.org")]
    assert ada.notes == "Met at the Babbage soirée.\nLikes poetry, maths.\nDepartment: Research"
    assert [t.name for t in tags_of(ada.id)] == ["Friends"]  # Google "Labels" become tags
    only_email = contacts["only@email.example"]
    assert only_email.birthday == "--04-12"
    assert methods(contacts["Grace Hopper"], "email") == [("work", "grace@navy.example")]


def test_google_older_export_in_utf16(journal):
    report = importer.import_file(CORPUS / "google" / "google_old_utf16le.csv")
    assert (report.flavour, report.encoding) == ("google-old", "utf-16-le")
    contact = {c.display_name: load_contact(c.id) for c in Contact.select()}["Jürgen Müller"]
    assert (contact.given_name, contact.family_name) == ("Jürgen", "Müller")
    assert (contact.organization, contact.title, contact.birthday) == (
        "Beispiel GmbH",
        "Einkauf",
        "1970-01-31",
    )
    assert methods(contact, "phone") == [
        ("mobile", "+49 170 1234567"),
        ("work", "+49 30 123456"),
        ("work", "+49 30 654321"),
    ]
    assert contact.notes == "Zürich office"
    assert [t.name for t in tags_of(contact.id)] == ["Kunden"]  # not the system group


def test_outlook_english_in_windows_1252_with_us_dates(journal):
    report = importer.import_file(CORPUS / "outlook" / "outlook_en_cp1252.csv")
    assert (report.flavour, report.encoding) == ("outlook", "cp1252")
    contact = load_contact(Contact.get().id)
    assert contact.display_name == "Mr. José Núñez"
    assert (contact.organization, contact.title) == ("Café Olé Inc.", "Owner")
    assert (contact.birthday, contact.anniversary) == ("1985-04-12", "")
    assert methods(contact, "email") == [("", "jose@cafeole.example")]
    assert methods(contact, "phone") == [("work", "(217) 555-0100"), ("mobile", "217-555-0199")]
    assert contact.notes == "Prefers calls — never before 10am.\nSpouse: María"


def test_outlook_german_with_semicolons_and_day_first_dates(journal):
    report = importer.import_file(CORPUS / "outlook" / "outlook_de_semicolon_cp1252.csv")
    assert (report.flavour, report.delimiter) == ("outlook-de", ";")
    contact = load_contact(Contact.get().id)
    assert (contact.prefix, contact.given_name, contact.family_name) == ("Frau", "Käthe", "Größer")
    assert (contact.organization, contact.title, contact.birthday) == (
        "Bäckerei Größer",
        "Meisterin",
        "1961-12-24",
    )
    assert methods(contact, "address") == [("work", "Hauptstraße 5, 80331 München, Deutschland")]
    assert contact.notes == "Liefert Brötchen; sonntags geschlossen."


def test_outlook_french_reads_both_titre_columns(journal):
    report = importer.import_file(CORPUS / "outlook" / "outlook_fr_semicolon_cp1252.csv")
    assert report.flavour == "outlook-fr"
    contact = load_contact(Contact.get().id)
    assert (contact.prefix, contact.given_name, contact.family_name) == (
        "M.",
        "Frédéric",
        "Lefèvre",
    )
    assert (contact.title, contact.birthday) == ("Éditeur", "1975-02-03")
    assert contact.organization == "Société Générale d'Édition"


def test_linkedin_connections_skip_the_notes_preamble(journal):
    report = importer.import_file(CORPUS / "linkedin" / "Connections.csv")
    assert (report.flavour, report.created, report.refused) == ("linkedin", 2, [])
    contacts = {c.display_name: load_contact(c.id) for c in Contact.select()}
    ada = contacts["Ada Lovelace"]
    assert ada.met_on == dt.date(2021, 3, 7)
    assert ada.how_we_met == "Connected on LinkedIn"
    assert methods(ada, "social") == [("linkedin", "https://www.linkedin.com/in/ada-lovelace")]
    assert (ada.organization, ada.title) == ("Analytical Engines", "Countess")
    assert methods(contacts["Alan Turing"], "email") == []


def test_yahoo_export(journal):
    report = importer.import_file(CORPUS / "yahoo" / "yahoo_contacts.csv")
    assert report.flavour == "yahoo"
    contact = load_contact(Contact.get().id)
    assert contact.display_name == "Marie Curie"
    assert contact.birthday == "1867-11-07"
    assert methods(contact, "email") == [
        ("", "marie@radium.example"),
        ("", "mcurie@sorbonne.example"),
    ]
    assert contact.notes == "Two Nobel prizes."


def test_generic_latin1_semicolon_file_gets_suggested_columns(journal):
    contacts = imported(CORPUS / "generic" / "latin1_french.csv")
    contact = contacts["Hélène Dupré"]
    assert contact.organization == "Crème & Cie"
    assert methods(contact, "email") == [("", "helene@example.fr")]
    assert methods(contact, "phone") == [("", "01 23 45 67 89")]
    assert contact.notes == "Très sympathique, à rappeler"


def test_full_name_column_is_split_into_parts(journal):
    report = importer.import_file(CORPUS / "generic" / "utf16be_bom.csv")
    assert report.encoding == "utf-16-be"
    contact = load_contact(Contact.get().id)
    assert (contact.prefix, contact.given_name, contact.middle_name, contact.family_name) == (
        "Dr.",
        "Ada",
        "King",
        "Lovelace",
    )
    assert methods(contact, "phone") == [("mobile", "+44 7700 900123")]


def test_tab_separated_utf8_with_bom(journal):
    report = importer.import_file(CORPUS / "generic" / "utf8_bom_tab.tsv")
    assert (report.delimiter, report.encoding) == ("\t", "utf-8-sig")
    contact = load_contact(Contact.get().id)
    assert (contact.display_name, contact.birthday) == ("Łukasz Żółć", "1990-05-06")
    assert contact.organization == "Zażółć sp. z o.o."


def test_a_row_with_only_an_email_makes_a_contact_named_after_it(journal):
    contacts = imported(CORPUS / "generic" / "email_only.csv")
    assert list(contacts) == ["nobody.special@example.com"]


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_every_encoding_gives_the_same_accented_contact(journal, tmp_path, codec, bom):
    text = "First Name,Last Name,E-mail Address,Notes\r\nRenée,Gößling-Ærø,renee@example.fr,Crème brûlée fan\r\n"
    path = tmp_path / "contacts.csv"
    path.write_bytes(bom + text.encode(codec))
    importer.import_file(path)
    contact = load_contact(Contact.get().id)
    assert (contact.given_name, contact.family_name) == ("Renée", "Gößling-Ærø")
    assert contact.notes == "Crème brûlée fan"


def test_a_forced_encoding_is_used(journal, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes("Name,Email\nÅsa Öberg,asa@example.se\n".encode("latin-1"))
    report = importer.import_file(path, encoding="latin-1")
    assert report.encoding == "latin-1"
    assert Contact.get().display_name == "Åsa Öberg"


def test_a_wrong_forced_encoding_is_refused_naming_the_file(journal, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes("Name,Email\nÅsa,asa@example.se\n".encode("latin-1"))
    with pytest.raises(ImportRefused) as caught:
        importer.import_file(path, encoding="utf-8")
    assert str(path) in str(caught.value)
    assert "not in utf-8" in caught.value.reason
    assert Contact.select().count() == 0


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters_are_sniffed(delimiter):
    text = delimiter.join(["Name", "Email", "Notes"]) + "\n"
    text += delimiter.join(["A B", "a@example.org", '"x, y; z"']) + "\n"
    assert encoding.sniff_delimiter(text) == delimiter


# --- Dates, names, mappings ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("1985-04-12", "ymd", "1985-04-12"),
        ("4/12/1985", "mdy", "1985-04-12"),
        ("12.4.1985", "dmy", "1985-04-12"),
        ("12/04/1985", "dmy", "1985-04-12"),
        ("--04-12", "ymd", "--04-12"),
        ("--0412", "ymd", "--04-12"),
        ("19850412", "ymd", "1985-04-12"),
        ("1604-04-12", "ymd", "--04-12"),
        ("07 Mar 2021", "dmy", "2021-03-07"),
        ("March 7, 2021", "mdy", "2021-03-07"),
        ("0/0/00", "mdy", ""),
        ("2000-02-29", "ymd", "2000-02-29"),
    ],
)
def test_dates_in_the_common_formats(text, order, expected):
    assert names.read_date(text, order) == expected


@pytest.mark.parametrize("text", ["31/31/2020", "soon", "2001-02-29", "--13-01"])
def test_impossible_dates_are_not_read(text):
    with pytest.raises(names.DateNotRead):
        names.read_date(text, "dmy")


def test_an_unreadable_birthday_is_kept_in_the_notes(journal, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("Name,Birthday\nAda Lovelace,sometime in December\n", encoding="utf-8")
    importer.import_file(path)
    contact = load_contact(Contact.get().id)
    assert contact.birthday == ""
    assert contact.notes == "Imported birthday: sometime in December"


def test_suggested_mapping_understands_several_languages():
    headers = ["Vorname", "Nachname", "E-Mail", "Handy", "Firma", "Geburtstag", "Bemerkung", "Zzz"]
    assert detect.suggest_mapping(headers) == {
        0: "given_name",
        1: "family_name",
        2: "email",
        3: "phone:mobile",
        4: "organization",
        5: "birthday",
        6: "notes",
    }
    assert detect.suggest_mapping(["Prénom", "Nom", "Courriel", "Téléphone"]) == {
        0: "given_name",
        1: "family_name",
        2: "email",
        3: "phone",
    }


def test_a_chosen_mapping_is_remembered_for_the_same_header_row(journal, tmp_path):
    headers = ["Col A", "Col B"]
    assert detect.remembered_mapping(headers) is None
    detect.remember_mapping(headers, {0: "full_name", 1: "email"})
    assert detect.remembered_mapping(headers) == {0: "full_name", 1: "email"}
    assert detect.remembered_mapping(["Col A", "Col C"]) is None
    path = tmp_path / "c.csv"
    path.write_text("Col A,Col B\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    importer.import_file(path)
    assert Contact.get().display_name == "Ada Lovelace"


def test_an_explicit_mapping_wins(journal, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("x,y\nada@example.org,Ada Lovelace\n", encoding="utf-8")
    report = importer.import_file(path, mapping={0: "email", 1: "full_name"})
    assert report.created == 1
    contact = load_contact(Contact.get().id)
    assert (contact.given_name, contact.family_name) == ("Ada", "Lovelace")
    assert detect.remembered_mapping(["x", "y"]) == {0: "email", 1: "full_name"}
    again = importer.preview(path)
    assert again.mapping == {0: "email", 1: "full_name"}


def test_preview_shows_what_will_be_imported_and_writes_nothing(journal):
    found = importer.preview(CORPUS / "google" / "google_contacts.csv", rows=2)
    assert (found.flavour, found.encoding, found.delimiter) == ("google", "utf-8", ",")
    assert found.headers[0] == "First Name"
    assert found.mapping[18] == "email@e1"
    assert [row for row, _ in found.rows] == [2, 6]
    assert found.rows[0][1].given_name == "Ada"
    assert Contact.select().count() == 0
    assert ImportBatch.select().count() == 0


# --- Bad rows and bad files -------------------------------------------------------------------


def test_a_bad_row_is_refused_with_its_row_number_and_the_rest_imported(journal, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Name,Email,Notes\nAda Lovelace,ada@example.org,ok\n,,only a note\nAlan Turing,alan@example.org,\n",
        encoding="utf-8",
    )
    report = importer.import_file(path)
    assert report.created == 2
    assert [(r.row, r.reason) for r in report.refused] == [
        (3, "Nothing to import: the row has no name, organisation, email or phone.")
    ]
    assert report.refused[0].raw == ("", "", "only a note")
    assert ImportBatch.get().refused == 1


def test_refused_rows_are_saved_as_csv_for_fixing(journal, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "Name,Email,Notes\n,,=cmd|' /C calc'!A0\nAda,ada@example.org,\n", encoding="utf-8"
    )
    report = importer.import_file(path)
    out = tmp_path / "refused.csv"
    assert importer.refused_rows_csv(report, out) == 1
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Name,Email,Notes,Refused row,Reason"
    assert lines[1].startswith(",,'=cmd|' /C calc'!A0,2,\"Nothing to import")
    assert out.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "The file is empty."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is a PNG image, not an address book."),
        (b"foo,bar,baz\n1,2,3\n", "No column looks like a name"),
        (b'Name,Email\nAda,ada@example.org\n"Alan,alan@exa', "it looks cut off"),
    ],
)
def test_files_that_are_not_address_books_are_refused_and_nothing_written(
    journal, tmp_path, content, reason
):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportRefused) as caught:
        importer.import_file(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)
    assert Contact.select().count() == 0
    assert ImportBatch.select().count() == 0


def test_a_missing_file_is_refused(journal, tmp_path):
    with pytest.raises(ImportRefused, match="There is no such file"):
        importer.import_file(tmp_path / "nope.csv")


def test_an_unknown_flavour_is_refused(journal):
    with pytest.raises(ImportRefused, match="not a CSV flavour"):
        importer.import_file(CORPUS / "yahoo" / "yahoo_contacts.csv", flavour="friendster")


def test_dry_run_counts_but_writes_nothing(journal):
    report = importer.import_file(CORPUS / "google" / "google_contacts.csv", dry_run=True)
    assert (report.dry_run, report.created) == (True, 3)
    assert Contact.select().count() == 0
    assert ImportBatch.select().count() == 0


def test_a_dry_run_leaves_the_journal_free_for_other_writers(journal, tmp_path):
    import sqlite3

    path = tmp_path / "many.csv"
    rows = "".join(f"Person {i},p{i}@example.org\n" for i in range(1000))
    path.write_text("Name,Email\n" + rows, encoding="utf-8")
    other = sqlite3.connect(journal.path, timeout=0, isolation_level=None)
    written = []

    def meanwhile(done, total):  # the window saving something while the dry run reads
        if done and not written:
            other.execute("INSERT INTO setting (key, value) VALUES ('meanwhile', '1')")
            written.append(done)

    try:
        report = importer.import_file(path, dry_run=True, progress=meanwhile)
    finally:
        other.close()
    assert written and report.created == 1000
    assert Contact.select().count() == 0


def test_progress_is_reported_and_cancel_rolls_everything_back(journal, tmp_path):
    path = tmp_path / "many.csv"
    rows = "".join(f"Person {i},p{i}@example.org\n" for i in range(1000))
    path.write_text("Name,Email\n" + rows, encoding="utf-8")
    seen: list[tuple[int, int]] = []
    with pytest.raises(importer.ImportCancelled):
        importer.import_file(
            path, progress=lambda d, t: seen.append((d, t)), cancel=lambda: len(seen) >= 2
        )
    assert Contact.select().count() == 0
    assert ImportBatch.select().count() == 0
    assert seen and all(done <= total for done, total in seen)

    seen.clear()
    report = importer.import_file(path, progress=lambda d, t: seen.append((d, t)))
    assert report.created == 1000
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_bulk_import_writes_exactly_what_save_contact_writes(journal):
    from gratitude_desktop.journal.contacts import save_contact
    from gratitude_desktop.store.models import ContactMethod, ContactSearch

    path = CORPUS / "google" / "google_contacts.csv"
    incoming = [c for _, c in importer.preview(path, rows=1).rows]
    saved_id = save_contact(incoming[0])
    importer.import_file(path, policy="keep-both")
    imported_id = Contact.get(Contact.import_batch.is_null(False)).id
    saved, bulk = load_contact(saved_id), load_contact(imported_id)
    for name in ("id", "created_at", "import_batch"):
        setattr(saved, name, None)
        setattr(bulk, name, None)
    assert bulk == saved

    def method_rows(cid):
        return list(
            ContactMethod.select(
                ContactMethod.kind,
                ContactMethod.value,
                ContactMethod.match_key,
                ContactMethod.primary,
            )
            .where(ContactMethod.contact == cid)
            .order_by(ContactMethod.position)
            .tuples()
        )

    assert method_rows(imported_id) == method_rows(saved_id)
    hits = (
        ContactSearch.select(ContactSearch.rowid).where(ContactSearch.match('"lovelace"*')).tuples()
    )
    assert sorted(r for (r,) in hits) == sorted([saved_id, imported_id])


def test_excel_sep_line_names_the_delimiter_and_is_skipped(journal, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(
        "sep=;\r\nName;Email;Notes\r\nAda Lovelace;ada@example.org;a, b, c\r\n", encoding="utf-8"
    )
    report = importer.import_file(path)
    assert (report.delimiter, report.created, report.refused) == (";", 1, [])
    contact = load_contact(Contact.get().id)
    assert (contact.display_name, contact.notes) == ("Ada Lovelace", "a, b, c")
