import BillingCore
import Foundation
import BillingStore
import PDFTestSupport
import Printing
import StatementPrinting
import Testing

@Suite struct StatementPDFTests {
    /// A statement with insurance still pending, so the "not owed yet" marks are on the page too.
    static func render(_ demo: borrowing DemoStatements, envelope: EnvelopeProfile = .standard,
                       where condition: (Statement) -> Bool = { $0.summary.insurancePending.isPositive })
        async throws -> (stored: StoredStatement, pdf: String, pages: Int) {
        let stored = try #require(try await demo.first(where: condition), "the demo has such a statement")
        let pdf = demo.path("\(stored.statement.number)-\(envelope.name).pdf")
        let pages = try StatementPDF(statement: stored.statement, link: DemoStatements.link(stored), envelope: envelope)
            .write(to: .file(path: pdf))
        return (stored, pdf, pages)
    }

    @Test func theFileIsAValidLetterPDFWithEveryFontEmbedded() async throws {
        let demo = try await DemoStatements()
        let (_, pdf, pages) = try await Self.render(demo)
        _ = try PDFTool.succeed("qpdf", ["--check", pdf])
        #expect(try PDFReading.pageCount(pdf) == pages)
        #expect(try PDFTool.info(pdf)["Page size"]?.hasPrefix("612 x 792 pts") == true, "US Letter")
        let fonts = try PDFTool.succeed("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            let fields = font.split(separator: " ", omittingEmptySubsequences: true)
            // Columns end "emb sub uni object ID": the embedded flag is fifth from the end.
            #expect(fields[fields.count - 5] == "yes", "not embedded: \(font)")
        }
        #expect(fonts.contains { $0.contains("OCRA") }, "the scan line is set in OCR-A")
        #expect(fonts.contains { $0.contains("DejaVuSans") })
    }

    @Test func everyAmountAndEveryLineDescriptionIsInTheText() async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo)
        let statement = stored.statement
        let text = try PDFTool.text(of: pdf)
        let summary = statement.summary
        for amount in [summary.amountDue, summary.balance, summary.previousBalance, summary.newCharges, summary.insurancePending] {
            #expect(text.contains(amount.formatted), "\(amount.formatted) missing")
        }
        #expect(text.contains(statement.dueDate.written()))
        let words = try PDFTool.words(in: pdf).filter { $0.page > 1 }
        let services = PDFReading.column(words, from: 36, to: 36 + 124)
        for line in statement.visits.flatMap(\.lines) {
            #expect(services.contains(PDFReading.collapsed(line.description)), "\(line.description) missing")
            for amount in [line.charge, line.insurancePaid, line.adjustments, line.yourShare] {
                #expect(text.contains(amount.formatted))
            }
            if line.insurancePending.isPositive {
                #expect(PDFReading.collapsed(text).contains("\(line.insurancePending.formatted) waiting on"))
            }
        }
        #expect(PDFReading.collapsed(text).contains("not owed yet"))
    }

    @Test func paymentsActivityAgingAndMessagesArePrinted() async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo, where: { !$0.activity.isEmpty && !$0.aging.days31to60.isZero })
        let text = PDFReading.collapsed(try PDFTool.text(of: pdf))
        for item in stored.statement.activity {
            #expect(text.contains(PDFReading.collapsed(item.description)), "\(item.description) missing")
            #expect(text.contains(item.amount.formatted))
        }
        let aging = stored.statement.aging
        let page1 = PDFReading.collapsed(try PDFTool.text(of: pdf, page: 1))
        #expect(page1.contains("31–60 days") && page1.contains(aging.days31to60.formatted))
        for message in stored.statement.messages {
            #expect(text.contains(PDFReading.collapsed(message)), "message missing: \(message)")
        }
    }

    @Test func theAmountDueAndDueDateAreTheLargestTypeOnPage1() async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo)
        let words = try PDFReading.words(pdf, page: 1).sorted { $0.yMax - $0.yMin > $1.yMax - $1.yMin }
        #expect(words.first?.text == stored.statement.summary.amountDue.formatted)
        let dueDate = stored.statement.dueDate.written().split(separator: " ").map(String.init)
        #expect(Set(words.dropFirst().prefix(dueDate.count).map(\.text)) == Set(dueDate))
    }

    @Test(arguments: EnvelopeProfile.all)
    func addressesShowThroughTheWindowsWithTheUSPSClearance(envelope: EnvelopeProfile) async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo, envelope: envelope, where: { !$0.guarantor.address.line2.isEmpty })
        let statement = stored.statement
        let words = try PDFReading.words(pdf, page: 1)
        let patient = statement.guarantor, practice = statement.practice
        let windows: [(Rect, [String])] = [
            (envelope.recipientRect, [patient.name] + patient.address.lines),
            (envelope.returnRect, [practice.name] + practice.address.lines),
            (envelope.remitRect(pageHeight: 792), [practice.name] + practice.address.lines),
        ]
        for (window, lines) in windows {
            let expected = lines.joined(separator: " ").uppercased().replacingOccurrences(of: ",", with: "")
                .split(separator: " ").map(String.init)
            let area = EnvelopeProfile.printableArea(window)
            let showing = words.filter { $0.overlaps(window) }
            #expect(showing.map(\.text) == expected, "what shows through the \(envelope.name) window at \(window)")
            for word in showing {
                #expect(word.lies(inside: area), "\(word.text) at \(word.rect) is within 1/8\" of the window's edge")
            }
        }
    }

    @Test func theScanLineParsesBackToAccountStatementAndAmount() async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo)
        let words = try PDFReading.words(pdf, page: 1)
        let candidates = words.filter { $0.text.count == ScanLine.length && $0.text.allSatisfy(\.isNumber) }
        let word = try #require(candidates.count == 1 ? candidates.first : nil, "one scan line on page 1")
        let line = try ScanLine.parse(word.text)
        #expect(line.accountNumber == stored.statement.guarantor.accountNumber)
        #expect(line.statementNumber == stored.statement.number)
        #expect(line.amountDue == stored.statement.summary.amountDue)
        // A clear band: nothing else within 1/8" above or below it, and it sits on the coupon's bottom inch.
        let band = Rect(x: 0, y: word.yMin - 9, width: 612, height: word.yMax - word.yMin + 18)
        #expect(words.filter { $0 != word && $0.overlaps(band) }.isEmpty)
        #expect(word.yMin > 792 - 72 && word.yMax < 792 - 18)
    }

    @Test func theQRCodeOpensTheStatementsLink() async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo)
        #expect(try PDFReading.qrCodes(pdf) == [DemoStatements.link(stored)])
    }

    @Test func aSpanishReaderGetsSpanishLabels() async throws {
        let demo = try await DemoStatements()
        let (_, pdf, pages) = try await Self.render(demo, where: { $0.language == .spanish })
        let text = PDFReading.collapsed(try PDFTool.text(of: pdf))
        for label in ["Estado de cuenta", "Cantidad a pagar ahora", "Pague antes del", "Cupón de pago", "Cantidad incluida",
                      "Sus visitas", "Página 1 de \(pages)", "Página \(pages) de \(pages)"] {
            #expect(text.contains(label), "\(label) missing")
        }
        for english in ["Amount due now", "Please pay by", "Payment coupon", "Your visits", "Page 1 of"] {
            #expect(!text.contains(english), "\(english) left in English")
        }
    }

    @Test func printingAStoredStatementAgainGivesTheSameBytes() async throws {
        let demo = try await DemoStatements()
        let (stored, pdf, _) = try await Self.render(demo)
        let again = demo.path("again.pdf")
        try StatementPDF(statement: stored.statement, link: DemoStatements.link(stored)).write(to: .file(path: again))
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)) == Data(contentsOf: URL(fileURLWithPath: again)))
    }
}
