// Defaults of the pooling kernels: one pass per output pixel over its window, clipped to the input once per row
// and column (PyTorch's CPU loops), so a backend written before them keeps compiling and passing. The reference
// backend's per-tap loops (`Backends/Reference/Loops+Pooling.swift`) are the definition.

extension Backend {
    public func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        defaultMaxPool2d(x, out, indices, shape: shape)
    }
    public func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                          _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape) {
        defaultMaxPool2d(x, out, indices, shape: shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape) {
        defaultMaxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    public func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                                  _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape) {
        defaultMaxPool2dBackward(gradOutput, indices, gradInput, shape: shape)
    }
    public func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        defaultAvgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    public func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                          countIncludePad: Bool) {
        defaultAvgPool2d(x, out, shape: shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        defaultAvgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
    public func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                                  shape: Pool2dShape, countIncludePad: Bool) {
        defaultAvgPool2dBackward(gradOutput, gradInput, shape: shape, countIncludePad: countIncludePad)
    }
}

/// One pooling window clipped to the input: rows `rows`, columns `columns` (stepping by the dilation), and the
/// divisor average pooling uses.
@usableFromInline
struct PoolWindow {
    @usableFromInline let rows: StrideTo<Int>
    @usableFromInline let columns: StrideTo<Int>
    /// The window's size clipped to the padded input (`countIncludePad`) or to the input.
    @usableFromInline let divisor: Int
    /// The position `h·W + w` of the first tap inside the input.
    @usableFromInline let firstIndex: Int

    /// The window of output pixel `(oh, ow)`: PyTorch's `ih0`/`ih1` arithmetic, first tap moved inside the input.
    @inlinable
    init(_ s: Pool2dShape, _ oh: Int, _ ow: Int, countIncludePad: Bool) {
        let top = oh * s.strideHeight - s.padHeight, left = ow * s.strideWidth - s.padWidth
        let bottom = min(top + (s.kernelHeight - 1) * s.dilationHeight + 1, s.inputHeight)
        let right = min(left + (s.kernelWidth - 1) * s.dilationWidth + 1, s.inputWidth)
        let firstRow = top < 0 ? top + (-top + s.dilationHeight - 1) / s.dilationHeight * s.dilationHeight : top
        let firstColumn = left < 0 ? left + (-left + s.dilationWidth - 1) / s.dilationWidth * s.dilationWidth : left
        rows = stride(from: firstRow, to: bottom, by: s.dilationHeight)
        columns = stride(from: firstColumn, to: right, by: s.dilationWidth)
        firstIndex = firstRow * s.inputWidth + firstColumn
        // Average pooling (dilation 1): the window clipped to the padded input, or to the input.
        let paddedHeight = min(top + s.kernelHeight, s.inputHeight + s.padHeight) - top
        let paddedWidth = min(left + s.kernelWidth, s.inputWidth + s.padWidth) - left
        divisor = countIncludePad ? paddedHeight * paddedWidth
            : max(0, bottom - max(top, 0)) * max(0, right - max(left, 0))
    }
}

extension Backend {
    /// `maxPool2d` as a scan of each clipped window: a value wins when greater than the maximum so far or NaN.
    @inlinable
    public func defaultMaxPool2d<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                  _ indices: UnsafeMutablePointer<Int>, shape s: Pool2dShape) {
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            let plane = x + p * size
            for oh in 0..<ho {
                for ow in 0..<wo {
                    let window = PoolWindow(s, oh, ow, countIncludePad: false)
                    var best = -T.infinity
                    var bestIndex = window.firstIndex
                    for h in window.rows {
                        for w in window.columns {
                            let index = h * s.inputWidth + w
                            if plane[index] > best || plane[index].isNaN {
                                best = plane[index]
                                bestIndex = index
                            }
                        }
                    }
                    out[(p * ho + oh) * wo + ow] = best
                    indices[(p * ho + oh) * wo + ow] = bestIndex
                }
            }
        }
    }

    /// `maxPool2dBackward` as a zero fill and one addition per output at its recorded index.
    @inlinable
    public func defaultMaxPool2dBackward<T: TensorScalar>(_ gradOutput: UnsafePointer<T>, _ indices: UnsafePointer<Int>,
                                                          _ gradInput: UnsafeMutablePointer<T>, shape s: Pool2dShape) {
        gradInput.update(repeating: 0, count: s.inputCount)
        let plane = s.outputHeight * s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for o in 0..<plane { gradInput[p * size + indices[p * plane + o]] += gradOutput[p * plane + o] }
        }
    }

    /// `avgPool2d` as the sum of each clipped window divided by its divisor (0 for a window wholly in padding).
    @inlinable
    public func defaultAvgPool2d<T: TensorScalar>(_ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                  shape s: Pool2dShape, countIncludePad: Bool) {
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    let window = PoolWindow(s, oh, ow, countIncludePad: countIncludePad)
                    var sum: T = 0
                    for h in window.rows {
                        for w in window.columns { sum += x[p * size + h * s.inputWidth + w] }
                    }
                    out[(p * ho + oh) * wo + ow] = window.divisor > 0 ? sum / T(window.divisor) : 0
                }
            }
        }
    }

    /// `avgPool2dBackward` as a zero fill and each output's gradient over its divisor added across its window.
    @inlinable
    public func defaultAvgPool2dBackward<T: TensorScalar>(_ gradOutput: UnsafePointer<T>,
                                                          _ gradInput: UnsafeMutablePointer<T>, shape s: Pool2dShape,
                                                          countIncludePad: Bool) {
        gradInput.update(repeating: 0, count: s.inputCount)
        let ho = s.outputHeight, wo = s.outputWidth, size = s.inputHeight * s.inputWidth
        for p in 0..<s.planes {
            for oh in 0..<ho {
                for ow in 0..<wo {
                    let window = PoolWindow(s, oh, ow, countIncludePad: countIncludePad)
                    guard window.divisor > 0 else { continue }
                    let share = gradOutput[(p * ho + oh) * wo + ow] / T(window.divisor)
                    for h in window.rows {
                        for w in window.columns { gradInput[p * size + h * s.inputWidth + w] += share }
                    }
                }
            }
        }
    }
}
