"""The summary for a doctor: dated, plain, urgency first, credited, saved atomically and clean."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support.fixture_guide import fixture_checklist, fixture_guide
from tui import __version__
from tui.data.care_routes import routes_for
from tui.data.content import Guide
from tui.data.safe_save import SaveProblem
from tui.data.summary import (
    SummaryInput,
    default_summary_path,
    save_summary,
    summaries_dir,
    summary_lines,
    summary_text,
)
from tui.data.triage import triage

WHEN = datetime.datetime(2026, 3, 4, 9, 5, 7)


def summary_for(checked: set[str], answers: dict[str, str] | None = None, region: str = "EU",
                guide: Guide | None = None) -> list[str]:
    guide = guide or fixture_guide()
    checklist = fixture_checklist()
    data = SummaryInput(triage(checklist, checked, routes_for(region)), frozenset(checked), answers or {})
    return summary_lines(guide, checklist, data, WHEN)


def test_summary_is_one_page_a_doctor_can_use() -> None:
    guide, checklist = fixture_guide(), fixture_checklist()
    lines = summary_for({"hard-muscle", "statin-pain", "twitching-weeks"},
                        {"started": "Two days ago", "medicines": "Started atorvastatin last week"})
    text = "\n".join(lines)
    flat = " ".join(text.split())
    assert lines[1] == "Date: 4 March 2026 at 09:05"
    assert lines[3] == "Urgency the guide gave: URGENT: get medical help today"
    chosen = lines.index("What I chose (most urgent first):")
    statin, twitching = checklist.item("statin-pain"), checklist.item("twitching-weeks")
    assert lines[chosen + 1:chosen + 3] == [f"- URGENT: {statin.text}", f"- SOON: {twitching.text}"]
    assert lines[chosen + 3].startswith("- SELF-CARE: ")
    # The advice given that a doctor must know about comes with the urgency.
    advised = lines.index("Advice the guide gave:")
    assert advised < chosen
    assert lines[advised + 1] == "- Stop taking the statin. Tell the doctor you stopped it."
    # Each chosen item once, and the review's scope said once.
    assert text.count(twitching.text) == 1 and text.count(statin.text) == 1
    assert flat.count(" ".join(guide.signoff_note.split())) == 1
    assert "- Started: Two days ago" in lines
    assert "- Medicines: Started atorvastatin last week" in lines
    assert "- Where: (not answered)" in lines
    # Lay advice is for the reader, not the doctor.
    assert "What to do:" not in text and "Stretch" not in text
    assert "This is not a diagnosis." in flat
    assert guide.credit.title in flat and guide.credit.publisher in flat
    assert f"version {__version__}" in flat and f"content reviewed {guide.reviewed}" in flat
    assert " ".join(statin.source.split()) in flat  # a chosen item's own source, with its page title
    assert max(len(line) for line in lines) <= 72
    assert len(lines) <= 60  # one page


def test_summary_with_nothing_chosen_says_so() -> None:
    text = "\n".join(summary_for(set()))
    assert "- (nothing)" in text
    assert "Nothing chosen yet." in text and "SELF-CARE" not in text


def test_default_path_is_dated_in_the_data_folder_and_never_reused(private_dirs: Path) -> None:
    folder = summaries_dir()
    assert folder == private_dirs / "xdg_data_home" / "spasm-guide" / "summaries"
    first = default_summary_path(WHEN)
    assert first == folder / "checklist-2026-03-04-090507.txt"
    save_summary("one", first)
    second = default_summary_path(WHEN)
    assert second.name == "checklist-2026-03-04-090507-2.txt"


def test_save_summary_writes_atomically_and_strips_control_characters(private_dirs: Path) -> None:
    path = save_summary("Result\x1b[2J\x07 EMERGENCY\n\x9bline two")
    assert path.parent == summaries_dir()
    assert path.name.startswith("checklist-") and path.suffix == ".txt"
    assert path.read_text(encoding="utf-8") == "Result[2J EMERGENCY\nline two\n"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left behind


def test_save_summary_to_a_chosen_path(tmp_path: Path) -> None:
    target = tmp_path / "for-the-doctor.txt"
    assert save_summary("text\n", target) == target
    assert target.read_text(encoding="utf-8") == "text\n"


def test_save_summary_makes_no_folder_the_reader_did_not_ask_for(tmp_path: Path) -> None:
    """Issue 18.5: a missing folder was made without a word."""
    with pytest.raises(SaveProblem, match=r"the folder .*deep does not exist"):
        save_summary("text\n", tmp_path / "deep" / "for-the-doctor.txt")
    assert not (tmp_path / "deep").exists()


def test_content_with_escape_codes_never_reaches_the_file(tmp_path: Path) -> None:
    guide, checklist = fixture_guide(), fixture_checklist()
    sneaky = replace(guide, title="Guide\x1b]0;owned\x07")
    data = SummaryInput(triage(checklist, {"hard-muscle"}), frozenset({"hard-muscle"}), {"notes": "x\x1b[2Jy"})
    path = save_summary(summary_text(sneaky, checklist, data, when=WHEN), tmp_path / "s.txt")
    assert "\x1b" not in path.read_text(encoding="utf-8")


def test_unwritable_folder_raises_oserror_for_the_caller(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(SaveProblem, match="cannot be used"):
        save_summary("text", blocker / "sub" / "s.txt")
    with pytest.raises(OSError):
        save_summary("text", Path("/proc/s.txt"))  # a folder nobody can write in, root included


def test_the_summary_asks_what_a_doctor_asks_next() -> None:
    """Issue 17: onset (sudden or slow), back pain, alcohol, medicines, the tetanus jab and
    pregnancy, each a question of its own (as data), each in the summary, answered or not."""
    from tui.data.doctor_questions import QUESTIONS

    texts = {question.id: question.text.lower() for question in QUESTIONS}
    assert "suddenly" in texts["started"] and "slowly" in texts["started"]
    assert "back pain" in texts["back-pain"]
    assert "alcohol" in texts["alcohol"] and "medicines" in texts["medicines"]
    assert "tetanus" in texts["tetanus"] and "pregnant" in texts["pregnancy"]
    lines = summary_for({"stroke-signs"}, {"tetanus": "Over 10 years ago", "back-pain": "No"}, region="UK")
    assert "- Last tetanus jab: Over 10 years ago" in lines and "- Back pain: No" in lines
    assert "- Alcohol: (not answered)" in lines and "- Pregnancy: (not answered)" in lines
    assert " ".join(lines[3:5]) == "Urgency the guide gave: EMERGENCY: call 999 (or your local emergency number) now"


def test_the_summary_records_the_advice_a_doctor_must_know_and_never_a_drink_for_the_confused() -> None:
    lines = summary_for({"dark-pee", "sudden-confusion"})
    text = "\n".join(lines)
    assert "Advice the guide gave:" in text
    assert "Give them nothing to eat or drink." in text and "sip" not in text
