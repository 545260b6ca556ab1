import Ember
import EmberDistributed

extension ModelTraining where Scalar == Float {
    /// Runs the training data-parallel over `group` (this process alone outside `mpirun`): each process trains on its
    /// share of every batch (`DataParallelShard`) and the gradients are averaged over the processes before every step.
    /// - Throws: `CLIError` when `--batch-size` does not divide among the processes; `TrainingError.diverged`.
    func run(in group: ProcessGroup,
             onEpoch: (Int, Double, Double?) -> Void = { _, _, _ in }) throws -> Result {
        let shard = try DataParallelShard(model: model, train: train, batchSize: batchSize, seed: seed, group: group)
        var training = self
        training.epochBatches = { epoch, step in shard.epoch(epoch, step: step) }
        if let ddp = shard.ddp { training.afterBackward = { ddp.synchronizeGradients() } }
        return try training.run(onEpoch: onEpoch)
    }
}
