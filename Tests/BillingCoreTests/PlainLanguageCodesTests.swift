import BillingCore
import Testing

@Suite struct PlainLanguageCodesTests {
    static let billedRanges: [ClosedRange<Int>] = [99202...99205, 99211...99215, 11102...11107, 11300...11303, 11305...11308,
                                                   11310...11313, 17311...17315, 12031...12057, 13100...13153, 15788...15789]
    static let singles = ["11400", "11406", "11426", "11446", "11600", "11606", "11646", "17000", "17003", "17004", "17110",
                          "17111", "88305", "96900", "96910", "J0585", "J0586", "J0588", "FILLER-HA", "LASER-IPL", "MICRODERM"]

    @Test func everyCodeWeBillHasWordsInBothLanguages() {
        let codes = Self.billedRanges.flatMap { $0.map(String.init) } + Self.singles
        for code in codes {
            #expect(PlainLanguageCodes.isKnown(code: code), "\(code) needs plain words")
            let english = PlainLanguageCodes.describe(code: code)
            let spanish = PlainLanguageCodes.describe(code: code, language: .spanish)
            #expect(english != spanish, "\(code)")
            #expect(english.count > 8 && !english.contains(code), "\(code): '\(english)' must be words, not the code")
        }
    }

    @Test func sizesAndSitesReadRight() {
        #expect(PlainLanguageCodes.describe(code: "11402").contains("1.1 to 2 cm"))
        #expect(PlainLanguageCodes.describe(code: "11406").contains("over 4 cm"))
        #expect(!PlainLanguageCodes.isKnown(code: "11405"), "there is no 11405")
        #expect(PlainLanguageCodes.describe(code: "11313").contains("face"))
        #expect(PlainLanguageCodes.describe(code: "11642").contains("cancer"))
        #expect(PlainLanguageCodes.describe(code: " j0585 ") == "Botox injection (per unit)")
    }

    @Test func unknownCodesStillCarryWords() {
        #expect(PlainLanguageCodes.describe(code: "99999") == "Medical service (code 99999)")
        #expect(PlainLanguageCodes.describe(code: "99999", language: .spanish).contains("99999"))
        #expect(PlainLanguageCodes.describe(modifier: "25")?.contains("separate") == true)
        #expect(PlainLanguageCodes.describe(modifier: "ZZ") == nil)
        #expect(PlainLanguageCodes.knownCodes == PlainLanguageCodes.knownCodes.sorted())
    }

    @Test func theFAQSeedIsCompleteAndOrdered() {
        let seed = BillingFAQ.seed
        #expect(seed.count == 20)
        #expect(seed.map(\.position) == Array(1...20))
        #expect(Set(seed.map(\.question)).count == 20)
        #expect(seed.allSatisfy { $0.answer.count > 80 })
        let gfe = seed.first { $0.question.contains("Good Faith Estimate") }
        #expect(gfe?.answer.contains("$400") == true && gfe?.answer.contains("120 days") == true)
    }
}
