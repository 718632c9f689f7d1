import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct BatchRoutesTests {
    @Test func theBillingOfficeMakesABatchAndDownloadsItAgainUnchanged() async throws {
        try await PortalHarness.run { harness in
            let data = try await PatientPagesTests.ledger(harness)
            var desk = try await StaffPagesTests().signIn(harness, "maria", .frontDesk)
            #expect(try await desk.get("/staff/batches").status == .forbidden)
            var office = try await StaffPagesTests().signIn(harness, "billing", .billingAdmin)
            #expect(try await office.get("/staff/batches").status == .ok)
            let bad = try await office.post("/staff/batches", [("cycle", "11/22/2026")], csrf: office.csrf)
            #expect(bad.status == .unprocessableContent)
            let made = try await office.post("/staff/batches", [("cycle", data.statement.cycleDate.iso)], csrf: office.csrf)
            #expect(made.status == .seeOther)
            let batch = try #require(try await StatementBatchLog(database: harness.database).all().first)
            #expect(batch.statements == 2)
            defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: batch.folder).deletingLastPathComponent().path) }
            let pdf = try await office.get("/staff/batches/\(batch.id)/statements.pdf")
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            #expect(Digest.sha256Hex(Array(buffer: pdf.body)) == batch.pdfSHA256, "downloaded again, unchanged")
            let manifest = String(buffer: try await office.get("/staff/batches/\(batch.id)/manifest.csv").body)
            #expect(manifest.contains(data.statement.number) && manifest.contains(data.otherStatement.number))
            #expect(try await office.get("/staff/batches/\(batch.id)/..%2Fp.sqlite").status == .notFound)
            #expect(try await office.get("/staff/batches/999/statements.pdf").status == .notFound)
            #expect(String(buffer: try await office.get("/staff/batches").body).contains(batch.pdfSHA256 ?? "missing"))
        }
    }
}
