#!/usr/bin/env python3
"""Side by side, as CI runs them: `maestro analyze` and pytm, each a whole process from start to
its written report, on the same generated models.

Usage: python3 tests/benches/pytm_compare.py [SIZE ...]   (default size: 2000)

Installs pytm from PyPI into target/pytm-venv if needed and builds `maestro` as it is handed out
(`cargo xtask cli`: release, static, stripped). For
each size it writes the Rust benchmarks' generated model (`cargo bench --bench cli --
--write-models`, as .maestro and model-as-code YAML) and a pytm script with the same elements
(processes, data stores, external entities) and the same ~3 flows per element, then times
`python tm.py --json out.json` (check, resolve, JSON) against `maestro analyze FILE --format json`
(read, analyse, JSON report): medians of several runs, the ratio, and findings per element
(pytm reports one finding per matching threat and element).
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
# Elements per boundary, as in tests/benches/generated.rs (two rows of 40).
PER_BOUNDARY = 80
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


PYTM_HEAD = r"""
import sys, time
from pytm import TM, Actor, Process, Datastore, Dataflow, Boundary
# Threat resolution alone, written to standard error for the comparison.
_resolve = TM.resolve
def _timed_resolve(self):
    start = time.perf_counter()
    _resolve(self)
    sys.stderr.write(f"resolve_ms {(time.perf_counter() - start) * 1e3:.1f}\n")
TM.resolve = _timed_resolve
TM.reset()
tm = TM("generated")
tm.description = "generated"
tm.isOrdered = False
zones = []
def zone(group):
    # The Rust generator's boundaries: two grid rows each, every fourth nested in the one before.
    while len(zones) <= group:
        b = Boundary(f"zone {len(zones)}")
        if len(zones) % 4 == 3:
            b.inBoundary = zones[-1]
        zones.append(b)
    return zones[group]
elements = []
def element(cls, name, index):
    e = cls(name)
    e.inBoundary = zone(index // PER_BOUNDARY)
    elements.append(e)
"""


def pytm_script(size):
    """A pytm model of `size` elements and the generator's flows, as a user would write it."""
    lines = [f"PER_BOUNDARY = {PER_BOUNDARY}", PYTM_HEAD]
    for i in range(size):
        kind = MIX[i % len(MIX)]
        cls = "Actor" if kind in EXTERNAL else "Datastore" if kind in STORES else "Process"
        lines.append(f"element({cls}, {kind + ' ' + str(i)!r}, {i})")
    for n, (a, b) in enumerate(flows_for(size)):
        lines.append(f"Dataflow(elements[{a}], elements[{b}], 'f{n}')")
    lines.append("tm.process()")
    return "\n".join(lines) + "\n"


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


def median_ms(command, runs):
    """The median wall-clock time of `command`, and the median of the `resolve_ms` it reports."""
    times, resolves = [], []
    for _ in range(runs):
        start = time.perf_counter()
        run = subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times.append((time.perf_counter() - start) * 1e3)
        resolves += [float(line.split()[1]) for line in run.stderr.splitlines() if line.startswith("resolve_ms ")]
    middle = lambda values: sorted(values)[len(values) // 2] if values else float("nan")
    return middle(times), middle(resolves)


def main():
    sizes = [int(s) for s in sys.argv[1:]] or [2000]
    python = ensure_pytm()
    work = ROOT / "target" / "pytm-compare"
    work.mkdir(parents=True, exist_ok=True)
    # The binary as it is handed out: release, statically linked, stripped.
    built = subprocess.run(["cargo", "xtask", "cli"], cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    maestro = Path(built.stdout.strip().splitlines()[-1])
    subprocess.run(
        ["cargo", "bench", "-q", "-p", "maestro-tests", "--bench", "cli", "--", "--write-models", str(work)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )
    print("whole processes, median wall-clock time")
    print("pytm: the whole script, and its threat resolution alone; maestro: the whole `analyze` process,")
    print("from a .maestro file and from YAML; each ratio is pytm's resolution alone over maestro's whole run")
    print(f"{'elements':>8} {'pytm ms':>10} {'resolve ms':>11} {'maestro ms':>11} {'ratio':>7} {'from YAML':>10} "
          f"{'ratio':>7} {'pytm findings/el':>17} {'maestro findings/el':>20}")
    for size in sizes:
        script = work / f"tm-{size}.py"
        script.write_text(pytm_script(size))
        pytm_out, ours_out = work / f"pytm-{size}.json", work / f"maestro-{size}.json"
        pytm, resolve = median_ms([python, script, "--json", pytm_out], 3)
        model = work / f"generated-{size}.maestro"
        if not model.exists():
            print(f"{size:>8} {pytm:>10.1f}   (the Rust generator writes {sorted(SIZES)} only)")
            continue
        ours, _ = median_ms([maestro, "analyze", model, "--format", "json"], 11)
        yaml, _ = median_ms([maestro, "analyze", work / f"generated-{size}.yaml", "--format", "json"], 11)
        with open(ours_out, "w") as out:
            subprocess.run([maestro, "analyze", model, "--format", "json"], stdout=out, check=True)
        pytm_findings = len(json.loads(pytm_out.read_text()).get("findings", []))
        our_findings = len(json.loads(ours_out.read_text())["findings"])
        print(
            f"{size:>8} {pytm:>10.1f} {resolve:>11.1f} {ours:>11.1f} {resolve / ours:>6.0f}x {yaml:>10.1f} "
            f"{resolve / yaml:>6.0f}x "
            f"{pytm_findings / size:>17.1f} {our_findings / size:>20.1f}"
        )


# The sizes `cargo bench --bench cli -- --write-models` writes.
SIZES = {1000, 2000, 4000, 16000}


if __name__ == "__main__":
    main()
