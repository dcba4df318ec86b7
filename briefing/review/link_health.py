"""``python -m briefing links``: is every cited address still there? For a scheduled job.

Every web address the sources give (``url``, a copy's ``url``, ``archive_url``,
``publisher_site``) is fetched once: its HTTP status, where it redirects to, and whether
an archived copy is recorded (``archive_url``) or, optionally, found in an archive
(``--archive-lookup``: the Internet Archive's availability API, or any service that
answers the same way). The result is a report in JSON (for tools) and Markdown (for the
job summary), sorted by address so two runs compare line by line.

Bounded: each request has a timeout for connecting and for every read, and a deadline of
three timeouts for the whole response (redirects, headers and body), enforced while a read
is blocked (the sockets are shut down at the deadline); at most ``concurrency`` requests
run at once; at most :data:`MAX_REDIRECTS` redirects are followed, only to http(s)
addresses; a body is never read beyond :data:`MAX_BODY` bytes.

Public addresses only (:mod:`briefing.addresses`): every name is resolved once, every
address it gives must be public, and the connection goes to those addresses; each
redirect's target is vetted the same way before it is followed or recorded, so an
internal address is never connected to and never appears in the report. No proxy of the
environment is used (the address vetted must be the one connected to).

Nothing is written but the two report files, each as a new file renamed into place in a
folder opened without following a link: a link planted in the folder is replaced, never
written through.

Statuses: ``ok`` (2xx after any redirects), ``redirected`` (ok, but at another address:
update the data), ``blocked`` (401, 403, 429: the site refused a robot, which says nothing
about the page; look in a browser), ``broken`` (other 4xx, 5xx), ``unreachable`` (timeout,
refused connection, unknown host, too many redirects, a redirect to something other than
http(s)), ``refused`` (the address, or a redirect, points inside a private network).

Polite: an answer that may pass (no answer, 429, 502, 503, 504) is asked again up to
``retries`` times, waiting ``backoff`` seconds and twice as long each time
(:func:`fetch_with_retries`); at most ``per_host`` requests go to one host at once
(:class:`HostLimits`), whatever the overall concurrency.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import http.client
import json
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from briefing.addresses import IP, InternalAddress, Resolver, resolve
from briefing.model.records import Dataset

#: The fields of a source that hold a web address, in the order the report lists them.
URL_FIELDS = ("url", "copy_url", "archive_url", "publisher_site")
MAX_REDIRECTS = 5
MAX_BODY = 64 * 1024
#: The Internet Archive's availability API: ``?url=`` → ``archived_snapshots.closest.url``.
WAYBACK_API = "https://archive.org/wayback/available"
USER_AGENT = "briefing-link-health/1 (+https://github.com/; checks the sources a briefing cites)"
#: Answers that say the site refused the robot, not that the page is gone.
BLOCKED = frozenset({401, 403, 429})
#: Answers worth asking again after a wait.
TRANSIENT = frozenset({429, 502, 503, 504})
STATUSES = ("ok", "redirected", "blocked", "broken", "unreachable", "refused")


@dataclass(frozen=True, slots=True)
class Cited:
    """A web address and where the data gives it: (source id, field) pairs."""

    url: str
    places: tuple[tuple[str, str], ...]
    #: The archived copy the data records for a source citing this address (url field).
    archive_url: str | None = None


@dataclass(slots=True)
class Result:
    url: str
    places: list[str]
    status: str
    http_status: int | None = None
    final_url: str | None = None
    redirects: list[str] = field(default_factory=list)
    error: str | None = None
    archive_recorded: str | None = None
    archive_found: str | None = None


def cited_addresses(data: Dataset) -> list[Cited]:
    """Every address the sources give, once, with the places that give it, sorted."""
    places: dict[str, list[tuple[str, str]]] = {}
    archives: dict[str, str] = {}
    for source in data.sources.values():
        for name in URL_FIELDS:
            value = source.copy.url if name == "copy_url" and source.copy else getattr(source, name, None)
            if value:
                places.setdefault(value, []).append((source.id, name))
        if source.url and source.archive_url:
            archives.setdefault(source.url, source.archive_url)
    return [Cited(url, tuple(sorted(where)), archives.get(url)) for url, where in sorted(places.items())]


@dataclass(frozen=True, slots=True)
class Policy:
    """Where ``links`` may connect: public addresses only (:mod:`briefing.addresses`).
    ``resolver`` and ``allowed`` exist for tests (a fake DNS, the test's own server)."""

    resolver: Resolver = socket.getaddrinfo
    allowed: Callable[[IP, int], bool] | None = None


#: The policy ``links`` runs with (tests replace it to reach their server on 127.0.0.1).
DEFAULT_POLICY = Policy()


class _Deadline:
    """The whole response's deadline, enforced while blocked: at the deadline every socket
    of the request is shut down, so a server that trickles a byte at a time (each read
    within the timeout) is cut off on time, in headers or body alike."""

    def __init__(self, seconds: float, timeout: float) -> None:
        self.seconds, self.timeout = seconds, timeout
        self.end = time.monotonic() + seconds
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.expired = False
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True
        self.timer.start()

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            raise TimeoutError(f"the response took longer than {self.seconds:g} s")
        return min(left, self.timeout)

    def register(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.append(sock)
            if self.expired:
                sock.close()

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self.timer.cancel()


class _Connections:
    """Every connection of one check: to vetted addresses only, within the deadline."""

    def __init__(self, policy: Policy, deadline: _Deadline) -> None:
        self.policy, self.deadline = policy, deadline
        self.vetted: dict[tuple[str, int], list[tuple[int, tuple[Any, ...]]]] = {}

    def vet(self, host: str, port: int) -> list[tuple[int, tuple[Any, ...]]]:
        """The host's addresses, resolved once per check (a second lookup could answer
        differently: DNS rebinding) and each one public."""
        key = (host, port)
        if key not in self.vetted:
            self.vetted[key] = _within(self.deadline, lambda: resolve(host, port, self.policy.resolver,
                                                                      self.policy.allowed))
        return self.vetted[key]

    def vet_url(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        self.vet(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))

    def create(self, address: tuple[str, int], timeout: Any = None, source_address: Any = None) -> socket.socket:
        error: OSError = OSError(f"cannot connect to {address[0]}")
        for family, sockaddr in self.vet(*address):
            sock = socket.socket(family, socket.SOCK_STREAM)
            self.deadline.register(sock)
            try:
                sock.settimeout(self.deadline.left())
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error


def _within(deadline: _Deadline, work: Callable[[], Any]) -> Any:
    """``work()`` (a name lookup, which cannot be interrupted) given at most the time left."""
    box: list[Any] = []

    def run() -> None:
        try:
            box.append((True, work()))
        except BaseException as exc:  # handed to the caller
            box.append((False, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(deadline.left())
    if not box:
        raise TimeoutError(f"the response took longer than {deadline.seconds:g} s")
    ok, value = box[0]
    if not ok:
        raise value
    return value


def _connection(cls: type[http.client.HTTPConnection], connections: _Connections) -> Callable[..., Any]:
    def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        conn = cls(host, **kwargs)
        conn._create_connection = connections.create  # type: ignore[attr-defined]
        return conn
    return make


class _Http(urllib.request.HTTPHandler):
    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self.connections = connections

    def http_open(self, req: Any) -> Any:
        return self.do_open(_connection(http.client.HTTPConnection, self.connections), req)


class _Https(urllib.request.HTTPSHandler):
    def __init__(self, connections: _Connections) -> None:
        super().__init__()
        self.connections = connections

    def https_open(self, req: Any) -> Any:
        return self.do_open(_connection(http.client.HTTPSConnection, self.connections), req,
                            context=self._context)  # type: ignore[attr-defined]


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, to public http(s) addresses only, and
    records each hop once it is vetted (a refused hop is never recorded nor fetched)."""

    def __init__(self, hops: list[str], connections: _Connections) -> None:
        self.hops, self.connections = hops, connections

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.URLError(f"redirect to a non-web address: {newurl[:200]}")
        if len(self.hops) >= MAX_REDIRECTS:
            raise urllib.error.URLError(f"more than {MAX_REDIRECTS} redirects")
        try:
            self.connections.vet_url(newurl)
        except InternalAddress as exc:
            raise _Refused(f"redirected to an internal address ({exc}); not followed, not shown") from None
        self.hops.append(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Refused(Exception):
    """The address, or a redirect's, points inside a private network."""


def _opener(hops: list[str], connections: _Connections) -> urllib.request.OpenerDirector:
    # no proxy: the policy must vet the address actually connected to
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _Http(connections), _Https(connections),
                                       _Redirects(hops, connections))


Fetched = tuple[int | None, str | None, list[str], str | None, bool]


def fetch(url: str, timeout: float, policy: Policy | None = None) -> Fetched:
    """(HTTP status, final address, redirect hops, error, refused) for one address: at
    most ``3 * timeout`` seconds for the whole of it, redirects and reads included."""
    hops: list[str] = []
    deadline = _Deadline(3 * timeout, timeout)
    connections = _Connections(policy or DEFAULT_POLICY, deadline)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        connections.vet_url(url)
        with _opener(hops, connections).open(request, timeout=timeout) as response:
            read = 0
            while read < MAX_BODY:  # a little of the body: a server may fail only then
                chunk = response.read(8192)
                deadline.left()
                if not chunk:
                    break
                read += len(chunk)
            return response.status, response.geturl(), hops, None, False
    except (InternalAddress, _Refused) as exc:
        return None, None, hops, (f"not fetched: the host is {exc}" if isinstance(exc, InternalAddress)
                                  else str(exc)), True
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:  # urllib gave up on a redirect that comes back to itself
            return exc.code, None, hops, f"a redirect loop (or more than {MAX_REDIRECTS} redirects)", False
        return exc.code, exc.geturl() if hops else None, hops, None, False
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        return None, None, hops, _failure(exc, deadline, timeout), False
    finally:
        deadline.cancel()


def _failure(exc: BaseException, deadline: _Deadline, timeout: float) -> str:
    """Why a fetch failed, in words: the deadline first (a shut-down socket fails oddly)."""
    if deadline.expired or time.monotonic() >= deadline.end:
        return f"the response took longer than {deadline.seconds:g} s"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, _Refused | InternalAddress):
        return str(reason)
    if isinstance(reason, socket.timeout | TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, urllib.error.URLError):
        return str(reason)
    return f"{type(exc).__name__}: {exc}"


def wayback_lookup(url: str, api: str, timeout: float) -> str | None:
    """The closest archived copy of ``url`` the availability API knows, or ``None``; asked
    under the same policy and deadline as every fetch."""
    query = f"{api}?{urllib.parse.urlencode({'url': url})}"
    deadline = _Deadline(3 * timeout, timeout)
    connections = _Connections(DEFAULT_POLICY, deadline)
    try:
        connections.vet_url(query)
        request = urllib.request.Request(query, headers={"User-Agent": USER_AGENT})
        with _opener([], connections).open(request, timeout=timeout) as answer:
            found = json.loads(answer.read(MAX_BODY).decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError, http.client.HTTPException, InternalAddress, _Refused):
        return None
    finally:
        deadline.cancel()
    closest = (found.get("archived_snapshots") or {}).get("closest") if isinstance(found, dict) else None
    if isinstance(closest, dict) and closest.get("available") and isinstance(closest.get("url"), str):
        address: str = closest["url"]
        return address if urllib.parse.urlsplit(address).scheme in ("http", "https") else None
    return None


def status_of(url: str, code: int | None, final: str | None, error: str | None, refused: bool = False) -> str:
    """One of :data:`STATUSES` for an answer."""
    if refused:
        return "refused"
    if error or code is None:
        return "unreachable"
    if code in BLOCKED:
        return "blocked"
    if code >= 400:
        return "broken"
    return "redirected" if final and final != url else "ok"


def fetch_with_retries(url: str, timeout: float, retries: int = 0, backoff: float = 2.0,
                       fetcher: Callable[[str, float], Any] = fetch,
                       sleep: Callable[[float], None] = time.sleep) -> Any:
    """:func:`fetch`, asked again after ``backoff``, ``2 * backoff``... seconds while the
    answer may pass (:data:`TRANSIENT`, or no answer at all; never a refused address), at
    most ``retries`` times."""
    answer = fetcher(url, timeout)
    for attempt in range(retries):
        code, error, refused = answer[0], answer[3], answer[4] if len(answer) > 4 else False
        if refused or (not (error and code is None) and code not in TRANSIENT):
            break
        sleep(backoff * 2 ** attempt)
        answer = fetcher(url, timeout)
    return answer


class HostLimits:
    """At most ``per_host`` requests to one host at a time."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.Semaphore] = {}

    @contextmanager
    def host(self, url: str) -> Iterator[None]:
        name = (urllib.parse.urlsplit(url).hostname or "").lower()
        with self._lock:
            gate = self._hosts.setdefault(name, threading.Semaphore(self.per_host))
        with gate:
            yield


def check_one(cited: Cited, timeout: float, archive_api: str | None, retries: int = 0,
              backoff: float = 2.0) -> Result:
    code, final, hops, error, refused = fetch_with_retries(cited.url, timeout, retries, backoff)
    status = status_of(cited.url, code, final, error, refused)
    result = Result(cited.url, [f"{source}.{name}" for source, name in cited.places], status, code,
                    final if final != cited.url else None, hops, error, cited.archive_url)
    is_item = any(name == "url" for _, name in cited.places)
    if archive_api and is_item and not cited.archive_url:
        result.archive_found = wayback_lookup(cited.url, archive_api, timeout)
    return result


def check_links(addresses: Iterable[Cited], timeout: float = 10.0, concurrency: int = 8,
                archive_api: str | None = None,
                checker: Callable[[Cited, float, str | None], Result] = check_one,
                per_host: int = 2) -> list[Result]:
    """Check every address, ``concurrency`` at a time and at most ``per_host`` on one
    host; results in the addresses' order."""
    addresses = list(addresses)
    limits = HostLimits(per_host)

    def limited(cited: Cited) -> Result:
        with limits.host(cited.url):
            return checker(cited, timeout, archive_api)
    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, 32))) as pool:
        return list(pool.map(limited, addresses))


def summary(results: list[Result]) -> dict[str, int]:
    counts = {status: 0 for status in STATUSES}
    for result in results:
        counts[result.status] += 1
    items = [r for r in results if any(place.endswith(".url") for place in r.places)]
    counts["items"] = len(items)
    counts["items_with_archive_recorded"] = sum(1 for r in items if r.archive_recorded)
    counts["items_with_archive_found"] = sum(1 for r in items if r.archive_found)
    return counts


def report_json(results: list[Result], checked: dt.datetime) -> str:
    return json.dumps({"checked": checked.isoformat(timespec="seconds"), "summary": summary(results),
                       "links": [asdict(r) for r in results]}, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str | None) -> str:
    """Text for a Markdown table cell: pipes and line breaks escaped, markup shown as text."""
    if not text:
        return ""
    return (text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")
            .replace("[", "\\[").replace("`", "\\`"))


def report_markdown(results: list[Result], checked: dt.datetime) -> str:
    counts = summary(results)
    lines = [
        "# Link health of the cited sources",
        "",
        f"Checked {checked.strftime('%Y-%m-%d %H:%M')} UTC: {len(results)} addresses; "
        f"{counts['ok']} ok, {counts['redirected']} redirected, {counts['blocked']} blocked, "
        f"{counts['broken']} broken, {counts['unreachable']} unreachable, {counts['refused']} refused (inside a "
        f"private network). Of {counts['items']} item addresses, "
        f"{counts['items_with_archive_recorded']} have an archived copy recorded in the data"
        + (f" and {counts['items_with_archive_found']} more have one in the archive" if counts["items_with_archive_found"]
           else "") + ".",
        "",
    ]
    problems = [r for r in results if r.status != "ok"]
    if problems:
        lines += ["## Needs a look", ""]
        if counts["blocked"]:
            lines += ["*Blocked*: the site refused the checker (HTTP 401, 403 or 429), which says nothing about "
                      "the page: open it in a browser.", ""]
        lines += ["| Status | Address | Where | Detail |", "| --- | --- | --- | --- |"]
        for r in problems:
            detail = r.error or (f"HTTP {r.http_status}" + (f", now at {r.final_url}" if r.final_url else ""))
            lines.append(f"| {r.status} | {_cell(r.url)} | {_cell(', '.join(r.places))} | {_cell(detail)} |")
        lines.append("")
    found = [r for r in results if r.archive_found]
    if found:
        lines += ["## Archived copies found (add them as archive_url)", ""]
        lines += [f"- {_cell(', '.join(r.places))}: {_cell(r.archive_found)}" for r in found]
        lines.append("")
    lines += ["## Every address", "", "| Status | HTTP | Address | Where | Archived copy |", "| --- | --- | --- | --- | --- |"]
    for r in results:
        archive = r.archive_recorded or (f"found: {r.archive_found}" if r.archive_found else "")
        lines.append(f"| {r.status} | {r.http_status or ''} | {_cell(r.url)} | {_cell(', '.join(r.places))} | "
                     f"{_cell(archive)} |")
    return "\n".join(lines) + "\n"


def write_reports(results: list[Result], folder: Path, checked: dt.datetime | None = None) -> Mapping[str, Path]:
    """The JSON and Markdown reports in ``folder``; a link in its place (the folder or a
    report) is never followed: the folder is refused, a report is replaced."""
    checked = checked or dt.datetime.now(dt.UTC)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"json": folder / "link-health.json", "markdown": folder / "link-health.md"}
    texts = {"json": report_json(results, checked), "markdown": report_markdown(results, checked)}
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        for kind, path in paths.items():
            _write_new(handle, path.name, texts[kind])
    finally:
        os.close(handle)
    return paths


def _write_new(folder: int, name: str, text: str) -> None:
    """``text`` as a new file renamed onto ``name`` in the open folder (a link there is replaced)."""
    temporary = f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=folder)
        raise
