import EmberBackend

// Pooling over the last two axes, like `torch.nn.functional.max_pool2d`/`avg_pool2d`/`adaptive_avg_pool2d`. Each
// accepts `N×C×H×W` or unbatched `C×H×W` (pooled as one batch) and works plane by plane (`N·C` planes of `H×W`).
extension Tensor {
    /// The largest element of each window, like `torch.nn.functional.max_pool2d`; NaN propagates.
    ///
    /// Shapes: input `N×C×H×W` or `C×H×W`; output `N×C×Ho×Wo` with `Ho = (H + 2·padding − dilation·(k − 1) − 1) /
    /// stride + 1`, rounded down (up with `ceilMode`, where a last window must start inside the input or the
    /// left padding). Padding counts as −∞. The gradient of each output goes to the position of its maximum (the
    /// first one in the window on ties), as in PyTorch.
    ///
    /// ```swift
    /// let x = Tensor<Float>([1, 5, 2, 0, 3, 4, 8, 7, 6], shape: [1, 1, 3, 3])
    /// let y = x.maxPool2d(kernelSize: 2, stride: 1)   // [[5, 5], [8, 7]]
    /// ```
    /// - Parameters:
    ///   - kernelSize: The window's height and width.
    ///   - stride: The step between windows; `kernelSize` when `nil`.
    ///   - padding: Added on every side; at most half the kernel.
    ///   - dilation: The step between window elements.
    ///   - ceilMode: Whether to round the output size up.
    /// - Returns: The maxima, recording the gradient of the input.
    public final func maxPool2d(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
                                ceilMode: Bool = false) -> Tensor {
        maxPool2d(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
                  dilation: (dilation, dilation), ceilMode: ceilMode)
    }

    /// Max pooling with (height, width) pairs, like `max_pool2d(x, (kh, kw), (sh, sw), (ph, pw), (dh, dw))`.
    ///
    /// ```swift
    /// let x = Tensor<Float>.randn([1, 2, 8, 9])
    /// let y = x.maxPool2d(kernelSize: (3, 2), stride: (2, 1), padding: (1, 0))   // [1, 2, 4, 8]
    /// ```
    public final func maxPool2d(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                                dilation: (Int, Int) = (1, 1), ceilMode: Bool = false) -> Tensor {
        pooled(op: "maxPool2d") { input in
            let s = Tensor.poolingShape(input.shape, kernel: kernelSize, stride: stride, padding: padding,
                                        dilation: dilation, ceilMode: ceilMode, op: "maxPool2d", shown: shape)
            return input.maxPooled(s)
        }
    }

    /// The mean of each window, like `torch.nn.functional.avg_pool2d`.
    ///
    /// Shapes as `maxPool2d` (dilation 1). Padding counts as zeros; with `countIncludePad` the divisor is the
    /// window's size clipped to the padded input, otherwise the number of input elements in the window.
    ///
    /// ```swift
    /// let x = Tensor<Float>([1, 2, 3, 4], shape: [1, 1, 2, 2])
    /// let y = x.avgPool2d(kernelSize: 2)                                          // [[2.5]]
    /// let z = x.avgPool2d(kernelSize: 2, padding: 1, countIncludePad: false)     // [[1, 2], [3, 4]]
    /// ```
    /// - Parameters:
    ///   - kernelSize: The window's height and width.
    ///   - stride: The step between windows; `kernelSize` when `nil`.
    ///   - padding: Added on every side; at most half the kernel.
    ///   - ceilMode: Whether to round the output size up.
    ///   - countIncludePad: Whether padded zeros count in the divisor.
    /// - Returns: The means, recording the gradient of the input.
    public final func avgPool2d(kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false,
                                countIncludePad: Bool = true) -> Tensor {
        avgPool2d(kernelSize: (kernelSize, kernelSize), stride: stride.map { ($0, $0) }, padding: (padding, padding),
                  ceilMode: ceilMode, countIncludePad: countIncludePad)
    }

    /// Average pooling with (height, width) pairs, like `avg_pool2d(x, (kh, kw), (sh, sw), (ph, pw))`.
    ///
    /// ```swift
    /// let x = Tensor<Float>.randn([1, 2, 8, 9])
    /// let y = x.avgPool2d(kernelSize: (2, 3), stride: (2, 3))   // [1, 2, 4, 3]
    /// ```
    public final func avgPool2d(kernelSize: (Int, Int), stride: (Int, Int)? = nil, padding: (Int, Int) = (0, 0),
                                ceilMode: Bool = false, countIncludePad: Bool = true) -> Tensor {
        pooled(op: "avgPool2d") { input in
            let s = Tensor.poolingShape(input.shape, kernel: kernelSize, stride: stride, padding: padding,
                                        dilation: (1, 1), ceilMode: ceilMode, op: "avgPool2d", shown: shape)
            return input.averagePooled(s, countIncludePad: countIncludePad)
        }
    }

    /// The mean over `outputSize.0 × outputSize.1` windows that tile the input, like
    /// `torch.nn.functional.adaptive_avg_pool2d`: output row `i` averages input rows `⌊i·H/Ho⌋ ..< ⌈(i+1)·H/Ho⌉`,
    /// and columns alike (windows overlap when the sizes do not divide).
    ///
    /// ```swift
    /// let features = Tensor<Float>.randn([2, 64, 7, 7])
    /// let pooled = features.adaptiveAvgPool2d((1, 1))   // [2, 64, 1, 1], the mean of each plane
    /// ```
    /// - Parameter outputSize: The output's height and width, each at least 1.
    /// - Returns: The means, recording the gradient of the input.
    public final func adaptiveAvgPool2d(_ outputSize: (Int, Int)) -> Tensor {
        pooled(op: "adaptiveAvgPool2d") { input in
            let (h, w) = (input.shape[2], input.shape[3])
            let (ho, wo) = outputSize
            emberPrecondition(ho > 0 && wo > 0, "adaptiveAvgPool2d: output size must be positive, got \(outputSize)")
            emberPrecondition(h > 0 && w > 0, "adaptiveAvgPool2d: input \(shape) has an empty plane")
            if h % ho == 0 && w % wo == 0 {   // equal, disjoint windows: one average pooling
                let s = Pool2dShape(planes: input.shape[0] * input.shape[1], inputHeight: h, inputWidth: w,
                                    kernelHeight: h / ho, kernelWidth: w / wo, strideHeight: h / ho, strideWidth: w / wo,
                                    padHeight: 0, padWidth: 0, dilationHeight: 1, dilationWidth: 1, ceilMode: false)
                return input.averagePooled(s, countIncludePad: true)
            }
            // Rectangular windows average separably: rows, then columns, each a product with an averaging matrix.
            let rows = Tensor.adaptiveAveraging(from: h, to: ho)            // [Ho, H]
            let columns = Tensor.adaptiveAveraging(from: w, to: wo).t()     // [W, Wo]
            return rows.matmul(input.matmul(columns))
        }
    }

    /// The `[output, input]` matrix whose row `i` averages inputs `⌊i·input/output⌋ ..< ⌈(i+1)·input/output⌉`.
    static func adaptiveAveraging(from input: Int, to output: Int) -> Tensor {
        var values = [Scalar](repeating: 0, count: output * input)
        for i in 0..<output {
            let start = i * input / output, end = ((i + 1) * input + output - 1) / output
            for j in start..<end { values[i * input + j] = 1 / Scalar(end - start) }
        }
        return Tensor(values, shape: [output, input])
    }

    /// Applies `body` to the input as `N×C×H×W` (an unbatched `C×H×W` input as a batch of one).
    final func pooled(op: String, _ body: (Tensor) -> Tensor) -> Tensor {
        emberPrecondition(rank == 3 || rank == 4, "\(op): expects input [N, C, H, W] or [C, H, W], got \(shape)")
        return rank == 4 ? body(self) : body(unsqueeze(0)).squeeze(0)
    }

    /// Runs the `maxPool2d` kernel on `self` (N×C×H×W), recording the gradient through the arg-max indices.
    final func maxPooled(_ s: Pool2dShape) -> Tensor {
        let out = Tensor.uninitialized([shape[0], shape[1], s.outputHeight, s.outputWidth])
        let indices = IndexBuffer.allocate(out.count)   // an IndexBuffer, not an array: compiled steps follow it
        if out.count > 0 {
            indices.withElements { i in
                Tensor.withKernelPointers(self, out) { Tensor.backend.maxPool2d($0, $1, i, shape: s) }
            }
        }
        return out.recording("MaxPool2DWithIndicesBackward0", self) { g in
            let gradient = Tensor.uninitialized(like: self)
            if gradient.count > 0 {
                indices.withElements { i in
                    Tensor.withKernelPointers(g, gradient) { Tensor.backend.maxPool2dBackward($0, i, $1, shape: s) }
                }
            }
            return gradient
        }
    }

    /// Runs the `avgPool2d` kernel on `self` (N×C×H×W), recording its gradient.
    final func averagePooled(_ s: Pool2dShape, countIncludePad: Bool) -> Tensor {
        let out = Tensor.uninitialized([shape[0], shape[1], s.outputHeight, s.outputWidth])
        if out.count > 0 {
            Tensor.withKernelPointers(self, out) {
                Tensor.backend.avgPool2d($0, $1, shape: s, countIncludePad: countIncludePad)
            }
        }
        return out.recording("AvgPool2DBackward0", self) { g in
            let gradient = Tensor.uninitialized(like: self)
            if gradient.count > 0 {
                Tensor.withKernelPointers(g, gradient) {
                    Tensor.backend.avgPool2dBackward($0, $1, shape: s, countIncludePad: countIncludePad)
                }
            }
            return gradient
        }
    }
}
