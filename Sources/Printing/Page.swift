/// One page's drawing, recorded as values and painted when the document writes the page. Recording first is what
/// lets "Page n of m" be drawn after a layout has decided how many pages a statement takes.
///
/// Coordinates are points from the top-left corner. Get a page from `PDFDocument.newPage()`; it measures text
/// with that document's fonts.
public struct Page {
    public let size: Size
    let typesetter: Typesetter
    private(set) var commands: [DrawCommand] = []

    init(size: Size, typesetter: Typesetter) {
        self.size = size
        self.typesetter = typesetter
    }

    /// The size `text` takes when drawn with the same arguments.
    public func measure(_ text: String, width: Double? = nil, style: TextStyle = .body) -> TextMetrics {
        typesetter.measure(text, width: width, style: style)
    }

    /// Text with the top of its first line at `origin.y`. Without a width it stays on one line (apart from line
    /// breaks in the text) and `origin.x` is its left edge, right edge or centre according to `style.alignment`.
    /// With a width it wraps (or ends in "…", per `style.overflow`) and is aligned inside `origin.x ... + width`.
    public mutating func text(_ text: String, at origin: Point, width: Double? = nil, style: TextStyle = .body) {
        commands.append(.text(text, origin, width: width, style))
    }

    /// Text that depends on the page's number and the number of pages written with it (see
    /// `PDFDocument.write(_:)`), placed like `text(_:at:width:style:)`.
    public mutating func pageNumber(at origin: Point, width: Double? = nil, style: TextStyle = .body,
                                    format: @escaping (_ number: Int, _ total: Int) -> String = Page.pageOfTotal) {
        commands.append(.pageNumber(origin, width: width, style, format))
    }

    public static func pageOfTotal(_ number: Int, _ total: Int) -> String { "Page \(number) of \(total)" }

    public mutating func line(from start: Point, to end: Point, stroke: Stroke = .hairline) {
        commands.append(.line(start, end, stroke))
    }

    /// A rectangle outlined with `stroke` (nil for none) and filled with `fill` (nil for none).
    public mutating func box(_ rect: Rect, stroke: Stroke? = .hairline, fill: Color? = nil, cornerRadius: Double = 0) {
        commands.append(.box(rect, stroke: stroke, fill: fill, cornerRadius: cornerRadius))
    }

    public mutating func image(_ image: PNGImage, in rect: Rect, fit: ImageFit = .aspectFit) {
        var target = rect
        if fit == .aspectFit, image.pixelWidth > 0, image.pixelHeight > 0 {
            let scale = min(rect.width / Double(image.pixelWidth), rect.height / Double(image.pixelHeight))
            let size = Size(width: Double(image.pixelWidth) * scale, height: Double(image.pixelHeight) * scale)
            target = Rect(x: rect.minX + (rect.width - size.width) / 2, y: rect.minY + (rect.height - size.height) / 2,
                          width: size.width, height: size.height)
        }
        commands.append(.image(image, target))
    }

    /// A QR code whose square, quiet zone included, has its top-left corner at `origin` and sides of `side`
    /// points. The quiet zone (4 modules, as the standard asks) is painted white so nothing behind it confuses
    /// a phone camera.
    public mutating func qrCode(_ code: QRCode, at origin: Point, side: Double, quietZone: Int = 4) {
        commands.append(.qrCode(code, Rect(origin: origin, size: Size(width: side, height: side)),
                                quietZone: max(0, quietZone)))
    }

    /// One piece of a table from `Table.paginate`, drawn where pagination placed it.
    public mutating func draw(_ fragment: TableFragment) {
        fragment.record(on: &self)
    }
}

enum DrawCommand {
    case text(String, Point, width: Double?, TextStyle)
    case pageNumber(Point, width: Double?, TextStyle, (Int, Int) -> String)
    case line(Point, Point, Stroke)
    case box(Rect, stroke: Stroke?, fill: Color?, cornerRadius: Double)
    case image(PNGImage, Rect)
    case qrCode(QRCode, Rect, quietZone: Int)
}
