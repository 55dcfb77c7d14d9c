"""What the command reads, writes, answers and is used for: the tables that both `--help`
(tui.cli) and the manual page (tui.manpage) show, kept in one place so the two never differ."""

from __future__ import annotations

import textwrap

from tui.data.words import N_, _

ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("ACCESSIBLE", N_("set (to anything but 0): the whole guide as numbered prompts, as --accessible.")),
    ("NO_COLOR", N_("set: no colour at all; --plain sends no escape codes.")),
    ("TERM", N_("the terminal type; without a terminal, or with TERM=dumb, the full-screen guide does not start "
             "and one line says to use --plain or --accessible.")),
    ("ESCDELAY", N_("milliseconds to wait for the rest of an arrow key on a slow link (default 100).")),
    ("SPASM_GUIDE_PLAIN_DRIVER", N_("set to 1: send whole repaints, not only the cells that changed.")),
    ("SPASM_GUIDE_DEBUG", N_("set to 1: as --debug, a log of the run written to debug.log in the state folder.")),
    ("PULSE_SERVER", N_("where speech is played, e.g. a sound server forwarded over SSH.")),
    ("SSH_ORIGINAL_COMMAND", N_("with --hosted: the command the reader asked for (set by OpenSSH).")),
    ("SPASM_GUIDE_HOST", N_("with --hosted: the host name to show readers in commands to copy.")),
    ("SPASM_GUIDE_MAX_READERS, SPASM_GUIDE_READERS_DIR",
     N_("on a shared host: how many full-screen readers at once, and the folder that counts them "
     "(docs/scale-out.md).")),
    ("SPASM_GUIDE_IDLE_WARN_MINUTES, SPASM_GUIDE_IDLE_CLOSE_MINUTES",
     N_("on a shared host: warn an idle reader, then close the guide (the checklist is kept).")),
    ("LANGUAGE, LC_ALL, LC_MESSAGES, LANG",
     N_("the guide's language when neither --lang nor the setting 'language' chose one: the first of these "
     "that is set decides (es_MX.UTF-8 opens the guide in Spanish; C or POSIX mean English). Over SSH "
     "the client sends LANG when the server accepts it (AcceptEnv LANG LC_*).")),
    ("ESPEAK_DATA_PATH",
     N_("where eSpeak NG's voices are; a guide in a language with no voice there is text only.")),
    ("XDG_CONFIG_HOME, XDG_STATE_HOME, XDG_DATA_HOME, XDG_CACHE_HOME",
     N_("move the folders below.")),
)
"""Environment variables the guide reads, with what each does."""

FILES: tuple[tuple[str, str], ...] = (
    ("~/.config/spasm-guide/settings.toml", N_("settings: theme, region, speech, language, keys (Help, ? or F1, says "
                                            "how to change a key and lists the ids); comments in it are kept.")),
    ("~/.local/state/spasm-guide/checklist.toml", N_("the ticked checklist items, saved on every change.")),
    ("~/.local/share/spasm-guide/summaries/", N_("summaries saved for a doctor.")),
    ("~/.cache/spasm-guide/plain.txt", N_("the last --plain text, printed again while nothing changed.")),
    ("~/.local/state/spasm-guide/debug.log", N_("the log of the last --debug run.")),
)
"""Files the guide reads and writes."""

EXAMPLES: tuple[tuple[str, str], ...] = (
    ("spasm-guide", N_("open the full-screen guide.")),
    ("spasm-guide --plain | less", N_("read the whole guide as plain text.")),
    ("spasm-guide --lang es", N_("the whole guide in Spanish (la guía en español), read in a Spanish voice.")),
    ("spasm-guide --plain --section 6", N_("only section 6: when to get help.")),
    ("spasm-guide --checklist", N_("the symptom checklist as numbered questions.")),
    ("spasm-guide --speak --section 2", N_("hear section 2 read aloud.")),
    ("spasm-guide --completion bash > ~/.local/share/bash-completion/completions/spasm-guide",
     N_("complete options in bash (zsh: a file _spasm-guide on $fpath; fish: "
     "~/.config/fish/completions/spasm-guide.fish).")),
    ("spasm-guide --where", N_("where your settings, checklist and summaries are.")),
    ("spasm-guide --debug", N_("run as usual, then say where the log for a bug report is.")),
)
"""Commands a person might type, with what each does (--help and the manual page show them)."""

LANGUAGE_ORDER: tuple[tuple[str, str], ...] = (
    (N_("1. --lang CODE"), N_("on the command line: this run only (en English, es Español).")),
    ("2. language", N_("in settings.toml: the reader's saved choice (the start screen's Español or English key "
                    "and Settings save it).")),
    (N_("3. the environment"), N_("LANGUAGE, then LC_ALL, LC_MESSAGES, LANG: the first that is set decides.")),
    (N_("4. English"), N_("when none of these chose a language there is a guide in.")),
)
"""How the guide's language is chosen, the first that chooses deciding (tui/data/language_choice.py).
A guide given with --content is shown in its own language ([language] in its guide.toml)."""

EXIT_STATUS: tuple[tuple[str, str], ...] = (
    ("0", N_("done, or quit.")),
    ("2", N_("a mistake in an option or a file (one line names it), no terminal for the full-screen guide, "
          "or output that cannot be written.")),
    ("75", N_("a shared host already has as many readers as it allows: try again in a minute.")),
    ("130, 143, 129", N_("ended by Ctrl+C, SIGTERM or SIGHUP; the terminal is restored first.")),
)
"""Exit statuses and their meaning."""


def translated(rows: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """A table's rows in the language shown now: each text, and each name marked as a phrase
    ("4. English"); commands, variables and paths are the same in every language."""
    return [(_(name), _(text)) for name, text in rows]


def help_epilog() -> str:
    """The end of --help: examples, environment variables and files, from the manual page's tables."""
    def block(title: str, rows: tuple[tuple[str, str], ...], prefix: str = "") -> list[str]:
        # A name, then its text from column 32 (or on the lines below it, if the name is long),
        # wrapped at 79 columns: the layout of gh's help.
        lines = [title]
        for name, text in translated(rows):
            head = f"  {prefix}{name}"
            wrapped = textwrap.wrap(text, 79 - 32) if len(head) < 30 else textwrap.wrap(text, 79 - 6)
            if len(head) < 30:
                lines += [f"{head:<32}{wrapped[0]}", *(" " * 32 + more for more in wrapped[1:])]
            else:
                lines += [head, *("      " + more for more in wrapped)]
        return [*lines, ""]

    return "\n".join([*block(_("examples:"), EXAMPLES, "$ "),
                      *block(_("language (the first that chooses decides; --content: the guide's own):"),
                             LANGUAGE_ORDER),
                      *block(_("environment variables:"), ENVIRONMENT),
                      *block(_("files:"), FILES),
                      # wrapped as the rows are: a translation may be longer than a line
                      textwrap.fill(_("Learn more: man spasm-guide; in the guide, ? or F1 opens Help on any "
                                      "screen."), 79)])
