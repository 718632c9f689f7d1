import BillingCore
import Foundation
import PDFTestSupport
import StatementPrinting
import Testing

@Suite struct ReceiptPDFTests {
    let receipt = Receipt(
        number: ReceiptNumber.make(transactionID: 4_711),
        practice: Practice(name: "Blue Ridge Dermatology Associates",
                           address: MailingAddress(line1: "1420 Merrimon Ave", line2: "Suite 200", city: "Asheville", state: "NC", zip: "28804"),
                           phone: "(828) 555-0142", hours: "Mon–Fri", website: "", taxID: "", npi: NPI.make("123456789")),
        accountNumber: "10000024", payerName: "María Peña", date: CalendarDate(year: 2026, month: 11, day: 20)!, method: .cash,
        amount: Money(cents: 12_500), reference: nil, tendered: Money(cents: 15_000), change: Money(cents: 2_500),
        applied: [.init(dateOfService: CalendarDate(year: 2026, month: 10, day: 2)!, description: "Botox injection (per unit)",
                        amount: Money(cents: 10_000))],
        toCredit: Money(cents: 2_500), takenBy: "frontdesk", isRefund: false)

    @Test func aReceiptPrintsEverythingThePatientNeedsOnOneCheckedPage() throws {
        let scratch = try Scratch()
        let path = scratch.path("receipt.pdf")
        #expect(try ReceiptPDF(receipt: receipt).write(to: .file(path: path)) == 1)
        #expect(try PDFTool.run("qpdf", ["--check", path]).status == 0)
        let text = try PDFTool.text(of: path)
        for expected in [receipt.number, "$125.00", "$150.00", "$25.00", "María Peña", "Botox injection (per unit)", "10000024", "Cash"] {
            #expect(text.contains(expected), "the receipt must show \(expected)")
        }
        // The same receipt prints the same bytes.
        let again = scratch.path("again.pdf")
        try ReceiptPDF(receipt: receipt).write(to: .file(path: again))
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: again))
    }
}
