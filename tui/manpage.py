"""The manual page, spasm-guide(1), made from the same option table as `--help`.

`python -m tui.manpage > man/spasm-guide.1` writes the page shipped in the wheel (installed as
share/man/man1/spasm-guide.1, so `man spasm-guide` finds it in the environment); a test checks
the shipped page is what this module makes now, so an option can never be missing from it.
"""

from __future__ import annotations

import argparse
import sys

from tui import __version__
from tui.command_facts import ENVIRONMENT, EXAMPLES, EXIT_STATUS, FILES, LANGUAGE_ORDER

# The tables live in tui.command_facts, which --help reads too (tui.cli cannot import this
# module: it imports tui.cli).


def roff(text: str) -> str:
    """Text made safe for roff: backslashes and hyphens escaped, no line starting with a dot."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
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
    """A section's entries as `.TP` paragraphs."""
    lines: list[str] = []
    for name, text in rows:
        lines += [".TP", f"\\fB{roff(name)}\\fR" if bold else roff(name), roff(text)]
    return lines


def hosted_commands() -> tuple[tuple[str, str], ...]:
    """The commands a hosted account allows (tui/hosted.py), each with what it does."""
    from tui.hosted import COMMANDS

    return COMMANDS


def render(parser: argparse.ArgumentParser | None = None) -> str:
    """The whole page, in roff, from the command's own option table."""
    if parser is None:
        from tui.cli import build_parser

        parser = build_parser()
    usage = " ".join(parser.format_usage().split())
    usage = usage.removeprefix("usage: ").removeprefix(parser.prog).strip()
    lines = [
        f'.TH SPASM\\-GUIDE 1 "" "spasm\\-guide {__version__}" "User Commands"',
        ".SH NAME",
        f"spasm\\-guide \\- {roff(parser.description or '')}",
        ".SH SYNOPSIS",
        f".B {roff(parser.prog)}",
        roff(usage),
        ".SH DESCRIPTION",
        "A guide to muscle spasms, in plain words, made to be used by keyboard alone, by listening, "
        "with a screen reader or braille display, and over SSH.",
        "With no option it opens the full\\-screen guide; the options below print it as text, ask "
        "numbered questions, or read it aloud instead.",
        "A mistake in an option or a file gives one line naming it, and exit status 2.",
        ".SH OPTIONS",
        *option_lines(parser),
        ".SH HOSTED ACCOUNTS",
        "An SSH account whose sshd_config ForceCommand is \\fBspasm\\-guide \\-\\-hosted\\fR offers the "
        "guide and nothing else (docs/hosting.md).",
        "A reader adds one of these commands after the host name; anything else gets one line naming "
        "them, and exit status 2:",
        *table(hosted_commands()),
        ".SH EXAMPLES",
        *table(EXAMPLES),
        ".SH LANGUAGE",
        "The guide is in English and in Spanish (espa\\(~nol). The first of these that chooses a language "
        "decides; a guide given with \\fB\\-\\-content\\fR is shown in its own language ([language] in its "
        "guide.toml):",
        *table(LANGUAGE_ORDER),
        ".SH ENVIRONMENT",
        *table(ENVIRONMENT),
        ".SH FILES",
        *table(FILES),
        ".SH EXIT STATUS",
        *table(EXIT_STATUS),
        ".SH SEE ALSO",
        "The README, and content/FORMAT.md for the format of a guide folder (\\-\\-content).",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
