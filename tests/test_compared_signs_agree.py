"""Section 2 compares a cramp with five other problems and says how soon to get help for each:
those words must be the checklist's own level for the same sign.

Found from outside: section 2 said "Get help today" for low calcium with spasms (the checklist
and section 6: an emergency) and for sciatica (both: soon, see a doctor within days).
"""

from __future__ import annotations

import re

import pytest

from tui.data.checklist import load_checklist
from tui.data.content import default_content_dir, load_guide

pytestmark = [pytest.mark.content]

GUIDE = load_guide()
CHECKLIST = load_checklist(default_content_dir())
TIER_OF = {item.id: item.tier.id for item in CHECKLIST.items}

HOW_SOON = {
    "call your emergency number now": "emergency",
    "get help today": "urgent",
    "see a doctor in the next few days": "soon",
}
"""Section 2's words for each level, lower case."""

COMPARED: dict[str, list[str]] = {
    "a blood clot in the leg": ["one-calf-swollen", "leg-clot-breathless"],
    "poor blood flow in the legs": ["walking-cramps"],
    "low calcium": ["low-calcium", "tingling-weeks"],
    "sciatica": ["shooting-pain", "saddle-numbness"],
}
"""A problem section 2 names -> the checklist items for its signs, in the order section 2 says
them (the first is the sign the bullet describes; the rest its "if you also" or "if it")."""


def bullets() -> dict[str, str]:
    section = next(s for s in GUIDE.sections if s.slug == "how-they-feel")
    items = [line.lower() for block in section.blocks if block.kind == "bullets" for line in block.lines]
    assert items, "section 2 has no list"
    return {name: next(item for item in items if name in item) for name in COMPARED}


def test_each_compared_problem_gives_the_checklists_levels_in_order() -> None:
    for name, text in bullets().items():
        pattern = "|".join(re.escape(words) for words in HOW_SOON)
        levels = [HOW_SOON[found] for found in re.findall(pattern, text)]
        expected = [TIER_OF[item_id] for item_id in COMPARED[name]]
        assert levels == expected, f"section 2 on {name!r}: says {levels}, the checklist says {expected}"
