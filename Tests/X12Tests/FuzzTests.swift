import Foundation
import Testing
@testable import X12

/// SplitMix64: a small seeded generator, so a failing mutation can be reproduced from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Damages a sample the ways files get damaged in transit and by careless senders.
enum Mutation: CaseIterable {
    case truncate, swapSeparators, dropSegment, duplicateSegment, garbleDigits, randomBytes, insertBytes

    func apply(to bytes: [UInt8], using rng: inout SeededGenerator) -> [UInt8] {
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

@Suite struct FuzzTests {
    /// Every mutated file either reads or throws an X12Error (the typed throw guarantees no other error);
    /// none crashes or hangs. The large de-identified sample is cut to its first 8 KB to keep the run short.
    @Test func mutatedSamplesReadOrThrowX12Error() throws {
        let samples = try SampleData.names.map { Array(try SampleData.bytes($0).prefix(8 * 1024)) }
        var rng = SeededGenerator(seed: 835)
        var read = 0
        var refused: [Mutation: Int] = [:]
        let started = Date()
        for round in 0..<3_000 {
            let mutation = Mutation.allCases[round % Mutation.allCases.count]
            let mutated = mutation.apply(to: samples[round % samples.count], using: &rng)
            do {
                let file = try RemittanceFile.read(bytes: mutated, options: RemittanceReadOptions(acceptsCountMismatches: round % 2 == 0))
                _ = file.balanceProblems()
                read += 1
            } catch {
                #expect(!error.reason.isEmpty)
                #expect(error.segmentNumber >= 0)
                refused[mutation, default: 0] += 1
            }
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(seconds < 20, "3,000 mutated files took \(seconds) s")
        #expect(read > 0, "some mutations (e.g. a garbled name) must still read")
        #expect(Set(refused.keys) == Set(Mutation.allCases), "every kind of damage must be caught at least once")
    }

    @Test func generatorIsDeterministic() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(Set(first).count == 4)
    }
}
