/// A calendar date from a CCYYMMDD element.
public struct X12Date: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(_ text: String) {
        let digits = text.utf8.map { Int($0) - 0x30 }
        guard digits.count == 8, digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        let year = digits[0..<4].reduce(0) { $0 * 10 + $1 }
        let month = digits[4] * 10 + digits[5]
        let day = digits[6] * 10 + digits[7]
        guard (1...12).contains(month), day >= 1, day <= X12Date.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        let mm = month < 10 ? "0\(month)" : "\(month)"
        let dd = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(mm)-\(dd)"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Strict readers for element values; every failure names the segment and the element.
enum X12Value {
    /// Dollars with at most 12 digits before the point: more than any payment, and far from Int64's limit so that
    /// a garbled amount is reported here rather than as an overflow later (totals are still checked).
    static var maximumIntegerDigits: Int { 12 }

    /// Cents from an X12 decimal such as "1234.5", "-12" or ".50". No exponent, no grouping, at most two decimals.
    static func cents(_ text: String) -> Int64? {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        let point = bytes.firstIndex(of: UInt8(ascii: "."))
        let whole = point.map { bytes[..<$0] } ?? bytes
        let fraction = point.map { bytes[bytes.index(after: $0)...] } ?? bytes[bytes.endIndex...]
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        guard whole.count + fraction.count > 0, whole.count <= maximumIntegerDigits, fraction.count <= 2,
              point == nil || !fraction.isEmpty,
              whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit) else { return nil }
        var cents: Int64 = 0
        for digit in whole { cents = cents * 10 + Int64(digit - 0x30) }
        let fractionDigits = Array(fraction)
        for index in 0..<2 {
            cents = cents * 10 + (index < fractionDigits.count ? Int64(fractionDigits[index] - 0x30) : 0)
        }
        return negative ? -cents : cents
    }

    /// Cents from a required element.
    static func requiredCents(_ segment: X12Segment, _ position: Int) throws(X12Error) -> Int64 {
        let text = segment.element(position)
        guard !text.isEmpty else { throw segment.error("\(name(segment, position)) is empty; an amount is required") }
        return try parse(text, segment, position)
    }

    /// Cents from an optional element; an empty one reads as zero.
    static func centsOrZero(_ segment: X12Segment, _ position: Int) throws(X12Error) -> Int64 {
        let text = segment.element(position)
        return text.isEmpty ? 0 : try parse(text, segment, position)
    }

    /// Cents from an optional element; nil when empty.
    static func optionalCents(_ segment: X12Segment, _ position: Int) throws(X12Error) -> Int64? {
        let text = segment.element(position)
        return text.isEmpty ? nil : try parse(text, segment, position)
    }

    static func parse(_ text: String, _ segment: X12Segment, _ position: Int) throws(X12Error) -> Int64 {
        guard let cents = cents(text) else {
            throw segment.error("\(name(segment, position)) '\(text.prefix(30))' is not an amount "
                                + "(digits with at most 2 decimals, at most \(maximumIntegerDigits) before the point)")
        }
        return cents
    }

    /// A quantity such as units of service ("1", "1.00", "8.5"): kept as written, but checked to be a number.
    static func optionalQuantity(_ segment: X12Segment, _ position: Int) throws(X12Error) -> String? {
        guard let text = segment.optionalElement(position) else { return nil }
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let valid = !body.isEmpty && body.count <= 15 && parts.count <= 2 && body != "."
            && parts.allSatisfy { $0.allSatisfy { $0 >= "0" && $0 <= "9" } }
        guard valid else { throw segment.error("\(name(segment, position)) '\(text.prefix(30))' is not a quantity") }
        return text
    }

    static func requiredDate(_ segment: X12Segment, _ position: Int) throws(X12Error) -> X12Date {
        let text = segment.element(position)
        guard let date = X12Date(text) else {
            throw segment.error("\(name(segment, position)) '\(text.prefix(30))' is not a date (CCYYMMDD)")
        }
        return date
    }

    static func optionalDate(_ segment: X12Segment, _ position: Int) throws(X12Error) -> X12Date? {
        segment.element(position).isEmpty ? nil : try requiredDate(segment, position)
    }

    static func required(_ segment: X12Segment, _ position: Int) throws(X12Error) -> String {
        guard let value = segment.optionalElement(position) else {
            throw segment.error("\(name(segment, position)) is empty; a value is required")
        }
        return value
    }

    /// "CLP03" style name of an element.
    static func name(_ segment: X12Segment, _ position: Int) -> String {
        segment.id + (position < 10 ? "0\(position)" : "\(position)")
    }
}

/// Reads a coded element into an enum, naming the element and the allowed codes when it does not fit.
enum X12Code {
    static func parse<Code: RawRepresentable & CaseIterable>(
        _ segment: X12Segment, _ position: Int, as: Code.Type
    ) throws(X12Error) -> Code where Code.RawValue == String {
        let text = segment.element(position)
        guard let code = Code(rawValue: text) else {
            let allowed = Code.allCases.map(\.rawValue).joined(separator: ", ")
            throw segment.error("\(X12Value.name(segment, position)) '\(text.prefix(20))' is not one of \(allowed)")
        }
        return code
    }
}
