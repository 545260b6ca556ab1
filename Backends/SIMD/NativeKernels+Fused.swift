import CEmberSIMDKernels

// The C driver of fused runs (`Backends/CEmberSIMDKernels/FusedDriver.h`): a range of a run's elements, tile by tile,
// every step through the C kernels, with no Swift call per step and tile; and of prepared sequences
// (`SequenceDriver.h`): small kernels one after another. `false` on a path without C kernels.

extension FloatKernels {
    static func sequence(_ path: SIMDKernelPath, _ steps: UnsafePointer<ember_sequence_step>, _ count: Int,
                         _ bases: UnsafePointer<UnsafeMutableRawPointer>, _ alphas: UnsafePointer<Double>?) -> Bool {
        #if arch(x86_64)
        let slots = UnsafeRawPointer(bases).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        switch path {
        case .avx512: ember_avx512_sequence_f32(steps, count, slots, alphas); return true
        case .avx2: ember_avx2_sequence_f32(steps, count, slots, alphas); return true
        case .baseline: break
        }
        #endif
        return false
    }

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
    static func sequence(_ path: SIMDKernelPath, _ steps: UnsafePointer<ember_sequence_step>, _ count: Int,
                         _ bases: UnsafePointer<UnsafeMutableRawPointer>, _ alphas: UnsafePointer<Double>?) -> Bool {
        #if arch(x86_64)
        let slots = UnsafeRawPointer(bases).assumingMemoryBound(to: UnsafeMutableRawPointer?.self)
        switch path {
        case .avx512: ember_avx512_sequence_f64(steps, count, slots, alphas); return true
        case .avx2: ember_avx2_sequence_f64(steps, count, slots, alphas); return true
        case .baseline: break
        }
        #endif
        return false
    }

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
