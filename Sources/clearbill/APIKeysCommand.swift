import ArgumentParser
import BillingStore

struct APIKeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "api-keys", abstract: "Keys for the claims module's API.",
                                                    subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a key and print it once; only its hash is kept.")
        @OptionGroup var database: DatabaseOption
        @Option(help: "Who the key is for, e.g. claims-module.") var name: String

        func validate() throws {
            guard (1...64).contains(name.count) else { throw ValidationError("--name must be 1 to 64 characters") }
        }

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let (key, _) = try await APIKeyStore(database: db).create(name: name)
            print(key)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every key with this name.")
        @OptionGroup var database: DatabaseOption
        @Option var name: String

        func run() async throws {
            let db = try database.openExisting()
            defer { try? db.close() }
            let count = try await APIKeyStore(database: db).revoke(name: name)
            guard count > 0 else { throw ValidationError("no active key named '\(name)'") }
            print("revoked \(count) key(s) named \(name)")
        }
    }
}
