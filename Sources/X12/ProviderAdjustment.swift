/// One PLB segment: adjustments to the whole payment that belong to the practice, not to a patient's account.
/// A positive amount reduces the payment (e.g. WO overpayment recovery); a negative one increases it (L6 interest).
public struct ProviderAdjustment: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        /// First component of the reason composite, e.g. WO, L6, FB, 72, CV.
        public var reasonCode: String
        /// Second component, e.g. the claim or account the recovery refers to.
        public var reference: String?
        public var amountCents: Int64
    }

    /// PLB01.
    public var providerID: String
    /// PLB02, the end of the provider's fiscal period.
    public var fiscalPeriodDate: X12Date
    public var items: [Item]
    public var segmentNumber: Int

    /// Cannot overflow: at most six amounts of at most 12 dollar digits.
    public var totalCents: Int64 { items.reduce(0) { $0 + $1.amountCents } }
}

extension ProviderAdjustment {
    init(plb segment: X12Segment) throws(X12Error) {
        providerID = try X12Value.required(segment, 1)
        fiscalPeriodDate = try X12Value.requiredDate(segment, 2)
        segmentNumber = segment.number
        items = []
        for pair in 0..<6 {
            let reasonPosition = 3 + pair * 2
            if segment.element(reasonPosition).isEmpty && segment.element(reasonPosition + 1).isEmpty { continue }
            let parts = segment.components(reasonPosition)
            guard let code = parts.first, !code.isEmpty else {
                throw segment.error("\(X12Value.name(segment, reasonPosition)) has no adjustment reason code")
            }
            let reference = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            items.append(Item(reasonCode: code, reference: reference,
                              amountCents: try X12Value.requiredCents(segment, reasonPosition + 1)))
        }
        guard !items.isEmpty else { throw segment.error("PLB has no adjustment") }
        guard segment.elements.count <= 14 else { throw segment.error("PLB has more than six adjustments") }
    }
}
