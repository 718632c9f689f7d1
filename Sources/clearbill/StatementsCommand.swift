import ArgumentParser
import BillingCore
import BillingStore
import Foundation

struct StatementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "statements", abstract: "Statement cycles.",
                                                    subcommands: [Generate.self, Batch.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the cycle's statements for every account with a balance due (running it again makes no duplicates).")

        @OptionGroup var database: DatabaseOption
        @Option(help: "Statement date, YYYY-MM-DD (default: today).") var date: String?

        func validate() throws {
            if let date, CalendarDate(iso: date) == nil { throw ValidationError("--date '\(date)' is not a date (YYYY-MM-DD)") }
        }

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let cycle = date.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(Date(), in: .current)
            let result = try await StatementStore(database: db).generateCycle(cycleDate: cycle)
            print("statements for \(cycle.iso): \(result.created) made, \(result.alreadyMade) already made, \(result.nothingDue) with nothing due")
        }
    }
}
