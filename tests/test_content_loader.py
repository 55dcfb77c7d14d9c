"""The bundled guide loads with every fact from the brief, and broken guides fail clearly.

A broken content folder must give one line naming the file and the line or key, both from
`load_guide` and from the command line (exit status 2, no traceback).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.data.content import Guide, Section, load_guide
from tui.data.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"

SLUGS = [
    "what-they-are", "how-they-feel", "how-long", "causes", "what-helps",
    "warning-signs", "conditions", "treatment", "prevention",
]
"""The nine sections, in reading order (slugs are file stems; settings and tests use them)."""

FACTS = {
    "what-they-are": ["involuntary", "contraction", "muscle cramps", "common", "harmless", "hands", "feet",
                      "calves", "thighs", "back", "anyone", "sleep", "kidney disease", "nerve"],
    "how-they-feel": ["not every spasm", "sharp pain", "sudden", "twitching", "cannot move|keeps you from moving",
                      "hard", "blood clot", "poor blood flow", "restless legs", "low calcium", "sciatica"],
    "how-long": ["few seconds", "15 minutes", "come back", "sore"],
    "causes": ["dehydration", "fluids", "electrolytes", "exercise too hard", "too often", "one position",
               "stress hormones", "tense", "pregnancy", "older", "statins", "water pills",
               "kidney or heart disease"],
    "what-helps": ["stretch", "longer", "massage", "heat", "ice", "ibuprofen", "advil", "motrin",
                   "acetaminophen", "tylenol", "nhs", "soreness", "paracetamol", "do not stop a cramp",
                   "afterwards", "kidney disease", "stomach ulcer", "blood thinner", "heart failure", "pregnant",
                   "water pills", "pharmacist", "label", "lost feeling", "neuropathy", "wakes you"],
    "warning-signs": ["hands or feet feel weak", "poo", "pee", "groin", "genitals", "buttocks",
                      "walking", "balance", "shooting pain", "spinal cord", "nerve", "badly damaged",
                      "lasting", "911", "999", "112", "local emergency number", "cauda equina",
                      "compression", "blood clot", "short of breath", "chest pain", "calf", "10 minutes",
                      "tea or cola", "statin", "water pill", "most nights", "nhs", "msd manual", "tetanus",
                      "stroke", "heatstroke", "low calcium", "111", "urgent care", "nurse line", "both legs",
                      "one leg", "unsteady", "belly, chest or arms", "arm, jaw or back", "stop when you rest",
                      "more than 2 weeks", "thinner", "cdc"],
    "conditions": ["neuropathy", "injury", "diabetes", "autoimmune", "lupus", "rheumatoid arthritis", "als",
                   "amyotrophic lateral sclerosis", "multiple sclerosis", "kidney disease",
                   "hypothyroidism", "underactive thyroid", "liver disease", "alcohol", "claudication"],
    "treatment": ["muscle relaxant", "home care", "cyclobenzaprine", "methocarbamol", "metaxalone",
                  "tizanidine", "baclofen", "drowsy", "prescription", "see and ginzburg",
                  "am fam physician 2008", "cleveland clinic", "drive", "alcohol", "all at once", "older adults",
                  "falls", "short time", "back or neck", "spinal cord injury", "everyday leg cramps", "quinine",
                  "fda", "2010", "mhra"],
    "prevention": ["stay active", "hot", "stretch often", "hydrated", "hard exercise", "electrolytes", "2021",
                   "ten young men", "downhill", "treadmill", "40 to 60 minutes", "electric pulses", "calf",
                   "plain water", "lau", "kato", "nosaka", "j int soc sports nutr 2021",
                   "doi:10.1186/s12970-021-00414-8", "kidney or heart disease"],
}
"""Per section: each entry (alternatives split by "|") must appear as whole words, any case."""


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide()


def by_slug(guide: Guide, slug: str) -> Section:
    return next(s for s in guide.sections if s.slug == slug)


def has_words(text: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `text` as whole words (so "als" does not match "also")."""
    return re.search(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text, re.IGNORECASE) is not None


def run_plain(*args: str) -> subprocess.CompletedProcess[str]:
    """`spasm-guide --plain ...` as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "--plain", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", errors="replace", check=False,
    )


# The bundled guide: its own words (marked `content`; the code tests below use fixtures)


@pytest.mark.content
def test_bundled_guide_has_nine_sections_in_order(guide: Guide) -> None:
    assert [s.slug for s in guide.sections] == SLUGS
    assert [s.number for s in guide.sections] == list(range(1, 10))
    assert all(s.title and s.blocks for s in guide.sections)


@pytest.mark.content
@pytest.mark.parametrize("slug", SLUGS)
def test_every_fact_from_the_brief_is_in_its_section(guide: Guide, slug: str) -> None:
    text = by_slug(guide, slug).text()
    missing = [f for f in FACTS[slug] if not any(has_words(text, alt) for alt in f.split("|"))]
    assert missing == []


@pytest.mark.content
def test_the_fact_check_is_not_vacuous(guide: Guide) -> None:
    assert not has_words("This is also fine.", "als")
    assert not has_words(by_slug(guide, "what-they-are").text(), "baclofen")


@pytest.mark.content
def test_credit_review_and_disclaimer(guide: Guide) -> None:
    assert guide.credit.title == "What are muscle spasms, and what do they feel like?"
    assert guide.credit.publisher == "Optum Perks"
    assert guide.credit.reviewer == "Angela M. Bell, MD, FACP"
    assert guide.credit.writer == "Jennifer Thomas"
    assert guide.credit.updated == "27 September 2023"
    assert guide.reviewed == "27 November 2026"
    assert guide.next_review_due == "27 November 2027"
    assert "sign-off" in guide.signoff_note and "not" in guide.signoff_note
    assert "not a diagnosis" in guide.disclaimer and "\n" not in guide.disclaimer


@pytest.mark.content
def test_every_note_is_a_marked_addition_with_its_source(guide: Guide) -> None:
    notes = [(s.slug, b.lines[0]) for s in guide.sections for b in s.blocks if b.kind == "note"]
    assert {slug for slug, _ in notes} == {"how-they-feel", "causes", "what-helps", "warning-signs", "conditions",
                                           "treatment", "prevention"}
    for slug, text in notes:
        assert text.startswith("Added:"), (slug, text)
        assert "Source:" in text, (slug, text)


@pytest.mark.content
def test_additions_list_each_correction_with_its_source(guide: Guide) -> None:
    sources = " / ".join(f"{a.title}: {a.source}" for a in guide.additions)
    for needed in ("NHS", "See and Ginzburg, Am Fam Physician 2008", "Cleveland Clinic", "MSD Manual",
                   "112", "Lau, Kato, Nosaka, J Int Soc Sports Nutr 2021, doi:10.1186/s12970-021-00414-8"):
        assert needed in sources
    assert all(a.title and a.text and a.source for a in guide.additions)
    relaxants = next(a for a in guide.additions if "relaxant" in a.title.lower())
    assert "not a list from the source" in relaxants.text


@pytest.mark.content
def test_warning_signs_come_in_tiers_and_no_source_red_flag_is_below_right_away(guide: Guide) -> None:
    section = by_slug(guide, "warning-signs")
    headings = [b.lines[0] for b in section.blocks if b.kind == "subheading"]
    assert [h.split(":")[0] for h in headings] == ["EMERGENCY", "HOSPITAL NOW", "URGENT", "SOON", "Self-care"]
    assert "right away" in headings[2]
    # Text under EMERGENCY or URGENT, i.e. up to the SOON heading.
    tier = ""
    top: list[str] = []
    for block in section.blocks:
        if block.kind == "subheading":
            tier = block.lines[0].split(":")[0]
        elif tier in ("EMERGENCY", "URGENT"):
            top.extend(block.lines)
    top_text = " ".join(top)
    # Shooting pain on its own is plain sciatica, "soon" (NHS "Sciatica"): the one correction to
    # the source's six signs, said in section 6's own note and in About.
    source_red_flags = ["hands or feet feel weak", "poo", "pee", "groin", "genitals",
                        "walking", "balance"]
    assert [flag for flag in source_red_flags if not has_words(top_text, flag)] == []
    assert "shooting pain on its own is put at \"soon\"" in section.text().lower()
    assert "call your emergency number (911 in the us, 999 in the uk, 112 in the eu)" in section.text().lower()


@pytest.mark.content
def test_no_unexplained_medical_word_first_use(guide: Guide) -> None:
    """Each hard word is explained in the same section where it first appears."""
    explained = {"neuropathy": "nerve damage", "electrolytes": "minerals", "dehydration": "not have enough water",
                 "involuntary": "do not control", "autoimmune": "by mistake", "hypothyroidism": "gland in your neck"}
    for word, explanation in explained.items():
        first = next(s for s in guide.sections if has_words(s.text(), word))
        assert has_words(first.text(), explanation), (word, first.slug)


# Broken guides

BROKEN_CASES = {
    # case: (file named in the error, line or key named in the error)
    "bad-toml": ("guide.toml", ":8:"),
    "missing-key": ("guide.toml", "source.writer"),
    "missing-section-file": ("sections/gone.md", "guide.sections"),
    "section-without-title": ("sections/two.md", ":2:"),
    "unsupported-bullet": ("sections/two.md", ":5:"),
    "inline-markup": ("sections/two.md", ":4:"),
    "not-utf8": ("sections/two.md", ":4:"),
    "listed-twice": ("guide.toml", "guide.sections"),
    "path-outside": ("guide.toml", "guide.sections"),
}


def test_every_broken_fixture_is_tested() -> None:
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(BROKEN_CASES)


@pytest.mark.parametrize("case", sorted(BROKEN_CASES))
def test_broken_guide_raises_content_error_naming_file_and_place(case: str) -> None:
    file_name, where = BROKEN_CASES[case]
    with pytest.raises(ContentError) as caught:
        load_guide(BROKEN / case)
    line = caught.value.one_line()
    assert "\n" not in line
    assert str(BROKEN / case / file_name) in line
    assert where in line


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
@pytest.mark.parametrize("case", sorted(BROKEN_CASES))
def test_broken_guide_on_the_command_line_exits_2_with_one_line(case: str) -> None:
    file_name, where = BROKEN_CASES[case]
    result = run_plain("--content", str(BROKEN / case))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert Path(file_name).name in lines[0] and where in lines[0]
    assert "Traceback" not in result.stderr


def test_minimal_fixture_loads() -> None:
    guide = load_guide(FIXTURES / "minimal")
    assert [s.slug for s in guide.sections] == ["one", "two"]
    # The last block of every section is its review line, from [review].
    assert [b.kind for b in guide.sections[1].blocks] == ["subheading", "paragraph", "note", "paragraph"]
    # Consecutive '> ' lines join into one note.
    assert guide.sections[1].blocks[-2].lines == ("Added: a note. Source: a test source.",)
    assert guide.sections[1].blocks[-1].lines == ("Reviewed 2 January 2024. Next review due 2 January 2025.",)


# The Markdown subset, line by line


def write_guide(folder: Path, section: str | bytes, toml_extra: str = "") -> Path:
    """A copy of the minimal guide with section two replaced."""
    shutil.copytree(FIXTURES / "minimal", folder)
    path = folder / "sections" / "two.md"
    if isinstance(section, bytes):
        path.write_bytes(section)
    else:
        path.write_text(section, encoding="utf-8")
    if toml_extra:
        toml = folder / "guide.toml"
        toml.write_text(toml.read_text(encoding="utf-8").replace("[source]", f"{toml_extra}\n[source]"),
                        encoding="utf-8")
    return folder


def test_bullet_continuation_and_block_line_numbers(tmp_path: Path) -> None:
    folder = write_guide(tmp_path / "g", "# T\n\nIntro\ntext.\n- one\n  continued\n- two\n\n> Added: x.\n")
    section = load_guide(folder).sections[1]
    assert [(b.kind, b.lines, b.line_number) for b in section.blocks] == [
        ("paragraph", ("Intro text.",), 3),
        ("bullets", ("one continued", "two"), 5),
        ("note", ("Added: x.",), 9),
        ("paragraph", ("Reviewed 2 January 2024. Next review due 2 January 2025.",), 0),
    ]


def test_byte_order_mark_and_toml_dates_are_accepted(tmp_path: Path) -> None:
    folder = write_guide(tmp_path / "g", "\ufeff# With a BOM\n\nText.\n".encode())
    toml = folder / "guide.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"2 January 2024"', "2024-01-02", 1),
                    encoding="utf-8")
    guide = load_guide(folder)
    assert guide.sections[1].title == "With a BOM"
    assert guide.reviewed == "2 January 2024"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("# T\n\n1. numbered\n", 3),
        ("# T\n\nSee [this](http://example.com).\n", 3),
        ("# T\n\nText\n<b>bold</b>\n", 4),
        ("# T\n\n>\n", 3),
        ("# T\n\n- \x1b\n", 3),
        ("# T\n# Another title\n", 2),
        ("# T\n", 1),
    ],
)
def test_other_mistakes_name_their_line(tmp_path: Path, body: str, line: int) -> None:
    folder = write_guide(tmp_path / "g", body)
    with pytest.raises(ContentError) as caught:
        load_guide(folder)
    assert caught.value.one_line().startswith(f"{folder / 'sections' / 'two.md'}:{line}: ")


# Control characters


@pytest.mark.e2e  # starts the guide (or a shell) as a real process
def test_control_characters_are_stripped_from_plain_output(tmp_path: Path) -> None:
    body = (
        "# Safe \x1b]0;pwned\x07title\n\n"
        "Before\x1b[2J\x1b[31m after.\n\n"
        "- bullet\x9b1m text\x08\n\n"
        "> Added: note\x1bc here.\n"
    )
    folder = write_guide(tmp_path / "g", body)
    # TOML cannot hold a raw ESC, but its escape "\u001b" makes one: strip that too.
    toml = folder / "guide.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"A small test guide"', '"Small\\u001b[5m guide"'),
                    encoding="utf-8")
    assert load_guide(folder).title == "Small[5m guide"
    result = run_plain("--content", str(folder))
    assert result.returncode == 0, result.stderr
    controls = [c for c in result.stdout if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F]
    assert controls == []
    for visible in ("Before[2J[31m after.", "bullet1m text", "note", "here."):
        assert visible in result.stdout
