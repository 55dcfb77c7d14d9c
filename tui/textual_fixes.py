"""A correction to the Textual release the guide runs on, applied once when the app is made.

Textual's `StylesCache.get_inner_outer` (textual/_styles_cache.py) is written as if it were a
class method (its first argument is named `cls`) but has no `@classmethod`, so its
`functools.lru_cache(1024)` is keyed on each widget's `StylesCache` instance. The cache then keeps
the last 1024 of them alive after their widgets are gone, and each one still holds every line
its widget drew (Strips, and the crops and cuts each Strip caches). Every screen opened adds
about ten: the guide's memory grew by about 40 KB a key, far past a few hundred MB over a long
session (Textual issue 6665). The two colours are all the answer depends on, so the fix caches
on those alone; the StylesCache objects are then freed with their widgets.
"""

from __future__ import annotations

import functools
from typing import Any

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

INNER_OUTER_CACHE_SIZE = 1024
"""As many colour pairs as Textual's own cache holds (a handful are ever used)."""


@functools.lru_cache(INNER_OUTER_CACHE_SIZE)
def inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """The inner and outer background styles, as Textual computes them, cached on colours only."""
    return (Style(background=base_background + background), Style(background=base_background))


def _get_inner_outer(_cache: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    """Stands in for the method: the same answer, without keeping `_cache` alive."""
    return inner_outer(base_background, background)


def leaks_styles_caches() -> bool:
    """True while StylesCache.get_inner_outer is an lru_cache keyed on the instance (the bug).

    A Textual that makes it a class or static method (the upstream fix) is left alone.
    """
    method: Any = StylesCache.__dict__.get("get_inner_outer")
    return callable(getattr(method, "cache_clear", None))


def apply_textual_fixes() -> None:
    """Apply the correction (once; later calls do nothing) and free what the old cache held."""
    method: Any = StylesCache.__dict__.get("get_inner_outer")
    if leaks_styles_caches():
        method.cache_clear()
        StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]
