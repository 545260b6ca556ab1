import EmberBackend
import Foundation

/// The convolution and pooling kernels of the `cnn` bench's training step (conv 1→16 k3 pad 1, max pool 2, conv
/// 16→32 k3 pad 1, max pool 2; a batch of 64 images of 1×28×28, `Float`), each timed alone on every backend and
/// thread count: the minimum and median of repeated calls in milliseconds, in the rows of
/// `scripts/conv_kernels_torch.py` (the first convolution's input gradient is not needed in training).
func cnnKernels(backends: [(String, any Backend)], threadCounts: [Int]) {
    func conv(_ c: Int, _ cout: Int, _ size: Int) -> Conv2dShape {
        Conv2dShape(batch: 64, inChannels: c, outChannels: cout, groups: 1, inputHeight: size, inputWidth: size,
                    kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1,
                    dilationWidth: 1, padTop: 1, padLeft: 1, padBottom: 1, padRight: 1)
    }
    func pool(_ planes: Int, _ size: Int) -> Pool2dShape {
        Pool2dShape(planes: planes, inputHeight: size, inputWidth: size, kernelHeight: 2, kernelWidth: 2,
                    strideHeight: 2, strideWidth: 2, padHeight: 0, padWidth: 0, dilationHeight: 1, dilationWidth: 1,
                    ceilMode: false)
    }
    let (conv1, conv2) = (conv(1, 16, 28), conv(16, 32, 14))
    let (pool1, pool2) = (pool(64 * 16, 28), pool(64 * 32, 14))
    let big = 64 * 16 * 28 * 28
    let x = filled(big, seed: 1), w = filled(big, seed: 2), y = filled(big, seed: 3), g = filled(big, seed: 4)
    let indices = UnsafeMutablePointer<Int>.allocate(capacity: big)
    defer {
        for p in [x, w, y, g] { p.deallocate() }
        indices.deallocate()
    }
    func time(_ body: () -> Void) -> (Double, Double) {
        var samples: [Double] = []
        for _ in 0..<7 { samples.append(medianSeconds(minimumReps: 3, budget: 0.05, body)) }
        samples.sort()
        return (samples[0] * 1e3, samples[3] * 1e3)
    }
    for threads in threadCounts {
        Threads.setCount(threads)
        print("\nthreads: \(threads)   (ms: min / median of 7 medians)")
        print(column("kernel", 24) + backends.map { column($0.0, 18) }.joined())
        var rows: [(String, (any Backend) -> Void)] = [
            ("conv1 forward", { $0.conv2d(x, w, y, shape: conv1) }),
            ("conv1 backward weight", { $0.conv2dBackwardWeight(x, g, w, shape: conv1) }),
            ("conv2 forward", { $0.conv2d(x, w, y, shape: conv2) }),
            ("conv2 backward input", { $0.conv2dBackwardInput(g, w, y, shape: conv2) }),
            ("conv2 backward weight", { $0.conv2dBackwardWeight(x, g, w, shape: conv2) }),
        ]
        for (name, s) in [("pool1", pool1), ("pool2", pool2)] {
            let argmax = name == "pool1" ? indices : indices + pool1.outputCount
            rows.append(("\(name) max forward", { $0.maxPool2d(x, y, argmax, shape: s) }))
            rows.append(("\(name) max backward", { $0.maxPool2dBackward(g, argmax, y, shape: s) }))
        }
        var totals = [Double](repeating: 0, count: backends.count)
        // KERNELBENCH_ONLY=conv2 times only the rows starting with it (for a profiler).
        let only = ProcessInfo.processInfo.environment["KERNELBENCH_ONLY"] ?? ""
        for (name, run) in rows where name.hasPrefix(only) {
            var line = column(name, 24)
            for (i, (_, backend)) in backends.enumerated() {
                let (best, median) = time { run(backend) }
                totals[i] += median
                line += column(String(format: "%.3f / %.3f", best, median), 18)
            }
            print(line)
        }
        print(column("sum of medians", 24) + totals.map { column(String(format: "%.3f", $0), 18) }.joined())
    }
}
