"""How much a server may send and how long it may take: every answer ends, bounded in memory and time.

The defaults are generous for a real Runware account and a slow home connection, yet stop a server that
sends without end (a 300 MB JSON reply, a 2 GB "image") or trickles a byte every few seconds (which a
per-read timeout never catches). Tests shorten the deadlines through the environment variables below;
the product reads them too, so an admin on a very slow link can lengthen them.
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass

import httpx

# A Runware reply is a few KB (20 results with their URLs); 4 MB leaves room for inline base64 images
# of a sync reply, yet a runaway reply is refused long before it costs real memory.
MAX_REPLY_BYTES = 4 * 1024 * 1024
# A 4K PNG is about 27 MB; nothing Seedream makes comes near 64 MB.
MAX_IMAGE_BYTES = 64 * 1024 * 1024
# Whole-reply deadline for one API call (connect + the whole body), in seconds. A sync generation of
# several 4K images may take minutes, so it is long; a trickle still ends.
REPLY_DEADLINE_S = 300.0
# Whole-download deadline for one image, in seconds: 64 MB at ~230 KB/s, a trickle ends.
DOWNLOAD_DEADLINE_S = 300.0
# Hops an image link may redirect through (each hop is checked like the link itself).
MAX_REDIRECTS = 5

ENV_REPLY_DEADLINE = "SEEDREAM_REPLY_DEADLINE_S"
ENV_DOWNLOAD_DEADLINE = "SEEDREAM_DOWNLOAD_DEADLINE_S"
# A smaller image cap in MB (tests; never above MAX_IMAGE_BYTES).
ENV_MAX_IMAGE_MB = "SEEDREAM_MAX_IMAGE_MB"
# The first retry's delay (later ones double, up to 16 times it); 0.5 s unless set.
ENV_RETRY_DELAY = "SEEDREAM_RETRY_DELAY_S"

# What a server may name a task or an image by: a UUID, or at least something UUID-like that cannot
# climb out of a folder on any system (no dots, no separators, no spaces, bounded length).
_NUMBER = r"(?:0[xX][0-9a-fA-F]*|[0-9]+)"
_NUMERIC_HOST = re.compile(rf"{_NUMBER}(?:\.{_NUMBER})*\.?", re.ASCII)
_IDENTIFIER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds one client applies; ``from_environment`` reads the deadlines' overrides."""

    max_reply_bytes: int = MAX_REPLY_BYTES
    max_image_bytes: int = MAX_IMAGE_BYTES
    reply_deadline: float = REPLY_DEADLINE_S
    download_deadline: float = DOWNLOAD_DEADLINE_S
    max_redirects: int = MAX_REDIRECTS
    # Image links to this computer are followed only when the API itself is here (the emulator): a
    # server on the internet must not make the app probe local services.
    allow_loopback_images: bool = True

    @classmethod
    def from_environment(cls) -> Limits:
        cap_mb = seconds_from_environment(ENV_MAX_IMAGE_MB, MAX_IMAGE_BYTES / 2**20)
        return cls(
            max_image_bytes=min(MAX_IMAGE_BYTES, int(cap_mb * 2**20)),
            reply_deadline=seconds_from_environment(ENV_REPLY_DEADLINE, REPLY_DEADLINE_S),
            download_deadline=seconds_from_environment(ENV_DOWNLOAD_DEADLINE, DOWNLOAD_DEADLINE_S),
        )


def seconds_from_environment(name: str, default: float) -> float:
    """A positive number of seconds (under a day) from the environment, else ``default``."""
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if 0 < value < 86400 else default


def is_identifier(value: object) -> bool:
    """True for a taskUUID/imageUUID that is safe to use in a file name and a journal row."""
    return isinstance(value, str) and _IDENTIFIER.fullmatch(value) is not None


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def image_link_problem(url: str, *, allow_loopback: bool = True) -> str | None:
    """Why the app will not fetch an image from ``url`` (None: it may).

    Only https, or plain http to this computer (the emulator). No credentials in the link, and no
    addresses inside a private network (link-local cloud metadata, home routers, intranet hosts): a
    hostile server must not turn the app into a probe of the network it runs in.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return "it is not a valid web address"
    scheme = parsed.scheme.lower()
    host = parsed.host
    if scheme not in ("https", "http"):
        return f"{scheme or 'its'}:// links are not downloaded (only https://)"
    if not host:
        return "it names no host"
    if parsed.userinfo:
        return "it carries a user name or password"
    loopback = is_loopback(host)
    if loopback and not allow_loopback:
        return "it points to this computer, and the API is not here"
    if scheme == "http" and not loopback:
        return "plain http:// is used only for this computer (only https://)"
    if loopback:
        return None
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        if _NUMERIC_HOST.fullmatch(host):
            # 2852039166, 0xA9FEA9FE, 169.254.43518: spellings of an address the resolver would
            # accept and the checks below would not see.
            return "it names its host by an unusual number"
        return None  # a host name: resolved by the system, as for any web page
    if address.is_link_local or address.is_private or address.is_multicast or address.is_unspecified:
        return "it points inside a private network"
    if address.is_reserved:
        return "it points to a reserved address"
    return None
