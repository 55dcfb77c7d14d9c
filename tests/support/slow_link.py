"""A slowed link: a TCP proxy on 127.0.0.1 that holds each direction to a rate and a latency, as
a narrow line does, between an ssh client and the private sshd."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from tests.support.wait import GUARD


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
