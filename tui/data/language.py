"""The language a guide is written in, and the voice that reads it: `[language]` in guide.toml.

A guide in another language is another folder (`content/muscle-spasms-es/`); its guide.toml says
which language its words are in and which speech voice says them well:

    [language]
    code = "es"          # the language of the words (ISO 639-1, optionally a region: "es-419")
    voice = "es-419"     # a voice of that language (eSpeak NG names it this way)

A guide without the table is English, as every guide was before the table existed. The checklist
and cramp-now files may carry the same table; when they do, it must agree with guide.toml's, so a
Spanish guide can never be shown with an English checklist by mistake. Any mistake is one
`ContentError` naming the file and the key. No Textual here: the plain modes use it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.data.errors import ContentError
from tui.data.safe_read import CONTENT_TOML_CAP, TomlProblem, loads_toml, read_regular_file

GUIDE_FILE = "guide.toml"
"""The file whose `[language]` table speaks for the whole guide folder."""

_CODE = re.compile(r"^[a-z]{2,3}(?:-(?:[A-Z]{2}|[0-9]{3}))?$")
"""A language ("es"), optionally with a region ("es-MX") or an area number ("es-419")."""

_VOICE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}$")
"""A voice named by its language, as eSpeak NG's are: "es", "es-419", "en-us", "en-gb-x-rp"."""

_KEYS = frozenset({"code", "voice"})


@dataclass(frozen=True)
class Language:
    """Which language a guide's words are in, and which voice reads them."""

    code: str
    """The language of the words: "en", "es", "es-419"."""
    voice: str
    """The speech voice for those words ("es-419"); "" for the speech engine's default voice."""

    @property
    def base(self) -> str:
        """The language without its region: "es" for "es-419"."""
        return self.code.split("-")[0]


ENGLISH = Language("en", "")
"""A guide with no `[language]` table: English, read with the engine's default voice."""


def parse_language(data: dict[str, Any], path: Path) -> Language | None:
    """The `[language]` table of already-parsed TOML data, checked; None when there is none."""
    table = data.get("language")
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ContentError(path, "key 'language' must be a table, as [language] with 'code' and 'voice'")
    for key in table:
        if key not in _KEYS:
            raise ContentError(path, f"key 'language.{key}' is not known (use code, voice)")
    code = table.get("code")
    if code is None:
        raise ContentError(path, "missing key 'language.code'")
    if not isinstance(code, str) or not _CODE.match(code):
        raise ContentError(path, f"key 'language.code' must be a language code such as \"es\" or \"es-419\", "
                                 f"not {code!r}")
    voice = table.get("voice")
    if voice is None:
        raise ContentError(path, "missing key 'language.voice'")
    if not isinstance(voice, str) or not _VOICE.match(voice):
        raise ContentError(path, f"key 'language.voice' must be a voice name such as \"es-419\", not {voice!r}")
    if re.split(r"[-_]", voice)[0].lower() != code.split("-")[0]:
        # A Spanish guide in an English voice says "lame" for "Llame": refuse the mismatch.
        raise ContentError(path, f"key 'language.voice': '{voice}' is not a voice for language '{code}'")
    return Language(code, voice)


def agrees_with_guide(own: Language | None, guide: Language, path: Path) -> None:
    """A checklist or cramp-now file that names its language must name the guide's."""
    if own is not None and own.code != guide.code:
        raise ContentError(path, f"key 'language.code': '{own.code}' does not match {GUIDE_FILE}'s "
                                 f"'{guide.code}'")
    if own is not None and own.voice != guide.voice:
        raise ContentError(path, f"key 'language.voice': '{own.voice}' does not match {GUIDE_FILE}'s "
                                 f"'{guide.voice}'")


def guide_language(folder: Path) -> Language:
    """The language guide.toml in `folder` declares (English without a table). A guide.toml that
    cannot be read is reported by the guide's own loader; here it counts as English."""
    path = folder / GUIDE_FILE
    try:
        data = loads_toml(read_regular_file(path, CONTENT_TOML_CAP).decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, TomlProblem):
        return ENGLISH
    return parse_language(data, path) or ENGLISH
