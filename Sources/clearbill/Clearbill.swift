import ArgumentParser
import Foundation

@main
struct Clearbill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clearbill",
        abstract: "Statements and payments for a dermatology practice.",
        subcommands: [Serve.self, Migrate.self, DemoData.self, StatementsCommand.self, LedgerCommand.self, StaffCommand.self,
                      APIKeysCommand.self, Backup.self, Import835Command.self,
                      PlansCommand.self, PaymentsCommand.self,
                      Bench.self])

    /// Every failure is one line on standard error and a non-zero exit; help and version still print in full.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            let line = message(for: error).split(whereSeparator: \.isNewline).joined(separator: "; ")
            FileHandle.standardError.write(Data("clearbill: \(line)\n".utf8))
            Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}
