import ArgumentParser
import BillingCore
import BillingStore
import Foundation
import Portal

struct PlansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plans", abstract: "Payment plans.", subcommands: [Run.self, Policy.self])

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Charge every plan installment due on or before the date to its saved card; safe to run twice, at once, or after a crash.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "Business date, YYYY-MM-DD (default: today).") var date: String?
        @OptionGroup var gateway: GatewayURLOption

        func validate() throws {
            if let date, CalendarDate(iso: date) == nil { throw ValidationError("--date '\(date)' is not a date (YYYY-MM-DD)") }
        }

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let day = date.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(Date(), in: .current)
            let report = try await gateway.using { try await InstallmentJob(database: db, gateway: $0).run(on: day) }
            print("plan installments for \(day.iso): \(report)")
            if let first = report.failures.first {
                throw ValidationError("\(report.failures.count) installment(s) not handled, first: \(first); run again once fixed")
            }
        }
    }

    struct Policy: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a plan policy and print it as the portal would use it.")

        @OptionGroup var options: PlanPolicyOptions

        func run() throws {
            let policy = try options.policy()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(policy), as: UTF8.self))
        }
    }
}
