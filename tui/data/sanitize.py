"""Strip terminal control characters from text before it reaches a screen or a pipe.

Content files, settings and saved summaries are user-editable. An ESC (or any C0/C1 control
character) in them could move the cursor, change colours or retitle the window when printed, and
a bidirectional control (U+202E RIGHT-TO-LEFT OVERRIDE and its kin) could show words in an order
they are not read in, so everything that is shown passes through `clean_text` first.
"""

from __future__ import annotations

import re

# Tab and newline are kept (they are layout); every other C0 control, DEL and the C1 range go,
# and the bidirectional marks, embeddings, overrides and isolates: LRM, RLM, ALM (U+061C),
# U+202A-202E and U+2066-2069.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """Return `text` with control characters removed and tabs turned into spaces."""
    return _CONTROL.sub("", text).replace("\t", " ")


def clean_line(text: str) -> str:
    """Return `text` as one clean line: controls removed, newlines folded into spaces."""
    return " ".join(clean_text(text).split())
