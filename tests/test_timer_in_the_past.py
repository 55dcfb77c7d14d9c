"""A Textual timer asked for a delay at or below zero fires at once, and never freezes the guide.

Textual 8.2.8's timer loops for ever without yielding on a delay below zero (and divides by zero
on zero). A message shown again as its time ran out gave its toast a timer below zero, and the
guide froze with a processor at 100% (found by the key fuzz). The guide's process setting
(`never_a_timer_in_the_past`, tui/fullscreen/process_setup.py) makes such a timer wait a
millisecond. Each case runs a small app in a process of its own: unfixed, it never ends, and the
timeout says so instead of hanging the test run.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = [pytest.mark.slow]

APP = textwrap.dedent("""
    import sys
    from textual.app import App
    from tui.fullscreen.process_setup import tune_process_for_the_full_screen

    if sys.argv[1] == "tuned":
        tune_process_for_the_full_screen()

    class Timers(App[None]):
        def on_mount(self) -> None:
            print("mounted", flush=True)
            if sys.argv[1] == "tuned":
                self.set_timer(0, lambda: print("zero", flush=True))
            self.set_timer(-0.001, lambda: print("past", flush=True))
            self.set_timer(0.2, lambda: self.exit(None))

    Timers().run(headless=True)
    print("ended", flush=True)
""")
ENDS_WITHIN = 5
"""Seconds the app may take from its start to its end (it asks to end after 0.2 s); a frozen app
spins a processor until then, so it is kept short."""


def run_app(mode: str) -> tuple[list[str], bool]:
    """What the app printed, and whether it ended on its own within ENDS_WITHIN of its start."""
    app = subprocess.Popen([sys.executable, "-c", APP, mode], stdout=subprocess.PIPE, text=True)
    assert app.stdout is not None
    try:
        first = app.stdout.readline()  # blocks until mounted (or the process died)
        assert first.strip() == "mounted", f"the app did not start: {first!r}"
        app.wait(ENDS_WITHIN)
        return ["mounted", *app.stdout.read().split()], app.returncode == 0
    except subprocess.TimeoutExpired:
        return ["mounted"], False
    finally:
        app.kill()
        app.wait()


def test_a_timer_in_the_past_fires_at_once_in_the_tuned_process() -> None:
    out, ended = run_app("tuned")
    assert ended, f"the app froze on a timer in the past: {out}"
    assert out == ["mounted", "zero", "past", "ended"]


def test_textual_still_freezes_on_a_timer_in_the_past_untuned() -> None:
    """The canary: when a Textual release fixes its timer, this fails, and the setting can go."""
    out, ended = run_app("plain")
    assert not ended, f"Textual's timer no longer freezes on a delay in the past: {out}"
