import BillingCore

/// `POST /api/v1/encounters`. Money is integer cents in every API body.
struct EncounterRequest: Decodable {
    struct Line: Decodable {
        var code: String
        var modifiers: [String]?
        var diagnosisCodes: [String]?
        var units: Int?
        var chargeCents: Int64
        var selfPay: Bool?
        var lineControlNumber: String?
    }

    var accountNumber: String
    var patientId: Int64?
    var providerNpi: String
    var locationId: Int64
    var dateOfService: String
    var placeOfService: String?
    var claimNumber: String?
    var lines: [Line]
}

/// `POST /api/v1/adjudications`: a payer's decision on a claim, line by line.
struct AdjudicationRequest: Decodable {
    struct Adjustment: Decodable {
        var group: String
        var reason: String
        var amountCents: Int64
    }

    struct Line: Decodable {
        var serviceLineId: Int64?
        var lineControlNumber: String?
        var allowedCents: Int64?
        var paidCents: Int64
        var adjustments: [Adjustment]?
        var denialReasonCodes: [String]?
    }

    var claimNumber: String
    var payer: String
    var claimStatus: String
    var paidBy: String?
    var reference: String?
    var date: String
    var lines: [Line]
}

extension DecodingError {
    /// Where and why a body could not be read, as a field error: "lines[2].chargeCents: is missing".
    var fieldError: FieldError {
        func path(_ keys: [any CodingKey]) -> String {
            keys.isEmpty ? "body" : keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch self {
        case .keyNotFound(let key, let context): return FieldError(path(context.codingPath + [key]), "is missing")
        case .valueNotFound(_, let context): return FieldError(path(context.codingPath), "is missing")
        case .typeMismatch(let type, let context): return FieldError(path(context.codingPath), "must be \(Self.name(of: type))")
        case .dataCorrupted(let context):
            return FieldError(path(context.codingPath), context.codingPath.isEmpty ? "is not valid JSON" : "is not valid")
        @unknown default: return FieldError("body", "could not be read")
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "an object"
        }
    }
}

import Foundation
