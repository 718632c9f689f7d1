import Foundation
import BillingCore
import FuzzSupport
import Testing
@testable import X12

@Suite struct FuzzTests {
    /// Every mutated file either reads or throws an X12Error (the typed throw guarantees no other error);
    /// none crashes or hangs. The large de-identified sample is cut to its first 8 KB to keep the run short.
    @Test func mutatedSamplesReadOrThrowX12Error() throws {
        let samples = try SampleData.names.map { Array(try SampleData.bytes($0).prefix(8 * 1024)) }
        var rng = SeededGenerator(seed: 835)
        var read = 0
        var refused: [X12Mutation: Int] = [:]
        let started = Date()
        for round in 0..<3_000 {
            let mutation = X12Mutation.allCases[round % X12Mutation.allCases.count]
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
        #expect(Set(refused.keys) == Set(X12Mutation.allCases), "every kind of damage must be caught at least once")
    }

    @Test func generatorIsDeterministic() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(Set(first).count == 4)
    }
}
