/// A card saved to a gateway customer, as the patient may see it in their wallet.
public struct SavedPaymentMethod: Sendable, Hashable {
    public let id: String
    public let customerID: String?
    public let card: CardSummary?
}
