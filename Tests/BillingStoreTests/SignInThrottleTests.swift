import BillingCore
@testable import BillingStore
import Foundation
import Testing

@Suite struct SignInThrottleTests {
    let clock = MovableClock()
    let folder = StoreFixture.temporaryFolder()

    func throttle() throws -> SignInThrottle {
        SignInThrottle(database: try ClearbillDatabase(path: folder.appendingPathComponent("t.sqlite").path, clock: clock.function))
    }

    func fail(_ throttle: SignInThrottle, _ times: Int, subject: String, client: String) async throws {
        for _ in 0..<times { try await throttle.record(subject: subject, client: client, succeeded: false) }
    }

    @Test func fiveFailuresLockTheSubjectFromAnyClientForTheRestOfTheWindow() async throws {
        let throttle = try throttle()
        defer { try? throttle.database.close(); try? FileManager.default.removeItem(at: folder) }
        for minute in 0..<4 {
            try await fail(throttle, 1, subject: "account:1", client: "10.0.0.\(minute)")
            clock.advance(minutes: 1)
        }
        #expect(try await throttle.verdict(subject: "account:1", client: "10.0.0.9") == .open)
        try await fail(throttle, 1, subject: "account:1", client: "10.0.0.4")
        // The first failure was 4 minutes ago: locked for the 11 minutes it has left in the window.
        #expect(try await throttle.verdict(subject: "account:1", client: "10.0.0.9") == .locked(retryAfter: 11 * 60))
        #expect(try await throttle.verdict(subject: "account:2", client: "10.0.0.9") == .open)
        clock.advance(minutes: 11)
        #expect(try await throttle.verdict(subject: "account:1", client: "10.0.0.9") == .open)
    }

    @Test func fiveFailuresFromOneClientLockThatClientWhateverTheSubject() async throws {
        let throttle = try throttle()
        defer { try? throttle.database.close(); try? FileManager.default.removeItem(at: folder) }
        for index in 0..<5 { try await fail(throttle, 1, subject: "typed:\(index)", client: "192.0.2.7") }
        #expect(try await throttle.verdict(subject: "account:99", client: "192.0.2.7") == .locked(retryAfter: 15 * 60))
        #expect(try await throttle.verdict(subject: "account:99", client: "192.0.2.8") == .open)
    }

    @Test func aSuccessClearsTheSubjectsFailuresButNotTheClients() async throws {
        let throttle = try throttle()
        defer { try? throttle.database.close(); try? FileManager.default.removeItem(at: folder) }
        try await fail(throttle, 4, subject: "account:1", client: "a")
        clock.advance(minutes: 0.1)
        try await throttle.record(subject: "account:1", client: "a", succeeded: true)
        clock.advance(minutes: 0.1)
        try await fail(throttle, 1, subject: "account:1", client: "b")
        #expect(try await throttle.verdict(subject: "account:1", client: "c") == .open)
        try await fail(throttle, 1, subject: "account:2", client: "a")
        guard case .locked = try await throttle.verdict(subject: "account:3", client: "a") else {
            Issue.record("client a has five failures in the window and must be locked")
            return
        }
    }

    @Test func staffSubjectsNameTheUserOrHashWhatWasTyped() async throws {
        let throttle = try throttle()
        defer { try? throttle.database.close(); try? FileManager.default.removeItem(at: folder) }
        let user = try await StaffDirectory(database: throttle.database).add(username: "casey", role: .frontDesk,
                                                                             password: "a long enough password", iterations: 1_000)
        #expect(try await throttle.staffSubject(username: "Casey") == "staff:\(user.id)")
        let typed = try await throttle.staffSubject(username: "my secret password")
        #expect(typed.hasPrefix("typed:"))
        #expect(!typed.contains("secret"))
    }
}
