"""The Spanish guide's text as it is written, read and heard: every accent and ñ intact (in every
piece a reader meets, through --plain under LANG=C too, and on the full screen), emergency
numbers written digit by digit ("9-1-1", so a Spanish voice says "nueve uno uno"), and every
piece "fairly easy" or easier on the INFLESZ scale (tests/support/inflesz.py), whose syllable
count is held against spoken Spanish and against a Spanish syllabifier. Pure and fast, but for
two runs of --plain and the full screen (pilot) at two sizes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tests.support.both_guides import ES, ES_LIST, SPANISH_DIR
from tests.support.inflesz import INFLESZ_FAIRLY_EASY, inflesz, syllables, words
from tui.data.checklist import Checklist
from tui.data.content import Guide
from tui.data.cramp_now import load_cramp_now

pytestmark = [pytest.mark.content]


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


# -- every accent through --plain and on the full screen ---------------------------------------------

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
