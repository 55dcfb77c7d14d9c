"""The manual page, spasm-guide(1), made from the same option table as `--help`, in each language.

`python -m tui.manpage > man/spasm-guide.1` writes the English page shipped in the wheel (installed
as share/man/man1/spasm-guide.1, so `man spasm-guide` finds it in the environment), and
`python -m tui.manpage es > man/es/man1/spasm-guide.1` the Spanish one (share/man/es/man1/, which
`man` reads when LANG or LANGUAGE says Spanish). A test checks each shipped page is what this
module makes now, so an option can never be missing from either.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui import __version__
from tui.command_facts import ENVIRONMENT, EXAMPLES, EXIT_STATUS, FILES, LANGUAGE_ORDER, translated
from tui.data.settings import BINDING_IDS
from tui.data.words import SOURCE_LANGUAGE, _, in_language

# The tables live in tui.command_facts, which --help reads too (tui.cli cannot import this
# module: it imports tui.cli).

PAGE_LANGUAGES = ("en", "es")
"""The languages a manual page is shipped in."""


def shipped_page(code: str) -> Path:
    """Where the page in language `code` is kept in the checkout (man/ for English, as the wheel
    installs it under share/man/)."""
    folder = Path(__file__).resolve().parent.parent / "man"
    return folder / "spasm-guide.1" if code == SOURCE_LANGUAGE else folder / code / "man1" / "spasm-guide.1"


def roff(text: str) -> str:
    """Text made safe for roff: backslashes and hyphens escaped, no line starting with a dot, and
    every letter outside ASCII as groff's named code point ("ñ" is \\[u00F1]), so the page reads
    the same whatever encoding man assumes (LANG=C included)."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(letter if ord(letter) < 128 else f"\\[u{ord(letter):04X}]" for letter in text)
    return "\\&" + text if text.startswith((".", "'")) else text


def option_lines(parser: argparse.ArgumentParser) -> list[str]:
    """One `.TP` entry per option, in the order --help lists them."""
    lines: list[str] = []
    for action in parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        names = ", ".join(f"\\fB{roff(name)}\\fR" for name in action.option_strings)
        if action.metavar:
            names += f" \\fI{roff(str(action.metavar))}\\fR"
        elif action.choices:
            names += f" \\fI{{{roff(','.join(map(str, action.choices)))}}}\\fR"
        text = str(action.help or "")
        lines += [".TP", names, roff(text[:1].upper() + text[1:]) + "."]
    return lines


def table(rows: tuple[tuple[str, str], ...], bold: bool = True) -> list[str]:
    """A section's entries as `.TP` paragraphs, in the language shown now."""
    lines: list[str] = []
    for name, text in translated(rows):
        lines += [".TP", f"\\fB{roff(name)}\\fR" if bold else roff(name), roff(text)]
    return lines


def hosted_commands() -> tuple[tuple[str, str], ...]:
    """The commands a hosted account allows (tui/hosted.py), each with what it does."""
    from tui.hosted import COMMANDS

    return COMMANDS


def key_ids() -> list[str]:
    """The ids a user may remap, from the key and places tables (as the settings take them):
    the nine section keys as one range (in the language shown now, as Help says it)."""
    ids = sorted(BINDING_IDS - {f"app.section{n}" for n in range(2, 10)})
    # The same phrase as Help's list of ids (tui/fullscreen/keys.py), so one translation.
    return [_("app.section1 to app.section9") if key_id == "app.section1" else key_id for key_id in ids]


def render(parser: argparse.ArgumentParser | None = None, language: str = SOURCE_LANGUAGE) -> str:
    """The whole page in `language`, in roff, from the command's own option table."""
    with in_language(language):
        if parser is None:
            from tui.cli import build_parser

            parser = build_parser()
        return "\n".join(page_lines(parser)) + "\n"


def heading(title: str) -> str:
    """A section's heading ("NAME", "NOMBRE")."""
    return f".SH {roff(title)}"


def title_line(kind: str) -> str:
    """The page's .TH line; `kind` names the manual's section ("User Commands")."""
    return f'.TH SPASM\\-GUIDE 1 "" "spasm\\-guide {__version__}" "{roff(kind)}"'


def page_lines(parser: argparse.ArgumentParser) -> list[str]:
    """The page's lines, in the language shown now."""
    usage = " ".join(parser.format_usage().split())
    usage = usage.removeprefix(_("usage: ").strip()).strip().removeprefix(parser.prog).strip()
    return [
        title_line(_("User Commands")),
        heading(_("NAME")),
        f"spasm\\-guide \\- {roff(parser.description or '')}",
        heading(_("SYNOPSIS")),
        f".B {roff(parser.prog)}",
        roff(usage),
        heading(_("DESCRIPTION")),
        roff(_("A guide to muscle spasms, in plain words, made to be used by keyboard alone, by listening, "
               "with a screen reader or braille display, and over SSH.")),
        roff(_("With no option it opens the full-screen guide; the options below print it as text, ask "
               "numbered questions, or read it aloud instead.")),
        roff(_("A mistake in an option or a file gives one line naming it, and exit status 2.")),
        heading(_("OPTIONS")),
        *option_lines(parser),
        heading(_("HOSTED ACCOUNTS")),
        roff(_("An SSH account whose sshd_config ForceCommand is {command} offers the guide and nothing "
               "else (docs/hosting.md).")).replace("{command}", "\\fBspasm\\-guide \\-\\-hosted\\fR"),
        roff(_("A reader adds one of these commands after the host name; anything else gets one line naming "
               "them, and exit status 2:")),
        *table(hosted_commands()),
        heading(_("KEYS")),
        roff(_("Every key of the full screen has an id. Help (? or F1) names the ids of the keys on its "
               "screen. To change a key, give its id new keys in the [keys] table of settings.toml, as "
               "{example}. The ids:")).replace("{example}", '\\fB"section.next" = "n,j"\\fR'),
        ".nh",  # an id is not cut across lines
        roff(", ".join(key_ids())) + ".",
        ".hy",
        heading(_("EXAMPLES")),
        *table(EXAMPLES),
        heading(_("LANGUAGE")),
        roff(_("The guide is in English and in Spanish (español). The first of these that chooses a language "
               "decides; a guide given with {option} is shown in its own language ([language] in its "
               "guide.toml):")).replace("{option}", "\\fB\\-\\-content\\fR"),
        *table(LANGUAGE_ORDER),
        heading(_("ENVIRONMENT")),
        *table(ENVIRONMENT),
        heading(_("FILES")),
        *table(FILES),
        heading(_("EXIT STATUS")),
        *table(EXIT_STATUS),
        heading(_("SEE ALSO")),
        roff(_("The README, and content/FORMAT.md for the format of a guide folder (--content).")),
    ]


if __name__ == "__main__":
    sys.stdout.write(render(language=sys.argv[1] if len(sys.argv) > 1 else SOURCE_LANGUAGE))
