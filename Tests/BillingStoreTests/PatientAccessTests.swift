import BillingCore
import BillingStore
import Foundation
import GRDB
import Testing

@Suite struct PatientAccessTests {
    let born = CalendarDate(year: 1975, month: 3, day: 9)!

    /// A fresh database with one account (Peña Ruiz) and one statement whose code is K7M2-Q9XD.
    func setUp() async throws -> (StoreFixture, PatientAccess, Account) {
        let fixture = try await StoreFixture(accounts: 0)
        let account = try await PracticeDirectory(database: fixture.database).openAccount(NewAccount(
            firstName: "Ana", lastName: "Peña Ruiz", dateOfBirth: born,
            address: MailingAddress(line1: "1 Elm St", city: "Asheville", state: "NC", zip: "28801"))).account
        try await fixture.database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO statements (number, account_id, cycle_date, due_date, access_code, amount_due_cents, balance_cents,
                    snapshot, sha256, created_at)
                VALUES ('26060000011', ?, '2026-06-01', '2026-06-26', 'K7M2-Q9XD', 5000, 5000, '{}', '', '2026-06-01T00:00:00.000Z')
                """, arguments: [account.id])
        }
        return (fixture, PatientAccess(database: fixture.database), account)
    }

    @Test func recognisesCodesAndAccountNumbersAsTyped() {
        #expect(AccountIdentifier(typed: " k7m2 q9xd ") == .statementCode("K7M2-Q9XD"))
        #expect(AccountIdentifier(typed: "K7M2-Q9XD") == .statementCode("K7M2-Q9XD"))
        let number = AccountNumber.make(serial: 42)
        #expect(AccountIdentifier(typed: String(number.prefix(4)) + " " + String(number.dropFirst(4))) == .accountNumber(number))
        #expect(AccountIdentifier(typed: "K7M0-Q9XD") == nil, "0 is not in the code alphabet")
        #expect(AccountIdentifier(typed: "1234") == nil)
        #expect(AccountIdentifier(typed: "") == nil)
    }

    @Test func theStatementCodeOrTheAccountNumberWithNameAndBirthDateProveTheAccount() async throws {
        let (fixture, access, account) = try await setUp()
        defer { fixture.remove() }
        #expect(try await access.verify(.statementCode("K7M2-Q9XD"), lastName: "Peña Ruiz", dateOfBirth: born) == account.id)
        #expect(try await access.verify(.accountNumber(account.accountNumber), lastName: "Peña Ruiz", dateOfBirth: born) == account.id)
    }

    @Test func lastNamesMatchIgnoringCaseAccentsSpacesAndCurlyApostrophes() async throws {
        let (fixture, access, account) = try await setUp()
        defer { fixture.remove() }
        #expect(try await access.verify(.statementCode("K7M2-Q9XD"), lastName: "  pena   RUIZ ", dateOfBirth: born) == account.id)
        #expect(PatientAccess.sameLastName("O’Brien", "O'Brien"))
        #expect(!PatientAccess.sameLastName("Pena", "Pens"))
        #expect(!PatientAccess.sameLastName("  ", ""))
    }

    @Test func anyWrongAnswerGivesNothing() async throws {
        let (fixture, access, _) = try await setUp()
        defer { fixture.remove() }
        #expect(try await access.verify(.statementCode("K7M2-Q9XE"), lastName: "Peña Ruiz", dateOfBirth: born) == nil)
        #expect(try await access.verify(.statementCode("K7M2-Q9XD"), lastName: "Peña", dateOfBirth: born) == nil)
        #expect(try await access.verify(.statementCode("K7M2-Q9XD"), lastName: "Peña Ruiz", dateOfBirth: born.adding(days: 1)) == nil)
        #expect(try await access.verify(.accountNumber(AccountNumber.make(serial: 999)), lastName: "Peña Ruiz", dateOfBirth: born) == nil)
    }

    @Test func theThrottleSubjectIsTheAccountWhicheverIdentifierNamesIt() async throws {
        let (fixture, access, account) = try await setUp()
        defer { fixture.remove() }
        let byCode = try await access.candidate(for: .statementCode("K7M2-Q9XD"))
        let byNumber = try await access.candidate(for: .accountNumber(account.accountNumber))
        #expect(byCode.subject == "account:\(account.id)")
        #expect(byNumber.subject == byCode.subject)
        let unknown = try await access.candidate(for: .statementCode("AAAA-BBBB"))
        #expect(unknown.claimedAccountID == nil)
        #expect(unknown.subject.hasPrefix("typed:") && !unknown.subject.contains("AAAA"))
    }
}
