"""A file's path too long for a row, in a section, help or a page (`wrap_spans`), is broken after a
"/", as a message's is (`wrap_message`): a console screen reader says each row as a line, and
"settings.tom" then "l. Under a line" are not words (heard in Help at 80x24 with a long home)."""

from __future__ import annotations

import random

import pytest

from tui.data.wrap import wrap_spans

pytestmark: list[pytest.MarkDecorator] = []

HELP_LINE = "Your settings are in /tmp/walk/homes/sections-80x24/c/spasm-guide/settings.toml. Under a line"


def rows(text: str, width: int) -> list[str]:
    return [text[start:end] for start, end, _indent in wrap_spans(text, width)]


def test_the_help_line_heard_split_is_broken_after_a_slash() -> None:
    assert rows(HELP_LINE, 30) == ["Your settings are in", "/tmp/walk/homes/", "sections-80x24/c/spasm-guide/",
                                   "settings.toml. Under a line"]


@pytest.mark.parametrize("seed", range(200))
def test_a_long_path_breaks_only_after_a_slash_where_its_parts_fit(seed: int) -> None:
    chance = random.Random(seed)
    width = chance.randint(12, 60)
    parts = ["".join(chance.choice("abcdefgh.-_") for _ in range(chance.randint(1, width + 5)))
             for _ in range(chance.randint(2, 8))]
    text = f"Saved in /{'/'.join(parts)} just now"
    spans = wrap_spans(text, width)
    assert "".join(text[start:end] for start, end, _ in spans).replace(" ", "") == text.replace(" ", "")
    assert all(end - start <= width for start, end, _ in spans)
    for start, end, _ in spans:
        if end < len(text) and text[end] != " ":  # a row that ends inside the path
            # ... ends after a "/", unless the row has none to end after (one part longer than a row).
            assert text[end - 1] == "/" or "/" not in text[start + 1:end], (text[start:end], width)
