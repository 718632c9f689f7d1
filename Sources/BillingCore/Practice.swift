/// A US mailing address as it prints in an envelope window.
public struct MailingAddress: Sendable, Equatable, Codable {
    public var line1: String
    public var line2: String
    public var city: String
    public var state: String
    public var zip: String

    public init(line1: String, line2: String = "", city: String, state: String, zip: String) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.zip = zip
    }

    /// Good enough to mail: a street line, a city, a two-letter state and a 5 or 9 digit ZIP.
    public var isMailable: Bool {
        let zipDigits = zip.filter(\.isASCIIDigit)
        return !line1.trimmingCharacters(in: .whitespaces).isEmpty && !city.trimmingCharacters(in: .whitespaces).isEmpty
            && state.count == 2 && state.allSatisfy({ $0.isASCII && $0.isUppercase })
            && (zipDigits.count == 5 || zipDigits.count == 9)
    }

    public var lines: [String] {
        [line1, line2, "\(city), \(state) \(zip)"].filter { !$0.isEmpty }
    }
}

/// The practice itself: what heads every statement and estimate.
public struct Practice: Sendable, Equatable, Codable {
    public var name: String
    public var address: MailingAddress
    public var phone: String
    public var hours: String
    public var website: String
    public var taxID: String
    public var npi: String

    public init(name: String, address: MailingAddress, phone: String, hours: String, website: String, taxID: String, npi: String) {
        self.name = name
        self.address = address
        self.phone = phone
        self.hours = hours
        self.website = website
        self.taxID = taxID
        self.npi = npi
    }
}

public struct Provider: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var credentials: String
    public var npi: String

    public init(id: Int64, name: String, credentials: String, npi: String) {
        self.id = id
        self.name = name
        self.credentials = credentials
        self.npi = npi
    }

    public var displayName: String { credentials.isEmpty ? name : "\(name), \(credentials)" }
}

public struct Location: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    public var name: String
    public var address: MailingAddress
    public var phone: String
    /// CMS place-of-service code: 11 office, 22 outpatient hospital, 24 ambulatory surgical center.
    public var placeOfService: String

    public init(id: Int64, name: String, address: MailingAddress, phone: String, placeOfService: String) {
        self.id = id
        self.name = name
        self.address = address
        self.phone = phone
        self.placeOfService = placeOfService
    }
}

/// National Provider Identifiers: ten digits, the last a Luhn check digit computed with the "80840" prefix.
public enum NPI {
    public static func isValid(_ npi: String) -> Bool {
        npi.count == 10 && npi.allSatisfy(\.isASCIIDigit) && CheckDigit.passesLuhn("80840" + npi)
    }

    /// Completes nine digits into a valid NPI (demo data and tests).
    public static func make(_ nineDigits: String) -> String {
        nineDigits + String(CheckDigit.luhn("80840" + nineDigits))
    }
}
