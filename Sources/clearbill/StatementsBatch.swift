import ArgumentParser
import BillingCore
import BillingStore
import Foundation
import StatementPrinting

extension StatementsCommand {
    struct Batch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a cycle's statements for a mail house: statements.pdf, manifest.csv, exceptions.csv, summary.json.",
            discussion: """
                Makes the cycle's statements first when they are not made yet (as `statements generate` does), then \
                prints every one that should be mailed, in ZIP order, and lists the accounts set aside with the reason.
                """)

        @OptionGroup var database: DatabaseOption
        @Option(help: "Folder for the batch's files (created; must be new or empty).") var out: String
        @Option(help: "Statement date, YYYY-MM-DD (default: today).") var date: String?
        @Flag(help: "Printed on both sides: a statement with an odd page count gets a blank back page.") var duplex = false
        @Option(help: "Envelope window positions: \(EnvelopeProfile.all.map(\.name).joined(separator: ", ")).")
        var envelope: String = EnvelopeProfile.standard.name
        @Option(name: .customLong("public-url"), help: "The portal's address for the QR code (default: the practice's website).")
        var publicURL: String?

        func validate() throws {
            if let date, CalendarDate(iso: date) == nil { throw ValidationError("--date '\(date)' is not a date (YYYY-MM-DD)") }
            if out.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--out needs a folder path") }
            // Checked before any statement is made; the batch checks again when it opens the folder.
            if let existing = try? FileManager.default.contentsOfDirectory(atPath: out), !existing.isEmpty {
                throw ValidationError("--out \(out) already holds files; a batch goes into a new, empty folder")
            }
            if EnvelopeProfile.named(envelope) == nil {
                throw ValidationError("--envelope '\(envelope)' is not one of \(EnvelopeProfile.all.map(\.name).joined(separator: ", "))")
            }
            if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
                throw ValidationError("--public-url must start with https:// or http://, not '\(publicURL)'")
            }
        }

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let cycle = date.flatMap(CalendarDate.init(iso:)) ?? CalendarDate(Date(), in: .current)
            let result = try await MailHouseBatch.make(
                database: db, cycle: cycle, folder: URL(fileURLWithPath: out),
                options: .init(duplex: duplex, envelope: EnvelopeProfile.named(envelope) ?? .standard), publicURL: publicURL,
                linkKey: try SigningKeyFile.load(forDatabase: database.path), madeBy: "cli")
            let (made, summary) = (result.made, result.summary)
            print("""
                statements for \(cycle.iso): \(made.created) made now, \(made.alreadyMade) made before
                batch in \(out): \(summary.statements) statements, \(summary.pages) pages on \(summary.sheets) sheets\
                \(summary.duplex ? " (duplex)" : ""), \(Money(cents: summary.totalDueCents).formatted) due; \
                \(summary.suppressed) accounts set aside (see \(StatementBatch.exceptionsName))
                \(summary.pdfSHA256.map { "\(StatementBatch.pdfName) SHA-256 \($0)" } ?? "nothing to print: no \(StatementBatch.pdfName)")
                """)
        }
    }
}
