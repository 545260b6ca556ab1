import Ember

extension ClassifierModel {
    /// Refuses a checkpoint made for another kind of model when either is a CNN, or for another image shape or other
    /// convolution channels, naming both.
    /// - Throws: `CLIError` starting with `--load:`.
    func checkModel(_ archive: SafetensorsArchive, path: String) throws {
        let savedKind = archive.metadata["ember.model"]
        if let savedKind, savedKind != kind.rawValue, savedKind == ClassifierKind.cnn.rawValue || kind == .cnn {
            throw CLIError("--load: the checkpoint '\(path)' holds a \(savedKind) model, not --model \(kind.rawValue)")
        }
        guard let image else { return }
        if let saved = archive.metadata["ember.image_shape"], saved != image.shape.description {
            throw CLIError("--load: the checkpoint '\(path)' was made for images of \(saved), but --image-shape is "
                + image.shape.description)
        }
        let current = channels.map(String.init).joined(separator: ",")
        if let saved = archive.metadata["ember.channels"], saved != current {
            throw CLIError("--load: the checkpoint '\(path)' was made for --channels \(saved), not \(current)")
        }
    }
}
