/// The kernel surface every Ember backend implements: a few primitives over contiguous buffers, in `Float` and `Double`.
///
/// Tensors, autograd, modules and optimizers call only these kernels (through `any Backend`), so a backend is a
/// plug-in chosen at run time. Composite kernels (`axpy`, `scale`, `dot`, `copy`) have defaults in
/// `Backend+Defaults.swift`, built from the primitives; a backend overrides a default only to make it faster.
///
/// Contract shared by every kernel:
/// - Pointers address contiguous, row-major buffers that hold at least the elements the shape describes.
/// - `out` may be exactly the same buffer as an input of `unary` and `binary` (in-place), never a partial overlap.
///   `matmul`, `reduce` and `copyStrided` never alias their output with an input.
/// - Empty shapes (zero elements) are valid and do nothing.
/// - NaN and infinity follow IEEE 754 and propagate as each op's documentation says; kernels never trap on them.
/// - Kernels may run on several threads but return only when the output is complete.
///
/// To write a backend, conform a `final class` to `Backend`, implement the primitives for both scalar types
/// (a generic helper per kernel keeps that short), and run `EmberConformance` against it.
public protocol Backend: AnyObject, Sendable {
    /// The name `EMBER_BACKEND` selects it by, such as `"reference"`.
    var name: String { get }

    /// Sets `count` elements of `out` to `value`.
    func fill(_ value: Float, _ out: UnsafeMutablePointer<Float>, count: Int)
    func fill(_ value: Double, _ out: UnsafeMutablePointer<Double>, count: Int)

    /// Copies the elements of `src` seen through `shape` and element `strides` (0 repeats an element) into the
    /// contiguous `out`, in row-major order of `shape`. Transpose, permute and expand are all this kernel.
    func copyStrided(_ src: UnsafePointer<Float>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Float>)
    func copyStrided(_ src: UnsafePointer<Double>, shape: [Int], strides: [Int], _ out: UnsafeMutablePointer<Double>)

    /// `out[i] = op(x[i])` for `count` elements.
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int)
    func unary(_ op: UnaryOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int)

    /// `out[i] = op(lhs[…], rhs[…])` for the `layout.count` output elements, operands read as `layout` says.
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
                _ out: UnsafeMutablePointer<Float>, layout: BroadcastLayout)
    func binary(_ op: BinaryOp, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
                _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout)

    /// Reduces the middle axis of `x` viewed as `shape` (see `ReductionShape`) into `out`.
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: ReductionShape)
    func reduce(_ op: ReduceOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: ReductionShape)

    /// `c = op(a) · op(b)` (see `MatmulShape`); `c` is overwritten. With `k == 0`, `c` is all zeros.
    func matmul(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, shape: MatmulShape)
    func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>, shape: MatmulShape)

    // MARK: Kernels added later, with defaults (`Backend+IndexDefaults.swift`; override only for speed)

    /// `out[o, j, i] = src[o, index(o, j, i), i]` (see `GatherShape`): `torch.gather`, `index_select`, embeddings.
    /// Every index is in `0..<shape.length` (the caller checks); `out` does not overlap `src`.
    func gather(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                shape: GatherShape)
    func gather(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                shape: GatherShape)

    /// `out[o, index(o, j, i), i] += src[o, j, i]`, the reverse of `gather` (its backward); repeated indices
    /// accumulate in order of `j`. `out` holds `shape.indexedCount` elements and does not overlap `src`.
    func scatterAdd(_ src: UnsafePointer<Float>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Float>,
                    shape: GatherShape)
    func scatterAdd(_ src: UnsafePointer<Double>, _ indices: UnsafePointer<Int>, _ out: UnsafeMutablePointer<Double>,
                    shape: GatherShape)

    /// `out[view] += src`, the reverse of `copyStrided`: element `k` of the contiguous `src` (row-major in `shape`) is
    /// added to `out` at `Σ index[d] · strides[d]`. The view's elements are distinct (no stride 0 across a dimension
    /// longer than 1); `out` does not overlap `src`. Slice backward, `cat` and padding are this kernel.
    func addStrided(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: [Int], strides: [Int])
    func addStrided(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: [Int], strides: [Int])

    /// `out[i] = erf(x[i])`, the error function (`GELU`'s exact form); `out` may be `x`. NaN propagates.
    func erf(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int)
    func erf(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int)

    // MARK: Convolution and pooling, with defaults (`Backend+ConvolutionDefaults.swift`, `Backend+PoolingDefaults.swift`)

    /// `out = conv2d(input, weight)` (see `Conv2dShape`), no bias: input `N×C×H×W`, weight `Cout×(C/groups)×kH×kW`,
    /// `out` `N×Cout×Ho×Wo`, overwritten. The default lowers it to `copyStrided` (im2col) and `matmul`.
    func conv2d(_ input: UnsafePointer<Float>, _ weight: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
                shape: Conv2dShape)
    func conv2d(_ input: UnsafePointer<Double>, _ weight: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                shape: Conv2dShape)

    /// The gradient of `conv2d` with respect to its input: `gradInput` (`N×C×H×W`) is overwritten with the
    /// transposed convolution of `gradOutput` (`N×Cout×Ho×Wo`) by `weight`.
    func conv2dBackwardInput(_ gradOutput: UnsafePointer<Float>, _ weight: UnsafePointer<Float>,
                             _ gradInput: UnsafeMutablePointer<Float>, shape: Conv2dShape)
    func conv2dBackwardInput(_ gradOutput: UnsafePointer<Double>, _ weight: UnsafePointer<Double>,
                             _ gradInput: UnsafeMutablePointer<Double>, shape: Conv2dShape)

    /// The gradient of `conv2d` with respect to its weight: `gradWeight` (`Cout×(C/groups)×kH×kW`) is overwritten
    /// with the correlation of `input` and `gradOutput` summed over the batch.
    func conv2dBackwardWeight(_ input: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>,
                              _ gradWeight: UnsafeMutablePointer<Float>, shape: Conv2dShape)
    func conv2dBackwardWeight(_ input: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>,
                              _ gradWeight: UnsafeMutablePointer<Double>, shape: Conv2dShape)

    /// Max pooling (see `Pool2dShape`): `out` (`planes×Ho×Wo`) gets each window's maximum and `indices` its position
    /// `h·W + w` inside its plane (PyTorch's `return_indices`); the first maximum wins, and a NaN wins over numbers
    /// (the last NaN of a window, as in PyTorch).
    func maxPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, _ indices: UnsafeMutablePointer<Int>,
                   shape: Pool2dShape)
    func maxPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                   _ indices: UnsafeMutablePointer<Int>, shape: Pool2dShape)

    /// The gradient of `maxPool2d`: `gradInput` (`planes×H×W`) is overwritten with zeros plus each output's
    /// gradient at its recorded index, accumulated in output order where windows share a maximum.
    func maxPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ indices: UnsafePointer<Int>,
                           _ gradInput: UnsafeMutablePointer<Float>, shape: Pool2dShape)
    func maxPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ indices: UnsafePointer<Int>,
                           _ gradInput: UnsafeMutablePointer<Double>, shape: Pool2dShape)

    /// Average pooling (dilation 1, as PyTorch's): each output is its window's sum divided by the window's size
    /// clipped to the padded input (`countIncludePad`) or to the input alone.
    func avgPool2d(_ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, shape: Pool2dShape,
                   countIncludePad: Bool)
    func avgPool2d(_ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, shape: Pool2dShape,
                   countIncludePad: Bool)

    /// The gradient of `avgPool2d`: `gradInput` (`planes×H×W`) is overwritten with each output's gradient divided
    /// by its window's divisor, spread over the window's input elements.
    func avgPool2dBackward(_ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
                           shape: Pool2dShape, countIncludePad: Bool)
    func avgPool2dBackward(_ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
                           shape: Pool2dShape, countIncludePad: Bool)

    // MARK: Composites with defaults (override only for speed)

    /// Copies `count` contiguous elements; `src` and `out` do not overlap.
    func copy(_ src: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int)
    func copy(_ src: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int)

    /// `y[i] += alpha * x[i]` for `count` elements (BLAS `axpy`); `x` and `y` do not overlap.
    func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int)
    func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int)

    /// `x[i] *= alpha` for `count` elements (BLAS `scal`).
    func scale(_ alpha: Float, _ x: UnsafeMutablePointer<Float>, count: Int)
    func scale(_ alpha: Double, _ x: UnsafeMutablePointer<Double>, count: Int)

    /// `Σ x[i] * y[i]` over `count` elements (BLAS `dot`).
    func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float
    func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double
}
