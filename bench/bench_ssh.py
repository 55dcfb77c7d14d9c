"""The guide over SSH: bytes per action, first paint over a local sshd, key-to-screen on a slow link.

Run: .venv/bin/python -m bench.bench_ssh [--runs N]

Every figure is set against a baseline measured in the same run, and printed as a ratio:
- bytes written to the terminal per action (first screen, focus move, next section, checklist
  toggle), through a real pty with TERM=xterm-256color and no COLORTERM, against `less` paging
  the same text (`spasm-guide --plain`); goals: focus move or toggle <= 600 B, next section
  <= 1.5x one page of less;
- time to first paint over a private sshd on 127.0.0.1 against the same guide started locally,
  and against an SSH login that only prints a word (the cost of SSH itself);
- key-to-screen time on a link slowed to 128 kbit/s with 150 ms latency each way (a small Python
  proxy), for a focus move and for the next section, against `less` paging over the same link;
  goal: within 1.2x of less. Key-to-screen is from the key to the last byte of the answer.
- speech streamed to a hosted reader (docs/hosting.md's block, `ssh host speak 3`): the first
  audio bytes, median and worst of 10, against `ssh host true` in the same run (goal: within
  1 s); and on the slowed link, whether the stream keeps up with playback: the stream's bytes per
  second of speech against the link's rate, the time the whole section took to arrive against
  its length, and the head start a player would need so that it never runs dry.
  `--speech-only` runs just these.
Needs sshd, ssh, ssh-keygen and less (root, or a user sshd may run as). Network: 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tests.support.host_tools import GUIDE, xdg_env
from tests.support.private_sshd import SshServer, block_for_user, match_block, os_user, remote_path, start_sshd
from tests.support.ptydrive import Session, spawn
from tests.support.slow_link import slow_link

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

DOWN = b"\x1b[B"
SLOW_RATE = 128_000 / 8
"""128 kbit/s, in bytes per second, each way."""
SLOW_LATENCY = 0.150
"""150 ms each way."""
QUIET = 0.5
"""An answer is complete when nothing more arrives for this long (longer than the link's RTT)."""


EXTRA_ENV: dict[str, str] = {}
"""--env NAME=VALUE settings, given to the guide locally and over SSH (e.g. PYTHONPATH=a scratch
copy of the code, to measure a change before making it)."""


def terminal_env(home: Path) -> dict[str, str]:
    """A remote reader's terminal: 256 colours, no COLORTERM, no COLUMNS/LINES, private XDG folders."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLORTERM", "NO_COLOR", "COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", LESS="", LESSHISTFILE="-", **xdg_env(home), **EXTRA_ENV)
    return env


def start(argv: Sequence[str], env: dict[str, str]) -> Session:
    """Start `argv` on an 80x24 pty with exactly `env` (ptydrive adds os.environ back otherwise)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        return spawn(list(argv), env)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def answer(session: Session, keys: bytes, marker: str = "") -> tuple[float, int]:
    """Press `keys`; return (seconds from the key to the answer's last byte, bytes in the answer).
    With a `marker`, the answer must show it on the screen."""
    session.settle(QUIET)
    before = len(session.log)
    sent = time.perf_counter()
    session.send(keys)
    if marker:
        session.read_until_shown(marker, 60)
    session.settle(QUIET, 30)
    pieces = session.log[before:]
    if not pieces:
        return float("nan"), 0
    return pieces[-1][0] - sent, sum(len(data) for _, data in pieces)


def first_paint(session: Session, marker: str) -> tuple[float, int]:
    """(seconds from start until `marker` is on the screen, bytes of the whole first screen)."""
    session.read_until_shown(marker, 60)
    seconds = time.perf_counter() - session.started
    session.settle(QUIET)
    return seconds, sum(len(data) for _, data in session.log)


def guide_actions(session: Session, second_title: str) -> dict[str, tuple[float, int]]:
    """The actions the issue measures, in a reader's order, from the start screen."""
    return {
        "focus move": answer(session, DOWN, "> Check your"),
        "open section": answer(session, b"1", "Section one"),
        "next section": answer(session, b"n", second_title),
        "open checklist": answer(session, b"k", "[ ] "),
        "checklist toggle": answer(session, b" ", "selected:"),
    }


def less_actions(session: Session) -> dict[str, tuple[float, int]]:
    """less's first page is read by the caller; then one page (space) and one line (down)."""
    return {"page": answer(session, b" "), "line": answer(session, b"j")}


def quit_session(session: Session, keys: bytes = b"q") -> None:
    """Quit and reap."""
    session.send(keys)
    session.settle(0.3, 10)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(session.pid, 0)
    os.close(session.fd)


def run_once(server: SshServer, plain: Path, home: Path, second_title: str, remote_home: Path) -> dict[str, float]:
    """One of each measurement; returns named figures."""
    # Every run starts with nothing ticked, so the toggle always ticks (and says "selected:").
    shutil.rmtree(Path(xdg_env(remote_home)["XDG_STATE_HOME"]) / "spasm-guide", ignore_errors=True)
    env = terminal_env(home)
    out: dict[str, float] = {}
    remote_guide = [str(GUIDE)]
    remote_less = ["less", str(plain)]

    # Local guide: bytes per action and first paint.
    session = start([str(GUIDE)], env)
    out["local first paint s"], out["first screen B"] = first_paint(session, "Read the guide")
    for name, (_, size) in guide_actions(session, second_title).items():
        out[f"{name} B"] = size
    quit_session(session)

    # less, locally: bytes of its first page and of one more page.
    session = start(["less", str(plain)], env)
    session.read_until(b"\x1b", 30)
    session.settle(QUIET)
    out["less first page B"] = sum(len(d) for _, d in session.log)
    figures = less_actions(session)
    out["less page B"], out["less line B"] = figures["page"][1], figures["line"][1]
    quit_session(session)

    # Over the local sshd: first paint, and SSH alone.
    session = start(server.ssh_argv(remote_guide), env)
    out["ssh first paint s"], _ = first_paint(session, "Read the guide")
    quit_session(session)
    session = start(server.ssh_argv(["echo", "ssh-ready"]), env)
    out["ssh login only s"], _ = first_paint(session, "ssh-ready")
    quit_session(session, b"")

    # The slow link: key to screen for the guide and for less.
    with slow_link(server.port, SLOW_RATE, SLOW_LATENCY) as link:
        session = start(server.ssh_argv(remote_guide, port=link.port), env)
        out["slow first paint s"], _ = first_paint(session, "Read the guide")
        actions = guide_actions(session, second_title)
        out["slow focus move s"] = actions["focus move"][0]
        out["slow next section s"] = actions["next section"][0]
        out["slow toggle s"] = actions["checklist toggle"][0]
        quit_session(session)
        session = start(server.ssh_argv(["echo", "ssh-ready"], port=link.port), env)
        out["slow ssh login only s"], _ = first_paint(session, "ssh-ready")
        quit_session(session, b"")
        session = start(server.ssh_argv(remote_less, port=link.port), env)
        session.read_until(b"\x1b", 60)
        session.settle(QUIET)
        figures = less_actions(session)
        out["slow less page s"], out["slow less line s"] = figures["page"][0], figures["line"][0]
        quit_session(session)
    return out


SPEECH_RUNS = 10
"""How many times each speech figure is taken (the goal is on the worst)."""
SLOW_SPEECH_RUNS = 3
"""How many times section 3 is streamed over the slowed link (each takes over 20 s)."""


def no_tty(server: SshServer, command: str, port: int | None = None) -> list[str]:
    """ssh as a reader's pipe runs it: no terminal, one command."""
    return [("-T" if word == "-tt" else word) for word in server.ssh_argv(port=port)] + [command]


def timed_stream(argv: list[str]) -> tuple[float, list[tuple[float, int]], int]:
    """Run `argv`; (seconds to the first byte of stdout, [(seconds, bytes so far)], exit status)."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    arrivals: list[tuple[float, int]] = []
    total = 0
    while data := process.stdout.read1(65536):
        total += len(data)
        arrivals.append((time.perf_counter() - started, total))
    status = process.wait()
    return (arrivals[0][0] if arrivals else float("nan")), arrivals, status


def keeps_up(arrivals: list[tuple[float, int]], rate: int) -> tuple[float, float, float]:
    """(seconds of speech, seconds it took to arrive after its first byte, head start needed).

    A player starting `head start` after the first byte never waits for data: for every byte it
    would play, that byte had arrived by then.
    """
    start = arrivals[0][0]
    header = 44
    speech = (arrivals[-1][1] - header) / rate
    need, before = 0.0, header
    for when, total in arrivals:
        # The first sample of this piece is played (before - header) / rate after playback starts.
        need = max(need, (when - start) - (before - header) / rate)
        before = total
    return speech, arrivals[-1][0] - start, need


def speech_figures(work: Path) -> dict[str, float]:
    """First audio bytes over the hosted block, against `ssh host true`; then the slowed link."""
    from tui.speech.stream import STREAM_RATE

    env = {"PATH": remote_path(), **xdg_env(work / "speech-home"), **EXTRA_ENV}
    plain = start_sshd(work / "sshd-plain", setenv=env)
    hosted = start_sshd(work / "sshd-hosted", extra=block_for_user(match_block(), os_user()), setenv=env)
    out: dict[str, float] = {}
    try:
        firsts, trues = [], []
        for _ in range(SPEECH_RUNS):
            started = time.perf_counter()
            subprocess.run(no_tty(plain, "true"), stdin=subprocess.DEVNULL, check=True)
            trues.append(time.perf_counter() - started)
            first, arrivals, status = timed_stream(no_tty(hosted, "speak 3"))
            assert status == 0 and arrivals, status
            firsts.append(first)
        out["true median s"], out["true worst s"] = statistics.median(trues), max(trues)
        out["speak first median s"], out["speak first worst s"] = statistics.median(firsts), max(firsts)
        slow_trues, slow_firsts, slow_gapless, slow_runs = [], [], [], []
        for _ in range(SLOW_SPEECH_RUNS):
            with slow_link(plain.port, SLOW_RATE, SLOW_LATENCY) as link:
                started = time.perf_counter()
                subprocess.run(no_tty(plain, "true", port=link.port), stdin=subprocess.DEVNULL, check=True)
                slow_trues.append(time.perf_counter() - started)
            with slow_link(hosted.port, SLOW_RATE, SLOW_LATENCY) as link:
                first, arrivals, status = timed_stream(no_tty(hosted, "speak 3", port=link.port))
                assert status == 0, status
                slow_firsts.append(first)
                slow_runs.append((*keeps_up(arrivals, STREAM_RATE), arrivals[-1][1], link.bytes_down))
                slow_gapless.append(first + slow_runs[-1][2])
        out["slow true s"], out["slow speak first s"] = statistics.median(slow_trues), statistics.median(slow_firsts)
        out["slow gapless s"] = statistics.median(slow_gapless)
        # The run that needed the longest head start (the worst case for a player).
        speech, took, head_start, audio_bytes, carried = max(slow_runs, key=lambda run: run[2])
        out["slow speech s"], out["slow arrival s"], out["slow head start s"] = speech, took, head_start
        out["slow bytes"], out["slow link B"] = audio_bytes, carried
    finally:
        plain.stop()
        hosted.stop()
    out["stream B/s"] = STREAM_RATE
    return out


def print_speech(figures: dict[str, float]) -> None:
    """The speech figures as a table."""
    def ms(key: str) -> str:
        return f"{figures[key] * 1000:.0f} ms"

    print(f"\nSpeech to a hosted reader (docs/hosting.md's block), {SPEECH_RUNS} runs:\n")
    print(f"| {'figure':40} | {'value':>12} | {'baseline':>28} | {'goal':>10} |")
    print(f"|{'-' * 42}|{'-' * 14}|{'-' * 30}|{'-' * 12}|")
    rows = [
        ("first audio bytes of speak 3, median", ms("speak first median s"), ms("true median s") + " ssh true",
         "<= 1 s"),
        ("first audio bytes of speak 3, worst", ms("speak first worst s"), ms("true worst s") + " ssh true", "<= 1 s"),
        ("stream bytes per second of speech", f"{figures['stream B/s']:.0f} B/s",
         f"{SLOW_RATE:.0f} B/s link", "< link"),
        ("slow link: first audio bytes, median", ms("slow speak first s"), ms("slow true s") + " ssh true", "-"),
        ("slow link: section 3 arrived in", f"{figures['slow arrival s']:.1f} s",
         f"{figures['slow speech s']:.1f} s of speech", "< speech"),
        ("slow link: head start a player needs", ms("slow head start s"), "worst run", "-"),
        ("slow link: gapless playback could start", ms("slow gapless s"), ms("slow true s") + " ssh true", "-"),
        ("slow link: bytes carried down", f"{figures['slow link B']:.0f} B", f"{figures['slow bytes']:.0f} B audio",
         "-"),
    ]
    for name, value, base, goal in rows:
        print(f"| {name:40} | {value:>12} | {base:>28} | {goal:>10} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--speech-only", action="store_true", help="only the speech stream figures")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="set for the guide, locally and over SSH (repeatable)")
    args = parser.parse_args()
    EXTRA_ENV.update(item.split("=", 1) for item in args.env)
    if args.speech_only:
        work = Path(tempfile.mkdtemp(prefix="spasm-bench-ssh-"))
        try:
            print_speech(speech_figures(work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return 0
    for tool in ("less",):
        if not shutil.which(tool):
            print(f"bench_ssh: {tool} is not installed", file=sys.stderr)
            return 1
    from tui.data.content import load_guide

    second_title = load_guide().section(2).title[:12]
    work = Path(tempfile.mkdtemp(prefix="spasm-bench-ssh-"))
    try:
        plain = work / "guide.txt"
        plain.write_text(subprocess.run([str(GUIDE), "--plain"], capture_output=True, text=True, check=True,
                                        env=terminal_env(work / "plain-home")).stdout, encoding="utf-8")
        server = start_sshd(work / "sshd", setenv={"PATH": remote_path(), "LESS": "", "LESSHISTFILE": "-",
                                                  **xdg_env(work / "remote-home"), **EXTRA_ENV})
        try:
            runs = [run_once(server, plain, work / f"home{n}", second_title, work / "remote-home")
                    for n in range(args.runs)]
        finally:
            server.stop()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    m = {key: statistics.median(run[key] for run in runs) for key in runs[0]}

    page = m["less page B"]
    ms = {key: f"{value * 1000:.0f} ms" for key, value in m.items() if key.endswith(" s")}
    rows = [
        ("bytes: first screen", f"{m['first screen B']:.0f} B", f"{m['less first page B']:.0f} B less 1st page",
         m["first screen B"] / m["less first page B"], "-"),
        ("bytes: focus move", f"{m['focus move B']:.0f} B", f"{page:.0f} B less page",
         m["focus move B"] / page, "<= 600 B"),
        ("bytes: checklist toggle", f"{m['checklist toggle B']:.0f} B", f"{page:.0f} B less page",
         m["checklist toggle B"] / page, "<= 600 B"),
        ("bytes: next section", f"{m['next section B']:.0f} B", f"{page:.0f} B less page",
         m["next section B"] / page, "<= 1.5x"),
        ("bytes: open section", f"{m['open section B']:.0f} B", f"{page:.0f} B less page",
         m["open section B"] / page, "-"),
        ("bytes: open checklist", f"{m['open checklist B']:.0f} B", f"{page:.0f} B less page",
         m["open checklist B"] / page, "-"),
        ("first paint over ssh", ms["ssh first paint s"], ms["local first paint s"] + " local",
         m["ssh first paint s"] / m["local first paint s"], "-"),
        ("first paint over ssh", ms["ssh first paint s"], ms["ssh login only s"] + " ssh echo",
         m["ssh first paint s"] / m["ssh login only s"], "-"),
        ("slow link: focus move", ms["slow focus move s"], ms["slow less page s"] + " less page",
         m["slow focus move s"] / m["slow less page s"], "<= 1.2x"),
        ("slow link: toggle", ms["slow toggle s"], ms["slow less page s"] + " less page",
         m["slow toggle s"] / m["slow less page s"], "<= 1.2x"),
        ("slow link: next section", ms["slow next section s"],
         ms["slow less page s"] + " less page", m["slow next section s"] / m["slow less page s"], "<= 1.2x"),
        ("slow link: first paint", ms["slow first paint s"], ms["slow ssh login only s"] + " ssh echo",
         m["slow first paint s"] / m["slow ssh login only s"], "-"),
    ]
    print(f"spasm-guide over SSH, {args.runs} runs, medians; TERM=xterm-256color, no COLORTERM, 80x24;"
          f" slow link {SLOW_RATE * 8 / 1000:.0f} kbit/s, {SLOW_LATENCY * 1000:.0f} ms each way"
          + (f"; env {' '.join(args.env)}" if args.env else "") + "\n")
    print(f"| {'figure':26} | {'guide':>10} | {'baseline':>26} | {'ratio':>6} | {'goal':>8} |")
    print(f"|{'-' * 28}|{'-' * 12}|{'-' * 28}|{'-' * 8}|{'-' * 10}|")
    for name, mine, base, ratio, goal in rows:
        print(f"| {name:26} | {mine:>10} | {base:>26} | {ratio:6.2f} | {goal:>8} |")
    print(f"\nless one line (j): {m['less line B']:.0f} B locally, {ms['slow less line s']} on the slow link")
    speech_work = Path(tempfile.mkdtemp(prefix="spasm-bench-ssh-"))
    try:
        print_speech(speech_figures(speech_work))
    finally:
        shutil.rmtree(speech_work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
