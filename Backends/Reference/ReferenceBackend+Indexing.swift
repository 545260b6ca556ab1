import EmberBackend

// The index kernels and `erf` as plain loops (`Loops+Indexing.swift`): the definition the conformance kit checks others by.
extension ReferenceBackend {
    public func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                       shape: GatherShape) {
        Loops.gather(src, indices, out, shape)
    }
    public func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                       shape: GatherShape) {
        Loops.gather(src, indices, out, shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                           shape: GatherShape) {
        Loops.scatterAdd(src, indices, out, shape)
    }
    public func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                           _ out: UnsafeMutablePointer<Double>, shape: GatherShape) {
        Loops.scatterAdd(src, indices, out, shape)
    }
    public func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int], strides: [Int]) {
        Loops.addStrided(src, out, shape, strides)
    }
    public func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int],
                           strides: [Int]) {
        Loops.addStrided(src, out, shape, strides)
    }
    public func erf(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        Loops.erf(x, out, count)
    }
    public func erf(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        Loops.erf(x, out, count)
    }
}
