import Foundation
import PDFTestSupport
import Printing
import Testing

@Suite struct PDFDocumentTests {
    /// A page using every font the statements use, so font checks see all of them.
    static func sampleDocument(_ output: PDFOutput, creationDate: Date? = nil) throws -> PDFDocument {
        let document = try PDFDocument(output: output, metadata: .init(
            title: "Statement 1004-7", creator: "Clearbill tests", creationDate: creationDate))
        try document.addPage { page in
            page.text("Dermatology Associates", at: Point(x: .inches(1), y: .inches(1)),
                      style: TextStyle(font: .sans(16, weight: .bold)))
            page.text("María Peña — $1,234.56", at: Point(x: .inches(1), y: .inches(1.5)))
            page.text("0001004 00000123456 7", at: Point(x: .inches(1), y: .inches(10)),
                      style: TextStyle(font: .ocrA()))
        }
        return document
    }

    @Test func writesAValidLetterSizePDFWithMetadata() throws {
        let scratch = try Scratch()
        let path = scratch.path("sample.pdf")
        try Self.sampleDocument(.file(path: path)).close()

        let check = try PDFTool.run("qpdf", ["--check", path])
        #expect(check.status == 0, "qpdf --check: \(check.stdout) \(check.stderr)")
        let info = try PDFTool.info(path)
        #expect(info["Page size"] == "612 x 792 pts (letter)")
        #expect(info["Pages"] == "1")
        #expect(info["Title"] == "Statement 1004-7")
        #expect(info["Creator"] == "Clearbill tests")
    }

    @Test func embedsEveryFontIncludingOCRA() throws {
        let scratch = try Scratch()
        let path = scratch.path("fonts.pdf")
        try Self.sampleDocument(.file(path: path)).close()

        let rows = try PDFTool.succeed("pdffonts", [path]).split(separator: "\n").dropFirst(2)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        let names = rows.compactMap(\.first)
        #expect(names.contains { $0.hasSuffix("+OCRA") }, "no OCRA font in \(names); apt-get install -y fonts-ocr-a")
        #expect(names.contains { $0.hasSuffix("+DejaVuSans") }, "no DejaVuSans in \(names)")
        #expect(names.contains { $0.hasSuffix("+DejaVuSans-Bold") }, "no DejaVuSans-Bold in \(names)")
        // Columns: name type encoding emb sub uni object ID; "Type 3" would shift them, so read from the end.
        for row in rows {
            #expect(row.count >= 7 && row[row.count - 5] == "yes", "font not embedded: \(row.joined(separator: " "))")
        }
    }

    @Test func theFontsTheStatementsNeedAreInstalled() {
        #expect(Font.missingFamilies([Font.sansFamily, Font.ocrAFamily]) == [],
                "apt-get install -y fonts-dejavu-core fonts-ocr-a")
        #expect(Font.missingFamilies(["No Such Family 4711"]) == ["No Such Family 4711"])
    }

    @Test func streamAndFileHandleGiveTheSameBytesAsAFile() throws {
        let scratch = try Scratch()
        let date = Date(timeIntervalSince1970: 1_741_946_400)
        let filePath = scratch.path("file.pdf")
        try Self.sampleDocument(.file(path: filePath), creationDate: date).close()

        var streamed: [UInt8] = []
        var chunks = 0
        try Self.sampleDocument(.stream { chunk in
            chunks += 1
            streamed.append(contentsOf: chunk)
        }, creationDate: date).close()

        let handlePath = scratch.path("handle.pdf")
        #expect(FileManager.default.createFile(atPath: handlePath, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: handlePath))
        try Self.sampleDocument(.fileHandle(handle), creationDate: date).close()
        try handle.close()

        let fromFile = try [UInt8](Data(contentsOf: URL(fileURLWithPath: filePath)))
        let fromHandle = try [UInt8](Data(contentsOf: URL(fileURLWithPath: handlePath)))
        #expect(chunks >= 1)
        #expect(streamed.starts(with: Array("%PDF-".utf8)))
        #expect(streamed == fromFile, "same pages and date must give the same bytes")
        #expect(fromHandle == fromFile)
    }

    @Test func aFailingStreamIsReportedWithItsReason() throws {
        struct DiskFull: Error, CustomStringConvertible {
            var description: String { "disk full (test)" }
        }
        let document = try Self.sampleDocument(.stream { _ in throw DiskFull() })
        #expect(throws: PrintingError.writeFailed(reason: "disk full (test)")) { try document.close() }
    }

    @Test func aClosedDocumentRefusesPagesAndASecondClose() throws {
        let document = try Self.sampleDocument(.stream { _ in })
        try document.close()
        #expect(throws: PrintingError.documentClosed) { try document.write([document.newPage()]) }
        #expect(throws: PrintingError.documentClosed) { try document.close() }
    }

    @Test func anUnwritablePathIsReportedWithThePath() {
        let path = "/nonexistent-folder-\(UUID().uuidString)/out.pdf"
        #expect(throws: PrintingError.cannotOpenOutput(path: path, reason: "No such file or directory")) {
            _ = try PDFDocument(output: .file(path: path))
        }
    }

    @Test func writeReturnsEachGroupsPagesWithinTheDocument() throws {
        let scratch = try Scratch()
        let path = scratch.path("groups.pdf")
        let document = try PDFDocument(output: .file(path: path))
        func group(_ count: Int) -> [Page] {
            (0..<count).map { _ in
                var page = document.newPage()
                page.pageNumber(at: Point(x: 300, y: 700))
                return page
            }
        }
        let first = try document.write(group(2))
        let second = try document.write(group(3))
        try document.close()

        #expect(first == 1..<3)
        #expect(second == 3..<6)
        #expect(document.pageCount == 5)
        #expect(try PDFTool.info(path)["Pages"] == "5")
        #expect(try PDFTool.text(of: path, page: 2).contains("Page 2 of 2"))
        #expect(try PDFTool.text(of: path, page: 3).contains("Page 1 of 3"))
        #expect(try PDFTool.text(of: path, page: 5).contains("Page 3 of 3"))
    }
}
