/// What may be shown of a card: brand, last four digits and expiry. Never the number.
public struct CardSummary: Sendable, Hashable {
    public let brand: String
    public let last4: String
    public let expMonth: Int
    public let expYear: Int

    public init(brand: String, last4: String, expMonth: Int, expYear: Int) {
        self.brand = brand
        self.last4 = last4
        self.expMonth = expMonth
        self.expYear = expYear
    }
}
