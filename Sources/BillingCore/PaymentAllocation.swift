/// A service line with a patient-due balance that a payment can pay.
public struct OpenCharge: Sendable, Equatable {
    public var serviceLineID: Int64
    public var encounterID: Int64
    public var dateOfService: CalendarDate
    public var patientDue: Money

    public init(serviceLineID: Int64, encounterID: Int64, dateOfService: CalendarDate, patientDue: Money) {
        self.serviceLineID = serviceLineID
        self.encounterID = encounterID
        self.dateOfService = dateOfService
        self.patientDue = patientDue
    }
}

/// Where a patient payment goes: lines it pays, and what is left over as patient credit.
public struct PaymentAllocation: Sendable, Equatable {
    public var applied: [(serviceLineID: Int64, amount: Money)]
    public var toCredit: Money

    public static func == (lhs: PaymentAllocation, rhs: PaymentAllocation) -> Bool {
        lhs.toCredit == rhs.toCredit && lhs.applied.map(\.serviceLineID) == rhs.applied.map(\.serviceLineID)
            && lhs.applied.map(\.amount) == rhs.applied.map(\.amount)
    }

    /// Oldest patient-due lines first (date of service, then line), or the chosen visit's lines first when the payer
    /// chose one; whatever remains is patient credit.
    public static func allocate(_ amount: Money, to charges: [OpenCharge], preferringEncounter preferred: Int64? = nil) -> PaymentAllocation {
        let ordered = charges
            .filter { $0.patientDue.isPositive }
            .sorted { a, b in
                let aFirst = a.encounterID == preferred, bFirst = b.encounterID == preferred
                if aFirst != bFirst { return aFirst }
                if a.dateOfService != b.dateOfService { return a.dateOfService < b.dateOfService }
                return a.serviceLineID < b.serviceLineID
            }
        var remaining = amount
        var applied: [(Int64, Money)] = []
        for charge in ordered where remaining.isPositive {
            let share = Money.min(remaining, charge.patientDue)
            applied.append((charge.serviceLineID, share))
            remaining -= share
        }
        return PaymentAllocation(applied: applied, toCredit: Money.max(remaining, .zero))
    }

    /// The postings of a patient payment received by `method`.
    public func postings(receivedBy method: PaymentMethod) -> [Posting] {
        let total = applied.map(\.amount).sum() + toCredit
        var legs = [Posting(.cash(method), total)]
        legs += applied.map { Posting(.patientDue, $0.amount.negated, line: $0.serviceLineID) }
        if toCredit.isPositive { legs.append(Posting(.patientCredit, toCredit.negated)) }
        return legs
    }

    /// The postings that move patient credit onto lines (no money changes hands).
    public func creditApplicationPostings() -> [Posting] {
        let total = applied.map(\.amount).sum()
        guard total.isPositive else { return [] }
        return [Posting(.patientCredit, total)] + applied.map { Posting(.patientDue, $0.amount.negated, line: $0.serviceLineID) }
    }
}
