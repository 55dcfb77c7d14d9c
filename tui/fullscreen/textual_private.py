"""Every use of a private Textual name, in one place, each with the reason no public API serves:
code elsewhere calls the functions here, and the canary (tests/test_textual_canary.py) checks each
name in `PRIVATE_NAMES`, so an upgrade that removes one fails there, by name, not in a screen."""

from __future__ import annotations

import functools
import importlib
import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, cast

from textual import screen as textual_screen
from textual._styles_cache import StylesCache
from textual.app import App
from textual.binding import Binding
from textual.color import Color
from textual.css.scalar import Scalar
from textual.css.styles import RulesMap
from textual.driver import Driver
from textual.filter import LineFilter
from textual.geometry import Region, Size
from textual.message import Message
from textual.notifications import Notification
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget
from textual.widgets import OptionList


@dataclass(frozen=True)
class PrivateName:
    """One private Textual name the guide relies on."""

    owner: str
    """Where Textual defines it: "module:Class" (an attribute) or "module" (a module constant)."""
    name: str
    """The attribute or constant."""
    why: str
    """What it is used for, and why no public API does it."""


PRIVATE_NAMES: tuple[PrivateName, ...] = (
    PrivateName("textual.app:App", "_notifications", "the messages on screen now: a key clears them on a "
                "narrow window (no public list); a message in a guide screen's own rows is kept with no toast"),
    PrivateName("textual.app:App", "_driver",
                "the driver in use, so Ctrl+L can make the lean driver send every cell again"),
    PrivateName("textual.app:App", "_filters",
                "NO_COLOR and colourless terminals get the NoColor filter (Textual only reads NO_COLOR)"),
    PrivateName("textual.app:App", "_bindings", "the keys with the user's keymap, for help (active_bindings "
                "hides the reading keys while silent)"),
    PrivateName("textual.screen", "UPDATE_PERIOD",
                "frames sooner than a 60th of a second, so a screen reader reads the new line"),
    PrivateName("textual.screen:Screen", "_compositor",
                "the lines a screen draws, as text, for tests"),
    PrivateName("textual.app:App", "_screen_stack",
                "the oldest screens are closed past the Esc history (screen_stack is a copy)"),
    PrivateName("textual.app:App", "_exit",
                "keys typed after q are dropped while the app closes (no public flag)"),
    PrivateName("textual._styles_cache:StylesCache", "get_inner_outer",
                "its cache keeps closed widgets' drawn lines alive: replaced (see fix_styles_cache)"),
    PrivateName("textual.widgets._option_list:_LineCache", "lines",
                "tui/fullscreen/widgets/guide_list.py: which option a drawn line belongs to, for the > mark"),
    PrivateName("textual.widgets._option_list:_LineCache", "index_to_line",
                "tui/fullscreen/widgets/guide_list.py: the first line of an option, for the cursor"),
    PrivateName("textual.widgets._option_list:_LineCache", "heights",
                "tui/fullscreen/widgets/guide_list.py: how many lines an option takes, to repaint just it"),
    PrivateName("textual.widgets:OptionList", "_line_cache",
                "tui/fullscreen/widgets/guide_list.py: the lines above, read without laying the list out again"),
    PrivateName("textual.widgets:OptionList", "_update_lines",
                "tui/fullscreen/widgets/guide_list.py: lay the list's lines out when an option has none yet"),
    PrivateName("textual.widgets.option_list:Option", "_set_prompt",
                "tui/fullscreen/widgets/guide_list.py: one item's new words without drawing the whole list again"),
    PrivateName("textual.widgets.option_list:Option", "_divider",
                "tui/fullscreen/widgets/guide_list.py: an item's lines, counted as OptionList counts them"),
    PrivateName("textual.widgets:OptionList", "_get_visual",
                "tui/fullscreen/widgets/guide_list.py: an item's lines, counted as OptionList counts them"),
    PrivateName("textual.widgets:OptionList", "_get_left_gutter_width",
                "tui/fullscreen/widgets/guide_list.py: the width items wrap at, as OptionList works it out"),
    PrivateName("textual.widgets:OptionList", "_option_render_cache",
                "tui/fullscreen/widgets/guide_list.py: a covered list lets go of its drawn items"),
    PrivateName("textual.widget:Widget", "_styles_cache",
                "tui/fullscreen/widgets/guide_list.py: a list scrolled by a move keeps the lines it drew"),
    PrivateName("textual._styles_cache:StylesCache", "_cache",
                "tui/fullscreen/widgets/guide_list.py: the drawn lines, by row, moved with a scroll"),
    PrivateName("textual._styles_cache:StylesCache", "_dirty_lines",
                "tui/fullscreen/widgets/guide_list.py: which rows are drawn again after a scroll"),
    PrivateName("textual.widget:Widget", "_size_updated", "tui/fullscreen/widgets/guide_list.py: a list given a new "
                "size keeps its highlight in view in the frame drawn at that size (overridden)"),
    PrivateName("textual.widget:Widget", "_scroll_update",
                "tui/fullscreen/widgets/section_text.py: scroll bars follow a new scrolling size, with no layout"),
    PrivateName("textual.driver:Driver", "_app",
                "tui/fullscreen/lean_driver.py: the app a driver sends events to"),
    PrivateName("textual.drivers.linux_driver:LinuxDriver", "_file",
                "tui/fullscreen/lean_driver.py: the terminal a driver writes to"),
    PrivateName("textual._xterm_parser", "XTermParser",
                "tui/fullscreen/bounded_input.py: Textual's own parser of terminal input, fed by the bounded "
                "input thread (Textual's thread has no bound and decodes strictly)"),
    PrivateName("textual.driver:Driver", "_debug",
                "tui/fullscreen/bounded_input.py: whether the parser logs what it reads, as Textual's thread does"),
    PrivateName("textual.drivers.linux_driver:LinuxDriver", "_run_input_thread",
                "tui/fullscreen/bounded_input.py: the thread's target, which calls run_input_thread (overridden)"),
    PrivateName("textual.css.stylesheet:Stylesheet", "_parse_rules", "tests/support/css_cache.py: a worker's "
                "apps share one parse of the CSS (tests only)"),
    PrivateName("textual._wait", "SLEEP_GRANULARITY", "tests/support/pilot_idle.py: the pilot's idle step (tests)"),
    PrivateName("textual._wait", "SLEEP_IDLE", "tests/support/pilot_idle.py: the pilot's idle share (tests)"),
)
"""Each private name, checked by the canary test against the installed Textual."""


def has_private_name(owner: str, name: str) -> bool:
    """True if Textual still has `name` on `owner` ("module:Class" or "module"): on the class, on a
    new instance, or (a class that needs a running app: a driver) assigned to `self.<name>`."""
    module_name, _, class_name = owner.partition(":")
    module = importlib.import_module(module_name)
    if not class_name:
        return hasattr(module, name)
    cls = getattr(module, class_name)
    if hasattr(cls, name):
        return True
    try:
        return hasattr(cls(), name)
    except Exception:  # abstract, or needs a running app: read where it is assigned
        assigned = re.compile(rf"self\.{re.escape(name)}\b\s*[:=]")
        return any(assigned.search(inspect.getsource(klass)) for klass in cls.__mro__
                   if klass.__module__.startswith("textual."))


def missing_private_names() -> list[str]:
    """Every name of `PRIVATE_NAMES` the installed Textual no longer has, with what used it."""
    missing = []
    for entry in PRIVATE_NAMES:
        try:
            found = has_private_name(entry.owner, entry.name)
        except Exception as exc:  # the module or class itself moved
            missing.append(f"{entry.owner}.{entry.name}: cannot be checked ({exc}); used for {entry.why}")
            continue
        if not found:
            missing.append(f"{entry.owner}.{entry.name} is gone; used for {entry.why}")
    return missing


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications shown now (or waiting to be shown), oldest first."""
    return list(app._notifications)


def remember_notification(app: App[Any], notification: Notification) -> None:
    """Keep a message among the app's notifications without a toast for it (shown elsewhere); the
    same words again replace the last (a held key would pile thousands up)."""
    kept = app._notifications
    for shown in [each for each in kept if each.message == notification.message]:
        del kept[shown]
    kept.add(notification)


def current_driver(app: App[Any]) -> Driver | None:
    """The driver the app runs on (None before it starts or after it stops)."""
    return app._driver


def add_line_filter(app: App[Any], line_filter: LineFilter) -> None:
    """Add a filter applied to every line the app draws (Textual adds its own at start)."""
    app._filters.append(line_filter)


def set_frame_period(seconds: float) -> None:
    """Seconds between a screen's frames at most, for screens made after this call."""
    setattr(textual_screen, "UPDATE_PERIOD", seconds)  # noqa: B010  (a Final in Textual)


def app_key_bindings(app: App[Any]) -> Iterator[tuple[str, list[Binding]]]:
    """The app's own (key, bindings) pairs, with the user's keymap applied."""
    yield from app._bindings.key_to_bindings.items()


def screen_lines(screen: Screen[Any]) -> list[str]:
    """The text of each line the screen draws, trailing blanks removed."""
    return [strip.text.rstrip() for strip in screen._compositor.render_strips()]


def drop_oldest_screens(app: App[Any], keep: int) -> None:
    """Close screens above the first (the start screen) until at most `keep` are open."""
    while len(app._screen_stack) > keep:
        app._screen_stack.pop(1).remove()


def is_exiting(app: App[Any]) -> bool:
    """True once the app has been asked to exit."""
    return bool(app._exit)


def _laid_out(options: OptionList) -> Any:
    """The list's line cache, brought up to date only if an option has no lines yet. OptionList's
    `_lines`, `_heights` and `_index_to_line` bring it up to date on every read, working out the
    list's content region and virtual size each time: about 20 times in one arrow press of the
    checklist. Once every option has its lines, the cache is read as it is (a change of options,
    prompts or width clears it); with no room, it stays empty."""
    cache = options._line_cache
    if not cache.lines or cache.lines[-1][0] != options.option_count - 1:
        options._update_lines()
    return cache


def option_first_line(options: OptionList, index: int) -> int | None:
    """The first drawn line of option `index`, or None if it has not been laid out."""
    return cast("int | None", _laid_out(options).index_to_line.get(index))


def option_height(options: OptionList, index: int) -> int:
    """How many lines option `index` takes."""
    return cast(int, _laid_out(options).heights[index])


def option_at_line(options: OptionList, line: int) -> tuple[int, int] | None:
    """(option index, line within it) drawn at `line`, or None past the end."""
    lines = _laid_out(options).lines
    return (lines[line][0], lines[line][1]) if line < len(lines) else None


def replace_option_prompt(options: OptionList, index: int, prompt: Any) -> bool:
    """Give option `index` a new prompt, letting go of only its own drawn lines; True if it now
    takes another number of lines (then the list's lines are laid out again, and it is repainted).

    OptionList's `replace_option_prompt_at_index` lets go of every option's drawn lines and lays
    the whole list out again: ticking one checklist item wrapped and drew all 40 items again, a
    frame too slow for a screen reader's 20 ms. The caller repaints the option's own rows.
    """
    option = options.get_option_at_index(index)
    before = _laid_out(options).heights.get(index)  # None: no room yet (a KeyError ended the guide)
    option._set_prompt(prompt)
    if before is None:
        options._line_cache.clear()
        return True
    drawn = options._option_render_cache
    for key in [key for key in drawn.keys() if key[0] is option]:  # noqa: SIM118 (an LRUCache, not a dict)
        drawn.discard(key)
    padding = options.get_component_styles("option-list--option").padding
    width = options.scrollable_content_region.width - options._get_left_gutter_width()
    rules = cast(RulesMap, options.styles)  # as OptionList passes them
    after = options._get_visual(option).get_height(rules, width - padding.width) + option._divider
    if after == before:
        return False
    options._line_cache.clear()
    options.refresh()
    return True


def drawn_lines(widget: Widget) -> dict[int, Strip]:
    """The lines `widget` drew that are still good (none of them marked to be drawn again), by row."""
    cache = widget._styles_cache
    dirty = cache._dirty_lines
    return {y: strip for y, strip in cache._cache.items() if y not in dirty}


def reuse_lines(widget: Widget, lines: dict[int, Strip], redraw: set[int]) -> None:
    """After a repaint of the whole of `widget` was asked for: take `lines` (by the row each is on
    now) as drawn, and draw only the other rows and those in `redraw` (every row is still sent)."""
    cache = widget._styles_cache
    height = widget.size.height
    for y, strip in lines.items():
        if 0 <= y < height and y not in redraw and y in cache._dirty_lines:
            cache._cache[y] = strip
            cache._dirty_lines.discard(y)


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Give `widget` a new scrolling size without the whole screen's layout its reactive asks for
    (5-7 ms of a key); its scroll bars follow, and lay out only if one comes or goes."""
    if widget.virtual_size != size:
        widget.set_reactive(Widget.virtual_size, size)
        widget._scroll_update(size)
        widget.refresh()


def forget_drawn_options(options: OptionList) -> None:
    """Let go of every option's drawn lines (drawn again when next shown)."""
    options._option_render_cache.clear()


# Textual's StylesCache.get_inner_outer -----------------------------------------------------------
# A correction to the Textual release the guide runs on, applied once when the app is made.
# Textual's `StylesCache.get_inner_outer` (textual/_styles_cache.py) is written as if it were a
# class method (its first argument is named `cls`) but has no `@classmethod`, so its
# `functools.lru_cache(1024)` is keyed on each widget's `StylesCache` instance. The cache then keeps
# the last 1024 of them alive after their widgets are gone, and each one still holds every line
# its widget drew (Strips, and the crops and cuts each Strip caches). Every screen opened adds
# about ten: the guide's memory grew by about 40 KB a key, far past a few hundred MB over a long
# session (Textual issue 6665). The two colours are all the answer depends on, so the fix caches
# on those alone; the StylesCache objects are then freed with their widgets.


@functools.lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """The inner and outer background styles, as Textual computes them, cached on colours only."""
    return (Style(background=base_background + background), Style(background=base_background))


def _get_inner_outer(_cache: StylesCache, base_background: Color, background: Color) -> tuple[Style, Style]:
    """Stands in for the method: the same answer, without keeping `_cache` alive."""
    return _inner_outer(base_background, background)


def leaks_styles_caches() -> bool:
    """True while StylesCache.get_inner_outer is an lru_cache keyed on the instance (the bug).

    A Textual that makes it a class or static method (the upstream fix) is left alone.
    """
    method: Any = StylesCache.__dict__.get("get_inner_outer")
    return callable(getattr(method, "cache_clear", None))


def fix_styles_cache() -> None:
    """Apply the correction (once; later calls do nothing) and free what the old cache held."""
    method: Any = StylesCache.__dict__.get("get_inner_outer")
    if leaks_styles_caches():
        method.cache_clear()
        StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]


# Textual's geometry caches -----------------------------------------------------------------------
# Measured over 10,000 random keys and resizes (python -m bench.bench_soak): after the warm-up, live
# objects grew only in the functools.lru_caches on Textual's Region methods and Scalar.resolve
# (4,096 entries each for intersection, shrink, grow, union, `in` and resolve; 1,024 for the
# rest). Each window size fills them with regions no other size asks for again, at about 300
# bytes an entry: 15,000 more entries (about 5 MB, and the allocator's pages around them) from
# 1,000 to 6,000 keys, and more until some 40,000 (12 MB). They are public methods, wrapped
# again around the same functions with a smaller bound: what one window size reuses fits, and
# the caches are full (flat) within minutes instead of growing for hours.

GEOMETRY_CACHE_SIZE = 256
"""Entries kept per cached Region method and for Scalar.resolve (Textual keeps up to 4,096)."""

GEOMETRY_CACHED: tuple[type, ...] = (Region, Scalar)
"""Classes whose lru_cache'd methods are bounded to `GEOMETRY_CACHE_SIZE`."""


def geometry_cache_sizes() -> dict[str, int]:
    """Each cached Region or Scalar method, by name, with the most entries it keeps."""
    sizes = {}
    for cls in GEOMETRY_CACHED:
        for name, member in vars(cls).items():
            if callable(getattr(member, "cache_parameters", None)):
                sizes[f"{cls.__name__}.{name}"] = member.cache_parameters()["maxsize"]
    return sizes


def bound_geometry_caches() -> None:
    """Wrap each cached Region and Scalar method again with `GEOMETRY_CACHE_SIZE` entries at most
    (once; class methods, such as Scalar.parse, are left as they are)."""
    for cls in GEOMETRY_CACHED:
        for name, member in list(vars(cls).items()):
            bound = getattr(member, "cache_parameters", None)
            if callable(bound) and (bound()["maxsize"] or GEOMETRY_CACHE_SIZE + 1) > GEOMETRY_CACHE_SIZE:
                member.cache_clear()
                setattr(cls, name, functools.lru_cache(GEOMETRY_CACHE_SIZE)(member.__wrapped__))


class InputParser(Protocol):
    """What the bounded input thread needs of Textual's terminal parser."""

    def feed(self, data: str) -> Iterable[Message]: ...

    def tick(self) -> Iterable[Message]: ...


def input_parser(driver: Driver) -> InputParser:
    """A new parser of terminal input (keys, pastes, mouse and terminal reports) into events, as
    Textual's Linux driver makes for its input thread."""
    from textual._xterm_parser import XTermParser

    parser: InputParser = XTermParser(bool(getattr(driver, "_debug", False)))
    return parser


def input_thread_target(driver: Driver) -> Callable[[], None]:
    """What Textual's Linux driver runs as its input thread (it calls `run_input_thread`), for the
    canary that runs it on a pipe."""
    target: Callable[[], None] = getattr(driver, "_run_input_thread")  # noqa: B009
    return target


def driver_app(driver: Driver) -> App[Any]:
    """The app a driver serves."""
    return driver._app


def driver_file(driver: Driver) -> Any:
    """The terminal file a Linux driver writes to (None once it has stopped)."""
    return getattr(driver, "_file")  # noqa: B009  (LinuxDriver's own; Driver has none)


def set_driver_output(driver: Driver, file: Any, app: App[Any] | None = None) -> None:
    """Point a driver at another output (and app), for tests that capture what it writes."""
    setattr(driver, "_file", file)  # noqa: B010
    if app is not None:
        driver._app = app
