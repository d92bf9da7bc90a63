#!/usr/bin/env python3
"""Side by side: MAESTRO Studio's analysis and pytm's, on equivalent generated models.

Usage: python3 tests/benches/pytm_compare.py [SIZE ...]   (default sizes: 100 1000)

Installs pytm from PyPI into target/pytm-venv if needed, builds for each size a pytm model with
the same elements (processes, data stores, external entities) and the same ~3 flows per element
as the Rust benchmark's generator, times pytm's threat resolution, runs
`cargo bench -p maestro-tests --bench analysis -- --json` for ours, and prints both times, the
ratio, and findings per element (pytm reports one finding per matching threat and element).
"""

import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "target" / "pytm-venv"

# Kinds in the same order as tests/benches/generated.rs, mapped to pytm's element classes.
MIX = [
    "agent", "agent", "agent", "tool", "tool", "tool", "mcp-server", "orchestrator", "llm", "vector-store",
    "memory", "database", "document-store", "code-interpreter", "web-content", "peer-agent", "external-api",
    "human", "logging", "monitoring", "secrets-manager", "runtime", "training-pipeline", "message-bus",
]
STORES = {"vector-store", "memory", "database", "document-store", "logging", "secrets-manager"}
EXTERNAL = {"web-content", "peer-agent", "external-api", "human"}


class Lcg:
    """The same generator as the Rust benchmark, so both tools see the same wiring."""

    def __init__(self, seed=42):
        self.state = seed

    def next(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.state >> 33


def ensure_pytm():
    python = VENV / "bin" / "python"
    if not python.exists():
        venv.create(VENV, with_pip=True)
    check = subprocess.run([python, "-c", "import pytm"], capture_output=True)
    if check.returncode != 0:
        subprocess.run([python, "-m", "pip", "install", "-q", "pytm"], check=True)
    return python


PYTM_RUN = r"""
import json, sys, time
from pytm import TM, Actor, Process, Datastore, Dataflow, Boundary
size = int(sys.argv[1])
mix, stores, external = json.loads(sys.argv[2]), set(json.loads(sys.argv[3])), set(json.loads(sys.argv[4]))
flows = json.loads(sys.stdin.read())
TM.reset()
tm = TM(f"generated {size}")
tm.description = "generated"
tm.isOrdered = False
inside = Boundary("inside")
elements = []
for i in range(size):
    kind = mix[i % len(mix)]
    if kind in external:
        e = Actor(f"{kind} {i}")
    elif kind in stores:
        e = Datastore(f"{kind} {i}")
        e.inBoundary = inside
    else:
        e = Process(f"{kind} {i}")
        e.inBoundary = inside
    elements.append(e)
for n, (a, b) in enumerate(flows):
    Dataflow(elements[a], elements[b], f"f{n}")
start = time.perf_counter()
tm.resolve()
elapsed = time.perf_counter() - start
print(json.dumps({"ms": elapsed * 1e3, "findings": len(tm.findings)}))
"""


def flows_for(size):
    rng = Lcg()
    # Consume the property draws the Rust generator makes per element.
    for _ in range(size):
        rng.next()
    seen, flows = set(), []
    while len(flows) < size * 3:
        a = rng.next() % size
        b = (a + 1 + rng.next() % 12) % size
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        flows.append((a, b))
    return flows


def ours():
    out = subprocess.run(
        ["cargo", "bench", "-q", "-p", "maestro-tests", "--bench", "analysis", "--", "--json"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return {r["elements"]: r for r in (json.loads(line) for line in out.splitlines() if line.startswith("{"))}


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [100, 1000]
    python = ensure_pytm()
    maestro = ours()
    print(f"{'elements':>8} {'pytm ms':>10} {'ours ms':>9} {'ratio':>8} {'pytm findings/el':>17} {'ours findings/el':>17}")
    for size in sizes:
        run = subprocess.run(
            [python, "-c", PYTM_RUN, str(size), json.dumps(MIX), json.dumps(sorted(STORES)), json.dumps(sorted(EXTERNAL))],
            input=json.dumps(flows_for(size)), capture_output=True, text=True, check=True,
        )
        pytm = json.loads(run.stdout.strip().splitlines()[-1])
        mine = maestro.get(size)
        if mine is None:
            print(f"{size:>8} {pytm['ms']:>10.1f}   (no Rust measurement at this size; it measures 100, 1000, 10000)")
            continue
        print(
            f"{size:>8} {pytm['ms']:>10.1f} {mine['ms']:>9.2f} {pytm['ms'] / mine['ms']:>7.0f}x "
            f"{pytm['findings'] / size:>17.1f} {mine['findings'] / size:>17.1f}"
        )


if __name__ == "__main__":
    main()
