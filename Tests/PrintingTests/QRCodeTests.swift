import PDFTestSupport
import Printing
import Testing

@Suite struct QRCodeTests {
    @Test func aDrawnQRCodeDecodesToTheExactString() throws {
        let scratch = try Scratch()
        let payload = "https://pay.dermatology.example/s/7Q4K-9XW2?code=1004-7&amt=123456"
        let code = try QRCode(encoding: payload)
        let path = try TextTests.onePage(scratch, "qr.pdf") { page in
            // A dark box behind it: the quiet zone has to be painted white for a reader to find the code.
            page.box(Rect(x: 60, y: 60, width: 168, height: 168), stroke: nil, fill: .gray(0.2))
            page.qrCode(code, at: Point(x: 72, y: 72), side: 144)
        }
        let pngPrefix = scratch.path("qr")
        _ = try PDFTool.succeed("pdftoppm", ["-r", "150", "-png", "-singlefile", path, pngPrefix])
        let decoded = try PDFTool.succeed("zbarimg", ["--raw", "-q", pngPrefix + ".png"])
        #expect(decoded == payload + "\n")

        let image = try PDFTool.grayImage(of: path, dpi: 144)
        let module = 144 / Double(code.size + 8)
        #expect(image.level(atPoint: 72 + module, 72 + module, dpi: 144) > 250, "quiet zone is white")
        #expect(image.level(atPoint: 65, 65, dpi: 144) < 80, "the box behind shows around it")
        // The top-left finder pattern's outer ring starts right after the quiet zone.
        #expect(image.level(atPoint: 72 + 4.5 * module, 72 + 4.5 * module, dpi: 144) < 20)
    }

    @Test func encodingIsByteModeLevelMWithFinderPatterns() throws {
        let code = try QRCode(encoding: "1004-7")
        #expect(code.size == 21, "a short text fits version 1")
        #expect(code.modules.count == code.size * code.size)
        for (row, column) in [(0, 0), (0, 6), (6, 0), (6, 6), (0, code.size - 1), (code.size - 1, 0)] {
            #expect(code.isDark(row: row, column: column), "finder corner \(row),\(column)")
        }
        #expect(!code.isDark(row: 1, column: 1), "finder ring is hollow")
        #expect(try QRCode(encoding: "1004-8") != code)
    }

    @Test func textTooLongOrEmptyIsRejected() {
        #expect(throws: PrintingError.cannotEncodeQRCode(reason: "3000 bytes is more than a QR code holds at level M")) {
            _ = try QRCode(encoding: String(repeating: "x", count: 3_000))
        }
        #expect(throws: PrintingError.cannotEncodeQRCode(reason: "the text is empty")) { _ = try QRCode(encoding: "") }
        #expect(throws: PrintingError.cannotEncodeQRCode(reason: "the text contains a NUL character")) {
            _ = try QRCode(encoding: "a\u{0}b")
        }
    }
}
