"""`spasm-guide --hosted`: what a reader on a hosted SSH account may ask for, git-shell style.

The account's `ForceCommand spasm-guide --hosted` runs whatever the reader typed after the host
name (`ssh clinic@host plain 3`) only as far as this module allows: OpenSSH puts the reader's
words in `SSH_ORIGINAL_COMMAND`, and this module matches them against a short fixed list and
builds the guide's own argument list from constants. Nothing the reader typed ever reaches a
shell, a file name or an option: the only reader text that survives is a section number, and
only as the digits 1-99, which the guide then checks against its sections.

A refused command gets one line naming what is allowed, and exit status 2. It is written to the
reader's own stderr and nowhere else: no log on the server keeps a reader's words (OpenSSH, at
its default log level, does not record the command either), so there is nothing to leak and no
file for a stranger to fill.

Pure functions first (parsing, the commands to show a reader), then the entry point.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.data.words import N_, _

if TYPE_CHECKING:
    from tui.data.content import Block

COMMAND_ENV = "SSH_ORIGINAL_COMMAND"
"""Where OpenSSH puts the command the client asked for when a ForceCommand replaces it."""

HOST_ENV = "SPASM_GUIDE_HOST"
"""The host name to show readers (set by the host); else the address they connected to."""

HOST_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9.:-]{0,252}")
"""A host name or address as `--hosted` accepts it (it is shown to readers to copy)."""

MAX_COMMAND = 64
"""Longer than any allowed command: anything longer is refused before it is split."""

WITH_NO_TERMINAL = "plain [N], accessible, checklist, speak [N], help"
"""The commands that need no terminal."""



def refused_line() -> str:
    """The one line a refused command gets, in the language shown now (the reader's words are not
    echoed back: they could hold terminal control codes, and the reader knows what they typed).
    The command names are the same in every language."""
    return _("spasm-guide: this account offers only: {commands}, or nothing (the full-screen guide). N is a "
             "section number. Try: help").format(commands=WITH_NO_TERMINAL)


def no_terminal_line() -> str:
    """Said when the full screen is asked for with no terminal (ssh -T, or a script)."""
    return _("spasm-guide: the full-screen guide needs a terminal: connect with ssh -t, or ask for one of: "
             "{commands}").format(commands=WITH_NO_TERMINAL)


REFUSED = refused_line()
"""`refused_line()` in English (the language at import)."""

COMMANDS: tuple[tuple[str, str], ...] = (
    (N_("(nothing)"), N_("the full-screen guide: ssh guide@host")),
    ("plain [N]", N_("the guide, or section N, as plain text")),
    ("accessible", N_("the whole guide as numbered prompts, for screen readers")),
    ("checklist", N_("the symptom checklist as numbered prompts")),
    ("speak [N]", N_("the guide, or section N, read aloud as a WAV stream for a player on the reader's "
                  "computer: ssh guide@host speak 3 | aplay (or paplay, play -q -, ffplay -nodisp -autoexit -)")),
    ("help", N_("these commands, ready to copy, with this host's name")),
)
"""The hosted commands and what each does (the manual page and the README list these; each text
through `_()` where it is shown)."""

NO_TERMINAL = no_terminal_line()
"""`no_terminal_line()` in English (the language at import)."""

PLAYERS: tuple[tuple[str, str], ...] = (
    ("Linux", "aplay"),
    (N_("Linux with PulseAudio or PipeWire"), "paplay"),
    (N_("macOS or Linux with SoX"), "play -q -"),
    (N_("Windows (PowerShell or cmd) with ffmpeg, or anywhere"), "ffplay -nodisp -autoexit -"),
)
"""(where, player) for the speech stream: each reads a WAV from standard input. "where" is shown
through `_()`."""


HOSTED_ENV = "SPASM_GUIDE_HOSTED"
"""Set (to the host name given, or empty) by `--hosted` for the guide it starts, so the guide
shows hosted commands (`ssh clinic@host speak 3`) rather than full command lines."""


@dataclass(frozen=True)
class HostedCommand:
    """A reader's command, understood: the guide's own arguments, or the help list."""

    argv: tuple[str, ...]
    """What the guide runs with (only constants and a checked section number)."""
    help: bool = False
    """The reader asked for the list of commands (argv is then empty)."""


def parse_command(raw: str | None) -> HostedCommand | None:
    """The reader's command as guide arguments, or None to refuse it.

    Only printable ASCII words separated by spaces; the first must be one of the list and the
    only other word allowed is a section number (1-99) after `plain` or `speak`.
    """
    if raw is None:
        return HostedCommand(())
    if len(raw) > MAX_COMMAND or any(not (" " <= ch <= "~" or ch == "\t") for ch in raw):
        return None
    words = raw.split()
    if not words:
        return HostedCommand(())
    name, rest = words[0].lower(), words[1:]
    if name in ("accessible", "checklist") and not rest:
        return HostedCommand((f"--{name}",))
    if name == "help" and not rest:
        return HostedCommand((), help=True)
    if name in ("plain", "speak") and len(rest) <= 1:
        mode = ("--plain",) if name == "plain" else ("--speak-to", "-")
        if not rest:
            return HostedCommand(mode)
        number = rest[0]
        if number.isascii() and number.isdigit() and len(number) <= 2 and int(number) >= 1:
            return HostedCommand((*mode, "--section", str(int(number))))
    return None


def account_name() -> str:
    """The account this runs as: the user name a reader logs in with."""
    try:
        return pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        return os.environ.get("USER", "guide")


def login_words(env: Mapping[str, str], user: str, host_name: str = "") -> list[str]:
    """`ssh [-p PORT] user@host` as words, for the reader's own computer.

    The host name the reader typed never reaches the server, so: the name the host gave
    (`--hosted NAME` or SPASM_GUIDE_HOST), else the server address and port the reader's
    connection arrived at (the third and fourth fields of SSH_CONNECTION).
    """
    fields = env.get("SSH_CONNECTION", "").split()
    address = fields[2] if len(fields) == 4 else "your-host"
    port = fields[3] if len(fields) == 4 and fields[3].isdigit() else "22"
    host = host_name or env.get(HOST_ENV, "").strip() or address
    words = ["ssh"]
    if port != "22":
        words += ["-p", port]
    return [*words, f"{user}@{host}"]


def listen_command(env: Mapping[str, str], section: int | None, player: str = "aplay",
                   user: str | None = None, host_name: str = "") -> str:
    """The command that plays `section` (or the whole guide) on the reader's own computer.

    On a hosted account (`--hosted`) that is its `speak` command; on an ordinary account the
    reader can run the guide itself, so it is the full command line.
    """
    hosted = env.get(HOSTED_ENV)
    host_name = host_name or (hosted or "")
    words = [*login_words(env, user or account_name(), host_name)]
    if hosted is None and not host_name:
        words += ["spasm-guide", "--speak-to", "-"] + (["--section", str(section)] if section is not None else [])
    else:
        words += ["speak"] + ([str(section)] if section is not None else [])
    return f"{shlex.join(words)} | {player}"


def listen_lines(env: Mapping[str, str], section: int | None) -> list[str]:
    """One line per system: where, then the command to run there (for the dialog and Help)."""
    return [f"{_(where)}: {listen_command(env, section, player)}" for where, player in PLAYERS]


def help_text(env: Mapping[str, str], user: str | None = None, host_name: str = "") -> str:
    """What `ssh account@host help` prints: every command, ready to copy."""
    env = {HOSTED_ENV: host_name, **env}
    login = shlex.join(login_words(env, user or account_name(), host_name))
    rows = [
        (login, _("the full-screen guide (q quits)")),
        (f"{login} plain", _("the whole guide as plain text")),
        (f"{login} plain 3", _("section 3 only, as plain text")),
        (f"{login} accessible", _("the guide as numbered prompts, for screen readers")),
        (f"{login} checklist", _("the symptom checklist as numbered prompts")),
        (f"{login} speak 3 | aplay", _("section 3 read aloud, played on your computer")),
        (f"{login} help", _("this list")),
    ]
    width = max(len(command) for command, _what in rows)
    lines = [_("This account offers the spasm-guide and nothing else. On your own computer, run:"), ""]
    lines += [f"  {command.ljust(width)}  {what}" for command, what in rows]
    lines += ["", _("Speech comes as a WAV stream. Players that read it from a pipe:")]
    lines += [f"  {_(where)}: {listen_command(env, 3, player, user, host_name)}" for where, player in PLAYERS]
    return "\n".join(lines) + "\n"


def hosted_argv(options: list[str], env: Mapping[str, str]) -> list[str] | int:
    """The guide's arguments for this connection, or an exit status after printing the help or
    the refusal. `options` are what follows `--hosted` in the ForceCommand (at most a host name)."""
    import sys

    from tui.data.language_choice import language_before_parsing
    from tui.data.words import in_language

    # What is said here comes before the guide's own start (cli.main), which chooses the language:
    # chosen here the same way (the reader's saved setting, then LANG sent over SSH), so a Spanish
    # reader's `ssh host help` is in Spanish.
    with in_language(language_before_parsing([], env)):
        if len(options) > 1 or (options and not HOST_NAME.fullmatch(options[0])):
            print(_("spasm-guide: --hosted takes at most one word, the host name to show readers "
                    "(letters, digits, dots, dashes and colons)"), file=sys.stderr)
            return 2
        host_name = options[0] if options else ""
        command = parse_command(env.get(COMMAND_ENV))
        if command is None:
            print(refused_line(), file=sys.stderr, flush=True)
            return 2
        if not command.argv and not command.help and not (sys.stdin.isatty() and sys.stdout.isatty()):
            # The full screen needs a terminal; the guide's own line would advise options this
            # account cannot take, so say what this account can do instead.
            print(no_terminal_line(), file=sys.stderr, flush=True)
            return 2
        if command.help:
            sys.stdout.write(help_text(env, host_name=host_name))
            sys.stdout.flush()
            return 0
    os.environ[HOSTED_ENV] = host_name  # the guide's dialogs then show hosted commands
    return list(command.argv)


def remote_help_blocks(env: Mapping[str, str], section: int | None) -> tuple[Block, ...]:
    """Help's part for a reader over SSH: the commands that play this section at home."""
    from tui.data.content import Block

    if section is not None:
        said = _("Speech plays on the server. To hear section {number} on your own computer, run one of these "
                 "there:").format(number=section)
    else:
        said = _("Speech plays on the server. To hear the whole guide on your own computer, run one of these there:")
    return (Block("subheading", (_("Hearing it on your own computer"),)),
            Block("paragraph", (said,)),
            Block("bullets", tuple(listen_lines(env, section))))
