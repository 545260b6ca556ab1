/// Why `ModelTraining.run` stopped early with an error.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
    /// The training loss of `epoch` (0-based) was NaN or infinite at learning rate `learningRate`.
    case diverged(epoch: Int, loss: Double, learningRate: Double)

    public var description: String {
        switch self {
        case let .diverged(epoch, loss, learningRate):
            "training diverged: the loss became \(loss) at epoch \(epoch) with learning rate \(learningRate); "
                + "try a smaller --lr"
        }
    }
}
