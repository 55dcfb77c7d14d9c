"""The input guard (tui/input_guard.py) on its own: any bytes decode, floods are cut to the room
the app has, pastes are capped and end, and quit keys always get through. Seeded; no terminal."""

from __future__ import annotations

import random

from tui.input_guard import (
    BACKLOG,
    DISTINCT_ROOM,
    ESCAPE_KEY,
    PASTE_END,
    PASTE_IDLE,
    PASTE_KEPT,
    PASTE_START,
    QUIT_EVERY,
    InputGuard,
)


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_every_byte_decodes_whole_or_as_a_replacement_character() -> None:
    rng = random.Random(18)
    guard = InputGuard()
    for _ in range(200):
        data = bytes(rng.randrange(0x80, 0x100) for _ in range(rng.randrange(1, 40)))
        text = guard.feed(data, 10_000)
        assert "\ufffd" in text or all(ord(c) >= 0x80 for c in text)
    # A Latin-1 "café" and the byte 0xff: the letters stay, the bad bytes become U+FFFD.
    assert InputGuard().feed("café".encode("latin-1") + b"\xff", 100) == "caf\ufffd\ufffd"
    # A UTF-8 character split between two reads is still one character.
    guard = InputGuard()
    assert guard.feed("é".encode()[:1], 100) + guard.feed("é".encode()[1:], 100) == "é"


def test_a_flood_of_keys_passes_only_as_many_as_there_is_room_for() -> None:
    held = BACKLOG - DISTINCT_ROOM
    guard = InputGuard()
    assert guard.feed(b"j" * 100_000, BACKLOG) == "j" * held
    assert guard.dropped == 100_000 - held
    assert guard.feed(b"j" * 1000, 0) == ""
    # Arrows are counted as one key each and dropped whole, never cut into "[" and "A".
    assert InputGuard().feed(b"\x1b[A" * 1000, BACKLOG) == "\x1b[A" * held
    assert InputGuard().feed(b"\x1b[A" * 1000, 3) == "\x1b[A"


def test_a_key_pressed_after_a_held_key_still_gets_through() -> None:
    guard = InputGuard()
    held = BACKLOG - DISTINCT_ROOM
    assert guard.feed(b"j" * 5000 + b"/" + b"k" * 10 + b"cramp", BACKLOG) == "j" * held + "/kcramp"
    # ... but a flood of ever-changing keys is still cut at the backlog.
    rng = random.Random(5)
    text = InputGuard().feed(bytes(rng.choice(b"abcdefghij") for _ in range(10_000)), BACKLOG)
    assert BACKLOG - 1 <= len(text) <= BACKLOG


def test_a_quit_key_gets_through_a_full_backlog_now_and_then() -> None:
    clock = Clock()
    guard = InputGuard(clock=clock)
    assert guard.feed(b"j" * 5000 + b"q" + b"j" * 5000, 0) == "q"
    assert guard.feed(b"q" * 5000, 0) == ""  # not a second time at once: a flood of q is one q
    clock.now += QUIT_EVERY
    assert guard.feed(b"x" * 100 + b"\x11" + b"x" * 100, 0) == "\x11"  # Ctrl+Q
    clock.now += QUIT_EVERY
    assert guard.feed(b"\x1b[A" * 50 + b"\x1b[113;5u", 0) == "\x1b[113;5u"  # kitty's Ctrl+Q


def test_reports_the_app_asked_for_are_never_dropped() -> None:
    guard = InputGuard()
    reports = b"\x1b[?2026;2$y\x1b[I\x1b[48;24;80;480;640t"
    assert guard.feed(b"j" * 100 + reports, 0) == reports.decode()


def test_a_paste_keeps_its_first_part_and_ends_at_its_marker() -> None:
    guard = InputGuard()
    text = guard.feed(PASTE_START.encode() + b"a" * 1_000_000 + PASTE_END.encode() + b"q", BACKLOG)
    assert text == PASTE_START + "a" * PASTE_KEPT + PASTE_END + "q"
    assert not guard.in_paste


def test_a_paste_that_never_ends_is_ended_by_quiet_or_by_ctrl_q() -> None:
    clock = Clock()
    guard = InputGuard(clock=clock)
    assert guard.feed(PASTE_START.encode() + b"spasm " * 10_000, BACKLOG).startswith(PASTE_START)
    for _ in range(100):
        assert guard.feed(b"spasm " * 10_000, BACKLOG) == ""  # 6 MB more: nothing kept
    clock.now += PASTE_IDLE / 2
    assert guard.idle() == "" and guard.in_paste
    clock.now += PASTE_IDLE
    assert guard.idle() == PASTE_END and not guard.in_paste
    assert guard.feed(b"q", BACKLOG) == "q"  # the next key is a key
    # Ctrl+Q inside an endless paste ends it, and is itself read as a key.
    guard = InputGuard(clock=clock)
    text = guard.feed(PASTE_START.encode() + b"x" * 10 + b"\x11", BACKLOG)
    assert text == PASTE_START + "x" * 10 + PASTE_END + "\x11"


def test_escape_sequences_inside_a_paste_are_not_passed_as_keys() -> None:
    guard = InputGuard()
    text = guard.feed(PASTE_START.encode() + b"a\x1b[Ab\x1bq" + PASTE_END.encode(), BACKLOG)
    assert text == PASTE_START + "a[Abq" + PASTE_END


def test_reads_split_anywhere_give_what_one_read_gives() -> None:
    rng = random.Random(1818)
    stream = (b"ab\x1b[A" + PASTE_START.encode() + "pâte\x1b".encode() + PASTE_END.encode()
              + b"\x1b[1;5C" + "é".encode() + b"\x1bOP" + b"z")
    whole = InputGuard().feed(stream, 1000)
    for _ in range(300):
        cuts = sorted(rng.sample(range(1, len(stream)), rng.randrange(1, 6)))
        guard = InputGuard()
        pieces = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)], strict=True)]
        assert "".join(guard.feed(piece, 1000) for piece in pieces) + guard.idle() == whole, pieces


def test_past_its_cap_a_paste_is_ended_by_q_which_then_quits() -> None:
    guard = InputGuard()
    short = guard.feed(PASTE_START.encode() + b"quality" + PASTE_END.encode(), BACKLOG)
    assert short == PASTE_START + "quality" + PASTE_END  # a short paste keeps its q
    guard = InputGuard()
    text = guard.feed(PASTE_START.encode() + b"spasm " * 10_000 + b"q", BACKLOG)
    assert text == PASTE_START + ("spasm " * 10_000)[:PASTE_KEPT] + PASTE_END + "q"
    assert not guard.in_paste


def test_a_character_cut_short_is_said_once_the_input_goes_quiet() -> None:
    clock = Clock()
    guard = InputGuard(clock=clock)
    assert guard.feed(b"caf\xe9", BACKLOG) == "caf"  # 0xe9 may start a UTF-8 character: wait
    assert guard.idle() == "\ufffd"  # nothing came to finish it
    assert guard.feed(b"x", BACKLOG) == "x"


def test_escape_and_a_key_in_one_read_are_escape_then_the_key() -> None:
    # Over a slow link Esc and the next key arrive together; curses would read Alt and the key.
    assert InputGuard().feed(b"\x1bq", BACKLOG) == ESCAPE_KEY + "q"
    assert InputGuard().feed(b"a\x1b \x1b\r\x1b?", BACKLOG) == "".join(("a", ESCAPE_KEY, " ", ESCAPE_KEY, "\r",
                                                                        ESCAPE_KEY, "?"))
    # Alt+Backspace (a word deleted in the search field), a doubled Esc and whole sequences stay.
    assert InputGuard().feed(b"\x1b\x7f\x1b\x1b\x1b[B\x1bOP", BACKLOG) == "\x1b\x7f\x1b\x1b\x1b[B\x1bOP"
    # Inside a paste an ESC is dropped, never made a key.
    pasted = InputGuard().feed(PASTE_START.encode() + b"\x1bq" + PASTE_END.encode(), BACKLOG)
    assert pasted == PASTE_START + "q" + PASTE_END


def test_an_esc_after_a_lone_esc_starts_a_key_of_its_own() -> None:
    # A lone Esc (back), then Esc and 5 in a later read: the second Esc is not the rest of the first.
    guard = InputGuard()
    assert guard.feed(b"\x1b", BACKLOG) == "\x1b"
    assert guard.feed(b"\x1b5", BACKLOG) == ESCAPE_KEY + "5"
    guard = InputGuard()
    assert guard.feed(b"\x1bO", BACKLOG) + guard.feed(b"\x1bq", BACKLOG) == "\x1bO" + ESCAPE_KEY + "q"
    # The rest of a sequence cut off by a read still finishes it.
    guard = InputGuard()
    assert guard.feed(b"\x1b", BACKLOG) + guard.feed(b"[B", BACKLOG) == "\x1b[B"
