import BillingCore
import BillingStore
import Hummingbird
import Printing
import StatementPrinting

/// A statement as a PDF download, drawn from the same stored value as the web page, with its signed link in the QR code.
enum StatementDownload {
    /// Collects the PDF's bytes as Cairo streams them out.
    private final class Collector: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    static func response(_ stored: StoredStatement, configuration: PortalConfiguration) throws -> Response {
        let link = StatementLink.url(for: stored.statement, accountID: stored.record.accountID, publicURL: configuration.publicURL,
                                     key: configuration.linkSigningKey)
        let collector = Collector()
        try StatementPDF(statement: stored.statement, link: link).write(to: .stream { bytes in collector.buffer.writeBytes(bytes) })
        return Response(status: .ok, headers: [
            .contentType: "application/pdf",
            .contentDisposition: "attachment; filename=\"statement-\(stored.record.number).pdf\"",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: collector.buffer))
    }
}
