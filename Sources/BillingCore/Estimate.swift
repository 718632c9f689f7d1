/// Who an estimate is for: a patient on an existing account, or a prospective patient known by name and birth date.
public struct EstimatePatient: Sendable, Equatable, Codable {
    public var accountID: Int64?
    public var patientID: Int64?
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate

    public init(accountID: Int64?, patientID: Int64?, firstName: String, lastName: String, dateOfBirth: CalendarDate) {
        self.accountID = accountID
        self.patientID = patientID
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
    }

    public var fullName: String { "\(firstName) \(lastName)" }
}

/// A saved quote: the priced lines as they were on the day (a later price change never alters it), for whom, by
/// whom, when the service is, and until when the price holds.
public struct EstimateDetails: Sendable, Equatable, Codable {
    public var patient: EstimatePatient
    public var providerID: Int64
    public var locationID: Int64
    /// Uninsured, or insured and not billing insurance: a Good Faith Estimate is owed.
    public var selfPay: Bool
    public var primaryService: String
    public var diagnosisCodes: [String]
    public var separatelyScheduled: [String]
    /// The day the service was scheduled, or the patient asked about cost: the GFE deadline counts from it.
    public var scheduledOn: CalendarDate
    public var serviceDate: CalendarDate?
    public var validUntil: CalendarDate
    public var quote: Quote

    public init(patient: EstimatePatient, providerID: Int64, locationID: Int64, selfPay: Bool, primaryService: String,
                diagnosisCodes: [String] = [], separatelyScheduled: [String] = [], scheduledOn: CalendarDate,
                serviceDate: CalendarDate?, validUntil: CalendarDate, quote: Quote) {
        self.patient = patient
        self.providerID = providerID
        self.locationID = locationID
        self.selfPay = selfPay
        self.primaryService = primaryService
        self.diagnosisCodes = diagnosisCodes
        self.separatelyScheduled = separatelyScheduled
        self.scheduledOn = scheduledOn
        self.serviceDate = serviceDate
        self.validUntil = validUntil
        self.quote = quote
    }

    /// Everything wrong, by field, before the estimate is saved.
    public func problems() -> [FieldError] {
        var errors: [FieldError] = []
        func name(_ text: String) -> Bool { (1...60).contains(text.trimmingCharacters(in: .whitespaces).count) }
        if !name(patient.firstName) { errors.append(FieldError("firstName", "enter the patient's first name (up to 60 characters)")) }
        if !name(patient.lastName) { errors.append(FieldError("lastName", "enter the patient's last name (up to 60 characters)")) }
        if patient.dateOfBirth > scheduledOn { errors.append(FieldError("dateOfBirth", "cannot be after today")) }
        if !(1...200).contains(primaryService.trimmingCharacters(in: .whitespaces).count) {
            errors.append(FieldError("primaryService", "describe the main service in plain words (up to 200 characters)"))
        }
        for (index, code) in diagnosisCodes.enumerated() where !BillingCodeFormat.isICD10(code) {
            errors.append(FieldError("diagnosisCodes[\(index)]", "'\(code.prefix(10))' is not an ICD-10-CM code"))
        }
        if separatelyScheduled.count > 10 || separatelyScheduled.contains(where: { $0.count > 200 }) {
            errors.append(FieldError("separatelyScheduled", "at most 10 items of up to 200 characters"))
        }
        if let serviceDate, serviceDate < scheduledOn { errors.append(FieldError("serviceDate", "cannot be before today")) }
        if validUntil < scheduledOn { errors.append(FieldError("validUntil", "cannot be before today")) }
        if validUntil > scheduledOn.adding(days: 366) { errors.append(FieldError("validUntil", "at most a year from today")) }
        return errors
    }

    public var gfeDueDate: CalendarDate? {
        selfPay ? GoodFaithEstimateTiming.dueDate(scheduledOrRequestedOn: scheduledOn, serviceDate: serviceDate) : nil
    }
}

/// An estimate as saved. Estimates are never edited: a revised quote is a new estimate in the same series.
public struct Estimate: Sendable, Equatable {
    public var id: Int64
    public var seriesID: Int64
    public var revises: Int64?
    public var details: EstimateDetails
    public var createdBy: String

    public init(id: Int64, seriesID: Int64, revises: Int64?, details: EstimateDetails, createdBy: String) {
        self.id = id
        self.seriesID = seriesID
        self.revises = revises
        self.details = details
        self.createdBy = createdBy
    }

    /// The Good Faith Estimate this estimate would be, issued on `issuedOn` by the practice: the one provider group is
    /// the practice (its NPI and TIN) with the treating clinician and the office; expected charges are net of the discount.
    public func goodFaithEstimate(number: String, version: Int, supersedes: String?, practice: Practice, clinician: Provider,
                                  location: Location, issuedOn: CalendarDate) -> GoodFaithEstimate {
        let quote = details.quote
        let items = zip(quote.lines, quote.netLineAmounts).map { line, charge in
            GoodFaithEstimate.Item(description: "\(line.description) — \(line.quantity) \(line.unit.quantityName)", code: line.code,
                                   diagnosisCodes: details.diagnosisCodes, quantity: line.serviceLineUnits, expectedCharge: charge)
        }
        return GoodFaithEstimate(
            number: number, version: version, supersedes: supersedes, patientName: details.patient.fullName,
            patientDateOfBirth: details.patient.dateOfBirth, primaryService: details.primaryService, scheduledDate: details.serviceDate,
            providers: [.init(name: practice.name, npi: practice.npi, taxID: practice.taxID, clinician: clinician.displayName,
                              clinicianNPI: clinician.npi, locationName: location.name, locationAddress: location.address,
                              items: items, total: quote.total)],
            separatelyScheduled: details.separatelyScheduled, issuedOn: issuedOn, validUntil: details.validUntil)
    }
}

/// GFE numbers: "GFE-", the series zero-filled to six digits, and the version.
public enum GoodFaithEstimateNumber {
    public static func make(series: Int64, version: Int) -> String { String(format: "GFE-%06lld-%d", series, version) }
}
