"""One parse of each stylesheet per test worker, not one per app.

Every `App` Textual builds has a `Stylesheet` of its own, and each parses the app's CSS and every
widget's DEFAULT_CSS afresh (its parse cache lives on the instance): in the fast set, where a worker
starts hundreds of apps with the same CSS, that parse was about a tenth of an app start's CPU. The
parse's result depends only on the CSS text, where it came from, its defaults flag, tie breaker and
scope, and the theme's variables; Textual already hands the same parsed rules back to one
stylesheet each time it parses again, so handing them to the next app's stylesheet too is the same
use. The guide itself starts one app per process and gains nothing from this, so it lives here, for
tests only; `Stylesheet._parse_rules` is Textual's private name, and `install()` fails loudly,
naming it, when an upgrade takes it away (tests/test_textual_canary.py checks it is still there).
"""

from __future__ import annotations

from typing import Any

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

PARSE_METHOD = "_parse_rules"
"""The Stylesheet method that parses one CSS source into rules (private: no public hook exists)."""

MOST_KEPT = 4096
"""Parsed sources kept per worker before the store starts again: a few themes times every widget
class's DEFAULT_CSS is a few hundred; the bound only stops a run that makes CSS up from growing."""

_parsed: dict[tuple[Any, ...], list[RuleSet]] = {}
"""Parsed rules by (CSS, where from, defaults flag, tie breaker, scope, the theme's variables)."""


def install() -> None:
    """Make every Stylesheet in this process share the parsed rules (once; safe to call again)."""
    original = getattr(Stylesheet, PARSE_METHOD, None)
    if original is None:
        raise RuntimeError(f"Textual's Stylesheet.{PARSE_METHOD} is gone: update tests/support/css_cache.py")
    if getattr(original, "shared_by_tests", False):
        return

    def parse_once(self: Stylesheet, css: str, read_from: Any, is_default_rules: bool = False,
                   tie_breaker: int = 0, scope: str = "") -> list[RuleSet]:
        variables: dict[str, str] = getattr(self, "_variables", {})
        key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(variables.items()))
        rules = _parsed.get(key)
        if rules is None:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(_parsed) >= MOST_KEPT:
                _parsed.clear()
            _parsed[key] = rules
        return rules

    parse_once.shared_by_tests = True  # type: ignore[attr-defined]
    setattr(Stylesheet, PARSE_METHOD, parse_once)
