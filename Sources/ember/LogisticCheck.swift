import Ember
import Foundation

/// The LAPACK check of `ember classify --model logistic` on two classes: the exact maximiser of the objective the
/// optimizer minimises, by Newton's method / IRLS (`LogisticRegressionIRLS`), next to what the optimizer learned.
///
/// The two-class softmax model has weight rows `w₀, w₁` and biases `b₀, b₁`; only the differences `w = w₁ − w₀`,
/// `b = b₁ − b₀` change its predictions, `P(class 1) = σ(x·w + b)`. Weight decay `λ` (SGD, Adam and RMSprop add
/// `λ·p` to the gradient of the mean cross-entropy for every parameter `p`) makes the objective
/// `mean NLL + λ/2·(‖w₀‖² + ‖w₁‖² + b₀² + b₁²)`, whose optimum has `w₀ = −w₁`, `b₀ = −b₁`, so that in `(w, b)` it
/// is `mean NLL + (λ/2)/2·(‖w‖² + b²)`: IRLS runs with penalty `λ/2` on the weights and the intercept, on the same
/// (standardised) training rows. Both are reported in the data's units.
struct LogisticCheck {
    /// The optimizer's and IRLS's coefficients in the data's units, or why IRLS has no answer.
    enum Outcome {
        case solved(trained: [Double], exact: [Double], maxRelativeDiff: Double)
        case noMaximum(String)
    }

    let outcome: Outcome
    let weightDecay: Double

    init(model: ClassifierModel, data: ClassificationData, weightDecay: Double) throws {
        self.weightDecay = weightDecay
        let d = data.featureCount
        let weight = model.last.weight.scalars.map(Double.init), bias = model.last.bias!.scalars.map(Double.init)
        let trained = (0..<d).map { weight[d + $0] - weight[$0] } + [bias[1] - bias[0]]
        let y = data.train.map { Double(data.labels[$0]) }
        do {
            let fit = try LogisticRegressionIRLS.fit(x: data.inputs(data.train), rows: data.train.count, columns: d, y: y,
                                                     penalty: weightDecay / 2, penalizeIntercept: true)
            let exact = Self.dataUnits(fit.coefficients + [fit.intercept], data.scaler)
            let learned = Self.dataUnits(trained, data.scaler)
            let diff = zip(learned, exact).map { abs($0 - $1) / max(abs($1), 1e-12) }.max() ?? 0
            outcome = .solved(trained: learned, exact: exact, maxRelativeDiff: diff)
        } catch let error {
            switch error {
            case .separated, .diverged, .collinear:
                outcome = .noMaximum("\(error)".replacingOccurrences(of: "(weight decay)", with: "(--weight-decay)"))
            default:
                throw CLIError("IRLS check failed: \(error)")
            }
        }
    }

    /// Coefficients `(w, b)` on standardised inputs mapped to the data's units: `wⱼ/σⱼ`, `b − Σⱼ wⱼ μⱼ/σⱼ`.
    static func dataUnits(_ coefficients: [Double], _ scaler: Standardizer<Double>?) -> [Double] {
        guard let scaler else { return coefficients }
        let d = coefficients.count - 1
        let w = (0..<d).map { coefficients[$0] / scaler.standardDeviation[$0] }
        return w + [coefficients[d] - (0..<d).reduce(0) { $0 + w[$1] * scaler.mean[$1] }]
    }

    /// The side-by-side table, or the reason there is none.
    /// - Parameter decoupled: whether the optimizer decays the parameters directly (AdamW), which does not minimise
    ///   the penalised objective, so that a difference is expected.
    func table(names: [String], label: String, classes: [String], decoupled: Bool) -> String {
        let header = "Logistic check, class '\(classes[1])' against '\(classes[0])' (w = w₁ − w₀, b = b₁ − b₀): the exact "
            + "optimum by IRLS on LAPACK, with the L2 penalty λ/2 = \(weightDecay / 2) on w and b that weight decay "
            + "λ = \(weightDecay) puts on both rows"
            + (decoupled && weightDecay > 0 ? " (\(label) decays the parameters directly instead, which does not "
                + "minimise this objective: expect a difference)" : "")
        switch outcome {
        case let .noMaximum(reason):
            return header + "\n  no maximum-likelihood solution: " + reason
        case let .solved(trained, exact, _):
            let nameWidth = max(9, (names.map(\.count).max() ?? 0) + 2)
            func pad(_ text: String) -> String { String(repeating: " ", count: max(0, 12 - text.count)) + text }
            var lines = [header, "parameter".padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                + pad(label) + "  " + pad("IRLS") + "  " + pad("rel. diff")]
            for (i, name) in (names + ["bias"]).enumerated() {
                lines.append(name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                    + String(format: "%12.6f  %12.6f  %12.2e", trained[i], exact[i],
                             abs(trained[i] - exact[i]) / max(abs(exact[i]), 1e-12)))
            }
            return lines.joined(separator: "\n")
        }
    }
}
