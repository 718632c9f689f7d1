/// A visit: one date of service with one provider at one place.
public struct Encounter: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var accountID: Int64
    public var patientID: Int64
    public var providerID: Int64
    public var locationID: Int64
    public var dateOfService: CalendarDate
    public var placeOfService: String
    /// The claims module's claim number (the 835's CLP01); none for self-pay visits.
    public var claimNumber: String?

    public init(id: Int64, accountID: Int64, patientID: Int64, providerID: Int64, locationID: Int64,
                dateOfService: CalendarDate, placeOfService: String, claimNumber: String?) {
        self.id = id
        self.accountID = accountID
        self.patientID = patientID
        self.providerID = providerID
        self.locationID = locationID
        self.dateOfService = dateOfService
        self.placeOfService = placeOfService
        self.claimNumber = claimNumber
    }
}

/// One billed service on a visit.
public struct ServiceLine: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var encounterID: Int64
    public var lineNumber: Int
    public var code: String
    public var modifiers: [String]
    public var diagnosisCodes: [String]
    public var units: Int
    public var charge: Money
    public var selfPay: Bool
    /// The claims module's line control number (the 835's REF*6R), when it sent one.
    public var lineControlNumber: String?

    public init(id: Int64, encounterID: Int64, lineNumber: Int, code: String, modifiers: [String], diagnosisCodes: [String],
                units: Int, charge: Money, selfPay: Bool, lineControlNumber: String?) {
        self.id = id
        self.encounterID = encounterID
        self.lineNumber = lineNumber
        self.code = code
        self.modifiers = modifiers
        self.diagnosisCodes = diagnosisCodes
        self.units = units
        self.charge = charge
        self.selfPay = selfPay
        self.lineControlNumber = lineControlNumber
    }
}
