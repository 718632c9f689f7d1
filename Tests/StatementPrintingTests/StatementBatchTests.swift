import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import PDFTestSupport
import StatementPrinting
import Testing

@Suite struct StatementBatchTests {
    /// The demo cycle's batch, as the CLI makes it: selection, each statement loaded and added, exceptions, finish.
    static func makeBatch(_ demo: borrowing DemoStatements, folder: String, duplex: Bool = false, first: Statement? = nil)
        async throws -> (summary: StatementBatch.Summary, selection: StatementBatchSelection) {
        let selection = try await demo.store.batchSelection(cycleDate: DemoStatements.cycle)
        let batch = try StatementBatch(folder: URL(fileURLWithPath: demo.path(folder)), cycleDate: DemoStatements.cycle,
                                       options: .init(duplex: duplex))
        if let first { try batch.add(first, link: DemoStatements.publicURL) }
        for number in selection.statementNumbers {
            let stored = try #require(try await demo.store.load(number: number))
            try batch.add(stored.statement, link: DemoStatements.link(stored))
        }
        for suppression in selection.suppressed { try batch.suppress(suppression) }
        return (try batch.finish(), selection)
    }

    @Test func theManifestAgreesWithThePDFPageByPageAndItsTotalWithTheLedger() async throws {
        let demo = try await DemoStatements()
        let (summary, selection) = try await Self.makeBatch(demo, folder: "batch")
        let pdf = demo.path("batch/statements.pdf")
        _ = try PDFTool.succeed("qpdf", ["--check", pdf])
        let rows = try CSVReading.rows(demo.path("batch/manifest.csv"))
        #expect(rows.count == selection.statementNumbers.count && rows.count == summary.statements && rows.count > 10)
        #expect(rows.map { $0["statement_number"] ?? "" } == selection.statementNumbers, "mailing order kept")

        var nextPage = 1, total = Money.zero, ledgerTotal = Money.zero
        let directory = PracticeDirectory(database: demo.database), balances = AccountBalances(database: demo.database)
        for row in rows {
            let first = try #require(row["first_page"].flatMap { Int($0) }), count = try #require(row["page_count"].flatMap { Int($0) })
            #expect(first == nextPage, "statement \(row["statement_number"] ?? "") starts right after the one before")
            #expect(row["sheet_count"] == String(count))
            nextPage += count
            let firstPage = PDFReading.collapsed(try PDFTool.text(of: pdf, page: first))
            #expect(firstPage.contains(row["statement_number"] ?? "-"), "page \(first) is statement \(row["statement_number"] ?? "")")
            #expect(firstPage.contains("Page 1 of \(count)") || firstPage.contains("Página 1 de \(count)"))
            let scanLine = try ScanLine.parse(row["scan_line"] ?? "")
            #expect(firstPage.contains(scanLine.text), "the manifest's scan line is the one printed")
            #expect(scanLine.accountNumber == row["account_number"] && scanLine.statementNumber == row["statement_number"])
            let amount = try Money(parsing: row["amount_due"] ?? "")
            #expect(scanLine.amountDue == amount)
            total += amount
            let account = try #require(try await directory.account(number: row["account_number"] ?? ""))
            #expect(account.address.line1 == row["address_line1"] && account.address.zip == row["zip"])
            ledgerTotal += Money.max(try await balances.summary(account: account.id).balance, .zero)
        }
        #expect(try PDFReading.pageCount(pdf) == nextPage - 1)
        #expect(summary.pages == nextPage - 1 && summary.sheets == nextPage - 1)
        #expect(summary.totalDueCents == total.cents, "summary total is the manifest's")
        #expect(ledgerTotal == total, "and the ledger's: the demo has no activity after the cycle date")

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: demo.path("batch/summary.json"))))
        let fields = try #require(json as? [String: Any])
        #expect(fields["pdf_sha256"] as? String == Digest.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: pdf))))
        #expect(fields["total_due_cents"] as? Int == Int(total.cents))
        #expect(fields["statements"] as? Int == rows.count && fields["pages"] as? Int == summary.pages)

        let exceptions = try CSVReading.rows(demo.path("batch/exceptions.csv"))
        #expect(exceptions.map { $0["account_number"] ?? "" } == selection.suppressed.map(\.accountNumber))
        #expect(exceptions.map { $0["reason"] ?? "" } == selection.suppressed.map(\.reason.rawValue))
        #expect(fields["suppressed"] as? Int == exceptions.count && !exceptions.isEmpty)

        let (again, _) = try await Self.makeBatch(demo, folder: "again")
        #expect(again.pdfSHA256 == summary.pdfSHA256, "the same cycle prints to the same bytes")
    }

    @Test func duplexStartsEveryStatementOnAFrontWithBlankBacksAfterOddCounts() async throws {
        let demo = try await DemoStatements(patients: 30)
        // Demo statements run to two pages; one with its visits repeated until it takes an odd number leads the batch.
        var odd = try #require(try await demo.mailable().first).statement
        let visits = odd.visits
        for _ in 0..<10 {
            odd.visits += visits
            let pages = try StatementPDF(statement: odd, link: DemoStatements.publicURL).write(to: .file(path: demo.path("odd.pdf")))
            if pages % 2 == 1 { break }
        }
        let (summary, _) = try await Self.makeBatch(demo, folder: "duplex", duplex: true, first: odd)
        let pdf = demo.path("duplex/statements.pdf")
        let rows = try CSVReading.rows(demo.path("duplex/manifest.csv"))
        var nextPage = 1, sheets = 0, padded = 0
        for row in rows {
            let first = try #require(row["first_page"].flatMap { Int($0) }), count = try #require(row["page_count"].flatMap { Int($0) })
            #expect(first == nextPage && first % 2 == 1, "statement starts on the front of a new sheet")
            #expect(row["sheet_count"] == String((count + 1) / 2))
            if count % 2 == 1 {
                padded += 1
                let back = try PDFTool.text(of: pdf, page: first + count)
                #expect(back.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "page \(first + count) is a blank back")
            }
            nextPage = first + count + count % 2
            sheets += (count + 1) / 2
        }
        #expect(padded > 0, "at least the leading statement was padded")
        #expect(try PDFReading.pageCount(pdf) == 2 * sheets)
        #expect(summary.sheets == sheets && summary.pages == 2 * sheets && summary.duplex)
    }

    @Test func anAddressTooLongForTheWindowIsSetAsideNotPrinted() async throws {
        let demo = try await DemoStatements(patients: 20)
        let statements = try await demo.mailable()
        var unfit = try #require(statements.first).statement
        unfit.guarantor.address.line1 = String(repeating: "Extraordinarily Long Rural Route Name ", count: 4)
        let batch = try StatementBatch(folder: URL(fileURLWithPath: demo.path("unfit")), cycleDate: DemoStatements.cycle)
        try batch.add(unfit, link: DemoStatements.publicURL)
        try batch.add(statements[1].statement, link: DemoStatements.link(statements[1]))
        let summary = try batch.finish()
        #expect(summary.statements == 1 && summary.suppressedByReason == ["no_mailing_address": 1])
        let exceptions = try CSVReading.rows(demo.path("unfit/exceptions.csv"))
        #expect(exceptions.map { $0["account_number"] } == [unfit.guarantor.accountNumber])
        #expect(try CSVReading.rows(demo.path("unfit/manifest.csv")).map { $0["statement_number"] } == [statements[1].statement.number])
        #expect(try PDFReading.pageCount(demo.path("unfit/statements.pdf")) == summary.pages)
    }

    @Test func aFolderThatAlreadyHoldsFilesIsRefused() async throws {
        let demo = try await DemoStatements(patients: 5)
        #expect(throws: StatementPrintingError.outputNotEmpty(path: demo.folder.path)) {
            _ = try StatementBatch(folder: demo.folder, cycleDate: DemoStatements.cycle)
        }
    }

    @Test func namesThatLookLikeFormulasAreQuotedOutOfTheManifest() async throws {
        let demo = try await DemoStatements(patients: 20)
        var statement = try #require(try await demo.mailable().first).statement
        statement.guarantor.name = "=HYPERLINK(\"http://x\",\"Pay, here\")"
        let batch = try StatementBatch(folder: URL(fileURLWithPath: demo.path("csv")), cycleDate: DemoStatements.cycle)
        try batch.add(statement, link: DemoStatements.publicURL)
        _ = try batch.finish()
        let rows = try CSVReading.rows(demo.path("csv/manifest.csv"))
        #expect(rows.first?["name"] == "'" + statement.guarantor.name)
        #expect(rows.first?["statement_number"] == statement.number)
    }
}

extension StatementBatchTests {
    @Test func aCycleWithNothingToMailWritesNoPDFAndSaysSo() async throws {
        let demo = try await DemoStatements(patients: 5)
        let batch = try StatementBatch(folder: URL(fileURLWithPath: demo.path("empty")), cycleDate: DemoStatements.cycle)
        try batch.suppress(StatementSuppression(accountNumber: "10000016", name: "Linda Lee", reason: .underMinimum))
        let summary = try batch.finish()
        #expect(summary.statements == 0 && summary.pages == 0 && summary.pdfSHA256 == nil && summary.suppressed == 1)
        #expect(!FileManager.default.fileExists(atPath: demo.path("empty/statements.pdf")))
        #expect(try CSVReading.rows(demo.path("empty/manifest.csv")).isEmpty)
        #expect(try CSVReading.rows(demo.path("empty/exceptions.csv")).map { $0["reason"] } == ["under_minimum"])
    }
}
