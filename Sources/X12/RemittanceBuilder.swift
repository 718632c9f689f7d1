/// Collects the segments of one transaction set, from ST to SE, into a `Remittance`.
struct RemittanceBuilder {
    private enum PartyLoop { case none, payer, payee, other }

    private let st: X12Segment
    /// Segments from ST up to here, SE included once `finish` has run.
    private(set) var segmentCount = 1
    private var payment: Payment?
    private var traceNumber: String?
    private var payer: Payer?
    private var payee: Payee?
    private var partyLoop = PartyLoop.none
    private var claims: [ClaimPayment] = []
    private var claim: ClaimPayment?
    private var service: ServicePayment?
    private var providerAdjustments: [ProviderAdjustment] = []

    init(st: X12Segment) throws(X12Error) {
        guard st.element(1) == "835" else {
            throw st.error("ST01 '\(st.element(1).prefix(20))' is not 835: only remittance advice is read")
        }
        guard st.optionalElement(2) != nil else { throw st.error("ST02, the control number, is empty") }
        self.st = st
    }

    var controlNumber: String { st.element(2) }
    var startSegment: X12Segment { st }

    mutating func add(_ segment: X12Segment) throws(X12Error) {
        segmentCount += 1
        switch segment.id {
        case "BPR":
            guard payment == nil else { throw segment.error("a second BPR in one transaction set") }
            payment = try Payment(bpr: segment)
        case "TRN":
            if traceNumber == nil { traceNumber = try X12Value.required(segment, 2) }
        case "N1":
            try readParty(segment)
        case "LX":
            closeClaim()
        case "CLP":
            closeClaim()
            claim = try ClaimPayment(clp: segment)
        case "SVC":
            guard claim != nil else { throw segment.error("SVC comes before any CLP") }
            closeService()
            service = try ServicePayment(svc: segment)
        case "CAS":
            let adjustment = try ClaimAdjustment(cas: segment)
            if service != nil {
                service?.adjustments.append(adjustment)
            } else if claim != nil {
                claim?.adjustments.append(adjustment)
            } else {
                throw segment.error("CAS comes before any CLP")
            }
        case "PLB":
            closeClaim()
            providerAdjustments.append(try ProviderAdjustment(plb: segment))
        default:
            try readOther(segment)
        }
    }

    /// Checks SE02 and returns the transaction set; the reader checks SE01 against `segmentCount`.
    mutating func finish(se: X12Segment) throws(X12Error) -> Remittance {
        segmentCount += 1
        closeClaim()
        guard se.element(2).trimmingSpaces == controlNumber.trimmingSpaces else {
            throw se.error("SE02 '\(se.element(2).prefix(20))' does not match ST02 '\(controlNumber)'")
        }
        guard let payment else { throw se.error("transaction set \(controlNumber) has no BPR") }
        guard let traceNumber else { throw se.error("transaction set \(controlNumber) has no TRN") }
        guard let payer else { throw se.error("transaction set \(controlNumber) has no N1*PR payer") }
        guard let payee else { throw se.error("transaction set \(controlNumber) has no N1*PE payee") }
        return Remittance(controlNumber: controlNumber, segmentNumber: st.number, payment: payment,
                          traceNumber: traceNumber, payer: payer, payee: payee, claims: claims,
                          providerAdjustments: providerAdjustments)
    }

    private mutating func readParty(_ segment: X12Segment) throws(X12Error) {
        switch segment.element(1) {
        case "PR":
            guard payer == nil else { throw segment.error("a second N1*PR payer in one transaction set") }
            payer = Payer(name: segment.element(2), payerID: nil)
            partyLoop = .payer
        case "PE":
            guard payee == nil else { throw segment.error("a second N1*PE payee in one transaction set") }
            payee = Payee(name: segment.element(2), identifierQualifier: segment.optionalElement(3),
                          identifier: segment.optionalElement(4))
            partyLoop = .payee
        default:
            partyLoop = .other
        }
    }

    private mutating func readOther(_ segment: X12Segment) throws(X12Error) {
        if service != nil {
            try service?.read(serviceSegment: segment)
        } else if claim != nil {
            try claim?.read(claimSegment: segment)
        } else if partyLoop == .payer, segment.id == "REF", segment.element(1) == "2U" {
            payer?.payerID = segment.optionalElement(2)
        }
    }

    private mutating func closeService() {
        if let service { claim?.services.append(service) }
        service = nil
    }

    private mutating func closeClaim() {
        closeService()
        if let claim { claims.append(claim) }
        claim = nil
        partyLoop = .none
    }
}

extension String {
    /// Control numbers and counts are compared without the padding some senders add.
    var trimmingSpaces: Substring {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return self[first...last]
    }
}
