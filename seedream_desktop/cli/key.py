"""`seedream key set|clear|status`: the API key in the OS keychain (read from stdin or a hidden prompt, never argv)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

import keyring.errors

from seedream_desktop.secrets import KeyStore


def register(commands: Any) -> None:
    parser = commands.add_parser("key", help="store, clear or check the Runware API key")
    actions = parser.add_subparsers(dest="key_action", metavar="ACTION", required=True)
    actions.add_parser("set", help="store the key (from stdin, or a hidden prompt)").set_defaults(func=_set)
    actions.add_parser("clear", help="remove the stored key").set_defaults(func=_clear)
    actions.add_parser("status", help="say whether a key is set and where it lives").set_defaults(
        func=_status
    )


def _set(args: argparse.Namespace) -> int:
    store = KeyStore()
    key = getpass.getpass("Runware API key (input hidden): ") if sys.stdin.isatty() else sys.stdin.readline()
    key = key.strip()
    if not key:
        print("No key given; nothing stored.", file=sys.stderr)
        return 2
    try:
        store.set(key)
    except keyring.errors.KeyringError as exc:
        print(f"Could not store the key in the system keychain: {exc}", file=sys.stderr)
        print("Set SEEDREAM_API_KEY in the environment instead.", file=sys.stderr)
        return 3
    print("API key stored in the system keychain.")
    return 0


def _clear(args: argparse.Namespace) -> int:
    KeyStore().clear()
    print("API key removed from the system keychain.")
    return 0


def _status(args: argparse.Namespace) -> int:
    store = KeyStore()
    status = store.status()
    source = store.source()
    if source == "environment":
        print("An API key is set in SEEDREAM_API_KEY.")
    elif source == "keychain":
        print(f"An API key is stored in the system keychain ({status.backend}).")
    else:
        print("No API key is set.")
    if not status.available:
        print(status.reason)
    return 0 if source else 1
