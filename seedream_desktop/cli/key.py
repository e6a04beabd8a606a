"""`seedream key set|clear|status`: the API key in the OS keychain (read from stdin or a hidden prompt, never argv)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

import keyring.errors

from seedream_desktop.secrets import PROVIDERS, KeyStore

_LABEL = {"runware": "Runware", "ark": "BytePlus ModelArk"}


def register(commands: Any) -> None:
    parser = commands.add_parser("key", help="store, clear or check the Runware API key")
    actions = parser.add_subparsers(dest="key_action", metavar="ACTION", required=True)
    for name, helptext, func in (
        ("set", "store the key (from stdin, or a hidden prompt)", _set),
        ("clear", "remove the stored key", _clear),
        ("status", "say whether a key is set and where it lives", _status),
    ):
        action = actions.add_parser(name, help=helptext)
        action.add_argument(
            "--provider", choices=sorted(PROVIDERS), default="runware", help="whose key (one per provider)"
        )
        action.set_defaults(func=func)


def _set(args: argparse.Namespace) -> int:
    store = KeyStore(provider=args.provider)
    label = _LABEL[args.provider]
    key = getpass.getpass(f"{label} API key (input hidden): ") if sys.stdin.isatty() else sys.stdin.readline()
    key = key.strip()
    if not key:
        print("No key given; nothing stored.", file=sys.stderr)
        return 2
    try:
        store.set(key)
    except keyring.errors.KeyringError as exc:
        print(f"Could not store the key in the system keychain: {exc}", file=sys.stderr)
        print(f"Set {store.env} in the environment instead.", file=sys.stderr)
        return 3
    print("API key stored in the system keychain.")
    return 0


def _clear(args: argparse.Namespace) -> int:
    KeyStore(provider=args.provider).clear()
    print("API key removed from the system keychain.")
    return 0


def _status(args: argparse.Namespace) -> int:
    store = KeyStore(provider=args.provider)
    status = store.status()
    source = store.source()
    if source == "environment":
        print(f"An API key is set in {store.env}.")
    elif source == "keychain":
        print(f"An API key is stored in the system keychain ({status.backend}).")
    else:
        print("No API key is set.")
    if not status.available:
        print(status.reason)
    return 0 if source else 1
