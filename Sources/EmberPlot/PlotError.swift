import EmberIO

/// What can go wrong when saving a figure.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason):
            "cannot write the plot to \(MessageText.quoted(path, limit: 1000)): \(MessageText.shortened(reason))"
        }
    }
}
