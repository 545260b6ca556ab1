import Foundation

/// A live status line (epoch, loss, epochs per second) for long runs on a terminal.
///
/// It appears only when standard output is a terminal, JSON output is off and the run has lasted `delay` seconds;
/// it is redrawn in place with `\r` at most ten times a second and erased by `finish()` (or before any `log` line),
/// so piped output never contains it.
final class ProgressLine {
    private let enabled: Bool
    private let total: Int
    private let delay: UInt64
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawnWidth = 0

    /// - Parameters:
    ///   - total: the number of epochs planned.
    ///   - json: whether the command prints JSON (which turns the line off).
    ///   - delay: seconds before the line first appears: 2, or `EMBER_PROGRESS_DELAY` when that holds a number.
    init(total: Int, json: Bool, delay: Double = ProgressLine.defaultDelay) {
        enabled = !json && isatty(STDOUT_FILENO) == 1
        self.total = total
        self.delay = UInt64(delay * 1e9)
    }

    /// Two seconds, unless `EMBER_PROGRESS_DELAY` says otherwise (the tests use 0).
    static var defaultDelay: Double {
        ProcessInfo.processInfo.environment["EMBER_PROGRESS_DELAY"].flatMap(Double.init).map { max(0, $0) } ?? 2
    }

    /// Records that `epoch` (0-based) finished with `loss`; redraws the line when it is due.
    func update(epoch: Int, loss: Double) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let elapsed = now - start
        guard elapsed >= delay, now - lastDraw >= 100_000_000 else { return }
        lastDraw = now
        let rate = Double(epoch + 1) / (Double(elapsed) / 1e9)
        let text = "epoch \(epoch + 1)/\(total)  loss \(String(format: "%.6g", loss))  "
            + "\(String(format: "%.1f", rate)) epochs/s"
        let padding = String(repeating: " ", count: max(0, drawnWidth - text.count))
        write("\r" + text + padding)
        drawnWidth = text.count
    }

    /// The per-epoch report of every training command: `Epoch N, Loss x` (with `, Validation loss v` and
    /// `, Validation accuracy a` when there are) every `logEvery` epochs (0: never), and the live line. `accuracy` is
    /// asked for only on the epochs logged.
    func epoch(_ epoch: Int, loss: Double, validationLoss: Double?, logEvery: Int,
               accuracy: () -> Double? = { nil }) {
        if logEvery > 0 && epoch % logEvery == 0 {
            log("Epoch \(epoch), Loss \(String(format: "%.6f", loss))"
                + (validationLoss.map { ", Validation loss " + String(format: "%.6f", $0) } ?? "")
                + (accuracy().map { ", Validation accuracy " + String(format: "%.4f", $0) } ?? ""))
        }
        update(epoch: epoch, loss: loss)
    }

    /// Prints `line` on its own line, erasing the status line first.
    func log(_ line: String) {
        finish()
        print(line)
    }

    /// Erases the status line, if it is shown.
    func finish() {
        guard drawnWidth > 0 else { return }
        write("\r" + String(repeating: " ", count: drawnWidth) + "\r")
        drawnWidth = 0
    }

    private func write(_ text: String) {
        fflush(nil)
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
