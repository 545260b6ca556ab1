import Foundation

/// Whole-file writes that never leave a partial file: write a temporary sibling, flush it, rename it over the target.
/// Checkpoints (`Safetensors.write`) and plots (`Figure.write`) both write through it.
package enum AtomicFile {
    /// Why a write failed, as one readable phrase.
    package struct Failure: Error {
        package var reason: String
    }

    /// Replaces the file at `path` with `data`; on failure the temporary file is removed and `path` is untouched.
    package static func write(_ data: Data, to path: String) throws(Failure) {
        let target = URL(fileURLWithPath: path)
        let directory = target.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw Failure(reason: "cannot create a file in '\(directory.path)'")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(reason: error.localizedDescription)
        }
        if rename(temporary.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw Failure(reason: reason)
        }
    }
}
