/// How a catalog price is counted: per unit of toxin, per five units (J0586 is billed that way), per syringe or vial,
/// per session, per treatment area, or per package.
public enum PricingUnit: String, Sendable, Codable, CaseIterable {
    case unit
    case fiveUnits = "five_units"
    case syringe
    case vial
    case session
    case area
    case package

    /// Billed units for a quantity the patient hears: "50 units of Dysport" bills as 10 of J0586's 5-unit units, and a
    /// part of five counts whole (52 units bill as 11), because the vial is opened either way.
    public func billedUnits(forQuantity quantity: Int) -> Int {
        self == .fiveUnits ? (quantity + 4) / 5 : quantity
    }

    /// "unit", "5 units", "syringe": after "per" in a price list.
    public var plainName: String {
        switch self {
        case .unit: "unit"
        case .fiveUnits: "5 units"
        case .syringe: "syringe"
        case .vial: "vial"
        case .session: "session"
        case .area: "area per session"
        case .package: "package"
        }
    }

    /// What a quantity counts: "units" of toxin (also for the per-5-unit code), "syringes", "sessions".
    public var quantityName: String {
        switch self {
        case .unit, .fiveUnits: "units"
        case .syringe: "syringes"
        case .vial: "vials"
        case .session: "sessions"
        case .area: "areas"
        case .package: "packages"
        }
    }
}

public enum CatalogCategory: String, Sendable, Codable, CaseIterable {
    case neurotoxin, filler, peel, microdermabrasion, laser, package

    public var plainName: String {
        switch self {
        case .neurotoxin: "Wrinkle relaxers (neurotoxins)"
        case .filler: "Dermal fillers"
        case .peel: "Chemical peels"
        case .microdermabrasion: "Microdermabrasion"
        case .laser: "Laser and light treatments"
        case .package: "Packages"
        }
    }
}

/// Where on the face a treatment goes and how much it usually takes there, so a quote can start from "Botox, frown lines".
public struct TreatmentArea: Sendable, Equatable, Codable {
    /// "glabellar", "crows-feet": stable, for forms and the API.
    public var id: String
    /// "frown lines (between the brows)".
    public var name: String
    /// The usual quantity there, in the item's quantity unit (units of toxin, syringes).
    public var typicalQuantity: Int

    public init(id: String, name: String, typicalQuantity: Int) {
        self.id = id
        self.name = name
        self.typicalQuantity = typicalQuantity
    }
}

/// A cosmetic service the practice sells at a self-pay price. The price itself lives in `CatalogPrice` rows with
/// effective dates, so a change never rewrites what an earlier quote said.
public struct CatalogItem: Sendable, Equatable, Codable {
    /// "botox", "juvederm-ultra-xc": the practice's own key (several fillers share one billing code).
    public var id: String
    /// The billing code on the ledger: HCPCS (J0585), CPT (15788) or a practice code (FILLER-HA).
    public var code: String
    /// Plain words: "Botox (onabotulinumtoxinA)".
    public var name: String
    public var category: CatalogCategory
    public var unit: PricingUnit
    /// For a package: how many of `code` it includes ("a series of three peels" is 3 × 15788).
    public var includedQuantity: Int?
    public var areas: [TreatmentArea]

    public init(id: String, code: String, name: String, category: CatalogCategory, unit: PricingUnit,
                includedQuantity: Int? = nil, areas: [TreatmentArea] = []) {
        self.id = id
        self.code = code
        self.name = name
        self.category = category
        self.unit = unit
        self.includedQuantity = includedQuantity
        self.areas = areas
    }

    public func area(_ id: String) -> TreatmentArea? { areas.first { $0.id == id } }

    /// Units on the ledger's service line for `quantity` of this item: J0586 counts fives, a package its contents.
    public func serviceLineUnits(forQuantity quantity: Int) -> Int {
        unit == .package ? quantity * (includedQuantity ?? 1) : unit.billedUnits(forQuantity: quantity)
    }
}

/// One price of one item from a day on. A new price is a new row; rows are never edited.
public struct CatalogPrice: Sendable, Equatable, Codable {
    public var itemID: String
    public var effectiveFrom: CalendarDate
    /// Per `PricingUnit` of the item (per 5 units for J0586).
    public var unitPrice: Money

    public init(itemID: String, effectiveFrom: CalendarDate, unitPrice: Money) {
        self.itemID = itemID
        self.effectiveFrom = effectiveFrom
        self.unitPrice = unitPrice
    }
}
