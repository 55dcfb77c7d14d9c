"""What a window too small for the guide shows: the emergency number and "make it larger", in
the words that fit, in ASCII.

At 10 columns by 5 rows the full sentences wrap into more rows than there are, and the reader
would see fragments. The longest forms that fit together are chosen instead.
"""

from __future__ import annotations

from tui.data.wrap import wrap_spans

PADDING = 2
"""Columns the screen keeps blank at the sides of a line (one each side)."""


def emergency_forms(number: str, full: str) -> list[str]:
    """The emergency line, longest first, down to the bare number."""
    return [full, f"Emergency? Call {number} or local number.", f"Emergency? Call {number}.",
            f"Emergency: {number}", f"Call {number}", number]


def larger_forms(min_width: int, min_height: int) -> list[str]:
    """"Make the window larger", longest first, down to nothing."""
    return [f"Please make the window larger: the guide needs at least {min_width} columns and "
            f"{min_height} rows.",
            f"Please make the window larger: at least {min_width} by {min_height}.",
            "Please make the window larger.", "Make the window larger.", "Make window larger.",
            "Too small.", "Larger", ""]


def rows_for(text: str, width: int) -> int:
    """Rows `text` takes when wrapped to `width` columns (0 for no text)."""
    return len(wrap_spans(text, width)) if text else 0


def too_small_texts(width: int, height: int, number: str, full: str, min_width: int,
                    min_height: int) -> tuple[str, str]:
    """(emergency line, message) that fit together in `width` x `height`, each as long as it can be.

    Preference goes to fuller forms of both; the emergency number is always kept if one row of
    it fits, since it is the one thing on screen that must never be lost.
    """
    columns = max(width - PADDING, 1)
    emergencies = [text for text in emergency_forms(number, full) if max(len(w) for w in text.split()) <= columns]
    emergencies = emergencies or [number]
    messages = larger_forms(min_width, min_height)
    # Saying nothing about the size is the last resort: it costs more than any shortening.
    choices = [(e + (m if message else 2 * len(messages)), emergency, message)
               for e, emergency in enumerate(emergencies) for m, message in enumerate(messages)]
    for _, emergency, message in sorted(choices, key=lambda choice: choice[0]):
        fits_words = all(len(word) <= columns for word in message.split())
        if fits_words and rows_for(emergency, columns) + rows_for(message, columns) <= height:
            return emergency, message
    return emergencies[-1], ""
