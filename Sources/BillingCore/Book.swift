/// How money changed hands. Cash books and refund books are kept per method so that the end-of-day close and the
/// deposit reconcile by method.
public enum PaymentMethod: String, Codable, Sendable, CaseIterable {
    case cash
    case check
    case cardTerminal = "card_terminal"
    case hsaFsa = "hsa_fsa"
    case cardOnline = "card_online"
    case bankOnline = "bank_online"
    case insuranceEFT = "insurance_eft"
    case insuranceCheck = "insurance_check"

    public var plainName: String {
        switch self {
        case .cash: "Cash"
        case .check: "Check"
        case .cardTerminal: "Card (in office)"
        case .hsaFsa: "HSA/FSA card"
        case .cardOnline: "Card (online)"
        case .bankOnline: "Bank account (online)"
        case .insuranceEFT: "Insurance EFT"
        case .insuranceCheck: "Insurance check"
        }
    }

    /// Methods a patient or the front desk pays with (insurance methods are the payers').
    public var isPatientMethod: Bool { self != .insuranceEFT && self != .insuranceCheck }
}

/// The ledger's books. Amounts are signed: a debit is positive, a credit negative, and every transaction sums to zero.
///
/// - `patientDue`, `insuranceDue`: what the patient and the payers owe (debit balances).
/// - `revenue`: charges billed (credit balance).
/// - `contractualAdjustment`: what payer contracts take off (debit; never billed to the patient).
/// - `writeOff`: balances the practice forgives (small balances, charity, bad debt).
/// - `cash(method)`: money received, by method.
/// - `refunds(method)`: money paid back out, by method (credit balance), so receipts stay gross.
/// - `patientCredit`: money the practice holds for the patient (credit balance): overpayments and deposits.
public enum Book: Hashable, Sendable {
    case patientDue
    case insuranceDue
    case revenue
    case contractualAdjustment
    case writeOff
    case patientCredit
    case cash(PaymentMethod)
    case refunds(PaymentMethod)

    /// The stable text stored in the database: "patient_due", "cash:check", "refunds:card_online".
    public var code: String {
        switch self {
        case .patientDue: "patient_due"
        case .insuranceDue: "insurance_due"
        case .revenue: "revenue"
        case .contractualAdjustment: "contractual_adjustment"
        case .writeOff: "write_off"
        case .patientCredit: "patient_credit"
        case .cash(let method): "cash:\(method.rawValue)"
        case .refunds(let method): "refunds:\(method.rawValue)"
        }
    }

    public init?(code: String) {
        switch code {
        case "patient_due": self = .patientDue
        case "insurance_due": self = .insuranceDue
        case "revenue": self = .revenue
        case "contractual_adjustment": self = .contractualAdjustment
        case "write_off": self = .writeOff
        case "patient_credit": self = .patientCredit
        default:
            let parts = code.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let method = PaymentMethod(rawValue: String(parts[1])) else { return nil }
            switch parts[0] {
            case "cash": self = .cash(method)
            case "refunds": self = .refunds(method)
            default: return nil
            }
        }
    }
}
