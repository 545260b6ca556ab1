import Ember
import Testing

/// The examples in the doc comments of the convolution API, compiled and checked as written.
@Suite struct ConvolutionDocExampleTests {
    @Test func convolutions() {
        let x = Tensor<Float>.randn([1, 1, 5, 5])
        let w = Tensor<Float>.randn([2, 1, 4, 4])
        #expect(x.conv2d(w, padding: .same).shape == [1, 2, 5, 5])
        #expect(x.conv2d(w, padding: 1).shape == [1, 2, 4, 4])
        #expect(x.conv2d(w, padding: .explicit(2, 0)).shape == [1, 2, 6, 2])

        let images = Tensor<Float>.randn([8, 3, 32, 32])
        let weight = Tensor<Float>.randn([16, 3, 3, 3], requiresGrad: true)
        let features = images.conv2d(weight, padding: 1)
        #expect(features.shape == [8, 16, 32, 32])
        features.sum().backward()
        #expect(weight.grad!.shape == [16, 3, 3, 3])

        let strided = Tensor<Float>.randn([1, 2, 9, 9]).conv2d(Tensor<Float>.randn([4, 2, 3, 3]), stride: (2, 1),
                                                              dilation: (1, 2))
        #expect(strided.shape == [1, 4, 4, 5])
        let signal = Tensor<Float>.randn([4, 2, 100])
        #expect(signal.conv1d(Tensor<Float>.randn([8, 2, 5]), padding: .same).shape == [4, 8, 100])
        #expect(Conv2d<Float>(1, 16, kernelSize: 3, padding: 1)(Tensor<Float>.randn([8, 1, 28, 28])).shape
                == [8, 16, 28, 28])
        #expect(Conv1d<Float>(4, 8, kernelSize: 5, padding: .same)(Tensor<Float>.randn([2, 4, 50])).shape == [2, 8, 50])
    }

    @Test func pooling() {
        let x = Tensor<Float>([1, 5, 2, 0, 3, 4, 8, 7, 6], shape: [1, 1, 3, 3])
        #expect(x.maxPool2d(kernelSize: 2, stride: 1).scalars == [5, 5, 8, 7])
        let small = Tensor<Float>([1, 2, 3, 4], shape: [1, 1, 2, 2])
        #expect(small.avgPool2d(kernelSize: 2).scalars == [2.5])
        #expect(small.avgPool2d(kernelSize: 2, padding: 1, countIncludePad: false).scalars == [1, 2, 3, 4])
        #expect(Tensor<Float>.randn([2, 64, 7, 7]).adaptiveAvgPool2d((1, 1)).shape == [2, 64, 1, 1])
        let wide = Tensor<Float>.randn([1, 2, 8, 9])
        #expect(wide.maxPool2d(kernelSize: (3, 2), stride: (2, 1), padding: (1, 0)).shape == [1, 2, 4, 8])
        #expect(wide.avgPool2d(kernelSize: (2, 3), stride: (2, 3)).shape == [1, 2, 4, 3])
        #expect(MaxPool2d<Float>(kernelSize: 2)(Tensor<Float>.randn([8, 16, 28, 28])).shape == [8, 16, 14, 14])
        let average = AvgPool2d<Float>(kernelSize: 3, stride: 2, padding: 1, countIncludePad: false)
        #expect(average(Tensor<Float>.randn([2, 4, 9, 9])).shape == [2, 4, 5, 5])
        #expect(AdaptiveAvgPool2d<Float>(1)(Tensor<Float>.randn([8, 32, 7, 7])).shape == [8, 32, 1, 1])
    }

    @Test func normalisationAndDropout() {
        let norm = BatchNorm2d<Float>(16)
        #expect(norm(Tensor<Float>.randn([8, 16, 12, 12])).shape == [8, 16, 12, 12])
        norm.eval()
        #expect(norm(Tensor<Float>.randn([1, 16, 12, 12])).shape == [1, 16, 12, 12])
        manualSeed(0)
        let dropout = Dropout2d<Float>(p: 0.5)
        let y = dropout(Tensor<Float>.ones([2, 3, 4, 4]))
        #expect(y.scalars.allSatisfy { $0 == 0 || $0 == 2 })
        #expect(Tensor<Float>.randn([8, 16, 5, 5]).dropout2d(p: 0.2).shape == [8, 16, 5, 5])
    }
}
