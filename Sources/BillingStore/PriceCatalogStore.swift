import BillingCore
import Foundation
import GRDB

public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownItem(String)
    case priceExists(item: String, date: CalendarDate)
    case effectiveInThePast(CalendarDate)

    public var description: String {
        switch self {
        case .unknownItem(let id): "'\(id.prefix(40))' is not in the price list"
        case .priceExists(let item, let date): "\(item) already has a price from \(date.iso); choose another effective date"
        case .effectiveInThePast(let date):
            "a new price takes effect today or later, not \(date.iso): quotes already made at the old price keep it"
        }
    }
}

/// The price catalog. A price is never edited: a change is a new row from an effective date, so the price on any
/// past day can always be read back, and estimates (which store their priced lines) are untouched either way.
public struct PriceCatalogStore: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func catalog() async throws -> PriceCatalog {
        try await database.pool.read { try Self.catalog(in: $0) }
    }

    static func catalog(in db: Database) throws -> PriceCatalog {
        let decoder = JSONDecoder()
        let items = try Row.fetchAll(db, sql: "SELECT * FROM catalog_items ORDER BY position").map { row in
            CatalogItem(id: row["id"], code: row["code"], name: row["name"],
                        category: CatalogCategory(rawValue: row["category"]) ?? .package, unit: PricingUnit(rawValue: row["unit"]) ?? .unit,
                        includedQuantity: row["included_quantity"],
                        areas: (try? decoder.decode([TreatmentArea].self, from: Data((row["areas"] as String).utf8))) ?? [])
        }
        let prices = try Row.fetchAll(db, sql: "SELECT item_id, effective_from, unit_price_cents FROM catalog_prices ORDER BY id").map { row in
            CatalogPrice(itemID: row["item_id"], effectiveFrom: CalendarDate(iso: row["effective_from"]) ?? CalendarDate(dayNumber: 0),
                         unitPrice: Money(cents: row["unit_price_cents"]))
        }
        return PriceCatalog(items: items, prices: prices)
    }

    /// A new price for `item` from `effectiveFrom` (today or later), written with its audit event in one transaction.
    public func setPrice(item: String, unitPrice: Money, effectiveFrom: CalendarDate, today: CalendarDate, by staff: String,
                         client: String) async throws {
        guard effectiveFrom >= today else { throw CatalogError.effectiveInThePast(effectiveFrom) }
        let at = database.timestamp()
        try await database.pool.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM catalog_items WHERE id = ?", arguments: [item]) == true else {
                throw CatalogError.unknownItem(item)
            }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM catalog_prices WHERE item_id = ? AND effective_from = ?",
                                    arguments: [item, effectiveFrom.iso]) != true else {
                throw CatalogError.priceExists(item: item, date: effectiveFrom)
            }
            try db.execute(sql: """
                INSERT INTO catalog_prices (item_id, effective_from, unit_price_cents, created_at, created_by) VALUES (?, ?, ?, ?, ?)
                """, arguments: [item, effectiveFrom.iso, unitPrice.cents, at, staff])
            try AuditLog.record(actor: "staff:\(staff)", action: "catalog.price", subject: "catalog:\(item)",
                                detail: "\(unitPrice.formatted) from \(effectiveFrom.iso)", client: client, at: at, in: db)
        }
    }
}
