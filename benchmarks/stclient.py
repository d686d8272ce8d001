"""A Streamlit session without a browser: Streamlit's own websocket protocol, for load tests.

One :class:`Session` does what a browser tab does on the wire: it fetches the page (``GET /``,
keeping the cookies a proxy sets, such as serve.sh's sticky-session cookie), opens
``/_stcore/stream`` with those cookies and the ``streamlit`` subprotocol, sends a ``BackMsg``
``rerun_script`` (with a query string, as a page load or a share link does) and reads
``ForwardMsg``s until ``script_finished``. What the run showed (Markdown, code, headings,
alerts) is kept as text so a caller can check the answer, not only that an answer came.

Used by benchmarks/bench_load.py and tests/test_serve.py. Only talks to the URL it is given.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

__all__ = ["Run", "Session", "StreamlitError"]


class StreamlitError(RuntimeError):
    """The server did not answer as a Streamlit app should (status, closed socket, timeout)."""


@dataclass
class Run:
    """One script run as the client saw it."""

    seconds: float
    bytes: int = 0
    messages: int = 0
    texts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # exceptions, error boxes, an unfinished run
    query_string: str = ""  # what the app put in the address bar
    downloads: dict[str, str] = field(default_factory=dict)  # download button label -> deferred file id

    def text(self) -> str:
        return "\n".join(self.texts)


async def _get_cookies(base_url: str, timeout: float) -> dict[str, str]:
    """``GET /`` as a browser opens the page; the cookies it sets (name -> value)."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        request = f"GET / HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
        writer.write(request.encode())
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)
    finally:
        writer.close()
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines[0].startswith("HTTP/1.1 200") or b"<html" not in body.lower():
        raise StreamlitError(f"GET / answered {lines[0]!r}")
    cookies = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            key, _, val = value.strip().split(";", 1)[0].partition("=")
            cookies[key] = val
    return cookies


class Session:
    """One browser tab's session against ``base_url`` (``http://host:port``)."""

    def __init__(self, base_url: str, *, timeout: float = 30.0, locale: str = "nl-NL"):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.locale = locale
        self.cookies: dict[str, str] = {}
        self.page_script_hash = ""
        self.session_id = ""
        self._ws = None
        self._requests = 0

    async def open(self) -> float:
        """Fetch the page and open the websocket; returns the seconds it took."""
        start = time.perf_counter()
        self.cookies = await _get_cookies(self.base_url, self.timeout)
        headers = {"Origin": self.base_url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        ws_url = "ws" + self.base_url[len("http") :] + "/_stcore/stream"
        self._ws = await connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,
            open_timeout=self.timeout,
            close_timeout=2,
            ping_interval=None,  # a browser answers the server's pings but sends none of its own
        )
        return time.perf_counter() - start

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    async def __aenter__(self) -> Session:
        await self.open()
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()

    def _rerun_message(self, query_string: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query_string
        state.page_script_hash = self.page_script_hash
        state.context_info.url = self.base_url + "/"
        state.context_info.timezone = "Europe/Amsterdam"
        state.context_info.timezone_offset = -60
        state.context_info.locale = self.locale
        return msg.SerializeToString()

    async def rerun(self, query_string: str = "") -> Run:
        """Run the script with this query string (a page load, or opening a link) and wait for the end."""
        if self._ws is None:
            raise StreamlitError("the session is not open")
        start = time.perf_counter()
        run = Run(seconds=0.0, query_string=query_string)
        await self._ws.send(self._rerun_message(query_string))
        deadline = start + self.timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise StreamlitError(f"no script_finished within {self.timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(self._ws.recv(), left)
            except TimeoutError:
                raise StreamlitError(f"no script_finished within {self.timeout:.0f} s") from None
            except Exception as exc:  # the connection closed
                raise StreamlitError(f"websocket: {exc}") from exc
            run.bytes += len(raw)
            run.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self._read_delta(msg, run)
            elif kind == "navigation":
                self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "new_session":
                self.session_id = msg.new_session.initialize.session_id or self.session_id
                self.page_script_hash = self.page_script_hash or msg.new_session.main_script_hash
            elif kind == "page_info_changed":
                run.query_string = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                run.errors.append(f"page not found: {msg.page_not_found.page_name}")
            elif kind == "script_finished":
                status = msg.script_finished
                if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    run.errors.append(f"script finished with {ForwardMsg.ScriptFinishedStatus.Name(status)}")
                run.seconds = time.perf_counter() - start
                return run

    async def deferred_file_url(self, file_id: str) -> str:
        """Ask for a deferred download as the browser does on a click; the URL to fetch it from."""
        if self._ws is None:
            raise StreamlitError("the session is not open")
        self._requests += 1
        msg = BackMsg()
        msg.backend_operation_request.request_id = request_id = f"req-{self._requests}"
        msg.backend_operation_request.session_id = self.session_id
        msg.backend_operation_request.deferred_file.file_id = file_id
        await self._ws.send(msg.SerializeToString())
        deadline = time.perf_counter() + self.timeout
        while (left := deadline - time.perf_counter()) > 0:
            try:
                raw = await asyncio.wait_for(self._ws.recv(), left)
            except TimeoutError:
                break
            answer = ForwardMsg()
            answer.ParseFromString(raw)
            if answer.WhichOneof("type") == "backend_operation_response":
                response = answer.backend_operation_response
                if response.request_id == request_id:
                    if response.error_msg:
                        raise StreamlitError(f"deferred file: {response.error_msg}")
                    return response.deferred_file.url
        raise StreamlitError(f"no answer about the deferred file within {self.timeout:.0f} s")

    @staticmethod
    def _read_delta(msg: ForwardMsg, run: Run) -> None:
        if msg.delta.WhichOneof("type") != "new_element":
            return
        element = msg.delta.new_element
        kind = element.WhichOneof("type")
        if kind == "markdown":
            run.texts.append(element.markdown.body)
        elif kind == "code":
            run.texts.append(element.code.code_text)
        elif kind == "heading":
            run.texts.append(element.heading.body)
        elif kind == "alert":
            run.texts.append(element.alert.body)
            if element.alert.format == element.alert.ERROR:
                run.errors.append(f"error box: {element.alert.body[:200]}")
        elif kind == "download_button" and element.download_button.deferred_file_id:
            run.downloads[element.download_button.label] = element.download_button.deferred_file_id
        elif kind == "exception":
            run.errors.append(f"exception: {element.exception.type}: {element.exception.message[:200]}")
