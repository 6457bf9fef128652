"""The header block of a message, as capture reads it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from gratitude_desktop.io.capture.headers import decode_words, parse_block
from gratitude_desktop.journal.capture import address_key


def test_gmail_addresses_are_one_key_without_dots_tags_or_googlemail():
    assert address_key("Jane.Doe+news@GoogleMail.com") == "janedoe@gmail.com"
    assert address_key("janedoe@gmail.com") == "janedoe@gmail.com"


def test_other_domains_keep_dots_and_tags_but_not_case():
    assert address_key("Jane.Doe+x@Example.ORG") == "jane.doe+x@example.org"


def test_encoded_words_in_several_charsets_are_decoded():
    assert decode_words("=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?=") == "Jürgen Müller"
    assert decode_words("=?iso-8859-1?q?Fran=E7ois?=") == "François"
    assert decode_words("=?koi8-r?b?8NLJ18XU?=") == "Привет"
    assert decode_words("=?shift_jis?b?g26DjYFb?=") == "ハロー"
    assert decode_words("Re: =?utf-8?b?0KHQv9Cw0YHQuNCx0L4=?= again") == "Re: Спасибо again"


def test_unknown_charset_keeps_the_text():
    assert decode_words("=?x-nonsense?q?abc?= def") == "abc def"


def test_eight_bit_headers_are_read_as_utf8_else_cp1252():
    utf8 = "From: Zoë <zoe@x.org>\nSubject: Café\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n"
    latin = utf8.replace("Zoë", "Zoé")
    a = parse_block(utf8.encode("utf-8"))
    b = parse_block(latin.encode("cp1252"))
    assert (a.sender[0].name, a.subject) == ("Zoë", "Café")
    assert (b.sender[0].name, b.subject) == ("Zoé", "Café")


def test_folded_crlf_headers_and_address_lists():
    block = (
        b'From: Ada <ada@example.com>\r\nTo: a@b.org,\r\n "Bob, B." <bob@x.org>\r\n'
        b"Cc: =?utf-8?q?Cl=C3=A9o?= <cleo@x.org>\r\nSubject: Long\r\n  subject\r\n"
        b"Date: Tue, 01 Dec 2026 10:00:00 +0100\r\nMessage-ID: <m1@x>\r\n"
    )
    h = parse_block(block)
    assert [a.address for a in h.recipients] == ["a@b.org", "bob@x.org", "cleo@x.org"]
    assert h.recipients[2].name == "Cléo"
    assert h.subject == "Long subject"
    assert h.key == "<m1@x>"
    assert h.at == dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def test_bulk_and_automated_mail_is_marked():
    base = "From: x@shop.com\nTo: me@x.org\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n"
    assert parse_block((base + "List-Id: <l.x>\n").encode()).bulk
    for p in ("bulk", "list", "junk", "Bulk"):
        assert parse_block((base + f"Precedence: {p}\n").encode()).bulk
    assert parse_block((base + "Auto-Submitted: auto-replied\n").encode()).bulk
    assert not parse_block((base + "Auto-Submitted: no\n").encode()).bulk
    assert parse_block(base.replace("x@shop", "no-reply@shop").encode()).bulk
    assert parse_block(base.replace("x@shop", "noreply+id@shop").encode()).bulk
    assert not parse_block(base.encode()).bulk


def test_without_message_id_the_key_is_a_digest_of_the_block():
    a = parse_block(b"From: a@x.org\nSubject: one\n")
    b = parse_block(b"From: a@x.org\nSubject: two\n")
    assert a.key.startswith("sha1:") and a.key != b.key


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_give_an_answer(block):
    h = parse_block(block)
    assert isinstance(h.subject, str)
    assert h.at is None or isinstance(h.at, dt.datetime)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "Ada", "Ada King", "=?utf-8?q?J=C3=BCrgen?=", "O'Brien"]),
            st.sampled_from(["ada@x.org", "a.b+c@gmail.com", "x_y@sub.example.co.uk"]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_the_quick_address_split_reads_what_the_standard_parser_reads(pairs):
    from email.utils import getaddresses

    from gratitude_desktop.io.capture.headers import _addresses

    value = ", ".join(f"{n} <{a}>" if n else a for n, a in pairs)
    expected = [(decode_words(n), a) for n, a in getaddresses([value])]
    assert [(x.name, x.address) for x in _addresses(value)] == expected
