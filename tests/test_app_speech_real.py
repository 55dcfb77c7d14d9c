"""The app reading aloud for real: espeak-ng through the worker to a private PulseAudio sink."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.pilot import make_app, text_at_cursor
from tests.support.pulse import GUARD, Recorder, needs_pulse
from tests.support.wait import holds_within_async
from tui.data.sentences import Chunk
from tui.fullscreen.widgets.section_text import SectionText

pytestmark = [pytest.mark.audio, needs_pulse]


async def until(check: Callable[[], bool]) -> bool:
    """Let the app run until `check` holds (bounded only as a guard against hanging)."""
    return await holds_within_async(check, GUARD)


async def test_r_reads_aloud_highlights_what_is_heard_and_x_silences_it(
        pulse: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PULSE_SERVER", "XDG_RUNTIME_DIR", "PULSE_RUNTIME_PATH"):
        monkeypatch.setenv(name, pulse[name])
    recorder = Recorder(pulse, tmp_path / "monitor.raw")
    app = make_app(tmp=tmp_path)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("3", "r")  # the fixture guide's long section
            text = app.screen.query_one(SectionText)
            assert await until(lambda: text.highlight is not None), "no sentence was highlighted"
            assert await until(recorder.speaking), "no speech reached the sound server"
            reading = app.reader.reading
            assert reading is not None
            heard = next(c for c in reading.chunks if isinstance(c, Chunk) and c.highlight == text.highlight)
            assert text_at_cursor(app).startswith(heard.text[:10])
            # The guide still answers keys while it speaks.
            await pilot.press("pagedown")
            await pilot.pause()
            assert text.scroll_offset.y > 0
            await pilot.press("x")
            await pilot.pause()
            assert text.highlight is None
            assert await until(recorder.silent), "x did not silence the speech"
    finally:
        recorder.close()
