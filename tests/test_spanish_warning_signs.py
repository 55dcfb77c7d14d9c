"""The Spanish guide's warning signs agree across its three places, and its text stays short and clean.

As tests/test_get_help_agrees.py checks for the English guide: each EMERGENCIA item of the
Spanish checklist is named in "Pida ayuda ya" (the start screen and the top of --plain) and under
section 6's EMERGENCIA level, and the one HOSPITAL YA item is said apart in both. Paragraphs and
sentences are short, as in English, and no ad or page chrome of the source page is in any file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.data.checklist import load_checklist
from tui.data.content import load_guide

pytestmark = [pytest.mark.content]

SPANISH_DIR = Path(__file__).resolve().parent.parent / "content" / "muscle-spasms-es"
ES = load_guide(SPANISH_DIR)
ES_LIST = load_checklist(SPANISH_DIR)

ADS_IN_SPANISH = ("cupón", "cupon", "coupon", "descuento", "discount", "tarjeta gratis", "free card", "prednis",
                  "$4", "80%", "70%", "ahorre hasta", "save up to")
"""The source page's ads and chrome (content-brief rule 2), in either language: never in the guide."""


@pytest.mark.parametrize("path", sorted(p.relative_to(SPANISH_DIR).as_posix() for p in SPANISH_DIR.rglob("*")
                                        if p.is_file()))
def test_no_ad_from_the_source_page_is_in_the_spanish_guide(path: str) -> None:
    text = (SPANISH_DIR / path).read_text(encoding="utf-8").lower()
    assert not [phrase for phrase in ADS_IN_SPANISH if phrase in text]


# -- "Pida ayuda ya", the checklist and section 6 say the same thing (as tests/test_get_help_agrees.py
# checks for the English guide) ---------------------------------------------------------------------

SAID_ES: dict[str, tuple[str, str]] = {
    "stroke-signs": ("cara caída", "se le cae un lado de la cara"),
    "chest-pain-heavy": ("pesado o apretado", "pesado o apretado"),
    "chest-pain-breathing": ("punzada en el pecho al respirar", "dolor fuerte en el pecho al respirar"),
    "leg-clot-breathless": ("pierna hinchada", "una pierna está hinchada"),
    "sudden-confusion": ("confusión", "confundida de repente"),
    "heatstroke": ("piel caliente y seca", "caliente y seca"),
    "heat-not-better": ("sin mejora en 30 minutos", "después de 30 minutos de descanso"),
    "limb-pale-cold": ("pálido, frío, dormido y con dolor", "pálido, frío, dormido y con dolor"),
    "low-calcium-severe": ("o convulsión", "hormigueo en los labios"),
    "low-calcium": ("hormigueo en labios o dedos", "como garras"),
    "tetanus": ("mandíbula rígida tras una herida", "la mandíbula rígida"),
    "cannot-urinate": ("orinar o evacuar", "no puede orinar"),
    "bladder-control": ("orinar o evacuar", "no puede controlar la orina"),
    "bowel-control": ("orinar o evacuar", "o las heces"),
    "saddle-numbness": ("ingles, genitales o nalgas", "las ingles, los genitales o las nalgas"),
    "both-legs-weak": ("las dos piernas", "las dos piernas"),
}
"""Checklist item id -> (words in "Pida ayuda ya", words under section 6's EMERGENCIA), lower case."""


def spanish_levels() -> dict[str, str]:
    """Section 6's text under each level heading ("EMERGENCIA", "HOSPITAL YA", ...), lower case."""
    levels: dict[str, list[str]] = {}
    level = ""
    for block in ES.section(6).blocks:
        if block.kind == "subheading":
            level = block.lines[0].split(":")[0].upper()
        elif level and block.kind != "note":
            levels.setdefault(level, []).extend(block.lines)
    return {name: " ".join(lines).lower() for name, lines in levels.items()}


def test_every_emergency_item_is_in_pida_ayuda_ya_and_in_section_6() -> None:
    emergency = {item.id for item in ES_LIST.items if item.tier.id == "emergency"}
    assert set(SAID_ES) == emergency
    title, *signs, _after = ES.get_help
    listed = " ".join(signs).lower()
    levels = spanish_levels()
    for item_id, (start_words, section_words) in SAID_ES.items():
        assert start_words in listed, item_id
        assert section_words in levels["EMERGENCIA"], item_id
    for sign in signs:
        assert any(words in sign.lower() for words, _ in SAID_ES.values()), sign
    assert "llame a su número de emergencias" in title.lower()


def test_the_hospital_item_is_go_to_hospital_in_both_places_in_spanish() -> None:
    _title, *signs, after = ES.get_help
    assert "oscura" not in " ".join(signs).lower()
    assert "orina oscura" in after.lower() and "vaya ya al hospital" in after.lower()
    assert "té o de un refresco de cola" in spanish_levels()["HOSPITAL YA"]
    assert ES_LIST.tier("hospital").headline.startswith("HOSPITAL YA: vaya ya a")


def test_section_6_has_the_checklists_five_levels_in_order_in_spanish() -> None:
    assert list(spanish_levels()) == [tier.label for tier in reversed(ES_LIST.tiers)]
    assert list(spanish_levels()) == ["EMERGENCIA", "HOSPITAL YA", "URGENTE", "PRONTO", "AUTOCUIDADO"]


MAX_SENTENCES_PER_PARAGRAPH = 3
"""As the English guide: short paragraphs, for 40 columns and a braille line."""
MAX_WORDS_PER_SENTENCE = 26
"""The English limit is 22 words; Spanish takes about a fifth more words to say the same."""


@pytest.mark.parametrize("number", range(1, 10))
def test_paragraphs_and_sentences_are_short(number: int) -> None:
    section = ES.section(number)
    for block in section.blocks:
        sentences = [s for line in block.lines for s in re.split(r"(?<=[.!?])\s+", line) if s]
        if block.kind == "paragraph":
            assert len(sentences) <= MAX_SENTENCES_PER_PARAGRAPH, f"{section.path}:{block.line_number}"
        for sentence in sentences:
            assert len(sentence.split()) <= MAX_WORDS_PER_SENTENCE, f"{section.path}: {sentence!r}"
