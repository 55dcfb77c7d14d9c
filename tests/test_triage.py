"""Triage: the most urgent ticked item decides, nothing lowers it, red flags are never below urgent."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.fixture_guide import fixture_checklist
from tui.data.care_routes import routes_for
from tui.data.checklist import TIER_IDS, Checklist
from tui.data.settings import REGIONS
from tui.data.triage import DISCLAIMER, NEUTRAL_HEADLINE, EarlierItem, result_blocks, result_lines, triage

CHECKLIST: Checklist = fixture_checklist()
"""The fixture guide's checklist (tests/fixtures/guide): every tier, red flags and not, actions and
placeholders, so the rule is tested on the code, not on today's live items."""

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
    # Every result ends with a safety net, just before the disclaimer.
    assert [block.heading for block in result_blocks(result)][-2:] == ["If it gets worse:", DISCLAIMER]
    flat = " ".join(" ".join(lines).split())
    assert result.safety_net in flat
    if result.tier:
        assert lines[0].startswith(f"{result.tier.label}:")
        assert result.advice
    # The deciding items are exactly the ticked items at the top tier; every tick is listed.
    assert set(result.checked) == {CHECKLIST.item(i).text for i in checked}
    if result.tier:
        assert set(result.reasons) == {CHECKLIST.item(i).text for i in checked if RANK[i] == result.tier.rank}
    for item_id in checked:
        assert CHECKLIST.item(item_id).text in flat


@given(id_sets)
def test_the_order_of_ticking_does_not_matter(checked: set[str]) -> None:
    forwards = triage(CHECKLIST, sorted(checked))
    backwards = triage(CHECKLIST, sorted(checked, reverse=True))
    assert forwards == backwards


@pytest.mark.parametrize("item_id", [item.id for item in CHECKLIST.items if item.red_flag])
def test_every_red_flag_alone_gives_at_least_urgent(item_id: str) -> None:
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
    assert triage(CHECKLIST, {"no-such-item", "hard-muscle"}).label == "SELF-CARE"


def test_common_symptoms_alone_are_self_care() -> None:
    feel = [item.id for item in CHECKLIST.items if item.group.id == "feel"]
    result = triage(CHECKLIST, feel)
    assert result.label == "SELF-CARE"
    assert result.headline == "SELF-CARE: you can most likely care for this at home"


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_tier_speaks_the_words_of_the_region(region: str) -> None:
    routes = routes_for(region)
    assert routes.number == REGIONS[region][0]
    result = triage(CHECKLIST, {"stroke-signs", "hard-muscle"}, routes)
    assert result.headline == f"EMERGENCY: call {routes.number} (or your local emergency number) now"
    urgent = " ".join(" ".join(result_lines(triage(CHECKLIST, {"twitching-weeks"}, routes))).split())
    assert routes.urgent_route in urgent
    hospital = triage(CHECKLIST, {"dark-pee"}, routes).headline
    assert routes.hospital in hospital
    others = {"911", "999", "112"} - {routes.number}
    for text in ("\n".join(result_lines(triage(CHECKLIST, {item.id}, routes))) for item in CHECKLIST.items):
        assert not any(other in text for other in others)
        assert "{" not in text
    # 111 is a UK route: nobody elsewhere is told to call it.
    assert ("111" in urgent) == (region == "UK")


def test_an_item_action_comes_with_the_result() -> None:
    result = triage(CHECKLIST, {"statin-pain", "sharp-pain"}, routes_for("UK"))
    assert result.label == "URGENT"
    assert result.actions == ("Stop taking the statin. Tell the doctor you stopped it.",)
    lines = result_lines(result)
    assert lines.index("Do this now:") < lines.index("What to do:")


def test_earlier_choices_are_shown_but_never_counted() -> None:
    earlier = (EarlierItem(CHECKLIST.item("stroke-signs").text, "27 November"),)
    alone = triage(CHECKLIST, set(), earlier=earlier)
    assert alone.tier is None and alone.headline == "Nothing counted yet. Are your earlier choices still true?"
    result = triage(CHECKLIST, {"hard-muscle"}, earlier=earlier)
    assert result.label == "SELF-CARE"
    text = " ".join(" ".join(result_lines(result)).split())
    assert "Still true?" in text and "(chosen 27 November)" in text


@given(id_sets, st.sampled_from(sorted(REGIONS)))
def test_no_placeholder_is_ever_shown(checked: set[str], region: str) -> None:
    result = triage(CHECKLIST, checked, routes_for(region))
    assert "{" not in "\n".join(result_lines(result))


def test_result_lines_wrap_to_the_width_asked() -> None:
    lines = result_lines(triage(CHECKLIST, IDS), width=40)
    assert max(len(line) for line in lines) <= 40
    assert lines[0].startswith("EMERGENCY:")


@st.composite
def retiered(draw: st.DrawFn) -> Checklist:
    """The checklist with every item given a random tier: the rule must not depend on
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


@pytest.mark.parametrize(("region", "words"), [("US", "labor and delivery unit"),
                                               ("UK", "midwife, GP or maternity unit"),
                                               ("EU", "midwife or doctor, or the maternity unit")])
def test_a_swollen_calf_in_pregnancy_names_the_regions_maternity_route(region: str, words: str) -> None:
    """NHS DVT in pregnancy: the midwife, GP or maternity unit first; each region in its own words."""
    result = triage(CHECKLIST, {"one-calf-swollen"}, routes_for(region))
    assert result.label == "URGENT"
    assert any("pregnant" in line and words in line for line in result.actions), result.actions
    assert routes_for(region).urgent_route in " ".join(result.advice)
