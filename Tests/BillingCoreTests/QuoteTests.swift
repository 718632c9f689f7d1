import BillingCore
import Testing

@Suite struct QuoteTests {
    static let newYear = CalendarDate(year: 2026, month: 1, day: 1)!
    static let catalog = PriceCatalog(items: StandardCatalog.items.map(\.0),
                                      prices: StandardCatalog.items.map { CatalogPrice(itemID: $0.0.id, effectiveFrom: newYear, unitPrice: $0.1) })
    let day = CalendarDate(year: 2026, month: 6, day: 15)!

    private func price(_ items: [QuoteRequest.Item], discount: QuoteRequest.Discount? = nil) throws -> Quote {
        try Quote.price(QuoteRequest(items: items, discount: discount), catalog: Self.catalog, on: day)
    }

    @Test func unitsTimesUnitPriceInCents() throws {
        let quote = try price([.init(item: "botox", quantity: 37)])
        #expect(quote.lines[0].amount == Money(cents: 37 * 1_400))
        #expect(quote.lines[0].billedUnits == 37 && quote.lines[0].serviceLineUnits == 37)
        #expect(quote.total == Money(cents: 51_800))
    }

    @Test func anAreaStartsFromItsTypicalQuantity() throws {
        let quote = try price([.init(item: "botox", area: "glabellar"), .init(item: "botox", area: "crows-feet", quantity: 20)])
        #expect(quote.lines[0].quantity == 20 && quote.lines[0].amount == Money(cents: 28_000))
        #expect(quote.lines[0].description == "Botox (onabotulinumtoxinA), frown lines (between the brows)")
        #expect(quote.lines[1].quantity == 20, "a typed quantity wins over the area's usual one")
    }

    @Test func aPerFiveUnitCodeCountsFivesAndRoundsAPartFiveUp() throws {
        let fifty = try price([.init(item: "dysport", quantity: 50)]).lines[0]
        #expect(fifty.billedUnits == 10 && fifty.amount == Money(cents: 10 * 2_250) && fifty.serviceLineUnits == 10)
        let fiftyTwo = try price([.init(item: "dysport", quantity: 52)]).lines[0]
        #expect(fiftyTwo.billedUnits == 11 && fiftyTwo.amount == Money(cents: 11 * 2_250))
        #expect(try price([.init(item: "dysport", quantity: 1)]).lines[0].amount == Money(cents: 2_250))
    }

    @Test func aPackageIsPricedWholeAndBillsItsContents() throws {
        let line = try price([.init(item: "peel-series-3")]).lines[0]
        #expect(line.amount == Money(cents: 37_500))
        #expect(line.code == "15788" && line.serviceLineUnits == 3)
        let separately = try price([.init(item: "peel-face-light", quantity: 3)]).total
        #expect(separately - line.amount == Money(cents: 7_500), "the series saves $75.00 over three single peels")
        #expect(try price([.init(item: "peel-series-3", quantity: 2)]).lines[0].serviceLineUnits == 6)
    }

    @Test func aDiscountComesOffWithItsReasonAndNeverBelowZero() throws {
        let items: [QuoteRequest.Item] = [.init(item: "botox", area: "glabellar"), .init(item: "juvederm-ultra-xc", area: "lips")]
        let fifty = try price(items, discount: .init(amount: Money(cents: 5_000), reason: "Returning patient"))
        #expect(fifty.subtotal == Money(cents: 100_500) && fifty.discount == Money(cents: 5_000) && fifty.total == Money(cents: 95_500))
        #expect(fifty.discountReason == "Returning patient")
        #expect(fifty.netLineAmounts.sum() == fifty.total)
        let tooMuch = try price(items, discount: .init(amount: Money(cents: 500_000), reason: "Staff courtesy"))
        #expect(tooMuch.discount == tooMuch.subtotal && tooMuch.total == .zero)
        #expect(tooMuch.netLineAmounts.allSatisfy { $0 == .zero })
        let tenPercent = try price([.init(item: "botox", quantity: 33)], discount: .init(percent: 10, reason: "Series of visits"))
        #expect(tenPercent.discount == Money(cents: 4_620) && tenPercent.total == Money(cents: 41_580))
        let third = try price([.init(item: "dysport", quantity: 5)], discount: .init(percent: 33, reason: "Model day"))
        #expect(third.discount == Money(cents: 742), "a percentage is rounded down to the cent: 33% of $22.50")
    }

    @Test func everyProblemIsNamedByField() {
        #expect(throws: ValidationFailure([FieldError("items", "add at least one item")])) { try price([]) }
        do throws(ValidationFailure) {
            _ = try Quote.price(QuoteRequest(items: [.init(item: "botox", area: "chin"), .init(item: "gold-facial"), .init(item: "xeomin", quantity: 0)],
                                             discount: .init(amount: Money(cents: -1), reason: "")), catalog: Self.catalog, on: day)
            Issue.record("a bad quote was priced")
        } catch {
            #expect(error.errors.map(\.field) == ["items[0].area", "items[1].item", "items[2].quantity", "discount.reason", "discount.amount"])
        }
    }

    @Test func aQuoteBeforeThePriceExistedIsRefused() {
        #expect(throws: ValidationFailure.self) {
            try Quote.price(QuoteRequest(items: [.init(item: "botox", quantity: 1)]), catalog: Self.catalog,
                            on: CalendarDate(year: 2025, month: 12, day: 31)!)
        }
    }

    @Test func whatWasDoneIsPricedAtTheQuotesOwnPrices() throws {
        let quote = try price([.init(item: "botox", area: "glabellar"), .init(item: "dysport", quantity: 50), .init(item: "peel-series-3")],
                              discount: .init(amount: Money(cents: 10_000), reason: "Bundle"))
        let done = try quote.performed([30, 0, 1])
        #expect(done.lines.map(\.item) == ["botox", "peel-series-3"])
        #expect(done.lines[0].amount == Money(cents: 42_000) && done.lines[1].serviceLineUnits == 3)
        #expect(done.total == Money(cents: 42_000 + 37_500 - 10_000))
        #expect(throws: ValidationFailure.self) { try quote.performed([0, 0, 0]) }
        #expect(throws: ValidationFailure.self) { try quote.performed([1, 2]) }
        #expect(throws: ValidationFailure.self) { try quote.performed([1, -2, 1]) }
    }
}

@Suite struct PriceCatalogTests {
    let catalog = PriceCatalog(items: [CatalogItem(id: "botox", code: "J0585", name: "Botox", category: .neurotoxin, unit: .unit)], prices: [
        CatalogPrice(itemID: "botox", effectiveFrom: CalendarDate(year: 2026, month: 1, day: 1)!, unitPrice: Money(cents: 1_400)),
        CatalogPrice(itemID: "botox", effectiveFrom: CalendarDate(year: 2026, month: 9, day: 1)!, unitPrice: Money(cents: 1_500)),
        CatalogPrice(itemID: "botox", effectiveFrom: CalendarDate(year: 2026, month: 3, day: 1)!, unitPrice: Money(cents: 1_450)),
    ])

    @Test func theLatestPriceInForceOnTheDayApplies() {
        func on(_ m: Int, _ d: Int) -> Money? { catalog.price(of: "botox", on: CalendarDate(year: 2026, month: m, day: d)!) }
        #expect(catalog.price(of: "botox", on: CalendarDate(year: 2025, month: 12, day: 31)!) == nil)
        #expect(on(1, 1) == Money(cents: 1_400))
        #expect(on(2, 28) == Money(cents: 1_400))
        #expect(on(3, 1) == Money(cents: 1_450), "rows in any order: the effective date decides")
        #expect(on(8, 31) == Money(cents: 1_450))
        #expect(on(9, 1) == Money(cents: 1_500))
        #expect(catalog.price(of: "dysport", on: CalendarDate(year: 2026, month: 9, day: 1)!) == nil)
    }

    @Test func theStandardCatalogHasTheCodesTheDeskQuotes() {
        let codes = Set(StandardCatalog.items.map(\.0.code))
        for code in ["J0585", "J0586", "J0588", "15788", "15789", "15792", "15793", "MICRODERM", "LASER-IPL", "LASER-HAIR", "FILLER-HA"] {
            #expect(codes.contains(code), "\(code) is in the catalog")
        }
        for (item, price) in StandardCatalog.items {
            #expect(BillingCodeFormat.isProcedureCode(item.code) && price.isPositive, "\(item.id) bills a valid code at a price")
            #expect(PlainLanguageCodes.isKnown(code: item.code), "\(item.code) reads in plain words on a statement")
        }
        #expect(Set(StandardCatalog.items.map(\.0.id)).count == StandardCatalog.items.count, "item ids are unique")
    }
}
