"""Two pyte terminals fed the same output, one as written and one through a ScreenModel: after
every write their screens must look the same. Shared by the lean driver's end-to-end tests (real
frames captured on a pty, tests/test_lean_driver.py) and its pure screen-model tests
(tests/test_screen_model.py).

Every cell's character and attributes must agree, except that two plain blanks need only the same
background (bold or a foreground colour do not show on a blank). Each check runs with three kinds
of erase: pyte's own (the cursor's full attributes), xterm's BCE (the background only), and none
(the default colours: a terminal without ``bce``).
"""

from __future__ import annotations

from tests.support import needs
from tui.output.screen_model import Caps, ScreenModel

pyte = needs.import_or_skip("pyte")

SIZE = (80, 24)
"""The terminal size of the captured frames."""
XTERM = Caps(bce=True, ech=True)
NO_BCE = Caps(bce=False, ech=False)


class _Erases(pyte.Screen):  # type: ignore[misc]
    """A screen whose erases fill cells with `_erased()` instead of the cursor's attributes."""

    def _erased(self) -> object:
        raise NotImplementedError

    def _fill(self, y: int, columns: range) -> None:
        line = self.buffer[y]
        for x in columns:
            line[x] = self._erased()

    def erase_in_line(self, how: int = 0, private: bool = False) -> None:
        super().erase_in_line(how, private)
        self._fill(self.cursor.y, {0: range(self.cursor.x, self.columns), 1: range(self.cursor.x + 1),
                                   2: range(self.columns)}[how])

    def erase_characters(self, count: int | None = None) -> None:
        super().erase_characters(count)
        self._fill(self.cursor.y, range(self.cursor.x, min(self.cursor.x + (count or 1), self.columns)))

    def erase_in_display(self, how: int = 0, *args: object, **kwargs: object) -> None:
        super().erase_in_display(how, *args, **kwargs)
        if how == 2:
            for y in range(self.lines):
                self._fill(y, range(self.columns))


class AttrsScreen(_Erases):
    """Erases fill with the cursor's full attributes, as pyte means to (its own ED 2 leaves cells
    never written alone)."""

    def _erased(self) -> object:
        return self.cursor.attrs


class BceScreen(_Erases):
    """Erases keep the current background only, as xterm's BCE does."""

    def _erased(self) -> object:
        return self.default_char._replace(bg=self.cursor.attrs.bg)


class NoBceScreen(_Erases):
    """Erases give the default colours, as on a terminal without BCE."""

    def _erased(self) -> object:
        return self.default_char


ALL = ("data", "fg", "bg", "bold", "italics", "underscore", "strikethrough", "reverse", "blink")
SEEN_ON_BLANK = ("data", "bg", "underscore", "strikethrough", "reverse")
KINDS = [(AttrsScreen, XTERM), (BceScreen, XTERM), (NoBceScreen, NO_BCE), (BceScreen, Caps(bce=True))]
KIND_IDS = ["pyte-erase", "bce", "no-bce", "bce-no-ech"]


class Pair:
    """The same output into two emulators: as written, and through one ScreenModel."""

    def __init__(self, screen_class: type = AttrsScreen, caps: Caps = XTERM, size: tuple[int, int] = SIZE) -> None:
        self.raw, self.lean = screen_class(*size), screen_class(*size)
        self.raw_stream, self.lean_stream = pyte.Stream(self.raw), pyte.Stream(self.lean)
        self.model = ScreenModel(caps)
        self.size = size

    def feed(self, frame: str, onlcr: bool = False) -> str:
        """Feed `frame`, and what the model sends for it; with `onlcr`, LF arrives as CR LF, as through a pty."""
        leaned = self.model.rewrite(frame, self.size)
        self.raw_stream.feed(frame.replace("\n", "\r\n") if onlcr else frame)
        self.lean_stream.feed(leaned.replace("\n", "\r\n") if onlcr else leaned)
        return leaned

    def resize(self, size: tuple[int, int]) -> None:
        self.size = size
        for screen in (self.raw, self.lean):
            screen.resize(size[1], size[0])

    def differences(self) -> list[str]:
        found = []
        for y in range(self.raw.lines):
            for x in range(self.raw.columns):
                a, b = self.raw.buffer[y][x], self.lean.buffer[y][x]
                plain_blank = a.data == " " and not (a.reverse or a.underscore or a.strikethrough)
                for name in SEEN_ON_BLANK if plain_blank else ALL:
                    if getattr(a, name) != getattr(b, name):
                        found.append(f"({x},{y}) {name}: {getattr(a, name)!r} != {getattr(b, name)!r}")
        if (self.raw.cursor.x, self.raw.cursor.y) != (self.lean.cursor.x, self.lean.cursor.y):
            found.append(f"cursor {self.raw.cursor.x, self.raw.cursor.y} != {self.lean.cursor.x, self.lean.cursor.y}")
        return found



def check(frames: list[str], size: tuple[int, int] = (20, 4), caps: Caps = XTERM) -> list[str]:
    """Feed `frames` through a model; the screens must agree after each, with every kind of erase
    that fits `caps`. Returns what the model sent for each frame."""
    sent: list[str] = []
    for screen_class, kind_caps in KINDS:
        if kind_caps != caps:
            continue
        pair = Pair(screen_class, caps, size)
        sent = []
        for frame in frames:
            sent.append(pair.feed(frame))
            assert not pair.differences(), (frame, pair.differences()[:5])
    return sent
