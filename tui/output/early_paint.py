"""The start screen before Textual has loaded: a cached frame, written in the first milliseconds.

Importing Textual takes a third of a second or more, and nothing can be drawn before it. A reader
on a slow link, or a screen reader waiting to speak, waits for it on every start. So the first
full-screen run records what the lean driver sent for the start screen (tui/fullscreen/lean_driver.py): the
terminal modes Textual sets, then the start screen's frame, exactly as the screen model sent it,
with the cursor on the first menu item. The next run, with nothing changed, writes those bytes
before importing anything, and puts the terminal in Textual's own raw mode so that keys typed
meanwhile are neither echoed nor lost: they wait in the terminal's buffer for Textual's reader.

Then Textual starts, and the driver takes the hand-over (`take_handover`): it does not send the
modes again (entering the alternate screen twice clears it on some terminals), it restores the
terminal's own settings on quitting (not the raw ones set here), and its screen model is fed
Textual's writes of the recorded run, so it holds the cached frame. Textual's first paint then
sends only what differs: nothing when the cache was right, the changed rows when it was not.

The cache is keyed on everything that changes the frame: the terminal's size, TERM and the other
variables the colours and characters depend on (NO_COLOR, COLORTERM, LANG, Textual's own), the
command line (a theme), the settings file, the guide's files and the code that draws them (every
file of the package, and Textual's and Rich's). A file that is missing, broken or not ours is
ignored, and the full start runs as before. Stdlib only: this runs before everything else.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import termios

from tui.data.file_stamps import inputs_key, read_small_regular_file, stats, user_dir

TYPE_CHECKING = False
"""As `typing.TYPE_CHECKING`, without importing `typing`."""
if TYPE_CHECKING:  # `typing` costs milliseconds at start, before anything is drawn
    from collections.abc import Mapping
    from types import FrameType
    from typing import Any, TextIO

__all__ = ["Handover", "HeldStderr", "cache_file", "eligible", "forget_frame", "hold_stderr", "paint", "release",
           "start_recording", "store", "take_handover"]

MAGIC = "spasm-guide start frame 1"
"""The cache file's first line; bump when the format or the recorded sequence changes."""
SEP = "\x00"
"""Between the recorded pieces: Textual never writes a NUL."""
ENV_NAMES = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "LANG",
             "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LANGUAGE", "TERM_PROGRAM", "ACCESSIBLE", "SPASM_GUIDE_PLAIN_DRIVER",
             "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME")
"""Variables that change what the start screen looks like or whether the lean driver runs (and
every TEXTUAL_ one)."""
LEAVE = "\x1b[?2004l\x1b[?1004l\x1b[<u\x1b[?7h\x1b[?25h\x1b[?1049l"
"""What undoes the recorded modes, if the app never takes over (an error before it starts)."""
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""Signals that leave the early screen before ending the guide, until the app sets its own."""


class Handover:
    """What the early paint did, for the driver to carry on from."""

    def __init__(self, attrs: list[Any] | None, size: tuple[int, int], sent: str, pieces: list[str]) -> None:
        self.attrs = attrs
        """The terminal's settings before the early paint made it raw: restored on quitting."""
        self.size = size
        """(columns, rows) the frame was drawn for."""
        self.sent = sent
        """The frame the early paint wrote (before encoding)."""
        self.pieces = pieces
        """Textual's writes in the recorded run: fed to the screen model, they leave it holding
        the frame the terminal now shows."""
        self.taken = False
        """Set when the driver has taken over the terminal."""


HANDOVER: Handover | None = None
"""Set once the early paint has been written."""
RECORD_KEY: tuple[str, tuple[int, int]] | None = None
"""(key without Textual's files, size) when this run may record the frame for the next."""


def eligible(argv: list[str], env: Mapping[str, str]) -> bool:
    """True when the full-screen guide will run with the lean driver, at its start screen: the
    same checks as tui/cli.py (terminals, TERM, no plain, prompt or speech mode) and the driver's."""
    if not sys.platform.startswith("linux"):
        return False
    if not (argv == [] or (len(argv) == 2 and argv[0] == "--theme")
            or (len(argv) == 1 and argv[0].startswith("--theme="))):
        return False
    if env.get("ACCESSIBLE", "") not in ("", "0") or env.get("TERM", "") in ("", "dumb"):
        return False
    if env.get("SPASM_GUIDE_PLAIN_DRIVER", "").strip() not in ("", "0") or env.get("TEXTUAL_DRIVER"):
        return False
    return all(os.isatty(fd) for fd in (0, 1, 2))  # Textual draws on stderr, reads stdin


def cache_file(size: tuple[int, int]) -> str:
    """Where the frame for this size lives."""
    return os.path.join(user_dir("XDG_CACHE_HOME", "~/.cache"), f"start-{size[0]}x{size[1]}.frame")


def base_key(argv: list[str], env: Mapping[str, str], size: tuple[int, int]) -> str | None:
    """Every input of the frame but Textual's own files, or None if one cannot be read."""
    parts = [MAGIC, f"{size[0]}x{size[1]}", " ".join(argv), sys.version]
    parts += [f"{name}={env.get(name, '')!r}" for name in ENV_NAMES if name in env]
    parts += sorted(f"{name}={value!r}" for name, value in env.items() if name.startswith("TEXTUAL_"))
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    code: list[str] = []
    for top, dirs, files in os.walk(package):  # (a folder it cannot read is left out, not an error)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        code += [os.path.join(top, f) for f in sorted(files) if f.endswith((".py", ".tcss"))]
    inputs = inputs_key(code)
    return None if inputs is None else "|".join([*parts, inputs])


def terminal_size() -> tuple[int, int] | None:
    """(columns, rows) of the terminal Textual will draw on, or None."""
    try:
        columns, rows = os.get_terminal_size(2)
    except OSError:
        return None
    return (columns, rows) if columns > 0 and rows > 0 else None


def read_cache(size: tuple[int, int], key: str) -> list[str] | None:
    """The recorded pieces, [frame sent, Textual's writes...], if the cache is ours and current."""
    raw = read_small_regular_file(cache_file(size))
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    magic, _, rest = text.partition("\n")
    extra, _, rest = rest.partition("\n")
    stored_key, _, body = rest.partition("\n")
    if magic != MAGIC or not body:
        return None
    try:
        if stored_key != f"{key}|{stats(extra.split(SEP)) if extra else ''}":
            return None
    except OSError:
        return None
    pieces = body.split(SEP)
    return pieces if len(pieces) >= 2 else None


def raw_mode(fd: int) -> tuple[list[Any], list[Any]] | None:
    """The terminal's settings now, and the raw mode Textual's driver sets (no echo, no line
    editing, keys as typed); None if it has none."""
    try:
        before = termios.tcgetattr(fd)
        attrs = termios.tcgetattr(fd)
    except termios.error:
        return None
    signals = 0 if os.environ.get("TEXTUAL_ALLOW_SIGNALS") else termios.ISIG
    attrs[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | signals)
    attrs[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
    attrs[6][termios.VMIN] = 1
    return before, attrs


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of `data` to `fd`."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def encode(text: str) -> bytes:
    """`text` as Textual's writes to stderr encode it."""
    stream = sys.__stderr__
    encoding = getattr(stream, "encoding", None) or "utf-8"
    errors = getattr(stream, "errors", None) or "strict"
    return text.encode(encoding, errors)


def paint(argv: list[str]) -> bool:
    """Write the cached start screen if there is a current one; True if it was written.

    When it cannot (no cache, another size, anything changed), note that this run may record
    the frame for the next, and return False.
    """
    global HANDOVER, RECORD_KEY
    env = os.environ
    if HANDOVER is not None or not eligible(argv, env):
        return False
    size = terminal_size()
    if size is None:
        return False
    key = base_key(argv, env, size)
    if key is None:
        return False
    pieces = read_cache(size, key)
    if pieces is None:
        RECORD_KEY = (key, size)
        return False
    modes = raw_mode(0)
    HANDOVER = Handover(modes[0] if modes else None, size, pieces[0], pieces[1:])
    # From the first change to the terminal until the guide sets its own handlers, a SIGTERM,
    # SIGHUP or SIGINT (tui/__init__.py leaves Ctrl+C to end the process at once) would end it with
    # the terminal raw and on the full screen: leave them first.
    for number in ENDING_SIGNALS:
        signal.signal(number, leave_and_die)
    if modes is not None:
        with contextlib.suppress(termios.error):
            # TCSANOW, not TCSAFLUSH: keys already typed stay in the buffer for the app.
            termios.tcsetattr(0, termios.TCSANOW, modes[1])
    try:
        write_all(2, encode(pieces[0]))
    except (OSError, UnicodeEncodeError):
        release()
        HANDOVER = None
        for number in ENDING_SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        return False
    return True


def leave_and_die(signum: int, frame: FrameType | None) -> None:
    """A signal before the app has started: leave the early screen, then end by that signal."""
    release()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def take_handover() -> Handover | None:
    """The early paint's state, for the driver starting the app; None after the first call."""
    handover = HANDOVER
    if handover is None or handover.taken:
        return None
    handover.taken = True
    return handover


class HeldStderr(io.TextIOBase):
    """sys.stderr until the app takes over the early screen: a message said before then (a guide
    that cannot be loaded) would be drawn on the full screen and vanish with it, so it is held
    and said on the normal screen once the early screen is left (`release`)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        """The real stderr."""
        self.held: list[str] = []
        """What was written while the early screen was up."""

    def write(self, text: str) -> int:
        if HANDOVER is not None and HANDOVER.taken:
            return self.stream.write(text)
        self.held.append(text)
        return len(text)

    def flush(self) -> None:
        if HANDOVER is not None and HANDOVER.taken:
            self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]  # the real stream's, read-only there too
        return self.stream.encoding


def hold_stderr() -> None:
    """Hold what is said on stderr until the app has taken over the early screen, or it is left."""
    if HANDOVER is not None and sys.stderr is not None and not isinstance(sys.stderr, HeldStderr):
        sys.stderr = HeldStderr(sys.stderr)


def release() -> None:
    """If the app never took over the early screen (it stopped before starting), leave it: the
    terminal's own settings back, the modes undone, the normal screen shown, and what was said
    meanwhile said there."""
    handover = HANDOVER
    held = sys.stderr if isinstance(sys.stderr, HeldStderr) else None
    if held is not None:
        sys.stderr = held.stream
    if handover is not None and not handover.taken:
        handover.taken = True
        with contextlib.suppress(OSError, UnicodeEncodeError):
            write_all(2, encode(LEAVE))
        if handover.attrs is not None:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(0, termios.TCSANOW, handover.attrs)
    if held is not None and held.held:
        with contextlib.suppress(OSError, ValueError):
            held.stream.write("".join(held.held))
            held.stream.flush()


def start_recording() -> tuple[str, tuple[int, int]] | None:
    """The key to record this run's start screen under, once per run (not again after a resume
    from Ctrl+Z, when another screen may be up); None if this run may not record."""
    global RECORD_KEY
    key, RECORD_KEY = RECORD_KEY, None
    return key


def forget_frame(size: tuple[int, int]) -> None:
    """Remove the frame for `size`: it was not what the guide drew, so the next start records it
    again (something the key does not cover changed)."""
    with contextlib.suppress(OSError):
        os.unlink(cache_file(size))


def store(record_key: tuple[str, tuple[int, int]], extra_files: list[str], sent: str, pieces: list[str],
          drawn_size: tuple[int, int]) -> None:
    """Keep the frame `sent` and Textual's writes `pieces`, drawn at `drawn_size`, for the next
    start (atomically), under `record_key` if it is for that size. A cache that cannot be written
    is no error."""
    key, size = record_key
    if size != drawn_size or any(SEP in piece for piece in (sent, *pieces)):
        return
    try:
        text = f"{MAGIC}\n{SEP.join(extra_files)}\n{key}|{stats(extra_files)}\n{SEP.join([sent, *pieces])}"
    except OSError:
        return
    from pathlib import Path

    from tui.data.atomic import write_text_atomic

    with contextlib.suppress(OSError, UnicodeEncodeError):
        write_text_atomic(Path(cache_file(size)), text)
