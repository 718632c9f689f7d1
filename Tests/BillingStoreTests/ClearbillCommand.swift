import Foundation

/// The `clearbill` executable that `swift build` puts next to this test bundle, for checks that belong to the command
/// line (`clearbill ledger verify`).
enum ClearbillCommand {
    struct Missing: Error, CustomStringConvertible {
        let looked: [String]
        var description: String { "no clearbill executable in \(looked.joined(separator: " or ")); run `swift build --product clearbill`" }
    }

    /// Runs the command and returns its exit status and what it printed (standard output and error together).
    /// Gives it 60 seconds, then stops it.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [testBinary.appendingPathComponent("clearbill").path, repository.appendingPathComponent(".build/debug/clearbill").path]
        guard let executable = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else { throw Missing(looked: candidates) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        for _ in 0..<600 where process.isRunning { usleep(100_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }
}
