import Printing

/// Content poured down pages between a top and a bottom line, starting a new page (with its running header and
/// footer) whenever the next piece does not fit. Tables break through `Table.paginate`, repeating their header.
struct PageFlow {
    let document: PDFDocument
    let top: Double
    let bottom: Double
    let left: Double
    let width: Double
    /// Draws what every page of the flow carries: running header, footer, page number.
    let decorate: (inout Page) -> Void

    private(set) var pages: [Page] = []
    private var page: Page
    private(set) var y: Double

    init(document: PDFDocument, top: Double, bottom: Double, left: Double, width: Double,
         decorate: @escaping (inout Page) -> Void) {
        self.document = document
        self.top = top
        self.bottom = bottom
        self.left = left
        self.width = width
        self.decorate = decorate
        page = document.newPage()
        decorate(&page)
        y = top
    }

    mutating func newPage() {
        pages.append(page)
        page = document.newPage()
        decorate(&page)
        y = top
    }

    /// A heading that never ends a page: it moves on with at least `keepWith` points of what follows it.
    mutating func heading(_ text: String, style: TextStyle, keepWith: Double) {
        let height = page.measure(text, width: width, style: style).height
        if y + height + keepWith > bottom, y > top { newPage() }
        page.text(text, at: Point(x: left, y: y), width: width, style: style)
        y += height + 4
    }

    /// Wrapped text, moved whole to the next page when it does not fit.
    mutating func paragraph(_ text: String, style: TextStyle, spacing: Double = 4) {
        let height = page.measure(text, width: width, style: style).height
        if y + height > bottom, y > top { newPage() }
        page.text(text, at: Point(x: left, y: y), width: width, style: style)
        y += height + spacing
    }

    mutating func table(_ table: Table, rows: [TableRow], spacing: Double = 14) throws(PrintingError) {
        let fragments = try table.paginate(rows, first: Rect(x: left, y: y, width: width, height: bottom - y),
                                           next: Rect(x: left, y: top, width: width, height: bottom - top),
                                           using: document)
        for fragment in fragments {
            if fragment.startsNewPage { newPage() }
            page.draw(fragment)
            y = fragment.maxY
        }
        y += spacing
    }

    /// All pages, the one in progress included.
    func finished() -> [Page] { pages + [page] }

    /// For a document that is this flow alone (a receipt, an estimate): writes its pages, numbered, and closes the
    /// document; returns the page count.
    func writeDocument() throws(PrintingError) -> Int {
        let pages = finished()
        try document.write(pages)
        try document.close()
        return pages.count
    }
}
