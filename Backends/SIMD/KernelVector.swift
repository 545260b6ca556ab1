import EmberBackend

/// A scalar type the SIMD backend vectorises, tied to the vector type its Swift kernels are written in and to its
/// C kernels (`NativeKernels.swift`).
protocol SIMDScalar: TensorScalar {
    associatedtype Vector: KernelVector where Vector.Scalar == Self
    associatedtype Kernels: NativeKernels where Kernels.Scalar == Self
}

extension Float: SIMDScalar {
    typealias Vector = FloatVector
    typealias Kernels = FloatKernels
}

extension Double: SIMDScalar {
    typealias Vector = DoubleVector
    typealias Kernels = DoubleKernels
}

/// The vector operations every SIMD kernel is written in: one 512-bit vector of `lanes` scalars.
///
/// Each requirement is implemented once per concrete vector type (`FloatVector`, `DoubleVector`), where Swift resolves
/// the standard library's concrete `SIMD16<Float>` / `SIMD8<Double>` operations to single vector instructions.
/// Code written directly against the generic `SIMD` protocol compiles to per-lane loops instead, so the generic kernels
/// use only this protocol and are specialised for each scalar type.
///
/// NaN semantics follow the reference backend: `maximum`/`minimum` propagate NaN, `relu(NaN)` and `sign(NaN)` are NaN,
/// comparisons with NaN are false.
protocol KernelVector: Sendable {
    associatedtype Scalar: SIMDScalar
    /// Scalars per vector.
    static var lanes: Int { get }

    init(repeating value: Scalar)
    /// Loads `lanes` contiguous scalars (no alignment needed).
    init(loading pointer: UnsafePointer<Scalar>)
    /// Loads the first `count < lanes` scalars and sets the other lanes to `padding`.
    init(loading pointer: UnsafePointer<Scalar>, count: Int, padding: Scalar)
    /// Loads `count <= lanes` scalars `stride` apart and sets the other lanes to `padding`.
    init(gathering pointer: UnsafePointer<Scalar>, stride: Int, count: Int, padding: Scalar)
    /// Stores all lanes contiguously.
    func store(to pointer: UnsafeMutablePointer<Scalar>)
    /// Stores the first `count <= lanes` lanes, `stride` apart.
    func store(to pointer: UnsafeMutablePointer<Scalar>, stride: Int, count: Int)

    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static prefix func - (operand: Self) -> Self
    /// `self + a * b`: fused (one rounding) on arm64, a multiply then an add on x86-64 (see `multiplyAdd`).
    func addingProduct(_ a: Self, _ b: Self) -> Self
    func squareRoot() -> Self
    /// `|x|`.
    func magnitude() -> Self
    /// `max(x, 0)`, NaN passes through.
    func relu() -> Self
    /// `-1`, `0`, `1`; keeps ±0 and NaN.
    func sign() -> Self
    /// Lanewise maximum that propagates NaN (`torch.maximum`); ties pick `other`, like `Swift.max(self, other)`.
    func maximum(_ other: Self) -> Self
    /// Lanewise minimum that propagates NaN (`torch.minimum`); ties pick `self`, like `Swift.min(self, other)`.
    func minimum(_ other: Self) -> Self
    /// `1` where `self > other`, else `0` (false with NaN).
    func greater(_ other: Self) -> Self
    /// `1` where `self == other`, else `0` (false with NaN).
    func equal(_ other: Self) -> Self
    /// `f` applied lane by lane, for operations with no vector form (such as `pow`).
    func lanewise(_ other: Self, _ f: (Scalar, Scalar) -> Scalar) -> Self
    /// The lanes folded left to right with `combine`.
    func folded(_ combine: (Scalar, Scalar) -> Scalar) -> Scalar
    /// Sum of the lanes, in tree order.
    func sum() -> Scalar

    func exp() -> Self
    func log() -> Self
    func tanh() -> Self
    func sigmoid() -> Self
}

/// Scalar forms of the NaN-propagating comparisons, matching `KernelVector.maximum` / `minimum` lane for lane.
enum ScalarOps {
    @inline(__always)
    static func maximum<T: SIMDScalar>(_ a: T, _ b: T) -> T { (b >= a || b.isNaN) ? b : a }
    @inline(__always)
    static func minimum<T: SIMDScalar>(_ a: T, _ b: T) -> T { (b < a || b.isNaN) ? b : a }
}
