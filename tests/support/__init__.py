"""What the tests and the benchmarks (bench/) share: running the guide on a pty, in tmux, through
a real sshd, under a screen reader, with a private PulseAudio; the seeded random keys; and one
way to wait (`wait.wait_until`).

- `wait`: the one polling helper and the one guard against a hang.
- `ptydrive`: a program on a real pty, every byte it writes with its time, and what a terminal
  (pyte) shows.
- `guide_pty`: the guide on a pty with its own folders and a marker that finds every process it
  started.
- `keyfuzz`: seeded random keys, pastes and resizes, for the fuzz test and the soak benchmark.
- `pilot`: the app under Textual's pilot, and what its screen shows.
- `host_tools`: where the guide is installed, the tools the tests start, a free port, the
  environment a guide runs with.
- `private_sshd`: a private OpenSSH server with docs/hosting.md's Match block.
- `slow_link`: a TCP proxy that slows a link to a rate and a latency.
- `tmux_drive`: tmux sessions as real terminals whose screen a test reads.
- `checklist_flow`: the checklist flow a person follows, and what a session leaves behind.
- `screen_reader`: the guide under a real console screen reader with a transcript of its speech.
- `pulse`: a private PulseAudio with a null sink to record playback.
- `speech_fake`: a speech client that records what it is asked to say.
"""
