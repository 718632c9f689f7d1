/// The catalog with its whole price history: which price applies on a given day.
public struct PriceCatalog: Sendable, Equatable {
    public var items: [CatalogItem]
    public var prices: [CatalogPrice]

    public init(items: [CatalogItem], prices: [CatalogPrice]) {
        self.items = items
        self.prices = prices
    }

    public func item(_ id: String) -> CatalogItem? { items.first { $0.id == id } }

    /// The price in force on `date`: the row with the latest effective date on or before it. Nil before the first
    /// price (or for an unknown item): a quote cannot be made from a price that did not exist yet.
    public func price(of itemID: String, on date: CalendarDate) -> Money? {
        prices.filter { $0.itemID == itemID && $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }?.unitPrice
    }

    /// Every item with its price on `date`, in catalog order; items without a price yet are left out.
    public func priced(on date: CalendarDate) -> [(item: CatalogItem, unitPrice: Money)] {
        items.compactMap { item in price(of: item.id, on: date).map { (item, $0) } }
    }
}
