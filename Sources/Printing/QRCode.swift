import CQREncode
import Foundation

/// The modules of a QR code (error correction level M, byte mode), encoded once and drawable on any page.
public struct QRCode: Hashable, Sendable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public init(encoding text: String) throws(PrintingError) {
        guard !text.isEmpty else { throw .cannotEncodeQRCode(reason: "the text is empty") }
        // libqrencode takes a C string, so a NUL would silently cut the payload short.
        guard !text.utf8.contains(0) else { throw .cannotEncodeQRCode(reason: "the text contains a NUL character") }
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            let reason = errno == ERANGE ? "\(text.utf8.count) bytes is more than a QR code holds at level M"
                                         : "libqrencode error \(errno)"
            throw .cannotEncodeQRCode(reason: reason)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        // Bit 0 of each byte is the module colour; the other bits are libqrencode's bookkeeping.
        modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }
}
