import ArgumentParser
import BillingStore
import Foundation

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ledger", abstract: "Check the shared ledger.",
                                                    subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every ledger invariant; exit 0 when all hold, 1 with the offending transaction ids when not.")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let report = try await LedgerVerifier(database: db).verify()
            if report.holds {
                print("ledger ok: \(report.transactions) transactions, \(report.postings) postings, every invariant holds")
                return
            }
            for problem in report.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            let ids = report.offendingTransactions.map(String.init).joined(separator: " ")
            print("ledger FAILED: \(report.problems.count) problem(s); offending transactions: \(ids.isEmpty ? "none (schema)" : ids)")
            throw ExitCode(1)
        }
    }
}
