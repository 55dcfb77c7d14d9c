"""Speech: read the guide aloud through a worker process that owns pyttsx3 and the player.

Nothing here imports Textual, so the reader works (and is tested) without the app:
- `tui.speech.client.SpeechClient`: the app's non-blocking handle on speech;
- `tui.speech.events`: the events it reports (`SpeechEvent`) and the listener type;
- `tui.speech.worker`: the process that synthesises each chunk and plays it with its own player;
- `tui.speech.engine`: pyttsx3 used only to write WAV files, and what it takes to do so safely;
- `tui.speech.listen`: `--speak` and `--speak-to FILE.wav` with no interface;
- `tui.speech.audio`: what the machine offers (player, library, SSH) and WAV helpers.
"""
