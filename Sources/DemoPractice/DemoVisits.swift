import BillingCore

/// The practice's standard charges and the visits a dermatology practice sees every week.
enum DemoVisits {
    struct Line {
        var code: String
        var modifiers: [String] = []
        var diagnoses: [String]
        var units: Int = 1
        var unitCharge: Int64
        var charge: Money { Money(cents: unitCharge * Int64(units)) }
    }

    /// A visit with its lines; `cosmetic` visits are self-pay whatever the patient's coverage.
    struct Template {
        var lines: [Line]
        var cosmetic: Bool
    }

    static func medical(using rng: inout SeededGenerator) -> Template {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<28:  // skin check with actinic keratoses frozen
            let extra = Int.random(in: 2...9, using: &rng)
            return Template(lines: [Line(code: "99213", modifiers: ["25"], diagnoses: ["L57.0", "Z12.83"], unitCharge: 175_00),
                                    Line(code: "17000", diagnoses: ["L57.0"], unitCharge: 130_00),
                                    Line(code: "17003", diagnoses: ["L57.0"], units: extra, unitCharge: 18_00)], cosmetic: false)
        case 28..<48:  // suspicious lesion biopsied, sent to pathology
            return Template(lines: [Line(code: "99214", modifiers: ["25"], diagnoses: ["D48.5"], unitCharge: 260_00),
                                    Line(code: "11102", diagnoses: ["D48.5"], unitCharge: 185_00),
                                    Line(code: "88305", diagnoses: ["D48.5"], unitCharge: 145_00)], cosmetic: false)
        case 48..<62:  // acne or psoriasis follow-up
            let diagnosis = rng.chance(50) ? "L70.0" : "L40.0"
            return Template(lines: [Line(code: rng.chance(60) ? "99213" : "99214", diagnoses: [diagnosis],
                                         unitCharge: rng.chance(60) ? 175_00 : 260_00)], cosmetic: false)
        case 62..<74:  // new patient, moles checked
            return Template(lines: [Line(code: "99203", diagnoses: ["D22.5", "Z12.83"], unitCharge: 210_00)], cosmetic: false)
        case 74..<82:  // warts
            return Template(lines: [Line(code: "99212", modifiers: ["25"], diagnoses: ["B07.9"], unitCharge: 110_00),
                                    Line(code: "17110", diagnoses: ["B07.9"], unitCharge: 160_00)], cosmetic: false)
        case 82..<90:  // benign lesion excised
            return Template(lines: [Line(code: "11402", diagnoses: ["D23.5"], unitCharge: 310_00),
                                    Line(code: "88305", diagnoses: ["D23.5"], unitCharge: 145_00)], cosmetic: false)
        case 90..<95:  // phototherapy session
            return Template(lines: [Line(code: "96910", diagnoses: ["L40.0"], unitCharge: 110_00)], cosmetic: false)
        default:  // Mohs surgery for a basal cell carcinoma of the nose, with repair
            return Template(lines: [Line(code: "17311", diagnoses: ["C44.311"], unitCharge: 920_00),
                                    Line(code: "17312", diagnoses: ["C44.311"], unitCharge: 510_00),
                                    Line(code: "13151", diagnoses: ["C44.311"], unitCharge: 640_00)], cosmetic: false)
        }
    }

    static func cosmetic(using rng: inout SeededGenerator) -> Template {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<50:  // Botox: frown lines 20 units, plus crow's feet and forehead for some
            return Template(lines: [Line(code: "J0585", diagnoses: [], units: rng.pick([20, 20, 24, 40, 44, 64]), unitCharge: 14_00)], cosmetic: true)
        case 50..<75:
            return Template(lines: [Line(code: "FILLER-HA", diagnoses: [], units: rng.pick([1, 1, 2]), unitCharge: 750_00)], cosmetic: true)
        case 75..<90:
            return Template(lines: [Line(code: "15788", diagnoses: [], unitCharge: 175_00)], cosmetic: true)
        default:
            return Template(lines: [Line(code: "J0585", diagnoses: [], units: 20, unitCharge: 14_00),
                                    Line(code: "FILLER-HA", diagnoses: [], units: 1, unitCharge: 750_00)], cosmetic: true)
        }
    }
}

/// A patient's coverage, enough to adjudicate like a commercial payer would.
struct DemoCoverage {
    var payer: String
    /// Allowed amount as a percentage of the practice's charge.
    var allowedPercent: Int64
    var copay: Money
    var deductible: Money
    var coinsurancePercent: Int64
    var deductibleMet: [Int: Money] = [:]

    static let payers = ["Blue Cross NC", "Aetna", "UnitedHealthcare", "Cigna", "Medicare"]

    static func random(using rng: inout SeededGenerator) -> DemoCoverage {
        let payer = rng.pick(payers)
        return DemoCoverage(payer: payer, allowedPercent: payer == "Medicare" ? 48 : Int64.random(in: 55...72, using: &rng),
                            copay: payer == "Medicare" ? .zero : rng.pick([.zero, .dollars(30), .dollars(40), .dollars(50)]),
                            deductible: payer == "Medicare" ? .dollars(257) : rng.pick([.dollars(500), .dollars(1500), .dollars(3000)]),
                            coinsurancePercent: rng.pick([10, 20, 20, 30]))
    }

    /// The payer's decision for each line: copay on the visit code, deductible until met for the year, then
    /// coinsurance; CO-45 takes the charge down to the allowed amount.
    mutating func adjudicate(lines: [(id: Int64, code: String, charge: Money)], year: Int, deny: Bool) -> [LineAdjudication] {
        var copayLeft = copay
        return lines.map { line in
            if deny {
                return LineAdjudication(serviceLineID: line.id, paid: .zero, adjustments: [
                    LineAdjustment(group: .contractual, reasonCode: "50", amount: line.charge)])
            }
            let allowed = Money(cents: line.charge.cents * allowedPercent / 100)
            var adjustments = [LineAdjustment(group: .contractual, reasonCode: "45", amount: line.charge - allowed)]
            var remaining = allowed
            if line.code.hasPrefix("992"), copayLeft.isPositive {
                let part = Money.min(copayLeft, remaining)
                adjustments.append(LineAdjustment(group: .patientResponsibility, reasonCode: "3", amount: part))
                copayLeft -= part
                remaining -= part
            }
            let met = deductibleMet[year, default: .zero]
            let deductiblePart = Money.min(deductible - met, remaining)
            if deductiblePart.isPositive {
                adjustments.append(LineAdjustment(group: .patientResponsibility, reasonCode: "1", amount: deductiblePart))
                deductibleMet[year] = met + deductiblePart
                remaining -= deductiblePart
            }
            let coinsurance = Money(cents: remaining.cents * coinsurancePercent / 100)
            if coinsurance.isPositive {
                adjustments.append(LineAdjustment(group: .patientResponsibility, reasonCode: "2", amount: coinsurance))
                remaining -= coinsurance
            }
            return LineAdjudication(serviceLineID: line.id, paid: remaining, adjustments: adjustments.filter { !$0.amount.isZero })
        }
    }
}
