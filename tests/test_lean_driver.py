"""The lean driver: what it sends must leave the terminal's screen exactly as Textual's own output does.

The main check feeds real frames (the guide's own writes, captured on a pty) into two pyte terminal
emulators, one as written and one through `lean`, and compares every cell after every frame.
pyte erases with the cursor's full attributes (character " ", fg, bg, bold, reverse, ...), which is
more than BCE; so each comparison runs twice: with stock pyte (every attribute of every cell must
match), and with a screen whose erase keeps only the background, as xterm's BCE does (a blank must
match in background, reverse, underline and strike-through, any other cell in everything).
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pyte = pytest.importorskip("pyte")

from tui.lean_driver import EL, LeanDriver, lean, use_lean_driver  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from ptydrive import Session, spawn  # noqa: E402  (bench/ is not a package)

GUIDE = Path(sys.executable).parent / "spasm-guide"
SIZE = (80, 24)


class BceScreen(pyte.Screen):  # type: ignore[misc]
    """A screen whose EL and ECH fill with the current background only (xterm's BCE)."""

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        super().erase_in_line(how, private)
        line = self.buffer[self.cursor.y]
        columns = {0: range(self.cursor.x, self.columns), 1: range(self.cursor.x + 1),
                   2: range(self.columns)}[how]
        for x in columns:
            line[x] = self.default_char._replace(bg=self.cursor.attrs.bg)

    def erase_characters(self, count: int | None = None) -> None:
        super().erase_characters(count)
        line = self.buffer[self.cursor.y]
        for x in range(self.cursor.x, min(self.cursor.x + (count or 1), self.columns)):
            line[x] = self.default_char._replace(bg=self.cursor.attrs.bg)


ALL = ("data", "fg", "bg", "bold", "italics", "underscore", "strikethrough", "reverse")
SEEN_ON_BLANK = ("data", "bg", "underscore", "strikethrough", "reverse")


class Pair:
    """The same output into two emulators: as written, and through `lean`."""

    def __init__(self, screen_class: type = pyte.Screen, size: tuple[int, int] = SIZE) -> None:
        self.raw, self.lean = screen_class(*size), screen_class(*size)
        self.raw_stream, self.lean_stream = pyte.Stream(self.raw), pyte.Stream(self.lean)
        self.size = size
        self.bce_only = screen_class is BceScreen

    def feed(self, frame: str, onlcr: bool = False) -> str:
        """Feed `frame` and lean(frame); with `onlcr`, LF reaches the screens as CR LF, as through a pty."""
        leaned = lean(frame, self.size)
        self.raw_stream.feed(frame.replace("\n", "\r\n") if onlcr else frame)
        self.lean_stream.feed(leaned.replace("\n", "\r\n") if onlcr else leaned)
        return leaned

    def differences(self) -> list[str]:
        found = []
        for y in range(self.raw.lines):
            for x in range(self.raw.columns):
                a, b = self.raw.buffer[y][x], self.lean.buffer[y][x]
                fields = SEEN_ON_BLANK if self.bce_only and a.data == " " else ALL
                for name in fields:
                    if getattr(a, name) != getattr(b, name):
                        found.append(f"({x},{y}) {name}: {getattr(a, name)!r} != {getattr(b, name)!r}")
        if (self.raw.cursor.x, self.raw.cursor.y) != (self.lean.cursor.x, self.lean.cursor.y):
            found.append(f"cursor {self.raw.cursor.x, self.raw.cursor.y} != {self.lean.cursor.x, self.lean.cursor.y}")
        return found


# --- real frames ------------------------------------------------------------------------------

RECORDER = textwrap.dedent("""
    import json, os
    from textual.drivers import linux_driver

    _write = linux_driver.LinuxDriver.write
    _log = open(os.environ["LEAN_TEST_RECORD"], "a", encoding="utf-8")

    def write(self, data):
        _log.write(json.dumps(data) + "\\n")
        _log.flush()
        _write(self, data)

    linux_driver.LinuxDriver.write = write
""")

STEPS: list[tuple[str, bytes, bytes]] = [
    ("start", b"", b"Read the guide"),
    ("contents", b"\r", b"Contents"),
    ("section", b"1", b"Section one"),
    ("next section", b"n", b""),
    ("checklist", b"k", b"symptoms"),
    ("toggle", b" ", b"(selected)"),
]


@pytest.fixture(scope="module")
def captured(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, list[str], bytes]]:
    """(step, the guide's write() payloads, the bytes the pty got) per step, TERM=xterm-256color."""
    folder = tmp_path_factory.mktemp("lean-capture")
    (folder / "sitecustomize.py").write_text(RECORDER, encoding="utf-8")
    record = folder / "writes.jsonl"
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES")}
    home = folder / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        (home / name).mkdir(parents=True)
        env[name] = str(home / name)
    # Textual's own frames (the app would otherwise use the lean driver itself on this TERM).
    env.update(TERM="xterm-256color", TEXTUAL_ANIMATIONS="none", LEAN_TEST_RECORD=str(record),
               SPASM_GUIDE_PLAIN_DRIVER="1",
               PYTHONPATH=os.pathsep.join([str(folder), str(ROOT)]))
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        session: Session = spawn([str(GUIDE)], env, SIZE)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    steps = []
    done = 0
    try:
        for name, keys, marker in STEPS:
            before = len(session.log)
            if keys:
                session.send(keys)
            if marker:
                session.read_until(marker, 30)
            session.settle(0.4, 10)
            lines = record.read_text(encoding="utf-8").splitlines()
            writes = [json.loads(line) for line in lines[done:]]
            done = len(lines)
            steps.append((name, writes, b"".join(data for _, data in session.log[before:])))
    finally:
        session.send(b"q")
        session.settle(0.2, 3)
        os.waitpid(session.pid, 0)
        os.close(session.fd)
    return steps


def test_captured_writes_are_what_the_terminal_got(captured: list[tuple[str, list[str], bytes]]) -> None:
    """The recorded write() payloads are exactly the bytes on the pty (so they are the real frames),
    but for the pty's own LF -> CR LF (ONLCR)."""
    writes = "".join(w for _, step, _ in captured for w in step).replace("\n", "\r\n").encode()
    pty_bytes = b"".join(raw for _, _, raw in captured)
    assert writes == pty_bytes
    assert all(step for _, step, _ in captured[1:]), "every step repainted something"


@pytest.mark.parametrize("screen_class", [pyte.Screen, BceScreen], ids=["pyte", "bce-only-erase"])
def test_real_frames_give_the_same_screen(captured: list[tuple[str, list[str], bytes]],
                                          screen_class: type) -> None:
    pair = Pair(screen_class)
    before = after = 0
    erased = 0
    for name, writes, _ in captured:
        for number, frame in enumerate(writes):
            leaned = pair.feed(frame, onlcr=True)
            before, after = before + len(frame.encode()), after + len(leaned.encode())
            erased += leaned.count(EL) + len(re.findall(r"\x1b\[\d+X", leaned))
            assert not pair.differences(), f"{name}, write {number}: {pair.differences()[:5]}"
    shown = "\n".join(pair.raw.display)
    assert "(selected)" in shown
    assert erased > 0 and after < before * 0.7, (before, after)


def test_real_frames_shrink(captured: list[tuple[str, list[str], bytes]]) -> None:
    sizes = {name: (len("".join(w).encode()), len("".join(lean(f, SIZE) for f in w).encode()))
             for name, w, _ in captured}
    for name in ("next section", "toggle"):
        before, after = sizes[name]
        assert after < before, (name, sizes)


# --- lean() edge cases ------------------------------------------------------------------------

def same_screen(frame: str, size: tuple[int, int] = (20, 4), then: str = "") -> str:
    """lean(frame); asserts both emulators agree after it (and after `then`, fed unchanged)."""
    leaned = ""
    for screen_class in (pyte.Screen, BceScreen):
        pair = Pair(screen_class, size)
        leaned = pair.feed(frame)
        assert not pair.differences(), pair.differences()[:5]
        if then:
            pair.raw_stream.feed(then)
            pair.lean_stream.feed(then)
            assert not pair.differences(), pair.differences()[:5]
    return leaned


def test_reset_then_same_style_is_dropped() -> None:
    frame = "\x1b[0m\x1b[1;1H\x1b[31mab\x1b[0m\x1b[31mcd\x1b[0m"
    assert same_screen(frame) == "\x1b[1;1H\x1b[0;31mabcd\x1b[0m"


def test_reset_then_other_style_still_resets() -> None:
    """Bold must end even though the new style does not mention it."""
    frame = "\x1b[0m\x1b[1;1H\x1b[1;31mab\x1b[0m\x1b[32mcd\x1b[0m"
    leaned = same_screen(frame)
    assert leaned == "\x1b[1;1H\x1b[0;1;31mab\x1b[0;32mcd\x1b[0m"
    screen = pyte.Screen(20, 4)
    pyte.Stream(screen).feed(leaned)
    assert screen.buffer[0][2].bold is False and screen.buffer[0][0].bold is True


def test_reset_kept_when_the_style_before_is_unknown() -> None:
    """Without a reset first, the terminal's style is unknown: nothing may be dropped."""
    frame = "\x1b[1;1H\x1b[31mab\x1b[0m\x1b[31mcd"
    leaned = same_screen(frame, then="\x1b[1;1H")
    assert leaned == "\x1b[1;1H\x1b[31mab\x1b[0;31mcd"
    same_screen(frame, then="x")


def test_trailing_blanks_to_the_edge_become_el() -> None:
    frame = "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 18 + "\x1b[0m\n\x1b[2;1H\x1b[44mcd" + " " * 18 + "\x1b[0m"
    leaned = same_screen(frame)
    assert leaned.count(EL) == 1  # the last line is left as it is: nothing moves the cursor after it
    assert leaned.startswith("\x1b[1;1H\x1b[0;44mab\x1b[K\n\x1b[2;1Hcd")


@pytest.mark.parametrize("frame", [
    # reverse, underline, strike-through and overline show on blanks; EL would not
    "\x1b[0m\x1b[1;1H\x1b[7mab" + " " * 18 + "\x1b[2;1H",
    "\x1b[0m\x1b[1;1H\x1b[4mab" + " " * 18 + "\x1b[2;1H",
    "\x1b[0m\x1b[1;1H\x1b[9mab" + " " * 18 + "\x1b[2;1H",
    "\x1b[0m\x1b[1;1H\x1b[53mab" + " " * 18 + "\x1b[2;1H",
    # blanks that would pass the right edge (and wrap)
    "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 25 + "\x1b[3;1H",
    # blanks followed by text in another style on the same line
    "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 10 + "\x1b[0m\x1b[41mcdefghij\x1b[2;1H",
    # blanks at the very end (the cursor would be left elsewhere)
    "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 18,
    # a line feed not followed by an absolute move
    "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 18 + "\nx",
    # the column is unknown: no absolute move, or a wide character, or an unknown sequence before
    "\x1b[0m\x1b[44mab" + " " * 18 + "\x1b[2;1H",
    "\x1b[0m\x1b[1;1H\x1b[44m宽" + " " * 18 + "\x1b[2;1H",
    "\x1b[0m\x1b[1;1H\x1b[44mab\x1b[3C" + " " * 15 + "\x1b[2;1H",
    # style unknown (no reset in this write)
    "\x1b[1;1H\x1b[44mab" + " " * 18 + "\x1b[2;1H",
    # inside a hyperlink
    "\x1b[0m\x1b[1;1H\x1b]8;;https://example.org\x1b\\\x1b[44mab" + " " * 18 + "\x1b[2;1H\x1b]8;;\x1b\\",
])
def test_blanks_that_must_stay_blanks(frame: str) -> None:
    leaned = same_screen(frame, then="zz")
    assert EL not in leaned and not re.search(r"\x1b\[\d+X", leaned)


def test_blanks_short_of_the_edge_become_ech() -> None:
    frame = "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 10 + "\x1b[0m\x1b[1;19H\x1b[44m \x1b[0m\x1b[1;20H\n\x1b[2;1H"
    leaned = same_screen(frame, then="zz")
    assert "ab\x1b[10X\x1b[1;19H" in leaned and EL not in leaned


def test_blanks_in_another_style_than_the_next_are_erased_in_their_own() -> None:
    """EL goes out before the next style, so it erases with the blanks' own background."""
    frame = "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 18 + "\x1b[0m\x1b[41m\x1b[2;1Hcd\x1b[0m"
    leaned = same_screen(frame)
    assert leaned.index(EL) < leaned.index("41m")


def test_no_size_no_el() -> None:
    frame = "\x1b[0m\x1b[1;1H\x1b[44mab" + " " * 18 + "\x1b[2;1H"
    assert EL not in lean(frame)
    assert EL in lean(frame, (20, 4))


@pytest.mark.parametrize("sequence", [
    "\x1b[?2026$p", "\x1b[?2026h", "\x1b[?2026l", "\x1b[?1049h", "\x1b[?1000;1006h", "\x1b[?25l",
    "\x1b]52;c;aGVsbG8=\x07", "\x1b]8;id=1;https://example.org\x1b\\", "\x1bP+q544e\x1b\\",
    "\x1b[>1u", "\x1b[c", "\x1b[6n", "\x1b[2J", "\x1b7", "\x1b8", "\x1bc", "\x1b[", "\x1b[38;5", "\x1b",
    "\x1b]0;title", "\x07", "\x1b[4:3m", "\x1b[21m", "\x1b[1m", "\x1b[0m", "plain text   ",
])
def test_other_sequences_pass_through(sequence: str) -> None:
    assert lean(sequence, SIZE) == sequence
    assert lean(sequence) == sequence


def test_other_sequences_keep_their_place() -> None:
    frame = ("\x1b[0m\x1b[1;1H\x1b[31mab\x1b[0m\x1b[?25l\x1b[31mcd\x1b[0m\x1b]0;t\x07"
             "\x1b7\x1b[31mef\x1b[0m\x1b8\x1b[31mgh\x1b[0m")
    leaned = same_screen(frame)
    for sequence in ("\x1b[?25l", "\x1b]0;t\x07", "\x1b7", "\x1b8"):
        assert sequence in leaned
    # after DECRC the style is unknown again: the reset before gh is still sent
    assert leaned.endswith("\x1b8\x1b[31mgh\x1b[0m")
    assert leaned.index("\x1b[?25l") < leaned.index("cd") < leaned.index("\x1b]0;t") < leaned.index("ef")


def test_frame_ending_mid_style() -> None:
    """A frame that ends with a style on leaves the terminal in that style."""
    for frame in ("\x1b[0m\x1b[1;1H\x1b[1;44mab   ", "\x1b[0m\x1b[1;1Hab\x1b[0m\x1b[1;44m",
                  "\x1b[0m\x1b[1;1H\x1b[44mab\x1b[0m\x1b[44m", "\x1b[0m\x1b[1;1H\x1b[44mab\x1b[0"):
        same_screen(frame, then="xy" + " " * 10 + "\x1b[K")


def test_random_frames_give_the_same_screen() -> None:
    """Frames built from Textual's kind of pieces, at random: the screens always agree."""
    rng = random.Random(20261127)
    styles = ["0", "", "1", "7", "4", "44", "1;44", "38;5;196;48;5;21", "38;2;1;2;3;48;2;4;5;6", "31;44", "22",
              "27", "24", "39", "49", "1;7", "2;3"]
    size = (12, 5)
    for _ in range(400):
        pieces = ["\x1b[0m"] if rng.random() < 0.8 else []
        for _ in range(rng.randint(1, 25)):
            roll = rng.random()
            if roll < 0.35:
                pieces.append(f"\x1b[{rng.choice(styles)}m")
            elif roll < 0.6:
                pieces.append(rng.choice(["a", "bc", " ", "  ", "     ", "x   ", "é", "─", "宽"]) * rng.randint(1, 3))
            elif roll < 0.8:
                pieces.append(f"\x1b[{rng.randint(1, 5)};{rng.randint(1, 12)}H")
            elif roll < 0.9:
                pieces.append(rng.choice(["\n", "\r", "\r\n"]))
            else:
                pieces.append(rng.choice(["\x1b[?25l", "\x1b[2C", "\x1b7", "\x1b8", "\x1b]8;;u\x1b\\",
                                          "\x1b]8;;\x1b\\", "\x1b[K"]))
        frame = "".join(pieces)
        for screen_class in (pyte.Screen, BceScreen):
            pair = Pair(screen_class, size)
            pair.feed("\x1b[2J\x1b[1;1H" + "#" * 60)
            pair.feed(frame)
            assert not pair.differences(), (frame, pair.differences()[:3])


def test_driver_writes_through_lean(monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[str] = []
    monkeypatch.setattr("textual.drivers.linux_driver.LinuxDriver.write", lambda self, data: written.append(data))
    driver = LeanDriver.__new__(LeanDriver)
    driver._file = None
    driver.write("\x1b[0m\x1b[1;1H\x1b[31mab\x1b[0m\x1b[31mcd\x1b[0m")
    assert written == ["\x1b[1;1H\x1b[0;31mabcd\x1b[0m"]


# --- use_lean_driver --------------------------------------------------------------------------

@pytest.mark.parametrize("env", [{}, {"TERM": ""}, {"TERM": "dumb"},
                                 {"TERM": "xterm-256color", "SPASM_GUIDE_PLAIN_DRIVER": "1"}])
def test_use_lean_driver_false_without_a_terminal_or_opted_out(env: dict[str, str]) -> None:
    assert use_lean_driver(env) is False


def test_use_lean_driver_by_terminfo() -> None:
    """curses.setupterm only takes effect once per process, so each TERM is asked in its own."""
    script = ("import json, sys; from tui.lean_driver import use_lean_driver;"
              "print(json.dumps(use_lean_driver(json.loads(sys.argv[1]))))")
    cases = [({"TERM": "xterm-256color"}, True), ({"TERM": "no-such-terminal-xyz"}, False),
             ({"TERM": "dumb"}, False), ({"TERM": "vt100"}, False),
             ({"TERM": "xterm-256color", "SPASM_GUIDE_PLAIN_DRIVER": "1"}, False)]
    for env, expected in cases:
        result = subprocess.run([sys.executable, "-c", script, json.dumps(env)], capture_output=True, text=True,
                                cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert json.loads(result.stdout) is expected, (env, result.stderr)


@pytest.mark.parametrize(("env", "driver"), [({"TERM": "xterm-256color"}, "LeanDriver"),
                                             ({"TERM": "xterm-256color", "SPASM_GUIDE_PLAIN_DRIVER": "1"},
                                              "LinuxDriver"),
                                             ({"TERM": "tmux-256color"}, "LinuxDriver")])
def test_the_app_chooses_the_lean_driver_only_where_it_is_safe(env: dict[str, str], driver: str) -> None:
    code = ("from tui.app import GuideApp\nfrom tui.data.content import load_guide\n"
            "from tui.data.settings import Settings\n"
            "print(GuideApp(load_guide(), Settings()).get_driver_class().__name__)\n")
    base = {k: v for k, v in os.environ.items() if k not in ("TERM", "SPASM_GUIDE_PLAIN_DRIVER")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**base, **env})
    assert done.stdout.strip() == driver
