"""Reading aloud in the app, with a stand-in speech client (the real engine has its own tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.fixture_guide import FIXTURE_GUIDE
from tests.support.pilot import make_app, screen_lines, screen_text, text_at_cursor
from tests.support.speech_fake import FakeClient
from tui.data.sentences import Chunk
from tui.data.settings import Settings, load_settings
from tui.fullscreen.app import GuideApp
from tui.fullscreen.dialogs.remote_speech import RemoteSpeechDialog
from tui.fullscreen.dialogs.save_path import SavePathDialog
from tui.fullscreen.screens.page import PageScreen
from tui.fullscreen.screens.section import SectionScreen
from tui.fullscreen.screens.start import StartScreen
from tui.fullscreen.textual_private import notifications
from tui.fullscreen.widgets.key_bar import KeyBar
from tui.fullscreen.widgets.section_text import SectionText
from tui.speech.audio import unavailable_message
from tui.speech.protocol import Error, Saved, Started

pytestmark = [pytest.mark.pilot]


def with_fake(app: GuideApp, fake: FakeClient | None = None) -> FakeClient:
    fake = fake or FakeClient()
    app.reader.client = fake
    return fake


async def test_on_a_short_window_the_reading_keys_stay_in_two_rows(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        with_fake(app)
        await pilot.press("2", "r")
        await pilot.pause()
        reading = app.reader.reading
        assert reading is not None
        before = screen_lines(app)[-2:]
        app.reader.handle(Started(utterance=reading.utterance, index=0))  # the first sound
        await pilot.pause()
        assert app.screen.query_one(KeyBar).outer_size.height == 2
        shown = " ".join(screen_lines(app)[-2:])
        for entry in ("n Next", "Esc/x Stop", "Space Pause", "?/F1 Help"):
            assert entry in shown, entry
        assert "Space Pause" not in " ".join(before), "the reading keys came before any sound"


async def test_reading_that_fails_at_once_says_why_first_with_no_key_bar_changed(tmp_path: Path) -> None:
    """No sound server: the speech fails as it starts. The reader heard the reading keys drawn
    (three rows at 40x12), then the error, then the key bar again: the error is the news."""
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        with_fake(app)
        await pilot.press("2")
        await pilot.pause()
        keys_before = screen_lines(app)[-2:]
        await pilot.press("r")
        await pilot.pause()
        reading = app.reader.reading
        assert reading is not None and screen_lines(app)[-2:] == keys_before
        app.reader.handle(Error(message="No sound server is running here."))
        await pilot.pause()
        assert app.reader.reading is None and screen_lines(app)[-2:] == keys_before
        assert "No sound server is running here." in " ".join(" ".join(screen_lines(app)).split())


async def test_read_a_section_highlights_the_sentence_heard_and_the_cursor_follows(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        fake = with_fake(app)
        await pilot.press("2", "r")
        await pilot.pause()
        assert fake.spoken and fake.spoken[0][0] == app.guide.section(2).title
        reading = app.reader.reading
        assert reading is not None
        bar = app.screen.query_one(KeyBar).describe()
        for entry in ("Space Pause", "Esc/x Stop", "]/[ Sentence", "+/=/- Speed"):
            assert entry in bar, entry
        index = next(i for i, c in enumerate(reading.chunks) if isinstance(c, Chunk) and c.paragraph == 1)
        chunk = reading.chunks[index]
        assert isinstance(chunk, Chunk)
        app.reader.handle(Started(utterance=reading.utterance, index=index))
        await pilot.pause()
        text = app.screen.query_one(SectionText)
        assert text.highlight == chunk.highlight
        assert text_at_cursor(app).startswith(chunk.text[:12])
        # A sentence that starts part-way along a line: the cursor is on its first letter.
        index = next(i for i, c in enumerate(reading.chunks)
                     if isinstance(c, Chunk) and c.paragraph is not None and c.start > 0)
        chunk = reading.chunks[index]
        assert isinstance(chunk, Chunk)
        app.reader.handle(Started(utterance=reading.utterance, index=index))
        await pilot.pause()
        assert text.highlight == chunk.highlight
        assert app.cursor_position.x > 1 and text_at_cursor(app).startswith(chunk.text[:12])
        await pilot.press("space")
        await pilot.pause()
        assert ("pause", ()) in fake.calls
        await pilot.press("space")
        await pilot.pause()
        assert ("resume", ()) in fake.calls
        await pilot.press("right_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert ("skip", (1,)) in fake.calls and ("skip", (-1,)) in fake.calls
        await pilot.press("escape")  # while reading, Esc stops and stays
        await pilot.pause()
        assert ("stop", ()) in fake.calls
        assert isinstance(app.screen, SectionScreen)
        assert text.highlight is None and app.reader.reading is None
        assert "Pause" not in app.screen.query_one(KeyBar).describe()
        await pilot.press("escape")  # silent again: Esc goes back
        await pilot.pause()
        assert isinstance(app.screen, StartScreen)


async def test_the_guide_answers_keys_while_reading(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        with_fake(app)
        await pilot.press("1", "r", "n")
        await pilot.pause()
        assert isinstance(app.screen, SectionScreen) and app.screen.number == 2
        assert app.reader.reading is None  # a new section stops the old one


async def test_rate_keys_change_and_save_the_rate(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        fake = with_fake(app)
        await pilot.press("1", "r", "plus", "plus", "minus")
        await pilot.pause()
        assert app.settings.speech_rate == 190
        assert ("set_rate", (210,)) in fake.calls and ("set_rate", (190,)) in fake.calls
    assert load_settings(tmp_path / "settings.toml")[0].speech_rate == 190


async def test_checklist_result_is_read_urgency_first(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        fake = with_fake(app)
        await pilot.press("k", "space", "r")
        await pilot.pause()
        assert fake.spoken[-1][0] == "EMERGENCY: call 911 (or your local emergency number) now"
        assert fake.spoken[-1][-1] == "This is not a diagnosis."


async def test_no_speech_says_why_and_nothing_else_changes(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        reason = unavailable_message("the eSpeak NG speech library (libespeak-ng1) is not installed")
        with_fake(app, FakeClient((False, reason)))
        await pilot.press("1")
        await pilot.pause()
        before = screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        messages = [n.message for n in notifications(app)]
        assert any(m.startswith("Speech is not available: the eSpeak NG") and
                   m.endswith("On Debian/Ubuntu: sudo apt install espeak-ng") for m in messages)
        assert app.reader.reading is None
        assert isinstance(app.screen, SectionScreen)
        assert screen_text(app).splitlines()[:10] == before.splitlines()[:10]


async def test_over_ssh_the_first_read_asks_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        fake = with_fake(app)
        await pilot.press("1", "r")
        await pilot.pause()
        assert isinstance(app.screen, RemoteSpeechDialog)
        assert "speech plays on the server" in " ".join(screen_text(app).split())
        await pilot.press("down", "enter")  # how to hear it on your own computer
        await pilot.pause()
        assert isinstance(app.screen, PageScreen)
        guide = " ".join(app.screen.section.text().split())
        # Complete in the guide (a reader over SSH cannot open the README): how to listen, then connect.
        assert "ssh -R 24713:127.0.0.1:4713" in guide and "pactl load-module module-native-protocol-tcp" in guide
        assert "README" not in guide
        await pilot.press("escape", "r", "enter")  # write to a file
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert fake.calls and fake.calls[-1][0] == "synth_to_file"
        target = fake.calls[-1][1][0]
        app.reader.handle(Saved(utterance=99, path=str(target), seconds=41.6))
        await pilot.pause()
        assert f"Saved the audio as {target} (42 seconds)." in [n.message for n in notifications(app)]
        assert not fake.spoken  # nothing played on the server
        await pilot.press("r", "down", "down", "enter")  # play on the server anyway
        await pilot.pause()
        assert fake.spoken


async def test_self_voicing_speaks_new_screens_and_items_once(tmp_path: Path) -> None:
    app = make_app(Settings(self_voicing=True), tmp=tmp_path)
    fake = with_fake(app)  # before the start screen is said: else that starts the real speech worker
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        assert fake.spoken[-1] == ["Check your symptoms"]
        count = len(fake.spoken)
        await pilot.press("down", "up")
        await pilot.pause()
        assert fake.spoken[-2:] == [["Search the guide"], ["Check your symptoms"]]
        await pilot.press("up", "enter")
        await pilot.pause()
        assert fake.spoken[-1] == [f"Contents. 1. {app.guide.section(1).title}"]
        assert len(fake.spoken) == count + 4
        assert not any("Emergency" in s or "Esc Back" in s for spoken in fake.spoken for s in spoken)


async def test_v_turns_self_voicing_on_and_saves_it(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        fake = with_fake(app)
        await pilot.press("down")
        await pilot.pause()
        assert not fake.spoken
        await pilot.press("v")
        await pilot.pause()
        assert app.settings.self_voicing
        assert fake.spoken[-1][0].startswith(app.guide.title)
    assert load_settings(tmp_path / "settings.toml")[0].self_voicing


async def test_a_speech_error_ends_the_reading_every_time(tmp_path: Path) -> None:
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        with_fake(app)
        said: set[str] = set()
        for _ in range(2):
            await pilot.press("1", "r")
            await pilot.pause()
            reading = app.reader.reading
            assert reading is not None
            app.reader.handle(Error(utterance=reading.utterance, message="the player failed"))
            await pilot.pause()
            assert app.reader.reading is None
            assert "Pause" not in app.screen.query_one(KeyBar).describe()
            # Said each time: a new message (the same words again replace the last one kept).
            said |= {n.identity for n in notifications(app) if n.message == "the player failed"}
        assert len(said) == 2


async def test_over_ssh_at_40x12_every_choice_is_reachable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = make_app(tmp=tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        with_fake(app)
        await pilot.press("1", "r")
        await pilot.pause()
        seen = [text_at_cursor(app)]
        for _ in range(3):
            await pilot.press("down")
            await pilot.pause()
            seen.append(text_at_cursor(app))
        assert seen[0].startswith("Write the audio") and seen[-1] == "Cancel"
        assert all(1 <= app.cursor_position.y < 12 for _ in seen)
        assert "Esc Cancel" in screen_text(app)


async def test_the_offered_audio_file_name_is_safe_for_scp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    folder = tmp_path / "guide"  # the fixture guide, its first section with a long title
    shutil.copytree(FIXTURE_GUIDE, folder)
    first = folder / "sections" / "what-they-are.md"
    title = first.read_text(encoding="utf-8").replace("# What cramps are", "# What muscle cramps are, and why")
    first.write_text(title, encoding="utf-8")
    app = make_app(tmp=tmp_path, content=folder)
    async with app.run_test(size=(80, 24)) as pilot:
        with_fake(app)
        await pilot.press("1", "r", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavePathDialog)
        name = Path(app.screen.query_one("#path").value).name  # type: ignore[attr-defined]
        assert name == "spasm-guide-section-one-of-three-what-muscle-cramps.wav"  # 40 characters at most
