import ArgumentParser
import BillingStore
import Foundation

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks that print figures next to their peer.",
                                                    subcommands: [LedgerBench.self, Bench835.self])

    struct LedgerBench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "N payments as separate durable transactions vs N bare durable single-row SQLite inserts.")

        @Option(name: .customLong("db"), help: "A new database path (the peer uses PATH.bare).") var path: String
        @Option var count: Int = 2000

        func validate() throws {
            guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000000") }
            for file in [path, path + ".bare"] where FileManager.default.fileExists(atPath: file) {
                throw ValidationError("\(file) exists; the benchmark needs new files")
            }
        }

        func run() async throws {
            let result = try await LedgerBenchmark.run(path: path, count: count)
            print(String(format: "ledger payments:      %d in %.2f s = %8.0f /s", result.count, result.ledgerSeconds, result.ledgerPerSecond))
            print(String(format: "bare SQLite inserts:  %d in %.2f s = %8.0f /s", result.count, result.bareSeconds, result.barePerSecond))
            print(String(format: "ratio (ledger / bare): %.2f", result.ratio))
        }
    }
}
