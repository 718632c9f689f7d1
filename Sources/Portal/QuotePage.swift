import BillingCore

/// Template values for a priced quote, the same on the builder, the estimate page and the patient's page.
enum QuotePage {
    static func values(_ quote: Quote) -> [String: Any] {
        [
            "lines": quote.lines.map { line -> [String: String] in
                ["description": line.description, "code": line.code, "quantity": "\(line.quantity) \(line.unit.quantityName)",
                 "unitPrice": "\(line.unitPrice.formatted) per \(line.unit.plainName)", "amount": line.amount.formatted]
            },
            "subtotal": quote.subtotal.formatted,
            "hasDiscount": quote.discount.isPositive,
            "discount": "-" + quote.discount.formatted,
            "discountReason": quote.discountReason ?? "",
            "total": quote.total.formatted,
            "pricedOn": quote.pricedOn.written(),
        ]
    }

    /// Choices for an item row: each item by its treatment areas ("about 20 units"), then by quantity.
    static func itemOptions(_ catalog: PriceCatalog, on date: CalendarDate, selected: String) -> [[String: Any]] {
        catalog.priced(on: date).flatMap { item, price -> [[String: Any]] in
            let byArea = item.areas.map { area -> [String: Any] in
                let value = "\(item.id):\(area.id)"
                return ["value": value, "selected": value == selected,
                        "label": "\(item.name), \(area.name): about \(area.typicalQuantity) \(item.unit.quantityName)"]
            }
            return byArea + [["value": item.id, "selected": item.id == selected,
                              "label": "\(item.name) (\(item.code)), \(price.formatted) per \(item.unit.plainName)"]]
        }
    }
}
