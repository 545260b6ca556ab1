import EmberBackend

extension ModelTraining {
    /// The step `run` calls on each batch: `step(_:_:)` itself, or with `compiles` a compiled step of the same
    /// forward, loss, `zeroGrad`, backward and optimizer step, whose loss is read after the call.
    func makeStep() -> (Tensor<Scalar>, Tensor<Scalar>) -> Scalar {
        guard compiles, afterBackward == nil else { return step }
        let (model, optimizer, loss) = (self.model, self.optimizer, self.loss)
        if let labelLoss {
            let compiled = compile(model, optimizer) { (x: Tensor<Scalar>, labels: IndexTensor) in
                let value = labelLoss(model(x), labels)
                optimizer.zeroGrad()
                value.backward()
                optimizer.step()
                return value
            }
            return { x, y in compiled(x, IndexTensor(y.scalars.map { Int($0) })).item() }
        }
        let compiled = compile(model, optimizer) { (x: Tensor<Scalar>, y: Tensor<Scalar>) in
            let value = loss(model(x), y)
            optimizer.zeroGrad()
            value.backward()
            optimizer.step()
            return value
        }
        return { x, y in compiled(x, y).item() }
    }
}
