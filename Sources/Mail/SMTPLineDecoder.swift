import NIOCore

/// Splits the byte stream into lines at LF, dropping the CR before it (RFC 5321 §2.3.8). A line longer than
/// `maximumLength` is an error rather than a buffer that grows without end.
public struct SMTPLineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = String

    public struct LineTooLong: Error {}

    let maximumLength: Int

    public init(maximumLength: Int) { self.maximumLength = maximumLength }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLength { throw LineTooLong() }
            return .needMoreData
        }
        let length = view.distance(from: view.startIndex, to: newline)
        guard length <= maximumLength + 1, var line = buffer.readString(length: length) else { throw LineTooLong() }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.utf8.last == UInt8(ascii: "\r") { line = String(line.utf8.dropLast())! }
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
