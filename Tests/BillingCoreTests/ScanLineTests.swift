import BillingCore
import Testing

@Suite struct ScanLineTests {
    static let account = AccountNumber.make(serial: 4_217)
    static let statement = StatementNumber.make(cycle: CalendarDate(year: 2026, month: 5, day: 15)!, serial: 381)

    @Test func thirtyZeroFilledDigitsEndingInALuhnCheckDigit() throws {
        let line = try ScanLine(accountNumber: Self.account, statementNumber: Self.statement, amountDue: Money(cents: 12_345))
        #expect(line.text.count == 30)
        #expect(line.text.allSatisfy { $0.isASCII && $0.isNumber })
        #expect(line.text.hasPrefix(Self.account + Self.statement + "0000012345"))
        #expect(CheckDigit.passesLuhn(line.text))
    }

    @Test func shortNumbersAreZeroFilledOnTheLeft() throws {
        let line = try ScanLine(accountNumber: "42", statementNumber: "7", amountDue: .zero)
        #expect(line.text.prefix(29) == "00000042" + "00000000007" + "0000000000")
        #expect(try ScanLine.parse(line.text).accountNumber == "00000042")
    }

    @Test func parseGivesBackAccountStatementAndAmount() throws {
        for cents: Int64 in [0, 1, 500, 123_456, 9_999_999_999] {
            let line = try ScanLine(accountNumber: Self.account, statementNumber: Self.statement, amountDue: Money(cents: cents))
            let parsed = try ScanLine.parse(line.text + "\n")
            #expect(parsed == line)
            #expect(parsed.amountDue.cents == cents)
            #expect(parsed.statementNumber == Self.statement)
        }
    }

    @Test func everySingleDigitMisreadIsCaught() throws {
        let text = try ScanLine(accountNumber: Self.account, statementNumber: Self.statement,
                                amountDue: Money(cents: 8_040)).text
        var caught = 0
        for index in text.indices {
            for digit in "0123456789" where digit != text[index] {
                var misread = text
                misread.replaceSubrange(index...index, with: String(digit))
                if case .failure(.checkDigitMismatch) = Result(catching: { () throws(ScanLineError) in try ScanLine.parse(misread) }) {
                    caught += 1
                }
            }
        }
        #expect(caught == text.count * 9)
    }

    @Test func swappedNeighboursAreCaught() throws {
        let text = Array(try ScanLine(accountNumber: Self.account, statementNumber: Self.statement,
                                      amountDue: Money(cents: 27_150)).text)
        for index in 0..<(text.count - 1) where text[index] != text[index + 1] {
            var swapped = text
            swapped.swapAt(index, index + 1)
            // Luhn misses only 0↔9; those two digits next to each other are the one accepted weakness.
            if Set([text[index], text[index + 1]]) == Set(["0", "9"]) { continue }
            #expect(throws: ScanLineError.self) { try ScanLine.parse(String(swapped)) }
        }
    }

    @Test func malformedLinesAreRefusedWithTheReason() {
        #expect(throws: ScanLineError.wrongLength(29)) { try ScanLine.parse(String(repeating: "0", count: 29)) }
        #expect(throws: ScanLineError.notDigits("1234 5678")) { try ScanLine.parse("1234 5678") }
        #expect(throws: ScanLineError.notDigits("")) { try ScanLine(accountNumber: "", statementNumber: "1", amountDue: .zero) }
        #expect(throws: ScanLineError.tooLong(field: .accountNumber, "123456789")) {
            try ScanLine(accountNumber: "123456789", statementNumber: "1", amountDue: .zero)
        }
        #expect(throws: ScanLineError.tooLong(field: .amountDue, "10000000000")) {
            try ScanLine(accountNumber: "1", statementNumber: "1", amountDue: Money(cents: 10_000_000_000))
        }
        #expect(throws: ScanLineError.negativeAmount(Money(cents: -1))) {
            try ScanLine(accountNumber: "1", statementNumber: "1", amountDue: Money(cents: -1))
        }
    }
}
