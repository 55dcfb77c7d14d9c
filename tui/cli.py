"""The `spasm-guide` command: choose a mode, load the content, run.

The plain, prompt and speech modes never import Textual: they must start fast and work on the
thinnest link. Only the full-screen mode imports the app.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
import tempfile
from pathlib import Path

from tui import __version__, debug_log
from tui.argparse_words import OneLineParser
from tui.command_facts import help_epilog
from tui.data.bundled import bundled_languages
from tui.data.content import Guide, load_guide
from tui.data.errors import GuideError
from tui.data.sanitize import clean_line
from tui.data.settings import THEMES, Settings, load_settings
from tui.data.words import _
from tui.lifecycle import (
    cannot_write,
    die_by,
    exit_on_signals,
    exit_status_once_written,
    interrupt_by_exception,
    output_failed,
    quiet_broken_stdout,
    say,
    stdio_closed,
    terminal_problem,
    tidy_temp_files,
)


def build_parser() -> OneLineParser:
    """The command line: the one table both --help and the manual page (spasm-guide.1) come from,
    in the language shown now (tui.data.words: chosen before it is built, see `main`)."""
    parser = OneLineParser(
        prog="spasm-guide",
        description=_("An accessible guide to muscle spasms. Information, not a diagnosis."),
        epilog=help_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--plain", action="store_true", help=_("print the guide as plain text and exit"))
    mode.add_argument("--checklist", action="store_true", help=_("the symptom checklist as numbered prompts"))
    mode.add_argument("--accessible", action="store_true",
                      help=_("the whole guide as plain numbered prompts (also: ACCESSIBLE=1)"))
    mode.add_argument("--speak", action="store_true", help=_("read the guide aloud with no interface"))
    # TRANSLATORS: a placeholder for an option's value, in capitals (the option stays as typed).
    mode.add_argument("--speak-to", metavar=_("FILE.wav"), type=Path,
                      help=_("write the spoken guide to a WAV file, or with - stream it to standard output "
                             "for a player (spasm-guide --speak-to - | aplay)"))
    parser.add_argument("--replace", action="store_true", help=_("with --speak-to: replace FILE.wav if it exists"))
    parser.add_argument("--section", type=int, metavar=_("N"),
                        help=_("only section N (with --plain or --speak), or open the guide at section N"))
    parser.add_argument("--content", type=Path, metavar=_("DIR"),
                        help=_("load another guide in the same format (shown in its own [language])"))
    parser.add_argument("--lang", type=lang_argument, metavar=_("CODE"), choices=bundled_languages(),
                        help=_("the guide's language for this run: en (English) or es (Español); before it "
                               "came the setting 'language', then LANGUAGE, LC_ALL, LC_MESSAGES and LANG"))
    parser.add_argument("--theme", choices=sorted(THEMES), help=_("colour theme for this run"))
    parser.add_argument("--hosted", nargs="?", const="", metavar=_("HOST"),
                        help=_("for an SSH account's ForceCommand: run only what the reader asked for "
                               "(plain [N], accessible, checklist, speak [N], help); HOST is the name to show"))
    parser.add_argument("--version", action="version", version=f"spasm-guide {__version__}",
                        help=_("show program's version number and exit"))
    add_shell_and_report_options(parser)
    return parser


def lang_argument(value: str) -> str:
    """`--lang CODE` checked: a language there is a guide in ("es", "es-419" and "es_MX" all mean
    Spanish), or one line naming the option and the languages there are."""
    from tui.data.language_choice import command_line_language, known_languages_in_words

    code = command_line_language(value)
    if code is None:
        raise argparse.ArgumentTypeError(_("'{value}' is not a language of the guide; choose {languages}").format(
            value=clean_line(value)[:40], languages=known_languages_in_words()))
    return code


# ---- Options every terminal program is expected to have: shell completion, a debug log, where
# the files are, and a --help with examples, environment variables and files (gh's layout).

def add_shell_and_report_options(parser: argparse.ArgumentParser) -> None:
    """--completion, --where and --debug, in a group of their own in --help."""
    from tui.completion import SHELLS

    group = parser.add_argument_group(_("for your shell and for bug reports"))
    group.add_argument("--completion", choices=SHELLS, metavar=_("SHELL"),
                       help=_("print the completion script for bash, zsh or fish, and exit"))
    group.add_argument("--where", action="store_true",
                       help=_("print the folders of the settings, state, cache, data and summaries, and exit"))
    group.add_argument("--debug", action="store_true",
                       help=_("write a log of this run (timings, the terminal's details) and say where "
                              "(also: {variable}=1)").format(variable=debug_log.DEBUG_VARIABLE))


def answer_and_exit(args: argparse.Namespace) -> int | None:
    """Print what --completion or --where asks for and return 0; None for a normal run."""
    if args.completion:
        from tui.completion import completion_script

        sys.stdout.write(completion_script(args.completion, build_parser()))
        return 0
    if args.where:
        from tui.where import where_text

        sys.stdout.write(where_text())
        return 0
    return None

# ---- end of the options every terminal program is expected to have


def check_speak_to(target: Path, replace: bool = False) -> None:
    """Refuse a --speak-to file that is not .wav, that is there already (without --replace), in
    a folder that does not exist or cannot be written, or reached through another user's link
    (tui/data/safe_save.py), naming it."""
    from tui.data.safe_save import SaveProblem, check_target, exists

    if target.suffix.lower() != ".wav":
        raise GuideError(target, _("--speak-to writes WAV audio only: give a file name ending in .wav"))
    try:
        check_target(target, confined=False)
    except SaveProblem as exc:
        raise GuideError(None, str(exc)) from None
    if exists(target) and not replace:
        raise GuideError(target, _("there is a file of that name already; add --replace to replace it"))
    folder = target.parent
    try:
        # A real try, not os.access: it also answers for root, read-only mounts and /proc.
        probe, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
        os.close(probe)
        os.unlink(name)
    except OSError as exc:
        raise GuideError(target, _("cannot write there ({reason})").format(reason=exc.strerror or exc)) from None


def check_section(guide: Guide, number: int | None) -> None:
    """Reject a --section that the guide does not have, naming the range.

    A hosted reader typed `plain 12` or `speak 12`, never `--section`, so they are told in
    their own words."""
    if number is not None and not 1 <= number <= len(guide.sections):
        from tui.hosted import HOSTED_ENV

        asked = _("section {number}").format(number=number) if HOSTED_ENV in os.environ else f"--section {number}"
        raise GuideError(None, _("{asked}: choose a number from 1 to {highest}").format(
            asked=asked, highest=len(guide.sections)))


def run(args: argparse.Namespace, guide: Guide, settings: Settings, warning: str | None,
        argv: list[str] | None = None) -> int:
    """Dispatch to the chosen mode and return the exit status."""
    check_section(guide, args.section)
    full_screen = not (args.plain or args.checklist or args.accessible or args.speak or args.speak_to
                       or os.environ.get("ACCESSIBLE", "") not in ("", "0"))
    if full_screen and (problem := terminal_problem(sys.stdin, sys.stdout, os.environ)):
        raise GuideError(None, problem)
    if args.hosted is not None:
        raise GuideError(None, _("--hosted must be the first option (the ForceCommand of a hosted account)"))
    if args.speak or args.speak_to is not None:
        settings = guide_voice(guide, settings)
    if args.speak_to is not None and str(args.speak_to) == "-":
        from tui.speech.stream import run_stream

        interrupt_by_exception()
        return run_stream(guide, settings, args.section, warning)
    if args.speak_to is not None:
        check_speak_to(args.speak_to, args.replace)
    if warning and not full_screen:
        for line in warning.splitlines():
            print(f"spasm-guide: {line}", file=sys.stderr)
    if args.plain:
        from tui.plain.render import print_plain, use_styling

        text = print_plain(guide, settings, sys.stdout, args.section)
        if argv is not None and args.content is None and not use_styling(sys.stdout):
            from tui.plain.fast import store

            store(argv, text)
        return 0
    if args.checklist:
        from tui.plain.checklist_prompts import run_checklist_prompts

        interrupt_by_exception()
        return run_checklist_prompts(guide, settings, sys.stdin, sys.stdout)
    if args.accessible or os.environ.get("ACCESSIBLE", "") not in ("", "0"):
        from tui.plain.linear import run_linear

        interrupt_by_exception()
        return run_linear(guide, settings, sys.stdin, sys.stdout)
    if args.speak or args.speak_to:
        from tui.speech.listen import run_listen

        interrupt_by_exception()
        return run_listen(guide, settings, args.section, args.speak_to)
    return run_full_screen(args, guide, settings, warning)


def guide_voice(guide: Guide, settings: Settings) -> Settings:
    """The reader's settings with the voice for the guide's language (`[language] voice`) when the
    reader chose none, or one of another language: an English voice reading Spanish says "lame"
    for "Llame". Only for the listening modes, which never save settings, so the choice is not
    written into the reader's settings file."""
    from tui.data.language_choice import reading_voice

    voice = reading_voice(settings.speech_voice, guide.language)
    if voice == settings.speech_voice:
        return settings
    from dataclasses import replace

    return replace(settings, speech_voice=voice)


def load_chosen_guide(args: argparse.Namespace, settings: Settings) -> tuple[Guide, str]:
    """The guide in the chosen language (tui/data/language_choice.py: --lang, then the setting,
    then the environment, then English), its interface words set to match, and what chose it. A
    guide given with --content is in its own language: its `[language]` decides the words."""
    from tui.data.words import use_language

    if args.content is not None:
        if args.lang:
            raise GuideError(None, _("--lang chooses among the bundled guides; a guide given with --content "
                                     "is shown in its own language ([language] in its guide.toml)"))
        guide = load_guide(args.content)
        use_language(guide.language.code)
        return guide, "--content"
    from tui.data.language_choice import choose_language, guide_folder

    choice = choose_language(args.lang, settings.language)
    use_language(choice.code)
    return load_guide(guide_folder(choice.code)), choice.source


def run_full_screen(args: argparse.Namespace, guide: Guide, settings: Settings, warning: str | None) -> int:
    """The full-screen guide, ended cleanly by q, Ctrl+C, SIGTERM or SIGHUP."""
    from tui.fullscreen.app import GuideApp
    from tui.fullscreen.process_setup import tune_process_for_the_full_screen
    from tui.output.early_paint import leave_and_die

    # Textual's frame period and caches and the thread switch interval are the process's: set
    # once, here, before the app is made (tui/fullscreen/process_setup.py says why each).
    tune_process_for_the_full_screen()

    # Textual sizes itself with shutil.get_terminal_size(), and Rich's console (made with the
    # app) with os.environ, both believing COLUMNS and LINES first: exported by a shell or a
    # script, they would stop the guide following a resize, and a size that is not the
    # terminal's left it drawing for ever. Gone before either looks.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)
    # Anything printed now would vanish behind the full screen: the app says it instead.
    app = GuideApp(guide, settings, theme_override=args.theme, startup_message=warning,
                   start_section=args.section)
    ended_by: list[int] = []

    def stop(signum: int) -> None:
        ended_by.append(signum)
        # After the next refresh, not now: a signal that comes while the first screen is still
        # being built would take its widgets away under its own mount handlers (a traceback).
        app.call_after_refresh(app.exit, return_code=128 + signum)

    exit_on_signals(stop, before_loop=leave_and_die)
    # What is made by now (modules, classes, Textual's tables, the guide's content: nearly all the
    # objects the guide will ever have, and none of them garbage) is kept out of the cycle
    # collector's later passes. A full pass over them took about 30 ms; one falling inside a key
    # press made its frame late for a screen reader, which read the line just left (1 press in
    # 100 through the checklist beside a busy process, at both sizes, before; 0 after).
    import gc

    from tui.fullscreen.rest_collector import take_over_passes

    gc.freeze()
    # And from here the app does every pass itself, between frames (rest_collector.py says why).
    take_over_passes()
    app.run(mouse=False)  # keyboard first; any-motion mouse tracking repaints on every move
    if ended_by:
        return die_by(ended_by[0])  # the terminal is restored, the speech worker stopped
    if not app.return_code and sys.stdout.isatty():
        # One line on the normal screen, the last thing a screen reader says (choices are saved
        # as they are made). From the row's start ("\r": a screen reader's own copy of the screen
        # may keep the cursor where the app left it, and a terminal left raw does not return at a
        # newline) and in rows broken between words: in Spanish it is longer than 40 columns, and
        # tdsr said "e", "stá" for "está" cut at the edge.
        from shutil import get_terminal_size

        from tui.data.wrap import wrap_message

        rows = wrap_message(_("Closed. Your checklist is saved."), get_terminal_size().columns - 1)
        print("\r" + "\r\n".join(rows))
    return app.return_code or 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: user mistakes become one line on stderr and exit status 2."""
    argv = sys.argv[1:] if argv is None else argv
    if problem := stdio_closed():
        say(problem)
        return 2
    if sys.stdin is None:
        sys.stdin = io.StringIO()  # started with stdin closed: the prompts see the end of input
    elif isinstance(sys.stdin, io.TextIOWrapper):
        # A byte that is not UTF-8 (a Latin-1 terminal's "é") is read as U+FFFD, never an error.
        sys.stdin.reconfigure(errors="replace")
    if argv[:1] == ["--hosted"] or (argv[:1] and argv[0].startswith("--hosted=")):
        from tui.hosted import hosted_argv

        first = argv[0].partition("=")
        allowed = hosted_argv([first[2], *argv[1:]] if first[1] else argv[1:], os.environ)
        return allowed if isinstance(allowed, int) else main(allowed)
    # --help, and a mistake in an option, are said in the guide's language: chosen before the
    # parser is made (its help texts are looked up as it is built).
    from tui.data.language_choice import language_before_parsing
    from tui.data.words import use_language

    use_language(language_before_parsing(argv))
    try:
        args = build_parser().parse_command_line(argv)
    except SystemExit as done:  # --help or --version printed, or a mistake said: was it written?
        return exit_status_once_written(done.code)
    except OSError as exc:  # it could not be (OneLineParser writes without hiding the error)
        return 2 if output_failed(exc) else 0
    if (answered := answer_and_exit(args)) is not None:
        return answered
    debug = debug_log.start(args.debug, argv, os.environ)
    status = run_guarded(args, argv, debug)
    if debug is not None:
        say(debug.close(status))
    return status


def run_guarded(args: argparse.Namespace, argv: list[str], debug: debug_log.DebugLog | None = None) -> int:
    """Load and run the chosen mode: user mistakes become one line on stderr and exit status 2."""
    try:
        tidy_temp_files()
        settings, warning = load_settings()
        guide, chosen_by = load_chosen_guide(args, settings)
        if debug is not None:
            debug.step(f"guide and settings loaded; language {guide.language.code} (chosen by {chosen_by}); "
                       f"settings warning: {warning!r}")
        # Only a clean run (and not a debug run) may seed the --plain cache: a warning must be
        # said every time.
        return run(args, guide, settings, warning, None if warning or debug else argv)
    except GuideError as exc:
        say(exc.one_line())
        return 2
    except (RecursionError, MemoryError) as exc:
        # Belt and braces: the loaders turn these into GuideErrors naming the file.
        say(_("the guide's files are too large or too deeply nested to load ({problem})").format(
            problem=type(exc).__name__))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `spasm-guide --plain | head` closes the pipe early: not an error worth a traceback.
        quiet_broken_stdout()
        return 0
    except OSError as exc:
        # Output that cannot be written (a full disk, a vanished terminal): one line, not a traceback.
        if exc.errno in (errno.EBADF, errno.EIO, errno.ENOSPC, errno.EPIPE):
            quiet_broken_stdout()
            say(cannot_write(exc))
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
