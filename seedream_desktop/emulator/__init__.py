"""A local Runware-compatible HTTP server on loopback: demo mode, tests and benchmarks (no Qt)."""

from seedream_desktop.emulator.faults import FAULTS, PHASES, parse_fault_spec
from seedream_desktop.emulator.server import Emulator, start_demo_emulator

__all__ = ["FAULTS", "PHASES", "Emulator", "parse_fault_spec", "start_demo_emulator"]
