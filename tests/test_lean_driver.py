"""The lean driver on the guide's real output: frames captured from the guide on a pty must give
the same screen through the driver's ScreenModel as written (tests/support/screen_pair.py feeds
both into pyte terminals and compares every cell), while sending only what changed; terminfo
decides whether the driver is used, and Ctrl+L draws over what another program wrote.

The model piece by piece, the random frames and the driver's own methods, with no process
started, are in tests/test_screen_model.py (the fast set).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.ptydrive import Session, spawn
from tests.support.screen_pair import KIND_IDS, KINDS, SIZE, XTERM, Pair, pyte
from tui.output.screen_model import Caps, ScreenModel

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ONE_CAPTURE = pytest.mark.xdist_group("lean_capture")
"""The tests of the captured frames run in one worker (`--dist loadgroup`), so the guide is
captured once a run: about 5 s of a busy machine's time, and each worker that ran one of them
captured it again."""


ROOT = Path(__file__).resolve().parent.parent

GUIDE = Path(sys.executable).parent / "spasm-guide"


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
    ("focus move", b"\x1b[B", b""),
    ("contents", b"\x1b[A\r", b"Contents"),
    ("section", b"1", b"Section one"),
    ("next section", b"n", b"Section two"),
    ("checklist", b"k", b"symptoms"),
    ("toggle", b" ", b"selected:"),
    ("untoggle", b" ", b"unselected:"),
    ("move from the unticked item", b"\x1b[B", b""),
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


@ONE_CAPTURE
def test_captured_writes_are_what_the_terminal_got(captured: list[tuple[str, list[str], bytes]]) -> None:
    """The recorded write() payloads are exactly the bytes on the pty (so they are the real frames),
    but for the pty's own LF -> CR LF (ONLCR)."""
    writes = "".join(w for _, step, _ in captured for w in step).replace("\n", "\r\n").encode()
    pty_bytes = b"".join(raw for _, _, raw in captured)
    assert writes == pty_bytes
    assert all(step for _, step, _ in captured[1:]), "every step repainted something"


@ONE_CAPTURE
@pytest.mark.parametrize(("screen_class", "caps"), KINDS, ids=KIND_IDS)
def test_real_frames_give_the_same_screen(captured: list[tuple[str, list[str], bytes]],
                                          screen_class: type, caps: Caps) -> None:
    pair = Pair(screen_class, caps)
    shown = {}
    for name, writes, _ in captured:
        for number, frame in enumerate(writes):
            pair.feed(frame, onlcr=True)
            assert not pair.differences(), f"{name}, write {number}: {pair.differences()[:5]}"
        shown[name] = "\n".join(pair.lean.display)
    assert "> selected:" in shown["toggle"] and "> unselected:" in shown["untoggle"]
    assert "unselected" not in shown["move from the unticked item"]


@ONE_CAPTURE
def test_real_frames_send_only_what_changes(captured: list[tuple[str, list[str], bytes]]) -> None:
    """The issue's goal: a focus move or a tick sends at most 600 bytes; a new page far less than
    Textual's own repaint."""
    model = ScreenModel(XTERM)
    sizes = {name: (len("".join(w).encode()), len("".join(model.rewrite(f, SIZE) for f in w).encode()))
             for name, w, _ in captured}
    assert sizes["focus move"][1] <= 600 and sizes["toggle"][1] <= 600, sizes
    # Unticking says "unselected"; moving on puts the plain label back, in the same frame.
    assert sizes["untoggle"][1] <= 600 and sizes["move from the unticked item"][1] <= 600, sizes
    for name in ("next section", "checklist", "section"):
        before, after = sizes[name]
        assert after < before / 2, (name, sizes)


# --- terminal_caps ----------------------------------------------------------------------------

def test_caps_by_terminfo() -> None:
    """curses.setupterm only takes effect once per process, so each TERM is asked in its own."""
    script = ("import json, sys; from tui.fullscreen.lean_driver import terminal_caps;"
              "caps = terminal_caps(json.loads(sys.argv[1])); print(json.dumps(caps and caps._asdict()))")
    cases = [({"TERM": "xterm-256color"}, {"bce": True, "ech": True, "lines": True}),
             ({"TERM": "linux"}, {"bce": True, "ech": True, "lines": True}),
             ({"TERM": "tmux-256color"}, {"bce": False, "ech": False, "lines": True}),
             ({"TERM": "vt100"}, {"bce": False, "ech": False, "lines": False}),
             ({"TERM": "no-such-terminal-xyz"}, None), ({"TERM": "dumb"}, None),
             ({"TERM": "xterm-256color", "SPASM_GUIDE_PLAIN_DRIVER": "1"}, None)]
    for env, expected in cases:
        result = subprocess.run([sys.executable, "-c", script, json.dumps(env)], capture_output=True, text=True,
                                cwd=ROOT, check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert json.loads(result.stdout) == expected, (env, result.stderr)


@pytest.mark.parametrize(("env", "driver"), [({"TERM": "xterm-256color"}, "LeanDriver"),
                                             ({"TERM": "tmux-256color"}, "LeanDriver"),
                                             # Textual's own output, but never its unbounded input
                                             ({"TERM": "xterm-256color", "SPASM_GUIDE_PLAIN_DRIVER": "1"},
                                              "BoundedLinuxDriver"),
                                             ({"TERM": "dumb"}, "BoundedLinuxDriver")])
def test_the_app_chooses_the_lean_driver_where_terminfo_knows_the_terminal(env: dict[str, str], driver: str) -> None:
    code = ("from tui.fullscreen.app import GuideApp\nfrom tui.data.content import load_guide\n"
            "from tui.data.settings import Settings\n"
            "print(GuideApp(load_guide(), Settings()).get_driver_class().__name__)\n")
    base = {k: v for k, v in os.environ.items() if k not in ("TERM", "SPASM_GUIDE_PLAIN_DRIVER")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**base, **env})
    assert done.stdout.strip() == driver


def test_ctrl_l_draws_over_what_another_program_wrote(tmp_path: Path) -> None:
    """A message from the system lands on the guide's terminal. The model cannot know: the next
    key repaints only what it changes, and the message stays; Ctrl+L sends every cell again."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES",
                                                          "SPASM_GUIDE_PLAIN_DRIVER")}
    env.update({name: str(tmp_path / name) for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
                                                         "XDG_CACHE_HOME")}, TERM="xterm-256color")
    screen = pyte.Screen(*SIZE)
    stream = pyte.ByteStream(screen)
    session = spawn([str(GUIDE)], env, SIZE)
    try:
        session.read_until(b"Read the guide", 30)
        session.settle(0.5, 10)
        stream.feed(b"".join(data for _, data in session.log))
        clean = list(screen.display)
        fed = len(session.log)
        with open(f"/proc/{session.pid}/fd/1", "wb", buffering=0) as tty:  # the same terminal, as wall would
            tty.write(b"\x1b[20;10HMessage from the system")
        for keys in (b"", b"\x1b[B", b"\x1b[A", b"\x0c"):
            session.send(keys)
            session.settle(0.5, 10)
            stream.feed(b"".join(data for _, data in session.log[fed:]))
            fed = len(session.log)
            if keys == b"\x1b[A":
                assert "Message from the system" in screen.display[19]
        assert list(screen.display) == clean
    finally:
        session.finish()
