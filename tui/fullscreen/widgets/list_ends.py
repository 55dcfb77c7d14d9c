"""Up and Down stop at a list's ends and say so: they never go round to the other end.

A listener who pressed Down on the last item heard the first one next, with nothing to tell it
from a new item. lynx and screen readers' own lists stop at the end and say so; so does this.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.data.words import N_, _
from tui.fullscreen.textual_private import notifications

FIRST_ITEM = N_("This is the first item.")
"""Said for Up on the first item (as "This is the first section." is for p on the first section)."""
LAST_ITEM = N_("This is the last item.")
"""Said for Down on the last item."""


def next_enabled(options: Sequence[Option], highlighted: int, step: int) -> int | None:
    """The index of the next item that can be highlighted from `highlighted` in the direction of
    `step` (1 or -1), skipping group headings; None at the end."""
    index = highlighted + step
    while 0 <= index < len(options):
        if not options[index].disabled:
            return index
        index += step
    return None


def step_or_say(listing: OptionList, step: int) -> None:
    """Move the highlight one item down (`step` 1) or up (-1); at the end, leave it where it is
    and say that it is the last (or first) item, in a message with the cursor on it (the next
    key takes it away)."""
    highlighted = listing.highlighted
    if highlighted is None or not 0 <= highlighted < listing.option_count:
        # Nothing highlighted yet: OptionList's own move starts at the first (or last) item.
        (OptionList.action_cursor_down if step > 0 else OptionList.action_cursor_up)(listing)
        return
    found = next_enabled(listing.options, highlighted, step)
    if found is None:
        message = _(LAST_ITEM if step > 0 else FIRST_ITEM)
        # On a guide screen, the cursor goes to the message: after an arrow key a console screen
        # reader says only the cursor's row (the same message again replaces the last there).
        at_cursor = getattr(listing.screen, "show_notice_at_cursor", None)
        if callable(at_cursor):
            at_cursor(message)
            return
        # In a dialog it is a message like any other, said again for this press in place of the
        # last: a held or repeated key (a megabyte of Down) piled up thousands, which took seconds
        # to clear before q was read.
        if any(shown.message == message for shown in notifications(listing.app)):
            listing.app.clear_notifications()
        listing.notify(message, timeout=3)
    else:
        listing.highlighted = found
