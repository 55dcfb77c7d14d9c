"""How the guide starts and ends: no terminal, closed output, signals, the command line.

Real processes throughout: the guide on a real pty for the signals, real pipes and files for
the no-terminal cases, and every process a run started is looked up in /proc afterwards (by a
marker in its environment), so "nothing left running" is checked, not assumed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.guide_pty import MARK, guide_on_pty, marked_pids, wait_until_gone
from tui.data.content import load_guide

pytestmark = [pytest.mark.e2e]

GUARD = 60.0
"""Against a hang only (today's failure is a guide that never ends): never a timing assertion."""

NO_TERMINAL_LINE = ("spasm-guide: the full-screen guide needs a terminal; use spasm-guide --plain (text) "
                    "or spasm-guide --accessible (numbered prompts)\n")

RESTORE = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?7h")
"""Leave the alternate screen, show the cursor, wrap lines again: what quitting sends."""


def run_guide(*args: str, stdin: int | None = subprocess.DEVNULL, stdout: int | None = subprocess.PIPE,
              env: dict[str, str] | None = None, pass_fds: tuple[int, ...] = ()) -> tuple[int, str, str, str]:
    """Run `python -m tui ARGS`; return (status, stdout, stderr, the run's marker)."""
    mark = uuid.uuid4().hex
    full_env = {**os.environ, "TERM": "xterm-256color", MARK: mark, **(env or {})}
    result = subprocess.run([sys.executable, "-m", "tui", *args], stdin=stdin, stdout=stdout,
                            stderr=subprocess.PIPE, env=full_env, timeout=GUARD, check=False, text=True)
    return result.returncode, result.stdout or "", result.stderr, mark


# No terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--section", "3"), ("--theme", "hc-light")])
def test_no_terminal_says_one_line_and_ends(args: tuple[str, ...], tmp_path: Path) -> None:
    """`spasm-guide </dev/null >out`: before, the guide never ended and burned a core."""
    out = tmp_path / "out"
    with out.open("w") as handle:
        status, _, stderr, mark = run_guide(*args, stdout=handle.fileno())
    assert status == 2
    assert stderr == NO_TERMINAL_LINE
    assert out.read_bytes() == b""  # not one escape code into the file
    assert wait_until_gone(mark) == []


def test_output_to_a_pipe_with_a_terminal_for_input_still_refuses() -> None:
    """stdin a terminal, stdout a pipe (`spasm-guide | cat`): Textual would draw into the pipe."""
    leader, follower = os.openpty()
    try:
        status, stdout, stderr, mark = run_guide(stdin=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert (status, stdout, stderr) == (2, "", NO_TERMINAL_LINE)
    assert wait_until_gone(mark) == []


def test_term_dumb_on_a_real_terminal_says_one_line(tmp_path: Path) -> None:
    with guide_on_pty(tmp_path / "home", env={"TERM": "dumb"}) as run:
        assert run.wait_exit() == 2
        assert bytes(run.output).replace(b"\r\n", b"\n").decode() == NO_TERMINAL_LINE
        assert b"\x1b[?1049h" not in run.output


def test_plain_without_a_terminal_is_unchanged() -> None:
    status, stdout, stderr, _ = run_guide("--plain", "--section", "3")
    assert status == 0 and stderr == ""
    assert stdout.startswith("Section three of")


# Closed output ----------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("--plain",), ("--plain", "--section", "1"), ("--checklist",), ("--accessible",),
                                  ()])
def test_closed_stdout_ends_quietly_with_a_failure_status(args: tuple[str, ...]) -> None:
    """`spasm-guide --plain >&-`: before, an AttributeError traceback."""
    # Python started with fd 1 closed sets sys.stdout to None, as a shell's `>&-` does.
    result = subprocess.run(["/bin/sh", "-c", 'exec "$0" -c "$1" "$@" >&-', sys.executable,
                             "from tui.launch import main; import sys; sys.exit(main())", *args],
                            stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=GUARD,
                            check=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr == "spasm-guide: standard output is closed; nothing can be shown\n"


def test_a_full_disk_is_one_line_not_a_traceback() -> None:
    with open("/dev/full", "w") as full:
        status, _, stderr, _ = run_guide("--plain", "--content", str(load_guide().folder), stdout=full.fileno())
    assert status == 2
    assert stderr == "spasm-guide: cannot write the output (No space left on device)\n"


def test_closed_stdin_ends_the_prompts_as_end_of_input() -> None:
    result = subprocess.run(["/bin/sh", "-c", 'exec "$0" -m tui --checklist <&-', sys.executable],
                            capture_output=True, text=True, timeout=GUARD, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


# Signals ------------------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_restore_the_terminal_save_and_stop_speech(signum: int, tmp_path: Path) -> None:
    """Before, the terminal stayed in the alternate screen, cursor hidden, wrap off."""
    home = tmp_path / "home"
    with guide_on_pty(home) as run:
        run.wait_for(b"Read the guide")
        run.send(b"k")
        run.wait_for(b"Check your symptoms")
        run.send(b" ")  # tick the first item: saved at once
        run.wait_for(b"selected:")
        run.send(b"r")  # starts the speech worker: a process of its own
        others = []
        for _ in range(600):
            others = [pid for pid in marked_pids(run.mark) if pid != run.pid]
            if others:
                break
            run.read_some(0.1)
        assert others, "reading aloud started no speech worker"
        start = len(run.output)
        os.kill(run.pid, signum)
        assert run.wait_exit() == 128 + signum
        tail = bytes(run.output[start:])
        for sequence in RESTORE:
            assert sequence in tail, f"{sequence!r} not sent after the signal: {tail[-300:]!r}"
        last_enter = run.output.rfind(b"\x1b[?1049h")
        assert run.output.rfind(b"\x1b[?1049l") > last_enter
        assert wait_until_gone(run.mark) == [], "the speech worker was left running"
    state = home / "xdg_state_home" / "spasm-guide" / "checklist.toml"
    from tui.data.checklist import load_checklist
    from tui.data.checklist_state import load_state
    from tui.data.content import load_guide

    checklist = load_checklist(load_guide().folder)
    assert list(load_state(checklist, state).state.ticks) == [checklist.items[0].id]


def test_a_dropped_terminal_ends_the_guide_and_everything_it_started(tmp_path: Path) -> None:
    """Closing the terminal's other side is a real hang-up: the kernel sends SIGHUP."""
    with guide_on_pty(tmp_path / "home") as run:
        run.wait_for(b"Read the guide")
        os.close(run.fd)
        run.fd = os.open(os.devnull, os.O_RDONLY)  # so the helper's reads and close stay harmless
        # 129: the SIGHUP; 2: a write to the vanished terminal failed first (EIO), one line.
        assert run.wait_exit() in (129, 0, 1, 2)
        assert wait_until_gone(run.mark) == []


# The command line ----------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "line"), [
    (("--foo",), "spasm-guide: unknown option --foo (see spasm-guide --help)\n"),
    (("stray",), "spasm-guide: unknown argument stray (see spasm-guide --help)\n"),
    (("--section", "x"), "spasm-guide: argument --section: invalid int value: 'x' (see spasm-guide --help)\n"),
    (("--plain", "--checklist"),
     "spasm-guide: argument --checklist: not allowed with argument --plain (see spasm-guide --help)\n"),
])
def test_an_option_mistake_is_one_line_and_status_2(args: tuple[str, ...], line: str) -> None:
    status, stdout, stderr, _ = run_guide(*args)
    assert (status, stdout, stderr) == (2, "", line)


def test_section_opens_that_section_in_the_full_screen_guide(tmp_path: Path) -> None:
    title = load_guide().section(3).title
    with guide_on_pty(tmp_path / "home", "--section", "3", size=(30, 100)) as run:
        run.wait_for(b"Section three of")
        run.wait_for(title.split()[0].encode())
        run.send(b"q")
        assert run.wait_exit() == 0


@pytest.mark.parametrize("name", ["s3.mp3", "guide.ogg", "guide"])
def test_speak_to_refuses_anything_but_wav(name: str, tmp_path: Path) -> None:
    status, stdout, stderr, _ = run_guide("--speak-to", str(tmp_path / name))
    assert (status, stdout) == (2, "")
    assert stderr == f"spasm-guide: {tmp_path / name}: --speak-to writes WAV audio only: give a file name ending " \
                     "in .wav\n"
    assert not (tmp_path / name).exists()


def test_speak_to_a_place_that_cannot_be_written_names_the_users_file() -> None:
    # /proc refuses new files even to root, as a read-only folder refuses a normal account.
    status, _, stderr, _ = run_guide("--speak-to", "/proc/guide.wav")
    assert status == 2
    assert stderr.startswith("spasm-guide: /proc/guide.wav: cannot write there (")
    assert ".tmp" not in stderr and stderr.count("\n") == 1


@pytest.mark.pilot
async def test_the_app_opens_at_a_section_and_esc_goes_back_to_the_start() -> None:
    from tests.support.pilot import screen_text
    from tui.data.settings import Settings
    from tui.fullscreen.app import GuideApp
    from tui.fullscreen.screens.section import SectionScreen

    app = GuideApp(load_guide(), Settings(), start_section=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen)
        assert "Section three of" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Read the guide" in screen_text(app)


STUCK_APP = """
import asyncio, os, sys, time
import tui.lifecycle as lifecycle
lifecycle.EXIT_WITHIN = 0.5
asked = []
lifecycle.exit_on_signals(lambda signum: asked.append(signum), before_loop=lambda signum, frame: os._exit(3))
async def never_ends():
    print("ready", flush=True)
    while True:  # an app asked to end that never gets there
        await asyncio.sleep(0.05)
        if asked:
            print("asked", flush=True)
            asked.clear()
asyncio.run(never_ends())
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_guide_that_cannot_end_is_ended_by_the_signal_itself(signum: int) -> None:
    """Found once beside a busy machine: a guide whose terminal had gone drew its start screen again
    and again and never reached the exit a SIGHUP had asked for (an hour at 77% of a processor).
    The signal asks the app to end; if it has not within EXIT_WITHIN, the signal ends the process."""
    process = subprocess.Popen([sys.executable, "-c", STUCK_APP], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
        process.send_signal(signum)
        assert process.stdout.readline().strip() == "asked"  # the app was asked first
        assert process.wait(timeout=30) == -signum  # then ended by the signal, as a shell reports it
    finally:
        process.kill()
        process.wait()
