"""A capture scan: touches with contacts logged once, as one batch that can be undone."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gratitude_desktop.io.capture.scan import scan
from gratitude_desktop.io.importer import list_batches, undo_import
from gratitude_desktop.journal import capture
from gratitude_desktop.journal.contacts import ContactData, MethodData, load_contact, save_contact
from gratitude_desktop.store.models import (
    Captured,
    CaptureSource,
    Contact,
    ImportBatch,
    Interaction,
)
from tests.io.capture.mailbuild import maildir, mbox, message

ME = ["me@example.org"]


def person(name: str, email: str, **kw) -> int:
    return save_contact(ContactData(display_name=name, methods=[MethodData("email", email)], **kw))


def rows():
    return sorted(
        (i.contact.display_name, i.direction, i.channel, i.purpose, i.summary)
        for i in Interaction.select().join(Contact)
    )


@pytest.fixture
def people(journal):
    return {
        "ada": person("Ada", "Ada@Example.com"),
        "helen": person("Helen", "helen.h@gmail.com", dnc_channels=("email",)),
        "bob": person("Bob", "bob@x.org"),
    }


def test_messages_with_contacts_become_interactions_by_the_rules(tmp_path, people):
    box = tmp_path / "Inbox"
    box.write_bytes(
        mbox(
            [
                message(frm="Ada <ADA@example.com>", to="me@example.org", subject="Thanks!", message_id="1@x"),
                message(frm="me@example.org", to="helenh+x@googlemail.com, Bob <bob@x.org>",
                        subject="Proposal", message_id="2@x"),
                message(frm="bob@x.org", to="me@example.org", subject="Happy birthday!", message_id="3@x"),
                message(frm="news@x.org", to="me@example.org", subject="Weekly", message_id="4@x",
                        extra="Precedence: bulk"),
                message(frm="ada@example.com", to="me@example.org", subject="No date", date="",
                        message_id="5@x"),
            ]
        )
    )  # fmt: skip
    report = scan([box], me=ME)
    assert rows() == [
        ("Ada", "inbound", "email", "thank-you", "Thanks!"),
        ("Bob", "inbound", "email", "greeting", "Happy birthday!"),
        ("Bob", "outbound", "email", "follow-up", "Proposal"),
        ("Helen", "outbound", "email", "follow-up", "Proposal"),
    ]
    assert (report.messages, report.matched, report.logged, report.bulk, report.undated) == (
        4, 3, 4, 1, 1,
    )  # fmt: skip
    assert report.flagged == 1
    # It counts as a touch at once.
    assert Contact.get_by_id(people["ada"]).last_interaction_on == dt.date(2026, 12, 1)
    batch = ImportBatch.get_by_id(report.batch_id)
    assert batch.flavour == "capture" and batch.created == 4
    assert {c.source for c in Captured.select()} == {str(box)}


def test_rescanning_never_logs_twice_even_from_another_copy(tmp_path, people):
    msgs = [
        message(frm="ada@example.com", to="me@example.org", message_id=f"{n}@x") for n in range(3)
    ]
    (tmp_path / "a").write_bytes(mbox(msgs))
    scan([tmp_path / "a"], me=ME)
    again = scan([tmp_path / "a"], me=ME)
    assert (again.messages, again.logged, again.batch_id) == (0, 0, None)
    (tmp_path / "copy").write_bytes(mbox(msgs))
    copy = scan([tmp_path / "copy"], me=ME)
    assert (copy.messages, copy.logged, copy.known) == (3, 0, 3)
    assert Interaction.select().count() == 3


def test_undoing_a_scan_removes_what_it_logged_and_the_last_touch(tmp_path, people):
    (tmp_path / "a").write_bytes(mbox([message(frm="ada@example.com", to="me@example.org")]))
    report = scan([tmp_path / "a"], me=ME)
    assert Contact.get_by_id(people["ada"]).last_interaction_on is not None
    undone = undo_import(report.batch_id)
    assert undone.removed == 1
    assert Interaction.select().count() == 0 and Captured.select().count() == 0
    assert Contact.get_by_id(people["ada"]).last_interaction_on is None
    assert list_batches()[0].undone_at is not None
    assert load_contact(people["ada"]).display_name == "Ada"  # the contact is not touched


def test_the_guard_flags_email_to_someone_who_said_no_once(tmp_path, people):
    Contact.update(dnc_channels="all").where(Contact.id == people["bob"]).execute()
    (tmp_path / "a").write_bytes(
        mbox([
            message(frm="me@example.org", to="helen.h@gmail.com", subject="Hi", message_id="1@x",
                    date="Thu, 03 Dec 2026 10:00:00 +0000"),
            message(frm="bob@x.org", to="me@example.org", subject="Inbound is fine", message_id="2@x"),
            message(frm="me@example.org", to="bob@x.org", subject="Reply", message_id="3@x"),
            message(frm="me@example.org", to="ada@example.com", subject="Ada is fine", message_id="4@x"),
        ])
    )  # fmt: skip
    scan([tmp_path / "a"], me=ME)
    flags = capture.open_flags()
    assert sorted(f.name for f in flags) == ["Bob", "Helen"]
    helen = capture.open_flags(people["helen"])
    assert helen[0].text == "You emailed Helen on 3 Dec — they asked not to be contacted."
    capture.mark_flags_seen([f.captured_id for f in flags])
    assert capture.open_flags() == []


def test_new_people_are_those_written_to_twice_personally(tmp_path, people):
    (tmp_path / "a").write_bytes(
        mbox([
            message(frm="me@example.org", to="Zoe <zoe@new.org>, once@new.org", message_id="1@x"),
            message(frm="me@example.org", to="zoe@new.org", message_id="2@x"),
            message(frm="stranger@new.org", to="me@example.org", message_id="3@x"),
            message(frm="stranger@new.org", to="me@example.org", message_id="4@x"),
            message(frm="me@example.org", to="list@new.org", message_id="5@x", extra="List-Id: <l>"),
            message(frm="me@example.org", to="list@new.org", message_id="6@x", extra="List-Id: <l>"),
        ])
    )  # fmt: skip
    report = scan([tmp_path / "a"], me=ME)
    assert report.unknown == 3  # zoe, once, stranger (the list mail is bulk)
    scan([tmp_path / "a"], me=ME)  # read again: the same messages count once
    keys = set(capture.email_keys_of_contacts())
    found = capture.new_people(keys)
    assert [(c.address, c.name, c.sent) for c in found] == [("zoe@new.org", "Zoe", 2)]
    capture.dismiss_correspondent("zoe@new.org")
    assert capture.new_people(keys) == []


def test_maildir_eml_folder_and_dry_run(tmp_path, people):
    box = maildir(tmp_path / "md")
    (box / "new" / "1.host").write_bytes(
        message(frm="ada@example.com", to="me@example.org", message_id="m1@x")
    )
    (box / "cur" / "2.host:2,S").write_bytes(
        message(frm="bob@x.org", to="me@example.org", message_id="m2@x")
    )
    eml = tmp_path / "emls"
    eml.mkdir()
    (eml / "a.eml").write_bytes(message(frm="me@example.org", to="bob@x.org", message_id="e1@x"))
    dry = scan([box, eml], me=ME, dry_run=True)
    assert (dry.logged, dry.batch_id) == (3, None)
    assert Interaction.select().count() == 0 and CaptureSource.select().count() == 0
    assert scan([box, eml], me=ME).logged == 3
    (box / "new" / "3.host").write_bytes(
        message(frm="ada@example.com", to="me@example.org", message_id="m3@x")
    )
    third = scan([box, eml], me=ME)
    assert (third.messages, third.logged) == (1, 1)


def test_a_path_that_is_not_mail_is_named_and_the_rest_scanned(tmp_path, people):
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "a").write_bytes(mbox([message(frm="ada@example.com", to="me@example.org")]))
    report = scan([tmp_path / "notes.txt", tmp_path / "missing", tmp_path / "a"], me=ME)
    assert report.logged == 1
    assert any("notes.txt" in p and "not an mbox" in p for p in report.problems)
    assert any("missing" in p for p in report.problems)


_header_bytes = st.lists(
    st.tuples(
        st.sampled_from(
            [b"From", b"To", b"Cc", b"Subject", b"Date", b"Message-ID", b"List-Id", b"X"]
        ),
        st.one_of(
            st.binary(max_size=60),
            st.sampled_from(
                [
                    b"Ada <ADA@example.com>",
                    b"bob@x.org, =?utf-8?q?x?= <q@y>",
                    b"bob@x.org\xff\xfe",
                    b'"Bob" <bob@x.orgX>',
                    b"Me <me@example.org>",
                    b"Tue, 1 Dec 2026 10:00:00 +0000",
                ]
            ),
        ),
    ),
    max_size=8,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(headers=_header_bytes)
def test_random_header_bytes_never_crash_nor_log_a_stranger(tmp_path_factory, people, headers):
    folder = tmp_path_factory.mktemp("h")
    block = b"".join(name + b": " + value.replace(b"\n", b" ") + b"\n" for name, value in headers)
    # A stranger is the sender unless the random fields name one first.
    block += b"From: someone@stranger.example\nDate: Wed, 2 Dec 2026 10:00:00 +0000\n"
    (folder / "m.eml").write_bytes(block + b"\nbody\n")
    before = Interaction.select().count()
    scan([folder / "m.eml"], me=ME)
    emails = {people["ada"]: b"ada@example.com", people["bob"]: b"bob@x.org",
              people["helen"]: b"helen"}  # fmt: skip
    for i in Interaction.select().order_by(Interaction.id).offset(before):
        # Only someone whose address is written in the headers is touched.
        assert i.contact_id in emails and emails[i.contact_id] in block.lower()


CHILD = """
import sys
from gratitude_desktop.store.db import open_journal
from gratitude_desktop.io.capture.scan import scan
import gratitude_desktop.io.capture.scan as s
journal = open_journal(sys.argv[1])
real = s.insert_rows
count = [0]
def slow_insert(*a, **k):
    real(*a, **k)
    count[0] += 1
    if count[0] == int(sys.argv[3]):  # written, not yet committed: the power cut comes now
        print("writing", flush=True)
        import time; time.sleep(60)
s.insert_rows = slow_insert
scan([sys.argv[2]], me=["me@example.org"])
print("done", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")
@pytest.mark.parametrize("kill_at", [1, 2])
def test_a_scan_killed_while_writing_leaves_no_half_batch_and_resumes(tmp_path, data_dir, kill_at):
    from gratitude_desktop.store.db import open_journal

    journal = open_journal(data_dir)
    person("Ada", "ada@example.com")
    journal.close()
    box = tmp_path / "Inbox"
    box.write_bytes(
        mbox(
            [
                message(frm="ada@example.com", to="me@example.org", message_id=f"{n}@x")
                for n in range(300)
            ]
        )
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(data_dir), str(box), str(kill_at)],
        stdout=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    assert child.stdout.readline().strip() == "writing"
    child.send_signal(signal.SIGKILL)
    child.wait()
    journal = open_journal(data_dir)
    try:
        assert ImportBatch.select().count() == 0
        assert Interaction.select().count() == 0 and Captured.select().count() == 0
        assert CaptureSource.select().count() == 0
        report = scan([box], me=ME)
        assert report.logged == 300
    finally:
        journal.close()


def test_the_random_headers_do_log_contacts_sometimes(tmp_path, people):
    # The property above is not vacuous: such a block does log a touch.
    block = b"From: Me <me@example.org>\nTo: bob@x.org, \xff\xfe\nDate: Wed, 2 Dec 2026 10:00:00 +0000\n"
    (tmp_path / "m.eml").write_bytes(block + b"\nbody\n")
    assert scan([tmp_path / "m.eml"], me=ME).logged == 1


def test_adding_a_new_person_uses_the_import_matcher(tmp_path, people):
    from gratitude_desktop.io.capture.people import add_correspondent

    (tmp_path / "a").write_bytes(
        mbox([
            message(frm="me@example.org", to="Zoe Quinn <zoe@new.org>", message_id="1@x",
                    date="Mon, 02 Nov 2026 10:00:00 +0000"),
            message(frm="me@example.org", to="zoe@new.org", message_id="2@x"),
            message(frm="me@example.org", to="BOB@x.org", message_id="3@x"),
        ])
    )  # fmt: skip
    scan([tmp_path / "a"], me=ME)
    (zoe,) = capture.new_people(set(capture.email_keys_of_contacts()))
    contact_id, created = add_correspondent(zoe)
    assert created
    added = load_contact(contact_id)
    assert (added.given_name, added.family_name, added.met_on) == ("Zoe", "Quinn", dt.date(2026, 11, 2))
    assert [m.value for m in added.methods] == ["zoe@new.org"]
    assert capture.new_people(set(capture.email_keys_of_contacts())) == []
    # Someone already in the journal under the same address is not added twice.
    again = capture.Correspondent("bob@x.org", "bob@x.org", "Bob", 2, dt.datetime(2026, 12, 1))
    assert add_correspondent(again) == (people["bob"], False)


def test_my_addresses_are_proposed_from_identities_and_sent(tmp_path):
    from gratitude_desktop.io.capture.people import propose_me
    from tests.io.capture.mailbuild import thunderbird_profile

    profile = thunderbird_profile(tmp_path)
    sent = profile / "Mail" / "Local Folders" / "Sent"
    sent.write_bytes(
        mbox([message(frm="Me <work@firm.org>", to="a@x.org")] * 3
             + [message(frm="me@example.org", to="a@x.org")])
    )  # fmt: skip
    assert propose_me([profile]) == ["me@example.org", "Me.Too@gmail.com", "work@firm.org"]
    assert propose_me([], home=tmp_path)[:2] == ["me@example.org", "Me.Too@gmail.com"]


def test_an_imap_address_without_its_password_is_named_not_taken_for_a_file(journal):
    report = scan(["imaps://ann@mail.example.org/"], me=ME)
    assert report.problems == [
        "imaps://ann@mail.example.org/: the password of this IMAP account is not known: enter it "
        "in Settings → Mail and calendars (or run gratitude-desktop capture --mail in a terminal)."
    ]
