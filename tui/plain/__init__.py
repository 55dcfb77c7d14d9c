"""The linear, no-redraw modes: plain text output and numbered prompts. No Textual imports."""
