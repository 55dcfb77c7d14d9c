"""Choosing the language: --lang, the saved setting, LANG and the others, the start screen's key,
Settings, and the voice that follows the language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tui import cli
from tui.data.checklist import load_checklist
from tui.data.checklist_state import SavedState, now, save_state
from tui.data.content import load_guide
from tui.data.language import ENGLISH, Language
from tui.data.language_choice import (
    choose_language,
    environment_language,
    is_no_voice_reason,
    reading_voice,
    voice_missing,
)
from tui.data.settings import Settings, load_settings
from tui.data.words import current_language
from tui.fullscreen.screens.checklist import ChecklistScreen
from tui.fullscreen.screens.settings import SettingsScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.widgets.guide_list import GuideList
from tui.fullscreen.widgets.key_bar import KeyBar
from tui.speech import audio

ROOT = Path(__file__).resolve().parent.parent
ENGLISH_GUIDE = load_guide(ROOT / "content" / "muscle-spasms")
SPANISH_GUIDE = load_guide(ROOT / "content" / "muscle-spasms-es")
SPANISH = Language("es", "es-419")


# ---- The order: the command line, the saved choice, the environment, English ----------------

@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "es_MX.UTF-8"}, ("es", "LANG")),
    ({"LANG": "es"}, ("es", "LANG")),
    ({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_US.UTF-8"}, ("es", "LC_MESSAGES")),
    ({"LC_ALL": "es_AR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, ("es", "LC_ALL")),
    ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, ("es", "LANGUAGE")),
    ({"LANGUAGE": "en_GB:es", "LANG": "es_MX.UTF-8"}, ("en", "LANGUAGE")),
    ({"LANG": "en_US.UTF-8"}, ("en", "LANG")),
])
def test_the_environment_chooses_in_gettexts_order(env: dict[str, str], expected: tuple[str, str]) -> None:
    assert environment_language(env) == expected


@pytest.mark.parametrize("env", [
    {}, {"LANG": "C.UTF-8"}, {"LANG": "POSIX"}, {"LANG": "fr_FR.UTF-8"},
    {"LC_ALL": "C", "LANG": "es_MX.UTF-8"},   # LC_ALL=C is read first, and chooses English
    {"LANGUAGE": "", "LANG": "C"},
])
def test_c_posix_and_languages_without_a_guide_choose_nothing(env: dict[str, str]) -> None:
    assert environment_language(env) is None
    assert choose_language(None, "", env).code == "en"


def test_the_command_line_goes_before_the_setting_before_the_environment() -> None:
    env = {"LANG": "es_MX.UTF-8"}
    assert choose_language("en", "es", env).source == "--lang" and choose_language("en", "es", env).code == "en"
    assert (choose_language(None, "en", env).code, choose_language(None, "en", env).source) == ("en", "settings")
    assert (choose_language(None, "", env).code, choose_language(None, "", env).source) == ("es", "LANG")
    assert choose_language(None, "", {}).source == "default"


# ---- The setting ------------------------------------------------------------------------------

def test_the_language_setting_is_checked_naming_the_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('language = "fr"\ntheme = "hc-light"\n', encoding="utf-8")
    settings, message = load_settings(path)
    assert settings.language == "" and settings.theme == "hc-light"
    assert message is not None and str(path) in message and "key 'language'" in message
    assert "en, es" in message
    path.write_text('language = "es"\n', encoding="utf-8")
    assert load_settings(path) == (Settings(language="es"), None)


# ---- The command line -------------------------------------------------------------------------

def test_an_unknown_lang_is_one_line_naming_the_option_and_the_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "fr", "--plain"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert "--lang" in err and "'fr'" in err and "en (English), es (Español)" in err


@pytest.mark.parametrize(("argv", "env", "title"), [
    (["--lang", "es", "--plain", "--section", "1"], {}, SPANISH_GUIDE.sections[0].title),
    (["--lang", "es-419", "--plain", "--section", "1"], {}, SPANISH_GUIDE.sections[0].title),
    (["--plain", "--section", "1"], {"LANG": "es_MX.UTF-8"}, SPANISH_GUIDE.sections[0].title),
    (["--lang", "en", "--plain", "--section", "1"], {"LANG": "es_MX.UTF-8"}, ENGLISH_GUIDE.sections[0].title),
    (["--plain", "--section", "1"], {"LC_ALL": "C", "LANG": "es_MX.UTF-8"}, ENGLISH_GUIDE.sections[0].title),
])
def test_lang_and_the_environment_pick_the_bundled_guide(argv: list[str], env: dict[str, str], title: str,
                                                         capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(argv) == 0
    assert title in capsys.readouterr().out
    assert current_language() == ("es" if title == SPANISH_GUIDE.sections[0].title else "en")


def test_the_saved_setting_picks_the_guide_and_lang_goes_before_it(
        private_dirs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    folder = private_dirs / "xdg_config_home" / "spasm-guide"
    folder.mkdir(parents=True)
    (folder / "settings.toml").write_text('language = "es"\n', encoding="utf-8")
    assert cli.main(["--plain", "--section", "1"]) == 0
    assert SPANISH_GUIDE.sections[0].title in capsys.readouterr().out
    assert cli.main(["--lang", "en", "--plain", "--section", "1"]) == 0
    assert ENGLISH_GUIDE.sections[0].title in capsys.readouterr().out


def test_a_content_guide_speaks_its_own_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--content", str(SPANISH_GUIDE.folder), "--plain", "--section", "1"]) == 0
    assert SPANISH_GUIDE.sections[0].title in capsys.readouterr().out
    assert current_language() == "es"
    assert cli.main(["--content", str(SPANISH_GUIDE.folder), "--lang", "en", "--plain"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--lang" in err and "--content" in err


def test_help_and_the_manual_say_the_order() -> None:
    from tui.manpage import render

    text = cli.build_parser().format_help()
    for where in (text, render().replace("\\-", "-")):
        assert "--lang" in where and "LC_MESSAGES" in where and "settings.toml" in where
    assert text.index("1. --lang CODE") < text.index("2. language") < text.index("3. the environment")


# ---- The voice follows the language -----------------------------------------------------------

@pytest.mark.parametrize(("chosen", "language", "voice"), [
    ("", SPANISH, "es-419"),
    ("gmw/en-us", SPANISH, "es-419"),     # an English voice never reads the Spanish guide
    ("roa/es", SPANISH, "roa/es"),        # the reader's own Spanish voice is kept
    ("Mónica", SPANISH, "Mónica"),        # a name that says no language: the reader knows best
    ("gmw/en-us", ENGLISH, "gmw/en-us"),
    ("", ENGLISH, ""),
])
def test_the_reading_voice_follows_the_guides_language(chosen: str, language: Language, voice: str) -> None:
    assert reading_voice(chosen, language) == voice


def test_a_machine_without_the_voice_gets_one_line_and_no_speech(tmp_path: Path) -> None:
    data = tmp_path / "espeak-ng-data"
    (data / "lang" / "gmw").mkdir(parents=True)
    (data / "lang" / "gmw" / "en-US").write_text("name English\n", encoding="utf-8")
    env = {"ESPEAK_DATA_PATH": str(tmp_path)}
    assert voice_missing("es-419", env) and voice_missing("roa/es-419", env)
    assert not voice_missing("en-US", env) and not voice_missing("Mónica", env)
    assert not voice_missing("gmw/en-us", env)  # eSpeak NG finds it whatever the case
    ok, reason = audio.availability(need_player=False, env=env, voice="es-419")
    if not audio.espeak_library_present():  # then the library's own reason comes first
        pytest.fail("libespeak-ng is installed by .ci/run: this test needs it")
    assert not ok and is_no_voice_reason(reason)  # availability gives the whole line, still of its kind
    line = reason
    assert line.startswith("Speech is not available: ") and line.count("Speech is not available") == 1
    assert "es-419" in line and "Español" in line and "text only" in line and "espeak-ng-data" in line
    assert "\n" not in line
    assert audio.availability(need_player=False, env=env, voice="en-US") == (True, "")


def test_this_machine_has_the_spanish_voice() -> None:
    """.ci/run installs espeak-ng, whose data has es-419: the check finds a voice that is there."""
    assert not voice_missing("es-419")


# ---- The start screen's key and Settings ------------------------------------------------------

def key_bar(app: object) -> str:
    return " ".join(screen_lines(app)[-2:])  # type: ignore[arg-type]


@pytest.mark.pilot
async def test_the_start_screen_key_switches_the_whole_guide_and_saves_it(tmp_path: Path) -> None:
    checklist = load_checklist(ENGLISH_GUIDE.folder)
    tick = checklist.items[-1].id
    save_state(SavedState(ticks={tick: now()}))
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "e Español" in key_bar(app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)
        assert app.guide.language.code == "es" and current_language() == "es"
        assert SPANISH_GUIDE.title in screen_text(app)
        assert "e English" in key_bar(app) and "Español" not in key_bar(app)
        # The screen-reader cursor rules: focus on the first menu item, the cursor on it.
        menu = app.screen.query_one("#menu", GuideList)
        assert app.focused is menu and menu.highlighted == 0
        assert text_at_cursor(app).strip() == menu.item_texts()[0]
        assert len(app.screen_stack) == 1
        # The voice follows the language; the choice is saved.
        assert app.reader.voice() == "es-419"
        assert load_settings(tmp_path / "settings.toml")[0].language == "es"
        # The ticks are kept: the same item, chosen, in the Spanish checklist.
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, ChecklistScreen) and app.screen.session is not None
        assert tick in app.screen.session.checked
        assert app.screen.session.checklist.language.code == "es"
        # And back: from a screen deeper in, the key is only on the start screen.
        await pilot.press("escape", "e")
        await pilot.pause()
        await pilot.pause()
        assert app.guide.language.code == "en" and ENGLISH_GUIDE.title in screen_text(app)
        assert load_settings(tmp_path / "settings.toml")[0].language == "en"


@pytest.mark.content  # the live guides' own "Get help now" blocks
@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
@pytest.mark.pilot
async def test_the_start_screen_still_fits_in_either_language(tmp_path: Path, size: tuple[int, int]) -> None:
    """With the language key in the key bar, the key bar keeps its two rows; at 80x24 the "Get help
    now" block shows whole in either language: its heading, every sign and where to read more."""
    app = make_app(tmp=tmp_path, content=ENGLISH_GUIDE.folder)
    async with app.run_test(size=size) as pilot:
        for guide, other in ((ENGLISH_GUIDE, "Español"), (SPANISH_GUIDE, "English")):
            await pilot.pause()
            text = " ".join(screen_text(app).split())
            if size == (80, 24):
                for line in guide.get_help:
                    assert " ".join(line.split()) in text, line
            menu = app.screen.query_one("#menu", GuideList)
            assert menu.item_texts()[0] in text and app.focused is menu
            assert app.screen.query_one(KeyBar).outer_size.height == 2
            assert other in key_bar(app)
            await pilot.press("e")
            await pilot.pause()


@pytest.mark.pilot
async def test_settings_offer_each_language_in_its_own_words(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(SettingsScreen())
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        listing = " ".join(screen_text(app).split())
        assert "Language: English" in listing and "Language: Español" in listing
        assert "selected: Language: as your system's (LANG)" in listing
        await pilot.press("up", "enter")  # Español
        await pilot.pause()
        await pilot.pause()
        # Settings again, in Spanish, on the choice just made, which is said first; Esc goes to
        # the Spanish start screen, with nothing in English behind it.
        assert isinstance(app.screen, SettingsScreen) and app.guide.language.code == "es"
        assert load_settings(tmp_path / "settings.toml")[0].language == "es"
        assert text_at_cursor(app).startswith("marcado: Idioma: Español"), text_at_cursor(app)
        assert "Idioma: Español." in screen_text(app) and "Ajustes" in screen_text(app)
        assert [type(screen) for screen in app.screen_stack] == [StartScreen, SettingsScreen]
        await pilot.press("down", "enter")  # as the system's (English here): no switch
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen) and app.guide.language.code == "en"
        assert text_at_cursor(app).startswith("selected: Language: as your system's"), text_at_cursor(app)
        assert "Language: English." in screen_text(app)
        await pilot.press("up", "up", "enter")  # English, chosen by name: the guide stays, and says so
        await pilot.pause()
        assert app.guide.language.code == "en" and "Language: English." in screen_text(app)
        assert text_at_cursor(app).startswith("selected: Language: English"), text_at_cursor(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, StartScreen) and len(app.screen_stack) == 1


@pytest.mark.pilot
async def test_self_voicing_announces_the_new_language_at_once(tmp_path: Path) -> None:
    from tests.support.speech_fake import FakeClient

    app = make_app(Settings(self_voicing=True), tmp=tmp_path)
    fake = FakeClient()
    app.reader.client = fake  # before it starts: self-voicing speaks the start screen
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        fake.spoken.clear()  # the English start screen: what follows "e" is the question
        await pilot.press("e")
        await pilot.pause()
        await pilot.pause()
        heard = " ".join(" ".join(chunks) for chunks in fake.spoken)
        assert SPANISH_GUIDE.title in heard
        assert ("set_voice", ("es-419",)) in fake.calls  # the voice followed the language


# ---- The caches of a fast start know the language -----------------------------------------------

@pytest.mark.parametrize("variable", ["LANG", "LC_MESSAGES", "LANGUAGE", "LC_ALL"])
def test_the_cached_plain_text_and_start_frame_are_kept_per_language(variable: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.output import early_paint
    from tui.plain import fast

    env = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}
    plain, frame = fast.cache_key(""), early_paint.base_key([], env, (80, 24))
    monkeypatch.setenv(variable, "es_MX.UTF-8")
    assert fast.cache_key("") != plain
    assert early_paint.base_key([], {**env, variable: "es_MX.UTF-8"}, (80, 24)) != frame


def test_the_cache_keys_name_the_spanish_guides_files() -> None:
    from tui.plain import fast

    key = fast.cache_key("")
    assert key is not None
    assert str(SPANISH_GUIDE.folder / "guide.toml") in key and str(ENGLISH_GUIDE.folder / "guide.toml") in key
    assert "spasm-guide.mo" in key


def test_the_prompts_follow_the_environment(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    first = load_checklist(SPANISH_GUIDE.folder).items[0].text
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    monkeypatch.setattr("sys.stdin", io.StringIO("0\n"))
    assert cli.main(["--checklist"]) == 0
    assert " ".join(first.split())[:40] in " ".join(capsys.readouterr().out.split())


def test_the_listening_modes_read_spanish_in_a_spanish_voice() -> None:
    assert cli.guide_voice(SPANISH_GUIDE, Settings()).speech_voice == "es-419"
    assert cli.guide_voice(SPANISH_GUIDE, Settings(speech_voice="gmw/en-us")).speech_voice == "es-419"
    assert cli.guide_voice(ENGLISH_GUIDE, Settings(speech_voice="gmw/en-us")).speech_voice == "gmw/en-us"


@pytest.mark.pilot
async def test_self_voicing_without_the_voice_is_told_once_and_the_guide_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine whose eSpeak NG has no Spanish voice: one line, once; the screens still change."""
    from tui.fullscreen.textual_private import notifications
    from tui.speech.client import SpeechClient

    data = tmp_path / "espeak" / "espeak-ng-data" / "lang" / "gmw"
    data.mkdir(parents=True)
    (data / "en-US").write_text("name English\n", encoding="utf-8")
    monkeypatch.setenv("ESPEAK_DATA_PATH", str(tmp_path / "espeak"))
    app = make_app(Settings(self_voicing=True), tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "up")
        await pilot.pause()
        assert isinstance(app.reader.client, SpeechClient) and app.reader.client.voice.name == "es-419"
        told = [str(n.message) for n in notifications(app) if "es-419" in str(n.message)]
        assert len(told) == 1 and "solo como texto" in told[0], told  # in the words of the guide shown
        assert SPANISH_GUIDE.title in screen_text(app)


@pytest.mark.pilot
async def test_one_keys_line_moves_the_language_key_both_ways(tmp_path: Path) -> None:
    app = make_app(Settings(keys={"start.language": "f2"}), tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "F2 Español" in key_bar(app)
        await pilot.press("e")
        await pilot.pause()
        assert app.guide.language.code == "en"
        await pilot.press("f2")
        await pilot.pause()
        await pilot.pause()
        assert app.guide.language.code == "es" and "F2 English" in key_bar(app)
        await pilot.press("f2")
        await pilot.pause()
        await pilot.pause()
        assert app.guide.language.code == "en"
