"""What a terminal user expects of a command: shell completion (bash, zsh, fish, each run by the
shell itself), `--where`, `--debug` (and SPASM_GUIDE_DEBUG), and a `--help` with examples,
environment variables and files; the manual page lists them all.

Fast tests: no marks (each runs the command or a shell once or twice).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import build_parser
from tui.command_facts import ENVIRONMENT, EXAMPLES, FILES
from tui.completion import completion_script
from tui.data.content import load_guide
from tui.manpage import render


def guide(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL)


def bash_completes(line: str, tmp_path: Path) -> list[str]:
    """What bash offers at the end of `line`, with the printed script loaded."""
    script = tmp_path / "spasm-guide.bash"
    script.write_text(guide("--completion", "bash").stdout, encoding="utf-8")
    words = line.split(" ")
    probe = (f'source {script}; COMP_WORDS=({" ".join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}; '
             '_spasm_guide; printf "%s\\n" "${COMPREPLY[@]}"')
    result = subprocess.run(["bash", "--norc", "-c", probe], capture_output=True, text=True, check=True,
                            cwd=tmp_path)
    return result.stdout.split()


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_bash_completes_options_choices_and_folders(tmp_path: Path) -> None:
    assert bash_completes("spasm-guide --th", tmp_path) == ["--theme"]
    assert set(bash_completes("spasm-guide --", tmp_path)) >= {"--plain", "--where", "--debug", "--completion"}
    assert bash_completes("spasm-guide --theme hc-", tmp_path) == ["hc-dark", "hc-light"]
    assert bash_completes("spasm-guide --completion ", tmp_path) == ["bash", "zsh", "fish"]
    (tmp_path / "my-guide").mkdir()
    assert bash_completes("spasm-guide --content my", tmp_path) == ["my-guide"]


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_fish_completes_from_its_script(tmp_path: Path) -> None:
    fish = shutil.which("fish")
    if fish is None:
        pytest.fail("fish is not installed: bash .ci/run installs it")
    script = tmp_path / "spasm-guide.fish"
    script.write_text(guide("--completion", "fish").stdout, encoding="utf-8")
    offered = subprocess.run([fish, "--no-config", "-c", f"source {script}; complete -C 'spasm-guide --th'"],
                             capture_output=True, text=True, check=True).stdout
    assert offered.startswith("--theme\tcolour theme for this run")
    themes = subprocess.run([fish, "--no-config", "-c", f"source {script}; complete -C 'spasm-guide --theme '"],
                            capture_output=True, text=True, check=True).stdout.splitlines()
    assert [line.split("\t")[0] for line in themes] == ["ansi-dark", "ansi-light", "hc-dark", "hc-light"]


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_zsh_loads_its_script_and_it_names_every_option(tmp_path: Path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.fail("zsh is not installed: bash .ci/run installs it")
    script = tmp_path / "_spasm-guide"
    text = guide("--completion", "zsh").stdout
    script.write_text(text, encoding="utf-8")
    # compinit, then the script sourced: it registers its function for the command.
    loaded = subprocess.run([zsh, "-f", "-c", f"autoload -U compinit; compinit -u -D; source {script}; "
                                              "print -r -- $_comps[spasm-guide]"],
                            capture_output=True, text=True, check=True, env={**os.environ, "HOME": str(tmp_path)})
    assert loaded.stdout.strip() == "_spasm_guide", loaded.stderr
    # The specs as zsh hands them to _arguments (stood in for, to print them): one per name,
    # braces expanded, e.g. "(-h --help)-h[show this help message and exit]".
    specs = subprocess.run([zsh, "-f", "-c", f"compdef() {{ }}; source {script}; "
                                             "_arguments() { print -rl -- \"$@\" }; _spasm_guide"],
                           capture_output=True, text=True, check=True).stdout.splitlines()
    names = [n for action in build_parser()._actions for n in action.option_strings]
    assert specs[0] == "-s" and len(specs) == 1 + len(names), specs
    assert "(-h --help)-h[show this help message and exit]" in specs
    assert "--theme[colour theme for this run]:value:(ansi-dark ansi-light hc-dark hc-light)" in specs
    assert not [spec for spec in specs if "{" in spec or not spec.lstrip("(").startswith("-")]
    assert text.startswith("#compdef spasm-guide\n")
    for action in build_parser()._actions:
        for name in action.option_strings:
            assert name in text, name
    assert "(ansi-dark ansi-light hc-dark hc-light)" in text and ":folder:_files -/" in text


def test_every_shell_script_follows_the_option_table() -> None:
    names = [n for action in build_parser()._actions for n in action.option_strings if n.startswith("--")]
    for shell in ("bash", "zsh", "fish"):
        script = completion_script(shell, build_parser())
        for name in names:
            assert (name[2:] if shell == "fish" else name) in script, (shell, name)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_an_unknown_shell_is_one_line_and_exit_2() -> None:
    result = guide("--completion", "tcsh")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "tcsh" in result.stderr


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_where_prints_each_folder_from_the_environment(private_dirs: Path) -> None:
    result = guide("--where")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()}
    assert rows == {
        "config": str(private_dirs / "xdg_config_home" / "spasm-guide"),
        "state": str(private_dirs / "xdg_state_home" / "spasm-guide"),
        "cache": str(private_dirs / "xdg_cache_home" / "spasm-guide"),
        "data": str(private_dirs / "xdg_data_home" / "spasm-guide"),
        "summaries": str(private_dirs / "xdg_data_home" / "spasm-guide" / "summaries"),
    }
    assert not list(private_dirs.rglob("*.*")), "--where only prints: it creates nothing"


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("how", ["option", "variable"])
def test_debug_writes_a_log_of_the_terminal_and_timings_and_says_where(how: str, private_dirs: Path) -> None:
    args, env = (["--debug"], {}) if how == "option" else ([], {"SPASM_GUIDE_DEBUG": "1"})
    env |= {"TERM": "xterm-256color", "LANG": "C.UTF-8", "SSH_CONNECTION": "10.1.2.3 5000 10.1.2.4 22"}
    result = guide(*args, "--plain", "--section", "2", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Section two of")
    log = private_dirs / "xdg_state_home" / "spasm-guide" / "debug.log"
    assert result.stderr == f"spasm-guide: debug log: {log}\n"
    text = log.read_text(encoding="utf-8")
    for expected in ("spasm-guide 0.", "terminal: no terminal; stdin a terminal: False", "colours: none",
                     "TERM='xterm-256color'", "LANG='C.UTF-8'", "SSH: yes", "NO_COLOR not set",
                     " ms  started", " ms  guide and settings loaded", " ms  ended with exit status 0"):
        assert expected in text, expected
    assert "10.1.2.3" not in text, "no addresses in a log meant to be shared"
    times = [float(line.split()[0]) for line in text.splitlines() if " ms  " in line]
    assert times == sorted(times) and len(times) == 3


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_a_debug_log_that_cannot_be_written_is_said_and_the_guide_still_runs(private_dirs: Path) -> None:
    state = private_dirs / "xdg_state_home"
    (state / "spasm-guide").write_text("a file where the folder should be", encoding="utf-8")
    result = guide("--debug", "--plain", "--section", "1")
    assert result.returncode == 0 and result.stdout.startswith("Section one of")
    assert result.stderr.startswith("spasm-guide: cannot write the debug log") and result.stderr.count("\n") == 1


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_help_has_examples_environment_and_files() -> None:
    result = guide("--help")
    assert result.returncode == 0
    text = result.stdout
    headings = ["usage:", "options:", "for your shell and for bug reports:", "examples:",
                "environment variables:", "files:", "Learn more:"]
    places = [text.index(heading) for heading in headings]
    assert places == sorted(places), "gh's order: usage, flags, examples, environment, files, more"
    for command, _ in EXAMPLES:
        assert f"$ {command}" in text
    for name, _ in ENVIRONMENT:
        assert name in text
    for path, _ in FILES:
        assert path in text
    assert max(len(line) for line in text.splitlines()) <= 90  # examples may run past 79; nothing much more
    assert len(load_guide().sections) >= 6  # the examples' --section 6 exists


def test_the_manual_page_lists_the_new_options_and_the_examples() -> None:
    page = render()
    for option in ("completion", "where", "debug"):
        assert f"\\fB\\-\\-{option}\\fR" in page
    assert ".SH EXAMPLES" in page and "SPASM_GUIDE_DEBUG" in page and "debug.log" in page
