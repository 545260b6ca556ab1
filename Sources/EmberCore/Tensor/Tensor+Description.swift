import EmberBackend

import Foundation

extension Tensor: CustomStringConvertible {
    /// The printed form, like PyTorch's: `tensor([1.0000, 2.0000], requires_grad=True)`.
    public var description: String {
        var suffix = ""
        if let node = gradFn { suffix = ", grad_fn=<\(node.name)>" } else if isLeafRequiringGrad { suffix = ", requires_grad=True" }
        if Scalar.self == Double.self { suffix = ", dtype=torch.float64" + suffix }
        let values = scalars
        let format = TensorFormat(values)
        let body = rank == 0 ? format.string(values.first ?? 0) : nested(values, format: format, dim: 0, offset: 0, indent: 8)
        return "tensor(\(body)\(suffix))"
    }

    private func nested(_ values: [Scalar], format: TensorFormat<Scalar>, dim: Int, offset: Int, indent: Int) -> String {
        let size = shape[dim]
        let stride = shape[(dim + 1)...].reduce(1, *)
        // Like PyTorch, long tensors show their first and last three entries per dimension.
        let summarise = count > 1000 && size > 6
        let shown = summarise ? Array(0..<3) + [-1] + Array((size - 3)..<size) : Array(0..<size)
        var parts: [String] = []
        for i in shown {
            if i == -1 { parts.append("..."); continue }
            if dim == rank - 1 {
                parts.append(format.string(values[offset + i]))
            } else {
                parts.append(nested(values, format: format, dim: dim + 1, offset: offset + i * stride, indent: indent + 1))
            }
        }
        let separator = dim == rank - 1 ? ", " : "," + String(repeating: "\n", count: rank - 1 - dim)
            + String(repeating: " ", count: indent)
        return "[" + parts.joined(separator: separator) + "]"
    }
}

/// PyTorch's number formatting: integers as `1.`, otherwise 4 decimals, or scientific notation for wide ranges.
struct TensorFormat<Scalar: TensorScalar> {
    enum Style { case integer, fixed, scientific }
    let style: Style

    init(_ values: [Scalar]) {
        let finite = values.filter { $0.isFinite }.map { Double($0) }
        let magnitudes = finite.map { Swift.abs($0) }.filter { $0 > 0 }
        if finite.allSatisfy({ $0 == $0.rounded() }) && (magnitudes.max() ?? 0) < 1e8 {
            style = .integer
        } else if let largest = magnitudes.max(), let smallest = magnitudes.min(),
                  largest >= 1e8 || smallest < 1e-4 || largest / smallest > 1000 {
            style = .scientific
        } else {
            style = .fixed
        }
    }

    func string(_ value: Scalar) -> String {
        let v = Double(value)
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        switch style {
        case .integer: return String(format: "%.0f.", v)
        case .fixed: return String(format: "%.4f", v)
        case .scientific: return String(format: "%.4e", v)
        }
    }
}
