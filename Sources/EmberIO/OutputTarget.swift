import Foundation

/// The rules for what a save may replace, shared by every writer (`Safetensors.write`, `Figure.write`, the `ember`
/// tool's outputs).
///
/// A target is either a new file in an existing directory the user may write, or an existing **regular** file that
/// the user may write, that is not read-only and that has no other hard link. Everything else is refused: a
/// directory, a FIFO, a device (`/dev/null`), a socket, a read-only file (mode 0444, refused even for root, who may
/// write anything), and a file with other hard links (replacing it would leave those names with the old contents).
///
/// A **symbolic link** is written through, as `torch.save` and the shell's `>` do: the file it resolves to is
/// checked by the same rules and replaced, and the link stays a link. A link that resolves to nothing is refused,
/// so a save never creates a file at a place a dangling link names.
package enum OutputTarget {
    /// The path to replace for a save to `path`: `path` itself, or the file a symbolic link resolves to.
    ///
    /// - Throws: ``AtomicFile/Failure`` saying, for `path`, why it may not be replaced.
    package static func resolve(_ path: String) throws(AtomicFile.Failure) -> String {
        func refuse(_ reason: String) -> AtomicFile.Failure { AtomicFile.Failure(path: path, reason: reason) }
        guard !path.isEmpty else { throw refuse("the file name is empty") }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let error = errno
            guard error == ENOENT else { throw refuse(String(cString: strerror(error))) }
            try checkDirectory(of: path, for: path)
            return path
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try checkRegularFile(path, info, for: path)
            return path
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else {
                let reason = String(cString: strerror(errno))
                let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                throw refuse("it is a symbolic link to \(MessageText.quoted(destination, limit: 1000)), which does "
                             + "not resolve to a file (\(reason))")
            }
            defer { free(resolved) }
            let target = String(cString: resolved)
            var targetInfo = stat()
            guard stat(target, &targetInfo) == 0 else { throw refuse(String(cString: strerror(errno))) }
            guard targetInfo.st_mode & S_IFMT == S_IFREG else {
                throw refuse("it is a symbolic link to \(MessageText.quoted(target, limit: 1000)), which is "
                             + kind(targetInfo.st_mode))
            }
            try checkRegularFile(target, targetInfo, for: path)
            return target
        default:
            throw refuse("it is \(kind(info.st_mode))")
        }
    }

    /// The path `resolve` returns, made absolute and free of `.`, `..` and links in its directory, so that two
    /// spellings of one file compare equal.
    package static func canonical(_ resolved: String) -> String {
        let url = URL(fileURLWithPath: resolved)
        guard let directory = realpath(url.deletingLastPathComponent().path, nil) else { return url.standardized.path }
        defer { free(directory) }
        return URL(fileURLWithPath: String(cString: directory)).appendingPathComponent(url.lastPathComponent).path
    }

    private static func checkRegularFile(_ file: String, _ info: stat, for path: String) throws(AtomicFile.Failure) {
        func refuse(_ reason: String) -> AtomicFile.Failure { AtomicFile.Failure(path: path, reason: reason) }
        guard info.st_mode & 0o222 != 0 else {
            throw refuse("it is read-only (mode \(String(info.st_mode & 0o7777, radix: 8))); make it writable or "
                         + "choose another name")
        }
        guard access(file, W_OK) == 0 else {
            throw refuse("it is not writable (\(String(cString: strerror(errno))))")
        }
        guard info.st_nlink <= 1 else {
            throw refuse("it has \(info.st_nlink) hard links, which replacing it would break; remove the other "
                         + "links or choose another name")
        }
        try checkDirectory(of: file, for: path)
    }

    /// The directory that will hold the temporary file and the rename must exist and be writable.
    private static func checkDirectory(of file: String, for path: String) throws(AtomicFile.Failure) {
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw AtomicFile.Failure(path: path, reason: "its directory \(MessageText.quoted(directory, limit: 1000)) "
                                     + "does not exist")
        }
        guard access(directory, W_OK | X_OK) == 0 else {
            let reason = String(cString: strerror(errno))
            throw AtomicFile.Failure(path: path, reason: "cannot create files in its directory "
                                     + "\(MessageText.quoted(directory, limit: 1000)) (\(reason))")
        }
    }

    /// What a file of `mode` is, for messages: "a directory", "a FIFO, not a regular file", …
    package static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO, not a regular file"
        case S_IFCHR: "a character device, not a regular file"
        case S_IFBLK: "a block device, not a regular file"
        case S_IFSOCK: "a socket, not a regular file"
        default: "not a regular file"
        }
    }
}
