import Foundation
import PDFTestSupport
import Printing
import Testing

@Suite struct TableTests {
    static let columns = [
        TableColumn("Date", width: 62), TableColumn("Code", width: 48),
        TableColumn("Description", width: 190, overflow: .wrap),
        TableColumn("Charge", width: 70, alignment: .right),
        TableColumn("Insurance paid", width: 70, alignment: .right),
        TableColumn("Your share", width: 70, alignment: .right),
    ]
    static let table = Table(columns: columns)
    /// Page 1 leaves room for the address block above and the remittance coupon below.
    static let firstRegion = Rect(x: 36, y: 300, width: 510, height: 260)
    static let nextRegion = Rect(x: 36, y: 54, width: 510, height: 666)
    static let shareRightEdge = 36 + columns.map(\.width).reduce(0, +) - table.horizontalPadding

    /// Visits of five lines each: a spanning heading and lines with codes L001, L002, ... in order.
    static func visitRows(visits: Int) -> [TableRow] {
        var rows: [TableRow] = []
        var line = 0
        for visit in 1...visits {
            rows.append(.spanning("Visit \(visit) · Dr. Ana Núñez · 03/\(String(format: "%02d", visit % 28 + 1))/2025"))
            for item in 1...5 {
                line += 1
                let description = item == 3
                    ? "Destruction of premalignant skin lesions, first lesion, with cryosurgery and follow-up care"
                    : "Office visit, established patient"
                let cents = line * 1_237
                rows.append(TableRow(["03/14/2025", String(format: "L%03d", line), description,
                                      "$\(cents / 100).\(String(format: "%02d", cents % 100))", "$10.00",
                                      "$\(cents / 200).00"]))
            }
        }
        return rows
    }

    @Test func aLongTableFlowsOverPagesRepeatingItsHeaderAndNumberingThePages() throws {
        let scratch = try Scratch()
        let path = scratch.path("table.pdf")
        let document = try PDFDocument(output: .file(path: path))
        let rows = Self.visitRows(visits: 24)
        let fragments = try Self.table.paginate(rows, first: Self.firstRegion, next: Self.nextRegion,
                                                using: document)

        var pages: [Page] = []
        var page = document.newPage()
        page.text("Statement for María Peña", at: Point(x: 36, y: 100), style: TextStyle(font: .sans(14, weight: .bold)))
        for fragment in fragments {
            if fragment.startsNewPage {
                pages.append(page)
                page = document.newPage()
            }
            page.draw(fragment)
        }
        let end = try #require(fragments.last).maxY
        page.text("Total due $3,210.00", at: Point(x: 36, y: end + 12))
        pages.append(page)
        for index in pages.indices {
            pages[index].pageNumber(at: Point(x: 576, y: 750), style: TextStyle(font: .sans(8)).aligned(.right))
        }
        try document.write(pages)
        try document.close()

        #expect(pages.count >= 3, "the sample must run over at least three pages")
        #expect(try PDFTool.info(path)["Pages"] == "\(pages.count)")
        #expect(try PDFTool.run("qpdf", ["--check", path]).status == 0)

        let words = try PDFTool.words(in: path)
        for number in 1...pages.count {
            let text = try PDFTool.text(of: path, page: number)
            #expect(text.contains("Page \(number) of \(pages.count)"), "page \(number):\n\(text)")
            for title in ["Date", "Code", "Description", "Charge", "Insurance", "Your"] {
                #expect(text.contains(title), "header \(title) missing on page \(number)")
            }
            let onPage = words.filter { $0.page == number }
            let region = number == 1 ? Self.firstRegion : Self.nextRegion
            // "Insurance paid" takes two lines, so the one-line titles sit level with "paid", at the header's foot.
            let header = try #require(onPage.first { $0.text == "Description" })
            let paid = try #require(onPage.first { $0.text == "paid" })
            #expect(header.yMin > region.minY && abs(header.yMin - paid.yMin) < 1, "header at the top on \(number)")
            let firstRow = try #require(onPage.filter { $0.xMin < 100 && $0.yMin > header.yMax }.min { $0.yMin < $1.yMin })
            #expect(firstRow.yMin > header.yMax && firstRow.yMin < header.yMax + 10, "header right above the rows")
            let footer = onPage.filter { $0.yMin > 740 }.sorted { $0.xMin < $1.xMin }
            #expect(footer.map(\.text) == ["Page", "\(number)", "of", "\(pages.count)"])
            let pageOf = try #require(footer.last)
            #expect(abs(pageOf.xMax - 576) < 1, "page number right-aligned on page \(number)")
            for word in onPage where word.text.hasPrefix("L") && word.text.count == 4 {
                #expect(word.yMax <= region.maxY + 0.5, "\(word.text) below the table's space on page \(number)")
            }
        }

        // Every line exactly once, in order, across the pages.
        let codes = words.filter { $0.text.wholeMatch(of: /L\d{3}/) != nil }
            .sorted { ($0.page, $0.yMin) < ($1.page, $1.yMin) }.map(\.text)
        #expect(codes == (1...120).map { String(format: "L%03d", $0) })

        // Money is right-aligned: each "Your share" amount ends at the column's right edge.
        let shares = words.filter { $0.text.hasPrefix("$") && $0.xMin > Self.shareRightEdge - 70 }
        #expect(shares.count == 120)
        for share in shares {
            #expect(abs(share.xMax - Self.shareRightEdge) < 1, "\(share)")
        }
        // No visit heading is left alone at the bottom of a page.
        for fragment in fragments.dropLast() {
            #expect(fragment.rows.last?.spansAllColumns == false, "fragment ending at row \(fragment.rows.endIndex)")
        }
    }

    @Test func wrappedCellsMakeTallerRows() throws {
        let document = try PDFDocument(output: .stream { _ in })
        let short = TableRow(["03/14/2025", "L001", "Office visit", "$1.00", "", "$1.00"])
        let long = TableRow(["03/14/2025", "L002", String(repeating: "cryosurgery lesion ", count: 8), "$1.00", "",
                             "$1.00"])
        let one = try Self.table.paginate([short], first: Self.nextRegion, next: Self.nextRegion, using: document)
        let two = try Self.table.paginate([short, long], first: Self.nextRegion, next: Self.nextRegion,
                                          using: document)
        let shortHeight = try #require(one.first).height - one[0].headerHeight
        let longHeight = try #require(two.first).height - two[0].headerHeight - shortHeight
        #expect(longHeight > 2.5 * shortHeight, "short \(shortHeight), long \(longHeight)")
        try document.close()
    }

    @Test func aTableThatDoesNotFitTheFirstRegionStartsOnANewPage() throws {
        let document = try PDFDocument(output: .stream { _ in })
        let tight = Rect(x: 36, y: 700, width: 510, height: 20)
        let fragments = try Self.table.paginate(Self.visitRows(visits: 1), first: tight, next: Self.nextRegion,
                                                using: document)
        #expect(fragments.count == 1)
        #expect(fragments[0].startsNewPage && fragments[0].origin == Self.nextRegion.origin)
        #expect(fragments[0].rows.indices == 0..<6)
        try document.close()
    }

    @Test func aRowTallerThanAPageIsAnErrorNotAnEndlessLoop() throws {
        let document = try PDFDocument(output: .stream { _ in })
        let huge = TableRow(["", "", String(repeating: "word ", count: 600), "", "", ""])
        let small = Rect(x: 36, y: 54, width: 510, height: 200)
        do {
            _ = try Self.table.paginate([TableRow(["a"]), huge], first: small, next: small, using: document)
            Issue.record("a row taller than the page must be rejected")
        } catch {
            guard case .tableRowTooTall(let row, let height, let available) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(row == 1 && height > available && available < 200)
        }
        try document.close()
    }
}
