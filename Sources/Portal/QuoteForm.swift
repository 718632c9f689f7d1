import BillingCore
import BillingStore

/// The desk's quote builder as posted: who, which provider and office, the item rows (`item[]` / `quantity[]`, one
/// pair per row, a blank item row is skipped), an optional discount with its reason, and whether to price or save.
struct QuoteForm: Decodable {
    var action: String?
    var revises: String?
    var account: String?
    var patient: String?
    var firstName: String?
    var lastName: String?
    var dateOfBirth: String?
    var provider: String?
    var location: String?
    var selfPay: String?
    var serviceDate: String?
    var validUntil: String?
    var primaryService: String?
    var diagnosisCodes: String?
    var separatelyScheduled: String?
    var item: [String]?
    var quantity: [String]?
    var discountAmount: String?
    var discountPercent: String?
    var discountReason: String?

    static let rows = 6

    var items: [String] { item ?? [] }
    var quantities: [String] { quantity ?? [] }
    var wantsSave: Bool { action == "save" }

    /// The priceable request, or the fields that make it unreadable. Rows keep their on-page numbers in errors.
    func quoteRequest() -> (QuoteRequest, [FieldError]) {
        var errors: [FieldError] = []
        var wanted: [QuoteRequest.Item] = []
        for (index, choice) in items.enumerated() where !choice.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = choice.split(separator: ":", maxSplits: 1).map(String.init)
            let text = index < quantities.count ? quantities[index].trimmingCharacters(in: .whitespaces) : ""
            var quantity: Int?
            if !text.isEmpty {
                guard let number = Int(text), number > 0 else {
                    errors.append(FieldError("Item \(index + 1) quantity", "'\(text.prefix(10))' is not a whole number above zero"))
                    continue
                }
                quantity = number
            }
            wanted.append(QuoteRequest.Item(item: parts[0], area: parts.count > 1 ? parts[1] : nil, quantity: quantity))
        }
        var discount: QuoteRequest.Discount?
        let amount = (discountAmount ?? "").trimmingCharacters(in: .whitespaces)
        let percent = (discountPercent ?? "").trimmingCharacters(in: .whitespaces)
        let reason = discountReason ?? ""
        if !amount.isEmpty || !percent.isEmpty {
            if !amount.isEmpty, !percent.isEmpty {
                errors.append(FieldError("Discount", "give an amount or a percentage, not both"))
            } else if !amount.isEmpty {
                do { discount = .init(amount: try Money(parsing: amount), reason: reason) } catch {
                    errors.append(FieldError("Discount amount", error.description))
                }
            } else if let whole = Int(percent.hasSuffix("%") ? String(percent.dropLast()) : percent) {
                discount = .init(percent: whole, reason: reason)
            } else {
                errors.append(FieldError("Discount percentage", "'\(percent.prefix(10))' is not a whole percentage"))
            }
        }
        return (QuoteRequest(items: wanted, discount: discount), errors)
    }

    /// A date typed as YYYY-MM-DD (a date field) or MM/DD/YYYY; nil when blank.
    static func date(_ text: String?, field: String, errors: inout [FieldError]) -> CalendarDate? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard let date = CalendarDate(iso: trimmed) ?? CalendarDate(us: trimmed) else {
            errors.append(FieldError(field, "'\(trimmed.prefix(12))' is not a date (MM/DD/YYYY)"))
            return nil
        }
        return date
    }

    var diagnosisList: [String] {
        (diagnosisCodes ?? "").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map { $0.uppercased() }
    }

    var separatelyScheduledList: [String] {
        (separatelyScheduled ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension FieldError {
    /// "Item 2 quantity: must be…" for a page: the core's field paths ("items[1].quantity") in the form's words.
    var plain: String {
        var name = field
        if field.hasPrefix("items["), let close = field.firstIndex(of: "]"), let index = Int(field.dropFirst(6).prefix(upTo: close)) {
            let rest = field[field.index(after: close)...].drop(while: { $0 == "." })
            name = "Item \(index + 1)" + (rest.isEmpty || rest == "item" ? "" : " \(rest)")
        }
        let words = ["discount.reason": "Discount reason", "discount.amount": "Discount amount", "discount.percent": "Discount percentage",
                     "items": "Items", "firstName": "First name", "lastName": "Last name", "dateOfBirth": "Date of birth",
                     "primaryService": "Main service", "serviceDate": "Service date", "validUntil": "Valid until",
                     "provider": "Provider", "location": "Office", "patient": "Patient", "separatelyScheduled": "Scheduled separately"]
        if let word = words[name] { name = word }
        if name.hasPrefix("diagnosisCodes[") { name = "Diagnosis codes" }
        return "\(name): \(reason)"
    }
}
