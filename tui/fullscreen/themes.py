"""The guide's own high-contrast themes, and the list of themes a user may choose.

Textual ships no high-contrast theme. These two set every colour the guide draws with
explicitly, so nothing is derived (and dimmed) behind our back: body text is at least 7:1
(WCAG 1.4.6), all text at least 4.5:1 (1.4.3), focus marks and separators at least 3:1 (1.4.11).
`tests/test_themes.py` computes those ratios from the resolved CSS variables.
"""

from __future__ import annotations

from textual.theme import Theme

HC_DARK = Theme(
    name="hc-dark",
    primary="#ffd700",
    secondary="#00e5ff",
    accent="#ffd700",
    warning="#ffd700",
    error="#ff8080",
    success="#7fff7f",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    variables={
        "emergency-foreground": "#ffffff",
        "emergency-background": "#a00000",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#ffd700",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#ffffff",
        "block-cursor-blurred-background": "#333333",
        "block-hover-background": "#000000",
        "footer-foreground": "#ffffff",
        "footer-background": "#1a1a1a",
        "footer-key-foreground": "#ffd700",
        "footer-key-background": "#1a1a1a",
        "footer-description-foreground": "#ffffff",
        "footer-description-background": "#1a1a1a",
        "footer-item-background": "#1a1a1a",
        "border": "#ffd700",
        "border-blurred": "#8c8c8c",
        "text-muted": "#e0e0e0",
        "note-foreground": "#00e5ff",
        "highlight-foreground": "#000000",
        "highlight-background": "#00e5ff",
        "input-cursor-foreground": "#000000",
        "input-cursor-background": "#ffffff",
        "input-selection-background": "#00e5ff 40%",
        "scrollbar": "#8c8c8c",
        "scrollbar-background": "#000000",
        "scrollbar-hover": "#ffd700",
        "scrollbar-active": "#ffd700",
    },
)
"""White on black, yellow focus: the default."""

HC_LIGHT = Theme(
    name="hc-light",
    primary="#00008b",
    secondary="#004d66",
    accent="#00008b",
    warning="#6b4f00",
    error="#a00000",
    success="#005a00",
    foreground="#000000",
    background="#ffffff",
    surface="#ffffff",
    panel="#ececec",
    dark=False,
    variables={
        "emergency-foreground": "#ffffff",
        "emergency-background": "#a00000",
        "block-cursor-foreground": "#ffffff",
        "block-cursor-background": "#00008b",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-foreground": "#000000",
        "block-cursor-blurred-background": "#d0d0d0",
        "block-hover-background": "#ffffff",
        "footer-foreground": "#000000",
        "footer-background": "#ececec",
        "footer-key-foreground": "#00008b",
        "footer-key-background": "#ececec",
        "footer-description-foreground": "#000000",
        "footer-description-background": "#ececec",
        "footer-item-background": "#ececec",
        "border": "#00008b",
        "border-blurred": "#6e6e6e",
        "text-muted": "#1f1f1f",
        "note-foreground": "#004d66",
        "highlight-foreground": "#ffffff",
        "highlight-background": "#004d66",
        "input-cursor-foreground": "#ffffff",
        "input-cursor-background": "#000000",
        "input-selection-background": "#004d66 40%",
        "scrollbar": "#6e6e6e",
        "scrollbar-background": "#ffffff",
        "scrollbar-hover": "#00008b",
        "scrollbar-active": "#00008b",
    },
)
"""Black on white, dark blue focus."""

OWN_THEMES = (HC_DARK, HC_LIGHT)
"""Themes the app registers; the ansi-dark and ansi-light themes are Textual's own."""

CONTRAST_PAIRS: tuple[tuple[str, str, float, str], ...] = (
    ("foreground", "background", 7.0, "body text"),
    ("text-muted", "background", 4.5, "secondary text"),
    ("note-foreground", "background", 4.5, "notes and additions"),
    ("emergency-foreground", "emergency-background", 7.0, "the emergency line"),
    ("block-cursor-foreground", "block-cursor-background", 7.0, "the focused item"),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background", 4.5, "an unfocused highlight"),
    ("footer-key-foreground", "footer-background", 4.5, "footer keys"),
    ("footer-description-foreground", "footer-background", 4.5, "footer descriptions"),
    ("highlight-foreground", "highlight-background", 4.5, "the sentence being read"),
    ("error", "background", 4.5, "warning text"),
    ("border", "background", 3.0, "focus borders and marks"),
    ("border-blurred", "background", 3.0, "separators"),
    ("block-cursor-background", "background", 3.0, "the focus mark against the page"),
)
"""(foreground variable, background variable, minimum ratio, what it is): checked in a test."""
