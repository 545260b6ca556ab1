import Foundation

/// A seeded data set of small shapes in noisy grey-scale images (issue 11): each image holds one horizontal bar,
/// vertical bar, plus-shaped cross, diagonal cross or ring at a random position and size, with Gaussian noise on
/// every pixel. The position varies over the whole image, so a classifier has to recognise the shape wherever it is.
struct ShapeImages {
    static let classes = ["hbar", "vbar", "cross", "xcross", "ring"]

    let side: Int
    let noise: Double
    private var random: TestRandom

    init(side: Int = 16, noise: Double = 0.15, seed: UInt64) {
        (self.side, self.noise, random) = (side, noise, TestRandom(seed: seed))
    }

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func between(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }

    /// One `side × side` image (row-major) of class `label`, intensities 0 (background) to about 1, plus noise.
    mutating func image(_ label: Int) -> [Double] {
        var pixels = [Double](repeating: 0, count: side * side)
        let ink = 0.7 + 0.3 * random.uniform()
        func paint(_ row: Int, _ column: Int) {
            if (0..<side).contains(row) && (0..<side).contains(column) { pixels[row * side + column] = ink }
        }
        switch Self.classes[label] {
        case "hbar", "vbar":
            let length = between(5, 9), row = below(side), start = below(side - length + 1)
            for k in start..<(start + length) { label == 0 ? paint(row, k) : paint(k, row) }
        case "cross":
            let arm = between(2, 4), r = between(arm, side - 1 - arm), c = between(arm, side - 1 - arm)
            for k in -arm...arm { paint(r + k, c); paint(r, c + k) }
        case "xcross":
            let arm = between(2, 4), r = between(arm, side - 1 - arm), c = between(arm, side - 1 - arm)
            for k in -arm...arm { paint(r + k, c + k); paint(r + k, c - k) }
        default:   // ring: the pixels whose distance to the centre is within half a pixel of the radius
            let radius = 2.5 + 1.5 * random.uniform(), reach = Int(radius.rounded(.up))
            let r = between(reach, side - 1 - reach), c = between(reach, side - 1 - reach)
            for dr in -reach...reach {
                for dc in -reach...reach where abs((Double(dr * dr + dc * dc)).squareRoot() - radius) <= 0.5 {
                    paint(r + dr, c + dc)
                }
            }
        }
        return pixels.map { $0 + noise * random.normal() }
    }

    /// `count` images with labels drawn uniformly, as a CSV: columns `p0 … p{side²−1}` then `shape` (the class name).
    mutating func csv(count: Int) -> String {
        let header = (0..<(side * side)).map { "p\($0)" } + ["shape"]
        var lines = [header.joined(separator: ",")]
        lines.reserveCapacity(count + 1)
        for _ in 0..<count {
            let label = below(Self.classes.count)
            lines.append(image(label).map { String(format: "%.3f", $0) }.joined(separator: ",") + ","
                         + Self.classes[label])
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
