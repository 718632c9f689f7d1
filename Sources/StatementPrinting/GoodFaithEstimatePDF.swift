import BillingCore
import Printing

/// A Good Faith Estimate on US Letter pages, from the same `GoodFaithEstimate` value as its web page: the patient,
/// the service and its date, each provider with NPI, TIN and place, the itemized expected charges, the separately
/// scheduled items under their disclaimer, every required disclaimer, and the date issued.
public struct GoodFaithEstimatePDF {
    public var estimate: GoodFaithEstimate

    public init(estimate: GoodFaithEstimate) { self.estimate = estimate }

    /// Writes the estimate; returns its page count.
    @discardableResult
    public func write(to output: PDFOutput) throws(StatementPrintingError) -> Int {
        do throws(PrintingError) {
            let gfe = estimate
            let title = "Good Faith Estimate \(gfe.number)"
            let document = try PDFDocument(output: output, metadata: StatementPDF.metadata(cycleDate: gfe.issuedOn, title: title,
                                                                                          author: gfe.providers.first?.name ?? ""))
            // Every page names the estimate and the patient, so a loose page is still placed.
            var flow = PageFlow(document: document, top: 54, bottom: 720, left: 54, width: 504) { page in
                page.text("\(title) · \(gfe.patientName) · issued \(gfe.issuedOn.written())", at: Point(x: 54, y: 744), width: 504,
                          style: TextStyle(font: .sans(8), color: .gray(0.35)))
            }
            let small = TextStyle(font: .sans(9))
            let section = TextStyle(font: .sans(11, weight: .bold))
            flow.heading("Good Faith Estimate", style: TextStyle(font: .sans(18, weight: .bold)), keepWith: 60)
            var facts: [(String, String)] = [("Estimate number", gfe.number + (gfe.supersedes.map { " (replaces \($0))" } ?? "")),
                                             ("Date issued", gfe.issuedOn.written()),
                                             ("Patient", gfe.patientName), ("Date of birth", gfe.patientDateOfBirth.us),
                                             ("Service", gfe.primaryService),
                                             ("Scheduled for", gfe.scheduledDate?.written() ?? "Not scheduled yet (estimate on request)"),
                                             ("Prices good until", gfe.validUntil.written())]
            facts.append(("Total expected charges", gfe.total.formatted))
            try flow.table(Table(columns: [TableColumn("", width: 150), TableColumn("", width: 354, overflow: .wrap)]),
                           rows: facts.map { TableRow([$0.0, $0.1], weight: $0.0 == "Total expected charges" ? .bold : .regular) })
            for provider in gfe.providers {
                flow.heading(provider.name, style: section, keepWith: 80)
                flow.paragraph("NPI \(provider.npi) · TIN \(provider.taxID) · Treating clinician: \(provider.clinician) (NPI \(provider.clinicianNPI))",
                               style: small)
                flow.paragraph("Where: \(provider.locationName), \(provider.locationAddress.lines.joined(separator: ", ")) (state: \(provider.locationAddress.state))",
                               style: small, spacing: 8)
                try flow.table(Table(columns: [TableColumn("Item or service", width: 230, overflow: .wrap), TableColumn("Code", width: 80),
                                               TableColumn("Diagnosis", width: 64), TableColumn("Qty", width: 40, alignment: .right),
                                               TableColumn("Expected charge", width: 90, alignment: .right)]),
                               rows: provider.items.map { TableRow([$0.description, $0.code, $0.diagnosisCodes.joined(separator: ", "),
                                                                    String($0.quantity), $0.expectedCharge.formatted]) }
                                   + [TableRow(["Total for \(provider.name)", "", "", "", provider.total.formatted], weight: .bold, ruleAbove: true)])
            }
            flow.heading("Items or services scheduled separately", style: section, keepWith: 40)
            flow.paragraph(GoodFaithEstimate.separateSchedulingDisclaimer, style: small)
            flow.paragraph(gfe.separatelyScheduled.isEmpty ? "None expected." : gfe.separatelyScheduled.map { "• \($0)" }.joined(separator: "\n"),
                           style: small, spacing: 10)
            flow.heading("Disclaimers", style: section, keepWith: 40)
            for disclaimer in GoodFaithEstimate.disclaimers {
                flow.paragraph(disclaimer, style: small, spacing: 6)
            }
            return try flow.writeDocument()
        } catch {
            throw .printing(error)
        }
    }
}
