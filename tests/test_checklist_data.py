"""The checklist loader: the bundled checklist is sound, and every broken file is named precisely."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import ModuleType

import pytest

# The pinned, offline textstat set-up and the brief's limits live with the section tests.
# Importing the `textstat` fixture here makes pytest offer it to this module's tests.
from test_content_reading_level import FK_GRADE_MAX, SMOG_MAX, measured_text, textstat  # noqa: F401

from tui.data.checklist import TIER_IDS, load_checklist
from tui.data.content import default_content_dir
from tui.data.errors import ContentError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> Path:
    return FIXTURES / f"checklist-{name}"


def test_bundled_checklist_has_both_groups_and_every_sign() -> None:
    checklist = load_checklist(default_content_dir())
    assert [group.title for group in checklist.groups] == ["What you feel", "Warning signs"]
    feel, warning = (checklist.items_in(group) for group in checklist.groups)
    assert len(feel) == 4 and all(item.tier.id == "selfcare" for item in feel)
    assert len(warning) == 13
    assert sum(item.red_flag for item in warning) == 6
    assert [item.number for item in checklist.items] == list(range(1, 18))
    assert all(checklist.by_number(item.number) is item for item in checklist.items)


def test_bundled_tiers_are_in_words_and_ascii() -> None:
    checklist = load_checklist(default_content_dir())
    assert [tier.id for tier in checklist.tiers] == list(TIER_IDS)
    labels = {tier.id: tier.label for tier in checklist.tiers}
    assert labels == {"emergency": "EMERGENCY", "urgent": "URGENT", "soon": "SOON", "selfcare": "SELF-CARE"}
    headlines = {tier.id: tier.headline_for("999") for tier in checklist.tiers}
    assert headlines == {
        "emergency": "EMERGENCY: call 999 (or your local number) now",
        "urgent": "URGENT: see a doctor today",
        "soon": "SOON: call your doctor in the next few days",
        "selfcare": "SELF-CARE: what usually helps",
    }
    for tier in checklist.tiers:
        assert tier.symbol.isascii() and tier.symbol.strip()
        assert len(tier.advice) in range(1, 6)  # one to five lines, as NHS care cards


def test_bundled_item_texts_are_short_plain_ascii_lines() -> None:
    checklist = load_checklist(default_content_dir())
    for item in checklist.items:
        assert item.text.isascii(), item.id
        # One line at 40 columns for most; none so long it needs more than two.
        assert len(textwrap.wrap(item.text, 40)) <= 2, item.id
        assert item.source
        if not item.red_flag and item.group.id == "warning":
            assert item.source != "source article", f"{item.id}: an addition names its own source"
    long_items = [item.id for item in checklist.items if len(item.text) > 40]
    assert len(long_items) <= 4, long_items


def test_valid_fixture_loads_and_numbers_items_in_group_order() -> None:
    checklist = load_checklist(fixture("valid"))
    # 'twitch' comes second in the file but its group comes first.
    assert [item.id for item in checklist.items] == ["twitch", "flag"]
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
        ("unknown-group", ["items[1].group", "feel, warning"]),
        ("extra-tier", ["tiers.later", "unknown tier"]),
        ("missing-tier", ["[tiers.soon]"]),
        ("no-number", ["tiers.emergency.headline", "{number}"]),
        ("bad-placeholder", ["tiers.emergency.advice[0]", "{number}"]),
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


def test_missing_checklist_is_one_line_and_status_2_from_the_command(tmp_path: Path) -> None:
    import os
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "guide"
    shutil.copytree(default_content_dir(), folder)
    (folder / "checklist.toml").unlink()
    result = subprocess.run([sys.executable, "-m", "tui", "--checklist", "--content", str(folder)],
                            input="", capture_output=True, text=True, check=False, env=dict(os.environ))
    assert result.returncode == 2
    assert "checklist.toml: file not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_checklist_words_read_at_grade_7_or_below(textstat: ModuleType) -> None:  # noqa: F811
    """The same measure and limits as the guide's sections (content brief rule 3), per tier card
    and for the list of items."""
    checklist = load_checklist(default_content_dir())
    cards = {"items": [checklist.intro, *(f"- {item.text}" for item in checklist.items)]}
    for tier in checklist.tiers:
        cards[tier.id] = [tier.headline_for("911"), *(f"- {line}" for line in tier.advice_for("911"))]
    for name, lines in cards.items():
        text = measured_text(lines)
        grade, smog = textstat.flesch_kincaid_grade(text), textstat.smog_index(text)
        assert grade <= FK_GRADE_MAX, f"{name}: Flesch-Kincaid grade {grade:.2f}"
        assert smog <= SMOG_MAX, f"{name}: SMOG {smog:.2f}"
