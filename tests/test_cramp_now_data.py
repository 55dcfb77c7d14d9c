"""cramp-now.toml: the loader refuses every mistake in one line naming the file and the key, the
timer counts from a replaceable clock, and the steps read at grade 7 or below."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.reading_level import FK_GRADE_MAX, SMOG_MAX, measured_text
from tui.data.checklist import load_checklist, parse_checklist
from tui.data.content import default_content_dir
from tui.data.cramp_now import (
    CRAMP_FILE,
    CrampTimer,
    eased_lines,
    load_cramp_now,
    minutes_in_words,
    parse_cramp_now,
    so_far,
    step_lines,
)
from tui.data.errors import ContentError

FOLDER = FIXTURE_GUIDE
"""The fixture guide: the loader and the timer are tested on it, not on the live file."""
LIVE = default_content_dir()
"""The live guide, for the tests of its own words (marked `content`)."""
PATH = FOLDER / CRAMP_FILE
DATA = tomllib.loads(PATH.read_text(encoding="utf-8"))


def test_a_file_loads_with_three_steps_for_each_muscle() -> None:
    cramp = load_cramp_now(FOLDER)
    assert [m.id for m in cramp.muscles] == ["calf", "hand"]
    assert all(len(m.steps) == 3 and m.source for m in cramp.muscles)
    assert cramp.check_minutes == 10
    item = cramp.long_cramp(load_checklist(FOLDER))
    assert item.id == "long-cramp" and item.tier.id == "urgent"
    assert step_lines(cramp.muscle("calf"))[0] == f"Step 1 of 3: {cramp.muscle('calf').steps[0]}"


@pytest.mark.content
def test_the_bundled_file_has_five_muscles_and_an_urgent_long_cramp() -> None:
    cramp = load_cramp_now(LIVE)
    assert [m.id for m in cramp.muscles] == ["calf", "thigh-front", "thigh-back", "foot", "hand"]
    assert all(len(m.steps) == 3 and m.source for m in cramp.muscles)
    item = cramp.long_cramp(load_checklist(LIVE))
    assert item.text == "A cramp over 10 minutes that stretching does not ease"
    assert item.tier.id == "urgent"


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    change(data)
    return data


CASES: list[tuple[str, Any, str]] = [
    ("no head", lambda d: d.pop("cramp_now"), "missing table [cramp_now]"),
    ("unknown top key", lambda d: d.update(extra=1), "key 'extra' is not known"),
    ("unknown head key", lambda d: d["cramp_now"].update(titel="x"), "key 'cramp_now.titel' is not known"),
    ("no title", lambda d: d["cramp_now"].pop("title"), "missing key 'cramp_now.title'"),
    ("minutes text", lambda d: d["cramp_now"].update(check_minutes="10"), "key 'cramp_now.check_minutes'"),
    ("minutes zero", lambda d: d["cramp_now"].update(check_minutes=0), "key 'cramp_now.check_minutes'"),
    ("minutes bool", lambda d: d["cramp_now"].update(check_minutes=True), "key 'cramp_now.check_minutes'"),
    ("bad item id", lambda d: d["cramp_now"].update(checklist_item="Long Cramp"), "key 'cramp_now.checklist_item'"),
    ("no eased", lambda d: d.pop("eased"), "missing table [eased]"),
    ("eased label", lambda d: d["eased"].update(headline="Good, it eased."), "key 'eased.headline' must start"),
    ("eased label missing", lambda d: d["eased"].pop("label"), "missing key 'eased.label'"),
    ("eased other label", lambda d: d["eased"].update(label="AT HOME"), "must start with 'AT HOME:'"),
    ("eased advice empty", lambda d: d["eased"].update(advice=[]), "key 'eased.advice' must be a list of 1 to 5"),
    ("eased advice blank", lambda d: d["eased"].update(advice=["ok", " "]), "key 'eased.advice[1]'"),
    ("no muscles", lambda d: d.pop("muscles"), "missing '[[muscles]]'"),
    ("two steps", lambda d: d["muscles"][1].update(steps=["a", "b"]),
     "key 'muscles[1].steps' must be a list of exactly 3 strings"),
    ("step not text", lambda d: d["muscles"][0]["steps"].__setitem__(2, 3), "key 'muscles[0].steps[2]'"),
    ("long step", lambda d: d["muscles"][1]["steps"].__setitem__(0, "word " * 30),
     "key 'muscles[1].steps[0]' is over 120 characters"),
    ("long name", lambda d: d["muscles"][1].update(name="x" * 37), "key 'muscles[1].name' is over 36"),
    ("duplicate id", lambda d: d["muscles"][1].update(id="calf"), "key 'muscles[1].id': duplicate id 'calf'"),
    ("bad id", lambda d: d["muscles"][0].update(id="Calf"), "key 'muscles[0].id'"),
    ("unknown muscle key", lambda d: d["muscles"][0].update(step=["x"]), "key 'muscles[0].step' is not known"),
    ("no source", lambda d: d["muscles"][0].pop("source"), "missing key 'muscles[0].source'"),
    ("muscle not a table", lambda d: d["muscles"].append(1), "muscles[2] must be a table"),
]


@pytest.mark.parametrize(("change", "message"), [(c, m) for _, c, m in CASES], ids=[n for n, _, _ in CASES])
def test_each_mistake_is_one_line_naming_the_file_and_key(change: Any, message: str) -> None:
    with pytest.raises(ContentError) as raised:
        parse_cramp_now(broken(change), PATH)
    line = raised.value.one_line()
    assert "\n" not in line
    assert line.startswith(f"{PATH}: ")
    assert message in line


def test_the_checklist_item_must_exist_and_be_urgent(tmp_path: Path) -> None:
    checklist = load_checklist(FOLDER)
    missing = parse_cramp_now(broken(lambda d: d["cramp_now"].update(checklist_item="no-such")), PATH)
    with pytest.raises(ContentError, match=r"cramp-now.toml: key 'cramp_now.checklist_item': 'no-such' is not an"):
        missing.long_cramp(checklist)
    selfcare = next(item for item in checklist.items if item.tier.id == "selfcare")
    low = parse_cramp_now(broken(lambda d: d["cramp_now"].update(checklist_item=selfcare.id)), PATH)
    with pytest.raises(ContentError, match="must be 'urgent' or higher, not 'selfcare'"):
        low.long_cramp(checklist)


def test_a_bad_file_is_one_line_too(tmp_path: Path) -> None:
    (tmp_path / CRAMP_FILE).write_text("[cramp_now\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_cramp_now(tmp_path)
    assert raised.value.one_line().startswith(f"{tmp_path / CRAMP_FILE}:1: invalid TOML")
    with pytest.raises(ContentError, match="file not found"):
        load_cramp_now(tmp_path / "nowhere")


@pytest.mark.parametrize(("seconds", "words"), [(0, "Less than a minute"), (59.9, "Less than a minute"),
                                                (60, "1 minute"), (119, "1 minute"), (200, "3 minutes"),
                                                (600, "10 minutes"), (3725, "62 minutes"), (-5, "Less than a minute")])
def test_time_in_whole_minutes_in_words(seconds: float, words: str) -> None:
    assert minutes_in_words(seconds) == words
    assert so_far(seconds) == f"{words} so far."


def test_the_timer_counts_from_its_clock_and_is_due_once() -> None:
    now = [100.0]
    timer = CrampTimer(10, lambda: now[0])
    assert timer.elapsed() == 0 and timer.remaining() == 600 and not timer.due()
    now[0] += 599
    assert not timer.due() and not timer.past_check() and timer.remaining() == 1
    now[0] += 1
    assert timer.due() and timer.past_check() and timer.remaining() == 0
    timer.asked = True
    assert not timer.due() and timer.past_check()


def test_the_eased_close_ends_with_the_disclaimer() -> None:
    lines = eased_lines(load_cramp_now(FOLDER).eased)
    assert lines[0].startswith("SELF-CARE:")
    assert lines[-1] == "This is not a diagnosis."


def cramp_texts() -> dict[str, str]:
    """Every text a reader meets on the live guide's screen, measured as the guide's sections are."""
    cramp = load_cramp_now(LIVE)
    texts = {m.id: measured_text([m.name, *step_lines(m)]) for m in cramp.muscles}
    texts["eased"] = measured_text(eased_lines(cramp.eased))
    return texts


@pytest.mark.content
@pytest.mark.parametrize("name", list(cramp_texts()))
def test_the_steps_read_at_grade_7_or_below(textstat: ModuleType, name: str) -> None:
    text = cramp_texts()[name]
    grade = textstat.flesch_kincaid_grade(text)
    smog = textstat.smog_index(text)
    assert grade <= FK_GRADE_MAX, f"{name}: Flesch-Kincaid grade {grade:.2f} > {FK_GRADE_MAX}"
    assert smog <= SMOG_MAX, f"{name}: SMOG {smog:.2f} > {SMOG_MAX}"


@pytest.mark.content
def test_all_the_steps_together_read_at_grade_7_or_below(textstat: ModuleType) -> None:
    text = "\n".join(cramp_texts().values())
    assert textstat.flesch_kincaid_grade(text) <= FK_GRADE_MAX
    assert textstat.smog_index(text) <= SMOG_MAX


def test_hard_steps_would_fail_the_same_measure(textstat: ModuleType) -> None:
    """The measure is not vacuous for step text written the way the guide must not be."""
    hard = parse_cramp_now(broken(lambda d: d["muscles"][0].update(steps=[
        "Subsequently, dorsiflexion of the ankle articulation necessitates considerable concentration.",
        "Simultaneously, maintain continuous extension of the gastrocnemius musculature.",
        "Ultimately, sustained elongation characteristically terminates involuntary contractions.",
    ])), PATH)
    text = measured_text(step_lines(hard.muscles[0]))
    assert textstat.flesch_kincaid_grade(text) > FK_GRADE_MAX


def test_the_checklist_the_timer_uses_is_the_guides_own() -> None:
    """A copy of the checklist without the item makes `long_cramp` refuse, not guess."""
    data = tomllib.loads((FOLDER / "checklist.toml").read_text(encoding="utf-8"))
    data["items"] = [item for item in data["items"] if item["id"] != "long-cramp"]
    checklist = parse_checklist(data, FOLDER / "checklist.toml")
    with pytest.raises(ContentError, match=r"'long-cramp' is not an item in checklist\.toml"):
        load_cramp_now(FOLDER).long_cramp(checklist)


def test_one_minute_is_said_as_one_minute() -> None:
    from tui.data.cramp_now import check_message, early_question, keep_going, timer_started

    assert check_message(1) == "It has been 1 minute."
    assert check_message(10) == "It has been 10 minutes."
    assert "At 1 minute it will ask" in timer_started(1)
    assert early_question(1).endswith("more than 1 minute in all?")
    assert "At 10 minutes it will ask again" in keep_going(10)
