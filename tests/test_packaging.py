"""The built wheel carries the content and runs from a fresh virtual environment."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tui.data.content import load_guide

pytestmark = [pytest.mark.packaging]


def test_wheel_installs_in_a_fresh_venv_and_prints_the_guide(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(dist.glob("spasm_guide-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "tui/_content/muscle-spasms/guide.toml" in names
    assert any(n.startswith("tui/_content/muscle-spasms/sections/") for n in names)

    # A fresh venv without a pip of its own, the wheel installed into it by this pip (`--python`),
    # as pipx installs a tool (one shared pip for every venv): seeding the venv with pip (ensurepip)
    # took 5 processor seconds, 10 to 38 s beside other tests, and its pip is not what is tested.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env_dir / "bin" / "python"), "install", "-q",
                    str(wheel)], check=True, capture_output=True)
    # Run from an empty folder, so nothing can come from the checkout.
    work = tmp_path / "elsewhere"
    work.mkdir()
    result = subprocess.run([str(env_dir / "bin" / "spasm-guide"), "--plain"], cwd=work, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    guide = load_guide()
    assert result.stdout.startswith(guide.title)
    assert guide.sections[-1].title in result.stdout
    where = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "from tui.data.content import default_content_dir; print(default_content_dir())"],
        cwd=work, capture_output=True, text=True, check=True)
    assert str(env_dir) in where.stdout and "_content" in where.stdout
    # The Spanish guide and the interface's Spanish words are in the wheel: --lang es works installed.
    assert "tui/_content/muscle-spasms-es/guide.toml" in names
    assert "tui/locale/es/LC_MESSAGES/spasm-guide.mo" in names
    spanish = subprocess.run([str(env_dir / "bin" / "spasm-guide"), "--lang", "es", "--plain"], cwd=work,
                             capture_output=True, text=True, check=False)
    assert spanish.returncode == 0, spanish.stderr
    assert spanish.stdout.startswith(load_guide(ROOT / "content" / "muscle-spasms-es").title)


def test_the_sdist_carries_what_its_tests_read_and_they_pass(tmp_path: Path) -> None:
    """A source release builds, holds the licence, content, docs and benchmarks its tests read,
    and its own fast tests pass from the unpacked folder (its code, not the checkout's)."""
    import tarfile

    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True)
    sdist = next(dist.glob("spasm_guide-*.tar.gz"))
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "src", filter="data")
    top = next((tmp_path / "src").iterdir())
    for name in ("LICENSE", "README.md", "pyproject.toml", "content/muscle-spasms/checklist.toml",
                 "docs/hosting.md", "bench/bench_guide.py", "tests/support/ptydrive.py", "man/spasm-guide.1",
                 "tests/conftest.py", ".ci/run"):
        assert (top / name).is_file(), name
    version = (top / "PKG-INFO").read_text(encoding="utf-8")
    from tui import __version__

    assert f"Version: {__version__}" in version and "License-File: LICENSE" in version
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "tests/test_checklist_data.py", "tests/test_triage.py", "tests/test_content_loader.py",
                             "tests/test_hosting_doc.py"],
                            cwd=top, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:]
    assert str(top / "tui") in subprocess.run(
        [sys.executable, "-c", "import tui; print(tui.__file__)"], cwd=top, capture_output=True, text=True,
        check=True).stdout
