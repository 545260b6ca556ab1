import EmberIO
import Foundation

/// A picture that renders itself as a standalone SVG document: a ``Figure`` or a ``Heatmap``.
public protocol SVGPicture: Sendable {
    /// The picture as a complete SVG 1.1 document.
    func svg() -> String
}

extension SVGPicture {
    /// Writes ``svg()`` to `path` atomically: the text goes to a temporary file in the same directory that is then
    /// renamed over `path`, so a reader sees the old file or the complete new one, never a partial one.
    ///
    /// `path` must be a new file in an existing directory or a regular file the user may write (the rules of
    /// `Safetensors.write`: a symbolic link is written through; a directory, FIFO, device, read-only file or file
    /// with other hard links is refused).
    ///
    /// ```swift
    /// try lossPlot(train: [1, 0.5, 0.25]).write(to: "loss.svg")
    /// ```
    /// - Throws: ``PlotError/cannotWrite(path:reason:)`` when `path` may not be replaced or cannot be written.
    public func write(to path: String) throws {
        do {
            try AtomicFile.write(Data(svg().utf8), to: path)
        } catch {
            throw PlotError.cannotWrite(path: path, reason: error.reason)
        }
    }
}

extension Figure: SVGPicture {}
extension Heatmap: SVGPicture {}
