import BillingCore
import Testing

@Suite struct LedgerRulesTests {
    let day = CalendarDate(year: 2026, month: 6, day: 1)!

    func entry(_ postings: [Posting], key: String = "k-1", actor: String = "desk") -> LedgerEntry {
        LedgerEntry(kind: .payment, source: .desk, actor: actor, idempotencyKey: key, accountID: 1, effectiveDate: day, postings: postings)
    }

    @Test func acceptsABalancedEntry() throws {
        try LedgerRules.validate(entry([Posting(.cash(.cash), Money(cents: 500)), Posting(.patientCredit, Money(cents: -500))]))
    }

    @Test func refusesWhatBreaksTheRules() {
        #expect(throws: LedgerRuleError.unbalanced(sum: Money(cents: 1))) {
            try LedgerRules.validate(entry([Posting(.cash(.cash), Money(cents: 501)), Posting(.patientCredit, Money(cents: -500))]))
        }
        #expect(throws: LedgerRuleError.noPostings) { try LedgerRules.validate(entry([])) }
        #expect(throws: LedgerRuleError.zeroPosting(book: "cash:cash")) {
            try LedgerRules.validate(entry([Posting(.cash(.cash), .zero), Posting(.patientCredit, .zero)]))
        }
        #expect(throws: LedgerRuleError.missingIdempotencyKey) {
            try LedgerRules.validate(entry([Posting(.cash(.cash), Money(cents: 5)), Posting(.patientCredit, Money(cents: -5))], key: " "))
        }
        #expect(throws: LedgerRuleError.missingActor) {
            try LedgerRules.validate(entry([Posting(.cash(.cash), Money(cents: 5)), Posting(.patientCredit, Money(cents: -5))], actor: ""))
        }
    }

    @Test func reversalNegatesEveryLeg() {
        let legs = [Posting(.insuranceDue, Money(cents: 100), line: 4), Posting(.revenue, Money(cents: -100), line: 4)]
        let reversal = LedgerRules.reversal(of: legs)
        #expect(reversal.map(\.amount) == [Money(cents: -100), Money(cents: 100)])
        #expect(reversal.map(\.serviceLineID) == [4, 4])
    }

    @Test func booksRoundTripThroughTheirCodes() {
        let books: [Book] = [.patientDue, .insuranceDue, .revenue, .contractualAdjustment, .writeOff, .patientCredit]
            + PaymentMethod.allCases.flatMap { [Book.cash($0), .refunds($0)] }
        for book in books { #expect(Book(code: book.code) == book) }
        #expect(Book(code: "cash:bitcoin") == nil)
        #expect(Book(code: "nonsense") == nil)
    }

    @Test func adjudicationMovesInsuranceDueByGroup() {
        let decision = LineAdjudication(serviceLineID: 9, paid: Money(cents: 6000), adjustments: [
            LineAdjustment(group: .contractual, reasonCode: "45", amount: Money(cents: 3000)),
            LineAdjustment(group: .patientResponsibility, reasonCode: "1", amount: Money(cents: 800)),
            LineAdjustment(group: .patientResponsibility, reasonCode: "2", amount: Money(cents: 200))])
        let legs = decision.postings(paidBy: .insuranceEFT)
        #expect(legs.map(\.amount).sum() == .zero)
        #expect(legs.filter { $0.book == .insuranceDue }.map(\.amount).sum() == Money(cents: -10_000))
        #expect(legs.filter { $0.book == .patientDue }.map(\.reason) == [.deductible, .coinsurance])
        #expect(legs.filter { $0.book == .contractualAdjustment }.map(\.amount) == [Money(cents: 3000)])
        #expect(decision.insuranceDueReduction == Money(cents: 10_000))
    }

    @Test func agingBucketsAtTheirEdges() {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let items = [30, 31, 60, 61, 90, 91, 120, 121].map { AgingItem(since: today.adding(days: -$0), amount: Money(cents: Int64($0))) }
        let aging = AgingBuckets(items: items, asOf: today)
        #expect(aging.current == Money(cents: 30))
        #expect(aging.days31to60 == Money(cents: 31 + 60))
        #expect(aging.days61to90 == Money(cents: 61 + 90))
        #expect(aging.days91to120 == Money(cents: 91 + 120))
        #expect(aging.over120 == Money(cents: 121))
        #expect(aging.total == items.map(\.amount).sum())
    }

    @Test func checkDigitsCatchTypos() {
        let number = AccountNumber.make(serial: 24)
        #expect(AccountNumber.isValid(number))
        var digits = Array(number)
        digits[3] = digits[3] == "9" ? "0" : Character(String((digits[3].wholeNumberValue ?? 0) + 1))
        #expect(!AccountNumber.isValid(String(digits)))
        #expect(CheckDigit.passesLuhn("4242424242424242"))
        #expect(!CheckDigit.passesLuhn("4242424242424241"))
        #expect(NPI.isValid("1234567893"))
        #expect(!NPI.isValid("1234567890"))
        #expect(NPI.isValid(NPI.make("987654321")))
    }

    @Test func encounterProblemsNameTheField() {
        let visit = NewEncounter(accountID: 1, patientID: 1, providerID: 1, locationID: 1, dateOfService: day, placeOfService: "1",
                                 claimNumber: nil, lines: [
                                    NewServiceLine(code: "99213", modifiers: ["25", "toolong"], diagnosisCodes: ["L57.0", "U07.1"],
                                                   units: 0, charge: Money(cents: -1)),
                                    NewServiceLine(code: "9921", charge: Money(cents: 100), selfPay: true)])
        let fields = Set(visit.problems().map(\.field))
        #expect(fields == ["placeOfService", "lines[0].modifiers[1]", "lines[0].diagnosisCodes[1]", "lines[0].units",
                           "lines[0].charge", "lines[1].code", "claimNumber"])
        let good = NewEncounter(accountID: 1, patientID: 1, providerID: 1, locationID: 1, dateOfService: day, placeOfService: "11",
                                claimNumber: "CLM1", lines: [NewServiceLine(code: "J0585", diagnosisCodes: ["L57.0"], units: 20, charge: Money(cents: 28000)),
                                                             NewServiceLine(code: "FILLER-HA", charge: Money(cents: 75000), selfPay: true)])
        #expect(good.problems().isEmpty)
    }
}
