/// Stops the program with `message` when `condition` is false, in every build configuration.
///
/// Swift's `precondition` drops its message in optimised builds (`-O`): API misuse in a user's
/// `swift build -c release` would end in a bare "Illegal instruction". Ember's checks name the operation and the
/// shapes there too, as PyTorch's errors do. The message is only built when the check fails.
@inlinable @inline(__always)
package func emberPrecondition(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                               file: StaticString = #fileID, line: UInt = #line) {
    if _slowPath(!condition()) { emberPreconditionFailure(message(), file: file, line: line) }
}

/// Stops the program with `message`, in every build configuration (see `emberPrecondition`).
@usableFromInline @inline(never)
package func emberPreconditionFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}
