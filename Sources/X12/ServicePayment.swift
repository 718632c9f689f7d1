/// SVC loop (2110): how the payer settled one line of a claim.
public struct ServicePayment: Equatable, Sendable {
    /// A composite procedure identifier such as HC:11102:25.
    public struct Procedure: Equatable, Sendable {
        /// HC (CPT/HCPCS), NU (revenue code), ...
        public var qualifier: String
        public var code: String
        /// Up to four modifiers.
        public var modifiers: [String]
    }

    /// SVC01.
    public var procedure: Procedure
    /// SVC02; zero when empty (blue-cross-nc-no-envelope.835 has a line with SVC02 and SVC03 empty, and reading
    /// it as zero keeps the line visible without posting anything for it).
    public var chargeCents: Int64
    /// SVC03; zero when empty, as SVC02.
    public var paidCents: Int64
    /// SVC05, units paid, as written (e.g. "1", "1.00").
    public var units: String?
    /// SVC06: the procedure as billed, when the payer paid it under another code.
    public var originalProcedure: Procedure?
    /// DTM*472.
    public var serviceDate: X12Date?
    /// DTM*150.
    public var periodStart: X12Date?
    /// DTM*151.
    public var periodEnd: X12Date?
    /// REF*6R: the practice's line control number, the best key to match the line.
    public var lineControlNumber: String?
    /// AMT*B6.
    public var allowedCents: Int64?
    /// LQ*HE remark codes.
    public var remarkCodes: [String]
    public var adjustments: [ClaimAdjustment]
    /// Number of the SVC segment in the file.
    public var segmentNumber: Int
}

extension ServicePayment {
    init(svc segment: X12Segment) throws(X12Error) {
        procedure = try Procedure(segment, 1)
        chargeCents = try X12Value.centsOrZero(segment, 2)
        paidCents = try X12Value.centsOrZero(segment, 3)
        units = try X12Value.optionalQuantity(segment, 5)
        originalProcedure = segment.element(6).isEmpty ? nil : try Procedure(segment, 6)
        remarkCodes = []
        adjustments = []
        segmentNumber = segment.number
    }

    /// Takes a segment of the service loop that is not an SVC or CAS; segments Clearbill does not use are skipped.
    mutating func read(serviceSegment segment: X12Segment) throws(X12Error) {
        switch (segment.id, segment.element(1)) {
        case ("DTM", "472"): serviceDate = try X12Value.requiredDate(segment, 2)
        case ("DTM", "150"): periodStart = try X12Value.requiredDate(segment, 2)
        case ("DTM", "151"): periodEnd = try X12Value.requiredDate(segment, 2)
        case ("REF", "6R"): lineControlNumber = try X12Value.required(segment, 2)
        case ("AMT", "B6"): allowedCents = try X12Value.requiredCents(segment, 2)
        case ("LQ", "HE"): remarkCodes.append(try X12Value.required(segment, 2))
        default: break
        }
    }
}

extension ServicePayment.Procedure {
    init(_ segment: X12Segment, _ position: Int) throws(X12Error) {
        let parts = segment.components(position)
        let name = X12Value.name(segment, position)
        guard parts.count >= 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw segment.error("\(name) '\(segment.element(position).prefix(30))' is not a qualifier and a procedure code")
        }
        guard parts.count <= 7 else { throw segment.error("\(name) has more than four modifiers and a description") }
        qualifier = parts[0]
        code = parts[1]
        // Components 3 to 6 are modifiers; a 7th is a description, which Clearbill does not use.
        modifiers = parts.dropFirst(2).prefix(4).filter { !$0.isEmpty }
    }
}
