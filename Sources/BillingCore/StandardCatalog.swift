/// The catalog a new database starts with. The prices are believable US examples for a private dermatology practice,
/// not anyone's real fee schedule: the billing office sets its own (`/staff/catalog`).
public enum StandardCatalog {
    public static let effectiveFrom = CalendarDate(year: 2026, month: 1, day: 1)!

    private static let toxinAreas = [
        TreatmentArea(id: "glabellar", name: "frown lines (between the brows)", typicalQuantity: 20),
        TreatmentArea(id: "crows-feet", name: "crow's feet (both sides)", typicalQuantity: 24),
        TreatmentArea(id: "forehead", name: "forehead lines", typicalQuantity: 12),
    ]
    /// Dysport's units are smaller: about two and a half times as many for the same effect.
    private static let dysportAreas = [
        TreatmentArea(id: "glabellar", name: "frown lines (between the brows)", typicalQuantity: 50),
        TreatmentArea(id: "crows-feet", name: "crow's feet (both sides)", typicalQuantity: 60),
        TreatmentArea(id: "forehead", name: "forehead lines", typicalQuantity: 30),
    ]
    private static let fillerAreas = [
        TreatmentArea(id: "lips", name: "lips", typicalQuantity: 1),
        TreatmentArea(id: "nasolabial", name: "smile lines (nasolabial folds)", typicalQuantity: 2),
        TreatmentArea(id: "cheeks", name: "cheeks", typicalQuantity: 2),
    ]

    public static let items: [(CatalogItem, Money)] = [
        (CatalogItem(id: "botox", code: "J0585", name: "Botox (onabotulinumtoxinA)", category: .neurotoxin, unit: .unit, areas: toxinAreas), Money(cents: 1_400)),
        (CatalogItem(id: "dysport", code: "J0586", name: "Dysport (abobotulinumtoxinA)", category: .neurotoxin, unit: .fiveUnits, areas: dysportAreas), Money(cents: 2_250)),
        (CatalogItem(id: "xeomin", code: "J0588", name: "Xeomin (incobotulinumtoxinA)", category: .neurotoxin, unit: .unit, areas: toxinAreas), Money(cents: 1_200)),
        (CatalogItem(id: "juvederm-ultra-xc", code: "FILLER-HA", name: "Juvéderm Ultra XC filler", category: .filler, unit: .syringe, areas: fillerAreas), Money(cents: 72_500)),
        (CatalogItem(id: "restylane-lyft", code: "FILLER-HA", name: "Restylane Lyft filler", category: .filler, unit: .syringe, areas: fillerAreas), Money(cents: 69_500)),
        (CatalogItem(id: "radiesse", code: "FILLER-CAHA", name: "Radiesse filler", category: .filler, unit: .syringe, areas: Array(fillerAreas.dropFirst())), Money(cents: 80_000)),
        (CatalogItem(id: "sculptra", code: "FILLER-PLLA", name: "Sculptra", category: .filler, unit: .vial), Money(cents: 92_500)),
        (CatalogItem(id: "peel-face-light", code: "15788", name: "Light chemical peel, face", category: .peel, unit: .session), Money(cents: 15_000)),
        (CatalogItem(id: "peel-face-medium", code: "15789", name: "Medium-depth chemical peel, face", category: .peel, unit: .session), Money(cents: 40_000)),
        (CatalogItem(id: "peel-body-light", code: "15792", name: "Light chemical peel, body", category: .peel, unit: .session), Money(cents: 17_500)),
        (CatalogItem(id: "peel-body-medium", code: "15793", name: "Medium-depth chemical peel, body", category: .peel, unit: .session), Money(cents: 45_000)),
        (CatalogItem(id: "microdermabrasion", code: "MICRODERM", name: "Microdermabrasion", category: .microdermabrasion, unit: .session), Money(cents: 12_500)),
        (CatalogItem(id: "ipl", code: "LASER-IPL", name: "IPL photofacial (sun spots, redness)", category: .laser, unit: .session), Money(cents: 35_000)),
        (CatalogItem(id: "laser-hair", code: "LASER-HAIR", name: "Laser hair removal", category: .laser, unit: .area,
                     areas: [TreatmentArea(id: "underarms", name: "underarms", typicalQuantity: 1),
                             TreatmentArea(id: "upper-lip", name: "upper lip", typicalQuantity: 1)]), Money(cents: 22_500)),
        (CatalogItem(id: "laser-resurfacing", code: "LASER-RESURF", name: "Fractional laser resurfacing, face", category: .laser, unit: .session), Money(cents: 120_000)),
        (CatalogItem(id: "peel-series-3", code: "15788", name: "Series of three light face peels", category: .package, unit: .package,
                     includedQuantity: 3), Money(cents: 37_500)),
    ]
}
