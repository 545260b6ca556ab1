import Ember
import Foundation

/// One case of `Fixtures/convolution.json` (written by `scripts/fixtures/convolution_fixtures.py` with PyTorch):
/// inputs, the op's parameters, output, upstream gradient and input gradients, all in float64.
struct ConvolutionFixture: Decodable, CustomStringConvertible {
    struct Values: Decodable {
        var shape: [Int]
        var values: [Double]
        func tensor<T: TensorScalar>(_ type: T.Type, requiresGrad: Bool = false) -> Tensor<T> {
            Tensor(values.map { T($0) }, shape: shape, requiresGrad: requiresGrad)
        }
    }

    var name: String
    var op: String
    var inputs: [Values]
    var output: Values
    var upstream: Values
    var grads: [Values]
    // Convolutions: (height, width) pairs; `paddingMode` is "same" or "valid" instead of `padding`.
    var stride: [Int]?
    var padding: [Int]?
    var paddingMode: String?
    var dilation: [Int]?
    var groups: Int?
    // Pooling: (height, width) pairs; `poolStride` null for the default (the kernel size).
    var kernelSize: [Int]?
    var poolStride: [Int]?
    var poolPadding: [Int]?
    var poolDilation: [Int]?
    var ceilMode: Bool?
    var countIncludePad: Bool?
    var outputSize: [Int]?
    // Batch normalisation (`momentum` null: a cumulative average).
    var eps: Double?
    var momentum: Double?
    var runningMean: Values?
    var runningVar: Values?
    var expectedRunningMean: Values?
    var expectedRunningVar: Values?

    var description: String { name }

    static func load() throws -> [ConvolutionFixture] {
        struct File: Decodable { var cases: [ConvolutionFixture] }
        guard let url = Bundle.module.url(forResource: "convolution", withExtension: "json", subdirectory: "Fixtures")
        else { throw CocoaError(.fileNoSuchFile) }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    /// The convolution padding the case names.
    var convPadding: ConvPadding {
        switch paddingMode {
        case "same": .same
        case "valid": .valid
        default: .explicit(padding![0], padding![1])
        }
    }

    /// Whether every pooling pair has equal height and width (the case then runs the `Int` forms).
    var isSquare: Bool {
        [kernelSize, poolStride, poolPadding, poolDilation].allSatisfy { $0.map { $0[0] == $0[1] } ?? true }
    }

    func pair(_ values: [Int]?) -> (Int, Int)? { values.map { ($0[0], $0[1]) } }

    /// What the case's Swift op produced: the output, the tensors whose gradients stand for the inputs, and state
    /// (running statistics) with the values PyTorch gives.
    struct Outcome<T: TensorScalar> {
        var output: Tensor<T>
        var sources: [Tensor<T>]
        var state: [(Tensor<T>, Values)] = []
    }

    /// Runs the Ember op the case names on leaves `x` built from its inputs.
    func run<T: TensorScalar>(_ x: [Tensor<T>]) -> Outcome<T>? {
        let bias = x.count > 2 ? x[2] : nil
        switch op {
        case "conv2d":
            let y = x[0].conv2d(x[1], bias: bias, stride: (stride![0], stride![1]), padding: convPadding,
                                dilation: (dilation![0], dilation![1]), groups: groups!)
            return Outcome(output: y, sources: x)
        case "conv1d":
            let padding1d = paddingMode == nil ? ConvPadding(padding![1]) : convPadding
            let y = x[0].conv1d(x[1], bias: bias, stride: stride![1], padding: padding1d, dilation: dilation![1],
                                groups: groups!)
            return Outcome(output: y, sources: x)
        case "maxPool2d" where isSquare:
            let y = x[0].maxPool2d(kernelSize: kernelSize![0], stride: poolStride?[0], padding: poolPadding![0],
                                   dilation: poolDilation![0], ceilMode: ceilMode!)
            return Outcome(output: y, sources: x)
        case "maxPool2d":
            let y = x[0].maxPool2d(kernelSize: pair(kernelSize)!, stride: pair(poolStride), padding: pair(poolPadding)!,
                                   dilation: pair(poolDilation)!, ceilMode: ceilMode!)
            return Outcome(output: y, sources: x)
        case "avgPool2d" where isSquare:
            let y = x[0].avgPool2d(kernelSize: kernelSize![0], stride: poolStride?[0], padding: poolPadding![0],
                                   ceilMode: ceilMode!, countIncludePad: countIncludePad!)
            return Outcome(output: y, sources: x)
        case "avgPool2d":
            let y = x[0].avgPool2d(kernelSize: pair(kernelSize)!, stride: pair(poolStride), padding: pair(poolPadding)!,
                                   ceilMode: ceilMode!, countIncludePad: countIncludePad!)
            return Outcome(output: y, sources: x)
        case "adaptiveAvgPool2d":
            return Outcome(output: x[0].adaptiveAvgPool2d((outputSize![0], outputSize![1])), sources: x)
        case "batchNorm2dTrain", "batchNorm2dEval":
            let layer = BatchNorm2d<T>(x[0].shape[1], eps: eps!, momentum: momentum)
            for (target, source) in [(layer.weight!, x[1]), (layer.bias!, x[2])] as [(Tensor<T>, Tensor<T>)]
                + [(layer.runningMean!, runningMean!.tensor(T.self)), (layer.runningVar!, runningVar!.tensor(T.self))] {
                target.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source.scalars) }
            }
            if op == "batchNorm2dEval" { layer.eval() }
            var outcome = Outcome(output: layer(x[0]), sources: [x[0], layer.weight!, layer.bias!])
            if let mean = expectedRunningMean, let variance = expectedRunningVar {
                outcome.state = [(layer.runningMean!, mean), (layer.runningVar!, variance),
                                 (layer.numBatchesTracked!, Values(shape: [], values: [1]))]
            }
            return outcome
        default: return nil
        }
    }
}
