"""The summary for a doctor: dated, plain, urgency first, credited, saved atomically and clean."""

from __future__ import annotations

import datetime
from dataclasses import replace
from pathlib import Path

import pytest

from tui.data.checklist import load_checklist
from tui.data.content import default_content_dir, load_guide
from tui.data.summary import default_summary_path, save_summary, summaries_dir, summary_lines, summary_text

WHEN = datetime.datetime(2026, 3, 4, 9, 5, 7)


def test_summary_has_date_items_by_group_result_disclaimer_and_credit() -> None:
    guide, checklist = load_guide(), load_checklist(default_content_dir())
    lines = summary_lines(guide, checklist, {"twitching", "shooting-pain", "keep-coming-back"}, "112", WHEN)
    text = "\n".join(lines)
    assert lines[1] == "Date: 4 March 2026 at 09:05"
    feel, warning = lines.index("What you feel:"), lines.index("Warning signs:")
    assert lines[feel + 1] == "- Fast twitching in a muscle"
    assert lines[warning + 1:warning + 3] == ["- Shooting pain in an arm or leg",
                                              "- Spasms keep coming back or wake you up"]
    headline = lines.index("URGENT: see a doctor today")
    assert headline > warning
    assert lines.index("This is not a diagnosis.") > headline
    assert guide.credit.title in text.replace("\n", " ")
    assert guide.credit.publisher in text
    assert "NHS (leg cramps)" in text.replace("\n", " ")  # the addition's own source
    assert max(len(line) for line in lines) <= 72


def test_summary_with_nothing_ticked_says_so() -> None:
    guide, checklist = load_guide(), load_checklist(default_content_dir())
    text = summary_text(guide, checklist, set(), when=WHEN)
    assert text.count("- (nothing checked)") == 2
    assert "Nothing checked yet." in text and "SELF-CARE" not in text
    assert text.endswith("\n")


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
    target = tmp_path / "deep" / "for-the-doctor.txt"
    assert save_summary("text\n", target) == target
    assert target.read_text(encoding="utf-8") == "text\n"


def test_content_with_escape_codes_never_reaches_the_file(tmp_path: Path) -> None:
    guide, checklist = load_guide(), load_checklist(default_content_dir())
    sneaky = replace(guide, title="Guide\x1b]0;owned\x07")
    path = save_summary(summary_text(sneaky, checklist, {"twitching"}, when=WHEN), tmp_path / "s.txt")
    assert "\x1b" not in path.read_text(encoding="utf-8")


def test_unwritable_folder_raises_oserror_for_the_caller(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(OSError):
        save_summary("text", blocker / "sub" / "s.txt")
