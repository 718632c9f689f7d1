import BillingCore
import BillingStore
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Portal
import Testing

@Suite struct WorkQueueRoutesTests {
    /// A file whose only claim names no visit: it lands in the queue.
    static let unmatched = """
        ISA*00*          *00*          *ZZ*PAYER          *ZZ*PRACTICE       *260601*1200*^*00501*000000101*0*P*:~
        GS*HP*PAYER*PRACTICE*20260601*1200*1*X*005010X221A1~
        ST*835*0001~BPR*I*80.00*C*ACH************20260601~TRN*1*EFT123*1999999999~N1*PR*ACME HEALTH PLAN~
        N1*PE*BLUE RIDGE DERMATOLOGY*XX*1234567893~LX*1~CLP*UNKNOWN-77*1*100.00*80.00**12*PAYER-9~
        SVC*HC:99213*100.00*80.00**1~CAS*CO*45*20.00~SE*10*0001~GE*1*1~IEA*1*000000101~
        """

    @Test func billingAdminSeesQueuedClaimsAndTheDeskDoesNot() async throws {
        try await PortalHarness.run { portal in
            let summary = try await RemittancePosting(database: portal.database)
                .importFile(bytes: Array(Self.unmatched.utf8), name: "june-eft.835")
            #expect(summary.claimsQueued == 1)
            try await portal.staff("jordan", .billingAdmin)
            try await portal.staff("casey", .frontDesk)

            var anonymous = portal.browser()
            let redirected = try await anonymous.get("/staff/work-queue")
            #expect(redirected.status == .seeOther && redirected.headers[.location] == "/staff/sign-in")

            var desk = portal.browser()
            try await desk.get("/staff/sign-in")
            try await desk.post("/staff/sign-in", [("username", "casey"), ("password", "a long staff password")], csrf: desk.csrf)
            #expect(try await desk.get("/staff/work-queue").status == .forbidden)

            var admin = portal.browser()
            try await admin.get("/staff/sign-in")
            try await admin.post("/staff/sign-in", [("username", "jordan"), ("password", "a long staff password")], csrf: admin.csrf)
            let page = try await admin.get("/staff/work-queue")
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("UNKNOWN-77") && html.contains("june-eft.835") && html.contains("ACME HEALTH PLAN"))
            #expect(html.contains("no visit carries claim number UNKNOWN-77"))
            #expect(html.contains("&quot;payerClaimControlNumber&quot;"), "the claim as sent, escaped")
            #expect(try await portal.audit().first?.action == "staff.view.work-queue")
        }
    }
}
