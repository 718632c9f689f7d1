import Foundation

extension Money {
    /// Reads an amount a person typed: "12", "12.5", "12.50", "$1,234.56", ".75", "-3.00" (only when negatives are
    /// allowed). Rejects more than two decimals ("0.001"), misplaced commas ("1,23.45"), exponents, spaces inside,
    /// several signs or dots, and anything above `Money.largestEntry`.
    public init(parsing raw: String, allowNegative: Bool = false) throws(MoneyError) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw .empty }
        var chars = Substring(text)
        var negative = false
        if chars.first == "-" || chars.first == "\u{2212}" {
            negative = true
            chars = chars.dropFirst()
        }
        if chars.first == "$" { chars = chars.dropFirst() }
        if !negative, chars.first == "-" {  // "$-5.00"
            negative = true
            chars = chars.dropFirst()
        }
        guard !chars.isEmpty else { throw .notAnAmount(text) }

        let pieces = chars.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { throw .notAnAmount(text) }
        let wholePart = pieces[0]
        let fractionPart = pieces.count == 2 ? pieces[1] : ""
        guard !(wholePart.isEmpty && fractionPart.isEmpty) else { throw .notAnAmount(text) }
        if pieces.count == 2, fractionPart.isEmpty { throw .notAnAmount(text) }  // "12."
        guard fractionPart.allSatisfy(\.isASCIIDigit) else { throw .notAnAmount(text) }
        guard fractionPart.count <= 2 else { throw .tooManyDecimals(text) }

        let wholeDigits: Substring
        if wholePart.contains(",") {
            let groups = wholePart.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }),
                  groups.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
            else { throw .badGrouping(text) }
            wholeDigits = Substring(groups.joined())
        } else {
            guard wholePart.allSatisfy(\.isASCIIDigit) else { throw .notAnAmount(text) }
            wholeDigits = wholePart
        }
        // Leading zeros are harmless ("007.50"), but a run of digits beyond Int64 is not: cap the length first.
        let significant = wholeDigits.drop(while: { $0 == "0" })
        guard significant.count <= 9 else { throw .tooLarge(text) }
        let whole = Int64(significant.isEmpty ? "0" : String(significant)) ?? 0
        let fraction = Int64(fractionPart.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0
        let cents = whole * 100 + fraction
        guard cents <= Money.largestEntry.cents else { throw .tooLarge(text) }
        if negative, cents != 0 {
            guard allowNegative else { throw .negativeNotAllowed(text) }
            self.init(cents: -cents)
        } else {
            self.init(cents: cents)
        }
    }

    /// "$1,234.56", "-$12.00": how amounts read on pages, receipts and statements.
    public var formatted: String {
        let sign = cents < 0 ? "-" : ""
        let absolute = cents.magnitude
        return "\(sign)$\(Self.grouped(absolute / 100)).\(Self.twoDigits(absolute % 100))"
    }

    /// "1234.56": plain decimal for CSV files and form values.
    public var plainDecimal: String {
        let sign = cents < 0 ? "-" : ""
        let absolute = cents.magnitude
        return "\(sign)\(absolute / 100).\(Self.twoDigits(absolute % 100))"
    }

    private static func twoDigits(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(char)
        }
        return out
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
