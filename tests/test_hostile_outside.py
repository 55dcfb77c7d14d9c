"""The guide as a hostile stranger meets it, from outside: through a real pty and a real sshd set
up as docs/hosting.md says, knowing only the README, the hosting doc, the man page and --help.

Floods of keys and pastes (peak memory against the hosting doc's per-reader plan, and how soon
`q` ends it after the flood), bytes that are not UTF-8, quick key bursts into every dialog,
corrupt and unreadable saved files, planted links, full disks, early signals, and what a reader
can make the hosted account run. Every random input is seeded; every flood is bounded in bytes
and in seconds. A case fails on what the terminal, /proc or the disk shows, never on a guess.
"""

from __future__ import annotations

import contextlib
import os
import random
import shlex
import signal
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.guide_pty import MARK, marked_pids
from tests.support.host_tools import GUIDE
from tests.support.hostile import (
    Home,
    Memory,
    end,
    plan_mib,
    runs_own_code,
    short_home,
    shows,
    spawn_guide,
    squeezed,
    step,
    time_to_exit,
    tracebacks,
    watch,
    write_flood,
)
from tests.support.keyfuzz import idle
from tests.support.private_sshd import SshServer, block_for_user, match_block, os_user, remote_path, running_sshd
from tests.support.ptydrive import Session, spawn
from tests.support.wait import wait_until

pytestmark = [pytest.mark.e2e]

START = "Read the guide"
CHECKLIST = "Check your symptoms"
DOWN, END_KEY, CTRL_U, CTRL_S, CTRL_Q = b"\x1b[B", b"\x1b[F", b"\x15", b"\x13", b"\x11"

QUIT_GOAL = 1.0
"""Issue 18: `q` ends the guide within 1 s after a flood stops."""
QUIT_BOUND = 3.0
"""What this suite allows: the goal plus 2 s for a shared, loaded two-core machine (its soak runs
show a p99 key-to-frame near 0.9 s under load). A guide that still works through a queue of
keys takes ten times this or more (18.8 s over SSH in the issue)."""
QUIT_GUARD = 5.0
"""How long a case waits for the exit at all before it kills the guide (the failure's figure)."""
FLOOD_SECONDS = 5.0
"""The longest any flood is written for; what the terminal took by then is reported."""


@pytest.fixture
def home() -> Iterator[Home]:
    with short_home() as made:
        yield made


def started(session: Session, text: str = START) -> str:
    """Wait for `text` on the screen (a guard against a hang only); return the screen."""
    shows(session, text)
    with contextlib.suppress(EOFError, OSError):
        session.settle(0.2, 3.0)
    return session.shown()


def assert_clean(session: Session) -> None:
    """Nothing the terminal received names a traceback or a Python exception."""
    found = tracebacks(session.output())
    assert not found, f"the terminal received a traceback or exception: {found}"


def assert_answers(session: Session, keys: bytes, text: str) -> None:
    """The guide still runs and answers a key: `keys` bring `text` to the screen."""
    assert session.alive(), f"the guide ended (status {session.exit_status}); screen:\n{session.shown()}"
    session.send(keys)
    shows(session, text)


def quit_cleanly(session: Session) -> None:
    """`q` ends the guide with status 0 and nothing the terminal got names an exception."""
    seconds = time_to_exit(session, b"q", QUIT_GUARD)
    assert_clean(session)
    assert seconds is not None, f"q did not end the guide within {QUIT_GUARD} s"
    assert session.exit_status == 0, f"exit status {session.exit_status}"


# Floods -------------------------------------------------------------------------------------


def flood_case(session: Session, memory: Memory, data: bytes, what: str) -> None:
    """Write the flood, then `q`: peak memory within the plan, the exit within QUIT_BOUND."""
    cap = plan_mib() * 1024
    flood = write_flood(session, data, FLOOD_SECONDS, memory, cap)
    seconds = None if flood.over_plan else time_to_exit(session, b"q", QUIT_GUARD, memory)
    if flood.over_plan:
        quit_figure = "not measured (over the plan)"
    else:
        quit_figure = f"over {QUIT_GUARD} s" if seconds is None else f"{seconds:.2f} s"
    print(f"\n{what}: {flood.written:,} of {flood.offered:,} bytes taken in {flood.seconds:.1f} s; "
          f"peak RSS {memory.peak_mib:.1f} MiB (plan {plan_mib()} MiB); q to exit {quit_figure}")
    assert_clean(session)
    assert memory.peak_kib <= cap, (f"{what}: peak RSS {memory.peak_mib:.0f} MiB after {flood.written:,} bytes "
                                    f"in {flood.seconds:.1f} s, over the hosting plan of {plan_mib()} MiB a reader")
    assert seconds is not None, f"{what}: q did not end the guide within {QUIT_GUARD} s after the flood"
    assert seconds <= QUIT_BOUND, f"{what}: q took {seconds:.2f} s to end the guide (goal {QUIT_GOAL} s)"


def test_a_megabyte_of_one_key_at_the_start_screen(home: Home) -> None:
    session = spawn_guide(home)
    try:
        started(session)
        memory = Memory([session.pid])
        memory.sample()
        flood_case(session, memory, DOWN * (1_000_000 // len(DOWN)), "1 MB of Down")
    finally:
        end(session)


def test_an_unterminated_paste_of_40_mb(home: Home) -> None:
    session = spawn_guide(home)
    try:
        started(session)
        memory = Memory([session.pid])
        memory.sample()
        rng = random.Random(18)
        words = [bytes(rng.choice(b"abcdefghij klmnop") for _ in range(64)) for _ in range(64)]
        body = b"".join(words) * (40_000_000 // (64 * 64))
        flood_case(session, memory, b"\x1b[200~" + body, "an unterminated paste of 40 MB")
    finally:
        end(session)


# Bytes that are not UTF-8 -----------------------------------------------------------------------


def open_search(session: Session) -> None:
    session.send(b"/")
    shows(session, "Search")
    session.settle(0.2)


def open_checklist(session: Session) -> None:
    session.send(b"k")
    shows(session, CHECKLIST)
    session.settle(0.2)


@pytest.mark.parametrize("where", ["start", "search", "checklist"])
def test_every_byte_that_is_not_utf8(home: Home, where: str) -> None:
    """0xe9 then a key (a Latin-1 "é"), then each byte 0x80-0xff alone: the guide goes on."""
    session = spawn_guide(home)
    try:
        started(session)
        if where == "search":
            open_search(session)
            assert_answers(session, b"caf\xe9s", "caf")
        elif where == "checklist":
            open_checklist(session)
            assert_answers(session, b"\xe9 ", "> selected:")
        else:
            assert_answers(session, b"\xe9k", CHECKLIST)
            step(session, b"\x1b")
            shows(session, START)
        for byte in range(0x80, 0x100):
            session.send(bytes([byte]))
            watch(session, 0.01)
            assert session.alive(), (f"byte {byte:#x} (or one of the few typed just before it) ended the guide; "
                                     f"the terminal got: {tracebacks(session.output())}")
        watch(session, 0.5)
        assert_clean(session)
        if where == "search":
            assert_answers(session, b"\x1b", START)
        else:
            assert_answers(session, b"?", "Help:")
        quit_cleanly(session)
    finally:
        end(session)


# Quick key bursts into dialogs ----------------------------------------------------------------


BURSTS = {
    # Dialogs take the whole window (README: a dialog is read question first), so the question
    # or the save dialog is on top; the walk back with Esc must then pass the checklist.
    "three quick Enters in the doctor questions": (b"", b"ks\r\r\r", "Question 2 of"),
    "two quick Enters in the doctor questions": (b"", b"ks\r\r", "Question 2 of"),
    "questions, save now, then Enters in the save dialog": (b"k ", b"s" + CTRL_S + b"\r\r\r",
                                                            "Save a summary for a doctor"),
    "clear, then Enters": (b"k ", b"c\r\r\r", CHECKLIST),
    "clear, yes, then Enters": (b"k ", b"cy\r\r", CHECKLIST),
    "settings, then Enters": (b"k", b"o\r\r\r", "Settings"),
    "help, then Enters": (b"k", b"?\r\r\r", "Help:"),
}
"""Keys typed before the burst (each awaited), the burst in one write, and the title (the
screen's second row) the burst must leave on top."""


@pytest.mark.parametrize("name", list(BURSTS))
def test_a_quick_burst_into_a_dialog(home: Home, name: str) -> None:
    """Keys in one write: no traceback, the checklist still under whatever is open (nothing popped
    that should not be), and Esc walks back down to the start screen."""
    before, burst, title = BURSTS[name]
    session = spawn_guide(home)
    try:
        started(session)
        for key in before:
            step(session, bytes([key]))
        session.send(burst)
        # Look once the guide has worked through the burst (quiet for 0.2 s, and every thread of
        # it asleep), as a reader would see it: on a busy machine that can take seconds. (A fixed
        # 0.7 s of watching before that added nothing the look does not wait for.)
        wait_until(lambda: session.settle(0.2, 5.0) >= 0 and (not session.alive() or idle(session.pid)),
                   f"{name}: the guide working through the burst", guard=30.0, poll=0)
        assert_clean(session)
        assert session.alive(), f"{name}: the guide ended (status {session.exit_status})"
        screen = session.shown()
        assert screen.splitlines()[1].strip().startswith(title), \
            f"{name}: {title!r} is no longer the screen on top (something popped it):\n{screen}"
        titles = []
        for _ in range(4):
            if START in session.shown() and "Question" not in session.shown():
                break
            titles.append(step(session, b"\x1b", 0.4).splitlines()[1].strip())
        screen = session.shown()
        assert START in screen and "Question" not in screen, f"{name}: Esc did not lead back to the start:\n{screen}"
        if b"k" in before + burst[:2]:  # the checklist was opened: it is still under the dialogs
            assert title.startswith((CHECKLIST, "Settings", "Help")) or any(
                t.startswith(CHECKLIST) for t in titles), f"{name}: the checklist was gone under the dialog: {titles}"
        quit_cleanly(session)
    finally:
        end(session)


# Corrupt saved state ---------------------------------------------------------------------------


GARBAGE = bytes(random.Random(18).randrange(256) for _ in range(600))
STATE_CASES = {
    "date 0001-01-01": b"version = 2\n[ticks]\nstroke-signs = 0001-01-01\n",
    "date 9999-12-31T23:59:59-12:00": b"version = 2\n[ticks]\nstroke-signs = 9999-12-31T23:59:59-12:00\n",
    "garbage bytes": GARBAGE,
    "wrong types": b'version = "two"\nticks = [1, 2, 3]\n',
    "a tick of the wrong type": b"version = 2\n[ticks]\nstroke-signs = 42\n",
}
SETTINGS_CASES = {
    "6,000 unknown keys": "".join(f"unknown_key_{n} = {n}\n" for n in range(6000)).encode(),
    "garbage bytes": GARBAGE,
    "wrong types": b'theme = 5\nregion = ["US"]\nspeech_rate = "fast"\n[keys]\n"app.quit" = 7\n',
    "a date for a number": b"speech_rate = 0001-01-01\nspeech_volume = 9999-12-31T23:59:59-12:00\n",
}
READABLE_TICK = b"version = 2\n[ticks]\nstroke-signs = 2026-12-01 10:00:00+00:00\n"
"""A tick as the guide itself writes it (taken from a real run)."""


def kept_somewhere(folder: Path, original: bytes) -> list[Path]:
    """Every file under `folder` whose bytes are exactly `original`."""
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and _read(p) == original]


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def change_checklist(session: Session) -> None:
    """Open the checklist and tick the first item (so the state file is written)."""
    open_checklist(session)
    session.send(b" ")
    shows(session, "> selected:")
    watch(session, 0.5)


def change_settings(session: Session) -> None:
    """Open Settings and choose the light theme (so the settings file is written)."""
    session.send(b"o")
    shows(session, "High contrast, light")
    session.settle(0.2)
    session.send(DOWN + b"\r")
    shows(session, "selected: Colours: High contrast, light")
    watch(session, 0.5)


def corrupt_case(home: Home, which: str, content: bytes | None, mode: int | None = None,
                 as_dir: bool = False) -> None:
    """Plant a bad file, start, change what it holds: one line names it, no traceback, and the
    original bytes are still on disk afterwards (a set-aside copy)."""
    folder, name = (home.state, "checklist.toml") if which == "checklist" else (home.config, "settings.toml")
    home.env()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if as_dir:
        target.mkdir()
        (target / "keep.txt").write_bytes(b"the reader's own note\n")
    else:
        assert content is not None
        target.write_bytes(content)
        if mode is not None:
            target.chmod(mode)
    session = spawn_guide(home, size=(120, 30), bound_by_modes=mode is not None)
    try:
        screens = [started(session)]
        if which == "checklist":
            change_checklist(session)
        else:
            change_settings(session)
        screens.append(session.shown())
        assert_clean(session)
        assert session.alive(), f"the guide ended (status {session.exit_status}):\n{session.shown()}"
        said = any(name in row for screen in screens for row in screen.splitlines()) or \
            name in squeezed(session.output().decode("utf-8", "replace"))
        assert said, f"no line named {name}; screens:\n" + "\n---\n".join(screens)
        quit_cleanly(session)
        if as_dir:
            assert kept_somewhere(folder, b"the reader's own note\n"), "the file in the folder was lost"
        else:
            assert content is not None
            kept = kept_somewhere(folder, content)  # (the suite reads past a mode the guide cannot)
            assert kept, (f"the original {name} ({len(content)} bytes) is nowhere in {folder}: "
                          f"{sorted(p.name for p in folder.iterdir())}")
    finally:
        end(session)


@pytest.mark.parametrize("case", list(STATE_CASES))
def test_a_corrupt_checklist_file(home: Home, case: str) -> None:
    corrupt_case(home, "checklist", STATE_CASES[case])


@pytest.mark.parametrize("case", list(SETTINGS_CASES))
def test_a_corrupt_settings_file(home: Home, case: str) -> None:
    corrupt_case(home, "settings", SETTINGS_CASES[case])


@pytest.mark.parametrize("which", ["checklist", "settings"])
def test_an_unreadable_file_mode_000(home: Home, which: str) -> None:
    content = READABLE_TICK if which == "checklist" else b'theme = "hc-light"\nregion = "UK"\n'
    corrupt_case(home, which, content, mode=0)


@pytest.mark.parametrize("which", ["checklist", "settings"])
def test_a_folder_where_the_file_should_be(home: Home, which: str) -> None:
    corrupt_case(home, which, None, as_dir=True)


# Planted links ---------------------------------------------------------------------------------


def save_summary_as(session: Session, path: Path) -> str:
    """Tick an item, ask for a summary, skip the questions, type `path` as its name, press Enter;
    return the screen after."""
    change_checklist(session)
    session.send(b"s")
    shows(session, "Question 1 of")
    session.send(CTRL_S)
    shows(session, "Where?")
    session.settle(0.2)
    session.send(END_KEY + CTRL_U)
    session.settle(0.2)
    session.send(str(path).encode())
    shows(session, path.name)
    session.send(b"\r")
    watch(session, 1.5)
    return session.shown()


def test_a_planted_link_to_the_readers_profile(home: Home) -> None:
    """Another account's link in a shared sticky folder, pointing at the reader's ~/.profile."""
    profile = home.root / ".profile"
    profile.write_bytes(b"export PATH=$HOME/bin:$PATH\n")
    shared = Path(home.root / "shared-tmp")
    shared.mkdir()
    shared.chmod(0o1777)
    link = shared / "x.txt"
    link.symlink_to(profile)
    if os.geteuid() == 0:
        os.lchown(link, 65534, 65534)  # planted by someone else (nobody)
    session = spawn_guide(home)
    try:
        started(session)
        screen = save_summary_as(session, link)
        assert_clean(session)
        assert profile.read_bytes() == b"export PATH=$HOME/bin:$PATH\n", \
            f"saving through the planted link changed ~/.profile; the screen:\n{screen}"
        assert session.alive()
    finally:
        end(session)


def test_an_existing_file_is_not_replaced_without_asking(home: Home) -> None:
    notes = home.root / "notes.txt"
    notes.write_bytes(b"my own notes\n")
    session = spawn_guide(home)
    try:
        started(session)
        screen = save_summary_as(session, notes)
        assert_clean(session)
        assert notes.read_bytes() == b"my own notes\n", f"notes.txt was replaced with no question:\n{screen}"
        assert session.alive()
    finally:
        end(session)


def test_speak_to_a_missing_folder(home: Home) -> None:
    missing = home.root / "no-such" / "folder"
    done = subprocess.run([str(GUIDE), "--speak-to", str(missing / "x.wav")], capture_output=True,
                          env={**os.environ, **home.env()}, timeout=60, stdin=subprocess.DEVNULL)
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    print(f"\n--speak-to into a missing folder: exit {done.returncode}, stderr {lines}, stdout {done.stdout[:200]!r}")
    assert not tracebacks(done.stdout + done.stderr), tracebacks(done.stdout + done.stderr)
    assert not (home.root / "no-such").exists(), "the missing folder was created"
    assert done.returncode == 2, f"exit {done.returncode}"
    assert len(lines) == 1, f"not one line: {lines}"


# Full disk -------------------------------------------------------------------------------------


FULL_DISK = {
    "--plain (cold cache)": (["--plain"], b""),
    "--plain (warm cache)": (["--plain"], b""),
    "--plain --section 3": (["--plain", "--section", "3"], b""),
    "--checklist": (["--checklist"], b"1\n0\n"),
    "--accessible": (["--accessible"], b"0\n"),
    "--help": (["--help"], b""),
    "--version": (["--version"], b""),
}


def test_output_to_a_full_disk(home: Home) -> None:
    """Every print path into /dev/full: one line, exit 2, no traceback (the two --plain runs share a
    cache, so the second takes any warm path)."""
    failures = []
    env = {**os.environ, **home.env(), "NO_COLOR": "1"}
    for name, (args, stdin) in FULL_DISK.items():
        with open("/dev/full", "wb") as full:
            done = subprocess.run([str(GUIDE), *args], stdout=full, stderr=subprocess.PIPE, input=stdin,
                                  env=env, timeout=60)
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        print(f"\n{name} > /dev/full: exit {done.returncode}, stderr {lines[:3]}")
        if tracebacks(done.stderr) or done.returncode != 2 or len(lines) != 1:
            failures.append(f"{name}: exit {done.returncode}, {len(lines)} lines: {lines[:4]}")
    assert not failures, "output failures not reported as one line and exit 2:\n" + "\n".join(failures)


# Signals ---------------------------------------------------------------------------------------


def test_sigint_at_moments_of_start(home: Home) -> None:
    """SIGINT 0.05-0.5 s after the guide's own code starts (the first start with no cache, then
    warm): no traceback, and the guide either ends or still quits with q. Counted from then, not
    from the fork: on a loaded machine Python's own start took over 0.1 s, and a SIGINT then was
    Python's KeyboardInterrupt in `site`, before any of the guide's code ran."""
    failures = []
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5):
        session = spawn_guide(home)
        try:
            wait_until(lambda session=session: runs_own_code(session), "the guide's own code starting", poll=0)
            watch(session, delay)
            if session.alive():
                os.kill(session.pid, signal.SIGINT)
            watch(session, 1.0)
            if session.alive():
                time_to_exit(session, b"q", QUIT_GUARD)
            found = tracebacks(session.output())
            if found or session.alive():
                failures.append(f"SIGINT at {delay} s: exit {session.exit_status}, {found or 'still running after q'}")
        finally:
            end(session)
    assert not failures, "\n".join(failures)


# Over SSH through the hosted account --------------------------------------------------------


@pytest.fixture
def hosted(tmp_path: Path, home: Home) -> Iterator[tuple[SshServer, str]]:
    """A private sshd with the hosting doc's Match block, its sessions marked so /proc finds them."""
    mark = uuid.uuid4().hex
    setenv = {"PATH": remote_path(), MARK: mark, **home.env()}
    with running_sshd(tmp_path / "sshd", block_for_user(match_block(), os_user()), setenv) as server:
        yield server, mark


def ssh_session(server: SshServer, command: list[str]) -> Session:
    """`ssh -tt` to the hosted account asking it to run `command` (after "--", so a command that
    starts with "--" reaches the server instead of being read as an ssh option)."""
    argv = server.ssh_argv()
    if command:
        argv += ["--", shlex.join(command)]
    return spawn(argv, {"TERM": "xterm-256color"})


def test_a_flood_of_150_kb_over_ssh(hosted: tuple[SshServer, str]) -> None:
    server, mark = hosted
    session = ssh_session(server, [])
    try:
        started(session)
        guides = [pid for pid in marked_pids(mark)]
        assert guides, "no process of the hosted session found"
        memory = Memory(guides)
        memory.sample()
        flood_case(session, memory, DOWN * (150_000 // len(DOWN)), "150 KB of Down over SSH")
    finally:
        end(session)


INJECTIONS = [
    ["ls;", "touch", "{canary}"],
    ["$(touch {canary})"],
    ["`touch {canary}`"],
    ["'; touch {canary}; '"],
    ['"; touch {canary}; "'],
    ["x" * 60_000 + "; touch {canary}"],
    ["--content", "{evil}"],
    ["--speak-to", "{canary}.wav"],
    ["--plain", "--section", "1;touch {canary}"],
]


def read_to_the_end(session: Session) -> bool:
    """Read what the session sends; True once it has ended and everything it sent is read."""
    try:
        session.read_some(0.05)
    except (EOFError, OSError):
        return not session.alive()
    return False


def test_what_a_reader_asks_the_hosted_account_to_run(hosted: tuple[SshServer, str], tmp_path: Path) -> None:
    """Whatever else the client asks for, the account refuses it in one line naming what it offers,
    with exit status 2 (README, "Hosted commands"): no shell runs it, no path it names is read or
    written, and the guide it names is never shown."""
    server, _ = hosted
    evil = tmp_path / "evil-guide"
    evil.mkdir()
    (evil / "guide.toml").write_text('title = "EVIL GUIDE"\n', encoding="utf-8")
    sessions = []
    for n, template in enumerate(INJECTIONS):  # all at once: each is a separate reader
        command = [part.format(canary=tmp_path / f"canary-{n}", evil=evil) for part in template]
        sessions.append((n, command, ssh_session(server, command)))
    failures = []
    try:
        for n, command, session in sessions:
            what = f"{' '.join(command)[:50]!r}"
            wait_until(lambda session=session: read_to_the_end(session), f"{what} to be answered")
            said = [line for line in session.output().decode("utf-8", "replace").splitlines() if line.strip()]
            touched = [p.name for p in tmp_path.iterdir() if p.name.startswith(f"canary-{n}")]
            refused = len(said) == 1 and "offers only" in said[0] and session.exit_status == 2
            if touched or not refused or "EVIL" in "\n".join(said) or tracebacks(session.output()):
                failures.append(f"{what}: made {touched}, exit {session.exit_status}, said {said[:3]}, "
                                f"{tracebacks(session.output())}")
    finally:
        for _, _, session in sessions:
            end(session)
    assert not failures, "\n".join(failures)


def test_the_harness_sees_a_plain_start_and_quit(home: Home) -> None:
    """The harness itself: a guide left alone starts, answers a key, and quits with 0, well within
    the plan, and a traceback planted in its output would be found."""
    session = spawn_guide(home)
    try:
        started(session)
        memory = Memory([session.pid])
        memory.sample()
        assert 0 < memory.peak_kib <= plan_mib() * 1024
        assert_answers(session, b"k", CHECKLIST)
        quit_cleanly(session)
    finally:
        end(session)
    assert tracebacks(b"\x1b[31mTraceback \x1b[0m(most recent call last)\r\nUnicodeDecodeError: x")
    assert not tracebacks(b"Closed. Your checklist is saved.")
    assert stat.S_ISREG(os.stat(GUIDE).st_mode)
