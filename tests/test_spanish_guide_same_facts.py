"""The Spanish guide (content/muscle-spasms-es) is the English guide in other words, never other facts.

A tick must mean the same thing in both languages: every item id, group, tier and red flag, every
section's number and slug, every triage result's tier, cramp now's stretches and its check, and
every page are the same; and each is really in Spanish. Pure and fast.
"""

from __future__ import annotations

import itertools
import random

import pytest

from tests.support.both_guides import EN, EN_LIST, ENGLISH_DIR, ES, ES_LIST, SPANISH_DIR
from tui.data.checklist import Checklist
from tui.data.cramp_now import load_cramp_now
from tui.data.language import ENGLISH, Language
from tui.data.triage import triage

pytestmark = [pytest.mark.content]


# -- the same guide, in other words ---------------------------------------------------------------

def test_the_guides_declare_their_language_and_voice() -> None:
    assert ES.language == Language("es", "es-419")
    assert ES.language.base == "es"
    assert EN.language == ENGLISH  # no [language] table: English, the engine's default voice
    assert ES_LIST.language == ES.language and EN_LIST.language == ENGLISH
    assert load_cramp_now(SPANISH_DIR).language == ES.language


def test_every_section_has_the_same_number_and_slug() -> None:
    assert [(s.number, s.slug) for s in ES.sections] == [(s.number, s.slug) for s in EN.sections]
    assert len(ES.sections) == 9
    # Each section is really in Spanish: no title is the English one.
    assert not {s.title for s in ES.sections} & {s.title for s in EN.sections}


def test_sections_have_the_same_shape() -> None:
    """The same subheadings and the same number of notes: no part left out or added."""
    for en, es in zip(EN.sections, ES.sections, strict=True):
        for kind in ("subheading", "note"):
            count_en = sum(block.kind == kind for block in en.blocks)
            count_es = sum(block.kind == kind for block in es.blocks)
            assert count_es == count_en, f"{es.slug}: {count_es} {kind}s, English has {count_en}"


def item_shape(checklist: Checklist) -> list[tuple[object, ...]]:
    """What a tick means, without the words: id, number, group, tier, red flag, kinds of advice."""
    return [(item.id, item.number, item.group.id, item.tier.id, item.red_flag,
             tuple(line.kind for line in item.actions), item.unsafe) for item in checklist.items]


def test_every_checklist_item_means_the_same_in_both_languages() -> None:
    assert item_shape(ES_LIST) == item_shape(EN_LIST)
    assert [g.id for g in ES_LIST.groups] == [g.id for g in EN_LIST.groups]
    assert [t.id for t in ES_LIST.tiers] == [t.id for t in EN_LIST.tiers]
    assert [t.symbol for t in ES_LIST.tiers] == [t.symbol for t in EN_LIST.tiers]
    for en, es in zip(EN_LIST.tiers, ES_LIST.tiers, strict=True):
        assert [line.kind for line in es.advice] == [line.kind for line in en.advice], es.id
    assert set(ES_LIST.cautions) == set(EN_LIST.cautions)
    assert bool(ES_LIST.cautions["keep-statin"]) == bool(EN_LIST.cautions["keep-statin"])
    english_words = {item.text for item in EN_LIST.items}
    assert not english_words & {item.text for item in ES_LIST.items}


def result_shape(checklist: Checklist, ids: tuple[str, ...]) -> tuple[object, ...]:
    """A triage result without its words: the tier, and how many lines of each part it has."""
    result = triage(checklist, ids)
    return (result.tier.id if result.tier else None, len(result.reasons), len(result.actions),
            len(result.advice), len(result.cautions))


@pytest.mark.parametrize("item_id", EN_LIST.ids)
def test_each_item_alone_gets_the_same_result(item_id: str) -> None:
    assert result_shape(ES_LIST, (item_id,)) == result_shape(EN_LIST, (item_id,))


def test_a_seeded_sample_of_pairs_and_triples_gets_the_same_result() -> None:
    pairs = list(itertools.combinations(EN_LIST.ids, 2))
    sample = random.Random(21).sample(pairs, 300)
    sample += [tuple(random.Random(seed).sample(EN_LIST.ids, 3)) for seed in range(100)]
    for ids in sample:
        assert result_shape(ES_LIST, ids) == result_shape(EN_LIST, ids), ids


def test_the_result_comparison_is_not_vacuous() -> None:
    assert result_shape(EN_LIST, ("stroke-signs",)) != result_shape(EN_LIST, ("hard-muscle",))
    assert triage(ES_LIST, ("stroke-signs",)).headline.startswith("EMERGENCIA:")


def test_cramp_now_is_the_same_stretch_and_the_same_check() -> None:
    en, es = load_cramp_now(ENGLISH_DIR), load_cramp_now(SPANISH_DIR)
    assert [m.id for m in es.muscles] == [m.id for m in en.muscles]
    assert (es.check_minutes, es.checklist_item) == (en.check_minutes, en.checklist_item)
    assert es.long_cramp(ES_LIST).id == en.long_cramp(EN_LIST).id
    # Urgency first, in the checklist's own word; and its cautions word for word, as in English.
    assert es.eased.headline.startswith(f"{ES_LIST.tier('selfcare').label}:")
    for caution in ES_LIST.cautions.values():
        if caution:
            assert caution in es.eased.advice
    assert all(len(m.name) <= 36 for m in es.muscles)


def test_get_help_has_the_same_signs() -> None:
    assert len(ES.get_help) == len(EN.get_help)
    emergency_items = [item for item in ES_LIST.items if item.group.id == "emergency"]
    assert emergency_items and ES.get_help[0].startswith("Pida ayuda ya")


def test_about_says_what_the_spanish_was_written_from_and_that_it_is_not_reviewed() -> None:
    note = ES.signoff_note
    assert "guía en inglés" in note
    assert "revisión clínica" in note and "revisión bilingüe" in note
    assert ES.credit.title == EN.credit.title  # the source article, credited as published
    assert len(ES.additions) == len(EN.additions) + 1  # and one more: where the Spanish came from
    assert ES.additions[0].title == "Texto en español" and "MedlinePlus en español" in ES.additions[0].source


def test_every_page_exists_in_both_languages() -> None:
    """Every place that is a page (About), "Get help now", cramp now and each section: built from
    either guide, in its own words. With the item ids above (and the vignette and story suites,
    which run on both checklists), a reader finds the same places in both languages."""
    from tui.data.pages import PAGES, get_help
    from tui.data.places import PLACES

    assert "about" in PAGES
    for place_id, build in PAGES.items():
        assert place_id in {row.id for row in PLACES}
        en_page, es_page = build(EN), build(ES)
        assert es_page.plain_paragraphs() and en_page.plain_paragraphs(), place_id
        assert set(es_page.plain_paragraphs()) != set(en_page.plain_paragraphs()), place_id
    assert ES.signoff_note in PAGES["about"](ES).text()
    en_help, es_help = get_help(EN), get_help(ES)
    assert en_help is not None and es_help is not None
    assert len(es_help.signs) == len(en_help.signs) and es_help.title != en_help.title
    en_cramp, es_cramp = load_cramp_now(ENGLISH_DIR), load_cramp_now(SPANISH_DIR)
    assert [m.id for m in es_cramp.muscles] == [m.id for m in en_cramp.muscles]
    assert all(len(m.steps) == 3 for m in es_cramp.muscles)
    assert [s.slug for s in ES.sections] == [s.slug for s in EN.sections]
    assert all(s.plain_paragraphs() for s in ES.sections)
    assert ES_LIST.ids == EN_LIST.ids
