#!/usr/bin/env python3
"""Writes a CSV of seeded shape images for `ember classify --model cnn` (the DocC article "A convolutional network").

Each row is one side x side grey-scale image (columns p0 ... p{side²-1}, row-major) holding one horizontal bar,
vertical bar, plus-shaped cross, diagonal cross or ring at a random position and size, with Gaussian noise on every
pixel, and its class name in the column `shape`. The same design as the tests' generator
(Tests/EmberCLITests/ShapeImages.swift), with Python's random numbers, so the images differ but not their kind.

    python3 scripts/shape_images.py shapes.csv --count 1500 --seed 11
    ember classify --csv shapes.csv --target shape --model cnn --image-shape 1x16x16 --channels 8,16 --hidden 64 \\
        --batch-size 32 --epochs 12 --lr 0.002

Standard library only.
"""

from __future__ import annotations

import argparse
import math
import random
import sys

CLASSES = ("hbar", "vbar", "cross", "xcross", "ring")


def image(r: random.Random, label: int, side: int, noise: float) -> list[float]:
    pixels = [0.0] * (side * side)
    ink = 0.7 + 0.3 * r.random()

    def paint(row: int, column: int) -> None:
        if 0 <= row < side and 0 <= column < side:
            pixels[row * side + column] = ink

    name = CLASSES[label]
    if name in ("hbar", "vbar"):
        length = r.randint(5, 9)
        line, start = r.randrange(side), r.randrange(side - length + 1)
        for k in range(start, start + length):
            paint(line, k) if name == "hbar" else paint(k, line)
    elif name in ("cross", "xcross"):
        arm = r.randint(2, 4)
        row, column = r.randint(arm, side - 1 - arm), r.randint(arm, side - 1 - arm)
        for k in range(-arm, arm + 1):
            if name == "cross":
                paint(row + k, column)
                paint(row, column + k)
            else:
                paint(row + k, column + k)
                paint(row + k, column - k)
    else:  # ring: pixels within half a pixel of the radius
        radius = 2.5 + 1.5 * r.random()
        reach = math.ceil(radius)
        row, column = r.randint(reach, side - 1 - reach), r.randint(reach, side - 1 - reach)
        for dr in range(-reach, reach + 1):
            for dc in range(-reach, reach + 1):
                if abs(math.hypot(dr, dc) - radius) <= 0.5:
                    paint(row + dr, column + dc)
    return [v + noise * r.gauss(0, 1) for v in pixels]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", help="the CSV file to write")
    parser.add_argument("--count", type=int, default=1500, help="number of images")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--side", type=int, default=16, help="image height and width (at least 10)")
    parser.add_argument("--noise", type=float, default=0.15, help="standard deviation of the pixel noise")
    args = parser.parse_args()
    if args.count < 1 or args.side < 10 or not (args.noise >= 0 and math.isfinite(args.noise)):
        print("shape_images.py: --count must be at least 1, --side at least 10, --noise finite and >= 0",
              file=sys.stderr)
        sys.exit(2)
    r = random.Random(args.seed)
    with open(args.output, "w") as f:
        f.write(",".join([f"p{i}" for i in range(args.side * args.side)] + ["shape"]) + "\n")
        for _ in range(args.count):
            label = r.randrange(len(CLASSES))
            f.write(",".join(f"{v:.3f}" for v in image(r, label, args.side, args.noise)) + "," + CLASSES[label] + "\n")


if __name__ == "__main__":
    main()
