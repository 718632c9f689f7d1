import Foundation
import BillingCore
import Testing

@Suite struct PlainLanguageCodesTests {
    /// A range of codes the practice bills, and the numbers in it that CPT actually uses: CPT skips numbers (there is no
    /// 11304, 11405 or 12033), and the table must neither miss a real code nor invent one.
    struct BilledRange: CustomStringConvertible {
        let asked: ClosedRange<Int>
        let inUse: [ClosedRange<Int>]
        var description: String { "\(asked)" }

        static func all(_ range: ClosedRange<Int>) -> BilledRange { BilledRange(asked: range, inUse: [range]) }
        func isInUse(_ number: Int) -> Bool { inUse.contains { $0.contains(number) } }
    }

    static let billedRanges: [BilledRange] = [
        .all(99202...99205), .all(99211...99215),
        .all(11102...11107),
        BilledRange(asked: 11300...11313, inUse: [11300...11303, 11305...11308, 11310...11313]),
        BilledRange(asked: 11400...11446, inUse: [11400...11404, 11406...11406, 11420...11424, 11426...11426,
                                                  11440...11444, 11446...11446]),
        BilledRange(asked: 11600...11646, inUse: [11600...11604, 11606...11606, 11620...11624, 11626...11626,
                                                  11640...11644, 11646...11646]),
        BilledRange(asked: 17260...17286, inUse: [17260...17264, 17266...17266, 17270...17274, 17276...17276,
                                                  17280...17284, 17286...17286]),
        .all(17311...17315),
        BilledRange(asked: 12001...12018, inUse: [12001...12002, 12004...12007, 12011...12011, 12013...12018]),
        BilledRange(asked: 12031...12057, inUse: [12031...12032, 12034...12037, 12041...12042, 12044...12047,
                                                  12051...12057]),
        BilledRange(asked: 13100...13153, inUse: [13100...13102, 13120...13122, 13131...13133, 13151...13153]),
        BilledRange(asked: 14040...14061, inUse: [14040...14041, 14060...14061]),
        BilledRange(asked: 15780...15787, inUse: [15780...15783, 15786...15787]),
        BilledRange(asked: 15788...15793, inUse: [15788...15789, 15792...15793]),
        .all(96920...96922),
        .all(11900...11901),
        BilledRange(asked: 11950...11954, inUse: [11950...11952, 11954...11954]),
    ]

    static let singles = ["17000", "17003", "17004", "17110", "17111", "88305", "88312", "88342", "96900", "96910",
                          "95044", "17380", "96567", "64612", "64650", "J0585", "J0586", "J0588",
                          "FILLER-HA", "LASER-IPL", "LASER-HAIR", "MICRODERM", "CONSULT-COSMETIC"]

    @Test(arguments: billedRanges)
    func everyCodeInUseHasWordsInBothLanguages(_ range: BilledRange) {
        for number in range.asked where range.isInUse(number) {
            expectWords(for: String(number))
        }
    }

    @Test(arguments: billedRanges)
    func numbersCPTLeavesUnusedAreNotInvented(_ range: BilledRange) {
        for number in range.asked where !range.isInUse(number) {
            #expect(!PlainLanguageCodes.isKnown(code: String(number)), "\(number) is not a CPT code")
        }
    }

    @Test func singleCodesHaveWordsInBothLanguages() {
        for code in Self.singles { expectWords(for: code) }
    }

    @Test func everyKnownCodeHasItsOwnSpanish() {
        #expect(PlainLanguageCodes.knownCodes.count > 200)
        for code in PlainLanguageCodes.knownCodes { expectWords(for: code) }
    }

    @Test func descriptionsAreShortAndInSentenceCase() {
        for code in PlainLanguageCodes.knownCodes {
            for language in Language.allCases {
                let words = PlainLanguageCodes.describe(code: code, language: language)
                #expect(words.first.map { $0.isUppercase } == true, "\(code): '\(words)' starts in capitals")
                #expect(!words.hasSuffix(".") && words == words.trimmingCharacters(in: .whitespaces), "\(code): '\(words)'")
                // A site list ("scalp/neck/hands/feet/genitals") is the only thing allowed to push past 60 characters.
                let limit = words.contains("/") ? (language == .english ? 70 : 90) : (language == .english ? 60 : 75)
                #expect(words.count <= limit, "\(code): '\(words)' is \(words.count) characters")
            }
        }
    }

    @Test func sizesAndSitesReadRight() {
        #expect(PlainLanguageCodes.describe(code: "11402") == "Benign growth removal, trunk/arms/legs, 1.1 to 2 cm")
        #expect(PlainLanguageCodes.describe(code: "11402", language: .spanish).contains("1.1 a 2 cm"))
        #expect(PlainLanguageCodes.describe(code: "11406").contains("over 4 cm"))
        #expect(PlainLanguageCodes.describe(code: "11313").contains("face"))
        #expect(PlainLanguageCodes.describe(code: "11424").contains("scalp/neck/hands/feet/genitals, 3.1 to 4 cm"))
        #expect(PlainLanguageCodes.describe(code: "11642").contains("cancer"))
        #expect(PlainLanguageCodes.describe(code: "17272").contains("cancer"))
        #expect(PlainLanguageCodes.describe(code: "12032").hasSuffix("2.6 to 7.5 cm"))
        #expect(PlainLanguageCodes.describe(code: "12052").hasSuffix("2.6 to 5 cm"), "face repairs step at 5 cm")
        #expect(PlainLanguageCodes.describe(code: "13153").hasSuffix("each added 5 cm"))
        #expect(PlainLanguageCodes.describe(code: "13151").contains("eyelids/nose/ears/lips"))
        #expect(PlainLanguageCodes.describe(code: "14041").hasSuffix("10.1 to 30 sq cm"))
        #expect(PlainLanguageCodes.describe(code: "17311").hasSuffix("first stage"))
        #expect(PlainLanguageCodes.describe(code: "17314").contains("trunk/arms/legs, each added stage"))
        #expect(PlainLanguageCodes.describe(code: "99204") == "Office visit, new patient (moderate)")
        #expect(PlainLanguageCodes.describe(code: "11102") == "Skin biopsy by shave, first lesion")
        #expect(PlainLanguageCodes.describe(code: "J0586").contains("per 5 units"))
    }

    @Test func codesAreReadTrimmedAndCaseInsensitive() {
        #expect(PlainLanguageCodes.describe(code: " j0585 ") == "Botox injection (per unit)")
        #expect(PlainLanguageCodes.isKnown(code: "filler-ha\n"))
        #expect(PlainLanguageCodes.describe(code: "Laser-Ipl", language: .spanish)
                == PlainLanguageCodes.describe(code: "LASER-IPL", language: .spanish))
        #expect(!PlainLanguageCodes.isKnown(code: ""))
    }

    @Test func unknownCodesStillCarryWordsAndTheCode() {
        #expect(PlainLanguageCodes.describe(code: "99999") == "Medical service (code 99999)")
        #expect(PlainLanguageCodes.describe(code: "99999", language: .spanish) == "Servicio médico (código 99999)")
        #expect(PlainLanguageCodes.describe(code: "11405") == "Procedure (code 11405)")
        #expect(PlainLanguageCodes.describe(code: "88300") == "Lab test (code 88300)")
        #expect(PlainLanguageCodes.describe(code: "71045") == "Imaging test (code 71045)")
        #expect(PlainLanguageCodes.describe(code: "99233") == "Visit or evaluation (code 99233)")
        #expect(PlainLanguageCodes.describe(code: " j9999 ") == "Medication (code J9999)")
        #expect(PlainLanguageCodes.describe(code: "A4550") == "Medical service (code A4550)")
        #expect(PlainLanguageCodes.describe(code: "peel-x", language: .spanish) == "Servicio médico (código PEEL-X)")
        #expect(PlainLanguageCodes.describe(code: "  ") == "Medical service (no code given)")
    }

    @Test func modifiersHaveWordsInBothLanguages() {
        for modifier in ["25", "59", "76", "XS", "LT", "RT", "51", "50", "24", "79", "XE", "JW", "GA", "F5", "TA"] {
            let english = PlainLanguageCodes.describe(modifier: modifier)
            let spanish = PlainLanguageCodes.describe(modifier: modifier, language: .spanish)
            #expect(english != nil && spanish != nil && english != spanish, "\(modifier)")
            #expect(english.map { $0.count > 5 && !$0.contains(modifier) } == true, "\(modifier): '\(english ?? "")'")
        }
        #expect(PlainLanguageCodes.describe(modifier: "25")?.contains("separate") == true)
        #expect(PlainLanguageCodes.describe(modifier: "lt") == "Left side of the body")
        #expect(PlainLanguageCodes.describe(modifier: " rt ", language: .spanish) == "Lado derecho del cuerpo")
        #expect(PlainLanguageCodes.describe(modifier: " xs") == PlainLanguageCodes.describe(modifier: "XS"))
        #expect(PlainLanguageCodes.describe(modifier: "ZZ") == nil)
        #expect(PlainLanguageCodes.describe(modifier: "") == nil)
    }

    @Test func knownCodesAreSortedUniqueAndKnown() {
        let codes = PlainLanguageCodes.knownCodes
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { PlainLanguageCodes.isKnown(code: $0) && $0 == $0.uppercased() })
    }

    @Test func practiceCodesFollowTheConvention() {
        for code in ["FILLER-HA", "LASER-IPL", "LASER-HAIR", "MICRODERM", "CONSULT-COSMETIC", "fee-noshow"] {
            #expect(PlainLanguageCodes.isPracticeCode(code), "\(code)")
        }
        for code in ["J0585", "11402", "99213", "0001F", "0479T", "G2211", "LT", "FILLER-", "FILLER HA", "F1-PEEL",
                     "A-FILLER", "THIS-CODE-IS-FAR-TOO-LONG", ""] {
            #expect(!PlainLanguageCodes.isPracticeCode(code), "\(code)")
        }
        // Every table code is either CPT/HCPCS-shaped (five characters, a digit second) or a practice code.
        for code in PlainLanguageCodes.knownCodes {
            let standard = code.count == 5 && code.dropFirst().first?.isNumber == true
            #expect(standard != PlainLanguageCodes.isPracticeCode(code), "\(code)")
        }
    }

    /// Words in both languages that say more than the code: not the fallback phrase, never the code itself.
    private func expectWords(for code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(PlainLanguageCodes.isKnown(code: code), "\(code) needs plain words", sourceLocation: sourceLocation)
        let english = PlainLanguageCodes.describe(code: code)
        let spanish = PlainLanguageCodes.describe(code: code, language: .spanish)
        for words in [english, spanish] {
            #expect(!words.contains(code) && words.filter(\.isLetter).count >= 8,
                    "\(code): '\(words)' must be words, not the code", sourceLocation: sourceLocation)
        }
        #expect(english != spanish, "\(code): Spanish must be its own words", sourceLocation: sourceLocation)
    }
}
