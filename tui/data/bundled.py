"""Where the bundled guide is: package data in an installed wheel, or the checkout's content/.

One lookup, used by the content loader and by the instant `--plain` path alike. The wheel
carries `content/` as `tui/_content/` (pyproject.toml). It is found beside the package's own
files, which is what importlib.resources does for a package on disk; importing that module
costs about 15 ms here, a third of `--plain`'s whole run, so this stays with `os` alone.
"""

from __future__ import annotations

import os

GUIDE = "muscle-spasms"
"""The bundled guide's folder name."""


def bundled_content_dir() -> str:
    """The bundled guide's folder: the installed package data if there, else the checkout's."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    installed = os.path.join(package, "_content", GUIDE)
    if os.path.isfile(os.path.join(installed, "guide.toml")):
        return installed
    return os.path.join(os.path.dirname(package), "content", GUIDE)
