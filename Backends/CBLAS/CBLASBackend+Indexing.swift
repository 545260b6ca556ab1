import EmberBackend

// The index kernels have no BLAS routine: the `simd` backend's run them (one call per tensor op, not per row).
extension CBLASBackend {
    public func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                       shape: GatherShape) {
        simd.gather(src, indices, out, shape: shape)
    }
    public func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                       shape: GatherShape) {
        simd.gather(src, indices, out, shape: shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                           shape: GatherShape) {
        simd.scatterAdd(src, indices, out, shape: shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                           _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        simd.scatterAdd(src, indices, out, shape: shape)
    }
    public func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int], strides: [Int]) {
        simd.addStrided(src, out, shape: shape, strides: strides)
    }
    public func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int],
                           strides: [Int]) {
        simd.addStrided(src, out, shape: shape, strides: strides)
    }
}
