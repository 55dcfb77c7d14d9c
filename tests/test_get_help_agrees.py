"""The start screen's "Get help now" list, the checklist and section 6 say the same thing.

Issue 17: the start screen said "call your emergency number" for dark pee while the checklist
said "go to the ER"; section 6 and About disagreed on the levels. Each EMERGENCY item of the
checklist is named on the start screen and under section 6's EMERGENCY level; nothing else is;
the one HOSPITAL NOW item is said apart, as "go to hospital now", in both places.
"""

from __future__ import annotations

import pytest

from tui.data.checklist import load_checklist
from tui.data.content import default_content_dir, load_guide

pytestmark = [pytest.mark.content]

GUIDE = load_guide()
CHECKLIST = load_checklist(default_content_dir())

# Checklist item id -> (words on the start screen, words in section 6), lower case.
SAID: dict[str, tuple[str, str]] = {
    "stroke-signs": ("drooping face", "face droops"),
    "chest-pain-heavy": ("heavy or tight", "heavy or tight"),
    "chest-pain-breathing": ("sharp chest pain on breathing in", "sharp chest pain when you breathe in"),
    "leg-clot-breathless": ("swollen leg", "one leg is swollen"),
    "sudden-confusion": ("confusion", "suddenly confused"),
    "heatstroke": ("hot dry skin", "hot and dry"),
    "heat-not-better": ("not better in 30 minutes", "after 30 minutes of rest"),
    "limb-pale-cold": ("pale, cold, numb and painful", "pale, cold, numb and painful"),
    "low-calcium-severe": ("or a fit", "tingling lips"),
    "low-calcium": ("tingling lips or fingers", "clawed hands"),
    "tetanus": ("stiff jaw after a wound", "jaw is stiff"),
    "cannot-urinate": ("pee or poo", "you cannot pee"),
    "bladder-control": ("pee or poo", "cannot control when you pee"),
    "bowel-control": ("pee or poo", "or poo"),
    "saddle-numbness": ("groin, genitals or buttocks", "groin, genitals or buttocks"),
    "both-legs-weak": ("both legs", "both legs"),
}


def section_levels() -> dict[str, str]:
    """Section 6's text under each level heading ("EMERGENCY", "HOSPITAL NOW", ...), lower case."""
    section = next(s for s in GUIDE.sections if s.slug == "warning-signs")
    levels: dict[str, list[str]] = {}
    level = ""
    for block in section.blocks:
        if block.kind == "subheading":
            level = block.lines[0].split(":")[0].upper()
        elif level and block.kind != "note":
            levels.setdefault(level, []).extend(block.lines)
    return {name: " ".join(lines).lower() for name, lines in levels.items()}


def test_every_emergency_item_is_on_the_start_screen_and_in_section_6() -> None:
    emergency = {item.id for item in CHECKLIST.items if item.tier.id == "emergency"}
    assert set(SAID) == emergency, "a new EMERGENCY item needs its words on the start screen and in section 6"
    title, *signs, _after = GUIDE.get_help
    listed = " ".join(signs).lower()
    levels = section_levels()
    for item_id, (start_words, section_words) in SAID.items():
        assert start_words in listed, item_id
        assert section_words in levels["EMERGENCY"], item_id
    # Every sign on the start screen stands for at least one EMERGENCY item.
    for sign in signs:
        assert any(words in sign.lower() for words, _ in SAID.values()), sign
    assert "call your emergency number" in title.lower()


def test_the_hospital_item_is_go_to_hospital_in_both_places() -> None:
    hospital = [item for item in CHECKLIST.items if item.tier.id == "hospital"]
    assert [item.id for item in hospital] == ["pain-weak-dark-urine"]
    _title, *signs, after = GUIDE.get_help
    assert "dark" not in " ".join(signs).lower()
    assert "dark pee" in after.lower() and "go to hospital now" in after.lower()
    assert "tea or cola" in section_levels()["HOSPITAL NOW"]
    assert CHECKLIST.tier("hospital").headline.startswith("HOSPITAL NOW: go to")


def test_section_6_has_the_checklists_five_levels_in_order() -> None:
    labels = [tier.label for tier in reversed(CHECKLIST.tiers)]
    headings = [name for name in section_levels()]
    assert headings == ["EMERGENCY", "HOSPITAL NOW", "URGENT", "SOON", "SELF-CARE"], headings
    assert headings == labels


def test_about_keeps_one_record_of_what_was_read() -> None:
    """No page the checklist cites as read is called "not read" or "page name only" in About."""
    from tui.data.pages import about_page

    about = about_page(GUIDE).text()
    assert "page name only" not in about and "page names only" not in about
    for sentence in about.split(". "):
        if "not read" in sentence:
            cited = " ".join(item.source for item in CHECKLIST.items)
            names = [part.strip(" '\"") for part in sentence.split(",")]
            assert not any(name and name in cited for name in names if len(name) > 8), sentence
    # About names all five levels, in the checklist's words.
    for tier in CHECKLIST.tiers:
        assert tier.label.lower() in about.lower(), tier.label
