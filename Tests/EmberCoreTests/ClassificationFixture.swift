import Ember
import Foundation

/// One case of `Fixtures/classification.json` (written by `scripts/fixtures/classification_fixtures.py` with
/// PyTorch): inputs, indices, parameters, output, upstream gradient and input gradients, all in float64.
struct ClassificationFixture: Decodable, CustomStringConvertible {
    struct Values: Decodable {
        var shape: [Int]
        var values: [Double]
        var tensor: Tensor<Double> { Tensor(values, shape: shape) }
    }
    struct Indices: Decodable {
        var shape: [Int]
        var values: [Int]
        var tensor: IndexTensor { IndexTensor(values, shape: shape) }
    }

    var name: String
    var op: String
    var inputs: [Values]
    var output: Values
    var upstream: Values
    var grads: [Values?]
    var indices: Indices?
    var outputIndices: Indices?
    var axis: Int?
    var keepDim: Bool?
    var reduction: String?
    var weight: [Double]?
    var posWeight: [Double]?
    var ignoreIndex: Int?
    var labelSmoothing: Double?
    var k: Int?
    var largest: Bool?
    var expr: String?
    var start: Int?
    var length: Int?
    var sizes: [Int]?
    var chunks: Int?
    var delta: Double?
    var beta: Double?
    var negativeSlope: Double?
    var approximate: String?
    var eps: Double?
    var momentum: Double?
    var runningMean: Values?
    var runningVar: Values?
    var expectedRunningMean: Values?
    var expectedRunningVar: Values?

    var description: String { name }

    static func load(_ name: String) throws -> [ClassificationFixture] {
        struct File: Decodable { var cases: [ClassificationFixture] }
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    var lossReduction: LossReduction { reduction.flatMap(LossReduction.init(rawValue:)) ?? .mean }
}
