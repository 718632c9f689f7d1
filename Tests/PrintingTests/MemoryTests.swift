import Foundation
import PDFTestSupport
import Printing
import Testing

@Suite struct MemoryTests {
    static func residentKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
    }

    /// Resident memory is the whole process's, so `scripts/test` runs this suite alone, after the others: tests running
    /// beside it would count their own allocations as its growth.
    ///
    /// A mail-house-sized batch: 1,000 two-page statements in one PDF, each with a logo, a QR code, a table that
    /// breaks across its pages, an OCR-A scan line and "Page n of 2". Memory must not grow with the page count.
    @Test(.timeLimit(.minutes(1))) func twoThousandPagesStreamInFlatMemory() throws {
        let scratch = try Scratch()
        let logoPDF = scratch.path("logo.pdf")
        let logoDocument = try PDFDocument(output: .file(path: logoPDF), pageSize: Size(width: 120, height: 40))
        try logoDocument.addPage { $0.box(Rect(x: 5, y: 5, width: 110, height: 30), fill: .gray(0.6), cornerRadius: 6) }
        try logoDocument.close()
        _ = try PDFTool.succeed("pdftoppm", ["-r", "144", "-png", "-singlefile", logoPDF, scratch.path("logo")])

        let path = scratch.path("batch.pdf")
        let document = try PDFDocument(output: .file(path: path), metadata: .init(title: "Batch", creator: "tests"))
        let logo = try PNGImage(path: scratch.path("logo.png"))
        let rows = TableTests.visitRows(visits: 6)
        var baseline = 0
        for statement in 1...1_000 {
            let fragments = try TableTests.table.paginate(
                rows, first: Rect(x: 36, y: 200, width: 540, height: 500),
                next: Rect(x: 36, y: 54, width: 540, height: 666), using: document)
            var pages = [document.newPage()]
            pages[0].image(logo, in: Rect(x: 36, y: 36, width: 120, height: 40))
            pages[0].text("Statement \(statement) for María Peña", at: Point(x: 36, y: 100),
                          style: TextStyle(font: .sans(14, weight: .bold)))
            pages[0].qrCode(try QRCode(encoding: "https://pay.example/s/\(statement)"), at: Point(x: 490, y: 36),
                            side: 86)
            pages[0].text("\(1_000_000 + statement) 0000123456 7", at: Point(x: 36, y: 730),
                          style: TextStyle(font: .ocrA()))
            for fragment in fragments {
                if fragment.startsNewPage { pages.append(document.newPage()) }
                pages[pages.count - 1].draw(fragment)
            }
            for index in pages.indices {
                pages[index].pageNumber(at: Point(x: 576, y: 760), style: TextStyle(font: .sans(8)).aligned(.right))
            }
            try #require(pages.count == 2, "each sample statement is two pages")
            try document.write(pages)
            // Measured after the first statements, once fonts and caches are loaded: growth from here is a leak.
            if statement == 20 { baseline = try Self.residentKilobytes() }
        }
        try document.close()
        let growth = try Self.residentKilobytes() - baseline

        #expect(document.pageCount == 2_000)
        #expect(growth < 60 * 1024, "resident memory grew \(growth) kB over 2,000 pages")
        #expect(try PDFTool.info(path)["Pages"] == "2000")
        #expect(try PDFTool.run("qpdf", ["--check", path]).status == 0)
    }
}
