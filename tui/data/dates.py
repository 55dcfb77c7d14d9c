"""Dates in words, in the guide's language: "27 November 2026", "27 de noviembre de 2026".

Day first and the month in words, so no reader (or doctor in another country) can mistake 03/04
for 4 March or 3 April, and a voice reads the date as people say it. The month names are a small
fixed table, not strftime's %B (which follows the user's locale, so LANG=C and a Spanish guide
would disagree) and not Babel: the guide writes only these two patterns, and twelve words per
language do not need a library of every locale's calendar data. No Textual here.
"""

from __future__ import annotations

import datetime

MONTHS: dict[str, tuple[str, ...]] = {
    "en": tuple("January February March April May June July August September October November "
                "December".split()),
    "es": tuple("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
                "diciembre".split()),
}
"""Language (without region) to its month names, January first. Spanish writes them in lower
case (RAE); "septiembre" is the RAE's first form and the one MedlinePlus en español uses."""


def _base(language: str) -> str:
    """The language without its region, English when the table has no such language."""
    base = language.split("-")[0]
    return base if base in MONTHS else "en"


def day_month(day: datetime.date, language: str = "en") -> str:
    """'27 November', '27 de noviembre'."""
    base = _base(language)
    month = MONTHS[base][day.month - 1]
    return f"{day.day} de {month}" if base == "es" else f"{day.day} {month}"


def date_in_words(day: datetime.date, language: str = "en") -> str:
    """'27 November 2026', '27 de noviembre de 2026'."""
    joiner = " de " if _base(language) == "es" else " "
    return f"{day_month(day, language)}{joiner}{day.year}"


def date_and_time_in_words(when: datetime.datetime, language: str = "en") -> str:
    """'27 November 2026 at 07:50', '27 de noviembre de 2026 a las 07:50'."""
    at = " a las " if _base(language) == "es" else " at "
    return f"{date_in_words(when.date(), language)}{at}{when:%H:%M}"


def review_line(reviewed: str, due: str, language: str = "en") -> str:
    """The line that ends every section: when the guide was reviewed and when it will be again."""
    if _base(language) == "es":
        return f"Revisado el {reviewed}. Próxima revisión: {due}."
    return f"Reviewed {reviewed}. Next review due {due}."
