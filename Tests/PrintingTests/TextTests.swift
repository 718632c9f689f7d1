import PDFTestSupport
import Printing
import Testing

@Suite struct TextTests {
    /// Writes one page and returns the PDF's path; `scratch` keeps it alive for the caller.
    static func onePage(_ scratch: borrowing Scratch, _ name: String,
                        _ build: (inout Page) -> Void) throws -> String {
        let path = scratch.path(name)
        let document = try PDFDocument(output: .file(path: path))
        try document.addPage(build)
        try document.close()
        return path
    }

    @Test func accentedTextComesBackFromTheLayoutText() throws {
        let scratch = try Scratch()
        let lines = ["María Peña — $1,234.56", "Facturación: añadir señal, pingüino, ¿Qué pasó? ¡Sí!",
                     "Dirección: Calle Mayor 5, Ñuñoa"]
        let path = try Self.onePage(scratch, "accents.pdf") { page in
            for (index, line) in lines.enumerated() {
                page.text(line, at: Point(x: 72, y: 100 + Double(index) * 30))
            }
        }
        let text = try PDFTool.text(of: path)
        for line in lines {
            #expect(text.contains(line), "missing \(line) in:\n\(text)")
        }
    }

    @Test func wordsLandWhereTheyWereDrawn() throws {
        let scratch = try Scratch()
        let path = try Self.onePage(scratch, "positions.pdf") { page in
            page.text("Leftword", at: Point(x: 72, y: 100), style: TextStyle(font: .sans(11)))
            page.text("$1,234.56", at: Point(x: 540, y: 150), style: TextStyle(font: .sans(11)).aligned(.right))
            page.text("Centred", at: Point(x: 306, y: 200), style: TextStyle(font: .sans(14)).aligned(.center))
            page.text("$98.10", at: Point(x: 400, y: 250), width: 100,
                      style: TextStyle(font: .sans(9)).aligned(.right))
            page.text("1004 000012345 7", at: Point(x: .inches(0.5), y: .inches(10)),
                      style: TextStyle(font: .ocrA()))
        }
        let words = try PDFTool.words(in: path)
        func word(_ text: String) throws -> WordBox {
            try #require(words.first { $0.text == text }, "no word \(text) in \(words.map(\.text))")
        }
        let left = try word("Leftword")
        #expect(abs(left.xMin - 72) < 1 && abs(left.yMin - 100) < 1, "\(left)")
        let money = try word("$1,234.56")
        #expect(abs(money.xMax - 540) < 1 && abs(money.yMin - 150) < 1, "\(money)")
        let centred = try word("Centred")
        #expect(abs((centred.xMin + centred.xMax) / 2 - 306) < 1 && abs(centred.yMin - 200) < 1, "\(centred)")
        let boxed = try word("$98.10")
        #expect(abs(boxed.xMax - 500) < 1 && abs(boxed.yMin - 250) < 1, "\(boxed)")
        let scan = try word("1004")
        #expect(abs(scan.xMin - 36) < 1 && abs(scan.yMin - 720) < 1, "\(scan)")
    }

    @Test func measuredWidthMatchesTheDrawnWidth() throws {
        let scratch = try Scratch()
        let style = TextStyle(font: .sans(12, weight: .bold))
        var metrics: TextMetrics?
        let path = try Self.onePage(scratch, "measure.pdf") { page in
            metrics = page.measure("Amount due $1,234.56", style: style)
            page.text("Amount due $1,234.56", at: Point(x: 100, y: 100), style: style)
        }
        let measured = try #require(metrics)
        let words = try PDFTool.words(in: path)
        let drawnWidth = try #require(words.last).xMax - (try #require(words.first)).xMin
        #expect(abs(measured.width - drawnWidth) < 1, "measured \(measured.width), drawn \(drawnWidth)")
        #expect(measured.lineCount == 1)
        #expect(measured.baseline > 0 && measured.baseline < measured.height)
    }

    @Test func wrappedTextStaysInsideItsWidth() throws {
        let scratch = try Scratch()
        let paragraph = """
            If you cannot pay the full balance, call us about a payment plan with no interest. Financial \
            assistance is available to patients who qualify; ask for the application at the front desk.
            """
        let width = 200.0
        var metrics: TextMetrics?
        let path = try Self.onePage(scratch, "wrap.pdf") { page in
            metrics = page.measure(paragraph, width: width)
            page.text(paragraph, at: Point(x: 72, y: 100), width: width)
        }
        let measured = try #require(metrics)
        let words = try PDFTool.words(in: path)
        #expect(words.map(\.text) == paragraph.split(separator: " ").map(String.init))
        for word in words {
            #expect(word.xMin >= 72 - 0.5 && word.xMax <= 72 + width + 0.5, "\(word) is outside the column")
        }
        let lineTops = Set(words.map { ($0.yMin * 10).rounded() })
        #expect(measured.lineCount >= 4)
        #expect(lineTops.count == measured.lineCount)
        let drawnHeight = words.map(\.yMax).max()! - words.map(\.yMin).min()!
        #expect(abs(drawnHeight - measured.height) < 1, "measured \(measured.height), drawn \(drawnHeight)")
    }

    @Test func ellipsisKeepsOneLineInsideTheWidth() throws {
        let scratch = try Scratch()
        let long = "Destruction of premalignant lesions, first lesion, and fourteen more lesions"
        let style = TextStyle(overflow: .ellipsis)
        var metrics: TextMetrics?, fullWidth: Double?
        let path = try Self.onePage(scratch, "ellipsis.pdf") { page in
            metrics = page.measure(long, width: 150, style: style)
            fullWidth = page.measure(long, style: style).width
            page.text(long, at: Point(x: 72, y: 100), width: 150, style: style)
        }
        let measured = try #require(metrics)
        let natural = try #require(fullWidth)
        #expect(natural > 150, "the sample must be too long for the width")
        #expect(measured.isEllipsized && measured.lineCount == 1 && measured.width <= 150)
        // Cairo tags the "…" cluster with the elided words as its text, so extraction still shows them; what
        // matters is that nothing is painted past the width or below the one line.
        let words = try PDFTool.words(in: path)
        #expect(!words.isEmpty)
        #expect(words.allSatisfy { abs($0.yMin - 100) < 1 && $0.xMax <= 222.5 }, "\(words)")
    }
}
