// KernelBench: GEMM and elementwise throughput of each built-in backend, as a readable table.
//
//   swift build -c release --product KernelBench [-Xswiftc -target-cpu -Xswiftc native]
//   .build/release/KernelBench [--threads 1,2] [--backends reference,simd,cblas] [--quick]
//   EMBER_SIMD_PATH=avx2 .build/release/KernelBench --backends simd    (a lower simd kernel path)
//   .build/release/KernelBench --accuracy     (max error of the SIMD transcendentals against the reference)
//   .build/release/KernelBench --cnn [--threads 1,2]   (the cnn bench's convolution and pooling kernels, in ms;
//                                                        scripts/conv_kernels_torch.py times PyTorch's)
//
// Each figure is the median of several timed repetitions (after one warm-up). Bandwidth figures count the bytes a
// kernel must move (add: 2 reads + 1 write; sum: 1 read; exp and copy: 1 read + 1 write) and are compared with a
// plain memcpy of the same buffers and of a buffer far larger than the caches. `add1` is the cost of one call on a
// 1-element tensor: the per-operation overhead small tensors pay. With cblas selected, a last row times
// `cblas_sgemm` called directly on the same kind of buffers, and the ratio of the time through Ember to it.
// The header prints the OpenBLAS core in use; when `ember info` reports a generic one, set the OPENBLAS_CORETYPE it
// suggests before starting.
import CEmberBLAS
import EmberBackend
import EmberCBLAS
import EmberReference
import EmberSIMD
import Foundation

// MARK: - Options

struct Options {
    var threadCounts: [Int] = [Threads.count]
    var backendNames = ["reference", "simd", "cblas"]
    var quick = false
    var accuracy = false
    var cnn = false

    init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--threads": threadCounts = value.split(separator: ",").compactMap { Int($0) }; i += 1
            case "--backends": backendNames = value.split(separator: ",").map(String.init); i += 1
            case "--quick": quick = true
            case "--accuracy": accuracy = true
            case "--cnn": cnn = true
            default:
                print("usage: KernelBench [--threads 1,2] [--backends reference,simd,cblas] [--quick] [--accuracy] [--cnn]")
                exit(2)
            }
            i += 1
        }
    }
}

func makeBackend(_ name: String) -> (any Backend)? {
    switch name {
    case "reference": ReferenceBackend()
    case "simd": SIMDBackend()
    case "cblas": CBLASBackend()
    default: nil
    }
}

// MARK: - Timing

/// Median seconds of `body` over repetitions, after a warm-up, running at least `minimumReps` times and until about
/// `budget` seconds have passed (at most 200 repetitions).
func medianSeconds(minimumReps: Int = 5, budget: Double = 0.3, _ body: () -> Void) -> Double {
    body()
    var samples: [Double] = []
    let clock = ContinuousClock()
    let start = clock.now
    while samples.count < minimumReps || (samples.count < 200 && (clock.now - start) < .seconds(budget)) {
        let t0 = clock.now
        body()
        let elapsed = clock.now - t0
        samples.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
    samples.sort()
    return samples[samples.count / 2]
}

func filled(_ count: Int, seed: Int) -> UnsafeMutablePointer<Float> {
    let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
    for i in 0..<count { p[i] = Float((i &* 7919 &+ seed) % 1000) / 1000 - 0.5 }
    return p
}

func column(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

func format(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
}

// MARK: - Accuracy

/// Largest error of `SIMDBackend`'s transcendentals against the reference (libm through RealModule), in ulps of the
/// reference result and relative, over every binade of both signs (subnormals included) with random significands.
func accuracy<T: TensorScalar>(_: T.Type) {
    var state: UInt64 = 1
    func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }
    var x: [T] = []
    var exponent = T.leastNonzeroMagnitude.exponent
    while exponent <= T.greatestFiniteMagnitude.exponent {
        for _ in 0..<2000 {
            let v = T(sign: .plus, exponent: exponent, significand: T(1 + uniform()))
            x += [v, -v]
        }
        exponent += 1
    }
    for _ in 0..<200_000 { x.append(T(uniform() * 60 - 30)) }
    let reference = ReferenceBackend(), simd = SIMDBackend()
    var expected = [T](repeating: 0, count: x.count), actual = expected
    for op in [UnaryOp.exp, .log, .tanh, .sigmoid] {
        reference.unary(op, x, &expected, count: x.count)
        simd.unary(op, x, &actual, count: x.count)
        var maxUlps: T = 0, maxRelative: T = 0, worst: T = 0, mismatchedSpecials = 0
        for i in x.indices {
            let e = expected[i], a = actual[i]
            if e.isNaN || a.isNaN || e.isInfinite || a.isInfinite {
                if !(e.isNaN && a.isNaN) && e != a { mismatchedSpecials += 1 }
                continue
            }
            guard e.magnitude >= T.leastNormalMagnitude else { continue }   // subnormal results: absolute error only
            let ulps = (a - e).magnitude / e.ulp, relative = (a - e).magnitude / e.magnitude
            if ulps > maxUlps { maxUlps = ulps; worst = x[i] }
            maxRelative = Swift.max(maxRelative, relative)
        }
        print("\(T.self) \(op): max \(maxUlps) ulp, relative \(maxRelative) (worst at x = \(worst)), "
              + "NaN/inf mismatches: \(mismatchedSpecials), \(x.count) arguments")
    }
}

// MARK: - Workloads

let options = Options(CommandLine.arguments)
if options.accuracy {
    accuracy(Float.self)
    accuracy(Double.self)
    exit(0)
}
if options.cnn {
    cnnKernels(backends: options.backendNames.filter { $0 != "reference" }.compactMap { name in
        makeBackend(name).map { (name, $0) }
    }, threadCounts: options.threadCounts)
    exit(0)
}
let elements = 1 << 20
let gemmSizes = options.quick ? [64, 256] : [64, 256, 1024]
let backends = options.backendNames.compactMap { name in makeBackend(name).map { (name, $0) } }

let x = filled(elements, seed: 1), y = filled(elements, seed: 2), out = filled(elements, seed: 3)
let bigCount = 64 << 20                                    // 256 MiB of Float: far past the 32 MiB L3
let bigSource = filled(bigCount, seed: 4), bigTarget = filled(bigCount, seed: 5)

print("KernelBench: \(elements) elements (\((elements * 4) >> 20) MiB per Float operand), GEMM Float n×n×n")
print("OpenBLAS core: \(OpenBLASInfo.coreName)   OPENBLAS_CORETYPE=\(OpenBLASInfo.coreTypeOverride ?? "(unset)")"
      + "   simd kernels: \(SIMDKernelPath.selection)")

for threads in options.threadCounts {
    Threads.setCount(threads)
    // Reference bandwidths, measured in this run: memcpy of the 1M-element buffers and of 256 MiB.
    let copySeconds = medianSeconds { out.update(from: x, count: elements) }
    let copyGBs = Double(2 * 4 * elements) / copySeconds / 1e9
    let bigSeconds = medianSeconds(minimumReps: 3) {
        Threads.parallelFor(chunks: threads) { chunk in
            let per = bigCount / threads
            (bigTarget + chunk * per).update(from: bigSource + chunk * per, count: per)
        }
    }
    let bigGBs = Double(2 * 4 * bigCount) / bigSeconds / 1e9
    print("")
    print("threads: \(Threads.count)   memcpy 1M Float: \(format(copyGBs)) GB/s   memcpy 256 MiB: \(format(bigGBs)) GB/s")
    let header = column("backend", 10) + gemmSizes.map { column("gemm \($0)", 11) }.joined()
        + column("add GB/s", 10) + column("sum GB/s", 10) + column("exp GB/s", 10) + column("exp Gel/s", 10)
        + column("add1 ns", 9)
    print(header + "   (GEMM in GFLOP/s; add1: one 1-element add)")
    print(String(repeating: "-", count: header.count))
    for (name, backend) in backends {
        var row = column(name, 10)
        for n in gemmSizes {
            let a = filled(n * n, seed: 6), b = filled(n * n, seed: 7), c = filled(n * n, seed: 8)
            let shape = MatmulShape(m: n, n: n, k: n)
            let slow = name == "reference" && n >= 1024
            let seconds = medianSeconds(minimumReps: slow ? 1 : 5, budget: slow ? 0 : 0.5) {
                backend.matmul(a, b, c, shape: shape)
            }
            row += column(format(shape.flops / seconds / 1e9), 11)
            a.deallocate(); b.deallocate(); c.deallocate()
        }
        let add = medianSeconds { backend.binary(.add, x, y, out, layout: .elementwise(elements)) }
        var total: Float = 0
        let sum = medianSeconds { backend.reduce(.sum, x, &total, shape: .all(elements)) }
        let exp = medianSeconds { backend.unary(.exp, x, out, count: elements) }
        row += column(format(Double(12 * elements) / add / 1e9), 10)
        row += column(format(Double(4 * elements) / sum / 1e9), 10)
        row += column(format(Double(8 * elements) / exp / 1e9), 10)
        row += column(format(Double(elements) / exp / 1e9), 10)
        // Per-call cost on the smallest tensor, timed over 1000 calls.
        let add1 = medianSeconds {
            for _ in 0..<1000 { backend.binary(.add, x, y, out, layout: .elementwise(1)) }
        }
        row += column(format(add1 / 1000 * 1e9), 9)
        print(row)
    }
    if backends.contains(where: { $0.0 == "cblas" }) {
        // The cost of going through Ember: backend.matmul against cblas_sgemm on the same buffers, interleaved.
        let cblas = backends.first { $0.0 == "cblas" }!.1   // it synchronised OpenBLAS's threads in the table above
        var row = column("sgemm", 10), ratios = column("ember/raw", 10)
        for n in gemmSizes {
            let a = filled(n * n, seed: 6), b = filled(n * n, seed: 7), c = filled(n * n, seed: 8)
            let shape = MatmulShape(m: n, n: n, k: n), n32 = Int32(n)
            var direct: [Double] = [], ember: [Double] = []
            for _ in 0..<5 {
                direct.append(medianSeconds(budget: 0.2) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n32, n32, n32, 1, a, n32, b, n32, 0, c, n32)
                })
                ember.append(medianSeconds(budget: 0.2) { cblas.matmul(a, b, c, shape: shape) })
            }
            let (d, e) = (direct.sorted()[2], ember.sorted()[2])
            row += column(format(shape.flops / d / 1e9), 11)
            ratios += column(String(format: "%.3f", e / d), 11)
            a.deallocate(); b.deallocate(); c.deallocate()
        }
        print(row + "   (cblas_sgemm called directly, GFLOP/s)")
        print(ratios + "   (time through Ember's cblas backend / direct call)")
    }
}
