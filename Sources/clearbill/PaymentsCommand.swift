import ArgumentParser
import BillingStore
import Portal

struct PaymentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payments", abstract: "Online payments.",
                                                    subcommands: [Reconcile.self])

    struct Reconcile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read online payments left unsettled for five minutes or more back from the gateway: post the charged ones once, mark the failed ones; safe to run again or at once.")

        @OptionGroup var database: DatabaseOption
        @OptionGroup var gateway: GatewayURLOption

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let report = try await gateway.using { try await OnlinePaymentReconciler(database: db, gateway: $0).run() }
            for line in report.lines { print(line) }
            if let first = report.failures.first {
                throw ValidationError("\(report.failures.count) payment(s) not settled, first: \(first); run again once fixed")
            }
        }
    }
}
