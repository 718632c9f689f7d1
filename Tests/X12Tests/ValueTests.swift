import Testing
@testable import X12

@Suite struct ValueTests {
    @Test(arguments: [
        ("1234.5", Int64(123_450)), ("-12", -1_200), (".50", 50), ("0", 0), ("-.5", -50), ("945.00", 94_500),
        ("007", 700), ("999999999999.99", 99_999_999_999_999),
    ])
    func amounts(text: String, cents: Int64) {
        #expect(X12Value.cents(text) == cents)
    }

    @Test(arguments: ["", "-", ".", "12.", "12.345", "1e5", "+5", " 5", "5 ", "1,000", "1.2.3", "--1", "12a",
                      "1000000000000", "٣"])
    func notAmounts(text: String) {
        #expect(X12Value.cents(text) == nil)
    }

    @Test func badAmountNamesTheSegmentAndElement() throws {
        let text = try SampleData.text("managed-care.835").replacingFirst("*800.00*450.00*", with: "*800.001*450.00*")
        let error = #expect(throws: X12Error.self) { try SampleData.read(text) }
        #expect(error?.segmentNumber == 13 && error?.segmentID == "CLP")
        #expect(error?.reason.contains("CLP03 '800.001'") == true)
    }

    @Test func dates() {
        #expect(X12Date("20240229").map { [$0.year, $0.month, $0.day] } == [2024, 2, 29])
        #expect(X12Date("20240229")?.description == "2024-02-29")
        for text in ["20230229", "20241301", "20240100", "2024011", "2024-1-1", "20240431", ""] {
            #expect(X12Date(text) == nil, "\(text)")
        }
    }

    static func segment(_ id: String, _ elements: [String]) -> X12Segment {
        X12Segment(number: 9, id: id, elements: elements,
                   separators: X12Separators(element: 42, component: UInt8(ascii: ":"), repetition: nil, segment: 126))
    }

    @Test func adjustmentWithSixReasons() throws {
        var elements = ["PR"]
        for reason in 1...6 { elements += ["\(reason)", "\(reason).25", reason == 2 ? "1" : ""] }
        let adjustment = try ClaimAdjustment(cas: Self.segment("CAS", elements))
        #expect(adjustment.group == .patientResponsibility)
        #expect(adjustment.reasons.map(\.code) == ["1", "2", "3", "4", "5", "6"])
        #expect(adjustment.reasons[1].quantity == "1")
        #expect(adjustment.totalCents == 2_250)
        #expect(throws: X12Error.self) { try ClaimAdjustment(cas: Self.segment("CAS", elements + ["7", "1"])) }
    }

    @Test func badAdjustments() {
        for elements in [["XX", "45", "1"], ["CO"], ["CO", "45"], ["CO", "", "10"], ["CO", "45", "1", "one"]] {
            #expect(throws: X12Error.self, "\(elements)") { try ClaimAdjustment(cas: Self.segment("CAS", elements)) }
        }
    }

    @Test func claimStatusCodes() throws {
        func status(_ code: String) throws -> ClaimPayment.Status {
            try ClaimPayment(clp: Self.segment("CLP", ["A1", code, "10", "5"])).status
        }
        #expect(try status("22") == .reversal)
        #expect(try status("4") == .denied)
        #expect(try status("5") == .other("5"))
        #expect(throws: X12Error.self) { try status("X") }
        #expect(throws: X12Error.self) { try status("") }
    }

    @Test func procedures() throws {
        let line = try ServicePayment(svc: Self.segment("SVC", ["HC:11102:25:59:XS:LT", "150", "80", "", "1"]))
        #expect(line.procedure.modifiers == ["25", "59", "XS", "LT"])
        #expect(line.units == "1")
        #expect(throws: X12Error.self) { try ServicePayment(svc: Self.segment("SVC", ["HC", "150", "80"])) }
        #expect(throws: X12Error.self) { try ServicePayment(svc: Self.segment("SVC", ["HC:1:2:3:4:5:6:7", "1", "1"])) }
    }

    @Test func providerAdjustmentPairs() throws {
        let plb = try ProviderAdjustment(plb: Self.segment("PLB", ["123", "20241231", "WO:CLM9", "12.50", "L6", "-1"]))
        #expect(plb.items.map(\.reasonCode) == ["WO", "L6"])
        #expect(plb.items.map(\.reference) == ["CLM9", nil])
        #expect(plb.totalCents == 1_150)
        #expect(throws: X12Error.self) { try ProviderAdjustment(plb: Self.segment("PLB", ["123", "20241231"])) }
        #expect(throws: X12Error.self) { try ProviderAdjustment(plb: Self.segment("PLB", ["123", "2024", "WO", "1"])) }
    }
}
