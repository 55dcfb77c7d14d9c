"""spasm-guide(1): made from the option table --help uses, shipped as generated (in English and in
Spanish), installed by the wheel where `man` looks for each language."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import build_parser
from tui.data.words import in_language
from tui.manpage import PAGE_LANGUAGES, render, roff, shipped_page

pytestmark: list[pytest.MarkDecorator] = []
"""The page checked against the generator and the option table starts no process: the fast set.
The tests that run man or build the wheel are marked packaging."""

SHIPPED = ROOT / "man" / "spasm-guide.1"
"""The English page in the checkout, installed with the wheel."""

HEADINGS = {"en": ("NAME", "SYNOPSIS", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS"),
            "es": ("NOMBRE", "SINOPSIS", "OPCIONES", "ENTORNO", "ARCHIVOS", "ESTADO DE SALIDA")}
"""The sections a reader looks for, in each language."""


def man(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """man itself, 80 columns wide, printing the page (UTF-8 out, whatever the page's language)."""
    return subprocess.run(["man", *args], capture_output=True, text=True, check=False,
                          env={"MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat", "PATH": "/usr/bin:/bin",
                               "LANG": "C.UTF-8", **(env or {})})


@pytest.mark.parametrize("language", PAGE_LANGUAGES)
def test_the_shipped_page_is_what_the_generator_makes_now(language: str) -> None:
    suffix = "" if language == "en" else f" {language}"
    assert shipped_page(language).read_text(encoding="utf-8") == render(language=language), \
        f"regenerate it: python -m tui.manpage{suffix} > {shipped_page(language).relative_to(ROOT)}"
    assert shipped_page("en") == SHIPPED


@pytest.mark.parametrize("language", PAGE_LANGUAGES)
def test_every_option_of_help_is_in_the_page(language: str) -> None:
    page = render(language=language)
    with in_language(language):
        parser = build_parser()
    for action in parser._actions:
        for name in action.option_strings:
            assert f"\\fB{name.replace('-', chr(92) + '-')}\\fR" in page, name
        if action.help and action.option_strings:
            words = action.help.split()[1:4]
            assert roff(" ".join(words)) in page, action.help


def test_the_spanish_page_is_in_spanish() -> None:
    page = render(language="es")
    assert '"\\[u00D3]rdenes de usuario"' in page and "Una gu\\[u00ED]a accesible" in page
    assert "show this help" not in page and "User Commands" not in page
    assert page.isascii()  # letters outside ASCII as groff's escapes: readable whatever man assumes


@pytest.mark.packaging  # runs man
@pytest.mark.parametrize("language", PAGE_LANGUAGES)
def test_the_page_reads_as_a_manual_page(language: str) -> None:
    """man itself renders it, with the sections a reader looks for and no roff warnings."""
    result = man("--warnings", "-l", str(shipped_page(language)))
    if result.returncode == 0:
        for heading in HEADINGS[language]:
            assert f"\n{heading}\n" in result.stdout
        assert {"en": "--speak-to FILE.wav", "es": "--speak-to ARCHIVO.wav"}[language] in result.stdout
        assert result.stderr == "", result.stderr
        if language == "es":
            assert "Órdenes de usuario" in result.stdout and "diagnóstico" in result.stdout
    else:  # no man-db here: check the roff by hand instead
        assert shipped_page(language).read_text(encoding="utf-8").startswith(".TH SPASM\\-GUIDE 1")


@pytest.mark.packaging  # runs man
def test_man_chooses_the_page_of_the_readers_language(tmp_path: Path) -> None:
    """Installed as the wheel lays them out, `man` shows the Spanish page to a Spanish reader
    (LANGUAGE, or LANG where that locale is installed: man-db reads the language only from a
    locale it can set) and the English one otherwise."""
    if shutil.which("man") is None:
        pytest.skip("no man-db here (.ci/run installs it)")
    tree = tmp_path / "share" / "man"
    for language in PAGE_LANGUAGES:
        target = tree / ("" if language == "en" else language) / "man1" / "spasm-guide.1"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(language=language), encoding="utf-8")
    assert "\nNAME\n" in man("spasm-guide", env={"MANPATH": str(tree)}).stdout
    assert "\nNOMBRE\n" in man("spasm-guide", env={"MANPATH": str(tree), "LANGUAGE": "es"}).stdout
    assert "\nNOMBRE\n" in man("-L", "es", "spasm-guide", env={"MANPATH": str(tree)}).stdout
    if "es_MX.utf8" in subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout:
        assert "\nNOMBRE\n" in man("spasm-guide", env={"MANPATH": str(tree), "LANG": "es_MX.UTF-8"}).stdout


@pytest.mark.packaging  # builds the wheel
def test_the_wheel_installs_the_pages(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, env={**os.environ})
    wheel = next(dist.glob("spasm_guide-*.whl"))
    data = f"{wheel.name.split('-py')[0]}.data/data/share/man"
    with zipfile.ZipFile(wheel) as archive:
        pages = sorted(n for n in archive.namelist() if n.endswith("/spasm-guide.1"))
        assert pages == [f"{data}/es/man1/spasm-guide.1", f"{data}/man1/spasm-guide.1"]
        assert archive.read(f"{data}/man1/spasm-guide.1").decode("utf-8") == render()
        assert archive.read(f"{data}/es/man1/spasm-guide.1").decode("utf-8") == render(language="es")
