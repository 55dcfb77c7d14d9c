"""Speech errors say what is wrong and what to do, never a sound program's own output."""

from __future__ import annotations

import pytest

from tui.speech.audio import NO_PLAYER, plain_error, unavailable_message


@pytest.mark.parametrize("program", ["paplay", "pw-play"])
@pytest.mark.parametrize("detail", ["pa_context_connect() failed: Connection refused",
                                    "Connection failure: Connection refused", "Connection terminated"])
def test_no_sound_server_is_said_plainly(program: str, detail: str) -> None:
    said = plain_error(f"the audio player {program} could not play sound ({detail})")
    assert said.startswith("No sound server is running here, so the guide cannot play speech.")
    assert "--speak-to guide.wav" in said and "sudo apt install pulseaudio" in said
    assert detail not in said and program not in said.split("spasm-guide")[0]


def test_a_failed_sound_card_and_other_failures_say_what_to_do() -> None:
    card = plain_error("the audio player aplay could not play sound (audio open error: Device or resource busy)")
    assert card.startswith("No sound card could be opened here") and "--speak-to" in card
    other = plain_error("the audio player paplay could not play sound (exit status 3)")
    assert "exit status" not in other and "--speak-to" in other and "speech log" in other


def test_no_player_names_the_package_to_install() -> None:
    assert "sudo apt install pulseaudio-utils" in plain_error(NO_PLAYER)
    message = unavailable_message(NO_PLAYER)
    assert message.startswith("Speech is not available: no audio player found")
    assert "pulseaudio-utils" in message and "espeak-ng" not in message


def test_other_messages_pass_through() -> None:
    assert plain_error("Speech stopped.") == "Speech stopped."
    assert unavailable_message("the eSpeak NG speech library (libespeak-ng1) is not installed").endswith(
        "sudo apt install espeak-ng")
