"""Shell completion for bash, zsh and fish: `spasm-guide --completion SHELL` prints the script.

Made from the same option table as `--help` and the manual page (`tui.cli.build_parser`), so an
option added there is completed everywhere with no list kept by hand. An option that takes a
folder or a file completes paths; one with choices completes those.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass
from pathlib import Path

SHELLS = ("bash", "zsh", "fish")
"""The shells a script can be printed for."""

PROG = "spasm-guide"

FOLDER_OPTIONS = frozenset({"content"})
"""The options (by their `dest`) whose value is a folder; any other option that takes a path takes a file."""


@dataclass(frozen=True)
class Option:
    """One option as completion sees it."""

    names: tuple[str, ...]
    help: str
    takes: str
    """"" (a switch), "dir", "file", "choice" or "value" (anything, e.g. a number)."""
    choices: tuple[str, ...] = ()


def options(parser: argparse.ArgumentParser) -> list[Option]:
    """Every option of `parser`, in --help's order, with what its value is."""
    found: list[Option] = []
    for action in parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        choices = tuple(str(choice) for choice in action.choices or ())
        if action.nargs == 0:
            takes = ""
        elif choices:
            takes = "choice"
        elif action.type is Path:
            # Told by what the value is, not by its placeholder (FILE.wav, DIR), which --help
            # shows in the reader's language.
            takes = "dir" if action.dest in FOLDER_OPTIONS else "file"
        else:
            takes = "value"
        found.append(Option(tuple(action.option_strings), str(action.help or ""), takes, choices))
    return found


def bash_script(opts: list[Option]) -> str:
    """A bash completion function, registered for `spasm-guide`."""
    cases = []
    for opt in opts:
        pattern = "|".join(opt.names)
        if opt.takes == "choice":
            choices = shlex.quote(" ".join(opt.choices))
            cases.append(f'    {pattern}) COMPREPLY=($(compgen -W {choices} -- "$cur")); return;;')
        elif opt.takes == "dir":
            cases.append(f'    {pattern}) COMPREPLY=($(compgen -d -- "$cur")); return;;')
        elif opt.takes == "file":
            cases.append(f'    {pattern}) COMPREPLY=($(compgen -f -- "$cur")); return;;')
        elif opt.takes == "value":
            cases.append(f"    {pattern}) return;;")
    words = " ".join(name for opt in opts for name in opt.names)
    return "\n".join([
        f"# bash completion for {PROG}: made by `{PROG} --completion bash`",
        "_spasm_guide() {",
        '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        "  COMPREPLY=()",
        '  case "$prev" in',
        *cases,
        "  esac",
        f'  COMPREPLY=($(compgen -W {shlex.quote(words)} -- "$cur"))',
        "}",
        f"complete -o filenames -F _spasm_guide {PROG}",
        "",
    ])


def zsh_escape(text: str) -> str:
    """Text for inside a zsh `_arguments` spec: its brackets, colons and quotes escaped."""
    return text.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh_script(opts: list[Option]) -> str:
    """A zsh completion function (`#compdef`), for a folder on `fpath` or to be sourced."""
    specs = []
    for opt in opts:
        action = {"": "", "dir": ":folder:_files -/", "file": ":file:_files",
                  "choice": f":value:({' '.join(opt.choices)})", "value": ":value: "}[opt.takes]
        described = f"[{zsh_escape(opt.help)}]{action}'"
        if len(opt.names) == 1:
            specs.append(f"    '{opt.names[0]}{described} \\")
        else:  # '(-h --help)'{-h,--help}'[...]': the braces outside the quotes, so zsh expands them
            specs.append(f"    '({' '.join(opt.names)})'{{{','.join(opt.names)}}}'{described} \\")
    return "\n".join([
        f"#compdef {PROG}",
        f"# zsh completion for {PROG}: made by `{PROG} --completion zsh`",
        "_spasm_guide() {",
        "  _arguments -s \\",
        *specs,
        "    && return 0",
        "}",
        # Autoloaded from a file _spasm-guide on $fpath: complete now. Sourced: register it.
        'if [ "$funcstack[1]" = "_spasm-guide" ]; then',
        '  _spasm_guide "$@"',
        "else",
        f"  compdef _spasm_guide {PROG}",
        "fi",
        "",
    ])


def fish_script(opts: list[Option]) -> str:
    """fish `complete` lines, for ~/.config/fish/completions/spasm-guide.fish."""
    lines = [f"# fish completion for {PROG}: made by `{PROG} --completion fish`", f"complete -c {PROG} -f"]
    for opt in opts:
        flags = " ".join(f"-l {name[2:]}" if name.startswith("--") else f"-s {name[1:]}" for name in opt.names)
        value = {"": "", "dir": " -r -F -a '(__fish_complete_directories)'", "file": " -r -F",
                 "choice": f" -x -a {shlex.quote(' '.join(opt.choices))}", "value": " -x"}[opt.takes]
        lines.append(f"complete -c {PROG} {flags}{value} -d {shlex.quote(opt.help)}")
    return "\n".join(lines) + "\n"


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    """The completion script for `shell` (one of SHELLS), for the command `parser` describes."""
    maker = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}[shell]
    return maker(options(parser))
