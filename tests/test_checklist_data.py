"""The checklist loader: every broken file is named precisely; and (marked `content`) the bundled
checklist is sound."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.reading_level import FK_GRADE_MAX, SMOG_MAX, measured_text
from tui.data.care_routes import routes_for
from tui.data.checklist import TIER_IDS, load_checklist
from tui.data.content import default_content_dir
from tui.data.errors import ContentError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> Path:
    return FIXTURES / f"checklist-{name}"


@pytest.mark.content
def test_bundled_checklist_lists_the_most_urgent_first() -> None:
    checklist = load_checklist(default_content_dir())
    assert [group.title for group in checklist.groups] == [
        "Get help now", "Get help today", "See a doctor soon", "What you feel"]
    ranks = [item.tier.rank for item in checklist.items]
    assert ranks == sorted(ranks, reverse=True)
    feel = checklist.items_in(checklist.groups[-1])
    # The source's four common symptoms, plus three mild pictures guidance calls self-care (an
    # occasional night cramp, heat cramps that settled, sciatica that is getting better), so a
    # reader with a mild story has an item that fits better than a "see a doctor" one.
    assert len(feel) == 7 and all(item.tier.id == "selfcare" for item in feel)
    assert [item.number for item in checklist.items] == list(range(1, len(checklist.items) + 1))
    assert all(checklist.by_number(item.number) is item for item in checklist.items)
    # The source article's six warning signs are all still there, none below urgent, but one:
    # shooting pain alone is plain sciatica, which NHS "Sciatica" puts at "see a GP" (a correction
    # recorded in About; its bladder, bowel and numbness signs are emergency items of their own).
    from_source = [item for item in checklist.items if "source article" in item.source and item.red_flag]
    # Problems walking are split by the one walking rule: both legs or sudden, or unsteady.
    assert {item.id for item in from_source} == {
        "weak-hands-feet", "bowel-control", "cannot-urinate", "saddle-numbness", "walking-balance",
        "both-legs-weak"}
    assert all(item.tier.rank >= checklist.tier("urgent").rank for item in from_source)
    shooting = checklist.item("shooting-pain")
    assert shooting.tier.id == "soon" and "source article says sooner" in shooting.source


@pytest.mark.content
def test_bundled_tiers_are_in_words_and_ascii() -> None:
    checklist = load_checklist(default_content_dir())
    assert [tier.id for tier in checklist.tiers] == list(TIER_IDS)
    labels = {tier.id: tier.label for tier in checklist.tiers}
    assert labels == {"emergency": "EMERGENCY", "hospital": "HOSPITAL NOW", "urgent": "URGENT", "soon": "SOON",
                      "selfcare": "SELF-CARE"}
    uk = routes_for("UK")
    headlines = {tier.id: uk.fill(tier.headline) for tier in checklist.tiers}
    assert headlines == {
        "emergency": "EMERGENCY: call 999 (or your local emergency number) now",
        "hospital": "HOSPITAL NOW: go to A&E now",
        "urgent": "URGENT: get medical help today",
        "soon": "SOON: see your doctor within a few days",
        "selfcare": "SELF-CARE: you can most likely care for this at home",
    }
    for tier in checklist.tiers:
        assert tier.symbol.isascii() and tier.symbol.strip()
        assert len(tier.advice) in range(1, 6)  # one to five lines, as NHS care cards
        assert tier.safety_net


@pytest.mark.content
def test_bundled_item_texts_are_plain_ascii_and_name_a_dated_source() -> None:
    checklist = load_checklist(default_content_dir())
    for item in checklist.items:
        assert item.text.isascii(), item.id
        # Never more than three rows at 40 columns, with the state words in front.
        assert len(textwrap.wrap(f"selected: {item.text}", 40)) <= 3, item.id
        assert item.source
        if item.source != "source article":
            # A page title in quotes and the day it was read, not a publisher alone.
            assert '"' in item.source and "read " in item.source, item.id


def test_valid_fixture_loads_and_numbers_items_in_group_order() -> None:
    checklist = load_checklist(fixture("valid"))
    # 'flag' comes first in the file and its group comes first.
    assert [item.id for item in checklist.items] == ["flag", "twitch"]
    assert checklist.item("flag").red_flag
    assert checklist.tier("urgent").rank == 2
    with pytest.raises(KeyError):
        checklist.item("nope")
    with pytest.raises(IndexError):
        checklist.by_number(3)


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("unknown-tier", ["items[1].tier", "unknown tier", "'mild'"]),
        ("duplicate-id", ["items[1].id", "duplicate id 'flag'"]),
        ("missing-text", ["'items[1].text'"]),
        ("red-flag-low", ["items[0].tier", "red flag", "'soon'"]),
        ("unknown-group", ["items[1].group", "warning, feel"]),
        ("extra-tier", ["tiers.later", "unknown tier"]),
        ("missing-tier", ["[tiers.soon]"]),
        ("no-number", ["tiers.emergency.headline", "{number}"]),
        ("bad-placeholder", ["tiers.emergency.advice[0]", "{number}, {hospital}, {urgent_route}, {pregnancy_route}"]),
        ("unicode-symbol", ["tiers.emergency.symbol", "ASCII"]),
        ("unknown-key", ["items[1].txt", "not known"]),
        ("bad-toml", ["invalid TOML"]),
    ],
)
def test_broken_checklist_names_file_and_key(name: str, words: list[str]) -> None:
    with pytest.raises(ContentError) as caught:
        load_checklist(fixture(name))
    message = caught.value.one_line()
    assert str(fixture(name) / "checklist.toml") in message
    for word in words:
        assert word in message, message
    assert "\n" not in message


def test_missing_checklist_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        load_checklist(tmp_path)


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_missing_checklist_is_one_line_and_status_2_from_the_command(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "guide"
    shutil.copytree(FIXTURE_GUIDE, folder)
    (folder / "checklist.toml").unlink()
    result = subprocess.run([sys.executable, "-m", "tui", "--checklist", "--content", str(folder)],
                            input="", capture_output=True, text=True, check=False, env=dict(os.environ))
    assert result.returncode == 2
    assert "checklist.toml: file not found" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.content
def test_checklist_words_read_at_grade_7_or_below(textstat: ModuleType) -> None:
    """The same measure and limits as the guide's sections (content brief rule 3), per tier card
    and for the list of items."""
    checklist = load_checklist(default_content_dir())
    cards = {"items": [checklist.intro, *(f"- {item.text}" for item in checklist.items)]}
    us = routes_for("US")
    for tier in checklist.tiers:
        cards[tier.id] = [us.fill(tier.headline), *(f"- {us.fill(line.text)}" for line in tier.advice)]
    # What a result adds to its tier card: the items' own actions, and the cautions.
    cards["actions"] = [f"- {us.fill(line.text)}" for item in checklist.items for line in item.actions]
    cards["cautions"] = [f"- {us.fill(caution)}" for caution in checklist.cautions.values() if caution]
    for name, lines in cards.items():
        text = measured_text(lines)
        grade, smog = textstat.flesch_kincaid_grade(text), textstat.smog_index(text)
        assert grade <= FK_GRADE_MAX, f"{name}: Flesch-Kincaid grade {grade:.2f}"
        assert smog <= SMOG_MAX, f"{name}: SMOG {smog:.2f}"


def test_a_list_with_a_less_urgent_item_first_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "guide"
    folder.mkdir()
    text = (fixture("valid") / "checklist.toml").read_text(encoding="utf-8")
    # Put the self-care group before the warning signs.
    text = text.replace('id = "warning"\ntitle = "Warning signs"', 'id = "tmp"\ntitle = "tmp"')
    text = text.replace('id = "feel"\ntitle = "What you feel"', 'id = "warning"\ntitle = "Warning signs"')
    text = text.replace('id = "tmp"\ntitle = "tmp"', 'id = "feel"\ntitle = "What you feel"')
    (folder / "checklist.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError, match="list the most urgent first"):
        load_checklist(folder)


def test_an_unknown_kind_of_advice_is_refused_with_its_key(tmp_path: Path) -> None:
    """A kind must be declared as [kinds.<id>], on an advice line and in an item's `unsafe`."""
    source = (fixture("valid") / "checklist.toml").read_text(encoding="utf-8")
    folder = tmp_path / "guide"
    folder.mkdir()
    (folder / "checklist.toml").write_text(
        source.replace('id = "flag"', 'id = "flag"\nunsafe = ["drinks"]', 1), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_checklist(folder)
    assert "unsafe" in caught.value.one_line() and "[kinds.<id>]" in caught.value.one_line()


@pytest.mark.content
def test_bundled_kinds_have_cautions_and_every_line_of_a_kind_says_so() -> None:
    """Advice about drinking is of kind "drink", and about heat of kind "heat", wherever it is:
    so a reader who must not be given it never is, and the caution always comes with it."""
    checklist = load_checklist(default_content_dir())
    assert set(checklist.cautions) == {"drink", "heat", "keep-statin"}
    assert "kidney" in checklist.cautions["drink"] and "dialysis" in checklist.cautions["drink"]
    assert "numb" in checklist.cautions["heat"]
    lines = [line for tier in checklist.tiers for line in tier.advice]
    lines += [line for item in checklist.items for line in item.actions]
    for line in lines:
        words = line.text.lower()
        if re.search(r"\b(drink|drinking|sip)\b", words) and "nothing to" not in words:
            assert line.kind == "drink", line.text
        if re.search(r"\bheat or ice\b|\bwarm\b|\bheat pack", words):
            assert line.kind == "heat", line.text
