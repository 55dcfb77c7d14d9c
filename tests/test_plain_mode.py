"""`spasm-guide --plain`: the whole guide as linear text, fast, with no Textual import."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tui.data.content import load_guide
from tui.plain.render import WIDTH

ESC = "\x1b"


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True,
                          check=False, env={**os.environ, **(env or {})})


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_plain_prints_every_section_as_linear_text() -> None:
    result = run_cli("--plain")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    guide = load_guide()
    assert out.startswith(guide.title)
    assert "Emergency? Call 911 or your local emergency number." in out
    for section in guide.sections:
        assert section.title in out
    assert "\n- " in out  # bullets as "- "
    assert ESC not in out  # not a terminal: not one escape code
    box = set("─│┌┐└┘├┤┬┴┼═║╔╗╚╝━┃")
    assert not box & set(out)
    assert max(len(line) for line in out.splitlines()) <= WIDTH
    assert "About this guide" in out and guide.credit.publisher in out


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_plain_section_prints_one_section() -> None:
    guide = load_guide()
    result = run_cli("--plain", "--section", "2")
    assert result.returncode == 0
    assert guide.section(2).title in result.stdout
    assert guide.section(3).title not in result.stdout
    assert result.stdout.startswith("Section two of")


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_bad_section_number_is_one_line_and_status_2() -> None:
    result = run_cli("--plain", "--section", "99")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip().count("\n") == 0
    assert "--section 99" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_plain_never_imports_textual() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['--plain'])\n"
        "print(status, sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0 []"


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_bold_headings_only_on_a_terminal_and_never_with_no_color() -> None:
    def through_pty(env: dict[str, str]) -> str:
        pid, fd = pty.fork()
        if pid == 0:  # child: run the guide with the pty as its terminal
            os.execve(sys.executable, [sys.executable, "-m", "tui", "--plain", "--section", "1"],
                      {**os.environ, **env})
        chunks = []
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.waitpid(pid, 0)
        return b"".join(chunks).decode("utf-8", "replace")

    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    assert ESC + "[1m" in through_pty({**env, "TERM": "xterm-256color"})
    os.environ["NO_COLOR"] = "1"
    try:
        assert ESC not in through_pty({"NO_COLOR": "1", "TERM": "xterm-256color"})
    finally:
        del os.environ["NO_COLOR"]


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_plain_works_on_another_guide_folder(tmp_path: Path) -> None:
    folder = tmp_path / "other"
    (folder / "sections").mkdir(parents=True)
    (folder / "guide.toml").write_text(
        '[guide]\ntitle = "Another guide"\ndisclaimer = "Not a diagnosis."\nsections = ["one.md"]\n'
        '[source]\ntitle = "T"\npublisher = "P"\nreviewer = "R"\nwriter = "W"\nupdated = "2024"\n'
        '[review]\nreviewed = "2026"\nnext_review_due = "2027"\nsignoff_note = "None yet."\n',
        encoding="utf-8")
    (folder / "sections" / "one.md").write_text("# First\n\nHello \x1b[31mthere.\n", encoding="utf-8")
    result = run_cli("--content", str(folder), "--plain")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Another guide")
    assert "Hello [31mthere." in result.stdout  # the ESC itself is stripped
    assert ESC not in result.stdout


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_python_dash_m_and_a_closed_pipe() -> None:
    result = subprocess.run(f"{sys.executable} -m tui --plain | head -n 1", shell=True, capture_output=True,
                            text=True, check=False)
    assert result.stdout.strip() == load_guide().title
    assert "Traceback" not in result.stderr


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_cached_plain_output_is_the_same_and_loads_nothing(tmp_path: Path) -> None:
    first = run_cli("--plain")
    from tui.plain.fast import cache_file

    assert Path(cache_file()).is_file()
    code = (
        "import sys, io, contextlib\n"
        "from tui.plain.fast import try_cached\n"
        "buffer = io.StringIO()\n"
        "with contextlib.redirect_stdout(buffer):\n"
        "    hit = try_cached(['--plain'])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tomllib', 'argparse'))\n"
        "print(hit, heavy, len(buffer.getvalue()))\n"
    )
    probe = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert probe.stdout.split() == ["True", "[]", str(len(first.stdout))]
    assert run_cli("--plain").stdout == first.stdout


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_cache_follows_a_settings_change() -> None:
    from tui.data.settings import Settings, save_settings

    before = run_cli("--plain").stdout
    assert "Call 911" in before
    save_settings(Settings(region="UK"))
    after = run_cli("--plain").stdout
    assert "Call 999" in after and "Call 911" not in after


def test_cache_key_changes_when_a_content_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from tui.plain import fast

    folder = tmp_path / "guide"
    shutil.copytree(load_guide().folder, folder)
    monkeypatch.setattr(fast, "default_folder", lambda: str(folder))
    key = fast.cache_key("")
    section = next((folder / "sections").iterdir())
    section.write_text(section.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    assert fast.cache_key("") != key


def test_fast_path_folders_agree_with_platformdirs() -> None:
    import platformdirs

    from tui.plain import fast

    assert fast.user_dir("XDG_CACHE_HOME", "~/.cache") == platformdirs.user_cache_dir("spasm-guide")
    assert fast.user_dir("XDG_CONFIG_HOME", "~/.config") == platformdirs.user_config_dir("spasm-guide")
