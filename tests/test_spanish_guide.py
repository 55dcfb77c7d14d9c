"""The Spanish guide (content/muscle-spasms-es) is the English guide in other words, never other facts.

A tick must mean the same thing in both languages: every item id, group, tier and red flag, every
section's number and slug, and every triage result's tier are the same. The Spanish text reads
"fairly easy" or easier on the INFLESZ scale (tests/support/inflesz.py), keeps every accent and ñ
in every output path (LANG=C too), and writes emergency numbers digit by digit ("9-1-1"), so a
Spanish voice says "nueve uno uno". The `[language]` table it declares is checked by the loaders:
any mistake is one line naming the file and the key. Pure and fast, but for two runs of --plain.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.support.inflesz import INFLESZ_FAIRLY_EASY, inflesz, syllables, words
from tui.data.checklist import Checklist, load_checklist, parse_checklist
from tui.data.content import Guide, load_guide, load_toml
from tui.data.cramp_now import load_cramp_now, parse_cramp_now
from tui.data.errors import ContentError
from tui.data.language import ENGLISH, Language, guide_language
from tui.data.triage import triage

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_DIR = ROOT / "content" / "muscle-spasms"
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"

EN = load_guide(ENGLISH_DIR)
ES = load_guide(SPANISH_DIR)
EN_LIST = load_checklist(ENGLISH_DIR)
ES_LIST = load_checklist(SPANISH_DIR)


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


# -- Spanish as it is written and spoken -----------------------------------------------------------

def all_texts(guide: Guide, checklist: Checklist) -> dict[str, str]:
    """Every piece of the guide's own words a reader sees or hears, by where it is."""
    cramp = load_cramp_now(guide.folder)
    texts = {f"section {s.number}": s.text() for s in guide.sections}
    texts["get help"] = "\n".join(guide.get_help)
    texts["about"] = "\n".join([guide.title, guide.disclaimer, guide.signoff_note,
                                *(f"{a.title}: {a.text}" for a in guide.additions)])
    texts["checklist"] = "\n".join([checklist.title, checklist.intro, *(g.title for g in checklist.groups),
                                    *(item.text for item in checklist.items),
                                    *(line.text for item in checklist.items for line in item.actions),
                                    *(f"{t.headline}\n{t.safety_net}" for t in checklist.tiers),
                                    *(line.text for t in checklist.tiers for line in t.advice),
                                    *checklist.cautions.values()])
    texts["cramp now"] = "\n".join([cramp.title, cramp.question, cramp.eased.headline, *cramp.eased.advice,
                                    cramp.eased.safety_net, *(m.name for m in cramp.muscles),
                                    *(step for m in cramp.muscles for step in m.steps)])
    return texts


SPANISH = all_texts(ES, ES_LIST)

UNACCENTED = re.compile(r"\b(?:medico|medicos|musculo|musculos|seccion|senal|senales|tambien|despues|dias|"
                        r"rinones|pagina|diagnostico|ano|anos|numero|organos|estomago)\b", re.IGNORECASE)
"""Common words of this guide that are always written with an accent or ñ: their bare spelling
means an accent was lost somewhere (an editor, a copy through ASCII)."""


@pytest.mark.parametrize("where", sorted(SPANISH))
def test_every_accent_and_n_tilde_is_intact(where: str) -> None:
    text = SPANISH[where]
    assert unicodedata.is_normalized("NFC", text), f"{where}: not NFC (a decomposed accent)"
    found = UNACCENTED.findall(text)
    assert not found, f"{where}: written without its accent: {found}"


def test_the_accent_check_is_not_vacuous() -> None:
    assert UNACCENTED.search("Vea a un medico hoy.") and not UNACCENTED.search("Vea a un médico hoy.")
    assert "ñ" in SPANISH["section 1"] and "é" in SPANISH["section 6"]


BARE_NUMBER = re.compile(r"(?<![\d-])(?:911|999|112|111)(?![\d-])")
"""An emergency or help line number written as one number: a Spanish voice says "novecientos once"."""


@pytest.mark.parametrize("where", sorted(SPANISH))
def test_help_numbers_are_written_digit_by_digit(where: str) -> None:
    assert not BARE_NUMBER.findall(SPANISH[where]), f"{where}: write 9-1-1, 9-9-9, 1-1-2, 1-1-1"


def test_the_emergency_number_is_in_section_6_digit_by_digit() -> None:
    warning = SPANISH["section 6"]
    assert "9-1-1" in warning and "9-9-9" in warning and "1-1-2" in warning
    assert BARE_NUMBER.search("Llame al 911.") and not BARE_NUMBER.search("Llame al 9-1-1.")


# -- INFLESZ -----------------------------------------------------------------------------------------

KNOWN_SYLLABLES = {
    "músculo": 3, "espasmo": 3, "calambre": 3, "día": 2, "reúne": 3, "ciudad": 2, "buey": 1, "leer": 2,
    "guía": 2, "pingüino": 3, "que": 1, "hay": 1, "y": 1, "mayo": 2, "aire": 2, "país": 2, "océano": 4,
    "poeta": 3, "aunque": 2, "agua": 2, "ahora": 3, "ahí": 2, "hormigueo": 4, "emergencias": 4,
    "involuntaria": 5, "neuropatía": 5, "deshidratación": 5, "electrolitos": 5, "pantorrilla": 4,
    "estatina": 4, "riñones": 3, "señal": 2, "también": 2, "quiere": 2, "siguiente": 3, "cuidado": 3,
    "huevo": 2, "baúl": 2, "caer": 2, "miau": 1, "15": 2,
}
"""Words and their syllables as spoken, including each rule of tests/support/inflesz.py."""


@pytest.mark.parametrize(("word", "count"), sorted(KNOWN_SYLLABLES.items()))
def test_the_syllable_count_follows_spoken_spanish(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize("where", sorted(SPANISH))
def test_every_screen_reads_fairly_easy_on_the_inflesz_scale(where: str) -> None:
    reading = inflesz(SPANISH[where])
    assert reading.score >= INFLESZ_FAIRLY_EASY, (
        f"{where}: INFLESZ {reading.score:.1f} ({reading.band}) < {INFLESZ_FAIRLY_EASY}: {reading}")


def test_the_inflesz_measure_tells_hard_text_from_plain_text() -> None:
    hard = ("La sintomatología neuromuscular involuntaria, caracterizada por contracciones paroxísticas "
            "persistentes, frecuentemente requiere intervención farmacológica especializada, "
            "particularmente suplementación electrolítica intravenosa en pacientes hospitalizados.")
    assert inflesz(hard).score < 40 and inflesz(hard).band == "muy difícil"
    plain = "Un calambre duele. Estire el músculo. Luego camine un poco."
    assert inflesz(plain).score >= INFLESZ_FAIRLY_EASY and inflesz(plain).band == "bastante fácil"


# -- the [language] table, and what the loaders refuse ---------------------------------------------

def spanish_copy(tmp_path: Path) -> Path:
    """A copy of the Spanish guide to break."""
    import shutil

    folder = tmp_path / "guide"
    shutil.copytree(SPANISH_DIR, folder)
    return folder


@pytest.mark.parametrize(("table", "message"), [
    ('[language]\ncode = "es"\n', "missing key 'language.voice'"),
    ('[language]\nvoice = "es-419"\n', "missing key 'language.code'"),
    ('[language]\ncode = "Spanish"\nvoice = "es-419"\n', "key 'language.code' must be a language code"),
    ('[language]\ncode = "es"\nvoice = "es 419"\n', "key 'language.voice' must be a voice name"),
    ('[language]\ncode = "es"\nvoice = "en-us"\n', "key 'language.voice': 'en-us' is not a voice for language 'es'"),
    ('[language]\ncode = "es"\nvoice = "es-419"\nvoce = "es"\n', "key 'language.voce' is not known"),
    ('language = "es"\n', "key 'language' must be a table"),
])
def test_a_wrong_language_table_is_one_line_naming_file_and_key(tmp_path: Path, table: str, message: str) -> None:
    folder = spanish_copy(tmp_path)
    path = folder / "guide.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'\[language\]\ncode = "es"\nvoice = "es-419"\n', table, text), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_guide(folder)
    line = str(caught.value)
    assert "\n" not in line and "guide.toml" in line and message in line, line


def test_the_checklist_and_cramp_now_may_name_the_guides_language_only(tmp_path: Path) -> None:
    folder = spanish_copy(tmp_path)
    for name in ("checklist.toml", "cramp-now.toml"):
        path = folder / name
        path.write_text('[language]\ncode = "es"\nvoice = "es-419"\n\n' + path.read_text(encoding="utf-8"),
                        encoding="utf-8")
    assert load_checklist(folder).language == ES.language
    assert load_cramp_now(folder).language == ES.language
    for name, load in (("checklist.toml", load_checklist), ("cramp-now.toml", load_cramp_now)):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace('code = "es"\nvoice = "es-419"',
                                                                 'code = "en"\nvoice = "en-us"', 1),
                        encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            load(folder)
        line = str(caught.value)
        assert name in line and "key 'language.code': 'en' does not match guide.toml's 'es'" in line, line


def test_a_language_mismatch_in_data_is_refused_with_the_key() -> None:
    data = load_toml(SPANISH_DIR / "checklist.toml")
    data["language"] = {"code": "es", "voice": "es-MX"}
    with pytest.raises(ContentError, match=r"key 'language\.voice': 'es-MX' does not match"):
        parse_checklist(data, SPANISH_DIR / "checklist.toml", ES.language)


def test_the_spanish_eased_headline_starts_with_the_checklists_self_care_label() -> None:
    path = SPANISH_DIR / "cramp-now.toml"
    data = load_toml(path)
    eased = parse_cramp_now(data, path, ES.language).eased
    selfcare = next(tier for tier in load_checklist(SPANISH_DIR).tiers if tier.id == "selfcare")
    assert eased.label == selfcare.label == "AUTOCUIDADO" and eased.headline.startswith("AUTOCUIDADO:")
    data["eased"]["headline"] = "qué bien, el calambre se calmó."
    with pytest.raises(ContentError, match=r"key 'eased\.headline' must start with 'AUTOCUIDADO:'"):
        parse_cramp_now(data, path, ES.language)


def test_a_guide_toml_that_cannot_be_read_counts_as_english_for_the_other_files(tmp_path: Path) -> None:
    assert guide_language(tmp_path) == ENGLISH
    assert guide_language(SPANISH_DIR) == ES.language


# -- on the command line -----------------------------------------------------------------------------

def run_plain(*extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "tui", "--content", str(SPANISH_DIR), "--plain", *extra],
                          capture_output=True, check=False, env={**os.environ, **(env or {})})


@pytest.mark.e2e
@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_plain_prints_the_spanish_guide_with_every_accent(locale: str) -> None:
    result = run_plain(env={"LANG": locale, "LC_ALL": locale})
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("utf-8")  # UTF-8 under LANG=C too: never "?" or an escape
    assert out.startswith(ES.title)
    for section in ES.sections:
        assert section.title in out
    assert "Llame a su número de emergencias si tiene alguna de estas señales." in out
    assert "9-1-1" in out and "¿Es un calambre o es otra cosa?" in out
    assert "revisión bilingüe" in out
    assert "\ufffd" not in out


def test_listening_uses_the_guides_voice_unless_the_reader_chose_one() -> None:
    from tui.cli import guide_voice
    from tui.data.settings import Settings

    assert guide_voice(ES, Settings()).speech_voice == "es-419"
    # The voice follows the language: a voice the reader chose for English never reads Spanish
    # ("lame" for "Llame"); a Spanish one they chose is kept.
    assert guide_voice(ES, Settings(speech_voice="en-gb")).speech_voice == "es-419"
    assert guide_voice(ES, Settings(speech_voice="es")).speech_voice == "es"
    assert guide_voice(EN, Settings()).speech_voice == ""


@pytest.mark.e2e
def test_a_wrong_language_on_the_command_line_is_one_line_and_status_2(tmp_path: Path) -> None:
    folder = spanish_copy(tmp_path)
    path = folder / "guide.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('voice = "es-419"', 'voice = "en-us"'), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", "--content", str(folder), "--plain"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "guide.toml: key 'language.voice': 'en-us' is not a voice for language 'es'" in result.stderr


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
@pytest.mark.pilot
async def test_the_full_screen_shows_the_spanish_guide(tmp_path: Path, size: tuple[int, int]) -> None:
    """The guide's words on screen are Spanish, accents intact (the interface's own are English yet)."""
    from tests.support.pilot import make_app, screen_text
    from tui.fullscreen.screens.contents import ContentsScreen
    from tui.fullscreen.screens.section import SectionScreen

    app = make_app(tmp=tmp_path, content=SPANISH_DIR)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "Espasmos musculares" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        assert f"1. {ES.section(1).title}"[:size[0] - 4] in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.number == 1
        assert "Un espasmo muscular es cuando" in screen_text(app)



AGREEMENT = 0.98
"""Share of the guide's words whose syllables our rules and silabeador count alike (measured:
908 of 912; the rest are words Spanish allows both ways, "diag-nós-ti-co" or "di-ag-nós-ti-co",
"e-va-cuar" or "e-va-cu-ar", and English brand names)."""


# silabeador 1.2.4 reads its word list with importlib.resources.read_text, deprecated since 3.11.
@pytest.mark.filterwarnings("ignore:.*is deprecated:DeprecationWarning")
# About 0.3 CPU seconds (silabeador reads its word list again for every word), no process: the fast set.
def test_the_syllable_count_agrees_with_a_spanish_syllabifier() -> None:
    """Our spoken-syllable rules against silabeador's on every word of the Spanish guide."""
    from tests.support import needs

    silabeador = needs.import_or_skip("silabeador")
    counted = agreed = 0
    for word in sorted({w.lower() for text in SPANISH.values() for w in words(text) if w.isalpha()}):
        try:
            theirs = len(silabeador.syllabify(word))
        except TypeError:  # it fails on a few letter pairs that are not words ("am", "em": Am Fam Physician)
            continue
        counted += 1
        agreed += theirs == syllables(word)
    assert counted > 800 and agreed / counted >= AGREEMENT, f"{agreed} of {counted} agree"
