/// What a patient chose to pay online: the amount due, the whole balance, or another amount within the limits.
public enum PaymentAmountChoice {
    public static let minimum = Money.dollars(1)

    /// The amount to charge, or the field error to show. `other` is what the patient typed for "another amount".
    public static func amount(choice: String, other: String, amountDue: Money, balance: Money) -> Result<Money, FieldError> {
        let amount: Money
        switch choice {
        case "due":
            guard amountDue.isPositive else { return .failure(FieldError("choice", "nothing is due right now")) }
            amount = amountDue
        case "balance":
            guard balance.isPositive else { return .failure(FieldError("choice", "your balance is paid")) }
            amount = balance
        case "other":
            do { amount = try Money(parsing: other) } catch { return .failure(FieldError("other", error.description)) }
        default:
            return .failure(FieldError("choice", "choose how much to pay"))
        }
        guard amount >= minimum else { return .failure(FieldError("other", "the smallest online payment is \(minimum.formatted)")) }
        // Paying ahead (a deposit for a booked cosmetic visit) is taken at the desk, where the visit can be named.
        guard amount <= Money.max(balance, minimum) else {
            return .failure(FieldError("other", "that is more than your balance of \(balance.formatted)"))
        }
        return .success(amount)
    }
}
