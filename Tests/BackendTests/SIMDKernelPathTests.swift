@testable import EmberSIMD
import Testing

@Suite("SIMD kernel path: dispatch and EMBER_SIMD_PATH")
struct SIMDKernelPathTests {
    @Test func availablePathsRunFromBaselineToTheDetectedOne() {
        let available = SIMDKernelPath.available
        #expect(available.first == .baseline)
        #expect(available.last == SIMDKernelPath.detected)
        #expect(available == available.sorted())
        #expect(SIMDKernelPath.available.contains(SIMDKernelPath.selected))
    }

    @Test func environmentForcesAPathAtOrBelowTheCPUs() throws {
        #expect(try SIMDKernelPath.parseEnvironment([:]) == nil)
        #expect(try SIMDKernelPath.parseEnvironment(["EMBER_SIMD_PATH": " "]) == nil)
        for path in SIMDKernelPath.allCases {
            let environment = ["EMBER_SIMD_PATH": path.rawValue.uppercased()]
            if path <= SIMDKernelPath.detected {
                #expect(try SIMDKernelPath.parseEnvironment(environment) == path)
            } else {
                #expect(throws: SIMDKernelPathError.unsupported(path, best: SIMDKernelPath.detected)) {
                    try SIMDKernelPath.parseEnvironment(environment)
                }
            }
        }
    }

    @Test func unknownOrTooHighPathsAreOneLineErrors() {
        #expect(throws: SIMDKernelPathError.unknown("sse9")) {
            try SIMDKernelPath.parseEnvironment(["EMBER_SIMD_PATH": "sse9"])
        }
        let unknown = SIMDKernelPathError.unknown("sse9").description
        #expect(unknown.contains("\"sse9\"") && unknown.contains("baseline, avx2, avx512") && !unknown.contains("\n"))
        let tooHigh = SIMDKernelPathError.unsupported(.avx512, best: .avx2).description
        #expect(tooHigh.contains("avx512") && tooHigh.contains("at most avx2"))
    }

    @Test func selectionNamesThePathAndWhy() {
        let selection = SIMDKernelPath.selection
        #expect(selection.hasPrefix(SIMDKernelPath.selected.rawValue + " ("))
        #expect(selection.contains("cpuid") || selection.contains("EMBER_SIMD_PATH="))
    }

    @Test(arguments: SIMDKernelPath.available)
    func backendRunsOnTheRequestedPath(_ path: SIMDKernelPath) {
        #expect(SIMDBackend(path: path).path == path)
        let kernel = FloatKernels.gemmKernel(path)
        #expect(kernel.mr > 0 && kernel.mr <= GEMM.mc && GEMM.nc(Float.self) % kernel.nr == 0)
        let double = DoubleKernels.gemmKernel(path)
        #expect(double.mr > 0 && double.mr <= GEMM.mc && GEMM.nc(Double.self) % double.nr == 0)
        #expect((path == .baseline) == (FloatKernels.sum(path, [1, 2, 3], 3) == nil))
    }
}

@Suite("GEMM schedule: tiles of C for the threads to claim")
struct GEMMScheduleTests {
    /// Every element of the block is in exactly one tile, tiles start on `mr`/`nr` boundaries and hold at most `mc`
    /// rows, and several threads get at least one tile each where the shape has enough micro-tiles.
    @Test(arguments: [1, 2, 3, 4])
    func tilesCoverTheBlockOnceAndBalance(_ threads: Int) {
        let shapes = [(1, 1), (7, 300), (16, 2048), (64, 64), (129, 33), (256, 256), (1000, 17), (1024, 1024),
                      (9, 2100)]
        for (rows, columns) in shapes {
            for (mr, nr) in [(8, 32), (6, 16), (8, 16), (6, 8)] {
                let schedule = GEMMSchedule(rows: rows, columns: columns, mr: mr, nr: nr, threads: threads)
                var hits = [Int](repeating: 0, count: rows * columns)
                for task in 0..<schedule.tasks {
                    let (r, c) = schedule.tile(task)
                    #expect(r.lowerBound % mr == 0 && c.lowerBound % nr == 0 && r.count <= GEMM.mc)
                    for i in r { for j in c { hits[i * columns + j] += 1 } }
                }
                #expect(hits.allSatisfy { $0 == 1 }, "\(rows)×\(columns) mr \(mr) nr \(nr) threads \(threads)")
                let microTiles = (rows + mr - 1) / mr * ((columns + nr - 1) / nr)
                #expect(schedule.threads == min(threads, schedule.tasks))
                if threads > 1 && microTiles >= 4 * threads {
                    #expect(schedule.tasks >= threads * 2, "\(rows)×\(columns): \(schedule.tasks) tiles")
                }
            }
        }
    }
}
