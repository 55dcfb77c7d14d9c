"""One message per result, for every single item and every pair of items, in every region.

The content brief and issue 17: a result gives the most urgent timeframe only (no "go to the ER
now" beside "get help today"), its tier is the highest tier ticked, and no advice line is shown
that another tick makes unsafe (nothing to drink for a confused person, no heat on numb skin, no
"keep taking the statin" beside "stop the statin"). Any fluids advice comes with the kidney,
heart and dialysis caution.
"""

from __future__ import annotations

import itertools
import re

import pytest

from tui.data.care_routes import CareRoutes, routes_for
from tui.data.checklist import Checklist, load_checklist
from tui.data.content import default_content_dir
from tui.data.settings import REGIONS
from tui.data.triage import TriageResult, triage

pytestmark = [pytest.mark.content]

CHECKLIST: Checklist = load_checklist(default_content_dir())
IDS = CHECKLIST.ids
SETS: list[frozenset[str]] = [frozenset({i}) for i in IDS] + [frozenset(p) for p in itertools.combinations(IDS, 2)]
"""Every item alone and every pair of items."""


def timeframe_patterns(routes: CareRoutes) -> dict[str, re.Pattern[str]]:
    """The words that say WHEN, per tier, in this region's words."""
    return {
        "emergency": re.compile(rf"\bcall {re.escape(routes.number)}\b"),
        "hospital": re.compile(rf"\bgo to {re.escape(routes.hospital.lower())}"),
        "urgent": re.compile(r"\btoday\b"),
        "soon": re.compile(r"\bfew days\b|\bsoon\b"),
        "selfcare": re.compile(r"\bat home\b"),
    }


def told(result: TriageResult) -> str:
    """What the result tells the reader to do (not the "if it gets worse" line, which is meant to
    name a more urgent step)."""
    return " ".join((result.headline, *result.actions, *result.advice, *result.cautions)).lower()


def lines_of_kind(kind: str, routes: CareRoutes) -> set[str]:
    """Every advice or action line of a kind, as a reader would see it."""
    lines = [line for tier in CHECKLIST.tiers for line in tier.advice]
    lines += [line for item in CHECKLIST.items for line in item.actions]
    return {routes.fill(line.text) for line in lines if line.kind == kind}


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_single_item_and_pair_gives_one_safe_message(region: str) -> None:
    routes = routes_for(region)
    patterns = timeframe_patterns(routes)
    drink_caution = routes.fill(CHECKLIST.cautions["drink"])
    problems: list[str] = []
    for chosen in SETS:
        result = triage(CHECKLIST, chosen, routes)
        top = max(CHECKLIST.item(i).tier.rank for i in chosen)
        assert result.tier is not None and result.tier.rank == top, sorted(chosen)
        text = told(result)
        frames = {tier for tier, pattern in patterns.items() if pattern.search(text)}
        if frames != {result.tier.id}:
            problems.append(f"{sorted(chosen)}: timeframes {sorted(frames)}")
        shown = set(result.actions) | set(result.advice)
        for item_id in chosen:
            for kind in CHECKLIST.item(item_id).unsafe:
                if unsafe := shown & lines_of_kind(kind, routes):
                    problems.append(f"{sorted(chosen)}: {kind!r} advice for {item_id}: {sorted(unsafe)}")
        if shown & lines_of_kind("drink", routes) and drink_caution not in result.cautions:
            problems.append(f"{sorted(chosen)}: fluids advice without its caution")
        if "stop taking the statin" in text and ("statin-pain" not in chosen or "do not stop" in text):
            problems.append(f"{sorted(chosen)}: 'stop the statin' where it does not belong")
        said = [*result.actions, *result.advice, *result.cautions]
        if len(said) != len(set(said)):
            problems.append(f"{sorted(chosen)}: a line said twice")
    assert problems == []


def test_the_check_is_not_vacuous_a_drink_is_left_out_for_a_confused_person() -> None:
    """Dark pee alone: sip water on the way, with the fluids caution. With heatstroke or sudden
    confusion as well: no drink at all, and so no fluids caution either."""
    alone = triage(CHECKLIST, {"pain-weak-dark-urine"}, routes_for("UK"))
    assert any("sip water" in line for line in alone.actions)
    assert any("dialysis" in line for line in alone.cautions)
    for confused in ("heatstroke", "sudden-confusion"):
        result = triage(CHECKLIST, {"pain-weak-dark-urine", confused}, routes_for("UK"))
        assert result.label == "EMERGENCY"
        assert not any("sip" in line for line in (*result.actions, *result.advice)), result.actions
        assert not any("dialysis" in line for line in result.cautions)


def test_heat_is_never_advised_with_numb_skin() -> None:
    """Self-care alone advises heat or ice, with its caution; any numbness item takes it away
    (those items are urgent or higher, so the self-care card is not shown with them at all)."""
    alone = triage(CHECKLIST, {"sharp-pain"})
    assert any("heat or ice" in line for line in alone.advice)
    assert any("numb" in line for line in alone.cautions)
    numb = [item.id for item in CHECKLIST.items if "heat" in item.unsafe]
    assert {"numb-patch", "saddle-numbness", "limb-pale-cold", "stroke-signs", "both-legs-weak"} <= set(numb)
    for item_id in numb:
        result = triage(CHECKLIST, {"sharp-pain", item_id})
        assert not any("heat" in line.lower() for line in (*result.actions, *result.advice)), item_id


def test_the_statin_items_never_disagree() -> None:
    both = triage(CHECKLIST, {"statin-pain", "statin-sore-cause"})
    assert both.actions == ("Stop taking the statin. Tell the doctor you stopped it.",)
    sore = triage(CHECKLIST, {"statin-sore-cause"})
    assert sore.label == "SOON"
    assert not any("Stop taking" in line for line in (*sore.actions, *sore.advice))


def test_one_timeframe_check_would_catch_a_second_timeframe() -> None:
    """Not vacuous: an urgent action that says "today" beside an emergency headline is caught."""
    from dataclasses import replace

    from tui.data.checklist import Advice

    statin = CHECKLIST.item("statin-pain")
    bad_statin = replace(statin, actions=(Advice("Stop the statin, and get help today."),))
    bad = replace(CHECKLIST, items=tuple(bad_statin if i.id == "statin-pain" else i for i in CHECKLIST.items))
    result = triage(bad, {"statin-pain", "stroke-signs"})
    patterns = timeframe_patterns(routes_for("US"))
    frames = {tier for tier, pattern in patterns.items() if pattern.search(told(result))}
    assert frames == {"emergency", "urgent"}


def test_the_cramp_now_eased_screen_carries_the_same_cautions() -> None:
    """The "it has eased" screen advises warmth and a drink: each with the checklist's caution."""
    from tui.data.cramp_now import load_cramp_now

    eased = load_cramp_now(default_content_dir()).eased
    text = " ".join(eased.advice).lower()
    assert "warm" in text and "drink" in text
    for kind in ("heat", "drink"):
        assert CHECKLIST.cautions[kind] in eased.advice, kind
