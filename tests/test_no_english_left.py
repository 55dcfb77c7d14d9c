"""`--lang es` leaves no English phrase anywhere: every screen and dialog of the full screen (at
80x24 and 40x12), --plain, --accessible, --checklist, and the speech log.

What counts as English is learnt, not listed by hand: the same walk is run in English, and a word
of the Spanish walk is English when the English walk showed it too and no Spanish text of the
guide has it (the Spanish guide's own files and the Spanish catalogue's translations: "no", "a",
"MedlinePlus" are in both languages). Key names every keyboard prints ("Esc", "Tab", "Ctrl") are
shared; so are numbers, and file paths and commands ("~/.config/spasm-guide", "--plain"), which
are not words to translate. Each English phrase is reported with where it was seen, so a
failure is the list of what is left to translate.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.pilot import make_app, screen_lines
from tests.support.speech_fake import FakeClient
from tui.data.language_choice import LANGUAGE_NAMES
from tui.data.settings import Settings
from tui.data.words import DOMAIN, LOCALE_DIR, use_language
from tui.fullscreen.app import GuideApp

pytestmark = [pytest.mark.pilot, pytest.mark.e2e]  # the walk in-process, then --plain and the prompts as commands

ROOT = Path(__file__).resolve().parent.parent
GUIDES = {"en": ROOT / "content" / "muscle-spasms", "es": ROOT / "content" / "muscle-spasms-es"}
SIZES = ((80, 24), (40, 12))

SHARED_WORDS = frozenset({"esc", "tab", "ctrl", "shift", "alt", "f1", "ok", "pdf", "wav", "ssh", "lang", "eu", "uk",
                          "us"})
"""Words both languages write the same way that no guide text need contain: key names as printed
on keys, and abbreviations."""

TOKEN = re.compile(r"\S+")
WORD = re.compile(r"[^\W\d_]{2,}")
"""A word: two letters or more (a single letter is a key, "q", "e")."""
NOT_WORDS = re.compile(r"[/\\=~@_]|^-|\w[.-]\w|^\$")
"""A token that is a path, an option, a command or a file name, not words to translate."""


@dataclass(frozen=True)
class Seen:
    """One line of output, and where it was seen."""

    where: str
    line: str


def tokens(line: str) -> Iterator[str]:
    """The words of a line to judge, lower case (paths, options and numbers left out)."""
    for token in TOKEN.findall(line):
        if NOT_WORDS.search(token):
            continue
        yield from (word.lower() for word in WORD.findall(token))


# ---- The full screen --------------------------------------------------------------------------

class Walk:
    """A pilot session that records every screen it is shown."""

    def __init__(self, app: GuideApp, pilot: object, size: tuple[int, int], lines: list[Seen]) -> None:
        self.app, self.pilot, self.size, self.lines = app, pilot, size, lines

    async def look(self, name: str) -> None:
        await self.pilot.pause()  # type: ignore[attr-defined]
        await self.pilot.pause()  # type: ignore[attr-defined]
        where = f"full screen {self.size[0]}x{self.size[1]}, {name}"
        self.lines += [Seen(where, line) for line in screen_lines(self.app) if line.strip()]

    async def press(self, *keys: str) -> None:
        await self.pilot.press(*keys)  # type: ignore[attr-defined]

    async def with_help(self, name: str) -> None:
        """The screen, then its help, then back."""
        await self.look(name)
        await self.press("question_mark")
        await self.look(f"help on {name}")
        await self.press("escape")
        await self.pilot.pause()  # type: ignore[attr-defined]


async def walk_full_screen(language: str, size: tuple[int, int], tmp: Path) -> tuple[list[Seen], list[Seen]]:
    """Every screen and dialog a reader can reach, in `language` at `size`; and what was spoken."""
    use_language(language)
    app = make_app(Settings(self_voicing=True), tmp=tmp, content=GUIDES[language])
    lines: list[Seen] = []
    fake = FakeClient()
    app.reader.client = fake  # before it starts: self-voicing speaks the start screen
    async with app.run_test(size=size) as pilot:
        walk = Walk(app, pilot, size, lines)
        await walk.with_help("start screen")
        for place in ("contents", "search", "settings", "about"):
            app.open_destination(place)
            await walk.with_help(place)
            if place == "settings":
                await walk.press("end")
                await walk.look("settings, its last group")
            await walk.press("escape")
        for number in range(1, len(app.guide.sections) + 1):
            app.open_section(number)
            await walk.look(f"section {number}")
        await walk.press("r")
        await walk.look("a section read aloud")
        await walk.press("x")
        await walk.press("question_mark")
        await walk.look("help on a section")
        await walk.press("escape", "escape")
        await walk.press("k")
        await walk.with_help("checklist")
        await walk.press("end", "space")
        await walk.look("checklist, an item chosen")
        await walk.press("tab")
        await walk.look("checklist, the result")
        await walk.press("tab", "c")
        await walk.look("dialog: clear every selection")
        await walk.press("escape", "s")
        await walk.look("dialog: the doctor's first question")
        await walk.press("escape", "escape")
        app.open_destination("cramp_now")
        await walk.with_help("cramp now")
        await walk.press("t")
        await walk.look("cramp now, the time")
        await walk.press("n")
        await walk.look("cramp now, not eased")
        await walk.press("escape", "escape")
    spoken = [Seen(f"speech log, self-voicing at {size[0]}x{size[1]}", line)
              for chunks in fake.spoken for text in chunks for line in text.splitlines() if line.strip()]
    use_language("en")
    return lines, spoken


# ---- The plain modes --------------------------------------------------------------------------

PLAIN_RUNS: dict[str, tuple[list[str], str]] = {
    "--plain": (["--plain"], ""),
    "--accessible": (["--accessible"], "3\n\n4\n\n1\n1\n\n\n0\n"),
    "--checklist": (["--checklist"], "1\n0\n"),
}
"""Each prompt mode with answers that visit its menus (help, About, a section; an item chosen and
the result)."""


def plain_runs(language: str) -> list[Seen]:
    """What each plain mode prints, with `--lang`."""
    lines: list[Seen] = []
    for name, (argv, answers) in PLAIN_RUNS.items():
        done = subprocess.run([sys.executable, "-m", "tui", "--lang", language, *argv], input=answers,
                              capture_output=True, text=True, timeout=120, cwd=ROOT)
        lines += [Seen(name, line) for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return lines


# ---- The judgement ----------------------------------------------------------------------------

def spanish_texts() -> str:
    """The Spanish guide's own files, one string, spaces collapsed: an English title it quotes
    (a source's) is the guide's text, not a phrase of the interface."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(GUIDES["es"].rglob("*"))
             if path.is_file() and path.suffix in (".md", ".toml", ".txt")]
    return " ".join(" ".join(texts).split())


def spanish_vocabulary() -> set[str]:
    """Every word of the Spanish guide's files and of the Spanish catalogue's translations."""
    words = set(tokens(spanish_texts()))
    catalogue = LOCALE_DIR / "es" / "LC_MESSAGES" / f"{DOMAIN}.po"
    translated = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$|^"(.*)"$', catalogue.read_text(encoding="utf-8"), re.MULTILINE)
    for one, two in translated:
        words |= set(tokens(one or two))
    return words


def english_phrases(seen: list[Seen], english: set[str], spanish: set[str]) -> list[str]:
    """Each English phrase in a line, with where it was seen, each once. A phrase starts and ends
    with a word only English has (seen in the English walk, in no Spanish text of the guide);
    words of both languages ("the" in a quoted title, "no") and numbers may stand inside it. A
    phrase the Spanish guide's own text has (a source's English title) is not the interface's."""
    shared = SHARED_WORDS | {word.lower() for word in LANGUAGE_NAMES.values()}
    corpus = spanish_texts()
    found: dict[str, None] = {}

    def close(run: list[str], kind: list[bool], where: str) -> None:
        while kind and not kind[-1]:
            run.pop()
            kind.pop()
        phrase = " ".join(run)
        if run and phrase.strip("\"'.,:;()") not in corpus:
            found.setdefault(f"{where}: {phrase}", None)

    for item in seen:
        run: list[str] = []
        kind: list[bool] = []  # True: a word only English has
        for token in TOKEN.findall(item.line):
            words = [] if NOT_WORDS.search(token) else [w.lower() for w in WORD.findall(token)]
            only_english = bool(words) and all(w in english and w not in spanish and w not in shared for w in words)
            either = not words or all(w in english or w in shared for w in words)
            if only_english:
                run.append(token)
                kind.append(True)
            elif run and either:
                run.append(token)
                kind.append(False)
            else:
                close(run, kind, item.where)
                run, kind = [], []
        close(run, kind, item.where)
    return list(found)


async def test_no_english_phrase_is_left_in_spanish(tmp_path: Path) -> None:
    seen: dict[str, list[Seen]] = {"en": [], "es": []}
    for language in ("en", "es"):
        for size in SIZES:
            folder = tmp_path / f"{language}-{size[0]}x{size[1]}"
            folder.mkdir()
            lines, spoken = await walk_full_screen(language, size, folder)
            seen[language] += lines + spoken
        seen[language] += plain_runs(language)
    english = {word for item in seen["en"] for word in tokens(item.line)}
    spanish = spanish_vocabulary()
    # The walk is not vacuous: it saw each place, dialogs and the speech log, in both languages,
    # and the same judgement finds plenty of English in the English walk.
    for language in ("en", "es"):
        wheres = {item.where for item in seen[language]}
        assert any("speech log" in w for w in wheres) and any("dialog" in w for w in wheres), language
        assert {"--plain", "--accessible", "--checklist"} <= wheres, language
    assert len(english_phrases(seen["en"], english, spanish)) > 100
    left = english_phrases(seen["es"], english, spanish)
    assert not left, f"{len(left)} English phrases with --lang es:\n" + "\n".join(left)
