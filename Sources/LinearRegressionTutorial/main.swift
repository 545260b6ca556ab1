// The PyTorch linear-regression tutorial, step by step, in Swift with Ember.
// Run it with `swift run -c release linreg-tutorial` (EMBER_BACKEND chooses the backend).
import Ember

// 1. Data: noisy points on the line y = 1·x + 0.
manualSeed(42)
let (x, y) = sampleLinearData(n: 100, slope: 1, intercept: 0, noise: 0.1, seed: 42)

// 2. Model: y = weight · x + bias, with learnable parameters.
final class LinearRegression: Module<Float> {
    let weight = Parameter(Tensor<Float>.randn([1]))
    let bias = Parameter(Tensor<Float>.randn([1]))

    override func forward(_ x: Tensor<Float>) -> Tensor<Float> {
        weight * x + bias
    }
}
let model = LinearRegression()

// 3. Loss and optimizer.
let criterion = MSELoss()
let optimizer = SGD(model.parameters(), lr: 0.1)

// 4. Training loop.
for epoch in 0..<1000 {
    let prediction = model(x)              // forward
    let loss = criterion(prediction, y)    // loss
    optimizer.zeroGrad()                   // zero grads
    loss.backward()                        // backward
    optimizer.step()                       // step
    if epoch % 100 == 0 {
        print("Epoch \(epoch), Loss \(loss.item())")
    }
}

// 5. Prediction in inference mode.
model.eval()
let predicted = withInferenceMode { model(x) }
print("weight: \(model.weight.item()), bias: \(model.bias.item())")
print("first predictions: \(predicted.reshape([-1]).scalars.prefix(3).map { ($0 * 1000).rounded() / 1000 })")
print("backend: \(Backends.current.name)")
