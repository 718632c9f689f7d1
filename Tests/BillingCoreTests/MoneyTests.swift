import BillingCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("12", 1200), ("12.5", 1250), ("12.50", 1250), ("$1,234.56", 123_456), ("1234.56", 123_456), (".75", 75),
        ("0", 0), ("0.01", 1), ("  $7.00 ", 700), ("007.50", 750), ("10,000,000.00", 1_000_000_000), ("$12,345", 1_234_500),
    ] as [(String, Int64)])
    func acceptsWhatPeopleType(text: String, cents: Int64) throws {
        #expect(try Money(parsing: text).cents == cents)
    }

    @Test(arguments: [
        ("0.001", MoneyError.tooManyDecimals("0.001")), ("12.345", .tooManyDecimals("12.345")),
        ("", .empty), ("   ", .empty), ("abc", .notAnAmount("abc")), ("12.", .notAnAmount("12.")),
        ("1e3", .notAnAmount("1e3")), ("1.2.3", .notAnAmount("1.2.3")), ("$", .notAnAmount("$")),
        ("1,23.45", .badGrouping("1,23.45")), ("1234,567", .badGrouping("1234,567")), (",123", .badGrouping(",123")),
        ("-5", .negativeNotAllowed("-5")), ("$-5.00", .negativeNotAllowed("$-5.00")),
        ("10,000,000.01", .tooLarge("10,000,000.01")), ("99999999999999999999999", .tooLarge("99999999999999999999999")),
        ("12 34", .notAnAmount("12 34")), ("١٢", .notAnAmount("١٢")), ("+5", .notAnAmount("+5")), ("--5", .notAnAmount("--5")),
    ] as [(String, MoneyError)])
    func rejectsEverythingElse(text: String, error: MoneyError) {
        #expect(throws: error) { try Money(parsing: text) }
    }

    @Test func negativesOnlyWhereAllowed() throws {
        #expect(try Money(parsing: "-5.25", allowNegative: true).cents == -525)
        #expect(try Money(parsing: "-$1,000", allowNegative: true).cents == -100_000)
        #expect(try Money(parsing: "-0.00").cents == 0, "negative zero is just zero")
    }

    @Test(arguments: [(0, "$0.00"), (5, "$0.05"), (123_456, "$1,234.56"), (-1200, "-$12.00"), (100_000_000, "$1,000,000.00"),
                      (99, "$0.99")] as [(Int64, String)])
    func formatsUSDollars(cents: Int64, text: String) {
        #expect(Money(cents: cents).formatted == text)
    }

    @Test func formattingRoundTripsThroughParsing() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let money = Money(cents: Int64.random(in: 0...Money.largestEntry.cents, using: &rng))
            #expect(try Money(parsing: money.formatted) == money)
            #expect(try Money(parsing: money.plainDecimal) == money)
        }
    }

    @Test func checkedArithmeticReportsOverflow() throws {
        let big = Money(cents: .max)
        #expect(throws: MoneyError.overflow) { try big.adding(Money(cents: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(cents: .min).subtracting(Money(cents: 1)) }
        #expect(throws: MoneyError.overflow) { try big.multiplied(by: 2) }
        #expect(try Money(cents: 250).multiplied(by: 20) == Money(cents: 5000))
        #expect(try Money(cents: 250).adding(Money(cents: -50)) == Money(cents: 200))
    }

    @Test func codesAsBareCents() throws {
        let data = try JSONEncoder().encode([Money(cents: 1234)])
        #expect(String(decoding: data, as: UTF8.self) == "[1234]")
        #expect(try JSONDecoder().decode([Money].self, from: data) == [Money(cents: 1234)])
    }
}

import Foundation
