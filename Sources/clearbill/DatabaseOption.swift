import ArgumentParser
import BillingStore
import Foundation

/// `--db PATH`, shared by every command that opens the ledger.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "Path of the SQLite database file.")
    var path: String

    func validate() throws {
        if path.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--db needs a file path") }
    }

    var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// Opens (creating and migrating when new) the database.
    func open() throws -> ClearbillDatabase { try ClearbillDatabase(path: path) }

    /// For commands that must not create a database by accident.
    func openExisting() throws -> ClearbillDatabase {
        guard exists else { throw ValidationError("no database at \(path) (create one with `clearbill migrate --db \(path)`)") }
        return try open()
    }
}
