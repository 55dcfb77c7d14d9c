"""The command's own words in the guide's language: --help, argparse's words and its mistakes.

`spasm-guide --lang es --help` and `LANG=es_MX.UTF-8 spasm-guide --help` print the whole help in
Spanish (every option's text, the closing tables, and argparse's "usage:" and "options"); a
mistake in an option is one Spanish line and exit status 2; English stays argparse's own.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import itertools
import re
from pathlib import Path

import pytest

from tui import argparse_words, cli
from tui.argparse_words import ARGPARSE_PHRASES, argparse_in_our_words
from tui.data.language_choice import command_line_lang, language_before_parsing
from tui.data.words import in_language

pytestmark: list[pytest.MarkDecorator] = []
"""Pure and fast (in-process): part of the fast set."""

SHARED_WORDS = frozenset({
    # The hosted commands, typed the same in every language ("plain [N], accessible, checklist").
    "plain", "accessible", "checklist", "speak", "help",
    # The languages' codes and names in their own words ("en English, es Español"), and the
    # English help's own Spanish words for a Spanish reader ("la guía en español").
    "en", "es", "english", "español", "la", "guía",
    # Programs' names.
    "espeak", "bash", "zsh", "fish",
})
"""Words the Spanish help may share with the English one, and why."""

NAME_LIKE = re.compile(r"[-_/.=$~*@\[\]{}]|^[A-Z0-9]{2,}$|[a-z][A-Z]")
"""A token that is an option, a variable, a path, a command or a value (--plain, LC_ALL,
settings.toml, FILE.wav, ForceCommand), not an English word."""


def help_text(language: str) -> str:
    with in_language(language):
        return cli.build_parser().format_help()


def word_pairs(text: str) -> set[tuple[str, str]]:
    """Every two words in a row of `text` (lower case), leaving out names and shared words: a
    pair the Spanish help shares with the English one is an English phrase left untranslated."""
    pairs: set[tuple[str, str]] = set()
    for line in text.splitlines():
        words: list[str | None] = []
        for token in line.split():
            bare = token.strip("()'\",;:.")
            plain = bool(bare) and not NAME_LIKE.search(bare) and bare.isalpha() and bare.lower() not in SHARED_WORDS
            words.append(bare.lower() if plain else None)
        pairs |= {(one, two) for one, two in itertools.pairwise(words) if one and two}
    return pairs


def test_spanish_help_has_no_english_phrase_of_the_english_help() -> None:
    english, spanish = help_text("en"), help_text("es")
    assert word_pairs(english), "the English help has phrases to look for"
    left = sorted(word_pairs(english) & word_pairs(spanish))
    assert not left, f"English phrases in the Spanish --help: {left}"
    for argparse_word in ("usage:", "options:", "show this help message", "version number"):
        assert argparse_word in english and argparse_word not in spanish
    assert spanish.startswith("uso: spasm-guide") and "\nopciones:\n" in spanish
    assert "ejemplos:" in spanish and "variables de entorno:" in spanish and "archivos:" in spanish


def test_the_pair_check_can_fail() -> None:
    assert word_pairs("  --plain  print the guide as plain text") & word_pairs("--plain  el print the guide")
    assert not word_pairs("--lang CODE, LC_ALL, ~/.config/x.toml, FILE.wav, ForceCommand")


def test_english_help_is_argparse_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """In English the words layer hands argparse back its own words: the help is the same as with
    argparse's own gettext lookups."""
    ours = help_text("en")
    monkeypatch.setattr(argparse_words, "OUR_LOOKUPS", {"_": gettext.gettext, "ngettext": gettext.ngettext})
    assert help_text("en") == ours
    assert ours.startswith("usage: spasm-guide [-h]") and "\noptions:\n  -h, --help            show this help" in ours


@pytest.mark.parametrize(("argv", "env_lang"), [(["--lang", "es", "--help"], "C.UTF-8"),
                                                (["--help"], "es_MX.UTF-8"),
                                                (["--lang=es", "--help"], "C.UTF-8")])
def test_help_follows_the_language_chosen(argv: list[str], env_lang: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", env_lang)
    assert cli.main(argv) == 0
    assert capsys.readouterr().out == help_text("es")


def test_the_saved_language_chooses_the_help(private_dirs: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = private_dirs / "xdg_config_home" / "spasm-guide"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text('language = "en"\n', encoding="utf-8")
    monkeypatch.setenv("LANG", "es_MX.UTF-8")  # the setting comes before the environment
    assert cli.main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: ")
    assert cli.main(["--lang", "es", "--help"]) == 0  # and --lang before the setting
    assert capsys.readouterr().out.startswith("uso: ")


@pytest.mark.parametrize(("argv", "spanish", "english"), [
    (["--theme", "nope"], "--theme: valor no válido: 'nope' (elija entre", "invalid choice"),
    (["--section"], "--section: falta su valor", "expected one argument"),
    (["--section", "x"], "--section: valor no válido (se espera int): 'x'", "invalid int value"),
    (["--plain", "--checklist"], "--checklist: no se puede usar junto con --plain", "not allowed"),
    (["--s", "1"], "opción ambigua: --s puede ser", "ambiguous option"),
    (["--plain=3"], "--plain: esta opción no lleva valor: '3'", "ignored explicit"),
    (["--nope"], "opción desconocida --nope", "unknown option"),
])
def test_a_mistake_is_one_spanish_line_and_exit_2(argv: list[str], spanish: str, english: str,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("spasm-guide: ") and err.count("\n") == 1 and err.endswith("(vea spasm-guide --help)\n")
    assert spanish in err and english not in err
    assert cli.main(["--lang", "en", *argv]) == 2  # --lang en wins over LANG, for the mistake too
    err = capsys.readouterr().err
    assert english in err and err.endswith("(see spasm-guide --help)\n") and err.count("\n") == 1


@pytest.mark.parametrize(("argv", "found"), [
    (["--lang", "es"], "es"), (["--lang=es-419"], "es"), (["--la", "es_MX"], "es"), (["--plain", "--l", "en"], "en"),
    (["--lang", "xx"], None), (["--lang"], None), (["--", "--lang", "es"], None), (["--plain"], None),
    (["--list", "es"], None),
])
def test_the_language_is_read_before_argparse(argv: list[str], found: str | None) -> None:
    assert command_line_lang(argv) == found


def test_the_order_before_parsing_is_the_guides(private_dirs: Path) -> None:
    assert language_before_parsing([], {"LANG": "es_MX.UTF-8"}) == "es"
    assert language_before_parsing([], {"LC_ALL": "C", "LANG": "es_MX.UTF-8"}) == "en"
    assert language_before_parsing(["--lang", "en"], {"LANG": "es_MX.UTF-8"}) == "en"
    settings = private_dirs / "xdg_config_home" / "spasm-guide" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text('language = "es"\n', encoding="utf-8")
    assert language_before_parsing([], {}) == "es"
    settings.write_text("language = [not toml", encoding="utf-8")
    assert language_before_parsing([], {}) == "en"  # said, and set aside, by the real load later
    assert settings.exists()


def argparse_own_phrases() -> set[str]:
    """The phrases argparse looks up with `_()`, read from its source."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def test_canary_argparse_still_looks_its_words_up_so() -> None:
    """If a later Python changes how argparse looks up its words, or one of them, this fails
    (tui/argparse_words.py would silently leave them English)."""
    for name in argparse_words.OUR_LOOKUPS:
        assert callable(getattr(argparse, name)), name
    missing = set(ARGPARSE_PHRASES) - argparse_own_phrases()
    assert not missing, f"argparse no longer says these: {missing}"
    before = argparse._  # type: ignore[attr-defined]
    with in_language("es"), argparse_in_our_words():
        assert argparse._("usage: ") == "uso: "  # type: ignore[attr-defined]
    assert argparse._ is before  # type: ignore[attr-defined]


KEPT_PLACEHOLDERS = {
    "N": "a number's letter in Spanish too (número), as the hosted commands' 'plain [N]' say it",
    "SHELL": "the Spanish help says 'su shell' (bash, zsh, fish): the word Spanish readers use",
}
"""The placeholders the Spanish --help keeps as the English one writes them, and why."""


def placeholders(language: str) -> dict[str, str]:
    """Each option's value placeholder in --help ("--speak-to": "FILE.wav"), in `language`."""
    with in_language(language):
        parser = cli.build_parser()
    return {action.option_strings[-1]: str(action.metavar) for action in parser._actions if action.metavar}


def test_the_spanish_help_names_option_values_in_spanish() -> None:
    english, spanish = placeholders("en"), placeholders("es")
    assert english.keys() == spanish.keys() and {"--speak-to", "--content", "--lang", "--hosted"} <= english.keys()
    left = {option: name for option, name in spanish.items()
            if name == english[option] and name not in KEPT_PLACEHOLDERS}
    assert not left, f"English placeholders in the Spanish --help: {left}"
    assert spanish["--speak-to"].endswith(".wav")  # the file's kind is part of the name a reader types
    text = help_text("es")
    for option, name in english.items():
        if name not in KEPT_PLACEHOLDERS:  # nor in the option texts, the examples or the tables
            assert not re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", text), f"{name} ({option}) in the Spanish help"
        assert f"{option} {spanish[option]}" in text or f"{option} [{spanish[option]}]" in text


def test_completion_knows_a_path_by_its_option_not_its_placeholder() -> None:
    """The completion script is made from the parser in the language shown now: a Spanish
    placeholder (CARPETA) must still complete folders."""
    from tui.completion import options

    def kinds(language: str) -> dict[str, str]:
        with in_language(language):
            return {opt.names[-1]: opt.takes for opt in options(cli.build_parser())}

    assert kinds("es") == kinds("en")
    assert kinds("es")["--content"] == "dir" and kinds("es")["--speak-to"] == "file"
    assert kinds("es")["--section"] == "value" and kinds("es")["--lang"] == "choice"
