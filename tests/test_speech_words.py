"""Speech errors say what is wrong and what to do, never a sound program's own output; they are
worded from the error's kind (tui/speech/protocol.py `Failure`), never from its message."""

from __future__ import annotations

import pytest

from tui.speech.audio import NO_PLAYER, no_player_message, plain_error, unavailable_message
from tui.speech.protocol import Error, Failure, decode_event


def player_failed(program: str, detail: str) -> Error:
    """What the worker sends when the player it ran failed (tui/speech/worker.py)."""
    return Error(message=f"the audio player {program} could not play sound ({detail})", failure=Failure.PLAYER,
                 program=program, detail=detail, utterance=1)


@pytest.mark.parametrize("program", ["paplay", "pw-play"])
@pytest.mark.parametrize("detail", ["pa_context_connect() failed: Connection refused",
                                    "Connection failure: Connection refused", "Connection terminated"])
def test_no_sound_server_is_said_plainly(program: str, detail: str) -> None:
    said = plain_error(player_failed(program, detail))
    assert said.startswith("No sound server is running here, so the guide cannot play speech.")
    assert "--speak-to guide.wav" in said and "sudo apt install pulseaudio" in said
    assert detail not in said and program not in said.split("spasm-guide")[0]


def test_a_failed_sound_card_and_other_failures_say_what_to_do() -> None:
    card = plain_error(player_failed("aplay", "audio open error: Device or resource busy"))
    assert card.startswith("No sound card could be opened here") and "--speak-to" in card
    other = plain_error(player_failed("paplay", "exit status 3"))
    assert "exit status" not in other and "--speak-to" in other and "speech log" in other


def test_no_player_names_the_package_to_install() -> None:
    said = plain_error(Error(message=NO_PLAYER, failure=Failure.NO_PLAYER, utterance=1))
    assert said.startswith("No sound player is installed") and "sudo apt install pulseaudio-utils" in said
    message = no_player_message()
    assert message.startswith("Speech is not available: no audio player found")
    assert "pulseaudio-utils" in message and "espeak-ng" not in message


def test_the_kind_decides_not_the_words() -> None:
    """A message that reads like a player's failure, with no kind, is passed through as it is;
    and a player failure is worded from its kind whatever its message says."""
    lookalike = "the audio player paplay could not play sound (Connection refused)"
    assert plain_error(Error(message=lookalike, utterance=1)) == lookalike
    assert plain_error(Error(message=NO_PLAYER, utterance=1)) == NO_PLAYER
    reworded = Error(message="el reproductor falló", failure=Failure.PLAYER, program="paplay",
                     detail="Connection refused", utterance=1)
    assert plain_error(reworded).startswith("No sound server is running here")


def test_the_kind_crosses_the_pipe_and_a_wrong_one_is_refused() -> None:
    sent = player_failed("paplay", "Connection refused")
    received = decode_event(sent.to_wire())
    assert received == sent and received.failure is Failure.PLAYER  # type: ignore[attr-defined]
    assert decode_event(b'{"event": "error", "message": "x"}').failure is Failure.SPEECH  # type: ignore[attr-defined]
    from tui.speech.protocol import ProtocolError

    with pytest.raises(ProtocolError, match=r"error\.failure: expected one of 'speech', 'no-player', 'player'"):
        decode_event(b'{"event": "error", "message": "x", "failure": "gone"}')
    with pytest.raises(ProtocolError, match=r"error\.failure"):
        decode_event(b'{"event": "error", "message": "x", "failure": 3}')


def test_other_messages_pass_through() -> None:
    assert plain_error(Error(message="Speech stopped.")) == "Speech stopped."
    assert unavailable_message("the eSpeak NG speech library (libespeak-ng1) is not installed").endswith(
        "sudo apt install espeak-ng")
