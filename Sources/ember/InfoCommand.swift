import ArgumentParser
import Ember

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show backends and threads.")
    func run() throws {
        print("backends: \(Backends.names.joined(separator: ", "))")
        print("threads: \(Threads.count)")
    }
}
