"""The longest tests first, so the parallel stage does not end waiting on one long test.

pytest-xdist hands tests to its workers in the order they were collected (alphabetical, by
module): a 90-second key fuzz collected near the end started when the other workers had little
left, and the stage then waited on it alone. `longest_first` moves the tests named in `COST`
to the front, longest first (the longest-processing-time rule), and leaves the rest in their
order. Each worker sorts the same way, so they still collect the same list.

`COST` is each long test's seconds in the parallel stage (`pytest -n 4 -m "not serial"
--durations=60`, on the shared two-core machine at a load of 2.3 rising to 6.5; the largest of its
cases for a parametrised test; every test of 5 s or more). A test that is missing or out of date
here only runs later: refresh the table when a test joins the long ones or leaves them. Tests in
an `xdist_group` go to one worker as a block before any other test (pytest-xdist's
`--loadscope-reorder`), whatever their order.
"""

from __future__ import annotations

import pytest

COST: dict[str, float] = {
    "tests/test_key_fuzz.py::test_random_keys_and_resizes_through_a_pty_never_crash": 49.7,
    "tests/test_memory.py::test_new_window_sizes_leave_no_more_live_regions": 30.6,
    "tests/test_packaging.py::test_the_sdist_carries_what_its_tests_read_and_they_pass": 25.8,
    "tests/test_spanish_speech.py::test_every_sentence_of_the_guide_is_speech": 23.7,
    "tests/test_no_english_left.py::test_no_english_phrase_is_left_in_spanish": 20.9,
    "tests/test_memory.py::test_rounds_of_keys_leave_no_more_live_objects": 20.6,
    "tests/test_screen_reader_walk.py::test_a_full_walk_is_heard_whole_in_order_and_only_when_asked": 18.9,
    "tests/test_braille_walk.py::test_every_screen_on_40_cells_routing_changes_nothing_and_marks_stay_short": 15.4,
    # 14.3 s alone at a load of 1 (the reader's fastest speech: 13 s of audio played in real time)
    "tests/test_hosting_doc_commands.py::test_the_players_in_the_table_play_the_stream": 14.8,
    "tests/test_scale_out.py::test_readers_through_haproxy_share_one_host_key_survive_a_lost_host_and_a_hog": 14.4,
    "tests/test_packaging.py::test_wheel_installs_in_a_fresh_venv_and_prints_the_guide": 5.4,  # 13.4 seeding pip
    "tests/test_readme_first_command.py::"
    "test_the_first_command_ends_with_the_guide_open_and_leaves_it_and_its_manual_reachable": 11.1,
    "tests/test_lean_driver.py::test_caps_by_terminfo": 10.6,
    "tests/test_host_limits.py::test_an_idle_reader_is_warned_then_closed_and_keeps_the_checklist": 10.0,
    "tests/test_memory.py::test_the_esc_history_is_bounded_and_still_walks_back": 8.2,
    "tests/test_issue17_cases.py::test_each_case_on_the_full_screen": 8.1,  # one app a region
    "tests/test_ssh_load.py::test_ten_concurrent_ssh_sessions_each_complete_the_flow_with_their_own_state": 7.6,
    "tests/test_braille_walk.py::test_a_routing_key_puts_the_cursor_on_its_cell_and_the_next_screen_gets_no_keys": 7.5,
    "tests/test_hostile_floods.py::test_an_unterminated_paste_of_40_mb": 6.6,
    "tests/test_resize_fuzz.py::test_random_resizes_and_keys_never_crash_and_keep_the_cursor_on_screen": 6.5,
    "tests/test_timer_in_the_past.py::test_textual_still_freezes_on_a_timer_in_the_past_untuned": 6.2,
    "tests/test_screen_reader_said.py::test_every_word_said_is_a_whole_word_of_the_guide": 5.7,
    "tests/test_speech_audio.py::test_whole_guide_to_one_wav": 5.2,
    "tests/test_terminals.py::test_under_lang_c_nothing_but_ascii_reaches_the_terminal": 5.1,
}
"""Seconds each long test took, by its file and function (see the module's doc)."""


def function_of(item: pytest.Item) -> str:
    """`path::function` of a test: its node id without its case (`[...]`) or xdist group (`@...`)."""
    return item.nodeid.split("[", 1)[0].split("@", 1)[0]


def longest_first(items: list[pytest.Item]) -> None:
    """Sort `items` in place: the tests in `COST`, longest first, then every other test in the
    order it had (a stable sort)."""
    items.sort(key=lambda item: -COST.get(function_of(item), 0.0))
