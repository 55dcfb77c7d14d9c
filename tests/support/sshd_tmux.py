"""Shared machinery for the end-to-end tests: a private sshd, a slowed link, tmux, and the flow.

Everything here runs on 127.0.0.1 only, in temporary folders, and is stopped by whoever started
it (the fixtures use `try/finally`, so a failing test still stops sshd, the proxy and tmux).
A test may skip only when a binary it needs (sshd, ssh, ssh-keygen, tmux) is truly absent: CI
installs them all (`.ci/run`).
"""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import needs
from tests.support.wait import GUARD, NeverHappened, wait_until

ROOT = Path(__file__).resolve().parents[2]
"""The checkout."""
VENV_BIN = Path(sys.executable).parent
"""The bin folder of the Python running the tests: this checkout's venv."""
GUIDE = VENV_BIN / "spasm-guide"
"""The installed entry point the remote side runs (never a copy on the PATH elsewhere)."""
HOSTING_DOC = ROOT / "docs" / "hosting.md"
"""The hosting guide whose Match block the SSH tests use word for word."""
BLOCK_BEGIN = "# BEGIN spasm-guide"
BLOCK_END = "# END spasm-guide"
"""Marker comments around the tested Match block in docs/hosting.md."""
KNOWN_HOST_ALIAS = "guide-under-test"
"""The name a strict client records the host key under (ssh's HostKeyAlias), whatever the port."""



# Binaries ------------------------------------------------------------------------------------


def find_tool(name: str) -> str | None:
    """The absolute path of `name`, also looking in the sbin folders a non-login PATH may lack."""
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
        candidate = Path(folder) / name
        if os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def require_tools(*names: str) -> dict[str, str]:
    """Absolute paths of the tools, or skip the test naming the missing ones (and only then)."""
    paths = {name: find_tool(name) for name in names}
    missing = [name for name, path in paths.items() if path is None]
    if missing:
        needs.missing(", ".join(missing))
    return {name: path for name, path in paths.items() if path is not None}


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Ask a server to stop, and kill it if it has not within 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def xdg_env(home: Path) -> dict[str, str]:
    """XDG folders under `home`, so each session keeps its own settings, state and summaries."""
    env = {}
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    return env


# The hosting guide's Match block --------------------------------------------------------------


def match_block(doc: Path = HOSTING_DOC) -> str:
    """The sshd_config Match block between the marker comments of docs/hosting.md, verbatim."""
    text = doc.read_text(encoding="utf-8")
    start = text.index(BLOCK_BEGIN)
    end = text.index(BLOCK_END, start)
    lines = text[start:end].splitlines()[1:]  # drop the BEGIN marker's own line
    return "\n".join(lines).strip("\n") + "\n"


def shared_account_command(doc: Path = HOSTING_DOC) -> str:
    """The ForceCommand line that docs/hosting.md gives for one shared account, verbatim."""
    found = re.findall(r"^    ForceCommand d=\$\(mktemp -d\).*$", doc.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(found) == 1, found
    return found[0]


def block_for_user(block: str, user: str) -> str:
    """The block with only its `Match` criteria swapped for the test's own account.

    A test cannot create accounts on the machine it runs on, so it logs in as itself; every other
    line of the block is kept word for word, which is what the test proves.
    """
    out, swapped = [], 0
    for line in block.splitlines():
        if line.lstrip().startswith("Match "):
            line, swapped = f"Match User {user}", swapped + 1
        out.append(line)
    assert swapped == 1, f"the hosting block must have exactly one Match line:\n{block}"
    return "\n".join(out) + "\n"


# A private sshd -------------------------------------------------------------------------------


@dataclass
class SshServer:
    """An sshd of our own on 127.0.0.1, and how to reach it."""

    port: int
    """Where it listens."""
    folder: Path
    """Its keys, config, pid file and log."""
    client_key: Path
    """The private key the client logs in with."""
    process: subprocess.Popen[bytes]
    """sshd itself (run with -D, so this is the listener)."""
    user: str
    """The account the client logs in as: the one running the tests."""

    def ssh_argv(self, command: Sequence[str] = (), port: int | None = None,
                 known_hosts: Path | None = None, send_env: Sequence[str] = ()) -> list[str]:
        """An ssh command line that logs in with a pty and runs `command` (if any) remotely.

        With `known_hosts`, the host key must be the one recorded there for the alias
        `KNOWN_HOST_ALIAS` (strict checking, as a reader's client does after the first visit).
        `send_env` names variables of the client's environment to send (`-o SendEnv=LANG`)."""
        checking = ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"] \
            if known_hosts is None else \
            ["-o", "StrictHostKeyChecking=yes", "-o", f"UserKnownHostsFile={known_hosts}",
             "-o", f"HostKeyAlias={KNOWN_HOST_ALIAS}"]
        argv = [
            find_tool("ssh") or "ssh", "-tt", "-q", *checking,
            "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR",
            *(arg for name in send_env for arg in ("-o", f"SendEnv={name}")),
            "-F", "/dev/null", "-i", str(self.client_key), "-p", str(port or self.port),
            f"{self.user}@127.0.0.1",
        ]
        if command:
            argv.append(shlex.join(command))
        return argv

    def log(self) -> str:
        """What sshd said (for failure messages)."""
        return (self.folder / "sshd.log").read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the listener (sessions end with their own ssh clients)."""
        stop_process(self.process)


def make_key(path: Path) -> Path:
    """A new ed25519 key pair at `path` (and `path`.pub), no passphrase; returns `path`."""
    keygen = require_tools("ssh-keygen")["ssh-keygen"]
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "spasm-guide-test", "-f", str(path)],
                   check=True, capture_output=True)
    return path


def start_sshd(folder: Path, extra: str = "", setenv: dict[str, str] | None = None,
               host_key: Path | None = None, client_key: Path | None = None) -> SshServer:
    """Start a private sshd: own host key, own client key, own config; wait until it listens.

    `setenv` goes into the global SetEnv line (the remote PATH and XDG folders); `extra` is
    appended at the end of the config (a Match block must come last). A `host_key` or
    `client_key` given is used instead of a new one (several servers behind one address share
    both: docs/scale-out.md).
    """
    tools = require_tools("sshd", "ssh", "ssh-keygen")
    folder.mkdir(parents=True, exist_ok=True)
    host_key = host_key or make_key(folder / "host_key")
    client_key = client_key or make_key(folder / "client_key")
    authorized = folder / "authorized_keys"
    authorized.write_text(client_key.with_name(client_key.name + ".pub").read_text(encoding="utf-8"),
                          encoding="utf-8")
    # sshd refuses to start without its privilege-separation folder; a fresh container lacks it.
    Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
    port = free_port()
    # The sessions' HOME is a folder of the server's own: the tests log in as the machine's own
    # user, whose shell (bash, for `ForceCommand`'s `shell -c`) reads that user's ~/.bashrc, and
    # a machine's dotfiles are not the hosted account's (docs/hosting.md: an account of its own).
    # One here ran `pyenv init`, whose rehash races in sessions opened at once and wrote to stderr.
    home = folder / "home"
    home.mkdir(exist_ok=True)
    env_line = " ".join(f'{k}="{v}"' for k, v in {"HOME": str(home), **(setenv or {})}.items())
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}",
        "ListenAddress 127.0.0.1",
        f"HostKey {host_key}",
        f"AuthorizedKeysFile {authorized}",
        f"PidFile {folder / 'sshd.pid'}",
        "UsePAM no",           # no PAM stack in a test: keys only
        "StrictModes no",      # the tmp folders are not locked down the way ~/.ssh would be
        "PermitRootLogin prohibit-password",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "LogLevel VERBOSE",
        "MaxStartups 50",      # the load test opens ten sessions at once
        "MaxSessions 50",
        "AcceptEnv LANG LC_*",  # the reader's language, as Debian's own sshd_config accepts it
        *( [f"SetEnv {env_line}"] if env_line else [] ),
        "",
        extra,
    ]) + "\n", encoding="utf-8")
    check = subprocess.run([tools["sshd"], "-t", "-f", str(config)], capture_output=True, text=True)
    assert check.returncode == 0, f"sshd refused the config: {check.stderr}\n{config.read_text()}"
    log = (folder / "sshd.log").open("wb")
    # -D: stay in the foreground (so we own the process); -e: log to stderr (our log file).
    process = subprocess.Popen([tools["sshd"], "-D", "-e", "-f", str(config)], stdout=log, stderr=log,
                               stdin=subprocess.DEVNULL)
    log.close()
    server = SshServer(port=port, folder=folder, client_key=client_key, process=process,
                       user=os_user())
    try:
        wait_until(lambda: "Server listening" in server.log(), lambda: f"sshd starting:\n{server.log()}",
                   give_up=lambda: process.poll() is not None)
    except NeverHappened:
        server.stop()
        raise
    return server


def os_user() -> str:
    """The name of the account running the tests (the one the client logs in as)."""
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


@contextmanager
def running_sshd(folder: Path, extra: str = "", setenv: dict[str, str] | None = None,
                 host_key: Path | None = None, client_key: Path | None = None) -> Iterator[SshServer]:
    """An sshd for the duration of a with-block, stopped however the block ends."""
    server = start_sshd(folder, extra, setenv, host_key, client_key)
    try:
        yield server
    finally:
        server.stop()


def remote_path() -> str:
    """A PATH for remote sessions with this checkout's venv first (so `spasm-guide` is ours)."""
    return f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin"


# A slowed link --------------------------------------------------------------------------------


@dataclass
class SlowLink:
    """A TCP proxy on 127.0.0.1 that limits each direction to `rate` bytes/s plus `latency` s.

    Each direction is a queue: a piece may leave when the link is free (serialisation at
    `rate`) and arrives `latency` later, in order, as on a real narrow link.
    """

    target_port: int
    """The port being slowed (sshd)."""
    rate: float
    """Bytes per second in each direction."""
    latency: float
    """One-way delay in seconds."""
    port: int = 0
    """Where the proxy listens (set by start)."""
    bytes_down: int = 0
    """Bytes carried from the server to the client."""
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def start(self) -> int:
        """Start the proxy in its own thread and event loop; return its port."""
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)

            async def serve() -> None:
                self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
                self.port = self._server.sockets[0].getsockname()[1]
                ready.set()

            loop.run_until_complete(serve())
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, name="slow-link", daemon=True)
        self._thread.start()
        if not ready.wait(GUARD):
            raise AssertionError("the slow link did not start")
        return self.port

    async def _accept(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        for source, sink, down in ((client_reader, server_writer, False), (server_reader, client_writer, True)):
            task = asyncio.ensure_future(self._pipe(source, sink, down))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, down: bool) -> None:
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

        async def receive() -> None:
            link_free = 0.0
            try:
                while data := await source.read(4096):
                    for start in range(0, len(data), 512):
                        piece = data[start : start + 512]
                        leaves = max(loop.time(), link_free) + len(piece) / self.rate
                        link_free = leaves
                        await queue.put((leaves + self.latency, piece))
            except (ConnectionError, OSError):
                pass
            await queue.put(None)

        receiver = asyncio.ensure_future(receive())
        try:
            while (item := await queue.get()) is not None:
                arrives, piece = item
                await asyncio.sleep(max(0.0, arrives - loop.time()))
                sink.write(piece)
                if down:
                    self.bytes_down += len(piece)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            receiver.cancel()
            with suppress(Exception):
                sink.close()

    def stop(self) -> None:
        """Close every connection and the listener, and end the thread."""
        loop = self._loop
        if loop is None or self._thread is None:
            return

        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            for task in list(self._tasks):
                task.cancel()
            await asyncio.sleep(0)

        with suppress(RuntimeError):
            asyncio.run_coroutine_threadsafe(shutdown(), loop).result(GUARD)
            loop.call_soon_threadsafe(loop.stop)
        self._thread.join(GUARD)


@contextmanager
def slow_link(target_port: int, rate: float, latency: float) -> Iterator[SlowLink]:
    """A slowed link to `target_port` for the duration of a with-block."""
    link = SlowLink(target_port, rate, latency)
    link.start()
    try:
        yield link
    finally:
        link.stop()


def terminal_env(**changes: str) -> dict[str, str]:
    """This process's environment as a reader's terminal has it: no COLUMNS or LINES.

    Something in a pytest run exports COLUMNS=80 and LINES=24, and Textual sizes itself from
    them (shutil.get_terminal_size reads them before asking the terminal), so a guide started
    with them would never follow a resize. No terminal a reader uses exports them.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(changes)
    return env


# tmux: a real terminal whose screen we can read ------------------------------------------------


TMUX_CONF = """\
set -g status off
set -g remain-on-exit on
set -g default-terminal tmux-256color
set -sg escape-time 0
set -g history-limit 100
"""
"""No status line (the pane is the whole window), keep a finished pane to read its exit status."""


class Tmux:
    """A private tmux server (its own socket), so tests never touch anyone else's sessions."""

    def __init__(self, folder: Path) -> None:
        self.binary = require_tools("tmux")["tmux"]
        folder.mkdir(parents=True, exist_ok=True)
        self.socket = folder / "tmux.sock"
        self.conf = folder / "tmux.conf"
        self.conf.write_text(TMUX_CONF, encoding="utf-8")

    def run(self, *args: str, check: bool = True) -> str:
        """Run one tmux command against our server; return its output."""
        done = subprocess.run([self.binary, "-S", str(self.socket), "-f", str(self.conf), *args],
                              capture_output=True, text=True, timeout=GUARD, env=terminal_env())
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def new(self, name: str, argv: Sequence[str], size: tuple[int, int] = (80, 24),
            env: dict[str, str] | None = None) -> None:
        """Start `argv` in a new detached session `name` of `size` (columns, rows)."""
        width, height = size
        env_args = [arg for key, value in (env or {}).items() for arg in ("-e", f"{key}={value}")]
        # The exit status goes to a file: tmux sometimes marks a pane dead before it has read the
        # last output or reaped the child, so neither the screen nor #{pane_dead_status} is sure.
        status = self.status_file(name)
        status.unlink(missing_ok=True)
        self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), *env_args,
                 f"{shlex.join(argv)}; echo $? > {shlex.quote(str(status))}.tmp && "
                 f"mv {shlex.quote(str(status))}.tmp {shlex.quote(str(status))}")

    def status_file(self, name: str) -> Path:
        """Where the exit status of session `name`'s program is written when it ends."""
        return self.socket.parent / f"{name}.status"

    def send(self, name: str, *keys: str) -> None:
        """Press keys, by tmux name ("Down", "Enter", "Space", "Escape") or as single characters."""
        self.run("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        """Type `text` literally."""
        self.run("send-keys", "-t", name, "-l", text)

    def screen(self, name: str) -> str:
        """The visible screen as text, one line per row."""
        return self.run("capture-pane", "-p", "-t", name)

    def scrollback(self, name: str) -> str:
        """Everything the pane has shown, from the top of its history (rows as the terminal wrapped
        them): what a finished program said, even after tmux's "Pane is dead" line scrolled it."""
        return self.run("capture-pane", "-p", "-S", "-", "-t", name)

    def cursor_line(self, name: str) -> str:
        """The screen row the terminal cursor is on, from the cursor onwards (what a reader hears)."""
        x, y = (int(n) for n in self.run("display-message", "-p", "-t", name, "#{cursor_x} #{cursor_y}").split())
        rows = self.screen(name).splitlines()
        return rows[y][x:] if y < len(rows) else ""

    def resize(self, name: str, width: int, height: int) -> None:
        """Resize the window as a person dragging the terminal's corner would."""
        self.run("resize-window", "-t", name, "-x", str(width), "-y", str(height))

    def exit_status(self, name: str) -> int | None:
        """The exit status of the pane's program once it has ended, else None."""
        try:
            return int(self.status_file(name).read_text().strip())
        except (FileNotFoundError, ValueError):
            return None

    def wait_for(self, name: str, predicate: Callable[[str], bool] | str, what: str = "",
                 timeout: float = GUARD, poll: float = 0.1) -> str:
        """Poll the screen until `predicate` holds (or a string is on it); return that screen."""
        test = (lambda screen: predicate in screen) if isinstance(predicate, str) else predicate
        last = [""]

        def shown() -> str:
            last[0] = self.screen(name)
            return last[0] if test(last[0]) else ""

        return wait_until(shown, lambda: f"{name}: {what or predicate!r}; the screen was:\n{last[0]}", timeout, poll)

    def wait_dead(self, name: str, timeout: float = GUARD) -> int:
        """Wait until the pane's program ends; return its exit status."""
        ended: list[int] = []

        def status() -> bool:
            code = self.exit_status(name)
            if code is not None:
                ended.append(code)
            return code is not None

        wait_until(status, lambda: f"{name}: the program ending ({self.pane_report(name)}); the screen was:\n"
                   f"{self.screen(name)}", timeout, 0.1)
        return ended[0]

    def pane_report(self, name: str) -> str:
        """The pane's process and what it is waiting on (for a failure message)."""
        info = self.run("display-message", "-p", "-t", name, "#{pane_pid} #{pane_dead} #{pane_dead_status}",
                        check=False).split()
        if not info:
            return "no pane"
        proc = Path("/proc") / info[0]
        try:
            state = next(line for line in (proc / "status").read_text().splitlines() if line.startswith("State"))
            wchan = (proc / "wchan").read_text()
        except (OSError, StopIteration):
            state, wchan = "gone", ""
        return f"pane {info}, process {state} waiting in {wchan or '-'}"

    def kill_server(self) -> None:
        """End every session of our server (and with them ssh clients and guides)."""
        self.run("kill-server", check=False)
        with suppress(FileNotFoundError):
            self.socket.unlink()


@contextmanager
def tmux_server(folder: Path) -> Iterator[Tmux]:
    """A private tmux server for a with-block, killed however the block ends."""
    tmux = Tmux(folder)
    try:
        yield tmux
    finally:
        tmux.kill_server()


# The flow a person follows --------------------------------------------------------------------


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
