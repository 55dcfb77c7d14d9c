"""When the guide paints its first frame early (tui/output/early_paint.py) and when it must not,
and what is said before the app takes over: no process is started, so these are in the fast set.
The early paint on a real pty is tests/test_early_paint.py (e2e)."""

from __future__ import annotations

import sys

import pytest

from tui.output import early_paint

pytestmark: list[pytest.MarkDecorator] = []


@pytest.mark.parametrize("argv", [["--plain"], ["--accessible"], ["--checklist"], ["--speak"],
                                  ["--section", "2"], ["--content", "x"]])
def test_other_modes_never_paint_early(argv: list[str]) -> None:
    assert not early_paint.eligible(argv, {"TERM": "xterm-256color"})


@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {}, {"TERM": "xterm", "ACCESSIBLE": "1"},
                                 {"TERM": "xterm", "SPASM_GUIDE_PLAIN_DRIVER": "1"}])
def test_no_early_paint_where_the_full_screen_guide_would_not_run(env: dict[str, str]) -> None:
    assert not early_paint.eligible([], env)


def test_a_message_said_before_the_app_takes_over_is_said_on_the_normal_screen(
        capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(early_paint, "HANDOVER", early_paint.Handover(None, (80, 24), "", []))
    monkeypatch.setattr(sys, "stderr", sys.stderr)
    early_paint.hold_stderr()
    print("spasm-guide: the guide cannot be loaded", file=sys.stderr, flush=True)
    assert capfd.readouterr().err == "", "nothing is said on the full screen, where it would vanish"
    early_paint.release()
    said = capfd.readouterr().err
    assert said.index(early_paint.LEAVE) < said.index("cannot be loaded")
    assert not isinstance(sys.stderr, early_paint.HeldStderr)
