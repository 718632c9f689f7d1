import CCairo
import Foundation

/// A PDF written page by page through Cairo. Pages are painted and handed to the output as they are written, so
/// a batch of thousands of statements runs in flat memory. Call `close()` to finish the file and free Cairo.
///
/// Numbering: `write(_:)` takes the pages of one piece (a statement, an estimate) together, so every
/// `Page.pageNumber` on them reads "Page n of m" within that piece. A layout builds all pages of its piece first,
/// then writes them.
public final class PDFDocument {
    public struct Metadata: Sendable {
        public var title: String?
        public var author: String?
        public var subject: String?
        /// The application, e.g. "Clearbill 1.4".
        public var creator: String?
        /// Fixed for statements so that rendering a stored statement again gives the same bytes; Cairo stamps the
        /// current time when nil.
        public var creationDate: Date?

        public init(title: String? = nil, author: String? = nil, subject: String? = nil, creator: String? = nil,
                    creationDate: Date? = nil) {
            self.title = title
            self.author = author
            self.subject = subject
            self.creator = creator
            self.creationDate = creationDate
        }
    }

    public let pageSize: Size
    /// Pages written so far.
    public private(set) var pageCount = 0

    let typesetter = Typesetter()
    private let sink: OutputSink
    private var surface: OpaquePointer?
    private var cairo: OpaquePointer?
    private var surfaceSize: Size

    public init(output: PDFOutput, pageSize: Size = .usLetter, metadata: Metadata = Metadata()) throws(PrintingError) {
        self.pageSize = pageSize
        surfaceSize = pageSize
        sink = try OutputSink(output)
        let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            let sink = Unmanaged<OutputSink>.fromOpaque(closure!).takeUnretainedValue()
            let accepted = sink.append(UnsafeRawBufferPointer(start: data, count: Int(length)))
            return accepted ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }, Unmanaged.passUnretained(sink).toOpaque(), pageSize.width, pageSize.height)!
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            _ = sink.finish()
            throw .cannotCreateDocument(status: String(cString: cairo_status_to_string(status)))
        }
        self.surface = surface
        cairo = cairo_create(surface)
        let fields: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject), (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
            (CAIRO_PDF_METADATA_CREATE_DATE, metadata.creationDate.map(Self.pdfDate)),
        ]
        for case let (field, value?) in fields { cairo_pdf_surface_set_metadata(surface, field, value) }
    }

    deinit { release() }

    public func newPage() -> Page { Page(size: pageSize, typesetter: typesetter) }

    public func newPage(size: Size) -> Page { Page(size: size, typesetter: typesetter) }

    /// Paints `pages` in order, numbering them 1...pages.count for `Page.pageNumber`. Returns their 1-based page
    /// numbers within the whole document (what a mail-house manifest calls first page and page count).
    @discardableResult
    public func write(_ pages: [Page]) throws(PrintingError) -> Range<Int> {
        guard let surface, let cairo else { throw .documentClosed }
        let first = pageCount + 1
        for (index, page) in pages.enumerated() {
            if page.size != surfaceSize {
                cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
                surfaceSize = page.size
            }
            PageRenderer.render(page, number: index + 1, total: pages.count, on: cairo)
            cairo_show_page(cairo)
            pageCount += 1
            try check(page: pageCount)
        }
        return first..<(pageCount + 1)
    }

    /// Builds and writes a single page, numbered 1 of 1.
    public func addPage(size: Size? = nil, _ build: (inout Page) -> Void) throws(PrintingError) {
        var page = newPage(size: size ?? pageSize)
        build(&page)
        try write([page])
    }

    /// Writes the rest of the PDF (fonts, page tree), flushes and closes the output, and frees Cairo. Calling it
    /// again throws `documentClosed`.
    public func close() throws(PrintingError) {
        guard let surface, let cairo else { throw .documentClosed }
        cairo_destroy(cairo)
        self.cairo = nil
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        self.surface = nil
        let failure = sink.finish()
        if let failure { throw .writeFailed(reason: failure) }
        if status != CAIRO_STATUS_SUCCESS { throw .cairo(status: String(cString: cairo_status_to_string(status)), page: nil) }
    }

    private func check(page: Int) throws(PrintingError) {
        guard let cairo else { return }
        let status = cairo_status(cairo)
        guard status == CAIRO_STATUS_SUCCESS else {
            if let failure = sink.failure { throw .writeFailed(reason: failure) }
            throw .cairo(status: String(cString: cairo_status_to_string(status)), page: page)
        }
    }

    /// For a document dropped without `close()`: Cairo still finishes the file so the output is a valid PDF.
    private func release() {
        if let cairo { cairo_destroy(cairo) }
        if let surface {
            cairo_surface_finish(surface)
            cairo_surface_destroy(surface)
            _ = sink.finish()
        }
        cairo = nil
        surface = nil
    }

    private static func pdfDate(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
