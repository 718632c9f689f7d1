import BillingCore

/// What enrolling needs: the option chosen, the terms accepted, the saved card, and who agreed.
public struct PlanEnrollment: Sendable {
    public var accountID: Int64
    public var optionCode: String
    public var firstDate: CalendarDate
    public var policy: PlanPolicy
    public var card: PlanCard
    public var acceptedTermsVersion: String
    /// "patient:12", or "patient:12 at the desk with staff:frontdesk".
    public var acceptedBy: String
    /// From the form's attempt token: the same form posted twice enrolls once.
    public var key: String
    public var client: String
    /// The open plan this one replaces, when new charges are added by planning the whole balance again.
    public var replacing: Int64?

    public init(accountID: Int64, optionCode: String, firstDate: CalendarDate, policy: PlanPolicy, card: PlanCard,
                acceptedTermsVersion: String, acceptedBy: String, key: String, client: String, replacing: Int64? = nil) {
        self.accountID = accountID
        self.optionCode = optionCode
        self.firstDate = firstDate
        self.policy = policy
        self.card = card
        self.acceptedTermsVersion = acceptedTermsVersion
        self.acceptedBy = acceptedBy
        self.key = key
        self.client = client
        self.replacing = replacing
    }
}
