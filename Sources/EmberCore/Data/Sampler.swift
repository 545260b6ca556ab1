/// Chooses which samples a `DataLoader` visits in an epoch, and in what order, like `torch.utils.data.Sampler`.
///
/// A sampler is a class, so that the caller keeps a reference and can change it between epochs (as
/// `DistributedSampler.setEpoch(_:)` does) while the loader holds the same object.
///
/// ```swift
/// final class EvenRows: Sampler {
///     let count: Int
///     init(datasetCount: Int) { count = (datasetCount + 1) / 2 }
///     func indices() -> [Int] { (0..<count).map { 2 * $0 } }
/// }
/// let dataset = TensorDataset(features: Tensor<Float>.arange(6).reshape([6, 1]), targets: Tensor<Float>.zeros([6]))
/// let loader = DataLoader(dataset, batchSize: 2, sampler: EvenRows(datasetCount: 6))
/// // one epoch: rows [0, 2], then [4]
/// ```
public protocol Sampler: AnyObject {
    /// The number of indices `indices()` returns, like `len(sampler)`.
    var count: Int { get }
    /// The sample indices of the next epoch, in the order they are visited; each in `0..<dataset.count`.
    func indices() -> [Int]
}
