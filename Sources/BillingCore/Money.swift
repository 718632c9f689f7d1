import Foundation

/// An amount of US money in integer cents. The only money type in Clearbill.
///
/// Arithmetic is overflow-checked: the operators trap like `Int64` would, so they are used only on amounts already
/// bounded by validation; anything built from outside input goes through the throwing `adding`/`subtracting`.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static let zero = Money(cents: 0)

    /// The largest amount a person may type anywhere in Clearbill: $10,000,000.00. Far above any practice's bill,
    /// far below overflow, so that sums of many amounts stay exact.
    public static let largestEntry = Money(cents: 1_000_000_000)

    public static func dollars(_ whole: Int64) -> Money { Money(cents: whole * 100) }

    public var isZero: Bool { cents == 0 }
    public var isNegative: Bool { cents < 0 }
    public var isPositive: Bool { cents > 0 }
    public var negated: Money { Money(cents: -cents) }
    public var magnitude: Money { Money(cents: cents < 0 ? -cents : cents) }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static prefix func - (value: Money) -> Money { value.negated }
    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        let (sum, overflow) = cents.addingReportingOverflow(other.cents)
        if overflow { throw .overflow }
        return Money(cents: sum)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        let (difference, overflow) = cents.subtractingReportingOverflow(other.cents)
        if overflow { throw .overflow }
        return Money(cents: difference)
    }

    public func multiplied(by quantity: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = cents.multipliedReportingOverflow(by: quantity)
        if overflow { throw .overflow }
        return Money(cents: product)
    }

    public static func min(_ a: Money, _ b: Money) -> Money { a < b ? a : b }
    public static func max(_ a: Money, _ b: Money) -> Money { a < b ? b : a }

    // Codable as a bare integer of cents: what the ledger, the API and statement snapshots store.
    public init(from decoder: any Decoder) throws {
        cents = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(cents)
    }

    public var description: String { formatted }
}

public extension Sequence where Element == Money {
    /// Traps on overflow; use on amounts that passed validation (each below `Money.largestEntry`).
    func sum() -> Money { reduce(.zero, +) }
}

public enum MoneyError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notAnAmount(String)
    case tooManyDecimals(String)
    case badGrouping(String)
    case negativeNotAllowed(String)
    case tooLarge(String)
    case overflow

    public var description: String {
        switch self {
        case .empty: "an amount is required"
        case .notAnAmount(let text): "'\(text)' is not an amount of money"
        case .tooManyDecimals(let text): "'\(text)' has more than two digits after the decimal point"
        case .badGrouping(let text): "'\(text)' has commas in the wrong places (write 1,234.56 or 1234.56)"
        case .negativeNotAllowed(let text): "'\(text)' is negative; a positive amount is needed here"
        case .tooLarge(let text): "'\(text)' is larger than \(Money.largestEntry.formatted)"
        case .overflow: "the amount is too large to compute"
        }
    }
}
