/// What someone asks to have priced: items by treatment area or by quantity, and an optional discount with its reason.
public struct QuoteRequest: Sendable, Equatable, Codable {
    public var items: [Item]
    public var discount: Discount?

    public struct Item: Sendable, Equatable, Codable {
        /// A catalog item id ("botox").
        public var item: String
        /// A treatment area of that item ("glabellar"); its typical quantity is used when `quantity` is nil.
        public var area: String?
        public var quantity: Int?

        public init(item: String, area: String? = nil, quantity: Int? = nil) {
            self.item = item
            self.area = area
            self.quantity = quantity
        }
    }

    /// Off the subtotal: a fixed amount or a whole percentage, always with the reason it was given.
    public struct Discount: Sendable, Equatable, Codable {
        public var amount: Money?
        public var percent: Int?
        public var reason: String

        public init(amount: Money? = nil, percent: Int? = nil, reason: String) {
            self.amount = amount
            self.percent = percent
            self.reason = reason
        }
    }

    public init(items: [Item], discount: Discount? = nil) {
        self.items = items
        self.discount = discount
    }

    public static let largestQuantity = 999
    public static let mostItems = 20
}

/// A priced quote: what the desk shows, what an estimate stores (so later price changes never alter it), and the
/// ground of a Good Faith Estimate.
public struct Quote: Sendable, Equatable, Codable {
    public var pricedOn: CalendarDate
    public var lines: [Line]
    public var subtotal: Money
    /// What actually came off: never more than the subtotal, so a total is never below zero.
    public var discount: Money
    public var discountReason: String?
    public var total: Money

    public struct Line: Sendable, Equatable, Codable {
        public var item: String
        public var code: String
        /// "Botox (onabotulinumtoxinA), frown lines (between the brows)".
        public var description: String
        public var unit: PricingUnit
        /// In the quantity unit the patient hears (units of toxin, syringes, sessions).
        public var quantity: Int
        /// Priced units: quantity, or fives for a per-5-unit code.
        public var billedUnits: Int
        public var unitPrice: Money
        public var amount: Money
        /// Units on the ledger line when billed.
        public var serviceLineUnits: Int
    }

    /// Each line's share of the total after the discount, to the cent (largest remainder), adding up to `total`:
    /// the expected charge per item the Good Faith Estimate lists, and what each billed line is charged.
    public var netLineAmounts: [Money] {
        guard discount.isPositive else { return lines.map(\.amount) }
        let off = discount.apportioned(by: lines.map(\.amount.cents))
        return zip(lines, off).map { $0.amount - $1 }
    }

    /// Prices `request` at the catalog's prices on `date`. Every problem is reported at once, named by field
    /// ("items[1].area"), and nothing is priced unless all is well.
    public static func price(_ request: QuoteRequest, catalog: PriceCatalog, on date: CalendarDate) throws(ValidationFailure) -> Quote {
        var errors: [FieldError] = []
        var lines: [Line] = []
        if request.items.isEmpty { errors.append(FieldError("items", "add at least one item")) }
        if request.items.count > QuoteRequest.mostItems { errors.append(FieldError("items", "at most \(QuoteRequest.mostItems) items")) }
        for (index, wanted) in request.items.enumerated() {
            let field = "items[\(index)]"
            guard let item = catalog.item(wanted.item) else {
                errors.append(FieldError("\(field).item", "'\(wanted.item.prefix(40))' is not in the price list"))
                continue
            }
            var area: TreatmentArea?
            if let areaID = wanted.area {
                area = item.area(areaID)
                if area == nil { errors.append(FieldError("\(field).area", "\(item.name) has no treatment area '\(areaID.prefix(40))'")) }
            }
            let quantity = wanted.quantity ?? area?.typicalQuantity ?? 1
            guard (1...QuoteRequest.largestQuantity).contains(quantity) else {
                errors.append(FieldError("\(field).quantity", "must be between 1 and \(QuoteRequest.largestQuantity)"))
                continue
            }
            guard let unitPrice = catalog.price(of: item.id, on: date) else {
                errors.append(FieldError("\(field).item", "\(item.name) has no price on \(date.iso)"))
                continue
            }
            let billed = item.unit.billedUnits(forQuantity: quantity)
            // Bounded: 999 × a price below the largest entry stays far inside Int64.
            let amount = Money(cents: unitPrice.cents * Int64(billed))
            lines.append(Line(item: item.id, code: item.code, description: area.map { "\(item.name), \($0.name)" } ?? item.name,
                              unit: item.unit, quantity: quantity, billedUnits: billed, unitPrice: unitPrice, amount: amount,
                              serviceLineUnits: item.serviceLineUnits(forQuantity: quantity)))
        }
        let subtotal = lines.map(\.amount).sum()
        var discount = Money.zero
        var reason: String?
        if let wanted = request.discount {
            let text = wanted.reason.trimmingCharacters(in: .whitespacesAndNewlines)
            if !(3...200).contains(text.count) { errors.append(FieldError("discount.reason", "give the reason for the discount (3 to 200 characters)")) }
            reason = text
            switch (wanted.amount, wanted.percent) {
            case (let amount?, nil):
                if amount.isNegative { errors.append(FieldError("discount.amount", "cannot be negative")) }
                if amount > Money.largestEntry { errors.append(FieldError("discount.amount", "is above \(Money.largestEntry.formatted)")) }
                discount = amount
            case (nil, let percent?):
                if !(1...100).contains(percent) { errors.append(FieldError("discount.percent", "must be a whole percentage from 1 to 100")) }
                // Rounded down to the cent: a discount never gives more than it says.
                discount = Money(cents: subtotal.cents * Int64(min(max(percent, 0), 100)) / 100)
            default:
                errors.append(FieldError("discount", "give either an amount or a percentage"))
            }
        }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let applied = Money.min(Money.max(discount, .zero), subtotal)
        return Quote(pricedOn: date, lines: lines, subtotal: subtotal, discount: applied, discountReason: applied.isPositive ? reason : nil,
                     total: subtotal - applied)
    }
}

extension Quote {
    /// What was actually done: the same lines at the quote's own unit prices with the quantities performed (zero for a
    /// line not done), and the quote's discount kept, never more than the new subtotal.
    public func performed(_ quantities: [Int]) throws(ValidationFailure) -> Quote {
        var errors: [FieldError] = []
        if quantities.count != lines.count { errors.append(FieldError("quantities", "give one quantity for each of the \(lines.count) items")) }
        for (index, quantity) in quantities.enumerated() where !(0...QuoteRequest.largestQuantity).contains(quantity) {
            errors.append(FieldError("quantities[\(index)]", "must be between 0 and \(QuoteRequest.largestQuantity)"))
        }
        if errors.isEmpty, !quantities.contains(where: { $0 > 0 }) { errors.append(FieldError("quantities", "at least one item must have been done")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        let done = zip(lines, quantities).filter { $0.1 > 0 }.map { line, quantity in
            var line = line
            let perPackage = line.unit == .package ? line.serviceLineUnits / max(line.quantity, 1) : nil
            line.quantity = quantity
            line.billedUnits = line.unit.billedUnits(forQuantity: quantity)
            line.serviceLineUnits = perPackage.map { $0 * quantity } ?? line.billedUnits
            line.amount = Money(cents: line.unitPrice.cents * Int64(line.billedUnits))
            return line
        }
        let subtotal = done.map(\.amount).sum()
        let applied = Money.min(discount, subtotal)
        return Quote(pricedOn: pricedOn, lines: done, subtotal: subtotal, discount: applied,
                     discountReason: applied.isPositive ? discountReason : nil, total: subtotal - applied)
    }
}
