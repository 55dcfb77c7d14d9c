"""spasm-guide(1): made from the option table --help uses, shipped as generated, installed by the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.cli import build_parser
from tui.manpage import render

pytestmark: list[pytest.MarkDecorator] = []
"""The page checked against the generator and the option table starts no process: the fast set.
The tests that run man or build the wheel are marked packaging."""

SHIPPED = ROOT / "man" / "spasm-guide.1"
"""The page in the checkout, installed with the wheel."""


def test_the_shipped_page_is_what_the_generator_makes_now() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == render(), \
        "regenerate it: python -m tui.manpage > man/spasm-guide.1"


def test_every_option_of_help_is_in_the_page() -> None:
    page = render()
    for action in build_parser()._actions:
        for name in action.option_strings:
            assert f"\\fB{name.replace('-', chr(92) + '-')}\\fR" in page, name
        if action.help and action.option_strings:
            words = action.help.split()[1:4]
            assert " ".join(words).replace("-", "\\-") in page, action.help


@pytest.mark.packaging  # runs man
def test_the_page_reads_as_a_manual_page() -> None:
    """man itself renders it, with the sections a reader looks for and no roff warnings."""
    result = subprocess.run(["man", "--warnings", "-l", str(SHIPPED)], capture_output=True, text=True,
                            env={"MANWIDTH": "80", "MANPAGER": "cat", "PAGER": "cat", "PATH": "/usr/bin:/bin"},
                            check=False)
    if result.returncode == 0:
        for heading in ("NAME", "SYNOPSIS", "OPTIONS", "ENVIRONMENT", "FILES", "EXIT STATUS"):
            assert f"\n{heading}\n" in result.stdout
        assert "--speak-to FILE.wav" in result.stdout
        assert result.stderr == "", result.stderr
    else:  # no man-db here: check the roff by hand instead
        assert SHIPPED.read_text(encoding="utf-8").startswith(".TH SPASM\\-GUIDE 1")


@pytest.mark.packaging  # builds the wheel
def test_the_wheel_installs_the_page(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("spasm_guide-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = [n for n in archive.namelist() if n.endswith("share/man/man1/spasm-guide.1")]
        assert names == [f"{wheel.name.split('-py')[0]}.data/data/share/man/man1/spasm-guide.1"]
        assert archive.read(names[0]).decode("utf-8") == render()
