/// A Good Faith Estimate for an uninsured or self-pay patient, with what 45 CFR 149.610 requires. Issued once and
/// never edited: a change is a new version that supersedes it. The web page and the PDF are both drawn from this value.
public struct GoodFaithEstimate: Sendable, Equatable, Codable {
    /// "GFE-000042-2": the estimate series and the version.
    public var number: String
    public var version: Int
    /// The number of the version this one replaces.
    public var supersedes: String?
    public var patientName: String
    public var patientDateOfBirth: CalendarDate
    /// Plain words for the primary item or service.
    public var primaryService: String
    /// The date of the scheduled service; nil when the estimate was asked for with nothing scheduled.
    public var scheduledDate: CalendarDate?
    public var providers: [ProviderEstimate]
    /// Items or services expected to need separate scheduling; listed under their own disclaimer (may be empty).
    public var separatelyScheduled: [String]
    public var issuedOn: CalendarDate
    public var validUntil: CalendarDate

    public init(number: String, version: Int, supersedes: String?, patientName: String, patientDateOfBirth: CalendarDate,
                primaryService: String, scheduledDate: CalendarDate?, providers: [ProviderEstimate], separatelyScheduled: [String],
                issuedOn: CalendarDate, validUntil: CalendarDate) {
        self.number = number
        self.version = version
        self.supersedes = supersedes
        self.patientName = patientName
        self.patientDateOfBirth = patientDateOfBirth
        self.primaryService = primaryService
        self.scheduledDate = scheduledDate
        self.providers = providers
        self.separatelyScheduled = separatelyScheduled
        self.issuedOn = issuedOn
        self.validUntil = validUntil
    }

    /// One provider or facility's part, with its own total: the dispute threshold is measured per provider.
    public struct ProviderEstimate: Sendable, Equatable, Codable {
        public var name: String
        public var npi: String
        public var taxID: String
        /// The clinician expected to treat, with their own NPI.
        public var clinician: String
        public var clinicianNPI: String
        public var locationName: String
        public var locationAddress: MailingAddress
        public var items: [Item]
        public var total: Money

        public init(name: String, npi: String, taxID: String, clinician: String, clinicianNPI: String, locationName: String,
                    locationAddress: MailingAddress, items: [Item], total: Money) {
            self.name = name
            self.npi = npi
            self.taxID = taxID
            self.clinician = clinician
            self.clinicianNPI = clinicianNPI
            self.locationName = locationName
            self.locationAddress = locationAddress
            self.items = items
            self.total = total
        }
    }

    public struct Item: Sendable, Equatable, Codable {
        public var description: String
        public var code: String
        public var diagnosisCodes: [String]
        public var quantity: Int
        /// The cash price the patient will be asked to pay, after any self-pay discount.
        public var expectedCharge: Money

        public init(description: String, code: String, diagnosisCodes: [String], quantity: Int, expectedCharge: Money) {
            self.description = description
            self.code = code
            self.diagnosisCodes = diagnosisCodes
            self.quantity = quantity
            self.expectedCharge = expectedCharge
        }
    }

    public var total: Money { providers.map(\.total).sum() }

    /// Required disclaimers, in order, as the page and the PDF print them.
    public static let separateSchedulingDisclaimer =
        "The following items or services are expected to be scheduled separately, before or after the care in this estimate. "
        + "They are not included in this estimate; you would get a separate Good Faith Estimate for them."
    public static let disclaimers = [
        "This Good Faith Estimate shows the costs of items and services that are reasonably expected for your health care needs "
            + "for an item or service. The estimate is based on information known at the time the estimate was created.",
        "The Good Faith Estimate does not include any unknown or unexpected costs that may arise during treatment. You could be "
            + "charged more if complications or special circumstances occur. If this happens, federal law allows you to dispute "
            + "(appeal) the bill.",
        "Other items or services may be recommended as part of your care that must be scheduled or requested separately and are "
            + "not reflected in this Good Faith Estimate.",
        "This is only an estimate: actual items, services or charges may differ from the Good Faith Estimate.",
        "If you are billed for more than this Good Faith Estimate, you have the right to dispute the bill. You may contact the "
            + "health care provider or facility listed to let them know the billed charges are higher than the Good Faith "
            + "Estimate, ask them to update the bill to match it, ask to negotiate the bill, or ask whether financial assistance "
            + "is available. You may also start a dispute resolution process with the U.S. Department of Health and Human "
            + "Services (HHS). If you choose to use the dispute resolution process, you must start it within 120 calendar days "
            + "(about 4 months) of the date on the original bill. There is a $25 fee to use the dispute process. If the agency "
            + "reviewing your dispute agrees with you, you will have to pay the price on this Good Faith Estimate. If it "
            + "disagrees with you and agrees with the provider or facility, you will have to pay the higher amount. You can "
            + "start a dispute if you are billed at least $400.00 more than the total expected charges of a provider or facility "
            + "on this estimate.",
        "To learn more and get a form to start the process, go to www.cms.gov/nosurprises or call the No Surprises Help Desk "
            + "at 1-800-985-3059. For questions or more information about your right to a Good Faith Estimate, visit "
            + "www.cms.gov/nosurprises or call 1-800-985-3059.",
        "Keep a copy of this Good Faith Estimate in a safe place or take pictures of it. You may need it if you are billed a "
            + "higher amount.",
        "This Good Faith Estimate is not a contract and does not require you to obtain the items or services from any of the "
            + "providers or facilities identified in it.",
    ]
}

/// An element 45 CFR 149.610 requires that a draft does not have yet. (The issue date is not among them: the store
/// stamps it, and the type cannot be without one.)
public enum GoodFaithEstimateElement: String, Sendable, Equatable, Codable, CaseIterable, CustomStringConvertible {
    case patientName, patientDateOfBirth, primaryService, items, serviceCodes, expectedCharges
    case providerName, providerNPI, providerTaxID, clinician, serviceLocation

    public var description: String {
        switch self {
        case .patientName: "the patient's name"
        case .patientDateOfBirth: "the patient's date of birth"
        case .primaryService: "a plain-language description of the primary service"
        case .items: "at least one item or service"
        case .serviceCodes: "a CPT, HCPCS or practice code for every item"
        case .expectedCharges: "an expected charge for every item"
        case .providerName: "the provider's or facility's name"
        case .providerNPI: "a valid NPI for the practice"
        case .providerTaxID: "the practice's tax identification number (TIN)"
        case .clinician: "the treating clinician with a valid NPI"
        case .serviceLocation: "the office address and state where the service will happen"
        }
    }
}

/// A GFE that cannot be issued, with every missing element.
public struct GoodFaithEstimateIncomplete: Error, Sendable, Equatable, CustomStringConvertible {
    public var missing: [GoodFaithEstimateElement]

    public init(missing: [GoodFaithEstimateElement]) { self.missing = missing }

    public var description: String { "the Good Faith Estimate is missing " + missing.map(\.description).joined(separator: "; ") }
}

extension GoodFaithEstimate {
    /// Checks a would-be GFE and returns it only when nothing required is missing.
    public static func issue(_ draft: GoodFaithEstimate) throws(GoodFaithEstimateIncomplete) -> GoodFaithEstimate {
        let missing = draft.missingElements()
        guard missing.isEmpty else { throw GoodFaithEstimateIncomplete(missing: missing) }
        return draft
    }

    public func missingElements() -> [GoodFaithEstimateElement] {
        func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespaces).isEmpty }
        var missing: [GoodFaithEstimateElement] = []
        let items = providers.flatMap(\.items)
        if blank(patientName) { missing.append(.patientName) }
        if patientDateOfBirth > issuedOn { missing.append(.patientDateOfBirth) }
        if blank(primaryService) { missing.append(.primaryService) }
        if items.isEmpty { missing.append(.items) }
        if items.contains(where: { !BillingCodeFormat.isProcedureCode($0.code) }) { missing.append(.serviceCodes) }
        if items.contains(where: { $0.expectedCharge.isNegative || blank($0.description) }) { missing.append(.expectedCharges) }
        if providers.isEmpty || providers.contains(where: { blank($0.name) }) { missing.append(.providerName) }
        if providers.contains(where: { !NPI.isValid($0.npi) }) { missing.append(.providerNPI) }
        if providers.contains(where: { !TaxID.isValid($0.taxID) }) { missing.append(.providerTaxID) }
        if providers.contains(where: { blank($0.clinician) || !NPI.isValid($0.clinicianNPI) }) { missing.append(.clinician) }
        if providers.contains(where: { !$0.locationAddress.isMailable }) { missing.append(.serviceLocation) }
        return missing
    }
}

/// Employer Identification Numbers as practices print them: "56-1234567".
public enum TaxID {
    public static func isValid(_ text: String) -> Bool {
        let digits = text.filter { $0 != "-" }
        return digits.count == 9 && digits.allSatisfy(\.isASCIIDigit) && (text.count == 9 || (text.count == 10 && Array(text)[2] == "-"))
    }
}
