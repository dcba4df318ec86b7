"""Which web addresses are public: the one network policy of ``check`` and ``links``.

A cited address is fetched by ``links`` on a CI runner or a maintainer's machine, inside
their network. An address the data gives must therefore point at the public internet:

* ``check`` (no network, so only what the text says): a host written as an IP address
  must be a canonical public one (``203.0.113.5`` is refused, being documentation space,
  like ``127.0.0.1``, ``169.254.169.254``, ``10.0.0.1``, ``[::1]``, ``224.0.0.1``); a host
  that a resolver would read as a number in another spelling (``0x7f.1``, ``2130706433``,
  ``0177.0.0.1``, ``127.1``) is refused whatever it means, as is a name that can only
  mean the local network (``localhost``, ``*.local``, ``*.internal``, a name without a
  dot);
* ``links`` (:func:`resolve`): the name is resolved once, every address it resolves to
  must be public (one internal answer refuses the name: a rebinding trick mixes them),
  and the connection goes to exactly the addresses vetted, never to a second lookup.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

IP = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Names that can only mean a machine of the local network (RFC 6761, 6762, 8375 and
#: the suffixes networks use by habit).
LOCAL_SUFFIXES = ("localhost", "local", "internal", "intranet", "localdomain", "lan", "home", "corp", "private",
                  "home.arpa")

#: A label a resolver reads as a number (inet_aton: decimal, 0x hex, 0 octal).
_NUMBER = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)", re.IGNORECASE)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class InternalAddress(Exception):
    """An address that points inside a private network (its message says which kind)."""


def ip_problem(ip: IP) -> str | None:
    """What makes ``ip`` internal (``"loopback"``, ``"link-local"``, ...), or ``None``."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return ip_problem(embedded) or ("an IPv6 address carrying an IPv4 one" if ip.ipv4_mapped else None)
    for name in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{name}"):
            return name.replace("_", "-")
    if not ip.is_global:
        return "not global (shared or special-purpose)"
    return None


def host_problem(host: str) -> str | None:
    """Why a URL's host (as :func:`urllib.parse.urlsplit` gives it) is not a public
    address, or ``None``; text only, no lookup (``check``)."""
    name = unicodedata.normalize("NFKC", host).lower().rstrip(".")
    literal = name[1:-1] if name.startswith("[") else name
    if "%" in literal:
        return "an IPv6 address with a zone (a local interface)"
    try:
        ip = ipaddress.ip_address(literal)
    except ValueError:
        ip = None
    if ip is not None:
        problem = ip_problem(ip)
        return f"an internal IP address ({problem})" if problem else None
    labels = name.split(".")
    if _NUMBER.fullmatch(labels[-1]):
        return "an IP address in an unusual spelling (a resolver reads it as a number)"
    if len(labels) == 1 or not all(labels):
        return "a name without a domain (the runner's own network resolves it)"
    if any(name == suffix or name.endswith("." + suffix) for suffix in LOCAL_SUFFIXES):
        return "a name of the local network"
    return None


def _canonical_ip(host: str) -> bool:
    try:
        return str(ipaddress.ip_address(host.strip("[]"))) == host.strip("[]")
    except ValueError:
        return False


Resolver = Callable[..., Sequence[tuple[Any, ...]]]


def resolve(host: str, port: int, resolver: Resolver = socket.getaddrinfo,
            allowed: Callable[[IP, int], bool] | None = None) -> list[tuple[int, tuple[Any, ...]]]:
    """``(family, socket address)`` for each address ``host`` resolves to, every one of
    them vetted; raises :class:`InternalAddress` when the host or any address is internal.
    ``allowed`` lets a test reach its own server on 127.0.0.1 (nothing else sets it)."""
    problem = host_problem(host)
    if problem and not (allowed and _canonical_ip(host)):  # a test's server is reached by its IP
        raise InternalAddress(problem)
    found: list[tuple[int, tuple[Any, ...]]] = []
    for family, _type, _proto, _name, sockaddr in resolver(host, port, type=socket.SOCK_STREAM):
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        problem = ip_problem(ip)
        if problem and not (allowed and allowed(ip, port)):
            raise InternalAddress(f"the name resolves to an internal address ({problem})")
        found.append((family, tuple(sockaddr)))
    if not found:
        raise OSError(f"{host} resolves to no address")
    return found
