import X12

/// A claim of an 835 as the work queue keeps it: everything the payer said about it, as JSON, so that a person can
/// post it by hand or fix the visit and import the file again.
public struct RemittanceClaimSnapshot: Codable, Sendable, Equatable {
    public struct Adjustment: Codable, Sendable, Equatable {
        public var group: String
        public var reason: String
        public var amountCents: Int64
    }

    public struct Service: Codable, Sendable, Equatable {
        public var procedure: String
        public var billedProcedure: String?
        public var chargeCents: Int64
        public var paidCents: Int64
        public var units: String?
        public var serviceDate: String?
        public var lineControlNumber: String?
        public var allowedCents: Int64?
        public var adjustments: [Adjustment]
        public var segment: Int
    }

    public var claimNumber: String
    public var status: String
    public var chargeCents: Int64
    public var paidCents: Int64
    public var patientResponsibilityCents: Int64
    public var payerClaimControlNumber: String?
    public var patientName: String?
    public var adjustments: [Adjustment]
    public var services: [Service]
    public var payer: String
    public var traceNumber: String
    public var segment: Int

    init(_ claim: ClaimPayment, in remittance: Remittance) {
        claimNumber = claim.patientControlNumber
        status = claim.status.code
        chargeCents = claim.chargeCents
        paidCents = claim.paidCents
        patientResponsibilityCents = claim.patientResponsibilityCents
        payerClaimControlNumber = claim.payerClaimControlNumber
        patientName = claim.patient.map { [$0.firstName, $0.middleName, $0.lastName].compactMap { $0 }.joined(separator: " ") }
        adjustments = claim.adjustments.flatMap(Self.adjustments)
        services = claim.services.map { service in
            Service(procedure: Self.text(service.procedure), billedProcedure: service.originalProcedure.map(Self.text),
                    chargeCents: service.chargeCents, paidCents: service.paidCents, units: service.units,
                    serviceDate: service.serviceDate?.description, lineControlNumber: service.lineControlNumber,
                    allowedCents: service.allowedCents, adjustments: service.adjustments.flatMap(Self.adjustments),
                    segment: service.segmentNumber)
        }
        payer = remittance.payer.name
        traceNumber = remittance.traceNumber
        segment = claim.segmentNumber
    }

    private static func adjustments(_ cas: ClaimAdjustment) -> [Adjustment] {
        cas.reasons.map { Adjustment(group: cas.group.rawValue, reason: $0.code, amountCents: $0.amountCents) }
    }

    private static func text(_ procedure: ServicePayment.Procedure) -> String {
        ([procedure.qualifier, procedure.code] + procedure.modifiers).joined(separator: ":")
    }
}

extension ClaimPayment.Status {
    /// The CLP02 code, as the payer wrote it.
    var code: String {
        switch self {
        case .primary: "1"
        case .secondary: "2"
        case .tertiary: "3"
        case .denied: "4"
        case .processedAsPrimaryForwarded: "19"
        case .processedAsSecondaryForwarded: "20"
        case .processedAsTertiaryForwarded: "21"
        case .reversal: "22"
        case .notOurClaim: "23"
        case .predetermination: "25"
        case .other(let code): code
        }
    }

    /// Whether a claim of this status moves money on the ledger; nil when it does, else why not.
    var notPostedBecause: String? {
        switch self {
        case .primary, .secondary, .tertiary, .denied, .processedAsPrimaryForwarded, .processedAsSecondaryForwarded,
             .processedAsTertiaryForwarded, .reversal: nil
        case .notOurClaim: "claim status 23: the payer says this is not its claim"
        case .predetermination: "claim status 25: a predetermination, not a payment"
        case .other(let code): "claim status \(code) is not one Clearbill posts"
        }
    }
}
