/// Reads segments one at a time from a byte source, holding only the unread part of the current chunk.
///
/// Delimiters come from each ISA (its 4th character, ISA11, ISA16 and the character after ISA16), so
/// concatenated interchanges may each use their own. A file that starts at ST instead uses the character after
/// "ST" between elements, `~` between segments and `:` between components (see `X12Separators.unenveloped`).
/// Line breaks, spaces and tabs before a segment are skipped, and so are empty segments.
public struct X12SegmentReader<Source: X12ByteSource> {
    /// Longer than any real segment; stops a file with no terminators from growing the buffer without limit.
    static var maximumSegmentLength: Int { 1 << 20 }
    /// Enough for an ISA whose elements are not padded to their fixed widths, or padded too much.
    static var isaLookahead: Int { 512 }

    private var source: Source
    private var buffer: [UInt8] = []
    private var position = 0
    private var sourceEnded = false
    private var segmentCount = 0
    public private(set) var separators: X12Separators?

    public init(source: Source) {
        self.source = source
    }

    /// The next segment, or nil at the end of the file.
    public mutating func next() throws(X12Error) -> X12Segment? {
        guard try skipToSegmentStart() else { return nil }
        let number = segmentCount + 1
        if try startsInterchange() {
            separators = try readInterchangeSeparators(number: number)
        } else if separators == nil {
            separators = try unenvelopedSeparators(number: number)
        }
        guard let separators else {
            throw X12Error(segmentNumber: number, segmentID: "", reason: "no delimiters known")
        }
        let end = try findTerminator(separators.segment, number: number)
        segmentCount = number
        let bytes = buffer[position..<end]
        position = end + 1
        compactBuffer()
        return try makeSegment(bytes, number: number, separators: separators)
    }

    private func makeSegment(_ bytes: ArraySlice<UInt8>, number: Int, separators: X12Separators) throws(X12Error) -> X12Segment {
        let fields = bytes.split(separator: separators.element, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        let id = fields.first ?? ""
        let validID = (2...3).contains(id.utf8.count)
            && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
        guard validID else {
            throw X12Error(segmentNumber: number, segmentID: String(id.prefix(10)),
                           reason: "'\(id.prefix(20))' is not a segment id (2 or 3 capital letters or digits)")
        }
        return X12Segment(number: number, id: id, elements: Array(fields.dropFirst()), separators: separators)
    }

    /// Moves past whitespace, a byte-order mark at the start and empty segments; false at the end of the file.
    private mutating func skipToSegmentStart() throws(X12Error) -> Bool {
        if segmentCount == 0, try startsWith("\u{FEFF}") { position += 3 }
        while true {
            if position >= buffer.count, !(try fill()) { return false }
            let byte = buffer[position]
            let isSpace = byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09
            guard isSpace || byte == separators?.segment else { return true }
            position += 1
        }
    }

    private mutating func readInterchangeSeparators(number: Int) throws(X12Error) -> X12Separators {
        try ensureAvailable(Self.isaLookahead)
        let failure = X12Error(segmentNumber: number, segmentID: "ISA",
                               reason: "ISA is incomplete: its 16 elements and the segment terminator were not found")
        guard position + 3 < buffer.count else { throw failure }
        let element = buffer[position + 3]
        var separatorOffsets: [Int] = []
        var index = position + 3
        let limit = min(buffer.count, position + Self.isaLookahead)
        while index < limit, separatorOffsets.count < 16 {
            if buffer[index] == element { separatorOffsets.append(index) }
            index += 1
        }
        guard separatorOffsets.count == 16, let last = separatorOffsets.last, last + 2 < buffer.count else {
            throw failure
        }
        let isa11 = buffer[(separatorOffsets[10] + 1)..<separatorOffsets[11]]
        let repetition = isa11.count == 1 ? isa11.first : nil
        guard let separators = X12Separators.validated(element: element, component: buffer[last + 1],
                                                       repetition: repetition, segment: buffer[last + 2]) else {
            throw X12Error(segmentNumber: number, segmentID: "ISA",
                           reason: "ISA delimiters are unusable: they must differ and not be letters, digits or spaces")
        }
        return separators
    }

    private mutating func unenvelopedSeparators(number: Int) throws(X12Error) -> X12Separators {
        try ensureAvailable(3)
        let available = buffer.count - position
        guard available >= 3, buffer[position] == UInt8(ascii: "S"), buffer[position + 1] == UInt8(ascii: "T"),
              let separators = X12Separators.validated(element: buffer[position + 2], component: UInt8(ascii: ":"),
                                                       repetition: nil, segment: UInt8(ascii: "~")) else {
            throw X12Error(segmentNumber: number, segmentID: "",
                           reason: "the file starts with neither an ISA nor an ST segment")
        }
        return separators
    }

    /// The index of the terminator ending the segment that starts at `position`.
    private mutating func findTerminator(_ terminator: UInt8, number: Int) throws(X12Error) -> Int {
        var searchFrom = position
        while true {
            if let end = buffer[searchFrom...].firstIndex(of: terminator) { return end }
            searchFrom = buffer.count
            if buffer.count - position > Self.maximumSegmentLength {
                throw X12Error(segmentNumber: number, segmentID: "",
                               reason: "no segment terminator within \(Self.maximumSegmentLength) bytes")
            }
            guard try fill() else {
                let start = buffer[position..<min(buffer.count, position + 3)]
                throw X12Error(segmentNumber: number, segmentID: String(decoding: start, as: UTF8.self),
                               reason: "the file ends inside a segment that has no terminator (truncated?)")
            }
        }
    }

    private mutating func startsWith(_ text: String) throws(X12Error) -> Bool {
        let prefix = Array(text.utf8)
        try ensureAvailable(prefix.count)
        return buffer.count - position >= prefix.count
            && buffer[position..<(position + prefix.count)].elementsEqual(prefix)
    }

    /// "ISA" followed by a delimiter, not by more letters of a longer id.
    private mutating func startsInterchange() throws(X12Error) -> Bool {
        guard try startsWith("ISA") else { return false }
        try ensureAvailable(4)
        return buffer.count - position >= 4 && !X12Separators.isAlphanumeric(buffer[position + 3])
    }

    private mutating func ensureAvailable(_ count: Int) throws(X12Error) {
        while buffer.count - position < count, try fill() {}
    }

    private mutating func fill() throws(X12Error) -> Bool {
        guard !sourceEnded else { return false }
        guard let chunk = try source.nextChunk(), !chunk.isEmpty else {
            sourceEnded = true
            return false
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    /// Drops consumed bytes once they are most of the buffer, so memory stays near one chunk plus one segment.
    private mutating func compactBuffer() {
        if position >= 64 * 1024, position * 2 >= buffer.count {
            buffer.removeFirst(position)
            position = 0
        }
    }
}
