import Foundation
import Testing
@testable import EmberIO

/// Issue 9, item 3: a save replaces a regular file the user may write, and nothing else.
@Suite struct OutputTargetTests {
    final class Directory {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("EmberIO-targets-\(UUID())").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit {
            chmod(path, 0o755)
            try? FileManager.default.removeItem(atPath: path)
        }
        func file(_ name: String) -> String { path + "/" + name }
        var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    }

    let tensors = ["w": try! SafetensorsEntry(shape: [2], values: [1, 2] as [Float])]

    func writeError(_ path: String) -> String? {
        do {
            try Safetensors.write(tensors, to: path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    @Test func aFIFOIsRefusedAndStaysAFIFO() throws {
        let directory = try Directory()
        let fifo = directory.file("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        let message = try #require(writeError(fifo))
        #expect(message.contains("'\(fifo)'") && message.contains("not a regular file"), "\(message)")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        #expect(directory.names == ["pipe"])
    }

    @Test func aCharacterDeviceIsRefused() throws {
        // A private copy of /dev/null (root only), so that a regression cannot replace the real one.
        try #require(geteuid() == 0, "mknod needs root")
        let directory = try Directory()
        let device = directory.file("null")
        var null = stat()
        #expect(stat("/dev/null", &null) == 0)
        #expect(mknod(device, S_IFCHR | 0o666, null.st_rdev) == 0)
        let message = try #require(writeError(device))
        #expect(message.contains("not a regular file"), "\(message)")
        var info = stat()
        #expect(lstat(device, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aDirectoryIsRefused() throws {
        let directory = try Directory()
        try FileManager.default.createDirectory(atPath: directory.file("sub"), withIntermediateDirectories: false)
        let message = try #require(writeError(directory.file("sub")))
        #expect(message.contains("is a directory"), "\(message)")
    }

    @Test func aReadOnlyFileIsRefusedEvenForRoot() throws {
        let directory = try Directory()
        let file = directory.file("frozen.safetensors")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: file))
        #expect(chmod(file, 0o444) == 0)
        let message = try #require(writeError(file))
        #expect(message.contains("read-only"), "\(message)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data("keep".utf8))
        #expect(directory.names == ["frozen.safetensors"])
    }

    @Test func aFileWithOtherHardLinksIsRefused() throws {
        let directory = try Directory()
        let file = directory.file("a.safetensors"), other = directory.file("b.safetensors")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: file))
        #expect(link(file, other) == 0)
        let message = try #require(writeError(file))
        #expect(message.contains("2 hard links"), "\(message)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == Data("keep".utf8))
    }

    @Test func aSymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let directory = try Directory()
        try FileManager.default.createDirectory(atPath: directory.file("runs"), withIntermediateDirectories: false)
        let target = directory.file("runs/3.safetensors"), link = directory.file("latest.safetensors")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(symlink("runs/3.safetensors", link) == 0)
        #expect(writeError(link) == nil)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "runs/3.safetensors")
        #expect(try Safetensors.read(path: target).tensors == tensors)
        #expect(directory.names == ["latest.safetensors", "runs"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.file("runs")) == ["3.safetensors"])
    }

    @Test func aDanglingSymbolicLinkIsRefused() throws {
        let directory = try Directory()
        let link = directory.file("latest.safetensors")
        #expect(symlink("nowhere/3.safetensors", link) == 0)
        let message = try #require(writeError(link))
        #expect(message.contains("symbolic link"), "\(message)")
        #expect(directory.names == ["latest.safetensors"])
    }

    @Test func aRegularFileIsReplacedAndANewOneCreated() throws {
        let directory = try Directory()
        let file = directory.file("m.safetensors")
        try Data("old".utf8).write(to: URL(fileURLWithPath: file))
        #expect(writeError(file) == nil)
        #expect(writeError(directory.file("new.safetensors")) == nil)
        #expect(try Safetensors.read(path: file).tensors == tensors)
        #expect(directory.names == ["m.safetensors", "new.safetensors"])
    }

    @Test func aGroupCommitsAllOrNothing() throws {
        let directory = try Directory()
        let kept = directory.file("kept.safetensors"), fresh = directory.file("fresh.svg"), late = directory.file("late.svg")
        try Data("old".utf8).write(to: URL(fileURLWithPath: kept))
        #expect(chmod(kept, 0o600) == 0)
        var group = AtomicFile()
        try group.stage(Data("new".utf8), to: kept)
        try group.stage(Data("<svg/>".utf8), to: fresh)
        try group.stage(Data("<svg/>".utf8), to: late)
        // The last target turns into a directory while the run is writing: nothing may be left replaced.
        try FileManager.default.createDirectory(atPath: late, withIntermediateDirectories: false)
        #expect(throws: AtomicFile.Failure.self) { try group.commit() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == Data("old".utf8))
        #expect(directory.names == ["kept.safetensors", "late.svg"])

        var again = AtomicFile()
        try again.stage(Data("new".utf8), to: kept)
        try again.stage(Data("<svg/>".utf8), to: fresh)
        try again.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == Data("new".utf8))
        #expect(directory.names == ["fresh.svg", "kept.safetensors", "late.svg"])
        var info = stat()
        #expect(stat(kept, &info) == 0 && info.st_mode & 0o777 == 0o600, "a replaced file keeps its mode")
    }

    @Test func aDiscardedGroupLeavesNoTemporaryFile() throws {
        let directory = try Directory()
        var group = AtomicFile()
        try group.stage(Data("x".utf8), to: directory.file("a"))
        #expect(directory.names.count == 1, "the temporary file")
        group.discard()
        #expect(directory.names.isEmpty)
    }
}
