"""The pilot's idle check in steps of 10 ms, not 20 ms: the in-process tests wait about half as long.

Textual's pilot (8.2.8) waits after every key, and in every `pause()`, until the process looks
idle: it sleeps a step (`SLEEP_GRANULARITY`, a 50th of a second) and calls it idle once the
process used under a twentieth of that step (`SLEEP_IDLE`) in it. Every key waits two steps at
least, so the 234 pilot tests spent most of their time asleep (an earlier profile: 197 s of their
285 s summed over the parallel stage). The app runs on the same event loop as the check, so a
step sees the work the key started; the check can only be fooled when the whole process is kept
from a processor for a step, which a shorter step makes likelier. Measured here, the pilot set
(`-n 3 -m pilot`): 80 s in steps of 20 ms, 56 s in steps of 10 ms, 47 s in steps of 5 ms, the same
processor time; beside a CPU-bound process, steps of 10 ms passed two runs in two and steps of
5 ms failed two tests (a resize's follow-up not yet drawn), so the step is 10 ms, with the same
idle share of it (a twentieth).

Tests only; the names are Textual's private ones, and `install()` fails loudly, naming them, when
an upgrade takes them away (tests/test_textual_canary.py checks they are still there).
"""

from __future__ import annotations

import importlib

WAIT_MODULE = "textual._wait"
"""Where the pilot's idle check (`wait_for_idle`) reads its step and idle share at each call."""
STEP = 0.01
"""Seconds the idle check sleeps before it looks (Textual's own: 0.02; see the module's docstring)."""
IDLE_SHARE = 1 / 20
"""Of a step, the processor time under which the process is idle (Textual's own share)."""


def install() -> None:
    """Set the pilot's idle step for every app this process tests (safe to call again)."""
    wait = importlib.import_module(WAIT_MODULE)
    for name in ("SLEEP_GRANULARITY", "SLEEP_IDLE"):
        if not hasattr(wait, name):
            raise RuntimeError(f"Textual's {WAIT_MODULE}.{name} is gone: update tests/support/pilot_idle.py")
    setattr(wait, "SLEEP_GRANULARITY", STEP)  # noqa: B010 (a module constant, set by name)
    setattr(wait, "SLEEP_IDLE", STEP * IDLE_SHARE)  # noqa: B010
