"""What the terminal sends, cut down to what the guide can handle: no flood outruns it.

Textual reads the terminal as fast as bytes come and queues an event for every key (about 3 KB
each, kept until the app has handled it): 1 MB of one key held down, or pasted outside a
bracketed paste, took the guide's memory to 2.8 GB, and `q` waited behind every key. A bracketed
paste that never ends (``ESC[200~`` and no ``ESC[201~``) kept every byte and took no key at all.

`InputGuard` stands between the bytes and Textual's parser, in the input thread:

- bytes are decoded leniently (a byte that is not UTF-8 becomes U+FFFD, never an exception);
- a paste keeps its first `PASTE_KEPT` characters and drops the rest; it ends at its end marker,
  at Ctrl+Q or Ctrl+C, after `PASTE_IDLE` seconds with no input (a paste that never ends), or,
  once it is longer than any paste the guide takes, at a quit key (`q`): leaving is never harm;
- keys (and mouse reports) pass only while fewer than `BACKLOG` wait for the app (the caller
  says how much room there is), and in its last `DISTINCT_ROOM` only a key that differs from the
  one before (a held key fills the rest; the next key pressed still gets through); past that
  they are dropped, except a quit key, let through at most once every `QUIT_EVERY` seconds, so
  `q` and Ctrl+Q act however much was typed;
- Escape and a key read together (``ESC q``) are Escape and then the key, not Alt and the key as
  curses reads them: over a slow link two keys typed apart arrive in one read, and the guide has
  no Alt key, so both were lost. Escape is passed in the form no parser joins to what follows.

Dropping is done on the text, before Textual's parser (about 17 microseconds a character), so a
flood costs a scan, not a parse. Pure logic: no Textual here.
"""

from __future__ import annotations

import codecs
import re
import time
from collections.abc import Callable

__all__ = ["BACKLOG", "DISTINCT_ROOM", "ESCAPE_KEY", "PASTE_END", "PASTE_IDLE", "PASTE_KEPT", "PASTE_START",
           "QUIT_EVERY", "InputGuard"]

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
PASTE_KEPT = 4096
"""Characters of one paste kept: the only text box is the search, and the summary's answers take 500."""
PASTE_IDLE = 0.5
"""Seconds without input after which an open paste has ended (a terminal sends a paste at once)."""
BACKLOG = 64
"""Input events that may wait for the app; the app handles a key in a few milliseconds, so `q`
behind a full backlog acts well within a second."""
DISTINCT_ROOM = 32
"""The last part of the backlog, kept for keys that differ from the one before: a held key (or a
flood of one) fills only the rest, and a key pressed after it still gets through."""
QUIT_EVERY = 0.2
"""Seconds between quit keys let through while the backlog is full."""
QUIT_KEYS = "q\x11\x03"
"""q, Ctrl+Q and Ctrl+C (which says how to quit) as the terminal sends them."""

_ENDS_PASTE = re.compile("[\x11\x03]")
"""Ctrl+Q and Ctrl+C end an open paste: nobody pastes them, and a reader stuck in one can leave."""
_TOKEN = re.compile(r"[^\x1b]+|\x1b\[[0-?]*[ -/]*[@-~]|\x1bO.|\x1b[^\[O]", re.DOTALL)
"""A run of plain characters, a whole CSI or SS3 sequence, or Alt and a key."""
ESCAPE_KEY = "\x1b[27u"
"""The Escape key in the kitty keyboard protocol's form (CSI 27 u): Textual reads it as Escape at
once, whatever comes after it."""
_ALT_KEPT = frozenset("\x7f\x08")
"""Keys after an ESC left as Alt and the key: Alt+Backspace deletes a word in the search field."""
_KEY_FINALS = frozenset("ABCDEFHPQSZ~Mmu")
"""The last character of a CSI sequence that is a key or a mouse report (dropped in a flood). The
rest (focus, a cursor or mode report, a size) always goes through: the app asked for it."""
_SAME_KEY = re.compile(r"(.)\1*", re.DOTALL)
"""A run of one character."""
_KITTY_QUIT = re.compile(r"\x1b\[(?:113|99);5u")
"""Ctrl+Q and Ctrl+C in the kitty keyboard protocol."""
_OPEN_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*|O)?\Z")
"""An escape sequence cut off at the end of a read: its rest starts the next one."""
_REST_OF_ESCAPE = {
    "csi": re.compile(r"[0-?]*[ -/]*[@-~]?"),
    "esc": re.compile(r"(?:\[[0-?]*[ -/]*[@-~]?|O[^\x1b]?|[^\[O\x1b])?", re.DOTALL),
    "ss3": re.compile(r"[^\x1b]?", re.DOTALL),
}
"""What may finish an escape sequence the last read cut off. Never an ESC: that starts a key of its
own (a lone Esc, then Esc and 5 in a later read, was read as the first Esc's Alt+5)."""


class InputGuard:
    """Decodes the terminal's bytes and drops what would pile up; `feed` returns what to parse."""

    def __init__(self, quit_keys: str = QUIT_KEYS, clock: Callable[[], float] = time.monotonic) -> None:
        self.quit_keys = quit_keys
        """Single characters that quit (or say how): kept in a flood."""
        self.clock = clock
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.decode = self.decoder.decode
        self.in_paste = False
        """Inside a bracketed paste."""
        self.paste_passed = False
        """The open paste goes to the parser (it began while there was room)."""
        self.kept = 0
        """Characters of the open paste kept so far."""
        self.paste_length = 0
        """Characters of the open paste read so far, kept or not."""
        self.ends_long_paste = re.compile("[" + re.escape(quit_keys + "\x11\x03") + "]")
        """What ends a paste longer than `PASTE_KEPT`: a quit key too."""
        self.carry = ""
        """The end of the last read, when it may be the start of a paste marker."""
        self.open_escape: str | None = None
        """The kind of escape sequence the last read cut off ("esc", "csi", "ss3"), if any."""
        self.last_input = clock()
        self.last_quit = float("-inf")
        self.dropped = 0
        """Characters dropped so far (for tests and the benchmark)."""

    # The two calls ------------------------------------------------------------------------------

    def feed(self, data: bytes, room: int) -> str:
        """Take bytes read from the terminal; return the text for Textual's parser.

        `room` is how many more input events the app may be sent now.
        """
        self.last_input = self.clock()
        text = self.carry + self.decode(data)
        self.carry = ""
        self.room = room
        out: list[str] = []
        position = 0
        while position < len(text):
            position = self.paste_part(text, position, out) if self.in_paste else self.keys_part(text, position, out)
        return "".join(out)

    def idle(self) -> str:
        """Nothing was read for a while: end a paste that has gone quiet, let go of a held tail,
        and say a character cut short (a Latin-1 "é" last, 0xe9, waits for bytes that never come)."""
        out: list[str] = []
        if self.decoder.getstate()[0]:
            cut_short = self.decode(b"", final=True)  # U+FFFD
            if self.in_paste:
                self.paste_content(cut_short, out)
            elif not self.carry:
                self.room = max(self.room, 1)
                self.keys(cut_short, out)
        if self.in_paste and self.clock() - self.last_input >= PASTE_IDLE:
            if self.carry:
                self.paste_content(self.carry, out)
                self.carry = ""
            self.end_paste(out)
        elif self.carry and not self.in_paste and self.clock() - self.last_input >= PASTE_IDLE / 5:
            carry, self.carry = self.carry, ""
            self.room = max(self.room, 1)
            self.keys(carry, out)
        return "".join(out)

    # Pastes -------------------------------------------------------------------------------------

    def keys_part(self, text: str, position: int, out: list[str]) -> int:
        """Keys up to the next paste marker (or a possible start of one at the end)."""
        if self.open_escape == "esc" and PASTE_START[1:].startswith(text[position:]):
            self.carry = text[position:]  # perhaps the rest of a paste marker: wait for more
            return len(text)
        if self.open_escape == "esc" and text.startswith(PASTE_START[1:], position):
            # The marker's ESC ended the last read and went to the parser: the paste is passed.
            self.open_escape = None
            out.append(PASTE_START[1:])
            self.in_paste, self.paste_passed, self.kept, self.paste_length = True, True, 0, 0
            return position + len(PASTE_START) - 1
        start = text.find(PASTE_START, position)
        if start < 0:
            held = marker_prefix(text, PASTE_START)
            end = len(text) - (held if held >= 2 else 0)  # a lone ESC is the Escape key: never held
            self.keys(text[position:end], out)
            self.carry = text[end:]
            return len(text)
        self.keys(text[position:start], out)
        self.in_paste = True
        self.kept = self.paste_length = 0
        self.paste_passed = self.room > 0
        if self.paste_passed:
            self.room -= 1
            out.append(PASTE_START)
        return start + len(PASTE_START)

    def paste_part(self, text: str, position: int, out: list[str]) -> int:
        """Paste content up to its end marker, a Ctrl+Q or Ctrl+C, or the end of this read."""
        end = text.find(PASTE_END, position)
        limit = len(text) if end < 0 else end
        stop = _ENDS_PASTE.search(text, position, limit)
        past_cap = position + max(0, PASTE_KEPT - self.paste_length)  # where the paste grows too long
        if past_cap < limit:
            late = self.ends_long_paste.search(text, past_cap, limit)
            if late is not None and (stop is None or late.start() < stop.start()):
                stop = late
        if stop is not None:
            self.paste_length += stop.start() - position
        else:
            self.paste_length += limit - position
        if stop is not None:
            self.paste_content(text[position:stop.start()], out)
            self.end_paste(out)
            return stop.start()  # the key itself is then read as a key
        if end < 0:
            cut = len(text) - marker_prefix(text, PASTE_END)
            self.paste_content(text[position:cut], out)
            self.carry = text[cut:]
            return len(text)
        self.paste_content(text[position:end], out)
        self.end_paste(out)
        return end + len(PASTE_END)

    def paste_content(self, text: str, out: list[str]) -> None:
        keep = max(0, PASTE_KEPT - self.kept)
        kept = text[:keep].replace("\x1b", "") if self.paste_passed else ""
        self.kept += len(kept)
        self.dropped += len(text) - len(kept)
        if kept:
            out.append(kept)

    def end_paste(self, out: list[str]) -> None:
        if self.paste_passed:
            out.append(PASTE_END)
        self.in_paste = self.paste_passed = False

    # Keys ---------------------------------------------------------------------------------------

    def keys(self, text: str, out: list[str]) -> None:
        """Pass keys while there is room; past that only quit keys, now and then."""
        if not text:
            return
        if self.open_escape is not None:
            rest = _REST_OF_ESCAPE[self.open_escape].match(text)
            length = rest.end() if rest else 0
            out.append(text[:length])  # the parser holds the sequence's start: give it the rest
            text = text[length:]
            self.open_escape = None
        cut = _last_token_end(text)
        for match in _TOKEN.finditer(text, 0, cut):
            token = match.group()
            if token[0] != "\x1b":
                self.plain_keys(token, out)
            elif token.startswith("\x1b[") and token[-1] not in _KEY_FINALS:
                out.append(token)  # a report the app asked for
            elif self.may_pass(token) or (_KITTY_QUIT.fullmatch(token) and self.quit_due()):
                out.append(escape_then_key(token))
            else:
                self.dropped += len(token)
        tail = text[cut:]
        if tail:
            # An escape sequence cut off by the read: the parser gets its start now, its rest next.
            out.append(tail)
            found = _OPEN_ESCAPE.search(tail)
            self.open_escape = None if found is None else (
                "csi" if tail.startswith("\x1b[") else "ss3" if tail.startswith("\x1bO") else "esc")

    def plain_keys(self, run: str, out: list[str]) -> None:
        """A run of plain characters: all while there is room, then one of each new key."""
        free = max(self.room - DISTINCT_ROOM, 0)
        taken = run[:free]
        if taken:
            self.room -= len(taken)
            self.last = taken[-1]
            out.append(taken)
        for same in _SAME_KEY.finditer(run, len(taken)):
            key = same.group()[0]
            if self.may_pass(key):
                out.append(key)
                self.dropped += len(same.group()) - 1
            else:
                self.dropped += len(same.group())
                self.let_quit_through(key, out)

    def may_pass(self, key: str) -> bool:
        """Whether one key may go on now: any while there is room, then only one that differs
        from the key before (a held key piles up; the next key pressed does not wait behind it)."""
        if self.room <= 0 or (self.room <= DISTINCT_ROOM and key == self.last):
            return False
        self.room -= 1
        self.last = key
        return True

    last = ""
    """The last key passed on: while the backlog fills, the same key again is dropped."""

    def let_quit_through(self, dropped: str, out: list[str]) -> None:
        for key in self.quit_keys:
            if key in dropped and self.quit_due():
                out.append(key)
                return

    def quit_due(self) -> bool:
        now = self.clock()
        if now - self.last_quit < QUIT_EVERY:
            return False
        self.last_quit = now
        return True

    room = 0
    """Input events that may still be passed on during this `feed`."""


def escape_then_key(token: str) -> str:
    """A token as the parser should get it: ``ESC`` and one key become Escape and then that key."""
    if len(token) == 2 and token[1] not in _ALT_KEPT and token[1] != "\x1b":
        return ESCAPE_KEY + token[1]
    return token


def marker_prefix(text: str, marker: str) -> int:
    """How many characters at the end of `text` are a proper start of `marker` (0 if none)."""
    for length in range(min(len(marker) - 1, len(text)), 0, -1):
        if text.endswith(marker[:length]):
            return length
    return 0


def _last_token_end(text: str) -> int:
    """Where the last whole token of `text` ends: after it is an escape sequence cut off."""
    found = _OPEN_ESCAPE.search(text)
    return len(text) if found is None else found.start()
