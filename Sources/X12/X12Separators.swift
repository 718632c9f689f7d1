/// The four delimiters of an interchange, as bytes.
public struct X12Separators: Equatable, Sendable {
    public let element: UInt8
    public let component: UInt8
    /// ISA11 when it is a delimiter; 004010 files use ISA11 as a standards identifier ("U") and have none.
    public let repetition: UInt8?
    public let segment: UInt8

    public init(element: UInt8, component: UInt8, repetition: UInt8?, segment: UInt8) {
        self.element = element
        self.component = component
        self.repetition = repetition
        self.segment = segment
    }

    /// Used for a file that starts at ST with no ISA to declare its delimiters (blue-cross-nc-no-envelope.835):
    /// the element separator is whatever follows "ST"; `~` ending segments and `:` between components are the
    /// conventional choices, since nothing in such a file can say otherwise.
    static func unenveloped(element: UInt8) -> X12Separators {
        X12Separators(element: element, component: UInt8(ascii: ":"), repetition: nil, segment: UInt8(ascii: "~"))
    }

    /// Nil when the delimiters could not work: letters or digits, or two of them the same.
    static func validated(element: UInt8, component: UInt8, repetition: UInt8?, segment: UInt8) -> X12Separators? {
        let required = [element, component, segment]
        guard Set(required).count == 3, required.allSatisfy(isDelimiterByte) else { return nil }
        let usableRepetition = repetition.flatMap { isDelimiterByte($0) && !required.contains($0) ? $0 : nil }
        return X12Separators(element: element, component: component, repetition: usableRepetition, segment: segment)
    }

    static func isDelimiterByte(_ byte: UInt8) -> Bool {
        !isAlphanumeric(byte) && byte != UInt8(ascii: " ")
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
