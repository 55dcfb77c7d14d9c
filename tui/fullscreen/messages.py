"""Messages a widget posts when it wants something of the app, so it never reaches into it."""

from __future__ import annotations

from textual.message import Message
from textual.message_pump import MessagePump


class Announce(Message):
    """Self-voicing: words to speak now (a newly highlighted item), when self-voicing is on.

    Posted to the widget whose words they are; it bubbles through the screen to the app, which
    hands it to the reader (`GuideApp.on_announce`). Its sender is that widget, whatever handler
    made it: Textual stops a message at the parent that sent it, and a screen setting a list's
    highlight would otherwise stop the list's words at the screen.
    """

    def __init__(self, widget: MessagePump, *texts: str) -> None:
        super().__init__()
        self.set_sender(widget)
        self.texts = texts
        """The words, in parts joined with ". " (empty parts are left out)."""
