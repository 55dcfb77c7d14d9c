"""The start screen before Textual loads (tui/output/early_paint.py), through a real pty.

A first run records the start screen; the next writes it from the cache before importing
Textual. The cached frame must be the frame Textual draws, cell for cell and cursor for cursor,
for every theme, at 80x24 and 40x12, with NO_COLOR and with LANG=C; Textual's own first paint
after it must send almost nothing; a wrong cache must be corrected; keys typed while Textual
loads must act, in order, and never be echoed.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import termios
from pathlib import Path
from typing import Any

import pytest

from tests.support import needs
from tests.support.guide_pty import GUARD, PtyRun, guide_on_pty
from tests.support.ptydrive import read_until_quiet, threads_idle
from tests.support.wait import wait_until
from tui.data.settings import THEMES
from tui.output import early_paint

pyte = needs.import_or_skip("pyte")


pytestmark = [pytest.mark.e2e]

MAGIC = early_paint.MAGIC.encode()
SEP = early_paint.SEP.encode()
READY = "Read the guide"
"""The first menu item: on the start screen once it is drawn."""


SILENCE = 0.15
"""Seconds without a write after which the guide is asked whether it is idle: longer than the
longest sleep the guide takes inside one answer (0.1 s: Textual's ESCAPE_DELAY, NOTICE_GRACE in
tui/fullscreen/screens/message_rows.py; tests/support/screen_reader.py's STILL_FOR). Textual's first
paint comes some 40 ms after its driver's threads start (0.03-0.04 s, measured on a quiet
machine); a guide still at work, however long its silence (importing Textual after the cached
frame, or given no core on a busy machine), is busy, not idle, and is waited for."""


def settle(run: PtyRun) -> None:
    """Read until the guide has written nothing for `SILENCE` and none of its threads is at work
    (`threads_idle`): it has drawn all it will draw until it is sent something. (A silence of
    0.8 s stood for that: a start's settle took 0.8 s longer than the guide needed.)"""
    def settled() -> bool:
        read_until_quiet(run.fd, SILENCE, GUARD, run.output.extend)
        return threads_idle(run.pid)

    wait_until(settled, "the guide idle, its writes read", GUARD, poll=0)


def screen_of(data: bytes, size: tuple[int, int]) -> tuple[list[list[tuple[Any, ...]]], tuple[int, int]]:
    """Every cell (character and look) and the cursor, as a terminal shows `data`."""
    screen = pyte.Screen(*size)
    pyte.ByteStream(screen).feed(data)
    cells = [[(c.data, c.fg, c.bg, c.bold, c.reverse, c.underscore, c.italics)
              for c in (screen.buffer[y][x] for x in range(size[0]))] for y in range(size[1])]
    return cells, (screen.cursor.x, screen.cursor.y)


def text_of(data: bytes, size: tuple[int, int]) -> list[str]:
    """The screen's rows as text."""
    screen = pyte.Screen(*size)
    pyte.ByteStream(screen).feed(data)
    return list(screen.display)


def cache_path(home: Path, size: tuple[int, int]) -> Path:
    """The frame cache for `size` (columns, rows) in the test's own cache folder."""
    return home / "xdg_cache_home" / "spasm-guide" / f"start-{size[0]}x{size[1]}.frame"


def driver_started(pid: int) -> bool:
    """True once the guide runs Textual's driver: its writer and input threads beside the main one
    (the early paint runs before any thread is started)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return True  # it has ended: nothing more will come
    threads = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("Threads:"))
    return threads >= 3


def start_and_quit(home: Path, *args: str, env: dict[str, str] | None = None,
                   size: tuple[int, int] = (80, 24)) -> bytes:
    """One run of the guide to its settled start screen; returns everything it drew before q."""
    with guide_on_pty(home, *args, env=env, size=(size[1], size[0])) as run:
        run.wait_for(b"guide")
        # The cached frame comes at once, Textual's own paint after Textual has loaded, which on a
        # busy machine can be a silence longer than settle's: wait for its driver's threads first.
        wait_until(lambda: driver_started(run.pid), "Textual's driver starting", GUARD, 0.02)
        settle(run)
        drawn = bytes(run.output)
        run.send(b"q")
        assert run.wait_exit() == 0
    return drawn


def cached_frame(home: Path, size: tuple[int, int]) -> bytes:
    """The frame bytes the cache holds for `size`, as the pty passes them on (a line feed becomes
    CR LF, as for every write of Textual's)."""
    raw = cache_path(home, size).read_bytes()
    assert raw.startswith(MAGIC + b"\n")
    body = raw.split(b"\n", 3)[3]
    return body.split(SEP)[0].replace(b"\n", b"\r\n")


def colour_codes(data: bytes) -> list[str]:
    """SGR parameters that set a colour (30-49, 90-107, or 38/48 forms)."""
    found = []
    for params in re.findall(rb"\x1b\[([0-9;:]*)m", data):
        for part in params.split(b";"):
            if part and part.isdigit() and (30 <= int(part) <= 49 or 90 <= int(part) <= 107):
                found.append(part.decode())
    return found


CASES = [
    *[pytest.param(["--theme", theme], {}, (80, 24), id=f"{theme}-80x24") for theme in THEMES],
    *[pytest.param(["--theme", theme], {}, (40, 12), id=f"{theme}-40x12") for theme in THEMES],
    pytest.param([], {"NO_COLOR": "1"}, (80, 24), id="no-colour-80x24"),
    pytest.param([], {"NO_COLOR": "1"}, (40, 12), id="no-colour-40x12"),
    pytest.param([], {"LANG": "C", "LC_ALL": "C"}, (80, 24), id="lang-c-80x24"),
    pytest.param([], {"LANG": "C", "LC_ALL": "C"}, (40, 12), id="lang-c-40x12"),
]


@pytest.mark.parametrize(("args", "env", "size"), CASES)
def test_the_cached_frame_is_textuals_own_first_frame(tmp_path: Path, args: list[str], env: dict[str, str],
                                                     size: tuple[int, int]) -> None:
    first = start_and_quit(tmp_path, *args, env=env, size=size)
    assert cache_path(tmp_path, size).is_file(), "the first run records the start screen"
    frame = cached_frame(tmp_path, size)
    textual_cells, textual_cursor = screen_of(first, size)
    assert any(READY in "".join(cell[0] for cell in row) for row in textual_cells)

    second = start_and_quit(tmp_path, *args, env=env, size=size)
    assert second.startswith(frame), "the cached frame is the first thing written"
    early_cells, early_cursor = screen_of(frame, size)
    assert early_cells == textual_cells, "the cached frame, cell for cell, is Textual's first frame"
    assert early_cursor == textual_cursor, "the cursor is where Textual puts it (the first menu item)"
    after_cells, after_cursor = screen_of(second, size)
    assert (after_cells, after_cursor) == (textual_cells, textual_cursor)
    # Textual's own first paint finds the screen already drawn: a few cursor moves and modes.
    assert len(second) - len(frame) < 300, second[len(frame):]
    assert second.count(b"\x1b[?1049h") == 1, "the alternate screen is entered once"
    if "NO_COLOR" in env:
        assert colour_codes(frame) == [] and colour_codes(second) == []


def test_a_stale_cache_is_corrected(tmp_path: Path) -> None:
    start_and_quit(tmp_path)
    path = cache_path(tmp_path, (80, 24))
    # A frame (and the writes it came from) that is no longer what the guide draws, under a key
    # that still matches: as if something the key misses had changed.
    path.write_bytes(path.read_bytes().replace(b"Read the guide", b"Read the gxide"))
    stale = cached_frame(tmp_path, (80, 24))
    drawn = start_and_quit(tmp_path)
    assert drawn.startswith(stale) and any("Read the gxide" in row for row in text_of(stale, (80, 24)))
    rows = text_of(drawn, (80, 24))
    assert any("> Read the guide" in row for row in rows), rows
    assert not any("gxide" in row for row in rows)
    # The wrong frame is dropped: the next start records the right one, and the one after shows it.
    assert not path.exists()
    start_and_quit(tmp_path)
    assert b"Read the guide" in path.read_bytes() and b"gxide" not in path.read_bytes()


def test_a_frame_that_does_not_match_its_writes_is_painted_over(tmp_path: Path) -> None:
    start_and_quit(tmp_path)
    path = cache_path(tmp_path, (80, 24))
    lines = path.read_bytes().split(b"\n", 3)
    frame, _, rest = lines[3].partition(SEP)
    # Only the frame is wrong: the writes it is said to come from are right.
    path.write_bytes(b"\n".join([*lines[:3], frame.replace(b"Settings", b"Sxttings") + SEP + rest]))
    drawn = start_and_quit(tmp_path)
    wrong = frame.replace(b"Settings", b"Sxttings").replace(b"\n", b"\r\n")
    assert drawn.startswith(wrong), "the wrong frame was written early"
    rows = text_of(drawn, (80, 24))
    assert not any("Sxttings" in row for row in rows), rows
    assert any("  Settings" in row for row in rows)
    assert not path.exists(), "a frame that does not match its writes is dropped"


@pytest.mark.parametrize("content", [b"", b"not a frame\n\n\n", b"\xff\xfe" * 100])
def test_a_broken_or_foreign_cache_is_ignored_and_replaced(tmp_path: Path, content: bytes) -> None:
    path = cache_path(tmp_path, (80, 24))
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    rows = text_of(start_and_quit(tmp_path), (80, 24))
    assert any("> Read the guide" in row for row in rows)
    assert path.read_bytes().startswith(MAGIC + b"\n"), "a good frame is recorded for next time"


def test_a_fifo_in_place_of_the_cache_does_not_hang(tmp_path: Path) -> None:
    path = cache_path(tmp_path, (80, 24))
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    rows = text_of(start_and_quit(tmp_path), (80, 24))
    assert any("> Read the guide" in row for row in rows)


@pytest.mark.parametrize(("keys", "title"), [
    pytest.param(b"\r", "Contents", id="enter-opens-contents"),
    pytest.param(b"\x1b[B\x1b[B\r", "Search the guide", id="down-down-enter-opens-search"),
])
def test_keys_typed_while_textual_loads_act_in_order(tmp_path: Path, keys: bytes, title: str) -> None:
    start_and_quit(tmp_path)
    frame = cached_frame(tmp_path, (80, 24))
    with guide_on_pty(tmp_path, size=(24, 80)) as run:
        while len(run.output) < len(frame):
            assert run.read_some(), "the guide ended"
        # Typed as soon as the cached screen is there: Textual has not drawn anything yet.
        assert bytes(run.output) == frame
        run.send(keys)
        def drawn() -> bool:
            if title in text_of(bytes(run.output), (80, 24))[1]:
                return True
            assert run.read_some(), "the guide ended"
            return False

        wait_until(drawn, lambda: f"{title!r}: {text_of(bytes(run.output), (80, 24))}", GUARD, poll=0)
        settle(run)
        rows = text_of(bytes(run.output), (80, 24))
        assert "^[" not in "".join(rows) and "^M" not in "".join(rows), "no key was echoed"


def test_the_terminal_is_restored_after_an_early_start(tmp_path: Path) -> None:
    start_and_quit(tmp_path)
    with guide_on_pty(tmp_path, size=(24, 80)) as run:
        run.wait_for(b"guide")
        settle(run)
        run.send(b"q")
        assert run.wait_exit() == 0
        # The pty's two sides share their settings: the guide left line editing and echo on, as
        # the terminal had them before the early paint made it raw.
        lflag = termios.tcgetattr(run.fd)[3]
        assert lflag & termios.ECHO and lflag & termios.ICANON
        assert run.output.count(b"\x1b[?1049h") == 1 and run.output.rstrip().endswith(b"saved.")


def test_a_resize_while_textual_loads_repaints_at_the_new_size(tmp_path: Path) -> None:
    start_and_quit(tmp_path)
    frame = cached_frame(tmp_path, (80, 24))
    with guide_on_pty(tmp_path, size=(24, 80)) as run:
        while len(run.output) < len(frame):
            assert run.read_some(), "the guide ended"
        fcntl.ioctl(run.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 12, 40, 0, 0))
        while len(run.output) == len(frame):
            assert run.read_some(), "the guide ended"
        settle(run)
        # A terminal keeps the top left of what it showed when it shrinks: so does pyte's resize.
        screen = pyte.Screen(80, 24)
        stream = pyte.ByteStream(screen)
        stream.feed(frame)
        screen.resize(12, 40)
        stream.feed(bytes(run.output[len(frame):]))
        rows = list(screen.display)
    # The same screen as a start at 40x12 with no early paint.
    assert rows == text_of(start_and_quit(tmp_path / "other", size=(40, 12)), (40, 12))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_while_textual_loads_leaves_the_terminal_as_it_was(tmp_path: Path, signum: int) -> None:
    start_and_quit(tmp_path)
    frame = cached_frame(tmp_path, (80, 24))
    with guide_on_pty(tmp_path, size=(24, 80)) as run:
        while len(run.output) < len(frame):
            assert run.read_some(), "the guide ended"
        os.kill(run.pid, signum)
        assert run.wait_exit() == 128 + signum
        lflag = termios.tcgetattr(run.fd)[3]
        assert lflag & termios.ECHO and lflag & termios.ICANON, bytes(run.output[len(frame):])
        assert run.output.rstrip().endswith(b"\x1b[?1049l"), bytes(run.output[-200:])


def test_a_screen_reader_hears_the_start_screen_once_and_the_same(tmp_path: Path) -> None:
    from tests.support import screen_reader as harness

    if harness.TDSR is None:
        pytest.fail("tdsr is not installed: pip install -e '.[test]' (the tdsr2 package)")
    heard = []
    for _ in range(2):
        reader = harness.start(tmp_path / "home")
        try:
            reader.wait_shown("Read the guide", 30)
            reader.rest()  # the guide, tdsr and its speech server done (a fixed second of quiet before)
            heard.append([s.text.strip() for s in reader.said() if s.kind == "s" and s.text.strip()])
        finally:
            reader.close()
        (tmp_path / "home" / "speech.log").unlink()
    assert list((tmp_path / "home" / ".cache" / "spasm-guide").glob("start-*.frame")), "recorded"
    assert any("Read the guide" in line for line in heard[0]), heard
    assert heard[1] == heard[0], heard


def test_a_key_typed_before_the_first_frame_is_never_recorded_as_the_start_screen(tmp_path: Path) -> None:
    with guide_on_pty(tmp_path, size=(24, 80)) as run:
        run.wait_for(b"\x1b[?1049h")  # the app is starting; its first frame is not drawn yet
        run.send(b"\x1b[B")
        run.wait_for(b"guide")
        settle(run)
        rows = text_of(bytes(run.output), (80, 24))
        run.send(b"q")
        assert run.wait_exit() == 0
    path = cache_path(tmp_path, (80, 24))
    if any("> Check your symptoms" in row for row in rows):
        # The key acted before the first frame: the frame drawn is not the untouched start screen.
        assert not path.exists()
    if path.exists():
        assert any("> Read the guide" in row for row in text_of(cached_frame(tmp_path, (80, 24)), (80, 24)))
