"""Export: a Google Contacts CSV and vCard 4.0 that read back, formula-safe, owner-only."""

from __future__ import annotations

import csv
import os

import pytest

from gratitude_desktop.io import export, importer
from gratitude_desktop.io.csv.rows import unescape_cell
from gratitude_desktop.io.vcard import reader as vcard
from gratitude_desktop.journal.contacts import (
    ContactData,
    MethodData,
    load_contact,
    save_contact,
    trash_contacts,
)
from gratitude_desktop.store.models import Contact


def ada() -> int:
    return save_contact(
        ContactData(
            prefix="Dr.",
            given_name="Ada",
            middle_name="King",
            family_name="Lovelace",
            organization="Analytical Engines",
            title="Countess",
            birthday="--12-10",
            notes="Line one\nLine two, with comma; and semicolon",
            circles=("friend",),
            methods=[
                MethodData("email", "ada@example.org", "work", primary=True),
                MethodData("email", "ada@home.example", "home"),
                MethodData("phone", "+44 20 7946 0001", "mobile", primary=True),
                MethodData("address", "12 St James's Square, London", "home"),
                MethodData("website", "https://ada.example.org"),
            ],
        )
    )


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("=1+1", "'=1+1"),
        # Issue 21: a cell that is only a phone number is left as it is (Google and Outlook
        # keep the apostrophe on re-import); the forms a spreadsheet still runs are escaped.
        ("+44 20", "+44 20"),
        ("+44 113 496 0274", "+44 113 496 0274"),
        ("(0113) 496-0274 / 0275", "(0113) 496-0274 / 0275"),
        ("+1 555.0100", "+1 555.0100"),
        ("+1 555 0100 ext 3", "'+1 555 0100 ext 3"),
        ("+A1", "'+A1"),
        ("-2", "'-2"),
        ("-1+1", "'-1+1"),
        ("\uff1dcmd|' /C calc'!A0", "'\uff1dcmd|' /C calc'!A0"),
        ("\ufe66HYPERLINK(1)", "'\ufe66HYPERLINK(1)"),
        ("\uff0bA1", "'\uff0bA1"),
        ("\uff20SUM(1)", "'\uff20SUM(1)"),
        ("\u200b=HYPERLINK(1)", "'\u200b=HYPERLINK(1)"),
        ("\ufeff\u2060=1", "'\ufeff\u2060=1"),
        ("  =1", "'  =1"),
        ("\u00a0@x", "'\u00a0@x"),
        ("\nx", "'\nx"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("plain", "plain"),
        ("", ""),
    ],
)
def test_formula_cells_are_escaped(value, escaped):
    assert export.escape_formula(value) == escaped
    read_back = unescape_cell(escaped)  # our reader takes the apostrophe off again
    assert read_back in (value.strip(), value.replace("\r", "\n"))


def test_csv_export_uses_the_google_header_and_escapes_formulas(journal, tmp_path):
    ada()
    save_contact(ContactData(display_name='=HYPERLINK("http://evil")', notes="@SUM(1)"))
    path = tmp_path / "out.csv"
    assert export.export_csv(path).written == 2
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert header[:3] == ["First Name", "Middle Name", "Last Name"]
    assert "E-mail 2 - Value" in header and "E-mail 3 - Value" not in header
    by_name = {
        row[header.index("File As")]: dict(zip(header, row, strict=True)) for row in rows[1:]
    }
    evil = by_name['\'=HYPERLINK("http://evil")']
    assert evil["Notes"] == "'@SUM(1)"
    row = by_name["Dr. Ada King Lovelace"]
    assert row["Phone 1 - Value"] == "+44 20 7946 0001"  # only a phone number: as it is
    assert (row["E-mail 1 - Label"], row["E-mail 1 - Value"]) == ("* work", "ada@example.org")
    assert row["Birthday"] == "'--12-10"  # a spreadsheet would compute --12-10 = 2
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_csv_export_reads_back_as_the_same_contact(journal, tmp_path):
    original = load_contact(ada())
    path = tmp_path / "out.csv"
    export.export_csv(path)
    Contact.delete().execute()
    report = importer.import_file(path)
    assert (report.flavour, report.created, report.refused) == ("google", 1, [])
    back = load_contact(Contact.get().id)
    for name in (
        "display_name",
        "prefix",
        "given_name",
        "middle_name",
        "family_name",
        "organization",
        "title",
        "birthday",
    ):
        assert getattr(back, name) == getattr(original, name), name
    assert sorted((m.kind, m.label, m.value) for m in back.methods) == sorted(
        (m.kind, m.label, m.value) for m in original.methods
    )
    assert back.notes == original.notes
    assert back.circles == ("friend",)


def test_vcard_export_is_40_folded_and_reads_back(journal, tmp_path):
    original = load_contact(ada())
    save_contact(ContactData(display_name="Long " + "x" * 200, notes="ü" * 100))
    path = tmp_path / "out.vcf"
    assert export.export_vcard(path).written == 2
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert max(len(line) for line in raw.split(b"\r\n")) <= 75
    raw.decode("utf-8")  # folding never splits a character
    cards = {c.display_name: c for _, c in vcard.read_cards(raw.decode("utf-8"), str(path))}
    back = cards["Dr. Ada King Lovelace"]
    assert (back.given_name, back.family_name, back.birthday) == ("Ada", "Lovelace", "--12-10")
    assert back.notes == original.notes
    assert back.circles == ("friend",)
    assert sorted((m.kind, m.label, m.value) for m in back.methods) == sorted(
        (m.kind, m.label, m.value) for m in original.methods
    )
    assert cards["Long " + "x" * 200].notes == "ü" * 100
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_trashed_contacts_are_not_exported(journal, tmp_path):
    cid = ada()
    save_contact(ContactData(display_name="Kept"))
    trash_contacts([cid])
    assert export.export_csv(tmp_path / "a.csv").written == 1
    assert export.export_vcard(tmp_path / "a.vcf").written == 1


def test_export_replaces_a_file_atomically_and_leaves_no_temporary(journal, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "out.csv"
    path.write_text("old", encoding="utf-8")
    ada()
    export.export_csv(path)
    assert path.read_text(encoding="utf-8").startswith("First Name")
    assert [p.name for p in folder.iterdir()] == ["out.csv"]


# --- do-not-contact never leaks (issue 16) -------------------------------------------------


def _people() -> dict[str, int]:
    return {
        "ada": ada(),
        "nora": save_contact(
            ContactData(
                display_name="Nora No",
                dnc_channels=("all",),
                dnc_reason="Take me off your list",
                methods=[MethodData("email", "nora@example.org")],
            )
        ),
        "eve": save_contact(
            ContactData(
                display_name="Eve Email-Free",
                dnc_channels=("email",),
                methods=[
                    MethodData("email", "eve@example.org"),
                    MethodData("phone", "+44 20 7946 0002"),
                ],
            )
        ),
    }


def test_address_books_leave_out_do_not_contact_people_and_refused_methods(journal, tmp_path):
    _people()
    csv_report = export.export_csv(tmp_path / "a.csv")
    vcf_report = export.export_vcard(tmp_path / "a.vcf")
    for report, name in ((csv_report, "a.csv"), (vcf_report, "a.vcf")):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert report.written == 2
        assert "Nora" not in text and "nora@example.org" not in text
        assert "Eve Email-Free" in text and "+44 20 7946 0002" in text
        assert "eve@example.org" not in text
        assert report.left_out == {
            "who asked not to be contacted at all": 1,
            "email address(es) of people who asked not to be emailed": 1,
        }
    assert sorted(csv_report.lines()[1:]) == [
        "Left out 1 email address(es) of people who asked not to be emailed",
        "Left out 1 who asked not to be contacted at all",
    ]


def test_included_do_not_contact_people_are_marked(journal, tmp_path):
    _people()
    report = export.export_csv(tmp_path / "a.csv", include_do_not_contact=True)
    assert (report.written, report.marked, report.left_out) == (3, 2, {})
    text = (tmp_path / "a.csv").read_text(encoding="utf-8")
    rows = {r["File As"]: r for r in csv.DictReader(text.splitlines())}
    assert rows["Nora No"]["Labels"] == "Do not contact"
    assert rows["Nora No"]["Notes"] == "Do not contact (all): “Take me off your list”"
    assert rows["Eve Email-Free"]["E-mail 1 - Value"] == "eve@example.org"
    [ada_row] = [r for name, r in rows.items() if "Ada" in name]
    assert "Do not contact" not in ada_row["Labels"]
    export.export_vcard(tmp_path / "a.vcf", include_do_not_contact=True)
    raw = (tmp_path / "a.vcf").read_text(encoding="utf-8")
    cards = {c.display_name: c for _, c in vcard.read_cards(raw, "a.vcf")}
    assert "Do not contact" in cards["Nora No"].notes
    assert "nora@example.org" in [m.value for m in cards["Nora No"].methods]


def test_a_mailing_list_has_one_row_per_person_reachable_on_the_channel(journal, tmp_path):
    import datetime as dt

    people = _people()
    save_contact(
        ContactData(display_name="Bad Bob", methods=[MethodData("email", "b@x", bad=True)])
    )
    save_contact(
        ContactData(
            display_name="Lost Larry",
            stage="lost-customer",
            lost_since=dt.date(2026, 1, 1),
            lost_reason="price",
            methods=[MethodData("email", "larry@example.org")],
        )
    )
    gone = save_contact(ContactData(display_name="Gone", methods=[MethodData("email", "g@x.org")]))
    trash_contacts([gone])
    report = export.mailing_list(tmp_path / "m.csv", "email")
    rows = list(csv.reader((tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()))
    assert rows == [
        ["Name", "First Name", "Last Name", "Organization", "E-mail"],
        ["Dr. Ada King Lovelace", "Ada", "Lovelace", "Analytical Engines", "ada@example.org"],
    ]
    assert report.left_out == {
        "without a working email address": 1,
        "who asked not to be contacted by email": 2,
        "lost customers nobody has asked why yet (ask them first)": 1,
    }
    phones = export.export_csv(tmp_path / "p.csv", for_channel="phone")
    assert phones.written == 2  # Ada and Eve (who only refused email)
    assert load_contact(people["eve"]).dnc_channels == ("email",)
    with pytest.raises(ValueError):
        export.export_csv(tmp_path / "x.csv", for_channel="email", include_do_not_contact=True)
