import ArgumentParser
import Ember
import Foundation

/// `ember`: runs the linear-regression tutorial (or a regression on a CSV file, or a small MLP), validates it against
/// the closed form, plots it, and benchmarks every backend.
@main
struct EmberCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ember",
        abstract: "Ember: the PyTorch linear-regression tutorial in Swift and beyond (CSV regression, an MLP, "
            + "benchmarks), on a backend chosen at run time.",
        subcommands: [LinregCommand.self, MLPCommand.self, ClassifyCommand.self, BenchCommand.self, InfoCommand.self])

    /// Parses and runs the command; every error ends as one line on standard error and a non-zero exit status.
    static func main() {
        do {
            _ = try SIMDKernelPath.parseEnvironment()   // a bad EMBER_SIMD_PATH stops the tool (a library only warns)
            try Launch.start()
            var command = try parseAsRoot()
            try command.run()
            Launch.finish()
        } catch let error as CLIError {
            fail(error.description, code: 1)
        } catch let error as BackendError {
            fail(error.description, code: 1)
        } catch let error as TrainingError {
            fail(error.description, code: 1)
        } catch let error as SIMDKernelPathError {
            fail(error.description, code: 1)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                Launch.finish()
                exit(withError: error)   // --help and --version
            }
            fail(message(for: error), code: code.rawValue)
        }
    }

    /// Prints `message` as one line (`Launch.fail` escapes it) and ends the process, or the MPI job.
    private static func fail(_ message: String, code: Int32) -> Never {
        Launch.fail(message, code: code)
    }
}

/// An error the command reports as one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
