import ArgumentParser
import BillingStore

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database consistently while it is in use (SQLite's online backup); `ledger verify` accepts the copy.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "The new backup file.") var out: String

    func run() async throws {
        let db = try database.openExisting()
        defer { try? db.close() }
        try db.backup(to: out)
        print("backed up \(database.path) to \(out)")
    }
}
