import BillingCore
import BillingStore
import Hummingbird

/// The public price page (no sign-in): today's catalog in plain words, what each treatment area usually takes and
/// costs, a small estimator, and the notice that self-pay patients can have a Good Faith Estimate.
struct PriceListPage: Sendable {
    let services: PortalServices

    func render(choice: String?, quantity: String?, context: PortalRequestContext) async throws -> Response {
        let today = CalendarDate(services.database.clock(), in: .current)
        let catalog = try await PriceCatalogStore(database: services.database).catalog()
        let priced = catalog.priced(on: today)
        var values: [String: Any] = [
            "date": today.written(),
            "categories": CatalogCategory.allCases.compactMap { category -> [String: Any]? in
                let items = priced.filter { $0.item.category == category }
                guard !items.isEmpty else { return nil }
                return ["name": category.plainName, "items": items.map { item, price -> [String: Any] in
                    ["name": item.name, "code": item.code, "price": "\(price.formatted) per \(item.unit.plainName)",
                     "areas": item.areas.map { Self.sentence(item, $0, price) }, "hasAreas": !item.areas.isEmpty]
                }]
            },
            "options": QuotePage.itemOptions(catalog, on: today, selected: choice ?? ""),
            "quantity": quantity ?? "",
        ]
        if let choice, !choice.isEmpty {
            let parts = choice.split(separator: ":", maxSplits: 1).map(String.init)
            let typed = (quantity ?? "").trimmingCharacters(in: .whitespaces)
            let request = QuoteRequest(items: [.init(item: parts[0], area: parts.count > 1 ? parts[1] : nil, quantity: Int(typed))])
            if !typed.isEmpty, Int(typed) == nil {
                values["estimateError"] = "Quantity: '\(typed.prefix(10))' is not a whole number."
            } else {
                do throws(ValidationFailure) {
                    let line = try Quote.price(request, catalog: catalog, on: today).lines[0]
                    values["estimate"] = "\(line.description): about \(line.quantity) \(line.unit.quantityName), \(line.amount.formatted)"
                } catch {
                    values["estimateError"] = error.errors.map(\.plain).joined(separator: " ")
                }
            }
        }
        return try await services.pages.render("prices", values, context: context, status: values["estimateError"] == nil ? .ok : .unprocessableContent)
    }

    /// "Botox for frown lines (between the brows): about 20 units, $280.00".
    static func sentence(_ item: CatalogItem, _ area: TreatmentArea, _ price: Money) -> String {
        let billed = item.unit.billedUnits(forQuantity: area.typicalQuantity)
        let shortName = item.name.split(separator: " (").first.map(String.init) ?? item.name
        return "\(shortName) for \(area.name): about \(area.typicalQuantity) \(item.unit.quantityName), "
            + Money(cents: price.cents * Int64(billed)).formatted
    }
}

/// The billing office's catalog editor: today's price of each item, prices scheduled to start later, and a form for a
/// new price from a date (a price is never changed in place).
struct CatalogEditorPage: Sendable {
    let services: PortalServices

    func render(context: PortalRequestContext, notice: String? = nil, error: String? = nil,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let today = CalendarDate(services.database.clock(), in: .current)
        let catalog = try await PriceCatalogStore(database: services.database).catalog()
        let values: [String: Any] = [
            "today": today.iso, "notice": notice ?? "", "error": error ?? "",
            "items": catalog.items.map { item -> [String: Any] in
                let upcoming = catalog.prices.filter { $0.itemID == item.id && $0.effectiveFrom > today }
                return ["id": item.id, "name": item.name, "code": item.code, "per": item.unit.plainName,
                        "price": catalog.price(of: item.id, on: today)?.formatted ?? "no price yet",
                        "upcoming": upcoming.map { "\($0.unitPrice.formatted) from \($0.effectiveFrom.written())" }.joined(separator: "; ")]
            },
        ]
        return try await services.pages.render("staff-catalog", values, context: context, status: status)
    }
}
