"""The small guide code tests run on (tests/fixtures/guide), loaded once per worker.

Code tests (screens, prompts, snapshots, the checklist's logic) read this guide, not the live one
in content/muscle-spasms: the live guide's words, items and sections change with each review,
and a test of the code must not break when they do. The live content has its own tests, marked
`content` (vignettes, stories, reading level, the get-help agreement, the screen-reader walk).

The fixture has three sections, a `[get_help]` block and two additions; a checklist with every
tier, every kind of unsafe advice (with and without a caution), actions of each shape, each care
route placeholder and red flags; and a cramp-now screen whose checklist item is in it.
"""

from __future__ import annotations

import functools
from pathlib import Path

from tui.data.checklist import Checklist, load_checklist
from tui.data.content import Guide, load_guide
from tui.data.cramp_now import CrampNow, load_cramp_now

FIXTURE_GUIDE = Path(__file__).resolve().parent.parent / "fixtures" / "guide"
"""The fixture guide's folder: pass it where the code takes a content folder (`--content`)."""


@functools.cache
def fixture_guide() -> Guide:
    """The fixture guide, loaded once per process (the loaded objects are frozen)."""
    return load_guide(FIXTURE_GUIDE)


@functools.cache
def fixture_checklist() -> Checklist:
    """The fixture guide's checklist, loaded once per process."""
    return load_checklist(FIXTURE_GUIDE)


@functools.cache
def fixture_cramp_now() -> CrampNow:
    """The fixture guide's cramp-now steps, loaded once per process."""
    return load_cramp_now(FIXTURE_GUIDE)
