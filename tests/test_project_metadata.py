"""The package says what it is: classifiers (POSIX only), keywords, links that name shipped files,
and a changelog with a heading for the version being built.

Fast tests: no marks.
"""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT
from tui import __version__


def project() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        table = tomllib.load(file)["project"]
    assert isinstance(table, dict)
    return table


def test_classifiers_say_posix_only_and_the_python_tested() -> None:
    classifiers = project()["classifiers"]
    assert isinstance(classifiers, list)
    assert "Operating System :: POSIX" in classifiers
    assert not [c for c in classifiers if "OS Independent" in c or "Windows" in c or "MacOS" in c]
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert project()["keywords"]


def test_the_links_name_files_the_source_release_ships() -> None:
    urls = project()["urls"]
    assert isinstance(urls, dict) and urls
    for label, target in urls.items():
        assert "://" not in target, f"{label}: the project has no public home; name a shipped file"
        assert (ROOT / target).is_file(), (label, target)


def test_the_changelog_has_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"\n## {__version__} - " in changelog
    assert changelog.index("## Unreleased") < changelog.index(f"## {__version__}")
