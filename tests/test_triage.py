"""Triage: the most urgent ticked item decides, nothing lowers it, red flags are never below urgent."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.data.checklist import TIER_IDS, Checklist, load_checklist
from tui.data.content import default_content_dir
from tui.data.settings import REGIONS, Settings
from tui.data.triage import DISCLAIMER, NEUTRAL_HEADLINE, result_lines, triage

CHECKLIST: Checklist = load_checklist(default_content_dir())
"""The bundled checklist: the one readers actually get."""

IDS = CHECKLIST.ids
RANK = {item.id: item.tier.rank for item in CHECKLIST.items}
URGENT = TIER_IDS.index("urgent")

id_sets = st.sets(st.sampled_from(IDS))


@given(id_sets)
def test_tier_is_the_highest_tier_among_the_ticked_items(checked: set[str]) -> None:
    result = triage(CHECKLIST, checked)
    if not checked:
        assert result.tier is None
    else:
        assert result.tier is not None
        assert result.tier.rank == max(RANK[item_id] for item_id in checked)


@given(id_sets, st.sampled_from(IDS))
def test_ticking_one_more_item_never_lowers_the_tier(checked: set[str], extra: str) -> None:
    before = triage(CHECKLIST, checked).tier
    after = triage(CHECKLIST, checked | {extra}).tier
    assert after is not None
    assert before is None or after.rank >= before.rank


@given(id_sets)
def test_every_result_says_it_is_not_a_diagnosis_and_leads_with_the_urgency(checked: set[str]) -> None:
    result = triage(CHECKLIST, checked)
    lines = result_lines(result)
    assert result.disclaimer == DISCLAIMER == "This is not a diagnosis."
    assert lines[-1] == DISCLAIMER
    assert lines[0] == result.headline
    if result.tier:
        assert lines[0].startswith(f"{result.tier.label}:")
        assert result.advice
    # The deciding items are exactly the ticked items at the top tier; every tick is listed.
    assert set(result.checked) == {CHECKLIST.item(i).text for i in checked}
    if result.tier:
        assert set(result.reasons) == {CHECKLIST.item(i).text for i in checked if RANK[i] == result.tier.rank}
    text = "\n".join(lines)
    for item_id in checked:
        assert CHECKLIST.item(item_id).text in text


@given(id_sets)
def test_the_order_of_ticking_does_not_matter(checked: set[str]) -> None:
    forwards = triage(CHECKLIST, sorted(checked))
    backwards = triage(CHECKLIST, sorted(checked, reverse=True))
    assert forwards == backwards


def test_the_source_has_six_red_flags() -> None:
    red_flags = [item for item in CHECKLIST.items if item.red_flag]
    assert len(red_flags) == 6
    assert all(item.source == "source article" for item in red_flags)


@pytest.mark.parametrize("item_id", [item.id for item in CHECKLIST.items if item.red_flag])
def test_every_source_red_flag_alone_gives_at_least_urgent(item_id: str) -> None:
    result = triage(CHECKLIST, {item_id})
    assert result.tier is not None and result.tier.rank >= URGENT
    assert result.reasons == (CHECKLIST.item(item_id).text,)


@given(id_sets.filter(lambda ids: any(CHECKLIST.item(i).red_flag for i in ids)))
def test_any_set_with_a_red_flag_is_at_least_urgent(checked: set[str]) -> None:
    result = triage(CHECKLIST, checked)
    assert result.tier is not None and result.tier.rank >= URGENT


def test_nothing_ticked_is_neutral_not_self_care() -> None:
    result = triage(CHECKLIST, set())
    assert result.tier is None
    assert result.label == "NONE"
    assert result.headline == NEUTRAL_HEADLINE
    assert "SELF-CARE" not in "\n".join(result_lines(result))
    assert result.reasons == () and result.checked == ()
    assert result.disclaimer == DISCLAIMER


def test_unknown_ids_are_ignored_not_fatal() -> None:
    assert triage(CHECKLIST, {"no-such-item"}).tier is None
    assert triage(CHECKLIST, {"no-such-item", "twitching"}).label == "SELF-CARE"


def test_common_symptoms_alone_are_self_care() -> None:
    feel = [item.id for item in CHECKLIST.items if item.group.id == "feel"]
    result = triage(CHECKLIST, feel)
    assert result.label == "SELF-CARE"
    assert result.headline == "SELF-CARE: what usually helps"


@pytest.mark.parametrize(
    ("item_id", "label"),
    [
        ("cannot-urinate", "EMERGENCY"),
        ("bowel-control", "EMERGENCY"),
        ("saddle-numbness", "EMERGENCY"),
        ("both-legs-weak", "EMERGENCY"),
        ("leg-clot-breathless", "EMERGENCY"),
        ("weak-hands-feet", "URGENT"),
        ("walking-balance", "URGENT"),
        ("shooting-pain", "URGENT"),
        ("one-calf-swollen", "URGENT"),
        ("long-cramp", "URGENT"),
        ("pain-weak-dark-urine", "URGENT"),
        ("keep-coming-back", "SOON"),
        ("new-medicine", "SOON"),
    ],
)
def test_tiers_follow_the_content_brief(item_id: str, label: str) -> None:
    assert triage(CHECKLIST, {item_id}).label == label


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_emergency_headline_uses_the_region_number(region: str) -> None:
    number = Settings(region=region).emergency_number
    assert number in {"911", "999", "112"}
    result = triage(CHECKLIST, {"cannot-urinate", "twitching"}, number)
    assert result.headline == f"EMERGENCY: call {number} (or your local number) now"
    others = {"911", "999", "112"} - {number}
    text = "\n".join(result_lines(result))
    assert not any(other in text for other in others)
    assert "{number}" not in text


@given(id_sets, st.sampled_from(sorted(REGIONS)))
def test_no_placeholder_is_ever_shown(checked: set[str], region: str) -> None:
    result = triage(CHECKLIST, checked, Settings(region=region).emergency_number)
    assert "{" not in "\n".join(result_lines(result))


def test_result_lines_wrap_to_the_width_asked() -> None:
    lines = result_lines(triage(CHECKLIST, IDS), width=40)
    assert max(len(line) for line in lines) <= 40
    assert lines[0].startswith("EMERGENCY:")


@st.composite
def retiered(draw: st.DrawFn) -> Checklist:
    """The bundled checklist with every item given a random tier: the rule must not depend on
    today's content."""
    items = tuple(replace(item, tier=draw(st.sampled_from(CHECKLIST.tiers))) for item in CHECKLIST.items)
    return replace(CHECKLIST, items=items)


@given(retiered(), id_sets, st.sampled_from(IDS))
def test_highest_tier_wins_for_any_tiering(checklist: Checklist, checked: set[str], extra: str) -> None:
    result = triage(checklist, checked)
    ranks = [checklist.item(i).tier.rank for i in checked]
    assert (result.tier.rank if result.tier else None) == (max(ranks) if ranks else None)
    after = triage(checklist, checked | {extra}).tier
    assert after is not None and after.rank >= (result.tier.rank if result.tier else 0)
