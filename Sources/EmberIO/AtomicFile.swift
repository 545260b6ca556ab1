import Foundation

/// Whole-file writes that never leave a partial file, alone or several together.
///
/// Each file is written to a temporary sibling of its target and flushed; only when every file of the group is
/// written are the temporaries renamed over their targets. If a rename fails, the targets already replaced get their
/// old contents back (or are removed, if they were new) and every temporary is deleted, so a failed group leaves the
/// directory as it was. Targets follow the rules of ``OutputTarget`` (regular files only; symbolic links written
/// through). A replaced file keeps its permission bits (and, for root, its owner).
///
/// `Safetensors.write` and `Figure.write` write one file this way; the `ember` tool writes its checkpoint and plots
/// as one group.
package struct AtomicFile {
    /// Why a write failed: the path as given and one readable phrase.
    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var path: String
        package var reason: String

        package var description: String { "cannot write \(MessageText.quoted(path, limit: 1000)): \(reason)" }
    }

    private struct Staged {
        var path: String
        var target: String
        var temporary: String
        var backup: String?
    }

    private var staged: [Staged] = []

    package init() {}

    /// Replaces the file at `path` with `data`; on failure `path` is untouched and no temporary file is left.
    package static func write(_ data: Data, to path: String) throws(Failure) {
        var group = AtomicFile()
        try group.stage(data, to: path)
        try group.commit()
    }

    /// Writes `data` to a temporary file next to `path`'s target, to be renamed over it by ``commit()``.
    ///
    /// - Throws: ``Failure`` when `path` may not be replaced or the temporary file cannot be written; the group is
    ///   discarded then.
    package mutating func stage(_ data: Data, to path: String) throws(Failure) {
        do throws(Failure) {
            let target = try OutputTarget.resolve(path)
            let url = URL(fileURLWithPath: target)
            let temporary = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
            try Self.writeFile(data, to: temporary, replacing: target, for: path)
            staged.append(Staged(path: path, target: target, temporary: temporary))
        } catch {
            discard()
            throw error
        }
    }

    /// Renames every staged file over its target, or none: a failure restores the targets already replaced.
    ///
    /// - Throws: ``Failure`` naming the target that could not be replaced.
    package mutating func commit() throws(Failure) {
        for index in staged.indices {
            do throws(Failure) {
                let target = try OutputTarget.resolve(staged[index].path)
                guard target == staged[index].target else {
                    throw Failure(path: staged[index].path, reason: "it changed while the run was writing")
                }
                if access(target, F_OK) == 0 {
                    let backup = staged[index].temporary + ".old"
                    if link(target, backup) == 0 { staged[index].backup = backup }
                }
                guard rename(staged[index].temporary, target) == 0 else {
                    throw Failure(path: staged[index].path, reason: String(cString: strerror(errno)))
                }
            } catch {
                rollBack(upTo: index)
                throw error
            }
        }
        for file in staged { if let backup = file.backup { unlink(backup) } }
        staged = []
    }

    /// Deletes the temporary files of a group that will not be committed.
    package mutating func discard() {
        for file in staged {
            unlink(file.temporary)
            if let backup = file.backup { unlink(backup) }
        }
        staged = []
    }

    /// Undoes the renames of `staged[..<end]` and deletes every temporary file.
    private mutating func rollBack(upTo end: Int) {
        for file in staged[..<end] {
            if let backup = file.backup {
                rename(backup, file.target)
            } else {
                unlink(file.target)
            }
        }
        for file in staged[end...] {
            unlink(file.temporary)
            if let backup = file.backup { unlink(backup) }
        }
        staged = []
    }

    /// Creates `temporary` (never over an existing file), writes and flushes `data`, and gives it the permission
    /// bits (and, for root, the owner) of `target` when `target` exists.
    private static func writeFile(_ data: Data, to temporary: String, replacing target: String,
                                  for path: String) throws(Failure) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        var failure: Int32 = 0
        var existing = stat()
        if stat(target, &existing) == 0 {
            if fchmod(descriptor, existing.st_mode & 0o7777) != 0 { failure = errno }
            if geteuid() == 0 { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
        }
        data.withUnsafeBytes { raw in
            var offset = 0
            while failure == 0 && offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno != EINTR { failure = errno }
                } else {
                    offset += written
                }
            }
        }
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw Failure(path: path, reason: String(cString: strerror(failure)))
        }
    }
}
