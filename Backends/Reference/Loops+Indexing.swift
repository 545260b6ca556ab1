import EmberBackend
import RealModule

// The definitions of the index kernels and `erf`: one element at a time, in the order the contracts state.
extension Loops {
    static func gather<T: TensorScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                        _ out: UnsafeMutablePointer<T>, _ s: GatherShape) {
        for o in 0..<s.outer {
            for j in 0..<s.indexLength {
                for i in 0..<s.inner {
                    let r = indices[s.indexOffset(o, j, i)]
                    out[(o * s.indexLength + j) * s.inner + i] = src[(o * s.length + r) * s.inner + i]
                }
            }
        }
    }

    static func scatterAdd<T: TensorScalar>(_ src: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                            _ out: UnsafeMutablePointer<T>, _ s: GatherShape) {
        for o in 0..<s.outer {
            for j in 0..<s.indexLength {
                for i in 0..<s.inner {
                    let r = indices[s.indexOffset(o, j, i)]
                    out[(o * s.length + r) * s.inner + i] += src[(o * s.indexLength + j) * s.inner + i]
                }
            }
        }
    }

    static func addStrided<T: TensorScalar>(_ src: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                            _ shape: [Int], _ strides: [Int]) {
        let count = shape.reduce(1, *)
        guard count > 0 else { return }
        var walk = StridedOffsets(shape: shape, strides: strides)
        for k in 0..<count {
            out[walk.offset] += src[k]
            walk.advance()
        }
    }

    static func erf<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, _ count: Int) {
        for i in 0..<count { out[i] = T.erf(x[i]) }
    }
}
