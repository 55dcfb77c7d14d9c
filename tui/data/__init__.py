"""Pure logic: content, settings, triage, text helpers. Nothing here imports Textual."""
