import BillingCore
import Foundation
import GRDB

/// What a patient types to name their account: the code printed on a paper statement, or the account number.
public enum AccountIdentifier: Sendable, Equatable {
    case statementCode(String)
    case accountNumber(String)

    /// Recognises either form as typed ("k7m2 q9xd", "1000 0018"); nil when it can be neither.
    /// Eight digits that pass the account number's check digit are read as an account number; a statement code that
    /// happens to be all digits and pass it too is one in millions, and its account number still works.
    public init?(typed: String) {
        let compact = typed.filter { !$0.isWhitespace && $0 != "-" }
        if AccountNumber.isValid(compact) {
            self = .accountNumber(compact)
        } else if let code = StatementAccessCode.normalize(typed) {
            self = .statementCode(code)
        } else {
            return nil
        }
    }

    var canonical: String {
        switch self {
        case .statementCode(let code): "code:" + code
        case .accountNumber(let number): "account-number:" + number
        }
    }
}

/// Proves that someone is the guarantor of an account: the identifier names an account, and the last name and date of
/// birth match it. A failure never tells which part was wrong.
public struct PatientAccess: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    /// An account an identifier points at, before the answers are checked. Split from the check so that the sign-in
    /// throttle can count failures against the account itself, whichever identifier was used.
    public struct Candidate: Sendable {
        /// The sign-in throttle's subject: the account when the identifier names one, otherwise a hash of the
        /// identifier (never the identifier itself).
        public let subject: String
        /// The account the identifier names. Not proven: only for counting and auditing failures.
        public let claimedAccountID: Int64?
        private let lastName: String?
        private let dateOfBirth: CalendarDate?

        init(identifier: AccountIdentifier, account: (id: Int64, lastName: String, dateOfBirth: CalendarDate)?) {
            subject = account.map { "account:\($0.id)" } ?? SignInThrottle.typedSubject(identifier.canonical)
            claimedAccountID = account?.id
            lastName = account?.lastName
            dateOfBirth = account?.dateOfBirth
        }

        /// The account when both answers match it; nil otherwise.
        public func provenAccount(lastName typedName: String, dateOfBirth typedDate: CalendarDate) -> Int64? {
            guard let claimedAccountID, let lastName, let dateOfBirth else { return nil }
            let nameMatches = PatientAccess.sameLastName(typedName, lastName)
            return nameMatches && typedDate == dateOfBirth ? claimedAccountID : nil
        }
    }

    public func candidate(for identifier: AccountIdentifier) async throws -> Candidate {
        let account = try await database.pool.read { db -> (id: Int64, lastName: String, dateOfBirth: CalendarDate)? in
            let row = switch identifier {
            case .statementCode(let code):
                try Row.fetchOne(db, sql: """
                    SELECT a.id, a.last_name, a.date_of_birth FROM statements s JOIN accounts a ON a.id = s.account_id
                    WHERE s.access_code = ?
                    """, arguments: [code])
            case .accountNumber(let number):
                try Row.fetchOne(db, sql: "SELECT id, last_name, date_of_birth FROM accounts WHERE account_number = ?",
                                 arguments: [number])
            }
            guard let row, let date = CalendarDate(iso: row["date_of_birth"]) else { return nil }
            return (row["id"], row["last_name"], date)
        }
        return Candidate(identifier: identifier, account: account)
    }

    /// The account when the identifier, last name and date of birth all belong to it; nil otherwise.
    public func verify(_ identifier: AccountIdentifier, lastName: String, dateOfBirth: CalendarDate) async throws -> Int64? {
        try await candidate(for: identifier).provenAccount(lastName: lastName, dateOfBirth: dateOfBirth)
    }

    /// Names match whatever the case, accents, extra spaces or curly apostrophes a phone keyboard puts in:
    /// "pena" is "Peña", "O’Brien" is "O'Brien".
    public static func sameLastName(_ typed: String, _ stored: String) -> Bool {
        let a = folded(typed), b = folded(stored)
        return !a.isEmpty && a == b
    }

    static func folded(_ name: String) -> String {
        name.replacingOccurrences(of: "\u{2019}", with: "'")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
