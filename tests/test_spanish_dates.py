"""Dates in words in the guide's language: "27 de noviembre de 2026" in a Spanish guide's review
line (from an unquoted TOML date too), summary and earlier-choice lines, whatever LANG says;
English dates as before."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from tui.data.checklist import load_checklist
from tui.data.checklist_session import ChecklistSession, day_in_words
from tui.data.content import load_guide
from tui.data.dates import date_and_time_in_words, date_in_words, day_month, review_line
from tui.data.summary import spoken_date

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"
DAY = datetime.date(2026, 11, 27)
WHEN = datetime.datetime(2026, 11, 27, 7, 50)


@pytest.mark.parametrize(("language", "words"), [
    ("es", "27 de noviembre de 2026"), ("es-419", "27 de noviembre de 2026"),
    ("en", "27 November 2026"), ("fr", "27 November 2026")])
def test_a_date_in_words(language: str, words: str) -> None:
    assert date_in_words(DAY, language) == words


def test_every_spanish_month_is_lower_case_and_spanish() -> None:
    months = [date_in_words(datetime.date(2026, month, 1), "es").split(" de ")[1] for month in range(1, 13)]
    assert months == ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                      "octubre", "noviembre", "diciembre"]


def test_day_month_and_time() -> None:
    assert day_month(DAY, "es") == "27 de noviembre" and day_month(DAY) == "27 November"
    assert date_and_time_in_words(WHEN, "es") == "27 de noviembre de 2026 a las 07:50"
    assert spoken_date(WHEN) == "27 November 2026 at 07:50"
    assert spoken_date(WHEN, "es") == "27 de noviembre de 2026 a las 07:50"


def test_earlier_choice_days() -> None:
    when = datetime.datetime(2026, 11, 27, 12, 0).astimezone()
    assert day_in_words(when, datetime.date(2026, 12, 7), "es") == "27 de noviembre"
    assert day_in_words(when, datetime.date(2027, 1, 2), "es") == "27 de noviembre de 2026"
    assert day_in_words(when, datetime.date(2026, 12, 7)) == "27 November"
    assert day_in_words(when, datetime.date(2027, 1, 2)) == "27 November 2026"


def test_the_spanish_review_line_is_spanish() -> None:
    guide = load_guide(SPANISH_DIR)
    line = guide.sections[0].blocks[-1].lines[0]
    assert line == review_line(guide.reviewed, guide.next_review_due, "es")
    assert line.startswith("Revisado el ") and "Próxima revisión: " in line and "Reviewed" not in line


def test_an_unquoted_toml_date_is_written_in_spanish(tmp_path: Path) -> None:
    folder = tmp_path / "guide-es"
    shutil.copytree(SPANISH_DIR, folder)
    meta = folder / "guide.toml"
    text = meta.read_text(encoding="utf-8")
    assert 'reviewed = "7 de diciembre de 2026"' in text
    meta.write_text(text.replace('reviewed = "7 de diciembre de 2026"', "reviewed = 2026-12-07"), encoding="utf-8")
    guide = load_guide(folder)
    assert guide.reviewed == "7 de diciembre de 2026"
    assert guide.sections[0].blocks[-1].lines[0].startswith("Revisado el 7 de diciembre de 2026.")


def test_the_spanish_summary_is_dated_in_spanish(tmp_path: Path) -> None:
    checklist = load_checklist(SPANISH_DIR)
    session = ChecklistSession(checklist, path=tmp_path / "state.toml", persist=False)
    text = session.summary(load_guide(SPANISH_DIR), WHEN)
    assert "27 de noviembre de 2026 a las 07:50" in text and "November" not in text
    english = ChecklistSession(load_checklist(ROOT / "content" / "muscle-spasms"), path=tmp_path / "en.toml",
                               persist=False)
    assert "Date: 27 November 2026 at 07:50" in english.summary(load_guide(ROOT / "content" / "muscle-spasms"), WHEN)
