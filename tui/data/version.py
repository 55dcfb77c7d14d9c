"""The guide program's version, as installed."""

from __future__ import annotations

DISTRIBUTION = "spasm-guide"
"""The name the package is installed under."""


def program_version() -> str:
    """The installed version (importlib.metadata), or the package's own when not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source folder that was never installed
        from tui import __version__

        return __version__
