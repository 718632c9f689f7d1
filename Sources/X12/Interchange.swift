/// ISA to IEA.
public struct Interchange: Equatable, Sendable {
    /// ISA06 and ISA08, without their padding.
    public var senderID: String
    public var receiverID: String
    /// ISA13.
    public var controlNumber: String
    /// ISA12, e.g. 00501 or 00401.
    public var versionNumber: String
    /// ISA15: P production, T test.
    public var usage: String
    public var segmentNumber: Int
    /// Empty in `RemittanceEvent.interchangeStarted`; filled by `RemittanceFile`.
    public var groups: [FunctionalGroup]
}

/// GS to GE.
public struct FunctionalGroup: Equatable, Sendable {
    public var senderCode: String
    public var receiverCode: String
    /// GS06.
    public var controlNumber: String
    /// GS08, e.g. 005010X221A1 or 004010X091A1. Any version is read; this says which one it was.
    public var version: String
    public var segmentNumber: Int
    /// Empty in `RemittanceEvent.groupStarted`; filled by `RemittanceFile`.
    public var remittances: [Remittance]
}

extension Interchange {
    init(isa segment: X12Segment) throws(X12Error) {
        guard segment.elements.count == 16 else {
            throw segment.error("ISA has \(segment.elements.count) elements, not 16")
        }
        guard let controlNumber = segment.optionalElement(13) else { throw segment.error("ISA13 is empty") }
        senderID = String(segment.element(6).trimmingSpaces)
        receiverID = String(segment.element(8).trimmingSpaces)
        self.controlNumber = controlNumber
        versionNumber = segment.element(12)
        usage = segment.element(15)
        segmentNumber = segment.number
        groups = []
    }
}

extension FunctionalGroup {
    init(gs segment: X12Segment) throws(X12Error) {
        guard let controlNumber = segment.optionalElement(6) else { throw segment.error("GS06 is empty") }
        senderCode = segment.element(2)
        receiverCode = segment.element(3)
        self.controlNumber = controlNumber
        version = segment.element(8)
        segmentNumber = segment.number
        remittances = []
    }
}
