import CEmberSIMDKernels

// The C sum and dot product in pieces, for reductions fed one tile at a time (`FusedKernels`): `*Blocks` adds the
// whole blocks of four vectors to the accumulators at `state` and returns the elements consumed, `*Finish` adds the
// rest and folds. The C `sum` and `dot` are these two calls, so pieces give the bits of one call. `nil` on a path
// without C kernels.

extension FloatKernels {
    static func sumBlocks(_ path: SIMDKernelPath, _ state: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
                          _ n: Int) -> Int? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_sum_blocks_f32(state, x, n)
        case .avx2: return ember_avx2_sum_blocks_f32(state, x, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func sumFinish(_ path: SIMDKernelPath, _ state: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                          _ n: Int) -> Float? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_sum_finish_f32(state, x, n)
        case .avx2: return ember_avx2_sum_finish_f32(state, x, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func dotBlocks(_ path: SIMDKernelPath, _ state: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>,
                          _ y: UnsafePointer<Float>, _ n: Int) -> Int? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_dot_blocks_f32(state, x, y, n)
        case .avx2: return ember_avx2_dot_blocks_f32(state, x, y, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func dotFinish(_ path: SIMDKernelPath, _ state: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                          _ y: UnsafePointer<Float>, _ n: Int) -> Float? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_dot_finish_f32(state, x, y, n)
        case .avx2: return ember_avx2_dot_finish_f32(state, x, y, n)
        case .baseline: break
        }
        #endif
        return nil
    }
}

extension DoubleKernels {
    static func sumBlocks(_ path: SIMDKernelPath, _ state: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>,
                          _ n: Int) -> Int? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_sum_blocks_f64(state, x, n)
        case .avx2: return ember_avx2_sum_blocks_f64(state, x, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func sumFinish(_ path: SIMDKernelPath, _ state: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                          _ n: Int) -> Double? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_sum_finish_f64(state, x, n)
        case .avx2: return ember_avx2_sum_finish_f64(state, x, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func dotBlocks(_ path: SIMDKernelPath, _ state: UnsafeMutablePointer<Double>, _ x: UnsafePointer<Double>,
                          _ y: UnsafePointer<Double>, _ n: Int) -> Int? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_dot_blocks_f64(state, x, y, n)
        case .avx2: return ember_avx2_dot_blocks_f64(state, x, y, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func dotFinish(_ path: SIMDKernelPath, _ state: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
                          _ y: UnsafePointer<Double>, _ n: Int) -> Double? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_dot_finish_f64(state, x, y, n)
        case .avx2: return ember_avx2_dot_finish_f64(state, x, y, n)
        case .baseline: break
        }
        #endif
        return nil
    }
}
