/// One segment: its id, its elements as text, its 1-based number in the file and the delimiters it was read with
/// (needed to split composite elements).
public struct X12Segment: Equatable, Sendable {
    public let number: Int
    public let id: String
    /// Elements after the id; `element(1)` is the first of them, as in "CLP01".
    public let elements: [String]
    public let separators: X12Separators

    public init(number: Int, id: String, elements: [String], separators: X12Separators) {
        self.number = number
        self.id = id
        self.elements = elements
        self.separators = separators
    }

    /// The element at a 1-based position, or "" when the segment is shorter: X12 drops trailing empty elements.
    public func element(_ position: Int) -> String {
        position >= 1 && position <= elements.count ? elements[position - 1] : ""
    }

    /// The element, or nil when it is empty.
    public func optionalElement(_ position: Int) -> String? {
        let value = element(position)
        return value.isEmpty ? nil : value
    }

    /// A composite element split into its components.
    ///
    /// Some payers write composites with a separator other than the one ISA16 declares (secondary-payment.835 says
    /// `:` but writes `HC>12345>26`). When the declared separator is absent and the third character, right after a
    /// two-letter qualifier, is one of `>`, `:` or `^`, that character is taken as the separator instead.
    public func components(_ position: Int) -> [String] {
        let value = element(position)
        let declared = Character(Unicode.Scalar(separators.component))
        if value.contains(declared) {
            return value.split(separator: declared, omittingEmptySubsequences: false).map(String.init)
        }
        let characters = Array(value)
        if characters.count > 3, characters[0].isLetter, characters[1].isLetter,
           X12Segment.fallbackComponentSeparators.contains(characters[2]) {
            return value.split(separator: characters[2], omittingEmptySubsequences: false).map(String.init)
        }
        return [value]
    }

    private static let fallbackComponentSeparators: Set<Character> = [">", ":", "^"]

    /// An error about this segment.
    func error(_ reason: String) -> X12Error {
        X12Error(segmentNumber: number, segmentID: id, reason: reason)
    }
}
