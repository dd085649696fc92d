"""The peak resident memory of a process, for the benchmarks that report one."""

from __future__ import annotations

from pathlib import Path


def peak_rss_mb(pid: int | str = "self") -> float:
    """VmHWM of this process (or of process ``pid``, alive), not getrusage's
    ru_maxrss: Linux keeps that across fork and exec, so a process started by another
    (a spawned run, a fresh daemon) would report its parent's peak were that higher."""
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines()
    [peak_kb] = [line.split()[1] for line in status if line.startswith("VmHWM:")]
    return int(peak_kb) / 1024
