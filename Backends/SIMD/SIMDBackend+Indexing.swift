import EmberBackend

// The index kernels (`IndexKernels.swift`); `erf` keeps the protocol's default, the C library's `erf`.
extension SIMDBackend {
    public func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                       shape: GatherShape) {
        IndexKernels.gather(src, indices, out, shape)
    }
    public func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                       shape: GatherShape) {
        IndexKernels.gather(src, indices, out, shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                           shape: GatherShape) {
        IndexKernels.scatterAdd(src, indices, out, shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                           _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        IndexKernels.scatterAdd(src, indices, out, shape)
    }
    public func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int], strides: [Int]) {
        IndexKernels.addStrided(src, out, shape: shape, strides: strides)
    }
    public func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int],
                           strides: [Int]) {
        IndexKernels.addStrided(src, out, shape: shape, strides: strides)
    }
}
