"""The flow a person follows in a terminal (open a section, search a word, open the checklist,
check a warning sign, see EMERGENCY, quit), with its expectations taken from the bundled guide,
and what a finished session leaves behind: its saved checks and, through a wrapper, its peak memory.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.support.host_tools import GUIDE
from tests.support.tmux_drive import Tmux


@dataclass(frozen=True)
class FlowFacts:
    """What the flow expects to see, taken from the bundled guide (never typed by hand)."""

    first_title: str
    """Section 1's title."""
    search_word: str
    """A word the guide has."""
    hit_title: str
    """The title of the section the first search result opens."""
    warning_sign: str
    """The first words of the first emergency-tier item: as many as its selected first row at 80
    columns holds (the whole item wraps over more rows)."""
    warning_id: str
    """Its id, as saved in the checklist state."""
    downs: int
    """How many Down presses move the checklist's highlight from the first item to it."""


def flow_facts() -> FlowFacts:
    """Facts for the flow, from the same content files the guide loads."""
    from tui.data.checklist import load_checklist
    from tui.data.content import load_guide
    from tui.data.search import search_guide

    guide = load_guide()
    checklist = load_checklist(guide.folder)
    word = "cramp"
    hits = search_guide(guide, word)
    assert hits, f"the guide no longer has the word {word!r}"
    shown = [item for group in checklist.groups for item in checklist.items_in(group)]
    index, item = next((n, i) for n, i in enumerate(shown) if i.tier.id == "emergency")
    # The item's first words that fit one row of 80 columns after " > selected: ": the list
    # wraps an item at word breaks, so its first row holds them whether it is ticked or not.
    words = item.text.split()
    fits = max(n for n in range(1, len(words) + 1) if len(f" > selected: {' '.join(words[:n])}") <= 78)
    return FlowFacts(first_title=guide.section(1).title, search_word=word,
                     hit_title=guide.section(hits[0].section_number).title,
                     warning_sign=" ".join(words[:fits]), warning_id=item.id, downs=index)


def one_line(screen: str) -> str:
    """The screen's words with line breaks and runs of spaces folded (text may wrap)."""
    return " ".join(screen.split())


def run_flow(tmux: Tmux, name: str, facts: FlowFacts, poll: float = 0.1) -> list[str]:
    """Open a section, search a word, open the checklist, check a warning sign, see EMERGENCY, quit.

    Returns the screens seen at each step (for reports). Every wait is on screen content; the
    timeouts only guard against a hang.
    """
    screens = []

    def wait(predicate: Callable[[str], bool] | str, what: str = "") -> None:
        screens.append(tmux.wait_for(name, predicate, what, poll=poll))

    wait("Read the guide")
    tmux.send(name, "1")
    wait(lambda s: facts.first_title in s and "Section one of" in s, "section one")
    tmux.send(name, "/")
    wait("Search the guide")
    tmux.type(name, facts.search_word)
    wait(lambda s: bool(re.search(r"\d+ places? found", s)), "the search count")
    tmux.send(name, "Enter")  # from the box to the results
    # Wait until the cursor (so focus) is on the first result: a second Enter sent while the box
    # still has focus would only submit the box again.
    wait(lambda s: facts.search_word in tmux.cursor_line(name).lower(), "the cursor on the first result")
    tmux.send(name, "Enter")  # open the first result
    wait(lambda s: facts.hit_title in s and "Search the guide" not in s, "the section of the result")
    tmux.send(name, "k")
    wait(lambda s: "Check your symptoms" in s and "[ ]" in s, "the checklist")
    for _ in range(facts.downs):
        tmux.send(name, "Down")
    wait(f"> [ ] {facts.warning_sign}", "the warning sign highlighted")
    tmux.send(name, "Space")
    wait(lambda s: "EMERGENCY: call" in one_line(s) and f"selected: {facts.warning_sign}" in s,
         "EMERGENCY after checking a warning sign")
    tmux.send(name, "q")
    status = tmux.wait_dead(name)
    assert status == 0, f"{name}: exit status {status}; last screen:\n{tmux.screen(name)}"
    return screens


def saved_checks(home_env: dict[str, str]) -> str:
    """The saved checklist state file's text for one XDG home ("" if none)."""
    path = Path(home_env["XDG_STATE_HOME"]) / "spasm-guide" / "checklist.toml"
    return path.read_text(encoding="utf-8") if path.exists() else ""


RSS_WRAPPER = '''\
"""Run spasm-guide with its own XDG folders; when it ends, write its peak RSS (KiB) to a file.

argv: HOME OUT. The guide is a child (fork and exec), so os.wait4 gives its own ru_maxrss.
"""
import os
import sys

home, out = sys.argv[1], sys.argv[2]
for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[name] = os.path.join(home, name.lower())
pid = os.fork()
if pid == 0:
    os.execv(GUIDE, [GUIDE])
_, status, usage = os.wait4(pid, 0)
with open(out, "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
'''
"""The remote command of the load test (GUIDE is filled in when written)."""


def write_rss_wrapper(folder: Path) -> Path:
    """Write the RSS-recording wrapper into `folder`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "guide_with_rss.py"
    path.write_text(f"GUIDE = {str(GUIDE)!r}\n{RSS_WRAPPER}", encoding="utf-8")
    return path
