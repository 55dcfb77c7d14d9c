"""Sentence splitting and speech chunks: the rules, and that every chunk maps back to its text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.data.content import Block, Section, load_guide
from tui.data.sentences import (
    MAX_CHUNK,
    sentence_spans,
    speech_chunks,
    split_long,
    split_sentences,
    spoken_text,
    text_chunks,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stretch the muscle, e.g. the calf. Then rest.", ["Stretch the muscle, e.g. the calf.", "Then rest."]),
        ("Drink water, i.e. Plain water. Rest.", ["Drink water, i.e. Plain water.", "Rest."]),
        ("Ask Dr. Bell about it. She knows.", ["Ask Dr. Bell about it.", "She knows."]),
        ("Cramps vs. Spasms are alike. Both hurt.", ["Cramps vs. Spasms are alike.", "Both hurt."]),
        ("Tea, coffee, etc. and cola. Fine.", ["Tea, coffee, etc. and cola.", "Fine."]),
        ("Avoid tea, coffee, etc. Then rest.", ["Avoid tea, coffee, etc.", "Then rest."]),
        ("Is it bad? Call now! Then wait.", ["Is it bad?", "Call now!", "Then wait."]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("See Fig. 2 and No. 5 here. Done.", ["See Fig. 2 and No. 5 here.", "Done."]),
        ("The U.S. Army agrees. So do we.", ["The U.S. Army agrees.", "So do we."]),
        ("Wake at 9 a.m. Then stretch.", ["Wake at 9 a.m.", "Then stretch."]),
        ("1. Rest the muscle. 2. Stretch it.", ["1. Rest the muscle.", "2. Stretch it."]),
        ("Wait... Then go.", ["Wait...", "Then go."]),
    ],
)
def test_sentence_rules(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hold it for 15 minutes. Then let go.", ["Hold it for 15 minutes.", "Then let go."]),
        ("It lasts 2.5 hours on average.", ["It lasts 2.5 hours on average."]),
        ("A dose of 0.5 mg. Or 1.25 mg.", ["A dose of 0.5 mg.", "Or 1.25 mg."]),
        ("Call 911. Do it now.", ["Call 911.", "Do it now."]),
        ("Read doi:10.1186/s12891-020-03357-x. It is open.",
         ["Read doi:10.1186/s12891-020-03357-x.", "It is open."]),
        ("See https://doi.org/10.1186/1471-2474-9-1 for more.",
         ["See https://doi.org/10.1186/1471-2474-9-1 for more."]),
        ("Spasms fell by 10.1 percent in 2023. Good.", ["Spasms fell by 10.1 percent in 2023.", "Good."]),
    ],
)
def test_numbers_and_doi_do_not_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_bullets_lose_their_marker_and_lines_are_separate() -> None:
    text = "Signs:\n- Weakness in your hands\n* Fever. Stiff neck\n\n\u2022 Numbness"
    assert split_sentences(text) == ["Signs:", "Weakness in your hands", "Fever.", "Stiff neck", "Numbness"]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n  \n") == []
    assert split_sentences("- ") == []


def test_spans_index_the_original_text() -> None:
    text = "  First one.   Second, e.g. this one!\n- Third"
    for start, end in sentence_spans(text):
        piece = text[start:end]
        assert piece == piece.strip() and piece


def test_long_sentence_cut_at_soft_breaks() -> None:
    text = ", ".join(f"clause number {n} of a very long list" for n in range(30)) + "."
    pieces = split_long(text, 0, len(text))
    assert len(pieces) > 1
    for start, end in pieces:
        assert end - start <= MAX_CHUNK
    assert all(text[end - 1] == "," for _, end in pieces[:-1])
    spoken = " ".join(text[s:e] for s, e in pieces)
    assert spoken == text


def test_one_huge_word_gets_a_hard_cut() -> None:
    text = "x" * 1000
    pieces = split_long(text, 0, len(text))
    assert [e - s for s, e in pieces] == [300, 300, 300, 100]


def make_section(*blocks: Block) -> Section:
    return Section(number=1, slug="s", title="Warning signs", blocks=blocks, path=Path("s.md"))


def test_section_chunks_title_first_then_paragraph_spans() -> None:
    section = make_section(
        Block("paragraph", ("Some signs need a doctor. Call 911 e.g. for chest pain.",)),
        Block("bullets", ("Weakness in your hands", "Fever with a stiff neck")),
        Block("note", ("Added: rest helps (source: NHS).",)),
    )
    chunks = speech_chunks(section)
    assert chunks[0].text == "Warning signs" and chunks[0].paragraph is None
    assert chunks[0].highlight is None
    assert [c.text for c in chunks[1:]] == [
        "Some signs need a doctor.", "Call 911 e.g. for chest pain.",
        "Weakness in your hands", "Fever with a stiff neck", "Added: rest helps (source: NHS).",
    ]
    paragraphs = section.plain_paragraphs()
    for chunk in chunks[1:]:
        assert chunk.paragraph is not None
        assert paragraphs[chunk.paragraph][chunk.start:chunk.end] == chunk.text
        assert chunk.highlight == (chunk.paragraph, chunk.start, chunk.end)
    # Bullets are spoken without "- " but still point into the "- " paragraph.
    assert chunks[3].start == 2


def test_bundled_guide_chunks_map_back() -> None:
    guide = load_guide()
    for section in guide.sections:
        chunks = speech_chunks(section)
        assert chunks[0].text == section.title
        paragraphs = section.plain_paragraphs()
        for chunk in chunks[1:]:
            assert chunk.paragraph is not None
            assert paragraphs[chunk.paragraph][chunk.start:chunk.end] == chunk.text
            assert 0 < len(chunk.text) <= MAX_CHUNK
            assert not chunk.text.startswith("- ")


@given(st.text(alphabet=st.sampled_from(list("ab. ,!?\n-e.gDr0123")), max_size=400))
def test_chunks_always_map_back(text: str) -> None:
    for chunk in text_chunks(text, 0, limit=40):
        assert text[chunk.start:chunk.end] == chunk.text
        assert chunk.text and chunk.text == chunk.text.strip()
        assert len(chunk.text) <= 40


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("Emergency? Call 911 or your local emergency number.",
         "Emergency? Call 9 1 1 or your local emergency number."),
        ("In the UK call 999; in the EU, 112.", "In the UK call 9 9 9; in the EU, 1 1 2."),
        ("Cramps vs. spasms, i.e. the same.", "Cramps versus spasms, that is the same."),
        ("It cost 9110 dollars, or 911.5 in all.", "It cost 9110 dollars, or 911.5 in all."),
        ("Stretch, e.g. the calf, for 2.5 minutes.", "Stretch, e.g. the calf, for 2.5 minutes."),
    ],
)
def test_spoken_text_says_emergency_numbers_digit_by_digit(text: str, spoken: str) -> None:
    assert spoken_text(text) == spoken
