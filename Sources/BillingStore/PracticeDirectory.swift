import BillingCore
import GRDB

/// A new guarantor account, before it has an id and an account number.
public struct NewAccount: Sendable, Equatable {
    public var firstName: String
    public var lastName: String
    public var dateOfBirth: CalendarDate
    public var address: MailingAddress
    public var email: String
    public var phone: String
    public var preferredLanguage: Language

    public init(firstName: String, lastName: String, dateOfBirth: CalendarDate, address: MailingAddress,
                email: String = "", phone: String = "", preferredLanguage: Language = .english) {
        self.firstName = firstName
        self.lastName = lastName
        self.dateOfBirth = dateOfBirth
        self.address = address
        self.email = email
        self.phone = phone
        self.preferredLanguage = preferredLanguage
    }
}

/// The practice, its providers and locations, and the people it bills.
public struct PracticeDirectory: Sendable {
    public let database: ClearbillDatabase

    public init(database: ClearbillDatabase) { self.database = database }

    public func setPractice(_ practice: Practice) async throws {
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO practice (id, name, address1, address2, city, state, zip, phone, hours, website, tax_id, npi)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, address1 = excluded.address1, address2 = excluded.address2,
                    city = excluded.city, state = excluded.state, zip = excluded.zip, phone = excluded.phone,
                    hours = excluded.hours, website = excluded.website, tax_id = excluded.tax_id, npi = excluded.npi
                """, arguments: [practice.name, practice.address.line1, practice.address.line2, practice.address.city,
                                 practice.address.state, practice.address.zip, practice.phone, practice.hours,
                                 practice.website, practice.taxID, practice.npi])
        }
    }

    public func practice() async throws -> Practice? {
        try await database.pool.read { try Self.practice(in: $0) }
    }

    static func practice(in db: Database) throws -> Practice? {
        try Row.fetchOne(db, sql: "SELECT * FROM practice WHERE id = 1").map { row in
            Practice(name: row["name"], address: address(row), phone: row["phone"], hours: row["hours"],
                     website: row["website"], taxID: row["tax_id"], npi: row["npi"])
        }
    }

    public func addProvider(name: String, credentials: String, npi: String) async throws -> Provider {
        try await database.pool.write { db in
            try db.execute(sql: "INSERT INTO providers (name, credentials, npi) VALUES (?, ?, ?)", arguments: [name, credentials, npi])
            return Provider(id: db.lastInsertedRowID, name: name, credentials: credentials, npi: npi)
        }
    }

    public func providers() async throws -> [Provider] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM providers ORDER BY id").map {
                Provider(id: $0["id"], name: $0["name"], credentials: $0["credentials"], npi: $0["npi"])
            }
        }
    }

    public func addLocation(name: String, address: MailingAddress, phone: String, placeOfService: String) async throws -> Location {
        try await database.pool.write { db in
            try db.execute(sql: """
                INSERT INTO locations (name, address1, address2, city, state, zip, phone, place_of_service) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, address.line1, address.line2, address.city, address.state, address.zip, phone, placeOfService])
            return Location(id: db.lastInsertedRowID, name: name, address: address, phone: phone, placeOfService: placeOfService)
        }
    }

    public func locations() async throws -> [Location] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM locations ORDER BY id").map {
                Location(id: $0["id"], name: $0["name"], address: Self.address($0), phone: $0["phone"], placeOfService: $0["place_of_service"])
            }
        }
    }

    /// Opens a guarantor account (the guarantor is also its first patient) and gives it its account number.
    public func openAccount(_ new: NewAccount) async throws -> (account: Account, patient: Patient) {
        let createdAt = database.timestamp()
        return try await database.pool.write { db in
            // The number derives from the row id, so it is inserted with a placeholder first, inside the same transaction.
            try db.execute(sql: """
                INSERT INTO accounts (account_number, first_name, last_name, date_of_birth, address1, address2, city, state, zip,
                    email, phone, preferred_language, created_at)
                VALUES ('pending-' || hex(randomblob(8)), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [new.firstName, new.lastName, new.dateOfBirth.iso, new.address.line1, new.address.line2,
                                 new.address.city, new.address.state, new.address.zip, new.email, new.phone,
                                 new.preferredLanguage.rawValue, createdAt])
            let id = db.lastInsertedRowID
            let number = AccountNumber.make(serial: id)
            try db.execute(sql: "UPDATE accounts SET account_number = ? WHERE id = ?", arguments: [number, id])
            try db.execute(sql: """
                INSERT INTO patients (account_id, first_name, last_name, date_of_birth, relationship) VALUES (?, ?, ?, ?, 'self')
                """, arguments: [id, new.firstName, new.lastName, new.dateOfBirth.iso])
            let account = Account(id: id, accountNumber: number, firstName: new.firstName, lastName: new.lastName,
                                  dateOfBirth: new.dateOfBirth, address: new.address, email: new.email, phone: new.phone,
                                  preferredLanguage: new.preferredLanguage)
            let patient = Patient(id: db.lastInsertedRowID, accountID: id, firstName: new.firstName, lastName: new.lastName,
                                  dateOfBirth: new.dateOfBirth, relationship: "self")
            return (account, patient)
        }
    }

    /// Adds a dependant (a child, a spouse) to a guarantor's account.
    public func addPatient(account: Int64, firstName: String, lastName: String, dateOfBirth: CalendarDate, relationship: String) async throws -> Patient {
        try await database.pool.write { db in
            try LedgerWriter.requireAccount(account, in: db)
            try db.execute(sql: """
                INSERT INTO patients (account_id, first_name, last_name, date_of_birth, relationship) VALUES (?, ?, ?, ?, ?)
                """, arguments: [account, firstName, lastName, dateOfBirth.iso, relationship])
            return Patient(id: db.lastInsertedRowID, accountID: account, firstName: firstName, lastName: lastName,
                           dateOfBirth: dateOfBirth, relationship: relationship)
        }
    }

    public func account(id: Int64) async throws -> Account? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(Self.account)
        }
    }

    public func account(number: String) async throws -> Account? {
        try await database.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE account_number = ?", arguments: [number]).map(Self.account)
        }
    }

    public func accounts(limit: Int = 100, offset: Int = 0) async throws -> [Account] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY id LIMIT ? OFFSET ?", arguments: [limit, offset]).map(Self.account)
        }
    }

    public func patients(account: Int64) async throws -> [Patient] {
        try await database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM patients WHERE account_id = ? ORDER BY id", arguments: [account]).map {
                Patient(id: $0["id"], accountID: $0["account_id"], firstName: $0["first_name"], lastName: $0["last_name"],
                        dateOfBirth: CalendarDate(iso: $0["date_of_birth"]) ?? CalendarDate(dayNumber: 0),
                        relationship: $0["relationship"])
            }
        }
    }

    static func account(_ row: Row) -> Account {
        Account(id: row["id"], accountNumber: row["account_number"], firstName: row["first_name"], lastName: row["last_name"],
                dateOfBirth: CalendarDate(iso: row["date_of_birth"]) ?? CalendarDate(dayNumber: 0), address: address(row),
                email: row["email"], phone: row["phone"], preferredLanguage: Language(rawValue: row["preferred_language"]) ?? .english)
    }

    static func address(_ row: Row) -> MailingAddress {
        MailingAddress(line1: row["address1"], line2: row["address2"], city: row["city"], state: row["state"], zip: row["zip"])
    }
}
