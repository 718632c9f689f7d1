import BillingCore
import BillingStore
import Foundation
import PDFTestSupport
import StatementPrinting
import Testing

@Suite struct PaginationTests {
    /// Forty self-pay visits (three lines each) charged to one demo account over the month after the demo's cycle,
    /// and that account's statement for the next cycle.
    static func fortyVisitStatement(_ demo: borrowing DemoStatements) async throws -> StoredStatement {
        let directory = PracticeDirectory(database: demo.database)
        let account = try #require(try await directory.accounts(limit: 100).first { $0.preferredLanguage == .english })
        let patient = try #require(try await directory.patients(account: account.id).first)
        let provider = try #require(try await directory.providers().first)
        let location = try #require(try await directory.locations().first)
        let ledger = Ledger(database: demo.database)
        let next = DemoStatements.cycle.adding(days: 30)
        for visit in 0..<40 {
            let lines = [("11102", 9_500), ("17110", 18_000 + Int64(visit)), ("J0585", 1_250)].map { code, cents in
                NewServiceLine(code: code, diagnosisCodes: ["L82.1"], units: code == "J0585" ? 20 : 1,
                               charge: Money(cents: cents), selfPay: true)
            }
            _ = try await ledger.recordCharges(
                NewEncounter(accountID: account.id, patientID: patient.id, providerID: provider.id, locationID: location.id,
                             dateOfService: DemoStatements.cycle.adding(days: 1 + visit * 29 / 40), placeOfService: "11",
                             claimNumber: nil, lines: lines),
                key: "forty-\(visit)", by: Actor("front desk", via: .desk))
        }
        let record = try #require(try await demo.store.generate(account: account.id, cycleDate: next))
        return try #require(try await demo.store.load(number: record.number))
    }

    @Test func fortyVisitsRunOverPagesWithTheTableHeaderOnEachAndPageNOfM() async throws {
        let demo = try await DemoStatements(patients: 20)
        let stored = try await Self.fortyVisitStatement(demo)
        #expect(stored.statement.visits.count >= 40)
        let pdf = demo.path("forty.pdf")
        let pages = try StatementPDF(statement: stored.statement, link: DemoStatements.link(stored)).write(to: .file(path: pdf))
        #expect(pages >= 4, "forty visits of three lines do not fit two detail pages")
        #expect(try PDFReading.pageCount(pdf) == pages)
        _ = try PDFTool.succeed("qpdf", ["--check", pdf])

        let words = try PDFTool.words(in: pdf)
        for page in 1...pages {
            let text = PDFReading.collapsed(try PDFTool.text(of: pdf, page: page))
            #expect(text.contains("Page \(page) of \(pages)"), "page \(page) is numbered")
            guard page > 1, text.contains("Self-pay") else { continue }
            // Every page with visit lines on it shows them under the column titles.
            let onPage = words.filter { $0.page == page }
            let header = try #require(onPage.first { $0.text == "Code" }, "page \(page) repeats the header")
            for title in ["Charge", "Adjustment", "Why"] {
                #expect(onPage.contains { $0.text == title && abs($0.yMax - header.yMax) < 1 }, "\(title) on page \(page)")
            }
            let firstAmount = try #require(onPage.filter { $0.text.hasPrefix("$") }.map(\.yMin).min())
            #expect(header.yMax < firstAmount, "the header is above the rows on page \(page)")
        }
        // Each visit's heading (date · patient · provider · location) is printed exactly once.
        let text = PDFReading.collapsed(try PDFTool.text(of: pdf))
        let headings = Dictionary(grouping: stored.statement.visits) { "\($0.dateOfService.short) · \($0.patientName) ·" }
        for (heading, visits) in headings {
            #expect(text.components(separatedBy: heading).count - 1 == visits.count, "\(heading)")
        }
        let services = PDFReading.column(words.filter { $0.page > 1 }, from: 36, to: 36 + 124)
        for visit in stored.statement.visits {
            for line in visit.lines {
                #expect(services.contains(PDFReading.collapsed(line.units > 1 ? "\(line.description) × \(line.units)" : line.description)))
            }
        }
    }
}
