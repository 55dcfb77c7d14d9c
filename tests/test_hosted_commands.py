"""The hosted account's command list (tui/hosted.py) and the speech stream's format
(tui/speech/stream.py): pure functions, fast. The same commands through a real sshd are in
tests/test_hosted_ssh.py."""

from __future__ import annotations

import array
import math
import re
import struct

import pytest

from tui.hosted import HOSTED_ENV, REFUSED, HostedCommand, help_text, hosted_argv, listen_command, parse_command
from tui.speech.stream import STREAM_RATE, stream_header, to_stream_samples

SSH = {"SSH_CONNECTION": "192.0.2.7 50000 198.51.100.3 22"}


@pytest.mark.parametrize(("typed", "argv"), [
    (None, ()),
    ("", ()),
    ("   ", ()),
    ("plain", ("--plain",)),
    ("plain 3", ("--plain", "--section", "3")),
    ("PLAIN 03", ("--plain", "--section", "3")),
    ("accessible", ("--accessible",)),
    ("checklist", ("--checklist",)),
    ("speak", ("--speak-to", "-")),
    ("speak 12", ("--speak-to", "-", "--section", "12")),
])
def test_allowed_commands_become_fixed_arguments(typed: str | None, argv: tuple[str, ...]) -> None:
    assert parse_command(typed) == HostedCommand(argv)


def test_help_is_its_own_answer() -> None:
    assert parse_command("help") == HostedCommand((), help=True)


INJECTIONS = [
    "ls", "sh", "--content /etc", "plain --content /tmp/x", "--speak-to /tmp/x.wav", "speak --speak-to /tmp/x.wav",
    "plain; id", "plain 3; id", "plain && id", "plain | sh", "plain $(id)", "plain `id`", "speak $(reboot)",
    "'plain'", '"plain"', "plain '3'", "plain 3 3", "plain 0", "plain 100", "plain -1", "plain 3x", "plain \uff13",
    "plain 3\nid", "plain\x1b[2J", "plain\x00", "plain " + "9" * 5000, "a" * 65, "plän", "speak\u200b",
    "help me", "accessible --plain", "checklist 2", "--plain", "-h", "--hosted", "plain ../../etc/passwd",
    "\xff\xfe\x01binary", "speak\r", "PATH=/tmp plain",
]


@pytest.mark.parametrize("typed", INJECTIONS)
def test_anything_else_is_refused(typed: str) -> None:
    assert parse_command(typed) is None


def test_a_refusal_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert hosted_argv([], {**SSH, "SSH_ORIGINAL_COMMAND": "plain; rm -rf ~"}) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == REFUSED + "\n"
    for word in ("plain [N]", "accessible", "checklist", "speak [N]", "help"):
        assert word in REFUSED
    assert "rm -rf" not in err  # the reader's words are not echoed back


def test_the_listen_command_names_the_account_and_the_address_reached() -> None:
    ordinary = listen_command(SSH, 3, user="ann")  # an ordinary account runs the guide itself
    assert ordinary == "ssh ann@198.51.100.3 spasm-guide --speak-to - --section 3 | aplay"
    assert listen_command({**SSH, HOSTED_ENV: ""}, 3, user="clinic") == "ssh clinic@198.51.100.3 speak 3 | aplay"
    other_port = {"SSH_CONNECTION": "127.0.0.1 40000 127.0.0.1 2222", HOSTED_ENV: ""}
    assert listen_command(other_port, None, "paplay", user="clinic") == "ssh -p 2222 clinic@127.0.0.1 speak | paplay"
    named = {**SSH, "SPASM_GUIDE_HOST": "guide.example.org", HOSTED_ENV: ""}
    assert listen_command(named, 2, user="clinic") == "ssh clinic@guide.example.org speak 2 | aplay"
    assert listen_command(SSH, 2, user="clinic", host_name="g.example") == "ssh clinic@g.example speak 2 | aplay"


def test_help_lists_every_command_with_a_player_for_each_system() -> None:
    text = help_text(SSH, user="clinic")
    for line in ("ssh clinic@198.51.100.3 plain 3", "ssh clinic@198.51.100.3 accessible",
                 "ssh clinic@198.51.100.3 checklist", "ssh clinic@198.51.100.3 speak 3 | aplay",
                 "speak 3 | play -q -", "speak 3 | ffplay -nodisp -autoexit -", "Windows", "macOS"):
        assert line in text, line


def test_hosted_takes_at_most_a_host_name(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOSTED_ENV, "")  # hosted_argv sets it for the guide: restored after the test
    for options in (["--content", "/tmp"], ["a b"], ["host;id"], ["\x1b[2J"], ["-p"], ["g.example", "x"]):
        assert hosted_argv(options, SSH) == 2, options
        assert "at most one word" in capsys.readouterr().err
    assert hosted_argv(["guide.example.org"], {**SSH, "SSH_ORIGINAL_COMMAND": "plain 2"}) == [
        "--plain", "--section", "2"]


def test_the_stream_header_says_8_bit_mono_of_unknown_length() -> None:
    header = stream_header()
    assert len(header) == 44 and header[:4] == b"RIFF" and header[8:16] == b"WAVEfmt "
    tag, channels, rate, byte_rate, block, bits = struct.unpack("<HHIIHH", header[20:36])
    assert (tag, channels, rate, byte_rate, block, bits) == (1, 1, STREAM_RATE, STREAM_RATE, 1, 8)
    assert header[36:40] == b"data" and header[40:44] == b"\xff\xff\xff\xff"
    assert byte_rate < 128_000 / 8  # fits a 128 kbit/s link


def test_conversion_halves_the_rate_keeps_a_tone_and_removes_what_would_alias() -> None:
    def tone(freq: float, seconds: float = 1.0) -> bytes:
        return array.array("h", (int(8000 * math.sin(2 * math.pi * freq * n / 22050))
                                 for n in range(int(22050 * seconds)))).tobytes()

    def rms(data: bytes) -> float:
        return math.sqrt(sum((b - 128) ** 2 for b in data) / len(data))

    low = to_stream_samples(tone(440), 22050)
    assert len(low) == STREAM_RATE
    assert 20 < rms(low) < 24  # 8000 / 256 / sqrt(2) = 22: kept at its level
    assert rms(to_stream_samples(tone(10000), 22050)) < 4  # would fold to 1 kHz: mostly removed
    assert to_stream_samples(b"\x00\x00" * 100, 22050) == b"\x80" * 50  # silence is the midpoint


def test_the_readme_and_the_manual_page_list_every_hosted_command() -> None:
    from pathlib import Path

    from tui.hosted import COMMANDS
    from tui.manpage import render

    root = Path(__file__).resolve().parent.parent
    readme = root / "README.md"
    page = render()
    text = readme.read_text(encoding="utf-8")
    for command, _ in COMMANDS:
        assert command.replace("-", "\\-") in page, command
        if command != "(nothing)":
            assert f"`ssh guide@host {command}" in text, command
            assert parse_command(command.replace(" [N]", " 3")) is not None, command


@pytest.mark.e2e
def test_a_section_out_of_range_is_named_as_the_reader_typed_it() -> None:
    # A hosted reader types `plain 12`; they cannot type `--section`, so the line must not name it.
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    run = subprocess.run([sys.executable, "-m", "tui", "--hosted"], capture_output=True, text=True, timeout=60,
                         env={**env, **SSH, "SSH_ORIGINAL_COMMAND": "plain 12"}, stdin=subprocess.DEVNULL)
    assert run.returncode == 2 and run.stdout == ""
    assert re.search(r"section 12: choose a number from 1 to \d+$", run.stderr.strip()), run.stderr
    assert "--section" not in run.stderr
