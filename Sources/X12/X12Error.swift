/// Why a file could not be read, and where: the 1-based number of the segment (counted from the start of the
/// file, across interchanges) and its id. Problems before the first segment, such as an unreadable file, use
/// segment number 0 and an empty id.
public struct X12Error: Error, Equatable, Sendable, CustomStringConvertible {
    public let segmentNumber: Int
    public let segmentID: String
    public let reason: String

    public init(segmentNumber: Int, segmentID: String, reason: String) {
        self.segmentNumber = segmentNumber
        self.segmentID = segmentID
        self.reason = reason
    }

    public var description: String {
        segmentNumber == 0 ? reason : "segment \(segmentNumber) (\(segmentID)): \(reason)"
    }
}
