"""Mail files as capture finds and reads them: mbox, Maildir, .eml, Thunderbird profiles."""

from __future__ import annotations

from gratitude_desktop.io.capture import mailfiles
from gratitude_desktop.io.capture.headers import parse_block
from gratitude_desktop.io.capture.mailfiles import MboxState, read_mbox
from tests.io.capture.mailbuild import maildir, mbox, message, thunderbird_profile


def _subjects(path, state=None):
    blocks, after = read_mbox(path, state or MboxState())
    subjects = [parse_block(block).subject for _where, block in blocks]
    return subjects, after()


def test_mbox_from_quoting_and_unquoted_body_lines(tmp_path):
    body = "Hi,\n\nFrom the top, as we said:\n>From here\nFrom me, Ada\n"
    data = mbox([message(frm="a@x.org", to="b@x.org", subject="one", body=body)])
    # An unquoted body line that looks like a From_ line but has no time in it.
    data += (
        b"From - Tue Dec 01 11:00:00 2026\n"
        + message(frm="a@x.org", to="b@x.org", subject="two", body="\nFrom Paris with love\n\n")
        + b"\n"
    )
    path = tmp_path / "Inbox"
    path.write_bytes(data)
    subjects, _ = _subjects(path)
    assert subjects == ["one", "two"]


def test_mbox_with_crlf_line_ends(tmp_path):
    path = tmp_path / "Inbox"
    path.write_bytes(
        mbox([message(frm="a@x.org", to="b@x.org", subject=s, crlf=True) for s in ("a", "b", "c")])
        .replace(b"\n", b"\r\n")
        .replace(b"\r\r\n", b"\r\n")
    )
    assert b"\r\n\r\nFrom - " in path.read_bytes()
    subjects, _ = _subjects(path)
    assert subjects == ["a", "b", "c"]


def test_google_takeout_mbox(tmp_path):
    takeout = (
        b"From 1781234567890123456@xxx Tue Dec 01 10:00:00 +0000 2026\n"
        b"X-GM-THRID: 1781234567890123456\nX-Gmail-Labels: Sent,Opened\n"
        + message(frm="me@gmail.com", to="ada@x.org", subject="Takeout one", message_id="t1@g")
        + b"\nFrom 1781234567890123457@xxx Wed Dec 02 10:00:00 +0000 2026\n"
        + message(frm="ada@x.org", to="me@gmail.com", subject="Takeout two", message_id="t2@g")
    )
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_bytes(takeout)
    subjects, _ = _subjects(path)
    assert subjects == ["Takeout one", "Takeout two"]


def test_a_half_written_mbox_is_read_to_its_last_whole_message_and_resumed(tmp_path):
    path = tmp_path / "Inbox"
    whole = mbox([message(frm="a@x.org", to="b@x.org", subject=s) for s in ("a", "b")])
    path.write_bytes(whole + b"From - Tue Dec 01 10:00:00 2026\nFrom: a@x.org\nSubj")
    subjects, state = _subjects(path)
    assert subjects == ["a", "b"]
    with open(path, "ab") as fh:
        fh.write(b"ect: c\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n\nbody\n\n")
    subjects, state2 = _subjects(path, state)
    # The last whole message is where the next scan starts (its key is known, so not twice).
    assert subjects == ["b", "c"]
    assert _subjects(path, state2)[0] == []  # nothing changed: nothing read


def test_an_mbox_compacted_since_is_read_from_the_start(tmp_path):
    path = tmp_path / "Inbox"
    path.write_bytes(mbox([message(frm="a@x.org", to="b@x.org", subject=s) for s in "abcd"]))
    _, state = _subjects(path)
    path.write_bytes(mbox([message(frm="a@x.org", to="b@x.org", subject="z")]))
    assert _subjects(path, state)[0] == ["z"]


def test_maildir_new_and_cur_read_once_even_when_flags_rename_them(tmp_path):
    box = maildir(tmp_path / "mail")
    (box / "new" / "1700000000.1.host").write_bytes(
        message(frm="a@x.org", to="b@x.org", subject="n")
    )
    (box / "cur" / "1700000001.2.host:2,S").write_bytes(
        message(frm="a@x.org", to="b@x.org", subject="c")
    )
    first = list(mailfiles.read_maildir(box, set()))
    assert sorted(parse_block(b).subject for _u, (_w, b) in first) == ["c", "n"]
    seen = {u for u, _ in first}
    (box / "new" / "1700000000.1.host").rename(box / "cur" / "1700000000.1.host:2,RS")
    assert list(mailfiles.read_maildir(box, seen)) == []


def test_eml_with_a_from_line_and_a_big_body(tmp_path):
    path = tmp_path / "one.eml"
    path.write_bytes(
        b"From - Tue Dec 01 10:00:00 2026\n"
        + message(frm="a@x.org", to="b@x.org", subject="eml", body="x" * 300_000)
    )
    _where, block = mailfiles.read_eml(path)
    assert parse_block(block).subject == "eml"
    assert b"xxxx" not in block


def test_thunderbird_profiles_in_the_usual_flatpak_and_snap_places(tmp_path):
    thunderbird_profile(tmp_path)
    flat = tmp_path / ".var/app/org.mozilla.Thunderbird/.thunderbird/f1.default"
    (flat / "ImapMail" / "imap.x.org").mkdir(parents=True)
    snap = tmp_path / "snap/thunderbird/common/.thunderbird/s1.default"
    (snap / "Mail" / "Local Folders").mkdir(parents=True)
    (tmp_path / ".thunderbird" / "Crash Reports").mkdir()
    found = mailfiles.thunderbird_profiles(tmp_path)
    assert [p.name for p in found] == ["abcd1234.default-release", "f1.default", "s1.default"]


def test_inbox_and_sent_chosen_by_default_and_identities_read(tmp_path):
    profile = thunderbird_profile(tmp_path)
    imap = profile / "ImapMail" / "imap.example.org"
    for name in ("INBOX", "Sent", "Trash", "Archives"):
        (imap / name).write_bytes(mbox([message(frm="a@x.org", to="b@x.org")]))
        (imap / f"{name}.msf").write_text("// mork")
    (profile / "Mail" / "Local Folders" / "Inbox").write_bytes(b"")
    folders = mailfiles.profile_folders(profile)
    assert sorted(f.name for f in folders) == ["INBOX", "Inbox", "Sent"]
    assert len(mailfiles.profile_folders(profile, all_folders=True)) == 5
    assert mailfiles.thunderbird_identities(profile) == ["me@example.org", "Me.Too@gmail.com"]
