/// Who settled an online payment and under which audit action, for the line written with the settlement.
public struct OnlinePaymentAudit: Sendable, Equatable {
    public var actor: String
    public var action: String

    public init(actor: String, action: String) {
        self.actor = actor
        self.action = action
    }
}
