import ArgumentParser
import BillingCore
import DemoPractice
import Foundation

struct DemoData: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data", abstract: "Fill a new database with a believable demo dermatology practice.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Seed: the same seed gives the same practice.") var seed: UInt64 = 42
    @Option(help: "Number of guarantor accounts (1 to 100000).") var patients: Int = 300
    @Option(name: .customLong("as-of"), help: "The demo's today, YYYY-MM-DD (default: today).") var asOf: String?

    func validate() throws {
        guard (1...100_000).contains(patients) else { throw ValidationError("--patients must be between 1 and 100000") }
        if let asOf, CalendarDate(iso: asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not a date (YYYY-MM-DD)") }
    }

    func run() async throws {
        if database.exists { throw ValidationError("\(database.path) already exists; demo data goes into a new database") }
        let today = asOf.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(Date(), in: .current)
        let summary = try await DemoPractice.fill(path: database.path, options: .init(seed: seed, patients: patients, asOf: today))
        print(DemoData.tryItTable(summary))
    }

    static func tryItTable(_ summary: DemoPractice.Summary) -> String {
        var out = "Demo practice ready: \(summary.accounts) accounts, \(summary.transactions) ledger transactions.\n\n"
        out += "Try it — a patient opens their statement with:\n"
        out += "  account   last name     date of birth  balance     \n"
        for pick in summary.tryIt {
            let dob = String(format: "%02d/%02d/%04d", pick.dateOfBirth.month, pick.dateOfBirth.day, pick.dateOfBirth.year)
            out += "  \(pick.accountNumber)  \(pick.lastName.padding(toLength: 12, withPad: " ", startingAt: 0))  \(dob)     "
            out += "\(pick.balance.formatted.padding(toLength: 10, withPad: " ", startingAt: 0))  (\(pick.note))\n"
        }
        out += "\nStaff sign-in (demo only):\n"
        for login in summary.staff { out += "  \(login.username) / \(login.password)  (\(login.role.rawValue))\n" }
        return out
    }
}
