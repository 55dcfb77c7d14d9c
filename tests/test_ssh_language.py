"""Over a real sshd, the reader's LANG (sent by their client) chooses the guide's language.

A private sshd on 127.0.0.1 with the hosting guide's own Match block (docs/hosting.md, which
accepts LANG LC_*); `ssh -o SendEnv=LANG` runs in tmux with LANG=es_MX.UTF-8, as a Spanish-speaking
reader's terminal has it. The full-screen guide and a hosted `plain 1` come in Spanish; without
SendEnv the same account's guide is English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.host_tools import xdg_env
from tests.support.private_sshd import SshServer, block_for_user, match_block, os_user, remote_path, running_sshd
from tests.support.tmux_drive import Tmux, tmux_server
from tui.data.content import load_guide

pytestmark = [pytest.mark.e2e]

ROOT = Path(__file__).resolve().parent.parent
SPANISH = load_guide(ROOT / "content" / "muscle-spasms-es")
ENGLISH = load_guide(ROOT / "content" / "muscle-spasms")
READER_LANG = {"LANG": "es_MX.UTF-8"}
"""A Spanish-speaking reader's terminal."""


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    with tmux_server(tmp_path / "tmux") as server:
        yield server


@pytest.fixture
def hosted(tmp_path: Path, tmux: Tmux) -> Iterator[SshServer]:
    """An sshd with the hosting guide's Match block for the test's own account."""
    assert "    AcceptEnv LANG LC_*\n" in match_block()
    with running_sshd(tmp_path / "sshd", extra=block_for_user(match_block(), os_user()),
                      setenv={"PATH": remote_path(), **xdg_env(tmp_path / "remote-home")}) as server:
        yield server


def test_lang_sent_by_the_client_opens_the_guide_in_spanish(hosted: SshServer, tmux: Tmux) -> None:
    tmux.new("es", hosted.ssh_argv(send_env=["LANG"]), env=READER_LANG)
    # The whole screen, its key bar too (the key back to English): a frame may reach the terminal
    # over SSH in more than one write, so a look between them sees only its first rows.
    tmux.wait_for("es", lambda s: SPANISH.title[:30] in s and "e English" in " ".join(s.split()),
                  "the Spanish start screen with the key back to English")
    tmux.send("es", "q")
    assert tmux.wait_dead("es") == 0
    # The same account, the same terminal, no SendEnv: the server never hears LANG.
    tmux.new("en", hosted.ssh_argv(), env=READER_LANG)
    tmux.wait_for("en", lambda s: ENGLISH.title[:30] in s and "e Español" in " ".join(s.split()),
                  "the English start screen with the key to Spanish")
    tmux.send("en", "q")
    assert tmux.wait_dead("en") == 0


def test_a_hosted_command_follows_the_readers_lang_too(hosted: SshServer, tmux: Tmux) -> None:
    tmux.new("plain", hosted.ssh_argv(["plain", "1"], send_env=["LANG"]), env=READER_LANG)
    assert tmux.wait_dead("plain") == 0
    shown = tmux.scrollback("plain")
    assert SPANISH.sections[0].title in shown and ENGLISH.sections[0].title not in shown
