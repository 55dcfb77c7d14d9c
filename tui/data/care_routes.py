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

from tui.data.settings import REGIONS

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
    pregnancy_route: str = "your midwife or doctor, or the maternity unit"
    """Who to call first when pregnant or just after a birth (NHS: midwife, GP or maternity unit)."""

    def fill(self, text: str) -> str:
        """`text` with every placeholder replaced by this region's words."""
        return (text.replace("{number}", self.number)
                .replace("{hospital}", self.hospital)
                .replace("{urgent_route}", self.urgent_route)
                .replace("{pregnancy_route}", self.pregnancy_route))


_ROUTES: dict[str, tuple[str, str, str]] = {
    "US": ("the emergency room (ER)", "call your doctor, or go to urgent care, or call a nurse advice line",
           "your pregnancy doctor or midwife, or the labor and delivery unit"),
    "UK": ("A&E", "call 111 or your GP", "your midwife, GP or maternity unit"),
    "EU": ("the emergency department", "call your doctor or the local out-of-hours service",
           "your midwife or doctor, or the maternity unit"),
}
"""Region id to (hospital, urgent route, pregnancy route). The ids are those of settings.REGIONS."""

_ROUTES_ES: dict[str, tuple[str, str, str, str]] = {
    "US": ("9-1-1", "la sala de emergencias",
           "llame a su médico, vaya a una clínica de atención urgente o llame a una línea de enfermería",
           "su médico del embarazo o su partera, o la sala de partos"),
    "UK": ("9-9-9", "urgencias del hospital (A&E)", "llame al 1-1-1 o a su médico de cabecera (GP)",
           "su partera, su médico de cabecera o la unidad de maternidad"),
    "EU": ("1-1-2", "urgencias del hospital",
           "llame a su médico o al servicio local de urgencias fuera de horario",
           "su partera o su médico, o la unidad de maternidad"),
}
"""Spanish: region id to (number, hospital, urgent route, pregnancy route). The checklist says
"vaya ya a {hospital}" and "llame primero a {pregnancy_route}", so no value starts with "el" (Spanish
writes "al", not "a el"). "A&E" and "GP" stay in brackets: they are what the reader will see on
signs and hear on the phone in the UK."""

ROUTES_BY_LANGUAGE: dict[str, dict[str, tuple[str, str, str, str]]] = {
    "en": {region: (REGIONS[region][0], *words) for region, words in _ROUTES.items()},
    "es": _ROUTES_ES,
}
"""Language (without its region: "es" for "es-419") to each region's (number, hospital, urgent
route, pregnancy route)."""


def routes_for(region: str, language: str = "en") -> CareRoutes:
    """The routes for a region id in a language ("es", "es-419"); an unknown region gets the US
    routes (the source's country), an unknown language the English words."""
    table = ROUTES_BY_LANGUAGE.get(language.split("-")[0], ROUTES_BY_LANGUAGE["en"])
    if region not in table or region not in REGIONS:
        region = "US"
    return CareRoutes(*table[region])


DEFAULT_REGION = "US"
"""The source article's country: its routes unless the reader chose another region."""

DEFAULT_ROUTES = routes_for(DEFAULT_REGION)
"""The source article is from the US: its routes unless the reader chose another region."""
