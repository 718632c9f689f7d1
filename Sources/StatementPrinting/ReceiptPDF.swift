import BillingCore
import Printing

/// A payment or refund receipt on one US Letter page, from the same `Receipt` value as the HTML receipt.
public struct ReceiptPDF {
    public var receipt: Receipt

    public init(receipt: Receipt) { self.receipt = receipt }

    /// Writes the receipt; returns its page count (always one page: a receipt lists at most a visit's lines).
    @discardableResult
    public func write(to output: PDFOutput) throws(StatementPrintingError) -> Int {
        do {
            let title = (receipt.isRefund ? "Refund receipt " : "Payment receipt ") + receipt.number
            let document = try PDFDocument(output: output, metadata: StatementPDF.metadata(cycleDate: receipt.date, title: title,
                                                                                          author: receipt.practice.name))
            var flow = PageFlow(document: document, top: 54, bottom: 738, left: 54, width: 504) { _ in }
            flow.heading(receipt.practice.name, style: TextStyle(font: .sans(14, weight: .bold)), keepWith: 0)
            flow.paragraph((receipt.practice.address.lines + [receipt.practice.phone]).joined(separator: " · "), style: TextStyle(font: .sans(9)))
            flow.heading(title, style: TextStyle(font: .sans(18, weight: .bold)), keepWith: 60)
            var facts: [(String, String)] = [("Date", receipt.date.written()), ("Account", receipt.accountNumber),
                                             ("Paid by", receipt.payerName), ("Method", receipt.method.plainName)]
            if let reference = receipt.reference { facts.append(("Reference", reference)) }
            facts.append(("Amount", receipt.amount.formatted))
            if let tendered = receipt.tendered { facts.append(("Cash received", tendered.formatted)) }
            if let change = receipt.change { facts.append(("Change given", change.formatted)) }
            try flow.table(Table(columns: [TableColumn("", width: 160), TableColumn("", width: 344, alignment: .right)]),
                           rows: facts.map { TableRow([$0.0, $0.1], weight: $0.0 == "Amount" ? .bold : .regular) })
            if !receipt.applied.isEmpty {
                flow.heading("Applied to", style: TextStyle(font: .sans(11, weight: .bold)), keepWith: 40)
                try flow.table(Table(columns: [TableColumn("Visit", width: 110), TableColumn("Service", width: 294, overflow: .wrap),
                                               TableColumn("Amount", width: 100, alignment: .right)]),
                               rows: receipt.applied.map { TableRow([$0.dateOfService.short, $0.description, $0.amount.formatted]) })
            }
            if receipt.toCredit.isPositive {
                flow.paragraph("\(receipt.toCredit.formatted) is kept as a credit on your account for your next visit, or refunded if you ask.",
                               style: .body)
            }
            flow.paragraph("Taken by \(receipt.takenBy). Thank you.", style: TextStyle(font: .sans(9), color: .gray(0.3)))
            return try flow.writeDocument()
        } catch {
            throw .printing(error)
        }
    }
}
