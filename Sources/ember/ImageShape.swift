import Foundation

/// `--image-shape CxHxW` and `--channels` of `ember classify --model cnn`: how each row's feature columns (the pixels,
/// row-major over channel, row, column) form an image, checked against the data and the pooling blocks.
struct ImageShape: Equatable, CustomStringConvertible {
    let channels: Int
    let height: Int
    let width: Int

    var pixels: Int { channels * height * width }
    var description: String { "\(channels)x\(height)x\(width)" }

    init(channels: Int, height: Int, width: Int) {
        (self.channels, self.height, self.width) = (channels, height, width)
    }

    /// `"1x28x28"` → 1 channel of 28 × 28.
    /// - Throws: `CLIError` for anything but three positive integers separated by `x`.
    init(parsing text: String) throws {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let c = parts[0], let h = parts[1], let w = parts[2] else {
            throw CLIError("--image-shape must be CxHxW (channels x height x width) such as 1x28x28, got \"\(text)\"")
        }
        try require(c >= 1 && h >= 1 && w >= 1, "--image-shape dimensions must be at least 1, got \(text)")
        let (plane, overflow) = h.multipliedReportingOverflow(by: w)
        try require(!overflow && !plane.multipliedReportingOverflow(by: c).overflow,
                    "--image-shape \(text) holds more pixels than an index can count")
        self.init(channels: c, height: h, width: w)
    }

    /// `"16,32"` → `[16, 32]`: the output channels of each convolution block.
    /// - Throws: `CLIError` for an empty list, a non-integer or a size below 1.
    static func parseChannels(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else {
            throw CLIError("--channels must be comma-separated channel counts such as 16,32, got \"\(text)\"")
        }
        let sizes = parts.map { $0! }
        if let bad = sizes.first(where: { $0 < 1 }) { throw CLIError("--channels sizes must be at least 1, got \(bad)") }
        return sizes
    }

    /// Throws unless the image has `features` pixels and survives `blocks` 2 × 2 max-pools (each halves the height
    /// and width, rounding down).
    func check(features: Int, blocks: Int, channelsText: String) throws {
        try require(pixels == features, "--image-shape \(self) holds \(pixels) pixels, but the data has \(features) "
            + "feature columns")
        let side = 1 << min(blocks, 30)
        try require(height >= side && width >= side, "--image-shape \(self) is too small for \(blocks) pooling "
            + "block\(blocks == 1 ? "" : "s") (--channels \(channelsText)): height and width must be at least \(side)")
    }
}
