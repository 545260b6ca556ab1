#!/usr/bin/env python3
"""Ember against PyTorch, side by side, on the same machine in one run.

For each thread count, and each workload of `ember bench` (seed, linreg1m, mlp, classify, cnn, gemm, add1), this runs
the PyTorch version (scripts/pytorch_workloads.py, in a fresh process per thread count and workload) and then
`ember bench --json --compile --threads N --workloads W` (every backend; the training workloads also as compiled
steps, in columns "<backend> compiled"), so that both halves see the same machine state.
Both time the same way: one warm-up run, then the median of --repeats timed runs, normalised per unit (whole
workload for seed and linreg1m, one step for mlp and cnn, one epoch for classify, one matmul for gemm, one op for add1).

It prints one table: PyTorch's time, and per Ember backend its time and the ratio Ember / PyTorch (above 1: Ember is
slower), with GFLOP/s for gemm; plus the machine, the date, the torch version, the OpenBLAS core and the threads.

    python3 scripts/compare_pytorch.py                       # needs torch: pip install torch==2.13.0+cpu
    python3 scripts/compare_pytorch.py --markdown --json results.json
    python3 scripts/compare_pytorch.py --ember-only --threads 1,2,4

Standard library only; PyTorch is needed only in the subprocess that runs the PyTorch half.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import re
import shlex
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
WORKLOADS = ("seed", "linreg1m", "mlp", "classify", "cnn", "gemm", "add1")
INSTALL_HINT = """\
PyTorch is not installed for {python}.

Install the CPU-only build (a 190 MB wheel, MKL inside) with:

    {python} -m pip install torch==2.13.0+cpu

On the project's machines pip finds that wheel in its configured find-links directory (/opt/wheels); PyPI itself
does not serve CPU-only builds: plain `pip install torch` from PyPI installs the CUDA build for Linux x86-64,
which pulls several GB of nvidia-* and triton packages that a CPU comparison does not need. Elsewhere, use the
CPU-only package index given in PyTorch's install instructions (pip install torch --index-url <that index>).

To measure only Ember, run again with --ember-only."""


KNOWN_CORES = (r"\b(Prescott|Core2|Penryn|Dunnington|Nehalem|Sandybridge|Haswell|SkylakeX|Cooperlake|SapphireRapids"
               r"|Atom|Opteron|Barcelona|Bobcat|Bulldozer|Piledriver|Steamroller|Excavator|Zen|Katmai|Coppermine"
               r"|Northwood|Banias|Athlon)\b")


class HarnessError(Exception):
    """A failure to report without a traceback: message, then exit status 1."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------------------
# Running the two halves


def thread_env(threads: int) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "EMBER_NUM_THREADS"):
        env[var] = str(threads)
    return env


def run_json_lines(command: list[str], env: dict[str, str], what: str, timeout: float) -> list[dict]:
    """Runs `command`, returns the JSON objects it printed one a line; raises HarnessError with its stderr on failure."""
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        raise HarnessError(f"{what}: cannot run {command[0]}: no such file")
    except PermissionError:
        raise HarnessError(f"{what}: cannot run {command[0]}: not executable")
    except subprocess.TimeoutExpired as e:
        raise HarnessError(f"{what}: timed out after {timeout:.0f} s: {shlex.join(command)}"
                           + (f"\n--- stderr ---\n{e.stderr}" if e.stderr else ""))
    if proc.returncode != 0:
        status = f"exit status {proc.returncode}" if proc.returncode > 0 else f"signal {-proc.returncode}"
        stderr = proc.stderr.strip() or "(no output on stderr)"
        raise HarnessError(f"{what} failed ({status}): {shlex.join(command)}\n--- stderr ---\n{stderr}")
    results = []
    for line in proc.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            log(f"warning: {what}: ignoring a line that is not JSON: {line[:120]}")
            continue
        if isinstance(obj, dict) and {"backend", "workload", "size", "seconds"} <= obj.keys():
            results.append(obj)
    if not results:
        raise HarnessError(f"{what} printed no results: {shlex.join(command)}\n--- stdout ---\n{proc.stdout.strip()}"
                           f"\n--- stderr ---\n{proc.stderr.strip()}")
    return results


def run_pytorch(python: str, workload: str, threads: int, repeats: int, timeout: float) -> list[dict]:
    command = [python, str(SCRIPTS / "pytorch_workloads.py"), "--threads", str(threads),
               "--workloads", workload, "--repeats", str(repeats)]
    return run_json_lines(command, thread_env(threads), f"PyTorch {workload} ({threads} thread{'s' if threads > 1 else ''})", timeout)


def run_ember(ember: str, workload: str, threads: int, repeats: int, timeout: float) -> list[dict]:
    command = [ember, "bench", "--json", "--compile", "--threads", str(threads), "--workloads", workload,
               "--repeats", str(repeats)]
    results = run_json_lines(command, thread_env(threads), f"ember bench {workload} ({threads} thread{'s' if threads > 1 else ''})", timeout)
    for r in results:
        # Compiled runs (`ember bench --compile`) get columns of their own, beside the eager ones.
        if r.pop("compiled", False):
            r["backend"] += " compiled"
    return results


# ---------------------------------------------------------------------------------------------------------------------
# What machine, which builds


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def cpu_flags() -> set[str]:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def core_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 0


def ember_info(ember: str) -> tuple[str | None, str]:
    """`ember info`'s output, and the OpenBLAS core it names if any (it may not print one: parsed defensively)."""
    try:
        proc = subprocess.run([ember, "info"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"(ember info failed: {e})"
    text = (proc.stdout or "") + (proc.stderr or "")
    if proc.returncode != 0:
        return None, text
    lines = [line for line in text.splitlines()
             if "openblas" in line.lower() or re.match(r"\s*(blas[\s_-]*)?core[\s_-]*(name|type)?\s*[:=]", line, re.I)]
    # Most explicit first: "openblas core: SkylakeX", "OpenBLAS 0.3.21 (core Cooperlake)", "corename = Haswell";
    # then "openblas: Cooperlake"; then a known core name anywhere on an OpenBLAS line (openblas_get_config() style:
    # "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64").
    core = None
    for line in lines:
        m = re.search(r"core[\s_-]*(?:name|type)?[\s:=]+([A-Za-z][A-Za-z0-9_]*)", line, re.I)
        if m and not m.group(1).lower().startswith("openblas"):
            core = m.group(1)
            break
    for line in lines if core is None else []:
        _, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", value.strip()):
            core = value.strip()
            break
    for line in lines if core is None else []:
        m = re.search(KNOWN_CORES, line, re.I)
        if m:
            core = m.group(0)
            break
    return core, text


def openblas_core_direct() -> str | None:
    """openblas_get_corename() of the system libopenblas, loaded in a subprocess with this environment."""
    code = ("import ctypes, ctypes.util\n"
            "name = ctypes.util.find_library('openblas')\n"
            "lib = ctypes.CDLL(name or 'libopenblas.so.0')\n"
            "lib.openblas_get_corename.restype = ctypes.c_char_p\n"
            "print(lib.openblas_get_corename().decode())\n")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    try:
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, env=env)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None


def torch_info(python: str) -> dict:
    proc = subprocess.run([python, str(SCRIPTS / "pytorch_workloads.py"), "--info"], capture_output=True, text=True,
                          timeout=300)
    if proc.returncode != 0:
        raise HarnessError(f"PyTorch failed to start ({python}):\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def torch_installed(python: str) -> bool:
    if os.path.realpath(python) == os.path.realpath(sys.executable):
        return importlib.util.find_spec("torch") is not None
    proc = subprocess.run([python, "-c", "import importlib.util, sys; sys.exit(importlib.util.find_spec('torch') is None)"],
                          capture_output=True)
    return proc.returncode == 0


def git_commit(path: Path) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(path), "describe", "--always", "--dirty"], capture_output=True,
                              text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() or None if proc.returncode == 0 else None


# ---------------------------------------------------------------------------------------------------------------------
# The table


def fmt_time(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    for scale, unit in ((1, "s"), (1e-3, "ms"), (1e-6, "µs")):
        if seconds >= scale:
            break
    else:
        scale, unit = 1e-9, "ns"
    value = seconds / scale
    digits = 0 if value >= 100 else (1 if value >= 10 else 2)
    return f"{value:.{digits}f} {unit}"


def fmt_cell(result: dict | None) -> str:
    if result is None:
        return "—"
    text = fmt_time(result["seconds"])
    if result.get("gflops") is not None:
        text += f" ({result['gflops']:.1f} GFLOP/s)"
    return text


def fmt_ratio(ember: dict | None, torch: dict | None) -> str:
    if ember is None or torch is None or not torch["seconds"]:
        return "—"
    ratio = ember["seconds"] / torch["seconds"]
    return f"{ratio:.2f}×" if ratio < 10 else f"{ratio:.0f}×"


def build_rows(results: list[dict], threads_list: list[int], workloads: list[str], backends: list[str],
               with_torch: bool) -> tuple[list[str], list[list[str]]]:
    header = ["workload", "size", "threads"]
    if with_torch:
        header.append("PyTorch")
    for backend in backends:
        header.append(f"Ember {backend}")
        if with_torch:
            header.append(f"{backend} / PyTorch")
    index: dict[tuple, dict] = {}
    sizes: dict[str, list[str]] = {}
    for r in results:
        index[(r["backend"], r["workload"], r["size"], r["requested_threads"])] = r
        sizes.setdefault(r["workload"], [])
        if r["size"] not in sizes[r["workload"]]:
            sizes[r["workload"]].append(r["size"])
    rows = []
    for workload in workloads:
        for size in sizes.get(workload, []):
            for threads in threads_list:
                torch = index.get(("pytorch", workload, size, threads))
                row = [workload, size, str(threads)]
                if with_torch:
                    row.append(fmt_cell(torch))
                for backend in backends:
                    ember = index.get((backend, workload, size, threads))
                    row.append(fmt_cell(ember))
                    if with_torch:
                        row.append(fmt_ratio(ember, torch))
                rows.append(row)
    return header, rows


def render_text(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    numeric = [i >= 2 for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    out = [line(header), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    return "\n".join(out)


def render_markdown(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |",
           "|" + "|".join("---" if i < 2 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def describe(meta: dict, markdown: bool) -> str:
    torch = meta.get("torch")
    lines = [
        ("machine", f"{meta['cpu']}, {meta['cores']} cores"
                    + (", AVX-512" if meta.get("avx512") else "") + f", {meta['os']}"),
        ("date", meta["date"]),
        ("PyTorch", "not run (--ember-only)" if torch is None else
         f"{torch['torch']} (BLAS {torch['blas']}, CPU capability {torch.get('cpu_capability') or '?'}, "
         f"Python {torch['python']})"),
        ("Ember", f"{meta['ember']}" + (f" at {meta['ember_commit']}" if meta.get("ember_commit") else "")
                  + f", backends: {', '.join(meta['backends']) or 'none'}"),
        ("OpenBLAS core", meta["openblas_core"]),
        ("threads", ", ".join(str(t) for t in meta["threads"]) + "  (torch.set_num_threads + OMP/MKL_NUM_THREADS; "
                    "ember bench --threads + EMBER/OPENBLAS_NUM_THREADS)"),
        ("timing", f"one warm-up run, median of {meta['repeats']}; seed and linreg1m: whole run, mlp and cnn: one step, "
                   "classify: one epoch, "
                   "gemm: one matmul, add1: one op; ratio = Ember time / PyTorch time (above 1: Ember slower)"),
    ]
    if markdown:
        return "\n".join(f"- **{k}**: {v}" for k, v in lines)
    width = max(len(k) for k, _ in lines)
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in lines)


# ---------------------------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Run Ember's `ember bench` workloads and the same workloads in PyTorch, interleaved, and print "
                    "one comparison table.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--ember", default=".build/native/release/ember", help="the ember binary (a release build)")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per workload (median reported)")
    parser.add_argument("--workloads", default=",".join(WORKLOADS), help="comma-separated workloads")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--json", metavar="FILE", help="save the raw results and machine description as JSON")
    parser.add_argument("--ember-only", action="store_true", help="run only the Ember half (no torch needed)")
    parser.add_argument("--python", default=sys.executable, help="the Python interpreter that has torch")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds allowed for each subprocess")
    args = parser.parse_args(argv)
    try:
        args.threads_list = [int(t) for t in args.threads.split(",") if t.strip()]
    except ValueError:
        parser.error(f"--threads must be comma-separated integers, got {args.threads!r}")
    if not args.threads_list or min(args.threads_list) < 1:
        parser.error(f"--threads must list counts of at least 1, got {args.threads!r}")
    if args.repeats < 1:
        parser.error(f"--repeats must be at least 1, got {args.repeats}")
    args.workload_list = [w.strip() for w in args.workloads.split(",") if w.strip()]
    if not args.workload_list:
        parser.error("--workloads is empty")
    unknown = [w for w in args.workload_list if w not in WORKLOADS]
    if unknown and not args.ember_only:
        parser.error(f"unknown workload(s) {', '.join(unknown)}; the PyTorch side has: {', '.join(WORKLOADS)}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ember = args.ember
    if os.sep not in ember and not os.path.exists(ember):
        from shutil import which
        ember = which(ember) or ember
    if not os.path.isfile(ember):
        raise HarnessError(f"no ember binary at {args.ember}; build it first:\n"
                           "    swift build -c release -Xswiftc -target-cpu -Xswiftc native "
                           "--scratch-path .build/native --product ember\n(or `make compare`), or pass --ember PATH")
    with_torch = not args.ember_only
    if with_torch and not torch_installed(args.python):
        log(INSTALL_HINT.format(python=args.python))
        return 3

    flags = cpu_flags()
    meta: dict = {
        "cpu": cpu_model(), "cores": core_count(), "avx512": "avx512f" in flags,
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "ember": ember, "ember_commit": git_commit(Path(ember).resolve().parent),
        "threads": args.threads_list, "repeats": args.repeats, "workloads": args.workload_list,
        "openblas_coretype_env": os.environ.get("OPENBLAS_CORETYPE"),
    }
    core, info_text = ember_info(ember)
    meta["ember_info"] = info_text
    if core:
        meta["openblas_core"] = f"{core} (from ember info)"
    else:
        direct = openblas_core_direct()
        meta["openblas_core"] = (f"{direct} (libopenblas loaded by the harness; ember info names none)" if direct
                                 else "unknown (ember info names none; no libopenblas found)")
    if meta["openblas_coretype_env"]:
        meta["openblas_core"] += f"; OPENBLAS_CORETYPE={meta['openblas_coretype_env']}"
    if with_torch:
        log(f"starting PyTorch ({args.python}) ...")
        meta["torch"] = torch_info(args.python)
    else:
        meta["torch"] = None

    results: list[dict] = []

    def save() -> None:
        if args.json:
            with open(args.json, "w") as f:
                json.dump({"meta": meta, "results": results}, f, indent=1, sort_keys=True)
                f.write("\n")

    try:
        for threads in args.threads_list:
            for workload in args.workload_list:
                halves = [("pytorch", run_pytorch, args.python)] if with_torch else []
                halves.append(("ember", run_ember, ember))
                for name, runner, program in halves:
                    log(f"[{threads} thread{'s' if threads > 1 else ''}] {workload}: {name} ...")
                    for r in runner(program, workload, threads, args.repeats, args.timeout):
                        r["requested_threads"] = threads
                        results.append(r)
    except HarnessError:
        save()
        raise

    backends = []
    for r in results:
        if r["backend"] != "pytorch" and r["backend"] not in backends:
            backends.append(r["backend"])
    meta["backends"] = backends
    save()

    header, rows = build_rows(results, args.threads_list, args.workload_list, backends, with_torch)
    if args.markdown:
        print(describe(meta, markdown=True))
        print()
        print(render_markdown(header, rows))
    else:
        print(describe(meta, markdown=False))
        print()
        print(render_text(header, rows))
    mismatched = [r for r in results if r.get("threads") not in (None, r["requested_threads"])]
    if mismatched:
        log("warning: some runs report a thread count other than the one asked: "
            + ", ".join(sorted({f"{r['backend']} {r['workload']} {r['threads']} for {r['requested_threads']}"
                                for r in mismatched})))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except HarnessError as error:
        log(f"compare_pytorch.py: {error}")
        sys.exit(1)
    except KeyboardInterrupt:
        log("compare_pytorch.py: interrupted")
        sys.exit(130)
