"""English left in the Spanish guide where no other check looks: the hosted account's own answers
(said before the guide's start chooses its language), and the keys named in English ("y" for yes,
which Spanish reads as "and").

The --help's placeholders (FILE.wav, DIR, CODE) are checked in tests/test_command_help_language.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.hosted import hosted_argv

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and fast (in-process): part of the fast set; the one test that starts the app is marked pilot."""

SSH = {"SSH_CONNECTION": "192.0.2.7 50000 198.51.100.3 22"}


@pytest.mark.parametrize(("lang", "first_words"), [
    ("es_MX.UTF-8", "Esta cuenta ofrece spasm-guide y nada más."),
    ("C.UTF-8", "This account offers the spasm-guide and nothing else."),
])
def test_the_hosted_help_is_in_the_readers_language(lang: str, first_words: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """`ssh host help` with LANG sent by the client: answered before cli.main chooses a language."""
    assert hosted_argv(["guide.example.org"], {**SSH, "LANG": lang, "SSH_ORIGINAL_COMMAND": "help"}) == 0
    out = capsys.readouterr().out
    assert out.startswith(first_words), out
    assert "ssh " in out and " plain 3 " in out  # the commands themselves are typed the same


@pytest.mark.parametrize(("options", "typed", "spanish"), [
    ([], "rm -rf ~", "spasm-guide: esta cuenta solo ofrece: plain [N], accessible"),
    (["a", "b"], "help", "spasm-guide: --hosted acepta una palabra como mucho"),
])
def test_a_hosted_refusal_is_in_the_readers_language(options: list[str], typed: str, spanish: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert hosted_argv(options, {**SSH, "LANG": "es_MX.UTF-8", "SSH_ORIGINAL_COMMAND": typed}) == 2
    err = capsys.readouterr().err
    assert err.startswith(spanish) and err.count("\n") == 1, err


def test_the_hosted_answer_leaves_the_language_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    """The guide's start chooses its language again (cli.main): the hosted answer sets none for it."""
    from tui.data.words import current_language

    before = current_language()
    hosted_argv([], {**SSH, "LANG": "es_MX.UTF-8", "SSH_ORIGINAL_COMMAND": "help"})
    assert current_language() == before
    capsys.readouterr()


def test_yes_is_s_in_spanish_and_the_readers_own_keys_come_first() -> None:
    """A lone "y" reads (and a voice says it) as "and" in Spanish: yes is "s" (sí) there."""
    from tui.data.key_table import LANGUAGE_KEYS, key_row, keymap_for, keys_in_force

    for language in ("es", "es-419", "es_MX"):
        assert keys_in_force("dialog.yes", language, {}) == "s"
        assert keys_in_force("cramp.eased", language, {}) == "s"
        assert keys_in_force("dialog.no", language, {}) == "n"
    assert keys_in_force("dialog.yes", "en", {}) == key_row("dialog.yes").keys == "y"
    assert keymap_for("en", {}) == {}
    assert keys_in_force("dialog.yes", "es", {"dialog.yes": "j"}) == "j"  # settings.toml's [keys] wins
    assert keymap_for("es", {"app.quit": "ctrl+q"})["app.quit"] == "ctrl+q"
    for keys in LANGUAGE_KEYS.values():
        for key_id in keys:
            key_row(key_id)  # every id is a binding's (a KeyError names one that is not)


@pytest.mark.pilot
async def test_the_yes_key_follows_a_language_switch(tmp_path: Path) -> None:
    """The start screen's language key changes the keys in force too: "s" in Spanish, "y" back in English."""
    from tests.support.pilot import make_app
    from tui.data.words import in_language
    from tui.fullscreen.dialogs.confirm import ConfirmDialog
    from tui.fullscreen.widgets.key_bar import KeyBar

    with in_language("en"):  # the language before the test, back after it (the switch sets it)
        app = make_app(tmp=tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            for switch_to, yes in (("e", "s Sí  n No"), ("e", "y Yes  n No")):
                await pilot.press(switch_to, "k", "space", "c")  # Español / English, then the checklist's clear
                await pilot.pause()
                assert isinstance(app.screen, ConfirmDialog)
                assert yes in app.screen.query_one(KeyBar).describe()
                await pilot.press(yes[0])  # yes: cleared, back on the checklist
                await pilot.pause()
                assert not isinstance(app.screen, ConfirmDialog)
                await pilot.press("escape")
                await pilot.pause()
