"""The guide's safety wording: every red flag at its level, one rule for walking, self-care
advice with its cautions, one choice of words, review lines, the reviewer's credit in its place,
and a "Get help now" block a worried reader meets first.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines, screen_text
from tui.data.content import Guide, Section, default_content_dir, load_guide
from tui.data.pages import about_page, credit_lines
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.widgets.section_text import SectionText
from tui.plain.render import page_lines

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
GUIDE = load_guide()

TIERS = {
    "EMERGENCY": ["you cannot pee", "control when you pee or poo", "do not notice when you need to go",
                  "new, not normal for you", "groin, genitals or buttocks",
                  "weakness or numbness in both legs", "suddenly lose your balance", "call even if it got better",
                  "short of breath or have pain in your chest or upper back", "sharp chest pain when you breathe in",
                  "so short of breath you can hardly talk", "even if your legs look fine", "suddenly confused",
                  "nothing to eat or drink", "jaw is stiff", "days or weeks after a cut, bite or burn", "tetanus",
                  "one side of your body", "face droops", "slurred", "stroke", "got too hot",
                  "confused or faint", "no sweat", "heatstroke", "after 30 minutes of rest somewhere cool",
                  "suddenly pale, cold, numb and painful", "clawed hands, with tingling lips or fingers",
                  "low calcium", "even if it seems mild", "uneven heartbeat", "heavy or tight", "arm, jaw or back"],
    "HOSPITAL NOW": ["very bad muscle pain", "tea or cola", "pee very little", "emergency room (a&e in the uk) now"],
    "URGENT": ["hands or feet feel weak", "unsteady", "balance", "trouble walking in one leg",
               "one calf is swollen, red or warm", "midwife, gp or maternity unit", "more than 10 minutes",
               "take a statin", "no clear cause", "stop the statin", "111", "even at rest or at night",
               "twitches and feels weak", "getting thinner", "tetanus jabs", "jaw is not stiff",
               "belly, chest or arms", "did not come from heat or hard exercise", "sick or had diarrhea a lot",
               "new or stronger water pill", "more out of breath than usual", "neck or thyroid surgery",
               "more than an hour", "low-salt diet", "will not heal", "urgent care", "nurse line"],
    "SOON": ["most nights", "more and more often", "not for a statin or a water pill", "over months",
             "numb or tingly", "fingers or lips tingle", "strained muscle", "your legs do not hurt at rest",
             "when you walk, and they stop when you rest", "twitched for more than 2 weeks",
             "shooting pain down an arm or a leg", "not better after a few weeks", "sore for a clear reason",
             "do not stop the statin for this", "drink a lot of alcohol"],
}
"""Per level of section 6, the red flags of the issue and the content brief, in the guide's words."""


def tier_lines(guide: Guide = GUIDE) -> dict[str, list[str]]:
    """Section 6's paragraphs and bullets, by the level heading they sit under."""
    section = next(s for s in guide.sections if s.slug == "warning-signs")
    tiers: dict[str, list[str]] = {}
    tier = ""
    for block in section.blocks:
        if block.kind == "subheading":
            tier = block.lines[0].split(":")[0]
        elif tier and block.kind != "note":
            tiers.setdefault(tier, []).extend(block.lines)
    return tiers


@pytest.mark.parametrize("tier", sorted(TIERS))
def test_every_red_flag_is_at_its_level(tier: str) -> None:
    text = " ".join(tier_lines()[tier]).lower()
    assert [flag for flag in TIERS[tier] if flag.lower() not in text] == []


def test_one_rule_for_walking() -> None:
    """Both legs or sudden: emergency. Unsteady, balance or one leg: urgent. Nowhere both."""
    tiers = tier_lines()
    for tier, lines in tiers.items():
        for line in lines:
            low = line.lower()
            if "walking" not in low:
                continue
            if tier == "EMERGENCY":
                assert "both legs" in low or "sudden" in low, line
            elif tier == "URGENT":
                assert ("one leg" in low or "unsteady" in low) and "both legs" not in low, line
            else:
                pytest.fail(f"walking problems below URGENT: {line!r}")
    # Elsewhere in the guide, no section names a walking problem at another level.
    for section in GUIDE.sections:
        if section.slug != "warning-signs":
            assert "trouble walking" not in section.text().lower(), section.slug


def test_the_check_of_levels_finds_a_flag_put_too_low(tmp_path: Path) -> None:
    """Not vacuous: moving 'cannot pee' under SOON fails the EMERGENCY check."""
    import shutil

    copy = tmp_path / "guide"
    shutil.copytree(GUIDE.folder, copy)
    path = copy / "sections" / "warning-signs.md"
    line = ("- You cannot pee, or you cannot control when you pee or poo, or you do not notice when you "
            "need to go. Call only if this is new, not normal for you.\n")
    original = path.read_text(encoding="utf-8")
    assert line in original
    text = original.replace(line, "")
    text = text.replace("## SOON: see a doctor in the next few days\n\n",
                        "## SOON: see a doctor in the next few days\n\n- You cannot pee.\n")
    path.write_text(text, encoding="utf-8")
    emergency = " ".join(tier_lines(load_guide(copy))["EMERGENCY"]).lower()
    assert "you cannot pee" not in emergency


def section(slug: str) -> Section:
    return next(s for s in GUIDE.sections if s.slug == slug)


def under(slug: str, heading_word: str) -> str:
    """The text under the first subheading containing `heading_word`, up to the next one."""
    out: list[str] = []
    inside = False
    for block in section(slug).blocks:
        if block.kind == "subheading":
            inside = heading_word.lower() in block.lines[0].lower()
        elif inside:
            out.extend(block.lines)
    return " ".join(out)


def test_pain_relievers_come_afterwards_with_their_cautions() -> None:
    helps = section("what-helps")
    first_list = next(b for b in helps.blocks if b.kind == "bullets")
    assert not any("pain reliever" in item.lower() or "ibuprofen" in item.lower() for item in first_list.lines)
    after = under("what-helps", "Afterwards").lower()
    assert "do not stop a cramp" in after and "acetaminophen (paracetamol)" in after
    for caution in ("kidney disease", "stomach ulcer", "blood thinner", "heart failure", "pregnant",
                    "water pills", "pharmacist", "follow the label"):
        assert caution in after, caution


def test_heat_ice_and_fluids_carry_their_cautions() -> None:
    assert "lost feeling" in under("what-helps", "heat and ice")
    assert "diabetes" in under("what-helps", "heat and ice")
    assert "kidney or heart disease" in section("prevention").text()
    assert "kidney or heart disease" in under("causes", "Dehydration")
    assert "stand on that leg" in under("what-helps", "night")


def test_muscle_relaxants_and_quinine() -> None:
    safely = under("treatment", "safely").lower()
    for fact in ("drowsy", "do not drive or drink alcohol", "do not stop baclofen or tizanidine all at once",
                 "older adults", "falls", "short time", "back or neck", "ms", "spinal cord injury",
                 "not meant for everyday leg cramps"):
        assert fact in safely, fact
    quinine = under("treatment", "Quinine").lower()
    assert "not advised for everyday leg cramps" in quinine
    notes = " ".join(b.lines[0] for b in section("treatment").blocks if b.kind == "note")
    assert "FDA" in notes and "2010" in notes and "MHRA" in notes


def test_is_it_a_cramp_points_each_look_alike_to_its_level() -> None:
    items = next(b for b in section("how-they-feel").blocks
                 if b.kind == "bullets" and "blood clot" in " ".join(b.lines).lower()).lines
    levels = {"blood clot": ("today", "emergency number"), "poor blood flow": ("next few days",),
              "restless legs": ("next few days",), "low calcium": ("emergency number", "next few days"),
              "sciatica": ("next few days", "emergency number")}
    # Each level is the checklist's own: tests/test_compared_signs_agree.py.
    for name, needed in levels.items():
        item = next(i for i in items if name in i.lower())
        assert all(word in item for word in needed), item


# One choice of words

SHOWN = {s.slug: s.text() for s in GUIDE.sections}
SHOWN["about"] = about_page(GUIDE).text()
SHOWN["get help now"] = "\n".join(GUIDE.get_help)


@pytest.mark.parametrize("place", sorted(SHOWN))
def test_plain_words_for_pee_and_poo(place: str) -> None:
    words = set(re.findall(r"[a-z]+", SHOWN[place].lower()))
    assert words & {"urine", "urinate", "urinating", "bowel", "bowels", "stool", "stools", "faeces", "feces"} == set()


@pytest.mark.parametrize("place", sorted(SHOWN))
def test_brand_names_are_marked_as_us_examples(place: str) -> None:
    for line in SHOWN[place].split("\n"):
        if re.search(r"\b(Advil|Motrin|Tylenol)\b", line):
            assert re.search(r"\bUS\b", line), line


# Review lines and the reviewer's credit


def test_every_section_ends_with_its_review_line() -> None:
    line = f"Reviewed {GUIDE.reviewed}. Next review due {GUIDE.next_review_due}."
    assert line == "Reviewed 27 November 2026. Next review due 27 November 2027."
    for item in GUIDE.sections:
        assert item.blocks[-1].kind == "paragraph" and item.blocks[-1].lines == (line,), item.slug


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_the_review_line_ends_each_section_in_plain_mode() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--plain", "--section", "5"], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line][-1] == (
        "Reviewed 27 November 2026. Next review due 27 November 2027.")


def test_the_credit_says_the_review_was_of_the_source() -> None:
    said = "That review was of the source article, not of this guide."
    screen = about_page(GUIDE).text()
    assert screen.index(f"Medically reviewed by {GUIDE.credit.reviewer}.") < screen.index(said)
    plain = " ".join(page_lines(about_page(GUIDE), 10_000))
    assert plain.index(f"Medically reviewed by {GUIDE.credit.reviewer}.") < plain.index(said)


def test_the_spoken_credit_says_so_too() -> None:
    from tui.data.settings import Settings
    from tui.speech.listen import guide_speech

    spoken = " ".join(chunk.text for chunk in guide_speech(GUIDE, Settings()))
    # The one credit wording (tui/data/pages.py), as on About, then whose review it was.
    said = "That review was of the source article, not of this guide."
    assert spoken.index(f"Medically reviewed by {GUIDE.credit.reviewer}.") < spoken.index(said)
    assert " ".join(credit_lines(GUIDE)) in spoken


# Get help now


def test_get_help_now_names_the_emergency_signs_and_where_to_read_more() -> None:
    title, *signs, after = GUIDE.get_help
    assert "emergency number" in title
    text = " ".join(signs).lower()
    for sign in ("pee", "poo", "groin", "both legs", "suddenly", "swollen leg", "chest pain", "heavy or tight",
                 "one side weak or numb", "drooping face", "slurred", "stiff jaw", "wound", "fit", "too hot",
                 "confusion", "pale, cold, numb", "tingling lips"):
        assert sign in text, sign
    # Dark pee is "go to hospital now", not "call": it is said apart from the list, in those words.
    assert "dark" not in text
    assert "Dark pee" in after and "go to hospital now" in after and "Section 6" in after


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_plain_mode_shows_get_help_now_before_the_contents() -> None:
    result = subprocess.run([sys.executable, "-m", "tui", "--plain"], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", check=False)
    lines = result.stdout.splitlines()
    assert lines.index(GUIDE.get_help[0]) < lines.index("Contents") < lines.index("About this guide")
    first = GUIDE.get_help[1]
    assert any(line.startswith(f"- {first[:40]}") for line in lines), first


@pytest.mark.pilot
async def test_start_screen_shows_get_help_now_above_the_menu(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path, content=default_content_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = screen_lines(app)
        rows = [next(i for i, row in enumerate(lines) if text in row)
                for text in (GUIDE.get_help[0], GUIDE.get_help[-1], "Read the guide", "About this guide")]
        assert rows == sorted(rows)
        for sign in GUIDE.get_help[1:-1]:
            assert f"- {sign}" in screen_text(app)


@pytest.mark.parametrize(("size", "shown"), [((80, 20), "pointer"), ((40, 12), "nothing")])
@pytest.mark.pilot
async def test_a_short_window_keeps_the_whole_menu(tmp_path: Path, size: tuple[int, int], shown: str) -> None:
    """Where the signs do not fit, the menu keeps every row; the pointer to section 6 shows if it fits."""
    app = make_app(tmp=tmp_path, content=default_content_dir())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        text = " ".join(line.strip() for line in screen_lines(app))
        assert "About this guide" in text and "Read the guide" in text
        assert GUIDE.get_help[0] not in text
        assert ("Section 6 has every sign" in text) == (shown == "pointer")


@pytest.mark.pilot
async def test_reading_the_start_screen_aloud_includes_get_help_now(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path, content=default_content_dir())
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        parts, _ = app.screen.speech_content()
        said = [part if isinstance(part, str) else part.text for part in parts]
        assert said.index(GUIDE.get_help[0]) < said.index("Read the guide")


@pytest.mark.pilot
async def test_a_search_result_opens_at_its_paragraph_in_a_long_section(tmp_path: Path) -> None:
    """Section 6 is longer than the window: opening it at a paragraph shows that paragraph first."""
    app = make_app(tmp=tmp_path, content=default_content_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_section(6, 2)
        await pilot.pause()
        text = app.screen.query_one(SectionText)
        assert text.scroll_offset.y == text.line_of(2) > 0


def test_a_guide_without_get_help_has_none_and_a_bad_one_is_named(tmp_path: Path) -> None:
    import shutil

    from tui.data.errors import ContentError

    minimal = Path(__file__).resolve().parent / "fixtures" / "minimal"
    assert load_guide(minimal).get_help == ()
    copy = tmp_path / "guide"
    shutil.copytree(minimal, copy)
    toml = copy / "guide.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[get_help]\ntitle = "T"\nsigns = "one"\nafter = "A"\n',
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(copy)
    assert "get_help.signs" in caught.value.one_line() and str(toml) in caught.value.one_line()


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_accessible_mode_starts_with_get_help_now() -> None:
    """The numbered-prompt mode a screen-reader user may choose says the signs before its menu."""
    result = subprocess.run([sys.executable, "-m", "tui", "--accessible"], cwd=ROOT, input="0\n",
                            capture_output=True, text=True, encoding="utf-8", check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines.index(GUIDE.get_help[0]) < lines.index("Type 3 for help.")
    assert f"- {GUIDE.get_help[-2]}" in lines


def test_every_note_source_is_listed_among_the_additions() -> None:
    """Each name a section's "Added:" note cites (capitalised words of its Source part) is in
    guide.toml's [[additions]], where the About screen lists page titles and dates read."""
    listed = set(re.findall(r"[A-Za-z]+", " ".join(a.source for a in GUIDE.additions)))
    missing: list[tuple[str, str]] = []
    for item in GUIDE.sections:
        for block in item.blocks:
            if block.kind != "note":
                continue
            cited = block.lines[0].split("Source:", 1)[1]
            names = {w for w in re.findall(r"[A-Za-z]+", cited) if w[0].isupper() and len(w) > 2}
            missing += [(item.slug, name) for name in sorted(names - listed)]
    assert missing == []
