import BillingCore

/// Damages a sample the ways files get damaged in transit and by careless senders.
public enum X12Mutation: CaseIterable, Sendable {
    case truncate, swapSeparators, dropSegment, duplicateSegment, garbleDigits, randomBytes, insertBytes

    public func apply(to bytes: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var result = bytes
        switch self {
        case .truncate:
            result.removeLast(Int.random(in: 1...result.count, using: &rng))
        case .swapSeparators:
            let delimiters = Array("*:~^|>\n".utf8)
            let from = delimiters.randomElement(using: &rng) ?? 0
            let to = delimiters.randomElement(using: &rng) ?? 0
            result = result.map { $0 == from ? to : ($0 == to ? from : $0) }
        case .dropSegment, .duplicateSegment:
            var segments = result.split(separator: UInt8(ascii: "~"), omittingEmptySubsequences: false).map(Array.init)
            let index = Int.random(in: 0..<segments.count, using: &rng)
            if self == .dropSegment { segments.remove(at: index) } else { segments.insert(segments[index], at: index) }
            result = Array(segments.joined(separator: [UInt8(ascii: "~")]))
        case .garbleDigits:
            let digits = result.indices.filter { result[$0] >= 0x30 && result[$0] <= 0x39 }
            let replacements = Array("0123456789.-A ".utf8)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                if let index = digits.randomElement(using: &rng) {
                    result[index] = replacements.randomElement(using: &rng) ?? 0
                }
            }
        case .randomBytes:
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                result[Int.random(in: 0..<result.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
        case .insertBytes:
            let noise = (0..<Int.random(in: 1...16, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            result.insert(contentsOf: noise, at: Int.random(in: 0...result.count, using: &rng))
        }
        return result
    }
}
