#!/usr/bin/env python3
"""PyTorch versions of the `ember bench` workloads, timed the way Ember times them.

Each workload mirrors Sources/ember/BenchWorkloads.swift: the same shapes, hyper-parameters and loop, one untimed
warm-up run, then the median (upper median for an even count, as Ember does) of `--repeats` timed runs, with the
same per-unit normalisation (whole workload for seed and linreg1m, one step for mlp and cnn, one epoch for classify, one call
for gemm, one op for add1). Results are printed as JSON lines in the schema of `ember bench --json`, with backend "pytorch".

Run it in a fresh process per thread count (compare_pytorch.py does): MKL and OpenMP read their thread settings when
they start, so OMP_NUM_THREADS / MKL_NUM_THREADS are set in the environment as well as torch.set_num_threads(n).

    python3 scripts/pytorch_workloads.py --threads 1 --workloads seed,gemm --repeats 5
    python3 scripts/pytorch_workloads.py --info
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

WORKLOADS = ("seed", "linreg1m", "mlp", "classify", "cnn", "gemm", "add1")


def _die(message: str, status: int = 2) -> None:
    print(f"pytorch_workloads.py: {message}", file=sys.stderr)
    sys.exit(status)


def _threads_from_argv() -> str | None:
    """The --threads value, read before torch loads so that OpenMP and MKL start with it."""
    for i, arg in enumerate(sys.argv):
        if arg == "--threads" and i + 1 < len(sys.argv):
            return sys.argv[i + 1]
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
    return None


_threads = _threads_from_argv()
if _threads is not None and _threads.isdigit() and int(_threads) >= 1:
    for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = _threads

try:
    import torch
    from torch import nn
except ImportError:  # compare_pytorch.py checks first and explains how to install; this is the fallback.
    _die("PyTorch is not installed for " + sys.executable + " (try: pip install torch==2.13.0+cpu)", 3)


def median(repeats: int, body) -> float:
    """Median wall time in seconds of `repeats` runs of `body`, after one untimed warm-up run (like Ember)."""
    body()
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter_ns()
        body()
        times.append((time.perf_counter_ns() - start) / 1e9)
    times.sort()
    return times[len(times) // 2]


class Regression(nn.Module):
    """The tutorial's model: y = weight * x + bias, both drawn from randn(1)."""

    def __init__(self) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.randn(1))
        self.bias = nn.Parameter(torch.randn(1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.weight * x + self.bias


def linear_data(n: int) -> tuple[torch.Tensor, torch.Tensor]:
    """x = linspace(0, 1, n), y = 2x + 1 + 0.1 * N(0, 1)."""
    torch.manual_seed(0)
    x = torch.linspace(0, 1, n)
    y = 2 * x + 1 + 0.1 * torch.randn(n)
    return x, y


def train(x: torch.Tensor, y: torch.Tensor, epochs: int, lr: float) -> None:
    """Full-batch SGD on MSELoss, model construction included (as in Ember's `train`)."""
    torch.manual_seed(0)
    model = Regression()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = nn.MSELoss()
    for _ in range(epochs):
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def mlp_step(repeats: int) -> float:
    """Seconds per step of Linear(256, 512) -> ReLU -> Linear(512, 1), MSE, SGD lr 0.01, on a 4096-row batch."""
    torch.manual_seed(0)
    x = torch.randn(4096, 256)
    y = torch.randn(4096, 1)
    model = nn.Sequential(nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    criterion = nn.MSELoss()
    steps = 10

    def run() -> None:
        for _ in range(steps):
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return median(repeats, run) / steps


def classify_epoch(repeats: int) -> float:
    """Seconds per epoch of Linear(784, 128) -> ReLU -> Linear(128, 10), cross-entropy, SGD lr 0.1, on 10,000 random
    samples of 784 features with random labels in 0..9, 157 batches of 64 taken in order (the last one 16)."""
    torch.manual_seed(0)
    n, batch = 10_000, 64
    x = torch.randn(n, 784)
    y = torch.randint(0, 10, (n,))
    model = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    criterion = nn.CrossEntropyLoss()

    def run() -> None:
        for start in range(0, n, batch):
            loss = criterion(model(x[start:start + batch]), y[start:start + batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return median(repeats, run)


def cnn_step(repeats: int) -> float:
    """Seconds per step of Conv2d(1, 16, 3, padding=1) -> ReLU -> MaxPool2d(2) -> Conv2d(16, 32, 3, padding=1) -> ReLU
    -> MaxPool2d(2) -> Flatten -> Linear(1568, 128) -> ReLU -> Linear(128, 10), cross-entropy, SGD lr 0.01, on a batch
    of 64 random 1x28x28 images with random labels in 0..9 (Ember's Sequential.leNet)."""
    torch.manual_seed(0)
    x = torch.randn(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))
    model = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(1568, 128), nn.ReLU(), nn.Linear(128, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    criterion = nn.CrossEntropyLoss()
    steps = 10

    def run() -> None:
        for _ in range(steps):
            loss = criterion(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return median(repeats, run) / steps


def gemm(repeats: int) -> list[tuple[str, float, float]]:
    results = []
    for n in (64, 256, 1024):
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        calls = max(1, 200_000_000 // (n * n * n))

        def run() -> None:
            with torch.no_grad():
                for _ in range(calls):
                    _ = a @ b

        results.append((str(n), median(repeats, run) / calls, 2.0 * n * n * n))
    return results


def add1(repeats: int) -> float:
    a = torch.tensor([1.0])
    b = torch.tensor([2.0])
    ops = 200_000

    def run() -> None:
        for _ in range(ops):
            _ = a + b

    return median(repeats, run) / ops


def run_workload(name: str, repeats: int) -> list[tuple[str, float, float | None]]:
    """(size label, seconds, flops per timed unit or None) for each size, labels as in `ember bench`."""
    if name == "seed":
        x, y = linear_data(100)
        return [("100x1000", median(repeats, lambda: train(x, y, 1000, 0.1)), None)]
    if name == "linreg1m":
        x, y = linear_data(1_000_000)
        return [("1000000x20", median(repeats, lambda: train(x, y, 20, 0.1)), None)]
    if name == "mlp":
        return [("4096x256x512x1", mlp_step(repeats), None)]
    if name == "classify":
        return [("10000x784x128x10", classify_epoch(repeats), None)]
    if name == "cnn":
        return [("64x1x28x28", cnn_step(repeats), None)]
    if name == "gemm":
        return gemm(repeats)
    if name == "add1":
        return [("1", add1(repeats), None)]
    raise ValueError(name)


def reset_peak_rss() -> None:
    """Resets VmHWM (Linux >= 4.0), so that each workload's peak is its own; silently does nothing elsewhere."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss_mib() -> float | None:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except (OSError, ValueError, IndexError):
        pass
    return None


def info() -> dict:
    config = torch.__config__.show()
    blas = "mkl" if "BLAS_INFO=mkl" in config else ("openblas" if "BLAS_INFO=open" in config else "unknown")
    capability = None
    try:
        capability = torch.backends.cpu.get_cpu_capability()
    except Exception:  # older torch
        pass
    return {
        "torch": torch.__version__,
        "python": platform.python_version(),
        "blas": blas,
        "mkl": bool(torch.backends.mkl.is_available()),
        "cpu_capability": capability,
        "threads": torch.get_num_threads(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, help="torch.set_num_threads(N) (set OMP/MKL_NUM_THREADS too)")
    parser.add_argument("--workloads", default=",".join(WORKLOADS))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--info", action="store_true", help="print the torch version and build as one JSON object")
    args = parser.parse_args()

    if args.threads is not None:
        if args.threads < 1:
            _die(f"--threads must be at least 1, got {args.threads}")
        torch.set_num_threads(args.threads)
    if args.info:
        print(json.dumps(info(), sort_keys=True))
        return
    if args.repeats < 1:
        _die(f"--repeats must be at least 1, got {args.repeats}")
    names = [w for w in args.workloads.split(",") if w]
    for name in names:
        if name not in WORKLOADS:
            _die(f'unknown workload "{name}"; valid: {", ".join(WORKLOADS)}')

    threads = torch.get_num_threads()
    for name in names:
        reset_peak_rss()
        for size, seconds, flops in run_workload(name, args.repeats):
            result = {"backend": "pytorch", "workload": name, "size": size, "threads": threads,
                      "seconds": seconds, "peak_rss_mib": peak_rss_mib()}
            if flops is not None:
                result["gflops"] = flops / seconds / 1e9
            print(json.dumps(result, sort_keys=True), flush=True)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(130)
