"""Sync safety against a real Radicale: no doubles, 412, a server killed mid-sync, errors."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from gratitude_desktop.journal.contacts import ContactData, MethodData, load_contact, save_contact
from gratitude_desktop.store import recovery
from gratitude_desktop.store.models import Contact
from gratitude_desktop.store.sync_state import SyncItem
from gratitude_desktop.sync.dav import DavClient, SyncError, check_url
from gratitude_desktop.sync.service import SyncAccount, sync_journal
from tests.sync.radicale import Radicale

TODAY = dt.date(2026, 12, 6)
USER = "ann"


def run(journal, server, password="pw", user=USER, url=None, **kwargs):
    account = SyncAccount(url=url or server.url, user=user)
    return sync_journal(journal.data_dir, journal.path, account, password, today=TODAY, **kwargs)


def person(n: int) -> ContactData:
    return ContactData(
        given_name=f"Given{n}",
        family_name=f"Family{n}",
        organization="Acme",
        methods=[MethodData("email", f"p{n}@example.org", "work", True)],
    )


def put_card(server, name, text, etag=None):
    headers = {"Content-Type": "text/vcard"}
    if etag:
        headers["If-Match"] = etag
    return httpx.put(
        f"{server.url}{USER}/gratitude/{name}", content=text, headers=headers, auth=(USER, "pw")
    )


def test_first_sync_of_the_same_people_on_both_sides_makes_no_doubles(journal, radicale):
    httpx.request(
        "MKCOL",
        f"{radicale.url}{USER}/gratitude/",
        content=(
            '<?xml version="1.0"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">'
            "<d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
            "</d:prop></d:set></d:mkcol>"
        ),
        auth=(USER, "pw"),
    ).raise_for_status()
    for n in range(3):  # the phone already holds the same three people, one with a new title
        title = "TITLE:Boss\r\n" if n == 0 else ""
        text = (
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-{n}\r\nFN:Given{n} Family{n}\r\n"
            f"N:Family{n};Given{n};;;\r\nEMAIL:P{n}@Example.org\r\n{title}END:VCARD\r\n"
        )
        assert put_card(radicale, f"phone-{n}.vcf", text).status_code == 201
    ids = [save_contact(person(n)) for n in range(3)]
    save_contact(person(3))
    result = run(journal, radicale)
    assert result.ok, result.message
    assert sorted(result.contacts["merged_first"]) == [
        "Given0 Family0",
        "Given1 Family1",
        "Given2 Family2",
    ]
    assert result.contacts["created_here"] == []
    assert Contact.select().count() == 4
    assert load_contact(ids[0]).title == "Boss"
    assert len(radicale.cards(USER, "gratitude")) == 4  # three phone cards, one new
    assert SyncItem.select().count() == 4
    # A backup was taken before that first sync.
    backups = list(recovery.backup_folder(journal.data_dir).glob("*before-sync*"))
    assert len(backups) == 1


class _Intercept(httpx.HTTPTransport):
    """A transport that calls `before(request)` before sending each request."""

    def __init__(self, before):
        super().__init__()
        self.before = before

    def handle_request(self, request):
        self.before(request)
        return super().handle_request(request)


def test_a_412_reads_the_newer_card_merges_it_and_writes_again(journal, radicale):
    contact_id = save_contact(person(1))
    assert run(journal, radicale).ok
    (name,) = radicale.cards(USER, "gratitude")
    data = load_contact(contact_id)
    data.needs = "Coffee"
    save_contact(data)
    fired = []

    def phone_writes_first(request):
        if request.method == "PUT" and "if-match" in request.headers and not fired:
            fired.append(request.url)
            text = radicale.cards(USER, "gratitude")[name].replace("ORG:Acme", "ORG:Acme Corp")
            etag = httpx.get(f"{radicale.url}{USER}/gratitude/{name}", auth=(USER, "pw")).headers[
                "etag"
            ]
            assert put_card(radicale, name, text, etag).status_code in (201, 204)

    result = run(journal, radicale, transport=_Intercept(phone_writes_first))
    assert result.ok, result.message
    assert fired
    assert load_contact(contact_id).organization == "Acme Corp"  # theirs, merged in
    final = radicale.cards(USER, "gratitude")[name]
    assert "ORG:Acme Corp" in final and "X-GRATITUDE-NEEDS:Coffee" in final  # both kept
    assert result.contacts["conflicts"] == []


def test_server_killed_mid_sync_leaves_no_half_contact_and_the_next_sync_completes(
    journal, tmp_path
):
    server = Radicale(tmp_path / "dying").start()
    try:
        for n in range(30):
            save_contact(person(n))
        puts = []

        def die_after_twelve(request):
            if request.method == "PUT":
                puts.append(1)
                if len(puts) == 13:
                    server.kill()

        result = run(journal, server, transport=_Intercept(die_after_twelve))
        assert not result.ok
        assert "Could not reach" in result.message or "broke" in result.message
        server.start()
        result = run(journal, server)
        assert result.ok, result.message
        cards = server.cards(USER, "gratitude")
        assert len(cards) == 30
        assert Contact.select().count() == 30  # nothing doubled here
        assert SyncItem.select().count() == 30
        assert len({i.record_id for i in SyncItem.select()}) == 30
        for n in range(30):
            (text,) = [t for t in cards.values() if f"p{n}@example.org" in t]
            assert f"FN:Given{n} Family{n}" in text
        again = run(journal, server)
        assert again.contacts["created_there"] == again.contacts["updated_there"] == 0
    finally:
        server.stop()


def test_wrong_password_says_so(journal, tmp_path):
    server = Radicale(tmp_path / "auth", users={USER: "right"}).start()
    try:
        save_contact(person(1))
        result = run(journal, server, password="wrong")
        assert not result.ok
        assert "refused the user name or password" in result.message and "401" in result.message
        assert run(journal, server, password="right").ok
    finally:
        server.stop()


def test_wrong_url_says_so(journal, radicale):
    wrong = radicale.url + "nothing/here/at/all/"
    result = run(journal, radicale, url=wrong)
    assert not result.ok
    assert wrong in result.message and "(403)" in result.message
    closed = f"http://127.0.0.1:{radicale.port + 1 if radicale.port < 65535 else 1}/"
    result = run(journal, radicale, url=closed)
    assert not result.ok and "Could not reach" in result.message


def test_plain_http_is_refused_except_on_this_machine():
    with pytest.raises(SyncError, match="not encrypted"):
        check_url("http://dav.example.com/")
    assert check_url("http://127.0.0.1:5232") == "http://127.0.0.1:5232/"
    assert check_url("http://localhost/dav/") == "http://localhost/dav/"
    assert check_url("dav.example.com").startswith("https://")
    client = DavClient("https://dav.example.com/")
    assert client.http._transport._pool._ssl_context.verify_mode.name == "CERT_REQUIRED"
    client.close()
