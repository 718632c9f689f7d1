import ArgumentParser
import BillingCore
import BillingStore

struct StaffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "staff", abstract: "Manage staff sign-ins.",
                                                    subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a staff user; the password is read from standard input.")

        @OptionGroup var database: DatabaseOption
        @Option var username: String
        @Option(help: "frontDesk or billingAdmin.") var role: String

        func run() async throws {
            guard let staffRole = StaffRole(rawValue: role) else {
                throw ValidationError("--role must be frontDesk or billingAdmin, not '\(role)'")
            }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("no password on standard input")
            }
            let db = try database.openExisting()
            defer { try? db.close() }
            let user = try await StaffDirectory(database: db).add(username: username, role: staffRole, password: password)
            print("Added \(user.username) (\(user.role.rawValue)).")
        }
    }
}
