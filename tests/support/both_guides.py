"""The English and the Spanish guide as their content folders hold them, each loaded once a test
process: both guides and both checklists, for the tests that hold one against the other
(tests/test_spanish_guide_*.py)."""

from __future__ import annotations

from pathlib import Path

from tui.data.checklist import load_checklist
from tui.data.content import load_guide

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""
ENGLISH_DIR = ROOT / "content" / "muscle-spasms"
SPANISH_DIR = ROOT / "content" / "muscle-spasms-es"

EN = load_guide(ENGLISH_DIR)
ES = load_guide(SPANISH_DIR)
EN_LIST = load_checklist(ENGLISH_DIR)
ES_LIST = load_checklist(SPANISH_DIR)
"""Each guide and its checklist, loaded as the guide loads them."""
