"""The full-screen interface: everything that imports Textual lives here and nowhere else.

The app (`app.py`) and its parts, the screens, dialogs and widgets, the output driver, the
keys and themes, and the one module that names Textual's private parts (`textual_private.py`).
The rest of `tui` (data, plain, speech, output) runs without Textual.
"""
