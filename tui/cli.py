"""The `spasm-guide` command: choose a mode, load the content, run.

The plain, prompt and speech modes never import Textual: they must start fast and work on the
thinnest link. Only the full-screen mode imports the app.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tui import __version__
from tui.data.content import Guide, load_guide
from tui.data.errors import GuideError
from tui.data.settings import THEMES, Settings, load_settings


def build_parser() -> argparse.ArgumentParser:
    """The command line, described for --help."""
    parser = argparse.ArgumentParser(
        prog="spasm-guide",
        description="An accessible guide to muscle spasms. Information, not a diagnosis.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--plain", action="store_true", help="print the guide as plain text and exit")
    mode.add_argument("--checklist", action="store_true", help="the symptom checklist as numbered prompts")
    mode.add_argument("--accessible", action="store_true",
                      help="the whole guide as plain numbered prompts (also: ACCESSIBLE=1)")
    mode.add_argument("--speak", action="store_true", help="read the guide aloud with no interface")
    mode.add_argument("--speak-to", metavar="FILE.wav", type=Path, help="write the spoken guide to a WAV file")
    parser.add_argument("--section", type=int, metavar="N", help="with --plain or --speak: only section N")
    parser.add_argument("--content", type=Path, metavar="DIR", help="load another guide in the same format")
    parser.add_argument("--theme", choices=sorted(THEMES), help="colour theme for this run")
    parser.add_argument("--version", action="version", version=f"spasm-guide {__version__}")
    return parser


def check_section(guide: Guide, number: int | None) -> None:
    """Reject a --section that the guide does not have, naming the range."""
    if number is not None and not 1 <= number <= len(guide.sections):
        raise GuideError(None, f"--section {number}: choose a number from 1 to {len(guide.sections)}")


def run(args: argparse.Namespace, guide: Guide, settings: Settings, warning: str | None,
        argv: list[str] | None = None) -> int:
    """Dispatch to the chosen mode and return the exit status."""
    check_section(guide, args.section)
    full_screen = not (args.plain or args.checklist or args.accessible or args.speak or args.speak_to
                       or os.environ.get("ACCESSIBLE", "") not in ("", "0"))
    if warning and not full_screen:
        print(f"spasm-guide: {warning}", file=sys.stderr)
    if args.plain:
        from tui.plain.render import print_plain, use_styling

        text = print_plain(guide, settings, sys.stdout, args.section)
        if argv is not None and args.content is None and not use_styling(sys.stdout):
            from tui.plain.fast import store

            store(argv, text)
        return 0
    if args.checklist:
        from tui.plain.checklist_prompts import run_checklist_prompts

        return run_checklist_prompts(guide, settings, sys.stdin, sys.stdout)
    if args.accessible or os.environ.get("ACCESSIBLE", "") not in ("", "0"):
        from tui.plain.linear import run_linear

        return run_linear(guide, settings, sys.stdin, sys.stdout)
    if args.speak or args.speak_to:
        from tui.speech.listen import run_listen

        return run_listen(guide, settings, args.section, args.speak_to)
    from tui.app import GuideApp

    # Anything printed now would vanish behind the full screen: the app says it instead.
    app = GuideApp(guide, settings, theme_override=args.theme, startup_message=warning)
    # Textual sizes itself with shutil.get_terminal_size(), which believes COLUMNS and LINES
    # first: exported by a shell or a script, they would stop the guide following a resize.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    app.run(mouse=False)  # keyboard first; any-motion mouse tracking repaints on every move
    if not app.return_code and sys.stdout.isatty():
        # One line on the normal screen, the last thing a screen reader says (ticks are saved as
        # they are made).
        print("Closed. Your checklist is saved.")
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become one line on stderr and exit status 2."""
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    try:
        guide = load_guide(args.content)
        settings, warning = load_settings()
        # Only a clean run may seed the --plain cache: a warning must be said every time.
        return run(args, guide, settings, warning, None if warning else argv)
    except GuideError as exc:
        print(f"spasm-guide: {exc.one_line()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `spasm-guide --plain | head` closes the pipe early: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
