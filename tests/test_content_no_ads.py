"""Nothing from the source page that is not the article (ads, page chrome) reaches the reader,
and no sentence of the source is copied into the guide: the guide is written in its own words.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.data.content import default_content_dir, load_guide

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

AD_AND_CHROME = (
    "coupon",
    "discount card",
    "get free card",
    "free card",
    "prednisone",
    "share button",
    "skip to main content",
    "article resources",
    "medically approved",
    "$4",
    "80%",
    "70%",
    "optum perks discount",
    "save up to",
)
"""Phrases from the page's ads (lines 65-71, 75) and chrome (lines 1-2, 6, 95), case-insensitive."""

MIN_WORDS = 8
"""A source sentence this long, or a run of this many source words, must not appear in the guide."""


def plain_output(*args: str) -> str:
    """What `spasm-guide --plain` prints, run as the user would run it."""
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--plain", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def content_files() -> list[Path]:
    """Every file of the bundled guide."""
    files = sorted(p for p in default_content_dir().rglob("*") if p.is_file())
    assert len(files) >= 10, files  # guide.toml and nine sections at least
    return files


def words(text: str) -> list[str]:
    """Lower-case words, with curly apostrophes made straight, for comparing wording."""
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def source_sentences() -> list[str]:
    """Sentences of the source body with at least MIN_WORDS words."""
    body = (FIXTURES / "source-body.txt").read_text(encoding="utf-8")
    sentences = re.split(r"(?<=[.!?:])\s+", body.replace("\n", " "))
    long = [" ".join(words(s)) for s in sentences if len(words(s)) >= MIN_WORDS]
    assert len(long) >= 20, "the fixture should hold the whole source body"
    return long


def guide_wording(folder: Path | None = None) -> str:
    """All words the guide shows, as one space-separated string with spaces at both ends."""
    guide = load_guide(folder)
    parts = [guide.title, guide.disclaimer, guide.signoff_note]
    parts += [s.text() for s in guide.sections]
    parts += [f"{a.title} {a.text}" for a in guide.additions]
    return f" {' '.join(words(' '.join(parts)))} "


@pytest.mark.parametrize("phrase", AD_AND_CHROME)
def test_no_ad_or_chrome_phrase_in_content_files(phrase: str) -> None:
    for path in content_files():
        text = path.read_text(encoding="utf-8").lower()
        assert phrase not in text, f"{path}: contains {phrase!r}"


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_no_ad_or_chrome_phrase_in_plain_output() -> None:
    output = plain_output().lower()
    assert "muscle spasm" in output  # the guide really was printed
    found = [phrase for phrase in AD_AND_CHROME if phrase in output]
    assert found == []


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_the_output_check_catches_an_ad_in_a_guide(tmp_path: Path) -> None:
    """The check above is not vacuous: an ad pasted into a copy of the guide shows up in it."""
    copy = tmp_path / "guide"
    shutil.copytree(default_content_dir(), copy)
    section = copy / "sections" / "treatment.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nGet free card for prednisone.\n", encoding="utf-8")
    output = plain_output("--content", str(copy)).lower()
    assert {"get free card", "prednisone"} <= {phrase for phrase in AD_AND_CHROME if phrase in output}


def test_no_source_sentence_is_copied() -> None:
    wording = guide_wording()
    copied = [s for s in source_sentences() if f" {s} " in wording]
    assert copied == []


def test_no_long_run_of_source_words_is_copied() -> None:
    """Stricter than whole sentences: no MIN_WORDS source words in a row appear in the guide."""
    wording = guide_wording()
    source = words((FIXTURES / "source-body.txt").read_text(encoding="utf-8"))
    runs = {" ".join(source[i:i + MIN_WORDS]) for i in range(len(source) - MIN_WORDS + 1)}
    copied = sorted(run for run in runs if f" {run} " in wording)
    assert copied == []


def test_the_copy_checks_find_a_pasted_sentence(tmp_path: Path) -> None:
    """The comparisons work: a source sentence pasted into a copy of the guide is found."""
    copy = tmp_path / "guide"
    shutil.copytree(default_content_dir(), copy)
    pasted = (FIXTURES / "source-body.txt").read_text(encoding="utf-8").splitlines()[1]
    section = copy / "sections" / "what-they-are.md"
    section.write_text(section.read_text(encoding="utf-8") + f"\n{pasted}\n", encoding="utf-8")
    wording = guide_wording(copy)
    assert any(f" {s} " in wording for s in source_sentences())


SHORT_RUN = 6
"""No run of this many source words, in order, may appear in a section, About or Get help now."""


def bare_words(text: str) -> list[str]:
    """Lower-case words with all punctuation ignored: "can't" and "cant" are the same word."""
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "").replace("'", ""))


def shown_texts(folder: Path | None = None) -> dict[str, str]:
    """What the reader sees, by place: each section, the About screen, About in --plain, Get help now."""
    from tui.data.pages import about_page
    from tui.plain.render import page_lines

    guide = load_guide(folder)
    texts = {section.slug: section.text() for section in guide.sections}
    texts["about"] = about_page(guide).text()
    texts["about --plain"] = "\n".join(page_lines(about_page(guide), 10_000))
    texts["get help now"] = "\n".join(guide.get_help)
    return texts


def copied_runs(folder: Path | None = None) -> dict[str, list[str]]:
    """Every SHORT_RUN-word run of the source body found in a shown text, by place."""
    source = bare_words((FIXTURES / "source-body.txt").read_text(encoding="utf-8"))
    runs = {" ".join(source[i:i + SHORT_RUN]) for i in range(len(source) - SHORT_RUN + 1)}
    found: dict[str, list[str]] = {}
    for place, text in shown_texts(folder).items():
        wording = f" {' '.join(bare_words(text))} "
        hits = sorted(run for run in runs if f" {run} " in wording)
        if hits:
            found[place] = hits
    return found


def test_no_six_word_run_of_the_source_in_any_section_or_about() -> None:
    assert copied_runs() == {}


def test_the_six_word_check_finds_a_short_echo(tmp_path: Path) -> None:
    """Not vacuous: six source words in a row, with other punctuation and case, are found."""
    copy = tmp_path / "guide"
    shutil.copytree(default_content_dir(), copy)
    section = copy / "sections" / "how-long.md"
    section.write_text(section.read_text(encoding="utf-8") + "\nLater, The Muscle May Feel Sore; for days.\n",
                       encoding="utf-8")
    assert copied_runs(copy) == {"how-long": ["the muscle may feel sore for"]}
