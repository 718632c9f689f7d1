import BillingCore
@testable import BillingStore
import Foundation
import GRDB
import Testing

@Suite struct SessionStoreTests {
    let clock = MovableClock()
    let folder = StoreFixture.temporaryFolder()

    func database() throws -> ClearbillDatabase {
        try ClearbillDatabase(path: folder.appendingPathComponent("s.sqlite").path, clock: clock.function)
    }

    func patientAccount(_ database: ClearbillDatabase) async throws -> Int64 {
        try await PracticeDirectory(database: database).openAccount(NewAccount(
            firstName: "Ana", lastName: "Peña", dateOfBirth: CalendarDate(year: 1975, month: 3, day: 9)!,
            address: MailingAddress(line1: "1 Elm St", city: "Asheville", state: "NC", zip: "28801"))).account.id
    }

    @Test func storesOnlyTheTokensHashAndFindsTheSessionByToken() async throws {
        let database = try database()
        defer { try? database.close(); try? FileManager.default.removeItem(at: folder) }
        let account = try await patientAccount(database)
        let store = SessionStore(database: database)
        let (token, session) = try await store.open(for: .patient(accountID: account))
        let stored = try await database.pool.read { try String.fetchAll($0, sql: "SELECT token_hash FROM sessions") }
        #expect(stored == [session.tokenHash])
        #expect(!stored.contains(token))
        #expect(try await store.find(token: token) == .active(session))
        #expect(session.patientAccountID == account)
        #expect(try await store.find(token: token + "x") == .none)
        #expect(try await store.find(token: "") == .none)
    }

    @Test func endsAfterFifteenIdleMinutesAndStaysEnded() async throws {
        let database = try database()
        defer { try? database.close(); try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(database: database)
        let owner = SessionOwner.patient(accountID: try await patientAccount(database))
        let (token, _) = try await store.open(for: owner)
        clock.advance(minutes: 10)
        guard case .active = try await store.find(token: token) else { Issue.record("active after 10 minutes"); return }
        clock.advance(minutes: 14)  // 14 minutes since the last request, 24 since sign-in
        guard case .active = try await store.find(token: token) else { Issue.record("active after 14 idle minutes"); return }
        clock.advance(minutes: 15)
        #expect(try await store.find(token: token) == .expired(owner))
        clock.advance(minutes: -30)  // ending is for good, even if the clock went back
        #expect(try await store.find(token: token) == .none)
    }

    @Test func touchesLastSeenAtMostOnceAMinute() async throws {
        let database = try database()
        defer { try? database.close(); try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(database: database)
        let (token, _) = try await store.open(for: .patient(accountID: try await patientAccount(database)))
        func lastSeen() async throws -> String? {
            try await database.pool.read { try String.fetchOne($0, sql: "SELECT last_seen_at FROM sessions") }
        }
        let opened = try await lastSeen()
        clock.advance(minutes: 0.5)
        _ = try await store.find(token: token)
        #expect(try await lastSeen() == opened)
        clock.advance(minutes: 1)
        _ = try await store.find(token: token)
        #expect(try await lastSeen() == Timestamp.string(clock.now))
    }

    @Test func signOutEndsTheSessionForGood() async throws {
        let database = try database()
        defer { try? database.close(); try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(database: database)
        let (token, session) = try await store.open(for: .patient(accountID: try await patientAccount(database)))
        try await store.end(session)
        #expect(try await store.find(token: token) == .none)
        let ended = try await database.pool.read { try String.fetchOne($0, sql: "SELECT ended_at FROM sessions") }
        #expect(ended != nil)
    }

    @Test func staffSessionsCarryTheRoleAndEndWhenTheUserIsDeactivated() async throws {
        let database = try database()
        defer { try? database.close(); try? FileManager.default.removeItem(at: folder) }
        let user = try await StaffDirectory(database: database).add(username: "jordan", role: .billingAdmin,
                                                                    password: "correct horse battery", iterations: 1_000)
        let store = SessionStore(database: database)
        let (token, session) = try await store.open(for: .staff(user))
        #expect(try await store.find(token: token) == .active(session))
        #expect(session.staffUser?.role == .billingAdmin)
        try await database.pool.write { try $0.execute(sql: "UPDATE staff_users SET active = 0") }
        #expect(try await store.find(token: token) == .none)
    }
}
