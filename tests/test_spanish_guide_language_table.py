"""The `[language]` table a guide declares (the Spanish guide: code "es", voice "es-419"), and what
follows from it: the loaders check it, so any mistake is one line naming the file and the key
(on the command line too, with exit status 2); the checklist and cramp now may only name the
guide's own language; and listening uses the guide's voice unless the reader chose one in that
language. Pure and fast, but for one run of --plain.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.both_guides import EN, ES, SPANISH_DIR
from tui.data.checklist import load_checklist, parse_checklist
from tui.data.content import load_guide, load_toml
from tui.data.cramp_now import load_cramp_now, parse_cramp_now
from tui.data.errors import ContentError
from tui.data.language import ENGLISH, guide_language

pytestmark = [pytest.mark.content]


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


# -- the voice, and a wrong language on the command line --------------------------------------------

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
