"""Turn a set of chosen checklist items into one result: how urgently to get help, and why.

Pure functions, no I/O: the full-screen checklist, the numbered prompts, the speech reader and
the saved summary all show the same result from the same code, in the same layout
(`result_blocks`). The rule is the one NHS care cards and the MSD Manual use: the most urgent
chosen item decides, and nothing else lowers it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from tui.data.care_routes import DEFAULT_ROUTES, CareRoutes
from tui.data.checklist import Advice, Checklist, Item, Tier
from tui.data.words import N_, _

DISCLAIMER = N_("This is not a diagnosis.")
"""Shown on every result, whatever is chosen."""

NEUTRAL_HEADLINE = N_("Nothing chosen yet.")
"""The headline when no item counts. Deliberately not SELF-CARE: choosing nothing says nothing
about the reader, so the guide must not suggest all is well."""

EARLIER_HEADLINE = N_("Nothing counted yet. Are your earlier choices still true?")
"""The headline when the only choices are from an earlier day: the question comes first."""

NEUTRAL_ADVICE = (N_("Choose each thing you have now, to see how soon to get help."),)
"""Advice lines for the neutral result."""

NEUTRAL_SAFETY_NET = N_("If you feel very unwell, call {number} or your local emergency number now.")
"""The safety net of the neutral result."""

WIDTH = 72
"""Default wrap width for result_lines, the same as the plain mode."""


@dataclass(frozen=True)
class EarlierItem:
    """An item chosen on an earlier day: shown with its date, not counted until chosen again."""

    text: str
    """The item's words."""
    date: str
    """When it was chosen, in words ("27 November")."""


@dataclass(frozen=True)
class TriageResult:
    """What the checklist says for one set of chosen items."""

    tier: Tier | None
    """The most urgent tier among the counted items, or None when nothing counts."""
    headline: str
    """The call to action, the region's words filled in; starts with the tier's label."""
    reasons: tuple[str, ...]
    """Texts of the items that set the tier (those at the highest tier), in list order."""
    checked: tuple[str, ...]
    """Texts of every counted item, most urgent first, then in list order."""
    actions: tuple[str, ...]
    """Item-specific things to do now (e.g. stop a statin), most urgent first, each once; none
    that another choice makes unsafe."""
    advice: tuple[str, ...]
    """What to do, the region's words filled in; none that a choice makes unsafe."""
    safety_net: str
    """What to do if it gets worse or a new sign starts: the last advice of every result."""
    cautions: tuple[str, ...] = ()
    """One caution per kind of advice given (fluids: the kidney, heart and dialysis caution)."""
    earlier: tuple[EarlierItem, ...] = ()
    """Items chosen before today: not counted until the reader says they are still true."""
    disclaimer: str = DISCLAIMER
    """Always "This is not a diagnosis."."""

    @property
    def label(self) -> str:
        """The urgency in words ("EMERGENCY"), or "NONE" when nothing counts."""
        return self.tier.label if self.tier else "NONE"

    @property
    def others(self) -> tuple[str, ...]:
        """Counted items that did not set the tier, most urgent first."""
        return tuple(text for text in self.checked if text not in self.reasons)


def checked_items(checklist: Checklist, checked_ids: Iterable[str]) -> tuple[Item, ...]:
    """The chosen items in list order. Ids the checklist does not have are ignored: the saved
    state drops them with a message, and a result must never fail because of one."""
    wanted = set(checked_ids)
    return tuple(item for item in checklist.items if item.id in wanted)


def triage(checklist: Checklist, checked_ids: Iterable[str], routes: CareRoutes = DEFAULT_ROUTES,
           earlier: Iterable[EarlierItem] = ()) -> TriageResult:
    """The result for these chosen ids, in the words of `routes` (the reader's region).

    `earlier` lists items chosen on another day: they are shown with the result, never counted.
    """
    items = checked_items(checklist, checked_ids)
    earlier = tuple(earlier)
    if not items:
        return TriageResult(tier=None, headline=_(EARLIER_HEADLINE if earlier else NEUTRAL_HEADLINE),
                            reasons=(), checked=(), actions=(),
                            advice=tuple(routes.fill(_(line)) for line in NEUTRAL_ADVICE),
                            safety_net=routes.fill(_(NEUTRAL_SAFETY_NET)), earlier=earlier,
                            disclaimer=_(DISCLAIMER))
    top = max(items, key=lambda item: item.tier.rank).tier
    # Most urgent first so a reader (or listener) meets the deciding items before the rest.
    ordered = sorted(items, key=lambda item: -item.tier.rank)
    # One message: advice is for everything chosen, so a line that any choice makes unsafe
    # (a drink for a confused person, heat on numb skin) is left out, whoever it came with.
    unsafe = frozenset().union(*(item.unsafe for item in items))
    actions = safe_lines((line for item in ordered for line in item.actions), unsafe)
    advice = safe_lines(top.advice, unsafe)
    kinds = dict.fromkeys(line.kind for line in (*actions, *advice) if line.kind)
    return TriageResult(
        tier=top,
        headline=routes.fill(top.headline),
        reasons=tuple(item.text for item in items if item.tier.rank == top.rank),
        checked=tuple(item.text for item in ordered),
        actions=tuple(dict.fromkeys(routes.fill(line.text) for line in actions)),
        advice=tuple(routes.fill(line.text) for line in advice),
        safety_net=routes.fill(top.safety_net),
        cautions=tuple(routes.fill(checklist.cautions[kind]) for kind in kinds if checklist.cautions[kind]),
        earlier=earlier,
        disclaimer=_(DISCLAIMER),
    )


def safe_lines(lines: Iterable[Advice], unsafe: frozenset[str]) -> tuple[Advice, ...]:
    """The lines whose kind no choice rules out, in order."""
    return tuple(line for line in lines if line.kind is None or line.kind not in unsafe)


@dataclass(frozen=True)
class ResultBlock:
    """One part of a result as both interfaces lay it out: a heading line, then bullets."""

    heading: str
    """The block's first line ("Because you chose:"), or the headline itself."""
    bullets: tuple[str, ...] = ()
    """Its lines, each shown as a bullet."""


EARLIER_HEADING = N_("Still true? You chose these before today. They do not count until you choose them again:")
"""The heading over items chosen on an earlier day."""


def result_blocks(result: TriageResult) -> list[ResultBlock]:
    """The result in its one layout, urgency first: headline, why, do this now, earlier choices,
    also chosen, what to do, take care, if it gets worse, disclaimer. Every interface renders these."""
    blocks = [ResultBlock(result.headline)]
    if result.reasons:
        blocks.append(ResultBlock(_("Because you chose:"), result.reasons))
    if result.actions:
        blocks.append(ResultBlock(_("Do this now:"), result.actions))
    if result.earlier:
        blocks.append(ResultBlock(_(EARLIER_HEADING), tuple(_("{item} (chosen {date})").format(item=e.text, date=e.date)
                                                             for e in result.earlier)))
    if result.others:
        blocks.append(ResultBlock(_("You also chose:"), result.others))
    blocks.append(ResultBlock(_("What to do:"), result.advice))
    if result.cautions:
        blocks.append(ResultBlock(_("Take care:"), result.cautions))
    blocks.append(ResultBlock(_("If it gets worse:"), (result.safety_net,)))
    blocks.append(ResultBlock(result.disclaimer))
    return blocks


def wrap_line(text: str, indent: str, width: int) -> list[str]:
    """Wrap one line; continuation lines line up under the text after the indent."""
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=" " * len(indent),
                         break_on_hyphens=False) or [indent.rstrip()]


def result_lines(result: TriageResult, width: int = WIDTH) -> list[str]:
    """The result as plain lines, a blank line between blocks.

    No symbols, colour or box drawing: every line reads the same on a braille display, in a
    pipe and when spoken.
    """
    lines: list[str] = []
    for block in result_blocks(result):
        if lines:
            lines.append("")
        lines += wrap_line(block.heading, "", width)
        for text in block.bullets:
            lines += wrap_line(text, "- ", width)
    return lines
