#!/usr/bin/env python3
"""What a package that depends on Ember gets: a plain `swift build -c release` against a native one.

1. Makes a tagged copy of this repository's HEAD (`git clone`, tag 0.1.0) and a small package that depends on it
   by URL and version, as a user's package does (`--path` uses `.package(path:)` on the working tree instead, which
   includes uncommitted changes). Its program is scripts/dependent-package/main.swift.
2. Builds it twice: plain `swift build -c release` (what every user gets) and with `-Xswiftc -target-cpu -Xswiftc
   native` (what the project's own `make bench` builds).
3. Runs both binaries --rounds times, interleaved, and prints per workload the medians and the plain/native ratio:
   GEMM 1024 on 1 and 2 threads (GFLOP/s), add and sum of 1M Float elements on 1 and 2 threads, the README's
   tutorial loop (1000 epochs); all on the simd backend.
4. Disassembles the plain binary and counts calls to libm's fmaf/fma inside the simd backend (Swift module
   EmberSIMD and the C kernels ember_*).

Exit status 0 when the targets hold (GEMM at least 0.8x native's GFLOP/s, add/sum/tutorial within 1.2x of native's
time, no fmaf/fma call in the simd kernels), 1 when one does not, 2 when a build or run fails.

    python3 scripts/dependent_package.py                  # about 10 minutes: two release builds of Ember
    python3 scripts/dependent_package.py --path --rounds 5 --work /tmp/ember-dep
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROGRAM = Path(__file__).resolve().parent / "dependent-package" / "main.swift"
NATIVE = ["-Xswiftc", "-target-cpu", "-Xswiftc", "native"]
# (workload, threads, higher is better, limit on plain/native)
TARGETS = [("gemm1024", 1, True, 0.8), ("gemm1024", 2, True, 0.8), ("add1m", 1, False, 1.2), ("add1m", 2, False, 1.2),
           ("sum1m", 1, False, 1.2), ("sum1m", 2, False, 1.2), ("tutorial", 1, False, 1.2)]


def run(command: list[str], cwd: Path | None = None) -> str:
    print("$ " + " ".join(command), file=sys.stderr, flush=True)
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        print(result.stdout[-4000:] + result.stderr[-4000:], file=sys.stderr)
        raise SystemExit(2)
    return result.stdout


def make_package(work: Path, use_path: bool) -> Path:
    identity = "Ember"
    if use_path:
        dependency = f'.package(path: "{REPO}")'
        identity = REPO.name   # a path dependency is named after its directory
    else:
        clone = work / "Ember"
        if clone.exists():
            shutil.rmtree(clone)
        run(["git", "clone", "--quiet", "--no-tags", str(REPO), str(clone)])
        run(["git", "-C", str(clone), "tag", "0.1.0"])
        dependency = f'.package(url: "file://{clone}", from: "0.1.0")'
    package = work / "EmberUser"
    (package / "Sources" / "EmberUser").mkdir(parents=True, exist_ok=True)
    (package / "Package.swift").write_text(f"""// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "EmberUser",
    dependencies: [{dependency}],
    targets: [.executableTarget(name: "EmberUser", dependencies: [.product(name: "Ember", package: "{identity}")])]
)
""")
    shutil.copy(PROGRAM, package / "Sources" / "EmberUser" / "main.swift")
    return package


def build(package: Path, scratch: Path, flags: list[str]) -> Path:
    run(["swift", "build", "-c", "release", "--package-path", str(package), "--scratch-path", str(scratch)] + flags)
    return scratch / "release" / "EmberUser"


def measure(binary: Path, repeats: int) -> tuple[dict, dict]:
    meta, results = {}, {}
    for line in run([str(binary), str(repeats)]).splitlines():
        record = json.loads(line)
        if "name" in record:
            value = record.get("gflops", record["seconds"])
            results[(record["name"], record["threads"])] = value
        else:
            meta = record
    return meta, results


def fma_calls(binary: Path) -> tuple[int, int]:
    """Calls to fmaf/fma in the simd backend's functions, and in the whole binary."""
    disassembly = run(["objdump", "-d", "--no-show-raw-insn", str(binary)])
    function, in_simd, total = "", 0, 0
    for line in disassembly.splitlines():
        header = re.match(r"^[0-9a-f]+ <(.+)>:$", line)
        if header:
            function = header.group(1)
        elif re.search(r"call.*<fmaf?(@plt)?>", line):
            total += 1
            if "9EmberSIMD" in function or function.startswith("ember_"):
                in_simd += 1
    return in_simd, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", action="store_true", help="depend on the working tree by path instead of a tag")
    parser.add_argument("--work", type=Path, help="working directory (default: a new temporary one)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each binary, interleaved")
    parser.add_argument("--repeats", type=int, default=7, help="timed repetitions per workload in each run")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="ember-dependent-"))
    work.mkdir(parents=True, exist_ok=True)
    package = make_package(work, args.path)
    binaries = {"plain": build(package, work / "plain", []), "native": build(package, work / "native", NATIVE)}

    samples: dict[str, dict] = {"plain": {}, "native": {}}
    meta = {}
    for _ in range(args.rounds):
        for kind, binary in binaries.items():
            meta[kind], results = measure(binary, args.repeats)
            for key, value in results.items():
                samples[kind].setdefault(key, []).append(value)
    in_simd, total = fma_calls(binaries["plain"])

    source = f"path {REPO}" if args.path else f"tag 0.1.0 of {REPO} at " + run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]).strip()
    print(f"Ember as a dependency ({source}), simd backend, median of {args.rounds} runs x {args.repeats} repeats")
    for kind in ("plain", "native"):
        print(f"  {kind:6}: simd kernels {meta[kind].get('simd_path')}; default backend {meta[kind].get('default_backend')}")
    print(f"{'workload':10} {'threads':>7} {'plain':>12} {'native':>12} {'plain/native':>13} {'target':>8}  ok")
    failed = False
    for name, threads, higher, limit in TARGETS:
        plain = statistics.median(samples["plain"][(name, threads)])
        native = statistics.median(samples["native"][(name, threads)])
        ratio = plain / native
        ok = ratio >= limit if higher else ratio <= limit
        failed |= not ok
        unit = (lambda v: f"{v:8.1f} GF/s") if higher else (lambda v: f"{v * 1e3:9.3f} ms")
        target = f">= {limit}" if higher else f"<= {limit}"
        print(f"{name:10} {threads:>7} {unit(plain):>12} {unit(native):>12} {ratio:>13.2f} {target:>8}  "
              + ("yes" if ok else "NO"))
    print(f"fmaf/fma calls in the plain binary: {in_simd} in the simd kernels (must be 0), {total} in all")
    failed |= in_simd > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
