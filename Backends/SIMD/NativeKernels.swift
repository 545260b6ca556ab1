import CEmberSIMDKernels

/// A GEMM micro-kernel and its tile: `C[0..<rows, 0..<columns] (+)= Ã·B̃` for an `mr`-row packed panel of A and an
/// `nr`-column packed panel of B (see `GEMMPacking`), `kc` deep.
struct GEMMKernel<T: SIMDScalar> {
    typealias Function = (_ kc: Int, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
                          _ ldc: Int, _ rows: Int, _ columns: Int, _ accumulate: Bool) -> Void
    let mr: Int
    let nr: Int
    let run: Function

    /// The portable Swift micro-kernel (`GEMMMicroKernel`).
    static var swift: GEMMKernel {
        GEMMKernel(mr: GEMMMicroKernel.mr, nr: GEMMMicroKernel.nr(T.self), run: GEMMMicroKernel.run)
    }
}

/// The C kernels of `Backends/CEmberSIMDKernels` for one scalar type, by kernel path. On `.baseline` (and on CPUs
/// other than x86-64) there is none: each lookup returns `nil` or `false` and the caller runs its Swift code.
protocol NativeKernels {
    associatedtype Scalar: SIMDScalar
    static func gemmKernel(_ path: SIMDKernelPath) -> GEMMKernel<Scalar>
    /// `out[i] = a[i·sa] op b[i·sb]` for `op` an `EMBER_BINARY_*` code and `(sa, sb)` in `(1, 1), (1, 0), (0, 1)`;
    /// `false` when the path has no such kernel.
    static func binary(_ path: SIMDKernelPath, _ op: Int32, _ a: UnsafePointer<Scalar>, _ sa: Int,
                       _ b: UnsafePointer<Scalar>, _ sb: Int, _ out: UnsafeMutablePointer<Scalar>, _ n: Int) -> Bool
    static func sum(_ path: SIMDKernelPath, _ x: UnsafePointer<Scalar>, _ n: Int) -> Scalar?
    static func dot(_ path: SIMDKernelPath, _ x: UnsafePointer<Scalar>, _ y: UnsafePointer<Scalar>, _ n: Int) -> Scalar?
    static func axpy(_ path: SIMDKernelPath, _ alpha: Scalar, _ x: UnsafePointer<Scalar>,
                     _ y: UnsafeMutablePointer<Scalar>, _ n: Int) -> Bool
    /// `sum` in pieces (`ember_*_sum_blocks_*`, see `NativeKernels+Streaming.swift`): the elements consumed.
    static func sumBlocks(_ path: SIMDKernelPath, _ state: UnsafeMutablePointer<Scalar>, _ x: UnsafePointer<Scalar>,
                          _ n: Int) -> Int?
    /// The end of `sum` in pieces (`ember_*_sum_finish_*`).
    static func sumFinish(_ path: SIMDKernelPath, _ state: UnsafePointer<Scalar>, _ x: UnsafePointer<Scalar>,
                          _ n: Int) -> Scalar?
    /// `dot` in pieces (`ember_*_dot_blocks_*`): the elements consumed.
    static func dotBlocks(_ path: SIMDKernelPath, _ state: UnsafeMutablePointer<Scalar>, _ x: UnsafePointer<Scalar>,
                          _ y: UnsafePointer<Scalar>, _ n: Int) -> Int?
    /// The end of `dot` in pieces (`ember_*_dot_finish_*`).
    static func dotFinish(_ path: SIMDKernelPath, _ state: UnsafePointer<Scalar>, _ x: UnsafePointer<Scalar>,
                          _ y: UnsafePointer<Scalar>, _ n: Int) -> Scalar?
    /// The C driver of fused runs (`ember_*_fused_*`, see `NativeKernels+Fused.swift`); `false` on `baseline`.
    static func fused(_ path: SIMDKernelPath, _ steps: UnsafePointer<ember_fused_step>, _ count: Int,
                      _ elements: Range<Int>, tile: Int, _ state: UnsafeMutablePointer<Scalar>,
                      _ results: UnsafeMutablePointer<Scalar>) -> Bool
    /// The C driver of prepared sequences (`ember_*_sequence_*`, see `NativeKernels+Fused.swift`); `false` on
    /// `baseline`.
    static func sequence(_ path: SIMDKernelPath, _ steps: UnsafePointer<ember_sequence_step>, _ count: Int,
                         _ bases: UnsafePointer<UnsafeMutableRawPointer>, _ alphas: UnsafePointer<Double>?) -> Bool
}

enum FloatKernels: NativeKernels {
    static func gemmKernel(_ path: SIMDKernelPath) -> GEMMKernel<Float> {
        #if arch(x86_64)
        switch path {
        case .avx512:
            return GEMMKernel(mr: Int(EMBER_AVX512_GEMM_MR_F32), nr: Int(EMBER_AVX512_GEMM_NR_F32)) {
                ember_avx512_gemm_f32($0, $1, $2, $3, $4, $5, $6, $7 ? 1 : 0)
            }
        case .avx2:
            return GEMMKernel(mr: Int(EMBER_AVX2_GEMM_MR_F32), nr: Int(EMBER_AVX2_GEMM_NR_F32)) {
                ember_avx2_gemm_f32($0, $1, $2, $3, $4, $5, $6, $7 ? 1 : 0)
            }
        case .baseline: break
        }
        #endif
        return .swift
    }

    static func binary(_ path: SIMDKernelPath, _ op: Int32, _ a: UnsafePointer<Float>, _ sa: Int,
                       _ b: UnsafePointer<Float>, _ sb: Int, _ out: UnsafeMutablePointer<Float>, _ n: Int) -> Bool {
        #if arch(x86_64)
        switch path {
        case .avx512: ember_avx512_binary_f32(op, a, sa, b, sb, out, n); return true
        case .avx2: ember_avx2_binary_f32(op, a, sa, b, sb, out, n); return true
        case .baseline: break
        }
        #endif
        return false
    }

    static func sum(_ path: SIMDKernelPath, _ x: UnsafePointer<Float>, _ n: Int) -> Float? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_sum_f32(x, n)
        case .avx2: return ember_avx2_sum_f32(x, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func dot(_ path: SIMDKernelPath, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Float? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_dot_f32(x, y, n)
        case .avx2: return ember_avx2_dot_f32(x, y, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func axpy(_ path: SIMDKernelPath, _ alpha: Float, _ x: UnsafePointer<Float>,
                     _ y: UnsafeMutablePointer<Float>, _ n: Int) -> Bool {
        #if arch(x86_64)
        switch path {
        case .avx512: ember_avx512_axpy_f32(alpha, x, y, n); return true
        case .avx2: ember_avx2_axpy_f32(alpha, x, y, n); return true
        case .baseline: break
        }
        #endif
        return false
    }
}

enum DoubleKernels: NativeKernels {
    static func gemmKernel(_ path: SIMDKernelPath) -> GEMMKernel<Double> {
        #if arch(x86_64)
        switch path {
        case .avx512:
            return GEMMKernel(mr: Int(EMBER_AVX512_GEMM_MR_F64), nr: Int(EMBER_AVX512_GEMM_NR_F64)) {
                ember_avx512_gemm_f64($0, $1, $2, $3, $4, $5, $6, $7 ? 1 : 0)
            }
        case .avx2:
            return GEMMKernel(mr: Int(EMBER_AVX2_GEMM_MR_F64), nr: Int(EMBER_AVX2_GEMM_NR_F64)) {
                ember_avx2_gemm_f64($0, $1, $2, $3, $4, $5, $6, $7 ? 1 : 0)
            }
        case .baseline: break
        }
        #endif
        return .swift
    }

    static func binary(_ path: SIMDKernelPath, _ op: Int32, _ a: UnsafePointer<Double>, _ sa: Int,
                       _ b: UnsafePointer<Double>, _ sb: Int, _ out: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        #if arch(x86_64)
        switch path {
        case .avx512: ember_avx512_binary_f64(op, a, sa, b, sb, out, n); return true
        case .avx2: ember_avx2_binary_f64(op, a, sa, b, sb, out, n); return true
        case .baseline: break
        }
        #endif
        return false
    }

    static func sum(_ path: SIMDKernelPath, _ x: UnsafePointer<Double>, _ n: Int) -> Double? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_sum_f64(x, n)
        case .avx2: return ember_avx2_sum_f64(x, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func dot(_ path: SIMDKernelPath, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ n: Int) -> Double? {
        #if arch(x86_64)
        switch path {
        case .avx512: return ember_avx512_dot_f64(x, y, n)
        case .avx2: return ember_avx2_dot_f64(x, y, n)
        case .baseline: break
        }
        #endif
        return nil
    }

    static func axpy(_ path: SIMDKernelPath, _ alpha: Double, _ x: UnsafePointer<Double>,
                     _ y: UnsafeMutablePointer<Double>, _ n: Int) -> Bool {
        #if arch(x86_64)
        switch path {
        case .avx512: ember_avx512_axpy_f64(alpha, x, y, n); return true
        case .avx2: ember_avx2_axpy_f64(alpha, x, y, n); return true
        case .baseline: break
        }
        #endif
        return false
    }
}
