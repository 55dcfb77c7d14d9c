"""The command's parser: argparse, with its mistakes in one line and its own words ("usage:",
"options", "invalid choice: ...") in the reader's language.

argparse looks its words up with the gettext module's global functions (Python 3.11's argparse
does `from gettext import gettext as _, ngettext`), which read the process's environment and
gettext's default domain: they know nothing of `--lang es` or the reader's saved language, and
there is no Spanish catalogue for them on most machines. So while our own parser is built, parses
and writes --help (OneLineParser, below), argparse's two names are pointed at the words layer
(tui/data/words.py), and put back after. In English the words layer gives every phrase back as it
is, so English output is argparse's own, letter for letter. The phrases argparse can say to a
reader of our command are marked below, so they are in our catalogue with their translations.

A canary test (tests/test_command_help_language.py) fails if a later Python stops looking its
words up this way, or changes one of these phrases.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from tui.data.sanitize import clean_line
from tui.data.words import N_, _, ngettext

OUR_LOOKUPS: dict[str, Callable[..., str]] = {"_": _, "ngettext": ngettext}
"""The names argparse calls to look a phrase up (its module's own globals), and ours for each."""

ARGPARSE_PHRASES: tuple[str, ...] = (
    # TRANSLATORS: argparse's own words (Python's standard library), exactly as it writes them;
    # keep every %s, %r and %(name)s.
    N_("usage: "),
    N_("options"),
    N_("positional arguments"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("unrecognized arguments: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
"""The phrases argparse may show a reader of `spasm-guide` (not those for a programmer, such as
"conflicting option string"), as argparse writes them."""


@contextmanager
def argparse_in_our_words() -> Iterator[None]:
    """Inside the block, argparse says its words in the language shown now (tui.data.words)."""
    before: dict[str, Callable[..., str]] = {name: getattr(argparse, name) for name in OUR_LOOKUPS}
    for name, lookup in OUR_LOOKUPS.items():
        setattr(argparse, name, lookup)
    try:
        yield
    finally:
        for name, lookup in before.items():
            setattr(argparse, name, lookup)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a mistake is one line naming it (not five lines of usage first), exit 2, and
    argparse's own words ("usage:", "invalid choice") in the reader's language (above)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with argparse_in_our_words():  # the "options" heading and -h's help are made here
            super().__init__(*args, **kwargs)

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None) -> tuple[argparse.Namespace, list[str]]:
        with argparse_in_our_words():  # its mistakes, and --help, are said in here
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with argparse_in_our_words():
            return super().format_usage()

    def format_help(self) -> str:
        with argparse_in_our_words():
            return super().format_help()

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse's own hides an OSError: `--version > /dev/full` said nothing and exited 0.
        if message:
            stream = file or sys.stderr
            stream.write(message)
            flush = getattr(stream, "flush", None)
            if callable(flush):
                flush()

    def parse_command_line(self, argv: list[str]) -> argparse.Namespace:
        """`parse_args`, with words left over said in our own words (argparse's own message is
        English text that would have to be taken apart again)."""
        args, extra = self.parse_known_args(argv)
        if extra:
            unknown = " ".join(extra)
            if extra[0].startswith("-"):
                self.error(_("unknown option {words}").format(words=unknown))
            self.error(_("unknown argument {words}").format(words=unknown))
        return args

    def error(self, message: str) -> NoReturn:
        see = _("(see {command} --help)").format(command=self.prog)
        self.exit(2, f"{self.prog}: {clean_line(message)} {see}\n")
