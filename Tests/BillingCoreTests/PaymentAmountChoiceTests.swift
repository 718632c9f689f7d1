import BillingCore
import Testing

@Suite struct PaymentAmountChoiceTests {
    let due = Money(cents: 8_750), balance = Money(cents: 30_000)

    func amount(_ choice: String, _ other: String = "") -> Result<Money, FieldError> {
        PaymentAmountChoice.amount(choice: choice, other: other, amountDue: due, balance: balance)
    }

    @Test func choicesGiveTheirAmounts() throws {
        #expect(try amount("due").get() == due)
        #expect(try amount("balance").get() == balance)
        #expect(try amount("other", "$25.50").get() == Money(cents: 2_550))
        #expect(try amount("other", "300").get() == balance)
    }

    @Test func limitsAreEnforcedWithTheFieldNamed() {
        for (choice, other, field) in [("other", "0.99", "other"), ("other", "300.01", "other"), ("other", "-5", "other"),
                                       ("other", "abc", "other"), ("other", "1.001", "other"), ("nope", "", "choice")] {
            guard case .failure(let error) = amount(choice, other) else { Issue.record("\(choice) \(other) must fail"); continue }
            #expect(error.field == field)
        }
        #expect(throws: FieldError.self) {
            try PaymentAmountChoice.amount(choice: "due", other: "", amountDue: .zero, balance: .zero).get()
        }
    }
}
