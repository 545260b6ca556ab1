import ArgumentParser
import Ember
import Foundation

/// The models `ember classify --model` offers.
enum ClassifierKind: String, CaseIterable, ExpressibleByArgument {
    case logistic, mlp, cnn
}

/// The network of `ember classify`: `Sequential(Linear(d, K))` (multinomial logistic regression), or
/// `Sequential(Linear(d, h₁), ReLU, [Dropout], …, Linear(hₙ, K))` (an MLP), or `Sequential(ImageInput,
/// Sequential.leNet(…))` (a CNN, `ClassifierModel+Image.swift`), trained on cross-entropy.
/// Parameters are named as PyTorch's `nn.Sequential` names them (`0.weight`, `0.bias`, …).
struct ClassifierModel {
    let kind: ClassifierKind
    let hidden: [Int]
    let dropout: Double
    let network: Sequential<Float>
    /// The CNN's first layer (image shape and normalisation) and its convolution blocks' channels; nil otherwise.
    let image: ImageInput?
    let channels: [Int]

    init(kind: ClassifierKind, features: Int, classes: Int, hidden: [Int], dropout: Double,
         image: ImageShape? = nil, channels: [Int] = []) {
        self.kind = kind
        self.hidden = kind == .logistic ? [] : hidden
        self.dropout = dropout
        if kind == .cnn, let image {
            let input = ImageInput(image)
            (self.image, self.channels) = (input, channels)
            network = Sequential(input, Sequential<Float>.leNet(
                inputShape: (image.channels, image.height, image.width), channels: channels, hidden: hidden,
                classes: classes, dropout: dropout))
            return
        }
        (self.image, self.channels) = (nil, [])
        var layers: [Module<Float>] = []
        var width = features
        for size in self.hidden {
            layers.append(Linear(width, size))
            layers.append(ReLU())
            if dropout > 0 { layers.append(Dropout(p: dropout)) }
            width = size
        }
        layers.append(Linear(width, classes))
        network = Sequential(layers)
    }

    var first: Linear<Float> { network.layers.first as! Linear<Float> }
    var last: Linear<Float> { network.layers.last as! Linear<Float> }
    /// The checkpoint names of the first and last layers' weights.
    var firstWeightName: String { image == nil ? "0.weight" : "1.0.weight" }
    var lastWeightName: String {
        guard image != nil, let body = network.layers.last as? Sequential<Float> else {
            return "\(network.layers.count - 1).weight"
        }
        return "1.\(body.layers.count - 1).weight"
    }

    /// The mean cross-entropy of logits `[n, K]` against class indices stored as `Float` (`[n]`).
    static func loss(_ logits: Tensor<Float>, _ classes: Tensor<Float>) -> Tensor<Float> {
        CrossEntropyLoss()(logits, IndexTensor(classes.scalars.map { Int($0) }))
    }

    /// The predicted class of each row of `x` (`[n, d]`, training units): the arg-max of the logits.
    func predict(_ x: Tensor<Float>) -> [Int] {
        network.eval()
        return withNoGrad { network(x) }.argmax(axis: 1).scalars
    }

    /// Rewrites the first layer from training units (standardised inputs `z = (x − μ)/σ`) to the data's units:
    /// `W'ᵢⱼ = Wᵢⱼ / σⱼ`, `b'ᵢ = bᵢ − Σⱼ Wᵢⱼ μⱼ / σⱼ`, so the saved network takes raw features. `toTraining` inverts it.
    func convertFirstLayer(_ scaler: Standardizer<Double>?, toTraining: Bool) {
        guard image == nil, let scaler, let biasParameter = first.bias else { return }
        let d = scaler.mean.count
        let weight = first.weight.scalars.map(Double.init), bias = biasParameter.scalars.map(Double.init)
        let rows = weight.count / d
        var newWeight = weight, newBias = bias
        for i in 0..<rows {
            for j in 0..<d {
                let w = weight[i * d + j]
                if toTraining {
                    newWeight[i * d + j] = w * scaler.standardDeviation[j]
                    newBias[i] += w * scaler.mean[j]
                } else {
                    newWeight[i * d + j] = w / scaler.standardDeviation[j]
                    newBias[i] -= w * scaler.mean[j] / scaler.standardDeviation[j]
                }
            }
        }
        first.weight.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: newWeight.map(Float.init)) }
        biasParameter.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: newBias.map(Float.init)) }
    }

    /// The metadata saved with the network.
    func metadata(data: ClassificationData) -> [String: String] {
        var metadata = ["ember.model": kind.rawValue, "ember.features": data.featureNames.joined(separator: ","),
                        "ember.target": data.targetName, "ember.classes": Self.encodeList(data.classes)]
        if kind != .logistic { metadata["ember.hidden"] = hidden.map(String.init).joined(separator: ",") }
        if let image {
            metadata["ember.image_shape"] = image.shape.description
            metadata["ember.channels"] = channels.map(String.init).joined(separator: ",")
        }
        return metadata
    }

    /// Loads a checkpoint written by `--save` (parameters in the data's units) into the network, after checking that it
    /// was made for this data's features and classes, and converts it to training units.
    func load(_ path: String, data: ClassificationData) throws {
        let archive: SafetensorsArchive
        do { archive = try Safetensors.read(path: path) } catch let error as SafetensorsError {
            throw CLIError("--load: \(CheckpointError.unreadable(path: path, reason: error))")
        } catch { throw CLIError("--load: \(error)") }
        try checkModel(archive, path: path)
        let classes = data.classes.count, features = data.featureCount
        if let shape = archive.tensors[firstWeightName]?.shape, shape.count == 2, shape[1] != features {
            throw CLIError("--load: the checkpoint '\(path)' was made for \(shape[1]) features"
                + (archive.metadata["ember.features"].map { " (\($0))" } ?? "") + ", but the data has \(features) ("
                + data.featureNames.joined(separator: ",") + ")")
        }
        let lastShape = archive.tensors[lastWeightName]?.shape
            ?? archive.tensors.keys.filter { $0.hasSuffix(".weight") }
                .max { (Int($0.split(separator: ".")[0]) ?? 0) < (Int($1.split(separator: ".")[0]) ?? 0) }
                .flatMap { archive.tensors[$0]?.shape }
        let savedClasses = archive.metadata["ember.classes"].flatMap(Self.decodeList)
        if let shape = lastShape, shape.count == 2, shape[0] != classes {
            throw CLIError("--load: the checkpoint '\(path)' was made for \(shape[0]) classes"
                + (savedClasses.map { " (\($0.joined(separator: ", ")))" } ?? "") + ", but the data has \(classes) ("
                + data.classes.joined(separator: ", ") + ")")
        }
        if let savedClasses, savedClasses != data.classes {
            throw CLIError("--load: the checkpoint '\(path)' was made for classes \(savedClasses.joined(separator: ", ")), "
                + "but the data's classes are \(data.classes.joined(separator: ", "))")
        }
        if let names = archive.metadata["ember.features"], names != data.featureNames.joined(separator: ",") {
            throw CLIError("--load: the checkpoint '\(path)' was trained on features \(names), "
                + "not \(data.featureNames.joined(separator: ","))")
        }
        do { try network.loadParameters(from: archive, path: path) } catch { throw CLIError("--load: \(error)") }
        convertFirstLayer(data.scaler, toTraining: true)
    }

    /// Class names as a JSON array (names may hold commas).
    static func encodeList(_ names: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(names)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeList(_ text: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(text.utf8))
    }
}
