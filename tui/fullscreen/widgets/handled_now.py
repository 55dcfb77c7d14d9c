"""A list's choice and a box's answer, handled by their screen before the next key is read.

Textual posts Enter in a list (`OptionList.OptionSelected`) and in a box (`Input.Submitted`) as a
message, which reaches the screen only after the keys already read. Keys typed ahead (on a busy
machine, or read together over a slow link) then went to the old screen: Enter and Down at the
start screen opened the contents and moved the start menu's highlight, and the contents never
saw the Down. A key's action runs in the app's own turn, before it reads the next key, so these
actions give the message to the screen's handler themselves.
"""

from __future__ import annotations

import inspect

from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList

__all__ = ["SubmitsNow", "handle_now", "select_now"]


def handle_now(widget: Widget, message: Message) -> None:
    """Give `message` from `widget` to its screen's handler now; with none there, post it as
    Textual does. Every handler of these messages in the guide is a screen's, and none waits."""
    handler = getattr(widget.screen, message.handler_name, None)
    if callable(handler) and not inspect.iscoroutinefunction(handler):
        handler(message)
    else:
        widget.post_message(message)


def select_now(options: OptionList) -> None:
    """Enter in a list, as `OptionList.action_select`, handled at once."""
    index = options.highlighted
    if index is None:
        return
    option = options.get_option_at_index(index)
    if not option.disabled:
        handle_now(options, options.OptionSelected(options, option, index))


class SubmitsNow(Input):
    """A text box whose Enter is handled by its screen before the next key is read."""

    async def action_submit(self) -> None:
        checked = self.validate(self.value) if "submitted" in self.validate_on else None
        handle_now(self, self.Submitted(self, self.value, checked))
