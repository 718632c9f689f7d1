/// What went wrong while printing, with enough context to find the page, file or row.
public enum PrintingError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Cairo could not create the PDF surface (bad size, out of memory).
    case cannotCreateDocument(status: String)
    /// The output file could not be opened for writing.
    case cannotOpenOutput(path: String, reason: String)
    /// Writing bytes to the output failed; `reason` is the sink's error.
    case writeFailed(reason: String)
    /// Cairo reported an error while drawing or finishing; `page` is 1-based within the document, nil at finish.
    case cairo(status: String, page: Int?)
    /// The document was already closed.
    case documentClosed
    /// A PNG file could not be read.
    case cannotLoadImage(path: String, status: String)
    /// libqrencode could not encode the text (too long for a QR code, or contains NUL).
    case cannotEncodeQRCode(reason: String)
    /// A table row is taller than the space a fresh page gives the table, so no page break can help.
    case tableRowTooTall(row: Int, height: Double, available: Double)

    public var description: String {
        switch self {
        case .cannotCreateDocument(let status): "cannot create the PDF document: \(status)"
        case .cannotOpenOutput(let path, let reason): "cannot open \(path) for writing: \(reason)"
        case .writeFailed(let reason): "writing the PDF failed: \(reason)"
        case .cairo(let status, let page):
            page.map { "Cairo failed on page \($0): \(status)" } ?? "Cairo failed finishing the PDF: \(status)"
        case .documentClosed: "the PDF document is already closed"
        case .cannotLoadImage(let path, let status): "cannot load PNG \(path): \(status)"
        case .cannotEncodeQRCode(let reason): "cannot encode QR code: \(reason)"
        case .tableRowTooTall(let row, let height, let available):
            "table row \(row) is \(height) pt tall but a page has only \(available) pt for it"
        }
    }
}
