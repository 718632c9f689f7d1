import BillingCore
import Foundation
import PDFTestSupport
import StatementPrinting
import Testing

@Suite struct GoodFaithEstimatePDFTests {
    let gfe = GoodFaithEstimate(
        number: "GFE-000042-2", version: 2, supersedes: "GFE-000042-1", patientName: "María Peña", patientDateOfBirth: CalendarDate(year: 1975, month: 3, day: 9)!,
        primaryService: "Botox for frown lines and lip filler", scheduledDate: CalendarDate(year: 2026, month: 7, day: 1)!,
        providers: [.init(name: "Blue Ridge Dermatology Associates", npi: NPI.make("123456789"), taxID: "56-1234567", clinician: "Elena Marquez, MD",
                          clinicianNPI: NPI.make("154321098"), locationName: "Merrimon office",
                          locationAddress: MailingAddress(line1: "1420 Merrimon Ave", line2: "Suite 200", city: "Asheville", state: "NC", zip: "28804"),
                          items: [.init(description: "Botox (onabotulinumtoxinA), frown lines — 20 units", code: "J0585", diagnosisCodes: [], quantity: 20,
                                        expectedCharge: Money(cents: 26_610)),
                                  .init(description: "Juvéderm Ultra XC filler, lips — 1 syringes", code: "FILLER-HA", diagnosisCodes: ["L90.8"], quantity: 1,
                                        expectedCharge: Money(cents: 68_890))],
                          total: Money(cents: 95_500))],
        separatelyScheduled: ["Touch-up visit two weeks later"], issuedOn: CalendarDate(year: 2026, month: 6, day: 15)!,
        validUntil: CalendarDate(year: 2026, month: 7, day: 15)!)

    @Test func theGFEPrintsEveryRequiredElementOnCheckedPages() throws {
        let scratch = try Scratch()
        let path = scratch.path("gfe.pdf")
        let pages = try GoodFaithEstimatePDF(estimate: gfe).write(to: .file(path: path))
        #expect(pages >= 1)
        #expect(try PDFTool.run("qpdf", ["--check", path]).status == 0)
        let text = PDFReading.collapsed(try PDFTool.text(of: path))
        for expected in ["Good Faith Estimate", "GFE-000042-2", "replaces GFE-000042-1", "María Peña", "03/09/1975",
                         "Botox for frown lines and lip filler", "July 1, 2026", "June 15, 2026",
                         "J0585", "FILLER-HA", "L90.8", "$266.10", "$688.90", "$955.00",
                         "Blue Ridge Dermatology Associates", NPI.make("123456789"), "56-1234567", "Elena Marquez, MD", NPI.make("154321098"),
                         "1420 Merrimon Ave", "state: NC", "Touch-up visit two weeks later",
                         "scheduled separately", "only an estimate", "$400.00 more", "120 calendar days", "www.cms.gov/nosurprises",
                         "not a contract", "Keep a copy"] {
            #expect(text.contains(expected), "the GFE PDF must show \(expected)")
        }
        let again = scratch.path("again.pdf")
        try GoodFaithEstimatePDF(estimate: gfe).write(to: .file(path: again))
        #expect(FileManager.default.contents(atPath: path) == FileManager.default.contents(atPath: again), "the same GFE prints the same bytes")
    }
}
