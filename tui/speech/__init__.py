"""Speech: read the guide aloud through a worker process that owns pyttsx3 and the player.

Nothing here imports Textual, so speech works (and is tested) without the app:
- `tui.speech.interface`: `SpeechInterface`, what the app may ask of speech (the real client and
  test fakes both implement it), and the `Listener` that receives events;
- `tui.speech.protocol`: every command and event between client and worker, typed, and their
  JSON lines (anything else is refused with a `ProtocolError` that says why);
- `tui.speech.client`: `SpeechClient`, the state machine (what is being read, paused, heard) and
  the watchdogs for a crashed or hung worker;
- `tui.speech.process`: `WorkerProcess`, the worker started, fed, listened to and killed;
- `tui.speech.worker`: the process itself, which synthesises each chunk and plays it with its own
  player;
- `tui.speech.engine`: pyttsx3 used only to write WAV files, and what it takes to do so safely;
- `tui.speech.listen`: `--speak` and `--speak-to FILE.wav` with no interface;
- `tui.speech.audio`: what the machine offers (player, library, SSH) and WAV helpers.
"""
