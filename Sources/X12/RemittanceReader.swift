/// What the reader found next, in file order.
public enum RemittanceEvent: Equatable, Sendable {
    case interchangeStarted(Interchange)
    case groupStarted(FunctionalGroup)
    case remittance(Remittance)
    case groupEnded
    case interchangeEnded
}

/// How strictly a `RemittanceReader` treats envelope counts.
public struct RemittanceReadOptions: Sendable {
    /// Record a wrong SE01, GE01 or IEA01 count in `countMismatches` and read on, instead of throwing. Off by
    /// default: a wrong count may mean lost segments. Public samples cut from longer files need it
    /// (blue-cross-nc-no-envelope.835 says SE*33 but holds 32 segments). Control numbers are always checked.
    public var acceptsCountMismatches: Bool

    public init(acceptsCountMismatches: Bool = false) {
        self.acceptsCountMismatches = acceptsCountMismatches
    }
}

/// Reads an 835 file one transaction set at a time and checks its envelopes: SE01 counts the segments from ST to SE,
/// SE02 = ST02, GE01 counts the transaction sets and GE02 = GS06, IEA01 counts the groups and IEA02 = ISA13.
/// Memory stays at one transaction set plus one chunk of the file, whatever the file's size.
public struct RemittanceReader<Source: X12ByteSource> {
    private var segments: X12SegmentReader<Source>
    private let options: RemittanceReadOptions
    private var interchange: (header: Interchange, groupCount: Int)?
    private var group: (header: FunctionalGroup, transactionCount: Int)?
    /// Count mismatches read past under `RemittanceReadOptions.acceptsCountMismatches`.
    public private(set) var countMismatches: [X12Error] = []

    public init(source: Source, options: RemittanceReadOptions = RemittanceReadOptions()) {
        segments = X12SegmentReader(source: source)
        self.options = options
    }

    /// The next event, or nil at the end of a file whose envelopes are all closed.
    public mutating func next() throws(X12Error) -> RemittanceEvent? {
        guard let segment = try segments.next() else {
            try checkEnvelopesClosed()
            return nil
        }
        switch segment.id {
        case "ISA": return try startInterchange(segment)
        case "GS": return try startGroup(segment)
        case "ST": return .remittance(try readTransaction(st: segment))
        case "GE": return try endGroup(segment)
        case "IEA": return try endInterchange(segment)
        default: throw segment.error("\(segment.id) is outside any transaction set (no ST before it)")
        }
    }

    private mutating func startInterchange(_ segment: X12Segment) throws(X12Error) -> RemittanceEvent {
        if let open = interchange {
            throw segment.error("ISA comes before the IEA of interchange \(open.header.controlNumber)")
        }
        let header = try Interchange(isa: segment)
        interchange = (header, 0)
        return .interchangeStarted(header)
    }

    private mutating func startGroup(_ segment: X12Segment) throws(X12Error) -> RemittanceEvent {
        guard interchange != nil else { throw segment.error("GS is outside any interchange (no ISA before it)") }
        if let open = group { throw segment.error("GS comes before the GE of group \(open.header.controlNumber)") }
        let header = try FunctionalGroup(gs: segment)
        group = (header, 0)
        return .groupStarted(header)
    }

    /// Reads ST to SE. A file with no envelope at all may hold bare transaction sets.
    private mutating func readTransaction(st: X12Segment) throws(X12Error) -> Remittance {
        if interchange != nil, group == nil { throw st.error("ST is outside any functional group (no GS before it)") }
        var builder = try RemittanceBuilder(st: st)
        while let segment = try segments.next() {
            switch segment.id {
            case "SE":
                let remittance = try builder.finish(se: segment)
                try checkCount(segment, stated: "segments", actual: builder.segmentCount,
                               of: "transaction set \(builder.controlNumber)")
                group?.transactionCount += 1
                return remittance
            case "ISA", "IEA", "GS", "GE", "ST":
                throw segment.error("\(segment.id) comes before the SE of transaction set \(builder.controlNumber)")
            default:
                try builder.add(segment)
            }
        }
        throw st.error("the file ends before the SE of transaction set \(builder.controlNumber)")
    }

    private mutating func endGroup(_ segment: X12Segment) throws(X12Error) -> RemittanceEvent {
        guard let open = group else { throw segment.error("GE without a GS") }
        try checkCount(segment, stated: "transaction sets", actual: open.transactionCount,
                       of: "group \(open.header.controlNumber)")
        guard segment.element(2).trimmingSpaces == open.header.controlNumber.trimmingSpaces else {
            throw segment.error("GE02 '\(segment.element(2).prefix(20))' does not match GS06 '\(open.header.controlNumber)'")
        }
        group = nil
        interchange?.groupCount += 1
        return .groupEnded
    }

    private mutating func endInterchange(_ segment: X12Segment) throws(X12Error) -> RemittanceEvent {
        guard let open = interchange else { throw segment.error("IEA without an ISA") }
        if let openGroup = group {
            throw segment.error("IEA comes before the GE of group \(openGroup.header.controlNumber)")
        }
        try checkCount(segment, stated: "functional groups", actual: open.groupCount,
                       of: "interchange \(open.header.controlNumber)")
        guard segment.element(2).trimmingSpaces == open.header.controlNumber.trimmingSpaces else {
            throw segment.error("IEA02 '\(segment.element(2).prefix(20))' does not match ISA13 '\(open.header.controlNumber)'")
        }
        interchange = nil
        return .interchangeEnded
    }

    private func checkEnvelopesClosed() throws(X12Error) {
        if let open = group {
            throw X12Error(segmentNumber: open.header.segmentNumber, segmentID: "GS",
                           reason: "the file ends before the GE of group \(open.header.controlNumber)")
        }
        if let open = interchange {
            throw X12Error(segmentNumber: open.header.segmentNumber, segmentID: "ISA",
                           reason: "the file ends before the IEA of interchange \(open.header.controlNumber)")
        }
    }

    /// Element 1 of SE, GE and IEA counts what the envelope closes.
    private mutating func checkCount(_ segment: X12Segment, stated noun: String, actual: Int, of owner: String)
        throws(X12Error) {
        let name = X12Value.name(segment, 1)
        guard let declared = Int(segment.element(1).trimmingSpaces), declared >= 0 else {
            throw segment.error("\(name) '\(segment.element(1).prefix(20))' is not a count")
        }
        guard declared != actual else { return }
        let mismatch = segment.error("\(name) says \(declared) \(noun) but \(owner) has \(actual)")
        guard options.acceptsCountMismatches else { throw mismatch }
        countMismatches.append(mismatch)
    }
}
