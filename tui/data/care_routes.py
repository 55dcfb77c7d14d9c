"""Where to get help, in the words of the reader's region: the number to call, what the
emergency department is called, and the route for "today" (NHS 111, urgent care, ...).

Checklist texts use placeholders for these (`{number}`, `{hospital}`, `{urgent_route}`), so one
checklist serves every region and a reader in the UK is never told to find an "urgent care
center", nor one in the US to call 111.

Each region's words exist once per language: a Spanish guide's "HOSPITAL YA: vaya ya a {hospital}"
must not read "vaya ya a the emergency room (ER)". In Spanish the number is written "9-1-1", as it
is dialled: eSpeak NG's es-419 voice says "911" as "novecientos once" and "9-1-1" as "nueve uno
uno".
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.data.settings import REGIONS, spoken_number
from tui.data.words import N_, catalogue

PLACEHOLDERS: tuple[str, ...] = ("{number}", "{hospital}", "{urgent_route}", "{pregnancy_route}")
"""Every placeholder a checklist text may use."""


@dataclass(frozen=True)
class CareRoutes:
    """The places to get help in one region."""

    number: str
    """The emergency number: 911, 999 or 112."""
    hospital: str
    """What the emergency department is called there, with its article."""
    urgent_route: str
    """Where to get help today when it is not an emergency."""
    pregnancy_route: str = N_("your midwife or doctor, or the maternity unit")
    """Who to call first when pregnant or just after a birth (NHS: midwife, GP or maternity unit)."""

    def fill(self, text: str) -> str:
        """`text` with every placeholder replaced by this region's words."""
        return (text.replace("{number}", self.number)
                .replace("{hospital}", self.hospital)
                .replace("{urgent_route}", self.urgent_route)
                .replace("{pregnancy_route}", self.pregnancy_route))


_ROUTES: dict[str, tuple[str, str, str]] = {
    "US": (N_("the emergency room (ER)"), N_("call your doctor, or go to urgent care, or call a nurse advice line"),
           N_("your pregnancy doctor or midwife, or the labor and delivery unit")),
    "UK": (N_("A&E"), N_("call 111 or your GP"), N_("your midwife, GP or maternity unit")),
    "EU": (N_("the emergency department"), N_("call your doctor or the local out-of-hours service"),
           N_("your midwife or doctor, or the maternity unit")),
}
"""Region id to (hospital, urgent route, pregnancy route), in English; each language's words are
their translations in its catalogue (tui/locale), chosen by the checklist's language. The ids are
those of settings.REGIONS. A translation must fit the checklist's sentences: the Spanish checklist
says "vaya ya a {hospital}" and "llame primero a {pregnancy_route}", so no Spanish value starts
with "el" (Spanish writes "al", not "a el"); "A&E" and "GP" stay in brackets, as what a reader in
the UK sees on signs and hears on the phone."""

ROUTES_BY_LANGUAGE: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "en": {region: (REGIONS[region][0], *words) for region, words in _ROUTES.items()},
}
"""English: each region's (number, hospital, urgent route, pregnancy route), as the code writes them."""


def routes_for(region: str, language: str = "en") -> CareRoutes:
    """The routes for a region id in a language ("es", "es-419"); an unknown region gets the US
    routes (the source's country), a language with no catalogue the English words. The number is
    written as the language's voice says it digit by digit ("9-1-1" in Spanish)."""
    if region not in _ROUTES or region not in REGIONS:
        region = "US"
    words = catalogue(language)
    return CareRoutes(spoken_number(REGIONS[region][0], language), *(words.gettext(text) for text in _ROUTES[region]))


DEFAULT_REGION = "US"
"""The source article's country: its routes unless the reader chose another region."""

DEFAULT_ROUTES = routes_for(DEFAULT_REGION)
"""The source article is from the US: its routes unless the reader chose another region."""
