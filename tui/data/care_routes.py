"""Where to get help, in the words of the reader's region: the number to call, what the
emergency department is called, and the route for "today" (NHS 111, urgent care, ...).

Checklist texts use placeholders for these (`{number}`, `{hospital}`, `{urgent_route}`), so one
checklist serves every region and a reader in the UK is never told to find an "urgent care
center", nor one in the US to call 111.
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


def routes_for(region: str) -> CareRoutes:
    """The routes for a region id; an unknown id gets the US routes (the source's country)."""
    if region not in _ROUTES or region not in REGIONS:
        region = "US"
    hospital, urgent_route, pregnancy_route = _ROUTES[region]
    return CareRoutes(REGIONS[region][0], hospital, urgent_route, pregnancy_route)


DEFAULT_ROUTES = routes_for("US")
"""The source article is from the US: its routes unless the reader chose another region."""
