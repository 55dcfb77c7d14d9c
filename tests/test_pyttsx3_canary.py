"""The canary for pyttsx3's internals: each private use the speech worker makes still works.

`tui/speech/engine.py` reaches past pyttsx3's public API twice, because its public API hangs or
lies on Linux (shared/brief/speech.md): `pyttsx3.drivers._espeak.IsPlaying()` to wait until
libespeak-ng is idle, and the driver's `_stopping` flag, left set by an earlier run's `stop()`,
which would cut the next chunk short. pyproject pins pyttsx3 to the release this passes on; an
upgrade that moves either fails here by name, in a fresh interpreter (fork after `init()` hangs,
so nothing here initialises pyttsx3 in the test process).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import needs
from tui.speech.audio import espeak_library_present

pytestmark = [pytest.mark.audio, needs.skip_unless(espeak_library_present(), "libespeak-ng1")]

PROBE = r"""
import json, sys, wave
from pathlib import Path
import pyttsx3
from pyttsx3.drivers import _espeak
from tui.speech.engine import Synthesiser, espeak_busy
from tui.speech.protocol import Voice

tmp = Path(sys.argv[1])
out = {}
synth = Synthesiser(tmp)
synth.start()                                   # pyttsx3.init() and a warm-up run
driver = synth.engine.proxy._driver
out["has_stopping"] = isinstance(getattr(driver, "_stopping", None), bool)
out["idle_after_warm_up"] = espeak_busy() is False and _espeak.IsPlaying() == 0
driver._stopping = True                         # what an earlier run's stop() leaves behind
path = synth.synthesise("This whole sentence must be heard to its very last word.", Voice(rate=170))
with wave.open(str(path)) as wav:
    out["seconds"] = wav.getnframes() / wav.getframerate()
out["flag_cleared"] = driver._stopping is False
print(json.dumps(out))
"""


def test_the_private_pyttsx3_uses_still_work(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["has_stopping"], "the driver no longer has `_stopping`: see Synthesiser._clear_stale_stop"
    assert found["idle_after_warm_up"], "`_espeak.IsPlaying()` no longer says idle: see espeak_busy"
    assert found["flag_cleared"]
    # Eleven words at 170 a minute: about 4 s. A chunk cut by a stale stop is empty or a fraction.
    assert 2.5 < found["seconds"] < 8, found
