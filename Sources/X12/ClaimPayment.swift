/// CLP loop (2100): how the payer settled one of the practice's claims.
public struct ClaimPayment: Equatable, Sendable {
    /// CLP02.
    public enum Status: Equatable, Sendable {
        case primary, secondary, tertiary, denied
        case processedAsPrimaryForwarded, processedAsSecondaryForwarded, processedAsTertiaryForwarded
        /// 22: reverses an earlier payment for the same CLP01 and CLP07; a corrected claim usually follows.
        case reversal
        case notOurClaim
        case predetermination
        /// Another numeric code (004010 has a few more, e.g. 5 pended); posting should queue such a claim.
        case other(String)

        init?(code: String) {
            switch code {
            case "1": self = .primary
            case "2": self = .secondary
            case "3": self = .tertiary
            case "4": self = .denied
            case "19": self = .processedAsPrimaryForwarded
            case "20": self = .processedAsSecondaryForwarded
            case "21": self = .processedAsTertiaryForwarded
            case "22": self = .reversal
            case "23": self = .notOurClaim
            case "25": self = .predetermination
            default:
                guard (1...2).contains(code.count), code.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
                self = .other(code)
            }
        }
    }

    /// NM1*QC.
    public struct Patient: Equatable, Sendable {
        public var lastName: String
        public var firstName: String?
        public var middleName: String?
        /// NM109, e.g. the member id.
        public var identifier: String?
    }

    /// CLP01: the practice's patient control number, the key to match the claim.
    public var patientControlNumber: String
    public var status: Status
    /// CLP03.
    public var chargeCents: Int64
    /// CLP04.
    public var paidCents: Int64
    /// CLP05; zero when the payer left it empty.
    public var patientResponsibilityCents: Int64
    /// CLP06, the claim filing indicator (e.g. 12 PPO, MA Medicare part A, HM HMO).
    public var filingIndicator: String?
    /// CLP07: the payer's claim control number.
    public var payerClaimControlNumber: String?
    public var patient: Patient?
    /// Claim-level CAS; line-level ones are on each service.
    public var adjustments: [ClaimAdjustment]
    public var services: [ServicePayment]
    /// DTM*232.
    public var statementStart: X12Date?
    /// DTM*233.
    public var statementEnd: X12Date?
    /// DTM*050.
    public var received: X12Date?
    /// Number of the CLP segment in the file.
    public var segmentNumber: Int

    /// Claim-level and line-level adjustments together.
    public var allAdjustments: [ClaimAdjustment] { adjustments + services.flatMap(\.adjustments) }
}

extension ClaimPayment {
    init(clp segment: X12Segment) throws(X12Error) {
        patientControlNumber = try X12Value.required(segment, 1)
        guard let status = Status(code: segment.element(2)) else {
            throw segment.error("CLP02 '\(segment.element(2).prefix(20))' is not a claim status code")
        }
        self.status = status
        chargeCents = try X12Value.requiredCents(segment, 3)
        paidCents = try X12Value.requiredCents(segment, 4)
        patientResponsibilityCents = try X12Value.centsOrZero(segment, 5)
        filingIndicator = segment.optionalElement(6)
        payerClaimControlNumber = segment.optionalElement(7)
        patient = nil
        adjustments = []
        services = []
        segmentNumber = segment.number
    }

    /// Takes a segment of the claim loop that is not a CLP, CAS or SVC; segments Clearbill does not use are skipped.
    mutating func read(claimSegment segment: X12Segment) throws(X12Error) {
        switch (segment.id, segment.element(1)) {
        case ("NM1", "QC"):
            patient = Patient(lastName: segment.element(3), firstName: segment.optionalElement(4),
                              middleName: segment.optionalElement(5), identifier: segment.optionalElement(9))
        case ("DTM", "232"): statementStart = try X12Value.requiredDate(segment, 2)
        case ("DTM", "233"): statementEnd = try X12Value.requiredDate(segment, 2)
        case ("DTM", "050"): received = try X12Value.requiredDate(segment, 2)
        default: break
        }
    }
}
