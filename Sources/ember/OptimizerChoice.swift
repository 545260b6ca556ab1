import ArgumentParser
import Ember

/// The optimizers `--optimizer` offers, with their default learning rates, in one place.
enum OptimizerChoice: String, CaseIterable, ExpressibleByArgument {
    case sgd, adam, adamw, rmsprop

    /// The learning rate used when `--lr` is not given.
    var defaultLearningRate: Double {
        switch self {
        case .sgd: 0.1
        case .adam, .adamw, .rmsprop: 0.01
        }
    }

    /// The name shown in tables and plot legends.
    var displayName: String {
        switch self {
        case .sgd: "SGD"
        case .adam: "Adam"
        case .adamw: "AdamW"
        case .rmsprop: "RMSprop"
        }
    }

    /// The `--lr` help text documenting every default.
    static var learningRateHelp: String {
        "Learning rate (default: " + allCases.map { "\($0.defaultLearningRate) for \($0.rawValue)" }
            .joined(separator: ", ") + ")."
    }

    /// The learning rate in force: `lr` when given, else this optimizer's default, checked to be a positive finite
    /// `Float` (so no optimizer precondition can fire on user input).
    func learningRate(_ lr: Double?) throws -> Float {
        let value = lr ?? defaultLearningRate
        try require(value > 0 && value.isFinite && Float(value) > 0 && Float(value).isFinite,
                    "--lr must be a positive finite number, got \(value)")
        return Float(value)
    }

    /// A new optimizer of this kind over `parameters`, with weight decay `weightDecay` when given (else the
    /// optimizer's default: 0, and PyTorch's 0.01 for AdamW). SGD, Adam and RMSprop add `weightDecay · p` to every
    /// gradient (the L2 penalty `weightDecay/2 · ‖p‖²` on the mean loss); AdamW decays the parameters directly.
    func make(_ parameters: [Parameter<Float>], lr: Float, weightDecay: Float? = nil) -> any Optimizer<Float> {
        switch self {
        case .sgd: SGD(parameters, lr: lr, weightDecay: weightDecay ?? 0)
        case .adam: Adam(parameters, lr: lr, weightDecay: weightDecay ?? 0)
        case .adamw: weightDecay.map { AdamW(parameters, lr: lr, weightDecay: $0) } ?? AdamW(parameters, lr: lr)
        case .rmsprop: RMSprop(parameters, lr: lr, weightDecay: weightDecay ?? 0)
        }
    }
}
