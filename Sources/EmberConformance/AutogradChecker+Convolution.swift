import EmberBackend
import EmberCore

// The autograd cases of the convolution family: `conv2d`/`conv1d` across stride, padding (explicit, `.same` with odd
// and even kernels), dilation, groups (depthwise too) and an empty batch; max, average and adaptive pooling; and
// `BatchNorm2d` in training. Each input stays small enough for finite differences (see `finiteDifferenceLimit`).
extension AutogradCaseBuilder {
    mutating func convolutions() {
        typealias Conv = (note: String, input: [Int], weight: [Int], stride: (Int, Int), padding: ConvPadding,
                          dilation: (Int, Int), groups: Int)
        let cases: [Conv] = [
            ("3×3", [2, 3, 5, 5], [4, 3, 3, 3], (1, 1), 0, (1, 1), 1),
            ("stride 2, padding 1", [2, 2, 6, 5], [3, 2, 3, 3], (2, 2), 1, (1, 1), 1),
            ("stride (2, 1), padding (1, 2), dilation (1, 2)", [1, 2, 6, 7], [3, 2, 3, 2], (2, 1), .explicit(1, 2),
             (1, 2), 1),
            ("dilation 2, padding .same", [1, 2, 6, 6], [2, 2, 3, 3], (1, 1), .same, (2, 2), 1),
            ("even kernel 4×2, padding .same", [2, 2, 5, 4], [2, 2, 4, 2], (1, 1), .same, (1, 1), 1),
            ("groups 2", [2, 4, 4, 4], [4, 2, 3, 3], (1, 1), 1, (1, 1), 2),
            ("depthwise, stride 2", [2, 3, 6, 6], [6, 1, 3, 3], (2, 2), 1, (1, 1), 3),
            ("empty batch", [0, 3, 5, 5], [2, 3, 3, 3], (1, 1), 0, (1, 1), 1),
        ]
        for c in cases {
            let inputs = [Self.uniform(c.input), Self.uniform(c.weight), Self.uniform([c.weight[0]])]
            add("conv2d", c.note, inputs, length: Self.convolutionLength(c.input, c.weight, c.groups)) {
                $0[0].conv2d($0[1], bias: $0[2], stride: c.stride, padding: c.padding, dilation: c.dilation,
                             groups: c.groups)
            }
        }
        add("conv1d", "stride 2, padding 1", [Self.uniform([2, 3, 9]), Self.uniform([4, 3, 3]), Self.uniform([4])],
            length: 18) { $0[0].conv1d($0[1], bias: $0[2], stride: 2, padding: 1) }
        add("conv1d", "depthwise, dilation 2, padding .same, no bias", [Self.uniform([2, 2, 8]), Self.uniform([2, 1, 4])],
            length: 16) { $0[0].conv1d($0[1], padding: .same, dilation: 2, groups: 2) }
    }

    /// The longest sum of a convolution's passes: a window (forward), the windows covering an input element
    /// (input gradient), or the batch and output positions (weight and bias gradients).
    private static func convolutionLength(_ input: [Int], _ weight: [Int], _ groups: Int) -> Int {
        let window = weight[1] * weight[2] * weight[3]
        return Swift.max(window, weight[0] / groups * weight[2] * weight[3], input[0] * input[2] * input[3], 1)
    }

    mutating func pooling() {
        // Distinct values keep every window's maximum unique, by far more than the finite-difference step.
        let distinct = AutogradInput(shape: [2, 2, 6, 7], domain: .distinct)
        add("maxPool2d", "kernel 2", [distinct], length: 1) { $0[0].maxPool2d(kernelSize: 2) }
        add("maxPool2d", "kernel 3, stride 2, padding 1, ceil", [distinct], length: 4) {
            $0[0].maxPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true)
        }
        add("maxPool2d", "kernel 2, stride 1, dilation 2", [distinct], length: 4) {
            $0[0].maxPool2d(kernelSize: 2, stride: 1, dilation: 2)
        }
        add("maxPool2d", "empty batch", [AutogradInput(shape: [0, 2, 4, 4], domain: .distinct)]) {
            $0[0].maxPool2d(kernelSize: 2)
        }
        let x = Self.uniform([2, 2, 7, 6])
        add("avgPool2d", "kernel 2", [x], length: 4) { $0[0].avgPool2d(kernelSize: 2) }
        add("avgPool2d", "kernel 3, stride 2, padding 1, ceil, countIncludePad false", [x], length: 9) {
            $0[0].avgPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)
        }
        add("adaptiveAvgPool2d", "7×6 to 3×4 (overlapping windows)", [x], length: 7) {
            $0[0].adaptiveAvgPool2d((3, 4))
        }
        add("adaptiveAvgPool2d", "7×6 to 1×1", [x], length: 42) { $0[0].adaptiveAvgPool2d((1, 1)) }
        add("batch_norm2d", "training, with affine inputs", [Self.uniform([3, 2, 3, 3]), Self.uniform([2]),
                                                               Self.uniform([2])], length: 27, slack: 30) {
            BatchNorm2d<T>(2, affine: false)($0[0]) * $0[1].reshape([2, 1, 1]) + $0[2].reshape([2, 1, 1])
        }
    }
}
