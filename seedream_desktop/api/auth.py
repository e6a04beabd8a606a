"""Where the key may travel (check_base_url) and how it rides along (BearerAuth, API calls only)."""

from __future__ import annotations

from collections.abc import Generator

import httpx

from seedream_desktop.api.limits import is_loopback


def check_base_url(url: str) -> str:
    """Return ``url`` if the key may be sent there: https anywhere, plain http only to this computer."""
    parsed = httpx.URL(url)
    if parsed.scheme == "https" and parsed.host:
        return url
    if parsed.scheme == "http" and is_loopback(parsed.host):
        return url
    raise ValueError(
        f"Refusing API URL {url!r}: the key must travel over https:// "
        "(plain http:// is allowed only for this computer: localhost, 127.0.0.0/8 or ::1)."
    )


class BearerAuth(httpx.Auth):
    """Adds the key to API calls only (never to image downloads), and hides it from every repr."""

    def __init__(self, key: str) -> None:
        self._key = key

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._key}"
        yield request

    @property
    def has_key(self) -> bool:
        return bool(self._key)

    def __repr__(self) -> str:
        return "<Bearer ***>"
