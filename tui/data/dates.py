"""Dates in words, in the guide's language: "27 November 2026", "27 de noviembre de 2026".

Day first and the month in words, so no reader (or doctor in another country) can mistake 03/04
for 4 March or 3 April, and a voice reads the date as people say it. The month names and the
patterns are the words layer's (tui/locale), looked up in the language asked for (the guide's,
which may differ from the interface's; the catalogue is asked directly, so the language shown
is never switched, even for a moment): not strftime's %B (which follows the user's
locale, so LANG=C and a Spanish guide would disagree) and not Babel (a test dependency: the guide
writes only these patterns, and twelve words per language do not need every locale's calendar
data). No Textual here.
"""

from __future__ import annotations

import datetime

from tui.data.words import N_, catalogue

# TRANSLATORS: the twelve month names, January first, separated by spaces, as written inside a
# date ("27 de noviembre": Spanish writes them in lower case, RAE; "septiembre", as MedlinePlus).
MONTHS = N_("January February March April May June July August September October November December")
"""The month names, January first, in one phrase for the catalogue."""

# TRANSLATORS: a day and its month: "27 November", "27 de noviembre".
DAY_MONTH = N_("{day} {month}")
"""A day and its month."""

DAY_MONTH_YEAR = N_("{day_and_month} {year}")
"""A date: "27 November 2026", "27 de noviembre de 2026"."""

DATE_AT_TIME = N_("{date} at {time}")
"""A date and a time: "... at 07:50", "... a las 07:50"."""

REVIEW_LINE = N_("Reviewed {reviewed}. Next review due {due}.")
"""The line that ends every section."""


def month_names(language: str = "en") -> list[str]:
    """The month names in `language`, January first."""
    names = catalogue(language).gettext(MONTHS).split()
    return names if len(names) == 12 else MONTHS.split()  # a translation with a word missing: English


def day_month(day: datetime.date, language: str = "en") -> str:
    """'27 November', '27 de noviembre'."""
    return catalogue(language).gettext(DAY_MONTH).format(day=day.day, month=month_names(language)[day.month - 1])


def date_in_words(day: datetime.date, language: str = "en") -> str:
    """'27 November 2026', '27 de noviembre de 2026'."""
    return catalogue(language).gettext(DAY_MONTH_YEAR).format(day_and_month=day_month(day, language), year=day.year)


def date_and_time_in_words(when: datetime.datetime, language: str = "en") -> str:
    """'27 November 2026 at 07:50', '27 de noviembre de 2026 a las 07:50'."""
    return catalogue(language).gettext(DATE_AT_TIME).format(date=date_in_words(when.date(), language),
                                                            time=f"{when:%H:%M}")


def review_line(reviewed: str, due: str, language: str = "en") -> str:
    """The line that ends every section: when the guide was reviewed and when it will be again."""
    return catalogue(language).gettext(REVIEW_LINE).format(reviewed=reviewed, due=due)
