import BillingCore
import ClearbillCrypto
import Foundation
import Printing

/// A cycle's statements for a mail house, written into an empty folder as they come:
///
/// - `statements.pdf`: every statement, each starting on a new sheet (with `duplex`, a blank back page follows a
///   statement with an odd page count); not written when there is nothing to print, since an empty PDF would still
///   carry a blank page;
/// - `manifest.csv`: one row per statement: where it starts in the PDF, its pages and sheets, address, amount due and
///   scan line, for the mail house's inserter and the lockbox;
/// - `exceptions.csv`: the accounts not mailed, with the reason;
/// - `summary.json`: counts, total due, pages, sheets and the PDF's SHA-256, to reconcile against.
///
/// Only one statement's pages are in memory at a time, so memory stays flat whatever the batch size. Usage: `add`
/// each statement in mailing order, `suppress` each account set aside, then `finish`.
public final class StatementBatch {
    public struct Options: Sendable {
        public var duplex: Bool
        public var envelope: EnvelopeProfile

        public init(duplex: Bool = false, envelope: EnvelopeProfile = .standard) {
            self.duplex = duplex
            self.envelope = envelope
        }
    }

    public struct Summary: Sendable, Equatable, Codable {
        public var cycleDate: String
        public var statements: Int
        public var suppressed: Int
        public var suppressedByReason: [String: Int]
        public var totalDueCents: Int64
        public var totalDue: String
        public var pages: Int
        public var sheets: Int
        public var duplex: Bool
        public var envelope: String
        /// Absent when no statement was printed (and so no PDF written).
        public var pdfSHA256: String?
    }

    public static let pdfName = "statements.pdf"
    public static let manifestName = "manifest.csv"
    public static let exceptionsName = "exceptions.csv"
    public static let summaryName = "summary.json"

    public static let manifestHeader = ["statement_number", "account_number", "name", "address_line1", "address_line2",
                                        "city", "state", "zip", "first_page", "page_count", "sheet_count", "amount_due",
                                        "scan_line"]
    public static let exceptionsHeader = ["account_number", "name", "reason"]

    public let folder: URL
    public let cycleDate: CalendarDate
    public let options: Options
    /// Opened with the first statement.
    private var document: PDFDocument?
    private let manifest: CSVFile
    private let exceptions: CSVFile
    private var statements = 0
    private var sheets = 0
    private var totalDue = Money.zero
    private var suppressedByReason: [StatementSuppression.Reason: Int] = [:]

    /// Creates `folder` (or uses it when empty) and opens the three files written as the batch goes.
    public init(folder: URL, cycleDate: CalendarDate, options: Options = Options()) throws(StatementPrintingError) {
        let files = FileManager.default
        if let existing = try? files.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw .outputNotEmpty(path: folder.path)
        }
        do {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path: folder.path, reason: "\(error)")
        }
        self.folder = folder
        self.cycleDate = cycleDate
        self.options = options
        manifest = try CSVFile(path: folder.appendingPathComponent(Self.manifestName).path, header: Self.manifestHeader)
        exceptions = try CSVFile(path: folder.appendingPathComponent(Self.exceptionsName).path, header: Self.exceptionsHeader)
    }

    /// Prints `statement` on the next sheet and adds its manifest row. A patient address that cannot be set legibly
    /// in the recipient window is set aside as "no mailing address" instead; any other failure stops the batch.
    public func add(_ statement: Statement, link: String) throws(StatementPrintingError) {
        let printer = StatementPDF(statement: statement, link: link, envelope: options.envelope)
        let document = try openDocument()
        let pages: [Page]
        do {
            pages = try printer.pages(in: document)
        } catch .patientAddressDoesNotFit {
            return try suppress(StatementSuppression(accountNumber: statement.guarantor.accountNumber,
                                                     name: statement.guarantor.name, reason: .noMailingAddress))
        }
        let scanLine = try printer.scanLine
        let range: Range<Int>
        do {
            range = try document.write(pages)
            if options.duplex, pages.count % 2 == 1 { try document.write([document.newPage()]) }
        } catch {
            throw .printing(error)
        }
        let sheetCount = options.duplex ? (pages.count + 1) / 2 : pages.count
        let address = statement.guarantor.address
        try manifest.write([statement.number, statement.guarantor.accountNumber, statement.guarantor.name,
                            address.line1, address.line2, address.city, address.state, address.zip,
                            String(range.lowerBound), String(range.count), String(sheetCount),
                            statement.summary.amountDue.plainDecimal, scanLine.text],
                           textColumns: [2, 3, 4, 5, 6, 7])
        statements += 1
        sheets += sheetCount
        totalDue += statement.summary.amountDue
    }

    public func suppress(_ suppression: StatementSuppression) throws(StatementPrintingError) {
        try exceptions.write([suppression.accountNumber, suppression.name, suppression.reason.rawValue], textColumns: [1])
        suppressedByReason[suppression.reason, default: 0] += 1
    }

    /// Closes the files, hashes the PDF as written on disk, and writes `summary.json`.
    public func finish() throws(StatementPrintingError) -> Summary {
        let pages = document?.pageCount ?? 0
        do { try document?.close() } catch { throw .printing(error) }
        try manifest.close()
        try exceptions.close()
        let summary = Summary(
            cycleDate: cycleDate.iso, statements: statements, suppressed: suppressedByReason.values.reduce(0, +),
            suppressedByReason: Dictionary(uniqueKeysWithValues: suppressedByReason.map { ($0.key.rawValue, $0.value) }),
            totalDueCents: totalDue.cents, totalDue: totalDue.plainDecimal, pages: pages, sheets: sheets,
            duplex: options.duplex, envelope: options.envelope.name,
            pdfSHA256: try document.map { _ throws(StatementPrintingError) in
                try Self.sha256Hex(ofFile: folder.appendingPathComponent(Self.pdfName))
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let path = folder.appendingPathComponent(Self.summaryName)
        do {
            try (try encoder.encode(summary) + Data("\n".utf8)).write(to: path)
        } catch {
            throw .cannotWrite(path: path.path, reason: "\(error)")
        }
        return summary
    }

    private func openDocument() throws(StatementPrintingError) -> PDFDocument {
        if let document { return document }
        do {
            let opened = try PDFDocument(output: .file(path: folder.appendingPathComponent(Self.pdfName).path),
                                         metadata: StatementPDF.metadata(cycleDate: cycleDate, title: "Statements \(cycleDate.iso)",
                                                                         author: "Clearbill"))
            document = opened
            return opened
        } catch {
            throw .printing(error)
        }
    }

    /// Read back in 1 MiB pieces: the hash is of the bytes on disk, and a batch of any size hashes in flat memory.
    public static func sha256Hex(ofFile url: URL) throws(StatementPrintingError) -> String {
        let hasher = SHA256Hasher()
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { hasher.update($0) }
            }
        } catch {
            throw .cannotWrite(path: url.path, reason: "reading it back to hash failed: \(error)")
        }
        return hasher.finalizeHex()
    }
}
