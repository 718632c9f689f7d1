import PDFTestSupport
import Printing
import Testing

/// Rules, boxes and images, checked on pages rendered by poppler (`pdftoppm -gray`) at 144 dpi.
@Suite struct GraphicsTests {
    static let dpi = 144

    @Test func boxesFillWithTheirGreyAndRoundTheirCorners() throws {
        let scratch = try Scratch()
        let path = try TextTests.onePage(scratch, "boxes.pdf") { page in
            page.box(Rect(x: 100, y: 100, width: 100, height: 50), stroke: nil, fill: .gray(0.5))
            page.box(Rect(x: 300, y: 100, width: 100, height: 100), stroke: nil, fill: .black, cornerRadius: 30)
            page.box(Rect(x: 100, y: 250, width: 100, height: 100), stroke: Stroke(width: 4), fill: nil)
        }
        let image = try PDFTool.grayImage(of: path, dpi: Self.dpi)
        func level(_ x: Double, _ y: Double) -> Int { Int(image.level(atPoint: x, y, dpi: Self.dpi)) }

        #expect(abs(level(150, 125) - 128) <= 4, "50% grey fill reads \(level(150, 125))")
        #expect(level(95, 125) > 250, "nothing outside the box")
        #expect(level(302, 102) > 250, "the rounded corner leaves the corner white")
        #expect(level(350, 102) < 10 && level(302, 150) < 10, "edges are filled")
        #expect(level(100, 300) < 10, "the outline is drawn")
        #expect(level(150, 300) > 250, "an outline-only box is empty inside")
    }

    @Test func aPerforationLineIsDashedAndARuleIsSolid() throws {
        let scratch = try Scratch()
        let dashed = Stroke(width: 2, color: .black, dashes: [6, 6])
        let path = try TextTests.onePage(scratch, "lines.pdf") { page in
            page.line(from: Point(x: 100, y: 300), to: Point(x: 500, y: 300), stroke: dashed)
            page.line(from: Point(x: 100, y: 400), to: Point(x: 500, y: 400), stroke: Stroke(width: 2))
        }
        let image = try PDFTool.grayImage(of: path, dpi: Self.dpi)
        for k in 0..<30 {
            let dash = 100 + 3 + 12 * Double(k), gap = 100 + 9 + 12 * Double(k)
            #expect(image.level(atPoint: dash, 300, dpi: Self.dpi) < 20, "dash \(k)")
            #expect(image.level(atPoint: gap, 300, dpi: Self.dpi) > 235, "gap \(k)")
            #expect(image.level(atPoint: gap, 400, dpi: Self.dpi) < 20, "solid rule at \(gap)")
        }
        #expect(image.level(atPoint: 300, 305, dpi: Self.dpi) > 250, "the line has its width, no more")
    }

    @Test func pngImagesAreScaledIntoTheirRectangle() throws {
        let scratch = try Scratch()
        // A 50×25 pixel PNG, left half black, made by poppler from a PDF of that size.
        let sourcePDF = scratch.path("swatch.pdf")
        let swatch = try PDFDocument(output: .file(path: sourcePDF), pageSize: Size(width: 50, height: 25))
        try swatch.addPage { $0.box(Rect(x: 0, y: 0, width: 25, height: 25), stroke: nil, fill: .black) }
        try swatch.close()
        let pngPrefix = scratch.path("swatch")
        _ = try PDFTool.succeed("pdftoppm", ["-r", "72", "-png", "-singlefile", sourcePDF, pngPrefix])
        let png = try PNGImage(path: pngPrefix + ".png")
        #expect(png.pixelWidth == 50 && png.pixelHeight == 25)

        let path = try TextTests.onePage(scratch, "image.pdf") { page in
            page.image(png, in: Rect(x: 100, y: 100, width: 200, height: 100), fit: .stretch)
            page.image(png, in: Rect(x: 350, y: 300, width: 200, height: 200))
        }
        let image = try PDFTool.grayImage(of: path, dpi: Self.dpi)
        func level(_ x: Double, _ y: Double) -> Int { Int(image.level(atPoint: x, y, dpi: Self.dpi)) }
        #expect(level(110, 110) < 30 && level(190, 190) < 30, "left half of the stretched image is black")
        #expect(level(210, 110) > 225 && level(290, 190) > 225, "right half is white")
        #expect(level(150, 205) > 250, "nothing below the rectangle")
        // Aspect fit: 2:1 into a square is 200×100, centred, so the black half spans y 350...450.
        #expect(level(360, 340) > 250 && level(360, 460) > 250, "letterboxed above and below")
        #expect(level(360, 360) < 30 && level(440, 440) < 30, "the image sits in the middle")
    }

    @Test func aMissingPNGIsReportedWithItsPath() {
        #expect(throws: PrintingError.cannotLoadImage(path: "/nonexistent/logo.png", status: "file not found")) {
            _ = try PNGImage(path: "/nonexistent/logo.png")
        }
    }
}
