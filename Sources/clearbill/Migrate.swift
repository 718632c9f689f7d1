import ArgumentParser

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the database or bring it up to this version's schema.")

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let db = try database.open()
        try db.close()
        print("Database \(database.path) is up to date.")
    }
}
