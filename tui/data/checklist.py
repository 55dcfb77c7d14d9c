"""Load the symptom checklist (`checklist.toml` in a guide's folder) into typed, checked objects.

The checklist decides how urgently a reader is told to get help, so the loader is strict: an
unknown tier, a duplicate id, a missing text or a red flag placed below "urgent" is refused
with a `ContentError` naming the file and the key, never guessed around.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.data.care_routes import PLACEHOLDERS
from tui.data.content import load_toml, refuse_unknown_keys, require_str, require_table
from tui.data.errors import ContentError
from tui.data.language import ENGLISH, Language, agrees_with_guide, guide_language, parse_language
from tui.data.sanitize import clean_line
from tui.data.words import N_

CHECKLIST_FILE = "checklist.toml"
"""The checklist's file name inside a guide folder."""

TIER_IDS: tuple[str, ...] = ("selfcare", "soon", "urgent", "hospital", "emergency")
"""Tier ids from lowest to highest urgency. Fixed here, not in the file, so that a typo in the
content can never reorder how urgent a warning sign is."""

RED_FLAG_FLOOR = "urgent"
"""The lowest tier a source red flag may have: the source says "see a doctor immediately"."""

MAX_ADVICE = 5
"""At most five advice lines per tier, as NHS care cards do."""

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ITEM_KEYS = frozenset({"id", "group", "text", "tier", "source", "red_flag", "action", "unsafe"})
_TIER_KEYS = frozenset({"label", "symbol", "headline", "advice", "safety_net"})
_ADVICE_KEYS = frozenset({"text", "kind"})


@dataclass(frozen=True)
class Advice:
    """One line of advice, and what kind of advice it is when some readers must not get it."""

    text: str
    """The words, with placeholders (care_routes.PLACEHOLDERS)."""
    kind: str | None = None
    """A [kinds] id ("drink", "heat"), or None for advice that is safe for everyone."""


@dataclass(frozen=True)
class Tier:
    """How urgent a result is, and what the reader is told to do."""

    id: str
    """One of TIER_IDS."""
    rank: int
    """0 for selfcare up to 4 for emergency: higher is more urgent."""
    label: str
    """The urgency in capitals, e.g. "EMERGENCY" or "HOSPITAL NOW"."""
    symbol: str
    """A short ASCII mark, e.g. "!!!": safe under LANG=C."""
    headline: str
    """The call to action, with placeholders (care_routes.PLACEHOLDERS) for the region's words."""
    advice: tuple[Advice, ...]
    """One to five short lines of advice; may use the placeholders too."""
    safety_net: str
    """What to do if it gets worse or a new sign starts: every result ends with it."""


@dataclass(frozen=True)
class Group:
    """A heading the items are listed under."""

    id: str
    """Stable id, referred to by items."""
    title: str
    """The heading shown and spoken, e.g. "Warning signs"."""


@dataclass(frozen=True)
class Item:
    """One thing a reader can tick."""

    id: str
    """Stable id: what the saved state stores."""
    number: int
    """1-based position in the numbered list (group order, then file order)."""
    group: Group
    """The group it is listed under."""
    text: str
    """One line of plain words."""
    tier: Tier
    """How urgent it is when ticked."""
    source: str
    """Who says so: "source article", or an addition's own source."""
    red_flag: bool
    """A warning sign the source article or published guidance names: never below "urgent"."""
    actions: tuple[Advice, ...] = ()
    """What to do now that this item alone needs (e.g. stop a statin); may use placeholders."""
    unsafe: frozenset[str] = frozenset()
    """Kinds of advice ([kinds] ids) this reader must not be given: a confused person gets
    nothing to drink, numb skin gets no heat. Lines of these kinds are left out of the result."""


@dataclass(frozen=True)
class Checklist:
    """The whole checklist, ready to show and to triage."""

    path: Path
    """The file it was loaded from."""
    title: str
    """The checklist's heading, e.g. "Check your symptoms"."""
    intro: str
    """One line shown above the list."""
    tiers: tuple[Tier, ...]
    """All five tiers, lowest first (index == rank)."""
    groups: tuple[Group, ...]
    """The groups, in display order."""
    items: tuple[Item, ...]
    """All items in display order; `items[n - 1].number == n`."""
    cautions: dict[str, str]
    """Kind id to its caution, shown once with any result that gives advice of that kind ("" for a
    kind with no caution). The keys are every declared kind."""
    language: Language = ENGLISH
    """The language of its words: its own `[language]` table, else the guide's."""

    @property
    def ids(self) -> tuple[str, ...]:
        """Every item id, in display order."""
        return tuple(item.id for item in self.items)

    def tier(self, tier_id: str) -> Tier:
        """The tier with this id; KeyError if there is none."""
        for tier in self.tiers:
            if tier.id == tier_id:
                return tier
        raise KeyError(tier_id)

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError if there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)

    def by_number(self, number: int) -> Item:
        """The item shown as `number` (1-based); IndexError if there is none."""
        if not 1 <= number <= len(self.items):
            raise IndexError(number)
        return self.items[number - 1]

    def items_in(self, group: Group) -> tuple[Item, ...]:
        """The items listed under `group`, in display order."""
        return tuple(item for item in self.items if item.group.id == group.id)


def _check_template(text: str, path: Path, key: str) -> None:
    """Only the known placeholders may appear in braces: anything else would be shown raw."""
    leftover = text
    for placeholder in PLACEHOLDERS:
        leftover = leftover.replace(placeholder, "")
    if "{" in leftover or "}" in leftover:
        raise ContentError(path, f"key '{key}' may only use the placeholders {', '.join(PLACEHOLDERS)}")


def _template(table: dict[str, Any], key: str, path: Path, where: str) -> str:
    """A required non-empty string that may use the placeholders."""
    text = require_str(table, key, path, where)
    _check_template(text, path, f"{where}{key}")
    return text


def _parse_advice(value: Any, path: Path, key: str, kinds: dict[str, str]) -> Advice:
    """One advice line: a string, or a table {text, kind} naming a declared kind."""
    kind: Any = None
    if isinstance(value, dict):
        refuse_unknown_keys(value, _ADVICE_KEYS, path, f"{key}.")
        kind = value.get("kind")
        if kind is not None and kind not in kinds:
            raise ContentError(path, f"key '{key}.kind': unknown kind {kind!r} (declare it as [kinds.{kind}])")
        value = value.get("text")
    if not isinstance(value, str) or not clean_line(value):
        raise ContentError(path, f"key '{key}' must be a non-empty string, or a table with 'text'")
    _check_template(value, path, key)
    return Advice(clean_line(value), kind)


def _parse_kinds(data: dict[str, Any], path: Path) -> dict[str, str]:
    """The optional [kinds.<id>] tables: kind id to its caution ("" when it has none)."""
    tables = data.get("kinds", {})
    if not isinstance(tables, dict):
        raise ContentError(path, "key 'kinds' must be a table of [kinds.<id>] tables")
    kinds: dict[str, str] = {}
    for kind_id, table in tables.items():
        if not _ID.match(kind_id) or not isinstance(table, dict):
            raise ContentError(path, f"key 'kinds.{kind_id}' must be a table with an id of letters, digits and '-'")
        refuse_unknown_keys(table, frozenset({"caution"}), path, f"kinds.{kind_id}.")
        # A kind with no caution only marks lines an item can rule out ("keep taking it").
        kinds[kind_id] = _template(table, "caution", path, f"kinds.{kind_id}.") if "caution" in table else ""
    return kinds


def _parse_tier(tier_id: str, table: Any, path: Path, kinds: dict[str, str]) -> Tier:
    """One [tiers.<id>] table."""
    where = f"tiers.{tier_id}."
    if not isinstance(table, dict):
        raise ContentError(path, f"key 'tiers.{tier_id}' must be a table")
    refuse_unknown_keys(table, _TIER_KEYS, path, where)
    label = require_str(table, "label", path, where)
    symbol = require_str(table, "symbol", path, where)
    if not symbol.isascii() or len(symbol) > 4:
        raise ContentError(path, f"key '{where}symbol' must be 1 to 4 ASCII characters (it must show under LANG=C)")
    headline = _template(table, "headline", path, where)
    if tier_id == "emergency" and "{number}" not in headline:
        raise ContentError(path, f"key '{where}headline' must contain {{number}}, the emergency number")
    if not headline.startswith(f"{label}:"):
        # Urgency first, in words: the first word read or spoken is the label.
        raise ContentError(path, f"key '{where}headline' must start with '{label}:'")
    raw_advice = table.get("advice")
    if not isinstance(raw_advice, list) or not 1 <= len(raw_advice) <= MAX_ADVICE:
        raise ContentError(path, f"key '{where}advice' must be a list of 1 to {MAX_ADVICE} strings")
    advice = tuple(_parse_advice(line, path, f"{where}advice[{index}]", kinds)
                   for index, line in enumerate(raw_advice))
    safety_net = _template(table, "safety_net", path, where)
    return Tier(tier_id, TIER_IDS.index(tier_id), label, symbol, headline, advice, safety_net)


def _parse_tiers(data: dict[str, Any], path: Path, kinds: dict[str, str]) -> tuple[Tier, ...]:
    """All five tiers, in rank order; an unknown or missing tier is an error."""
    tables = require_table(data, "tiers", path)
    for tier_id in tables:
        if tier_id not in TIER_IDS:
            raise ContentError(path, f"key 'tiers.{tier_id}': unknown tier (use {', '.join(reversed(TIER_IDS))})")
    missing = [t for t in TIER_IDS if t not in tables]
    if missing:
        raise ContentError(path, f"missing table [tiers.{missing[0]}]")
    return tuple(_parse_tier(tier_id, tables[tier_id], path, kinds) for tier_id in TIER_IDS)


def _array(data: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    """A non-empty [[key]] array of tables."""
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(path, f"missing '[[{key}]]': at least one is needed")
    for index, entry in enumerate(value):
        if not isinstance(entry, dict):
            raise ContentError(path, f"{key}[{index}] must be a table, as [[{key}]]")
    return value


def _parse_id(table: dict[str, Any], path: Path, where: str, seen: set[str]) -> str:
    """A well-formed id not used before."""
    value = table.get("id")
    if not isinstance(value, str) or not _ID.match(value):
        raise ContentError(path, f"key '{where}id' must be lower case letters, digits and '-'")
    if value in seen:
        raise ContentError(path, f"key '{where}id': duplicate id '{value}'")
    seen.add(value)
    return value


def _parse_groups(data: dict[str, Any], path: Path) -> tuple[Group, ...]:
    """The [[groups]] in display order."""
    seen: set[str] = set()
    groups: list[Group] = []
    for index, table in enumerate(_array(data, "groups", path)):
        where = f"groups[{index}]."
        group_id = _parse_id(table, path, where, seen)
        groups.append(Group(group_id, require_str(table, "title", path, where)))
    return tuple(groups)


def _parse_actions(table: dict[str, Any], path: Path, where: str, kinds: dict[str, str]) -> tuple[Advice, ...]:
    """An item's optional `action`: one line or a list of lines."""
    if "action" not in table:
        return ()
    value = table["action"]
    lines = value if isinstance(value, list) else [value]
    if not lines:
        raise ContentError(path, f"key '{where}action' must not be an empty list")
    return tuple(_parse_advice(line, path, f"{where}action" + (f"[{i}]" if isinstance(value, list) else ""), kinds)
                 for i, line in enumerate(lines))


def _parse_unsafe(table: dict[str, Any], path: Path, where: str, kinds: dict[str, str]) -> frozenset[str]:
    """An item's optional `unsafe`: a list of declared kind ids."""
    value = table.get("unsafe", [])
    if not isinstance(value, list) or any(kind not in kinds for kind in value):
        raise ContentError(path, f"key '{where}unsafe' must be a list of kinds declared as [kinds.<id>] "
                                 f"({', '.join(kinds) or 'none declared'})")
    return frozenset(value)


def _parse_items(data: dict[str, Any], path: Path, tiers: tuple[Tier, ...],
                 groups: tuple[Group, ...], kinds: dict[str, str]) -> tuple[Item, ...]:
    """The [[items]], validated, then numbered in group order."""
    by_tier = {tier.id: tier for tier in tiers}
    by_group = {group.id: group for group in groups}
    floor = TIER_IDS.index(RED_FLAG_FLOOR)
    seen: set[str] = set()
    parsed: list[tuple[str, Group, str, Tier, str, bool, tuple[Advice, ...], frozenset[str]]] = []
    for index, table in enumerate(_array(data, "items", path)):
        where = f"items[{index}]."
        refuse_unknown_keys(table, _ITEM_KEYS, path, where)
        item_id = _parse_id(table, path, where, seen)
        group_id = table.get("group")
        group = by_group.get(group_id) if isinstance(group_id, str) else None
        if group is None:
            raise ContentError(path, f"key '{where}group' must be one of: {', '.join(by_group)}")
        tier_id = table.get("tier")
        if not isinstance(tier_id, str) or tier_id not in by_tier:
            raise ContentError(path, f"key '{where}tier': unknown tier {tier_id!r} "
                                     f"(use {', '.join(reversed(TIER_IDS))})")
        red_flag = table.get("red_flag", False)
        if not isinstance(red_flag, bool):
            raise ContentError(path, f"key '{where}red_flag' must be true or false")
        if red_flag and by_tier[tier_id].rank < floor:
            raise ContentError(path, f"key '{where}tier': '{item_id}' is a red flag, so its tier must be "
                                     f"'{RED_FLAG_FLOOR}' or 'emergency', not '{tier_id}'")
        text = require_str(table, "text", path, where)
        source = require_str(table, "source", path, where)
        actions = _parse_actions(table, path, where, kinds)
        unsafe = _parse_unsafe(table, path, where, kinds)
        parsed.append((item_id, group, text, by_tier[tier_id], source, red_flag, actions, unsafe))
    order = {group.id: position for position, group in enumerate(groups)}
    # sorted() is stable: items keep their file order within a group.
    parsed.sort(key=lambda entry: order[entry[1].id])
    return tuple(Item(item_id, number, group, text, tier, source, red_flag, actions, unsafe)
                 for number, (item_id, group, text, tier, source, red_flag, actions, unsafe)
                 in enumerate(parsed, start=1))


def parse_checklist(data: dict[str, Any], path: Path, language: Language | None = None) -> Checklist:
    """Validate already-parsed TOML data into a Checklist (path is only for messages). `language`
    is the guide's: an optional `[language]` table in the file must agree with it."""
    own = parse_language(data, path)
    if language is not None:
        agrees_with_guide(own, language, path)
    head = require_table(data, "checklist", path)
    kinds = _parse_kinds(data, path)
    tiers = _parse_tiers(data, path, kinds)
    groups = _parse_groups(data, path)
    items = _parse_items(data, path, tiers, groups, kinds)
    for group in groups:
        if not any(item.group.id == group.id for item in items):
            raise ContentError(path, f"group '{group.id}' has no items")
    for before, after in itertools.pairwise(items):
        if after.tier.rank > before.tier.rank:
            # Like NHS 111, the list asks about life-threatening signs first: a reader who stops
            # part-way must already have passed every sign more urgent than the one they are on.
            raise ContentError(path, f"item '{after.id}' ({after.tier.id}) is listed after the less urgent "
                                     f"'{before.id}' ({before.tier.id}): list the most urgent first")
    return Checklist(
        path=path,
        title=require_str(head, "title", path, "checklist."),
        intro=require_str(head, "intro", path, "checklist."),
        tiers=tiers,
        groups=groups,
        items=items,
        cautions=kinds,
        language=own or language or ENGLISH,
    )


def load_checklist(folder: Path) -> Checklist:
    """Load and validate `checklist.toml` in a guide folder."""
    path = folder / CHECKLIST_FILE
    return parse_checklist(load_toml(path), path, guide_language(folder))


SOURCES_HEADING = N_("Where each checklist sign comes from")
"""The About heading over `source_lines`."""


def source_lines(folder: Path) -> tuple[str, ...]:
    """One line a checklist item, "its words: its source", for About; none when the guide has no
    (valid) checklist, so About still shows for such a guide."""
    try:
        checklist = load_checklist(folder)
    except ContentError:
        return ()
    return tuple(f"{item.text}: {item.source}." for item in checklist.items)
