"""What speech needs from the machine: a player, the eSpeak NG library, WAV files, SSH or not.

Shared by the worker (which plays) and the client and listener (which ask whether speech can work
before they start anything). Nothing here starts the speech engine, so every check is quick and
can never hang.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import tempfile
import wave
from collections.abc import Mapping, Sequence
from pathlib import Path

from tui.data.words import N_, _

FAIL_ENV = "SPASM_GUIDE_SPEECH_FAIL"
"""Test-only switch: "1" or "engine" makes the engine unavailable, "player" hides the players."""

ESPEAK_LIBRARIES = ("libespeak-ng.so.1", "/usr/local/lib/libespeak-ng.so.1", "libespeak.so.1",
                    "/opt/homebrew/lib/libespeak-ng.1.dylib", "/usr/local/lib/libespeak-ng.1.dylib")
"""Where pyttsx3's Linux and macOS driver looks for the library, in its order."""

INSTALL_HINT = N_("On Debian/Ubuntu: sudo apt install espeak-ng")
"""Appended to every 'not available' message."""


def simulated_failure(env: Mapping[str, str] | None = None) -> str:
    """Which failure the test-only switch asks for: "", "engine" or "player"."""
    value = (env if env is not None else os.environ).get(FAIL_ENV, "").strip().lower()
    if value in ("", "0"):
        return ""
    return "player" if value == "player" else "engine"


def player_command(path: Path | str, env: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that plays one WAV file here, or None if no player is installed.

    pw-play ignores PULSE_SERVER, so when it is set (audio forwarded over SSH) paplay goes first.
    """
    env = env if env is not None else os.environ
    if simulated_failure(env) == "player":
        return None
    search = env.get("PATH", os.defpath)
    order = ["paplay", "pw-play", "aplay"] if env.get("PULSE_SERVER") else ["pw-play", "paplay", "aplay"]
    for name in order:
        found = shutil.which(name, path=search)
        if found:
            return [found, "-q", str(path)] if name == "aplay" else [found, str(path)]
    return None


def player_name(env: Mapping[str, str] | None = None) -> str | None:
    """The name of the player that would be used ("paplay"), or None."""
    command = player_command("x.wav", env)
    return Path(command[0]).name if command else None


def espeak_library_present() -> bool:
    """Whether libespeak-ng loads (without initialising it: that is the worker's job)."""
    for name in ESPEAK_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    return False


def availability(need_player: bool = True, env: Mapping[str, str] | None = None,
                 voice: str = "") -> tuple[bool, str]:
    """(True, "") if speech can work here, else (False, the reason in plain words).

    Quick and never hangs: looks for pyttsx3, the library, the `voice` (when it is named by its
    language: a Spanish guide without a Spanish voice would be read in English) and a player;
    starts nothing.
    """
    env = env if env is not None else os.environ
    if importlib.util.find_spec("pyttsx3") is None:
        return False, N_("the Python package pyttsx3 is not installed")
    if simulated_failure(env) == "engine" or not espeak_library_present():
        return False, N_("the eSpeak NG speech library (libespeak-ng1) is not installed")
    if voice:
        from tui.data.language_choice import no_voice_reason, voice_missing

        if voice_missing(voice, env):
            return False, no_voice_reason(voice)
    if need_player and player_command("x.wav", env) is None:
        return False, NO_PLAYER
    return True, ""


PLAYER_HINT = N_("On Debian/Ubuntu: sudo apt install pulseaudio-utils")
"""What to install when there is no player (paplay is in pulseaudio-utils)."""

FILE_HINT = N_("Or write the speech to a file: spasm-guide --speak-to guide.wav")
"""What works with no sound at all, and over SSH."""

NO_PLAYER = N_("no audio player found (pw-play, paplay or aplay)")
"""The reason given when no player is installed."""

SERVER_DOWN_SIGNS = ("connection refused", "pa_context_connect", "connection terminated", "host is down",
                     "no such file or directory", "access denied", "timeout", "target not found")
"""What paplay and pw-play write when there is no sound server to talk to."""

PLAYER_FAILED = re.compile(r"the audio player (?P<program>\S+) could not play sound \((?P<detail>.*)\)$", re.S)
"""The worker's technical report of a failed player (its detail also goes to the speech log)."""


def unavailable_message(reason: str) -> str:
    """The one line shown when speech cannot work: what is wrong, then what to do."""
    said = _("Speech is not available: {reason}.").format(reason=_(reason))
    if reason == NO_PLAYER:
        return f"{said} {_(PLAYER_HINT)}. {_(FILE_HINT)}."
    from tui.data.language_choice import is_no_voice_reason

    if is_no_voice_reason(reason):
        return said  # its own hint: the voice, not the engine
    return f"{said} {_(INSTALL_HINT)}"


def plain_error(message: str) -> str:
    """A speech error as a person needs it: what is wrong and what to do, no program output.

    "the audio player paplay could not play sound (pa_context_connect() failed: Connection
    refused)" becomes "No sound server is running here, ...". The technical detail is in the
    speech log (the worker writes it there). Anything else is returned as it is.
    """
    if message == NO_PLAYER:
        said = _("No sound player is installed, so the guide cannot play speech.")
        return f"{said} {_(PLAYER_HINT)}. {_(FILE_HINT)}."
    failed = PLAYER_FAILED.match(message)
    if failed is None:
        return message
    detail = failed["detail"].casefold()
    if failed["program"] in ("paplay", "pw-play") and any(sign in detail for sign in SERVER_DOWN_SIGNS):
        return _("No sound server is running here, so the guide cannot play speech. Over SSH, use "
                 "spasm-guide --speak-to guide.wav and play the file on your own computer. To install "
                 "sound: sudo apt install pulseaudio")
    if failed["program"] == "aplay":
        said = _("No sound card could be opened here, so the guide cannot play speech.")
        instead = _("To use a sound server instead: sudo apt install pulseaudio")
        return f"{said} {_(FILE_HINT)}. {instead}"
    said = _("The sound player stopped with an error, so the guide cannot play speech.")
    more = _("The speech log says more.")
    return f"{said} {_(FILE_HINT)}. {more}"


def is_remote(env: Mapping[str, str] | None = None) -> bool:
    """Whether this runs in an SSH session, so audio would play on the server, not for the user."""
    env = env if env is not None else os.environ
    return any(env.get(name) for name in ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"))


def wav_seconds(path: Path) -> float:
    """The length of a WAV file in seconds."""
    with wave.open(str(path), "rb") as handle:
        return handle.getnframes() / handle.getframerate()


def wav_complete(path: Path) -> bool:
    """Whether `path` is a finished WAV file (it exists and its header has the real length)."""
    try:
        with wave.open(str(path), "rb") as handle:
            return handle.getnframes() > 0
    except (OSError, EOFError, wave.Error):
        return False


def concat_wavs(parts: Sequence[Path], target: Path) -> float:
    """Join WAV files of one format into `target`, atomically; return its length in seconds.

    Written to a temp file in the target's folder and renamed over it, so a reader (or a crash,
    or Ctrl+C) never leaves half a file under the user's name.
    """
    if not parts:
        raise ValueError("nothing to write")
    # The folder was checked before (tui/data/safe_save.py): none is made here, and the rename
    # below replaces a link in the target's place, never the file it points to.
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with wave.open(tmp_name, "wb") as out:
            for number, part in enumerate(parts):
                with wave.open(str(part), "rb") as source:
                    if number == 0:
                        out.setparams(source.getparams())
                    elif source.getparams()[:3] != out.getparams()[:3]:
                        raise ValueError(f"{part}: a different audio format")
                    out.writeframes(source.readframes(source.getnframes()))
        with open(tmp_name, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return wav_seconds(target)
