import Foundation
import PDFTestSupport
import Printing

/// Statement-specific readings on top of `PDFTool`: words by page, boxes against rectangles.
extension WordBox {
    var rect: Rect { Rect(x: xMin, y: yMin, width: xMax - xMin, height: yMax - yMin) }

    /// Entirely inside `area`, give or take `tolerance` points (pdftotext's boxes come from font-wide metrics).
    func lies(inside area: Rect, tolerance: Double = 0.75) -> Bool {
        xMin >= area.minX - tolerance && xMax <= area.maxX + tolerance
            && yMin >= area.minY - tolerance && yMax <= area.maxY + tolerance
    }

    func overlaps(_ area: Rect) -> Bool {
        xMin < area.maxX && xMax > area.minX && yMin < area.maxY && yMax > area.minY
    }
}

enum PDFReading {
    static func words(_ pdf: String, page: Int) throws -> [WordBox] {
        try PDFTool.words(in: pdf).filter { $0.page == page }
    }

    static func pageCount(_ pdf: String) throws -> Int {
        guard let pages = try PDFTool.info(pdf)["Pages"].flatMap({ Int($0) }) else {
            throw PDFTool.Failure(description: "pdfinfo gave no page count for \(pdf)")
        }
        return pages
    }

    /// The words of one table column across pages, in reading order and joined by single spaces, so that a
    /// description wrapped onto two lines of its cell still reads as one string.
    static func column(_ words: [WordBox], from minX: Double, to maxX: Double) -> String {
        words.filter { $0.xMin >= minX - 0.5 && $0.xMin < maxX }
            .sorted { ($0.page, $0.yMin, $0.xMin) < ($1.page, $1.yMin, $1.xMin) }
            .map(\.text).joined(separator: " ")
    }

    /// Decodes every QR code on `page` rendered at `dpi`, with zbar.
    static func qrCodes(_ pdf: String, page: Int = 1, dpi: Int = 200) throws -> [String] {
        let prefix = pdf + "-qr-\(page)"
        _ = try PDFTool.succeed("pdftoppm", ["-r", "\(dpi)", "-gray", "-png", "-f", "\(page)", "-l", "\(page)",
                                             "-singlefile", pdf, prefix])
        return try PDFTool.succeed("zbarimg", ["--raw", "-q", prefix + ".png"])
            .split(separator: "\n").map(String.init)
    }

    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
