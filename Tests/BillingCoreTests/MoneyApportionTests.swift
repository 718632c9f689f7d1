import BillingCore
import Testing

@Suite struct MoneyApportionTests {
    @Test func partsAddUpExactlyAndFollowTheWeights() {
        let parts = Money(cents: 10_001).apportioned(by: [1, 2])
        #expect(parts.map(\.cents).reduce(0, +) == 10_001)
        // 3,333.67 and 6,667.33 cents: the left-over cent goes to the larger fraction.
        #expect(parts == [Money(cents: 3_334), Money(cents: 6_667)])
    }

    @Test func tiesGoToTheEarlierWeight() {
        #expect(Money(cents: 100).apportioned(by: [1, 1, 1]).map(\.cents) == [34, 33, 33])
    }

    @Test func negativeAmountsSplitLikeTheirMagnitude() {
        #expect(Money(cents: -100).apportioned(by: [1, 1, 1]).map(\.cents) == [-34, -33, -33])
    }

    @Test func zeroOrNegativeWeightsGiveEverythingToTheFirstPart() {
        #expect(Money(cents: 500).apportioned(by: [0, 0]).map(\.cents) == [500, 0])
        #expect(Money(cents: 500).apportioned(by: [-5, 0, 2]).map(\.cents) == [0, 0, 500])
        #expect(Money(cents: 500).apportioned(by: []).isEmpty)
    }

    /// Amount × weight is past Int64 here; the split must still be exact.
    @Test func largeAmountsAndWeightsDoNotOverflow() {
        let amount = Money(cents: 100_000_000_000)
        let parts = amount.apportioned(by: [90_000_000_000, 10_000_000_001])
        #expect(parts.map(\.cents).reduce(0, +) == amount.cents)
        #expect(abs(parts[0].cents - 89_999_999_999) <= 1)
    }

    @Test func randomSplitsAlwaysAddUp() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let amount = Money(cents: Int64.random(in: -1_000_000...1_000_000, using: &generator))
            let weights = (0..<Int.random(in: 1...6, using: &generator)).map { _ in Int64.random(in: 0...50_000, using: &generator) }
            let parts = amount.apportioned(by: weights)
            #expect(parts.count == weights.count)
            #expect(parts.map(\.cents).reduce(0, +) == amount.cents)
            #expect(parts.allSatisfy { amount.isNegative ? $0.cents <= 0 : $0.cents >= 0 })
        }
    }
}
