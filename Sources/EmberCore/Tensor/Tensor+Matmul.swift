import EmberBackend

extension Tensor {
    /// Matrix product with PyTorch's `torch.matmul` rules: 1-D·1-D is a dot product, 1-D operands gain and lose a
    /// dimension, and leading (batch) dimensions broadcast.
    ///
    /// ```swift
    /// let a = Tensor<Float>([[1, 2], [3, 4]])
    /// let b = Tensor<Float>([[5], [6]])
    /// let c = a.matmul(b)   // [[17], [39]]
    /// ```
    @inlinable
    public final func matmul(_ other: Tensor) -> Tensor {
        precondition(rank >= 1 && other.rank >= 1,
                     "matmul: both operands need at least one dimension, got shapes \(shape) and \(other.shape)")
        let lhs = rank == 1 ? unsqueeze(0) : self
        let rhs = other.rank == 1 ? other.unsqueeze(1) : other
        var out = Tensor.product(lhs, rhs, transposeA: false, transposeB: false)
        if rank == 1 { out = out.squeeze(-2) }
        if other.rank == 1 { out = out.squeeze(-1) }
        return out
    }

    /// The batched product `op(a) · op(b)` over the last two dimensions, each operand optionally transposed without
    /// a copy (the flags go to the backend's matmul). Leading dimensions broadcast.
    @inlinable
    static func product(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        precondition(a.rank >= 2 && b.rank >= 2, "matmul: operands need rank 2 or more, got \(a.shape) and \(b.shape)")
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (kb, n) = transposeB ? (bc, br) : (br, bc)
        precondition(k == kb, "matmul: shapes \(a.shape) and \(b.shape) cannot be multiplied (\(k) vs \(kb))")
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        let batch = Shape.broadcast(batchA, batchB, op: "matmul")
        let out = uninitialized(batch + [m, n])
        let shape = MatmulShape(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
        let batchCount = batch.reduce(1, *)
        withKernelPointers(a, b, out) { pa, pb, po in
            if batchA == batch && batchB == batch {
                for i in 0..<batchCount {
                    backend.matmul(pa + i * ar * ac, pb + i * br * bc, po + i * m * n, shape: shape)
                }
                return
            }
            let stridesA = BroadcastLayout.broadcastStrides(of: batchA, to: batch)
            let stridesB = BroadcastLayout.broadcastStrides(of: batchB, to: batch)
            let batchStrides = Shape.strides(batch)
            for i in 0..<batchCount {
                var offsetA = 0, offsetB = 0
                for d in batch.indices {
                    let index = (i / batchStrides[d]) % batch[d]
                    offsetA += index * stridesA[d]
                    offsetB += index * stridesB[d]
                }
                backend.matmul(pa + offsetA * ar * ac, pb + offsetB * br * bc, po + i * m * n, shape: shape)
            }
        }
        // C = A'B' with A' = op(A), B' = op(B): dA' = G·B'ᵀ and dB' = A'ᵀ·G, mapped back through the flags.
        return out.recording("MmBackward0", a, b) { g in
            let gradA: Tensor? = a.requiresGrad
                ? (transposeA ? product(b, g, transposeA: transposeB, transposeB: true)
                              : product(g, b, transposeA: false, transposeB: !transposeB)).sumTo(a.shape)
                : nil
            let gradB: Tensor? = b.requiresGrad
                ? (transposeB ? product(g, a, transposeA: true, transposeB: transposeA)
                              : product(a, g, transposeA: !transposeA, transposeB: false)).sumTo(b.shape)
                : nil
            return (gradA, gradB)
        }
    }
}
