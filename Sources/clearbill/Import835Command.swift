import ArgumentParser
import BillingCore
import BillingStore
import Foundation
import X12

struct Import835Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-835",
        abstract: "Post X12 835 remittance files to the ledger and print what each did.",
        discussion: """
            Every file is read and checked before any is posted: a file that does not read stops the command with its \
            segment number, and nothing is posted. Claims that cannot be posted go to the billing office's work queue. \
            Importing a file again posts nothing new.
            """)

    @OptionGroup var database: DatabaseOption
    @Flag(help: "Read past wrong SE/GE/IEA segment counts (e.g. a sample cut from a longer file) and report them.")
    var acceptCountMismatches = false
    @Argument(help: "835 files.") var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one 835 file") }
    }

    func run() async throws {
        let options = RemittanceReadOptions(acceptsCountMismatches: acceptCountMismatches)
        var read: [ReadRemittanceFile] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read \(path)") }
            read.append(try RemittancePosting.read(bytes: [UInt8](data), name: path, options: options))
        }
        let db = try database.openExisting()
        defer { try? db.close() }
        let posting = RemittancePosting(database: db)
        for file in read { print(Self.report(try await posting.post(file)), terminator: "") }
    }

    static func report(_ summary: RemittanceSummary) -> String {
        func money(_ cents: Int64) -> String { Money(cents: cents).formatted }
        var lines = ["\(summary.file): \(summary.claims) claim(s) in \(summary.transactionSets) transaction set(s)",
                     "  posted \(summary.claimsPosted), already posted \(summary.claimsAlreadyPosted), queued \(summary.claimsQueued)",
                     "  paid \(money(summary.paidCents)), patient responsibility \(money(summary.patientResponsibilityCents)), "
                         + "PLB \(money(summary.providerAdjustmentCents))",
                     "  check/EFT (BPR02) \(money(summary.paymentCents)) = posted paid − PLB: \(summary.postedBalances ? "yes" : "no")"
                         + " (the file itself \(summary.fileBalances ? "balances" : "does not balance"): "
                         + "paid \(money(summary.filePaidCents)) − PLB)"]
        lines += summary.countMismatches.map { "  count read past: \($0)" }
        lines += summary.queued.map { "  queued \($0.position) claim \($0.claimNumber): \($0.reason)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
