import BillingCore
import Printing

/// A patient statement on US Letter, drawn from the stored statement value alone, so printing it again years later
/// gives the same pages. Page 1: the practice and patient addresses placed for the envelope's windows, the amount
/// due and due date, an account summary, how to pay (with a QR code of the statement's signed link), and the
/// remittance coupon below the perforation. Later pages: every visit line by line, payments and other activity,
/// messages. Every page says "Page n of m".
public struct StatementPDF {
    public var statement: Statement
    /// The signed link the QR code opens (made by the portal; the PDF only prints it).
    public var link: String
    public var envelope: EnvelopeProfile

    public init(statement: Statement, link: String, envelope: EnvelopeProfile = .standard) {
        self.statement = statement
        self.link = link
        self.envelope = envelope
    }

    public var labels: StatementLabels { .for(statement.language) }

    /// The coupon's scan line for this statement.
    public var scanLine: ScanLine {
        get throws(StatementPrintingError) {
            do {
                return try ScanLine(accountNumber: statement.guarantor.accountNumber, statementNumber: statement.number,
                                    amountDue: statement.summary.amountDue)
            } catch {
                throw .scanLine(number: statement.number, error)
            }
        }
    }

    /// The statement's pages, to be written together (`PDFDocument.write`) so that they number "Page n of m".
    public func pages(in document: PDFDocument) throws(StatementPrintingError) -> [Page] {
        let code: QRCode
        do { code = try QRCode(encoding: link) } catch { throw .printing(error) }
        var first = document.newPage()
        let layout = StatementLayout(statement: statement, labels: labels, envelope: envelope)
        try layout.drawFirstPage(on: &first, qrCode: code)
        try RemittanceCoupon(layout: layout, scanLine: scanLine).draw(on: &first)
        do {
            return [first] + (try DetailPages(layout: layout, document: document).pages())
        } catch {
            throw .printing(error)
        }
    }

    /// This statement alone as a PDF (a patient's download); returns its page count.
    @discardableResult
    public func write(to output: PDFOutput) throws(StatementPrintingError) -> Int {
        do {
            let document = try PDFDocument(output: output, metadata: Self.metadata(cycleDate: statement.cycleDate,
                                                                                  title: "\(labels.statementTitle) \(statement.number)",
                                                                                  author: statement.practice.name))
            let pages = try self.pages(in: document)
            try document.write(pages)
            try document.close()
            return pages.count
        } catch let error as StatementPrintingError {
            throw error
        } catch let error as PrintingError {
            throw .printing(error)
        } catch {
            throw .printing(.writeFailed(reason: "\(error)"))
        }
    }

    /// Dated at noon UTC on the cycle date rather than now, so printing a stored statement again gives the same bytes.
    static func metadata(cycleDate: CalendarDate, title: String, author: String) -> PDFDocument.Metadata {
        PDFDocument.Metadata(title: title, author: author, creator: "Clearbill", creationDate: cycleDate.noonUTC)
    }
}

/// Why a statement or a batch could not be printed, naming the statement or file.
public enum StatementPrintingError: Error, Equatable, CustomStringConvertible {
    /// Not even 8 pt type fits the recipient window's printable area (USPS clearance kept).
    case patientAddressDoesNotFit(account: String)
    /// The practice's name and address do not fit the return window: no statement can be printed until it is shortened.
    case practiceAddressDoesNotFit(profile: String)
    case scanLine(number: String, ScanLineError)
    case printing(PrintingError)
    case cannotWrite(path: String, reason: String)
    case outputNotEmpty(path: String)

    public var description: String {
        switch self {
        case .patientAddressDoesNotFit(let account):
            "the address of account \(account) does not fit the envelope's recipient window even at 8 pt"
        case .practiceAddressDoesNotFit(let profile):
            "the practice's name and address do not fit the return window of the \(profile) envelope even at 8 pt"
        case .scanLine(let number, let error): "statement \(number): \(error)"
        case .printing(let error): "\(error)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        case .outputNotEmpty(let path): "\(path) already holds files; a batch goes into a new, empty folder"
        }
    }
}
