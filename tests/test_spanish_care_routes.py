"""Care routes in the guide's language: a Spanish result never says "the emergency room (ER)".

Every placeholder the checklists use has Spanish words for every region, every Spanish item run
through triage alone reads with no English word of the routes, and the emergency number is written
digit by digit ("9-1-1") so the es-419 voice says "nueve uno uno", not "novecientos once". English
routes are the ones they always were.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tui.data.care_routes import DEFAULT_ROUTES, PLACEHOLDERS, ROUTES_BY_LANGUAGE, CareRoutes, routes_for
from tui.data.checklist import load_checklist
from tui.data.checklist_session import ChecklistSession
from tui.data.settings import REGIONS
from tui.data.triage import TriageResult, triage

pytestmark = [pytest.mark.content]

ROOT = Path(__file__).resolve().parent.parent
ES_LIST = load_checklist(ROOT / "content" / "muscle-spasms-es")

SHARED_SPELLINGS = frozenset({"local"})
"""English route words that are Spanish words too ("servicio local", "número local")."""


def words_of(text: str) -> set[str]:
    """The words of three letters or more, lower case, accents kept ("médico" stays whole)."""
    return {word.lower() for word in re.findall(r"[^\W\d_]{3,}", text)}


ENGLISH_ROUTE_WORDS = frozenset(
    word for words in ROUTES_BY_LANGUAGE["en"].values() for text in words for word in words_of(text)
) - SHARED_SPELLINGS
"""Every English word of three letters or more in any region's routes ("the", "emergency", "call",
"urgent", "midwife", ...). "A&E" and "GP" are kept in the Spanish UK routes on purpose, in brackets:
they are the names on the signs."""


def result_text(result: TriageResult) -> str:
    """Every line of a result that the routes fill."""
    return "\n".join((result.headline, *result.actions, *result.advice, result.safety_net, *result.cautions))


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_every_placeholder_has_spanish_words_in_every_region(region: str) -> None:
    routes = routes_for(region, "es")
    filled = routes.fill(" ".join(PLACEHOLDERS))
    assert "{" not in filled
    for value in (routes.number, routes.hospital, routes.urgent_route, routes.pregnancy_route):
        assert value.strip()
        assert not ENGLISH_ROUTE_WORDS & words_of(value), value
    # Written as dialled, so it is spoken digit by digit.
    assert routes.number == "-".join(REGIONS[region][0])
    # "vaya ya a {hospital}", "llame primero a {pregnancy_route}": Spanish never writes "a el".
    assert not routes.hospital.startswith("el ") and not routes.pregnancy_route.startswith("el ")


def test_a_region_code_in_the_language_gets_the_spanish_words() -> None:
    assert routes_for("US", "es-419") == routes_for("US", "es")
    assert routes_for("US", "es").hospital == "la sala de emergencias"
    assert routes_for("nowhere", "es") == routes_for("US", "es")


@pytest.mark.parametrize("region", sorted(REGIONS))
@pytest.mark.parametrize("item_id", [item.id for item in ES_LIST.items])
def test_no_english_route_word_in_a_spanish_result(region: str, item_id: str) -> None:
    text = result_text(triage(ES_LIST, [item_id], routes_for(region, ES_LIST.language.code)))
    assert "{" not in text
    english = ENGLISH_ROUTE_WORDS & words_of(text)
    assert not english, f"{item_id} in {region}: {sorted(english)} in {text!r}"
    assert " a el " not in text


def test_the_hospital_headline_reads_in_spanish() -> None:
    item = next(item for item in ES_LIST.items if item.tier.id == "hospital")
    result = triage(ES_LIST, [item.id], routes_for("US", "es"))
    assert result.headline == "HOSPITAL YA: vaya ya a la sala de emergencias"
    emergency = next(item for item in ES_LIST.items if item.tier.id == "emergency")
    assert "llame ya al 9-1-1" in triage(ES_LIST, [emergency.id], routes_for("US", "es")).headline


def test_a_session_without_routes_uses_its_checklists_language(tmp_path: Path) -> None:
    session = ChecklistSession(ES_LIST, path=tmp_path / "state.toml", persist=False)
    assert session.routes == routes_for("US", "es")


def test_english_routes_are_unchanged() -> None:
    assert routes_for("US") == DEFAULT_ROUTES == CareRoutes(
        "911", "the emergency room (ER)",
        "call your doctor, or go to urgent care, or call a nurse advice line",
        "your pregnancy doctor or midwife, or the labor and delivery unit")
    assert routes_for("UK", "en") == CareRoutes("999", "A&E", "call 111 or your GP",
                                                "your midwife, GP or maternity unit")
    assert routes_for("EU", "fr") == routes_for("EU")


@pytest.mark.e2e  # starts espeak-ng
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run")
@pytest.mark.parametrize(("region", "digits"), [("US", "nw'eBe 'uno 'uno"), ("UK", "nw'eBe nw'eBe nw'eBe"),
                                                ("EU", "'uno 'uno D'os")])
def test_the_spanish_voice_says_the_number_digit_by_digit(region: str, digits: str) -> None:
    number = routes_for(region, "es").number
    phonemes = subprocess.run(["espeak-ng", "-q", "-x", "-v", "es-419", f"llame al {number}"],
                              capture_output=True, text=True, check=True, timeout=30).stdout
    assert digits in phonemes, phonemes
