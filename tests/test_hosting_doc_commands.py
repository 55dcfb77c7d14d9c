"""docs/hosting.md, run: the reader commands of its section 4 and the players in its table, word
for word, against a real sshd on 127.0.0.1 configured with its section 2 block; and each mistake
in its section 5 table gives the words the table quotes."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.host_tools import xdg_env
from tests.support.private_sshd import (
    HOSTING_DOC,
    SshServer,
    block_for_user,
    match_block,
    os_user,
    remote_path,
    running_sshd,
)
from tests.support.pulse import private_pulse
from tests.support.reader_machine import reader_bin, run_as_reader, sox_figures

pytestmark = [pytest.mark.e2e]

DOC = HOSTING_DOC.read_text(encoding="utf-8")
READERS = DOC.split("## 4.")[1].split("## 5.")[0]
CHECKS = DOC.split("## 5.")[1]


def reader_commands() -> list[str]:
    """Section 4's sh block: each reader command, without its comment."""
    block = re.search(r"```sh\n(.*?)```", READERS, re.S)
    assert block
    return [line.split("#")[0].strip() for line in block[1].splitlines() if line.strip()]


def table_commands() -> list[str]:
    """Section 4's table of players: the command in each row (markdown's `\\|` made a pipe)."""
    rows = [line for line in READERS.splitlines() if line.startswith("| ") and "ssh guide@" in line]
    return [re.search(r"`(ssh [^`]*)`", row)[1].replace("\\|", "|") for row in rows]  # type: ignore[index]


def quoted(keyword: str) -> str:
    """The first backticked words in the section 5 table row whose first cell holds `keyword`."""
    row = next(line for line in CHECKS.splitlines() if line.startswith("| ") and keyword in line.split("|")[1])
    return re.findall(r"`([^`]*)`", row.split("|")[1])[-1]


def remote_env(folder: Path) -> dict[str, str]:
    return {"PATH": remote_path(), "TMPDIR": str(folder), **xdg_env(folder / "remote-home")}


@pytest.fixture(scope="module")
def hosted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    folder = tmp_path_factory.mktemp("doc-hosted")
    with running_sshd(folder / "sshd", extra=block_for_user(match_block(), os_user()),
                      setenv=remote_env(folder)) as server:
        yield server


def test_section_4s_commands_work_word_for_word(hosted: SshServer, tmp_path: Path) -> None:
    bin_dir = reader_bin(tmp_path, hosted)
    commands = reader_commands()
    assert commands[0] == "ssh guide@your-host"  # the full screen: run in a real terminal by test_ssh_e2e
    answers = {"accessible": "0\n"}
    seen = {}
    for command in commands[1:]:
        done = run_as_reader(command, bin_dir, stdin=answers.get(command.split()[2], ""))
        assert done.returncode == 0, (command, done.stderr)
        seen[command.split()[2]] = done.stdout
    assert seen["plain"].startswith("Section three of")
    assert "Type a number, 0 to quit:" in seen["accessible"]
    assert "This is not a diagnosis." in seen["checklist"]
    assert f"ssh -p {hosted.port} {hosted.user}@127.0.0.1 speak 3 | aplay" in seen["help"]
    seconds, rms = sox_figures(tmp_path / "heard-aplay.wav")
    assert seconds > 10 and rms > 0.03, (seconds, rms)


def test_the_players_in_the_table_play_the_stream(tmp_path: Path) -> None:
    """aplay, paplay (to a private PulseAudio) and SoX's play; ffplay is not installed here. Each
    row's command word for word, the three players at once, each on its own connection: paplay
    and play play in real time, so one after another on section 1 took two minutes. The reader
    here has chosen the fastest speech the guide offers (`FAST_READER`): section 3 is then 13 s of
    speech instead of 33 s at the usual rate, the same stream format through the same players,
    and the test waits 20 s less for them."""
    remote = remote_env(tmp_path / "remote")
    settings = Path(remote["XDG_CONFIG_HOME"]) / "spasm-guide" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(FAST_READER, encoding="utf-8")
    with running_sshd(tmp_path / "sshd", extra=block_for_user(match_block(), os_user()), setenv=remote) as server:
        bin_dir = reader_bin(tmp_path, server)
        (tmp_path / "pulse").mkdir()
        with private_pulse(tmp_path / "pulse") as pulse:
            done, commands = play_the_table(bin_dir, pulse)
    for command, finished in zip(commands, done, strict=True):
        assert finished.returncode == 0, (command, finished.stderr)
        seconds, rms = sox_figures(tmp_path / f"heard-{player_of(command)}.wav")
        assert seconds > 10 and rms > 0.03, (command, seconds, rms)
    assert [player_of(command) for command in commands] == ["aplay", "play", "paplay"]  # the Linux and macOS rows


FAST_READER = "speech_rate = 400\n"
"""A reader's settings.toml with the fastest speech rate the guide takes (80 to 400 words a
minute; the usual 170)."""


def play_the_table(bin_dir: Path, pulse: dict[str, str]) -> tuple[list[subprocess.CompletedProcess[str]], list[str]]:
    """Each row's command, and the Linux row's paplay, at once: what each ended with, and the commands."""
    linux = table_commands()[0]
    assert linux.endswith("| aplay") and "`\\| paplay`" in READERS  # the Linux row names both
    commands = [command for command in [*table_commands(), linux.replace("| aplay", "| paplay")]
                if player_of(command) != "ffplay"]  # not packaged for the test machine: the Windows row
    assert all(" speak 3 |" in command for command in commands), commands
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        return list(pool.map(lambda command: run_as_reader(command, bin_dir, env=pulse), commands)), commands


def player_of(command: str) -> str:
    """The player a table row pipes the stream into."""
    return command.split("|")[1].split()[0]


def test_each_mistake_in_the_table_shows_what_it_quotes(tmp_path: Path) -> None:
    block = block_for_user(match_block(), os_user())
    env = remote_env(tmp_path)
    cases = [
        # The link missing: spasm-guide is not on the PATH the session gets.
        ("not found", block, {**env, "PATH": "/usr/bin:/bin"}, "plain 1"),
        # The old ForceCommand, without --hosted.
        ("without `--hosted`", block.replace("spasm-guide --hosted", "spasm-guide"), env, "plain 1"),
        # No espeak-ng (the guide's test switch stands for the missing library).
        ("speak", block, {**env, "SPASM_GUIDE_SPEECH_FAIL": "engine"}, "speak 1"),
    ]
    for number, (keyword, config, session_env, command) in enumerate(cases):
        words = quoted(keyword)
        if keyword == "not found":
            words = "spasm-guide: not found"  # dash says "sh: 1: ...", bash "...: command not found"
        with running_sshd(tmp_path / f"sshd{number}", extra=config, setenv=session_env) as server:
            bin_dir = reader_bin(tmp_path / f"reader{number}", server)
            done = run_as_reader(f"ssh guide@your-host {command}", bin_dir)
        assert done.returncode != 0, (keyword, done)
        said = " ".join(done.stderr.split()).replace("command not found", "not found")
        assert words in said, (keyword, words, done.stderr)


def test_section_5s_checks_answer_as_the_doc_says(hosted: SshServer, tmp_path: Path) -> None:
    block = re.search(r"```sh\n(.*?)```", CHECKS, re.S)
    assert block
    lines = [line.split("#")[0].strip() for line in block[1].splitlines() if line.startswith("ssh guide@localhost")]
    assert [line.split()[2] for line in lines] == ["ls", "plain", "speak"], lines  # -tt: test_ssh_e2e's flow
    bin_dir = reader_bin(tmp_path, hosted)
    answers = {}
    for line in lines:
        done = run_as_reader(line.replace("/tmp/speech-check.wav", str(tmp_path / "speech-check.wav")), bin_dir)
        answers[line.split()[2]] = done
    listing = answers["ls"]
    assert listing.returncode == 2 and "this account offers only" in listing.stderr and listing.stdout == ""
    assert answers["plain"].returncode == 0 and answers["plain"].stdout.startswith("Section one of")
    assert answers["speak"].returncode == 0, answers["speak"].stderr
    size = int(answers["speak"].stdout.split()[4])  # ls -l: the file's size
    assert 100_000 < size < 2_000_000, answers["speak"].stdout  # "some hundreds of kilobytes"
    seconds, rms = sox_figures(tmp_path / "speech-check.wav")
    assert seconds > 20 and rms > 0.03
