// `a + b·c` for the portable Swift kernels. On x86-64 the build's baseline (SSE2) has no FMA instruction, and
// `addingProduct` there becomes one call to libm's `fmaf`/`fma` per lane, slower than the reference loops; so the
// Swift path multiplies and adds (two roundings, within every kernel's tolerance). The fused vector code for CPUs with
// FMA is in the C kernels (`SIMDKernelPath`). arm64 has FMA in its baseline and keeps `addingProduct`.

extension SIMD16 where Scalar == Float {
    /// `self + a·b`, fused on arm64, a multiply then an add on x86-64.
    @inline(__always) func multiplyAdd(_ a: Self, _ b: Self) -> Self {
        #if arch(x86_64)
        self + a * b
        #else
        addingProduct(a, b)
        #endif
    }
}

extension SIMD8 where Scalar == Double {
    /// `self + a·b`, fused on arm64, a multiply then an add on x86-64.
    @inline(__always) func multiplyAdd(_ a: Self, _ b: Self) -> Self {
        #if arch(x86_64)
        self + a * b
        #else
        addingProduct(a, b)
        #endif
    }
}
