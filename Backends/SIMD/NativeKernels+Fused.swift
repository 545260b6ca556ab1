import CEmberSIMDKernels

// The C driver of fused runs (`Backends/CEmberSIMDKernels/FusedDriver.h`): a range of a run's elements, tile by tile,
// every step through the C kernels, with no Swift call per step and tile. `false` on a path without C kernels.

extension FloatKernels {
    static func fused(_ path: SIMDKernelPath, _ steps: UnsafePointer<ember_fused_step>, _ count: Int,
                      _ elements: Range<Int>, tile: Int, _ state: UnsafeMutablePointer<Float>,
                      _ results: UnsafeMutablePointer<Float>) -> Bool {
        #if arch(x86_64)
        switch path {
        case .avx512:
            ember_avx512_fused_f32(steps, count, elements.lowerBound, elements.upperBound, tile, state, results)
            return true
        case .avx2:
            ember_avx2_fused_f32(steps, count, elements.lowerBound, elements.upperBound, tile, state, results)
            return true
        case .baseline: break
        }
        #endif
        return false
    }
}

extension DoubleKernels {
    static func fused(_ path: SIMDKernelPath, _ steps: UnsafePointer<ember_fused_step>, _ count: Int,
                      _ elements: Range<Int>, tile: Int, _ state: UnsafeMutablePointer<Double>,
                      _ results: UnsafeMutablePointer<Double>) -> Bool {
        #if arch(x86_64)
        switch path {
        case .avx512:
            ember_avx512_fused_f64(steps, count, elements.lowerBound, elements.upperBound, tile, state, results)
            return true
        case .avx2:
            ember_avx2_fused_f64(steps, count, elements.lowerBound, elements.upperBound, tile, state, results)
            return true
        case .baseline: break
        }
        #endif
        return false
    }
}
