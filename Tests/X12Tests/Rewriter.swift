@testable import X12

/// Writes a sample's segments back out with other delimiters, as another sender might have.
struct Rewriter {
    var element: Character
    var component: Character
    var repetition: Character
    var terminator: Character
    /// Written after each terminator, e.g. "\n" or "\r\n".
    var lineBreak = ""

    func rewrite(_ bytes: [UInt8]) throws -> String {
        try SampleData.segments(bytes).map(rewrite).joined()
    }

    func rewrite(_ segment: X12Segment) -> String {
        let oldComponent = Character(Unicode.Scalar(segment.separators.component))
        let oldRepetition = segment.separators.repetition.map { Character(Unicode.Scalar($0)) }
        var fields = segment.elements.map { String($0.map { $0 == oldComponent ? component : $0 }) }
        if segment.id == "ISA", fields.count == 16 {
            if let oldRepetition, fields[10] == String(oldRepetition) { fields[10] = String(repetition) }
            fields[15] = String(component)
        }
        return ([segment.id] + fields).joined(separator: String(element)) + String(terminator) + lineBreak
    }
}

extension String {
    /// Replaces the first occurrence only, to change one element of a sample.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
