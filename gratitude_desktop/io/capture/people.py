"""People capture finds: the user's own addresses, and correspondents to add to the journal."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from gratitude_desktop.io import merge
from gratitude_desktop.io.capture import mailfiles
from gratitude_desktop.io.capture.headers import parse_block
from gratitude_desktop.io.names import name_from_email, split_name
from gratitude_desktop.journal.capture import Correspondent, address_key
from gratitude_desktop.journal.contacts import ContactData, MethodData, save_contact
from gratitude_desktop.store.models import CorrespondentMessage

_SENT_SAMPLE = 300  # messages read from the end of a Sent folder to see who sends them


def propose_me(mail_paths: Iterable[str | Path], home: Path | None = None) -> list[str]:
    """The user's own addresses as their mail shows them: Thunderbird identities first,
    then the senders of their Sent folders, most frequent first."""
    profiles: list[Path] = []
    sent: list[Path] = []
    for raw in mail_paths:
        path = Path(raw).expanduser()
        if mailfiles.is_thunderbird_profile(path):
            profiles.append(path)
            folders = mailfiles.profile_folders(path)
        elif path.is_file():
            folders = [path]
        else:
            folders = [p for p in _safe_children(path) if p.is_file()] + [
                p for p in _safe_children(path) if mailfiles.is_maildir(p)
            ]
        sent.extend(f for f in folders if f.name.casefold() in mailfiles.SENT_FOLDERS)
    if not profiles:
        profiles = mailfiles.thunderbird_profiles(home)
    found: list[str] = []
    for profile in profiles:
        found.extend(mailfiles.thunderbird_identities(profile))
    senders: Counter[str] = Counter()
    for folder in sent:
        for address in _senders(folder):
            senders[address] += 1
    found.extend(a for a, _n in senders.most_common())
    unique: dict[str, str] = {}
    for address in found:
        unique.setdefault(address_key(address), address)
    return list(unique.values())


def _safe_children(path: Path) -> list[Path]:
    try:
        return sorted(path.iterdir())
    except OSError:
        return []


def _senders(folder: Path) -> Iterable[str]:
    try:
        if mailfiles.is_maildir(folder):
            blocks = (b for _u, (_w, b) in mailfiles.read_maildir(folder, set()))
        elif mailfiles.is_mbox(folder):
            blocks = (b for _w, b in mailfiles.read_mbox(folder, mailfiles.MboxState())[0])
        else:
            return []
        out = []
        for block in itertools.islice(blocks, _SENT_SAMPLE):
            out.extend(a.address for a in parse_block(block).sender)
        return out
    except OSError:
        return []


def add_correspondent(person: Correspondent) -> tuple[int, bool]:
    """Put a correspondent in the journal; returns (contact id, True when created).

    The import's matcher decides whether they are already there (the same email, by
    another spelling): then nothing is created and that contact's id is returned.
    """
    name = person.name.strip() or name_from_email(person.address) or person.address
    parts = split_name(name)
    data = ContactData(
        display_name=name,
        given_name=parts.given or "",
        family_name=parts.family or "",
        how_we_met="Found in your sent mail",
        methods=[MethodData("email", person.address, primary=True)],
    )
    found = merge.Matcher().find(merge.keys_of(data))
    if found is not None:
        return found[0][1], False
    first = (
        CorrespondentMessage.select(CorrespondentMessage.at)
        .where(CorrespondentMessage.address_key == person.address_key)
        .order_by(CorrespondentMessage.at)
        .first()
    )
    if first is not None:
        data.met_on = first.at.date()  # the first message they had from the user
    return save_contact(data), True
