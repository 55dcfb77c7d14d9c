"""The blind story suite: 82 patient stories written from published guidance by someone who had not
read the checklist, and the items a reader who saw only the checklist's words picked for each
(tests/stories/README.md says how they were made and kept apart).

For every story, in the US and the UK region:
- every fitting item ticked together gives a tier inside the story's range;
- the best-fitting item alone (a hurried reader ticks one) gives a tier inside the range;
- every other fitting item alone gives a tier inside the range, except the common symptoms
  under "What you feel", which describe every cramp: alone they may give less than the range,
  never more (see `COMMON_GROUP`).
The same answers typed into the real `spasm-guide --checklist` give the same headline.

The picks are item ids, the same in every language, so every story also runs on the Spanish
checklist (content/muscle-spasms-es) with the Spanish care routes, and must get the same tier as in
English for every one of the ticks above, in the pure triage and in the real command.
"""

from __future__ import annotations

import os
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.checklist_command import run_cases
from tui.data.care_routes import routes_for
from tui.data.checklist import TIER_IDS, Checklist, load_checklist
from tui.data.content import default_content_dir
from tui.data.settings import settings_path
from tui.data.triage import triage

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
CHECKLIST = load_checklist(default_content_dir())
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"
SPANISH = load_checklist(SPANISH_DIR)
CHECKLISTS: dict[str, Checklist] = {"en": CHECKLIST, "es": SPANISH}
"""The checklist in each language."""
CONTENT = {"en": default_content_dir(), "es": SPANISH_DIR}
RANK = {tier_id: rank for rank, tier_id in enumerate(TIER_IDS)}
"""selfcare 0, soon 1, urgent 2, hospital 3, emergency 4."""

REGIONS = ("US", "UK")
"""The regions the stories are set in; every story runs in both."""

COMMON_GROUP = "feel"
"""The checklist's group of common symptoms ("What you feel": sharp pain, a hard muscle). Every
cramp has them, so they fit almost every story; the checklist lists the warning signs above them
and a common symptom's result says to check those signs. Ticked alone, such an item is checked
never to send a person too early; ticked with the rest, or as the best fit, it is checked like
any other item."""


@dataclass(frozen=True)
class Story:
    """One story with the tiers guidance allows and the items a reader picked."""

    id: str
    region: str
    text: str
    lowest: str
    highest: str
    source: str
    note: str
    fitting: tuple[str, ...]
    """Every item whose words fit the story."""
    best: str
    """The one item a hurried reader would tick ("" when none fits)."""

    def allows(self, tier_id: str) -> bool:
        return RANK[self.lowest] <= RANK[tier_id] <= RANK[self.highest]


def load_stories() -> tuple[Story, ...]:
    stories = tomllib.loads((STORIES / "stories.toml").read_text(encoding="utf-8"))["stories"]
    picks = {pick["id"]: pick for pick in tomllib.loads((STORIES / "picks.toml").read_text(encoding="utf-8"))["picks"]}
    return tuple(Story(story["id"], story["region"], story["story"], story["lowest"], story["highest"],
                       story["source"], story["note"], tuple(picks[story["id"]]["all"]), picks[story["id"]]["best"])
                 for story in stories)


ALL = load_stories()
FITTED = tuple(story for story in ALL if story.fitting)
CASES = [(story, region) for story in FITTED for region in REGIONS]
CASE_IDS = [f"{story.id}-{region}" for story, region in CASES]


def tier_of(ids: tuple[str, ...], region: str, language: str = "en") -> str:
    result = triage(CHECKLISTS[language], ids, routes_for(region, language))
    assert result.tier is not None
    return result.tier.id


def test_the_suite_is_whole_and_every_pick_is_an_item() -> None:
    assert len(ALL) >= 60
    assert len({story.id for story in ALL}) == len(ALL)
    for story in ALL:
        assert story.region in REGIONS and story.source, story.id
        assert story.lowest in RANK and story.highest in RANK and RANK[story.lowest] <= RANK[story.highest], story.id
        for item_id in story.fitting:
            CHECKLIST.item(item_id)  # a KeyError names a pick the checklist no longer has
            SPANISH.item(item_id)  # ... or one the Spanish checklist lacks
        assert (story.best in story.fitting) if story.fitting else story.best == "", story.id
        if RANK[story.highest] > RANK[story.lowest]:
            assert story.note, f"{story.id}: a range wider than one tier says why guidance allows it"


def test_stories_no_item_fits_are_the_ones_guidance_leaves_to_self_care_or_a_doctor() -> None:
    """A story no item fits gets "Nothing chosen yet": only right where guidance allows self-care
    or a visit to a doctor when it suits, never where it says get help today or sooner."""
    unfitted = [story for story in ALL if not story.fitting]
    assert all(RANK[story.lowest] <= RANK["soon"] for story in unfitted), [
        (story.id, story.lowest) for story in unfitted if RANK[story.lowest] > RANK["soon"]]


@pytest.mark.parametrize(("story", "region"), CASES, ids=CASE_IDS)
def test_every_fitting_item_ticked_gives_a_tier_in_range(story: Story, region: str) -> None:
    tier = tier_of(story.fitting, region)
    assert story.allows(tier), f"{story.id} ({region}): {tier}, guidance allows {story.lowest}..{story.highest}"


@pytest.mark.parametrize(("story", "region"), CASES, ids=CASE_IDS)
def test_the_best_fitting_item_alone_gives_a_tier_in_range(story: Story, region: str) -> None:
    tier = tier_of((story.best,), region)
    assert story.allows(tier), (f"{story.id} ({region}): '{story.best}' alone gives {tier}, "
                                f"guidance allows {story.lowest}..{story.highest}")


@pytest.mark.parametrize(("story", "region"), CASES, ids=CASE_IDS)
def test_each_fitting_item_alone_gives_a_tier_in_range(story: Story, region: str) -> None:
    wrong = []
    for item_id in story.fitting:
        tier = tier_of((item_id,), region)
        common = CHECKLIST.item(item_id).group.id == COMMON_GROUP and item_id != story.best
        if not story.allows(tier) and not (common and RANK[tier] < RANK[story.lowest]):
            wrong.append(f"'{item_id}' alone gives {tier}")
    assert not wrong, f"{story.id} ({region}), guidance allows {story.lowest}..{story.highest}: {wrong}"


@pytest.mark.parametrize(("story", "region"), CASES, ids=CASE_IDS)
def test_every_tick_of_the_story_gets_the_same_tier_in_spanish(story: Story, region: str) -> None:
    """All the fitting items together, and each alone (the best one among them): the same tier
    from the Spanish checklist as from the English one."""
    ticks = [story.fitting, *((item_id,) for item_id in story.fitting)]
    differ = [(ids, tier_of(ids, region), tier_of(ids, region, "es")) for ids in ticks
              if tier_of(ids, region, "es") != tier_of(ids, region)]
    assert not differ, f"{story.id} ({region}): (ticks, English tier, Spanish tier) {differ}"
    # The Spanish result is in Spanish: the routes' words are the region's Spanish ones.
    spanish = triage(SPANISH, story.fitting, routes_for(region, "es"))
    assert spanish.headline != triage(CHECKLIST, story.fitting, routes_for(region)).headline


def run_region(region: str, tmp: Path, language: str) -> list[str]:
    """Every story's fitting items typed into one `spasm-guide --checklist` in `region`, on the
    guide in `language`, cleared between stories (tests/support/checklist_command.py); what was
    printed for each story, in the order of `FITTED`."""
    home = tmp / f"{region}-{language}"
    env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"),
               XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"))
    config = Path(env["XDG_CONFIG_HOME"]) / settings_path().relative_to(os.environ["XDG_CONFIG_HOME"])
    config.parent.mkdir(parents=True)
    config.write_text(f'region = "{region}"\n', encoding="utf-8")
    return run_cases(CHECKLISTS[language], CONTENT[language], [story.fitting for story in FITTED], env)


@pytest.mark.slow
@pytest.mark.parametrize("language", sorted(CHECKLISTS))
def test_the_command_gives_each_story_the_same_headline_in_each_region(tmp_path: Path, language: str) -> None:
    checklist = CHECKLISTS[language]
    labels = tuple(f"{tier.label}:" for tier in checklist.tiers)
    with ThreadPoolExecutor(max_workers=len(REGIONS)) as pool:
        by_region = dict(zip(REGIONS, pool.map(lambda region: run_region(region, tmp_path, language), REGIONS),
                             strict=True))
    outputs = [by_region[region][FITTED.index(story)] for story, region in CASES]
    for (story, region), out in zip(CASES, outputs, strict=True):
        expected = triage(checklist, story.fitting, routes_for(region, language))
        assert expected.tier is not None and expected.tier.id == tier_of(story.fitting, region)
        headlines = [line for line in out.splitlines() if line.startswith(labels)]
        assert headlines, f"{story.id} ({region}, {language}): no result headline in\n{out[-800:]}"
        assert headlines[-1] == expected.headline, f"{story.id} ({region}, {language}): {headlines[-1]!r}"
