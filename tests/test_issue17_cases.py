"""The cases of issue 17, each at the tier its guidance gives, in both interfaces (`--checklist`
and the full screen) and in the US and UK regions, in each region's words.

The guidance for each case is named beside it (pages read 7 December 2026, through the stored
copies each checklist item's source names).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.checklist_command import run_cases
from tests.support.pilot import make_app
from tui.data.care_routes import routes_for
from tui.data.checklist import load_checklist
from tui.data.checklist_state import SavedState, now, save_state
from tui.data.content import default_content_dir
from tui.data.settings import Settings
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.content]

CHECKLIST = load_checklist(default_content_dir())

CASES: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    ("Sharp chest pain on breathing in, legs fine", ("chest-pain-breathing",), "emergency",
     'NHS "Pulmonary embolism": 999 if severe'),
    ("Heat cramps, still unwell after 30 minutes in the shade", ("heat-not-better", "sharp-pain"), "emergency",
     'NHS "Heat exhaustion and heatstroke": call 999'),
    ("Suddenly confused, with leg cramps", ("sudden-confusion", "cramp-cannot-move"), "emergency",
     'NHS "Sudden confusion (delirium)": A&E or 999'),
    ("A leg suddenly pale, cold, numb and painful", ("limb-pale-cold",), "emergency",
     "Acute limb ischaemia: an emergency"),
    ("Foot pain at night after months of calf pain on walking", ("leg-pain-rest", "walking-cramps"), "urgent",
     'NHS "PAD": see a doctor urgently'),
    ("Clawed hands and tingling lips, otherwise well", ("low-calcium",), "emergency",
     "Society for Endocrinology 2016: acute hypocalcaemia is an emergency"),
    ("A stiff jaw a week after a garden cut", ("tetanus",), "emergency", 'NHS "Tetanus": 999 or A&E'),
    ("A dirty cut, jabs not up to date, no stiffness", ("wound-tetanus-risk",), "urgent",
     'NHS "Tetanus": urgent GP appointment or 111'),
    ("Aching thighs for no reason on atorvastatin", ("statin-pain",), "urgent", "NHS statin pages: stop, call 111"),
    ("Sore legs after a hard hike, on a statin", ("statin-sore-cause", "hard-muscle"), "soon",
     "NHS statin pages: stop only for unexplained pain"),
    ("An eyelid twitch for three weeks", ("twitching-weeks",), "soon", 'NHS "Twitching": GP after 2 weeks'),
    ("A twitching hand muscle that is getting thinner", ("twitching-weak",), "urgent", "MSD: weakness, right away"),
    ("Sciatica for a month, nothing else", ("shooting-pain",), "soon", 'NHS "Sciatica": GP if not better'),
    ("Arm went weak all of a sudden", ("stroke-signs",), "emergency", 'NHS "Stroke": 999'),
    ("Hands weaker over two weeks", ("weak-hands-feet",), "urgent", "Source article; MSD"),
    ("Cola-coloured pee after a marathon", ("pain-weak-dark-urine",), "hospital", "CDC NIOSH: immediate care"),
    ("Pregnant, one calf swollen", ("one-calf-swollen",), "urgent", 'NHS "DVT": urgent; midwife first'),
    # Round 2 of the blind stories: the items whose words now say what sets them apart.
    ("A bit more breathless since this afternoon, after a knee operation", ("breathless-sudden",), "urgent",
     'NHS "Pulmonary embolism": urgent GP or 111 for sudden difficulty breathing'),
    ("Heat cramps that go on after a rest and a drink, with a heart condition", ("heat-cramps-risk",), "urgent",
     "CDC heat cramps: medical help for heart problems, or cramps over 1 hour"),
    ("Heat cramps gone after 20 minutes in the shade with a drink", ("heat-eased",), "selfcare",
     "CDC heat cramps: stop, cool down, drink"),
    ("Tingling lips three days after thyroid surgery", ("calcium-after-neck-op",), "urgent",
     "NHS trust leaflet: low calcium after thyroid surgery, treat at the first tingling"),
    ("Cramps since a stronger water pill", ("fluid-loss",), "urgent", "MSD: cramps with diuretics, right away"),
    ("Slowly more unsteady over six months", ("slow-nerve-signs",), "soon", 'NHS "Peripheral neuropathy": see a GP'),
    ("A sore spot on the chest the day after bench-pressing", ("chest-strain",), "soon",
     'NHS "Chest pain": chest sprain or strain'),
    ("A calf cramp once every few weeks at night", ("cramps-now-and-then",), "selfcare",
     'NHS "Leg cramps": occasional cramps are harmless'),
)


def headline(tier_id: str, region: str) -> str:
    return routes_for(region).fill(CHECKLIST.tier(tier_id).headline)


def settings_home(tmp_path: Path, region: str) -> dict[str, str]:
    config = tmp_path / region / "config"
    (config / "spasm-guide").mkdir(parents=True)
    (config / "spasm-guide" / "settings.toml").write_text(f'region = "{region}"\n', encoding="utf-8")
    state = tmp_path / region / "state"
    state.mkdir()
    return {**os.environ, "XDG_CONFIG_HOME": str(config), "XDG_STATE_HOME": str(state),
            "XDG_DATA_HOME": str(tmp_path / region / "data")}


@pytest.mark.slow  # each case through the real command
@pytest.mark.parametrize("region", ["US", "UK"])
def test_each_case_through_the_numbered_prompts(region: str, tmp_path: Path) -> None:
    """Every case typed into one run of `--checklist`, cleared between cases (a start per case
    proved nothing more: tests/support/checklist_command.py), each case's result read from its
    own part of the output."""
    outputs = run_cases(CHECKLIST, default_content_dir(), [case[1] for case in CASES],
                        settings_home(tmp_path, region))
    for (story, _, tier, source), out in zip(CASES, outputs, strict=True):
        assert headline(tier, region) in out, f"{story} ({source}): {region}"
    pregnant = outputs[[case[0] for case in CASES].index("Pregnant, one calf swollen")]
    assert ("midwife, GP or maternity unit" in pregnant) == (region == "UK")
    assert ("labor and delivery unit" in pregnant) == (region == "US")


@pytest.mark.pilot
@pytest.mark.parametrize("region", ["US", "UK"])
async def test_each_case_on_the_full_screen(region: str, tmp_path: Path) -> None:
    """One start a region: each case's choices saved, then the checklist opened anew from the
    start screen (a new screen reads the saved choices, as a start does) and closed with Esc.
    Each case checks that its screen is new and holds its own choices, so no case reads the last."""
    app = make_app(Settings(region=region), tmp=tmp_path, content=default_content_dir())
    last = None
    async with app.run_test(size=(80, 24)) as pilot:
        for story, chosen, tier, source in CASES:
            save_state(SavedState(dict.fromkeys(chosen, now())), checklist=CHECKLIST)
            assert isinstance(app.screen, StartScreen), f"{story}: {app.screen!r} instead of the start screen"
            await pilot.press("k")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChecklistScreen) and screen is not last, f"{story}: no new checklist"
            assert set(screen.session.state.ticks) == set(chosen), f"{story}: {screen.session.state.ticks}"
            shown = " ".join(screen.query_one("#result", SectionText).paragraphs)
            assert headline(tier, region) in shown, f"{story} ({source}): {region}: {shown[:80]}"
            last = screen
            await pilot.press("escape")
            await pilot.pause()
