#!/usr/bin/env python3
"""PyTorch's time for each convolution and pooling kernel of the `cnn` bench's training step, for KernelBench --cnn.

The step (issue 11): conv(1→16, k3, pad 1) → ReLU → maxpool 2 → conv(16→32, k3, pad 1) → ReLU → maxpool 2 → flatten →
Linear(1568→128) → ReLU → Linear(128→10), a batch of 64 images of 1×28×28, Float32. Each row is the median of
repeated calls (after warm-up) of one aten kernel on the shapes of that step, in milliseconds, on 1 and 2 threads;
the last row is the whole training step (forward, cross-entropy, backward, SGD) for comparison.

    python3 scripts/conv_kernels_torch.py [--threads 1,2] [--reps 50]
"""
import argparse
import statistics
import time

import torch
import torch.nn.functional as F


def median_ms(fn, reps):
    for _ in range(3):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e3


def kernels(reps):
    g = torch.Generator().manual_seed(0)
    x1 = torch.rand(64, 1, 28, 28, generator=g)
    w1 = torch.rand(16, 1, 3, 3, generator=g) - 0.5
    x2 = torch.rand(64, 16, 14, 14, generator=g)
    w2 = torch.rand(32, 16, 3, 3, generator=g) - 0.5
    p1 = torch.rand(64, 16, 28, 28, generator=g)
    p2 = torch.rand(64, 32, 14, 14, generator=g)
    gy1 = torch.rand(64, 16, 28, 28, generator=g)
    gy2 = torch.rand(64, 32, 14, 14, generator=g)
    conv = torch.ops.aten.convolution_backward
    rows = [
        ("conv1 forward", lambda: F.conv2d(x1, w1, padding=1)),
        ("conv1 backward weight", lambda: conv(gy1, x1, w1, None, [1, 1], [1, 1], [1, 1], False, [0, 0], 1,
                                               [False, True, False])),
        ("conv2 forward", lambda: F.conv2d(x2, w2, padding=1)),
        ("conv2 backward input", lambda: conv(gy2, x2, w2, None, [1, 1], [1, 1], [1, 1], False, [0, 0], 1,
                                              [True, False, False])),
        ("conv2 backward weight", lambda: conv(gy2, x2, w2, None, [1, 1], [1, 1], [1, 1], False, [0, 0], 1,
                                               [False, True, False])),
    ]
    for name, x in (("pool1", p1), ("pool2", p2)):
        out, idx = F.max_pool2d(x, 2, return_indices=True)
        gout = torch.rand_like(out)
        rows.append((f"{name} max forward", lambda x=x: F.max_pool2d(x, 2, return_indices=True)))
        rows.append((f"{name} max backward", lambda x=x, gout=gout, idx=idx:
                     torch.ops.aten.max_pool2d_with_indices_backward(gout, x, [2, 2], [2, 2], [0, 0], [1, 1], False,
                                                                     idx)))
    return [(name, median_ms(fn, reps)) for name, fn in rows]


def step_ms(reps):
    torch.manual_seed(0)
    net = torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(1568, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(net.parameters(), lr=0.01)
    x = torch.rand(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))

    def step():
        opt.zero_grad()
        F.cross_entropy(net(x), y).backward()
        opt.step()
    return median_ms(step, reps)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--reps", type=int, default=50)
    args = parser.parse_args()
    print(f"torch {torch.__version__}, times in ms (median of {args.reps})")
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        print(f"\nthreads: {threads}")
        for name, ms in kernels(args.reps):
            print(f"{name:24}{ms:9.3f}")
        print(f"{'training step':24}{step_ms(args.reps):9.3f}")


if __name__ == "__main__":
    main()
