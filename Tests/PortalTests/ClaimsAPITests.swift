import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

/// The claims module's API as a client sees it: keys, idempotency, problem details, and each route's effect.
@Suite struct ClaimsAPITests {
    /// A portal with a provider (NPI 1234567893), a location and an API key.
    struct API {
        let portal: PortalHarness
        let key: String
        let location: Int64

        static func run(_ body: @Sendable (API) async throws -> Void) async throws {
            try await PortalHarness.run { portal in
                let directory = PracticeDirectory(database: portal.database)
                _ = try await directory.addProvider(name: "Dr. Test", credentials: "MD", npi: "1234567893")
                let location = try await directory.addLocation(
                    name: "Office", address: MailingAddress(line1: "12 Elm St", city: "Asheville", state: "NC", zip: "28801"),
                    phone: "", placeOfService: "11")
                let key = try await APIKeyStore(database: portal.database).create(name: "claims-module").key
                try await body(API(portal: portal, key: key, location: location.id))
            }
        }

        func call(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, body: String? = nil,
                  contentType: String = "application/json", key: String? = "", idempotencyKey: String? = nil) async throws -> TestResponse {
            var headers: HTTPFields = [:]
            if let key { headers[.authorization] = "Bearer \(key.isEmpty ? self.key : key)" }
            if let idempotencyKey { headers[.init("Idempotency-Key")!] = idempotencyKey }
            let payload = json ?? body
            if payload != nil { headers[.contentType] = contentType }
            return try await portal.client.execute(uri: uri, method: method, headers: headers,
                                                   body: payload.map { ByteBuffer(string: $0) })
        }

        func encounter(claim: String, lines: String) -> String {
            """
            {"accountNumber":"\(portal.account.accountNumber)","providerNpi":"1234567893","locationId":\(location),
             "dateOfService":"2026-05-04","claimNumber":"\(claim)","lines":[\(lines)]}
            """
        }
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func fields(_ response: TestResponse) throws -> [String] {
        (try object(response)["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }

    @Test func keysAreRequiredAndChecked() async throws {
        try await API.run { api in
            let missing = try await api.call(.get, "/api/v1/payments", key: nil)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer")
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(try await api.call(.get, "/api/v1/payments", key: "cbk_000000000000_wrong").status == .unauthorized)
            let wrongSecret = api.key.dropLast(3) + "xyz"
            #expect(try await api.call(.get, "/api/v1/payments", key: String(wrongSecret)).status == .unauthorized)
            #expect(try await api.call(.get, "/api/v1/payments").status == .ok)
            _ = try await APIKeyStore(database: api.portal.database).revoke(name: "claims-module")
            #expect(try await api.call(.get, "/api/v1/payments").status == .unauthorized)
        }
    }

    @Test func writesNeedAnIdempotencyKeyAndWellTypedJSON() async throws {
        try await API.run { api in
            let body = api.encounter(claim: "CLM-1", lines: #"{"code":"99213","chargeCents":15000}"#)
            let noKey = try await api.call(.post, "/api/v1/encounters", json: body)
            #expect(noKey.status == .badRequest)
            #expect(noKey.headers[.contentType] == "application/problem+json")
            #expect(try Self.fields(noKey) == ["Idempotency-Key"])

            let wrongType = try await api.call(.post, "/api/v1/encounters",
                                               json: api.encounter(claim: "CLM-1", lines: #"{"code":"99213","chargeCents":"150.00"}"#),
                                               idempotencyKey: "e-1")
            #expect(wrongType.status == .badRequest)
            #expect(try Self.fields(wrongType) == ["lines[0].chargeCents"])

            let badCode = try await api.call(.post, "/api/v1/encounters",
                                             json: api.encounter(claim: "CLM-1", lines: #"{"code":"9921","chargeCents":15000}"#),
                                             idempotencyKey: "e-2")
            #expect(badCode.status == .unprocessableContent)
            #expect(try Self.fields(badCode).contains("lines[0].code"))
            #expect(try await api.portal.database.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM ledger_transactions") } == 0)
        }
    }

    @Test func encounterAdjudicationReversalBalanceAndLedger() async throws {
        try await API.run { api in
            let body = api.encounter(claim: "CLM-2", lines: #"{"code":"11102","chargeCents":20000,"lineControlNumber":"L-1"}"#)
            let created = try await api.call(.post, "/api/v1/encounters", json: body, idempotencyKey: "visit-2")
            #expect(created.status == .created)
            #expect(created.headers[.init("Idempotent-Replayed")!] == nil)
            let replay = try await api.call(.post, "/api/v1/encounters", json: body, idempotencyKey: "visit-2")
            #expect(replay.status == .ok)
            #expect(replay.headers[.init("Idempotent-Replayed")!] == "true")
            #expect(String(buffer: replay.body) == String(buffer: created.body))

            let adjudication = """
                {"claimNumber":"CLM-2","payer":"Test Payer","claimStatus":"1","date":"2026-05-20","lines":[
                 {"lineControlNumber":"L-1","paidCents":12000,"adjustments":[{"group":"CO","reason":"45","amountCents":5000},
                                                                            {"group":"PR","reason":"2","amountCents":3000}]}]}
                """
            let adjudicated = try await api.call(.post, "/api/v1/adjudications", json: adjudication, idempotencyKey: "adj-2")
            #expect(adjudicated.status == .created)
            let adjudicationID = try #require(try Self.object(adjudicated)["adjudicationId"] as? Int)
            let number = api.portal.account.accountNumber
            let balance = try Self.object(try await api.call(.get, "/api/v1/accounts/\(number)/balance"))
            #expect(balance["patientDueCents"] as? Int == 3000)
            #expect(balance["insurancePendingCents"] as? Int == 0)

            let reversal = try await api.call(.post, "/api/v1/adjudications/\(adjudicationID)/reversal", idempotencyKey: "rev-2")
            #expect(reversal.status == .created)
            #expect(try Self.object(reversal)["reverses"] as? Int == adjudicationID)
            let after = try Self.object(try await api.call(.get, "/api/v1/accounts/\(number)/balance"))
            #expect(after["patientDueCents"] as? Int == 0)
            #expect(try await api.call(.post, "/api/v1/adjudications/999999/reversal", idempotencyKey: "rev-x").status == .notFound)

            let ledger = try await api.call(.get, "/api/v1/accounts/\(number)/ledger")
            #expect(ledger.status == .ok)
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(buffer: ledger.body)) as? [[String: Any]])
            #expect(entries.compactMap { $0["kind"] as? String } == ["charge", "adjudication", "reversal"])
            let postings = try #require(entries[1]["postings"] as? [[String: Any]])
            #expect(postings.contains { $0["book"] as? String == "patient_due" && $0["amount"] as? Int == 3000 && $0["reason"] as? String == "coinsurance" })
            #expect(try await api.call(.get, "/api/v1/accounts/99999999/ledger").status == .notFound)
        }
    }

    /// managed-care.835 against visits made through the API: both claims post, and posting the file again does not.
    @Test func remittanceFilePostsOnce() async throws {
        try await API.run { api in
            for (claim, code, cents) in [("5554555444", "99211", 80_000), ("8765432112", "93555", 120_000)] {
                let body = api.encounter(claim: claim, lines: #"{"code":"\#(code)","chargeCents":\#(cents)}"#)
                #expect(try await api.call(.post, "/api/v1/encounters", json: body, idempotencyKey: "visit-\(claim)").status == .created)
            }
            let file = String(decoding: try Self.sample("managed-care.835"), as: UTF8.self)
            let posted = try await api.call(.post, "/api/v1/remittances?name=managed-care.835", body: file, contentType: "application/edi-x12")
            #expect(posted.status == .ok)
            let summary = try JSONDecoder().decode(RemittanceSummary.self, from: Data(buffer: posted.body))
            #expect(summary.claimsPosted == 2 && summary.claimsQueued == 0)
            #expect(summary.paidCents == 94_500 && summary.patientResponsibilityCents == 90_000)
            #expect(summary.postedBalances)
            let balance = try Self.object(try await api.call(.get, "/api/v1/accounts/\(api.portal.account.accountNumber)/balance"))
            #expect(balance["patientDueCents"] as? Int == 90_000)

            let again = try await api.call(.post, "/api/v1/remittances", body: file, contentType: "text/plain; charset=utf-8")
            let second = try JSONDecoder().decode(RemittanceSummary.self, from: Data(buffer: again.body))
            #expect(second.claimsPosted == 0 && second.claimsAlreadyPosted == 2)

            #expect(try await api.call(.post, "/api/v1/remittances", json: "{}").status == .unsupportedMediaType)
            let broken = try await api.call(.post, "/api/v1/remittances", body: String(file.prefix(400)), contentType: "text/plain")
            #expect(broken.status == .unprocessableContent)
            #expect(try Self.fields(broken) == ["body"])
            let reason = (try Self.object(broken)["errors"] as? [[String: Any]])?.first?["reason"] as? String ?? ""
            #expect(reason.contains("segment "))
            #expect(try await api.call(.post, "/api/v1/remittances", body: file, contentType: "text/plain", key: nil).status == .unauthorized)
        }
    }

    static func sample(_ name: String) throws -> [UInt8] {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<12 {
            let candidate = folder.appendingPathComponent("shared/data/x12-835/\(name)")
            if let data = FileManager.default.contents(atPath: candidate.path) { return [UInt8](data) }
            folder.deleteLastPathComponent()
        }
        throw MissingSample(name: name)
    }

    struct MissingSample: Error { let name: String }
}
