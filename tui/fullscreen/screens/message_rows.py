"""A guide screen's message rows: a message in rows of its own above the key bar, until the next key.

`GuideApp.notify` puts a message on a guide screen here (`show_notice`), never in a toast over the
text: a toast covered the text, went by a timer, and the rows it uncovered were said again with no
key pressed. The text above the rows does not move, the message goes once the next key has done
its work (`hide_notice`), and one that answers a key which changed nothing else ("This is the last
item.") has the terminal cursor until then, where a console screen reader reads after an arrow.
"""

from __future__ import annotations

from textual.css.query import NoMatches
from textual.geometry import Offset
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

from tui.data.wrap import wrap_message
from tui.fullscreen.textual_private import remember_notification

__all__ = ["NOTICE_GRACE", "MessageRows"]

NOTICE_GRACE = 0.1
"""Seconds after a key before its message goes, so that the key's own work can keep it."""


class MessageRows(Screen[None]):
    """The message rows of a guide screen (its `#notice` widget, composed by `GuideScreen`)."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """As the app's: the words are never read as markup. A file name typed in the save dialog
        ("notes[x=-1].txt") in "Saved the summary as ..." otherwise ended the guide with an error."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def take_message(self, notification: Notification) -> None:
        """A message given to the app (`GuideApp.notify`) while this screen is shown: in its rows,
        and kept in the app's list of notifications as every message is, with no toast made for
        it (tui/fullscreen/app.tcss hides toasts here): making and mounting one, unseen, was a
        layout more in the frame that answered the key."""
        title, message = notification.title, notification.message
        self.show_notice(f"{title}: {message}" if title else message)
        remember_notification(self.app, notification)

    def show_notice(self, message: str) -> None:
        """Show a message in rows of its own above the key bar, until the next key: never over the
        text, and the text above it does not move (moved rows would be sent, and said, again)."""
        notice = self.notice_widget()
        if notice is None:  # said before the screen is composed (a problem found at start)
            self.call_after_refresh(self.show_notice, message)
            return
        self.notice_stale = self.notice_drawn = False
        # Broken between words (a path after a "/") here: Textual breaks a long word anywhere.
        message = "\n".join(wrap_message(message, self.size.width - 2))
        if not notice.display or str(notice.content) != message:
            notice.update(message)
            notice.display = True
        else:
            self.notice_again = True  # the same message for another key: said again, not silence
            notice.refresh()

    _notice: Static | None = None
    """The message's widget, once found."""

    notice_again = False
    """The message on screen was given again: its rows are sent again though unchanged."""

    notice_stale = False
    """A key came since the message was shown: it goes once that key has done its work."""

    notice_drawn = False
    """The message has gone to the terminal (the lean driver's frame hints say so). A key that
    comes before then leaves it: under load a reader's key came before the frame that said the
    checklist file was unreadable, and the message went unseen."""

    notice_has_cursor = False
    """The message is the whole answer to its key (Down on a list's last item): the terminal
    cursor is on it until the next key. After an arrow key a console screen reader says only the
    cursor's row (tdsr, 20 ms later), so a message elsewhere went unheard."""

    def show_notice_at_cursor(self, message: str) -> None:
        """Show a message (`show_notice`) that answers a key which changed nothing else, with the
        terminal cursor on it until the next key."""
        self.app.notify(message, timeout=3)
        self.notice_has_cursor = True

    def notice_cursor(self) -> Offset | None:
        """Where the terminal cursor goes while the message has it (None: on the focus)."""
        notice = self.notice_widget()
        if not self.notice_has_cursor or notice is None or not notice.display:
            return None
        place = notice.content_region
        # Not laid out yet, or laid out for another size of window: the focus's place until it is.
        return place.offset if place and self.region.contains_region(place) else None

    def hide_notice(self, once_drawn: bool = False) -> None:
        """Give the message's rows back to the text, once the key being handled has done its work
        (the same message again, "This is the first section.", then stays put: nothing is sent).
        `once_drawn`: only a message that has gone to the terminal (`notice_drawn`) goes."""
        self.notice_has_cursor = False  # back to the focus, in the key's own frame
        notice = self.notice_widget()
        if notice is not None and notice.display and (self.notice_drawn or not once_drawn):
            self.notice_stale = True
            # Not at once: the key's own work comes in a later message, and may say the same again.
            self.set_timer(NOTICE_GRACE, self.drop_stale_notice)

    def notice_went_out(self) -> None:
        """The message's rows are in a frame sent to the terminal (tui/fullscreen/cursor.py)."""
        self.notice_drawn = True

    def drop_stale_notice(self) -> None:
        """Hide the message if no new one came with the key."""
        notice = self.notice_widget()
        if self.notice_stale and notice is not None:
            notice.display = False
        self.notice_stale = False

    def notice_rows(self) -> tuple[range, bool]:
        """The screen rows the message is on (none when there is no message), and whether they
        must be sent again though unchanged (asked once)."""
        notice = self.notice_widget()
        again, self.notice_again = self.notice_again, False
        if notice is None or not notice.display:
            return range(0), False
        return range(notice.region.y, notice.region.bottom), again

    def notice_widget(self) -> Static | None:
        """The message's widget (None before the screen is composed), found once: it is asked on
        every key and every frame, and a query walks the whole screen."""
        if self._notice is None:
            try:
                self._notice = self.query_one("#notice", Static)
            except NoMatches:
                return None
        return self._notice
