"""The Spanish guide's sentences as a listener hears them: every text of the guide a listener can
hear, split by Spanish rules and put in the voice's words, as the guide sends them to eSpeak NG.

Shared by the audio tests that speak each sentence (tests/test_spanish_speech.py) and the pure
tests that check the list is whole (tests/test_spanish_speech_words.py).
"""

from __future__ import annotations

import functools
from pathlib import Path

from tui.data.care_routes import routes_for
from tui.data.checklist import load_checklist
from tui.data.content import load_guide
from tui.data.cramp_now import load_cramp_now
from tui.data.pages import about_page
from tui.data.sentences import spoken_text, text_chunks
from tui.data.settings import REGIONS
from tui.data.triage import triage
from tui.data.words import in_language

SPANISH_DIR = Path(__file__).resolve().parent.parent.parent / "content" / "muscle-spasms-es"
GUIDE = load_guide(SPANISH_DIR)
VOICE = GUIDE.language.voice


def heard_texts() -> dict[str, list[str]]:
    """Every text of the Spanish guide a listener can hear, by where it is (before sentences);
    About with the interface's words in Spanish, as a Spanish reader gets it."""
    checklist, cramp = load_checklist(SPANISH_DIR), load_cramp_now(SPANISH_DIR)
    results = [triage(checklist, (item.id,), routes_for(region, "es"))
               for region in REGIONS for item in checklist.items]
    with in_language(GUIDE.language.code):
        about = about_page(GUIDE)
    return {
        "sections": [paragraph for section in GUIDE.sections
                     for paragraph in (section.title, *section.plain_paragraphs())],
        "about": [about.title, *about.plain_paragraphs()],
        "get help": list(GUIDE.get_help),
        "checklist": [checklist.title, checklist.intro, *(group.title for group in checklist.groups),
                      *(item.text for item in checklist.items),
                      *(line.text for item in checklist.items for line in item.actions),
                      *(caution for caution in checklist.cautions.values() if caution)],
        "results": [text for result in results for text in (result.headline, *result.reasons, *result.actions,
                                                             *result.advice, result.safety_net, *result.cautions)],
        "cramp now": [cramp.title, cramp.question, cramp.eased.headline, *cramp.eased.advice,
                      cramp.eased.safety_net, *(m.name for m in cramp.muscles),
                      *(step for m in cramp.muscles for step in m.steps)],
    }


@functools.cache
def heard_sentences() -> dict[str, str]:
    """Each sentence as the guide sends it to the voice (split by Spanish rules, then its words
    for the voice: tui.data.sentences.spoken_text), once, with where it was first found (worked out once a process)."""
    sentences: dict[str, str] = {}
    for where, texts in heard_texts().items():
        for text in texts:
            for chunk in text_chunks(text, language=GUIDE.language.code):
                sentences.setdefault(spoken_text(chunk.text, VOICE), where)
    return sentences
