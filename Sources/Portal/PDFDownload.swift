import BillingCore
import BillingStore
import Hummingbird
import Printing
import StatementPrinting

/// PDF downloads — statements, receipts and Good Faith Estimates — drawn from the same stored values as their web pages.
enum PDFDownload {
    /// Collects the PDF's bytes as Cairo streams them out.
    private final class Collector: @unchecked Sendable {
        var buffer = ByteBuffer()
    }

    static func statement(_ stored: StoredStatement, configuration: PortalConfiguration) throws -> Response {
        let link = StatementLink.url(for: stored.statement, accountID: stored.record.accountID, publicURL: configuration.publicURL,
                                     key: configuration.linkSigningKey)
        return try response(filename: "statement-\(stored.record.number).pdf") {
            try StatementPDF(statement: stored.statement, link: link).write(to: $0)
        }
    }

    static func receipt(_ receipt: Receipt) throws -> Response {
        try response(filename: "receipt-\(receipt.number).pdf") { try ReceiptPDF(receipt: receipt).write(to: $0) }
    }

    static func goodFaithEstimate(_ estimate: GoodFaithEstimate) throws -> Response {
        Response(filename: goodFaithEstimateFilename(estimate), pdf: try goodFaithEstimateBytes(estimate))
    }

    /// The GFE's PDF as downloaded, for the desk to email as well.
    static func goodFaithEstimateBytes(_ estimate: GoodFaithEstimate) throws -> ByteBuffer {
        try collect { try GoodFaithEstimatePDF(estimate: estimate).write(to: $0) }
    }

    static func goodFaithEstimateFilename(_ estimate: GoodFaithEstimate) -> String { "good-faith-estimate-\(estimate.number).pdf" }

    private static func collect(_ write: (PDFOutput) throws -> Int) throws -> ByteBuffer {
        let collector = Collector()
        _ = try write(.stream { bytes in collector.buffer.writeBytes(bytes) })
        return collector.buffer
    }

    private static func response(filename: String, _ write: (PDFOutput) throws -> Int) throws -> Response {
        Response(filename: filename, pdf: try collect(write))
    }
}

private extension Response {
    init(filename: String, pdf: ByteBuffer) {
        self.init(status: .ok, headers: [
            .contentType: "application/pdf",
            .contentDisposition: "attachment; filename=\"\(filename)\"",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: pdf))
    }
}
