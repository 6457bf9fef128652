"""Text from files and the journal made safe for a terminal: control characters escaped.

A name or a refusal quoting a row may hold ESC, BEL or a line break: printed as they
are, they retitle the terminal, clear it, or split one message over several lines.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what follows.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """`text` on one line with every control character written out: ESC -> \\x1b, LF -> \\n."""
    return _CONTROL.sub(_escape, text)
