import ArgumentParser
import BillingCore
import Foundation

/// The payment plan policy from the command line: a JSON file (`--plan-policy`, any subset of the policy's fields),
/// then single settings over it. Anything invalid stops the command with one line naming the setting.
struct PlanPolicyOptions: ParsableArguments {
    @Option(name: .customLong("plan-policy"), help: "JSON file with plan policy settings (minimumBalance, minimumInstallment, longestTermMonths, frequencies, annualInterestPercent, graceDays, retryEveryDays, missedInstallmentsToDefault, allowsAddingCharges, termsVersion).")
    var file: String?
    @Option(name: .customLong("plan-minimum-balance"), help: "Smallest balance a plan is offered for (default 200.00).")
    var minimumBalance: String?
    @Option(name: .customLong("plan-minimum-installment"), help: "Smallest installment (default 25.00).")
    var minimumInstallment: String?
    @Option(name: .customLong("plan-longest-term-months"), help: "Longest plan, in months (default 12).")
    var longestTermMonths: Int?
    @Option(name: .customLong("plan-frequencies"), help: "Comma-separated: monthly, every-two-weeks (default both).")
    var frequencies: String?
    @Option(name: .customLong("plan-grace-days"), help: "Days a declined installment is retried before it is missed (default 10).")
    var graceDays: Int?
    @Option(name: .customLong("plan-retry-every-days"), help: "Days between retries of a declined installment (default 3).")
    var retryEveryDays: Int?
    @Option(name: .customLong("plan-missed-to-default"), help: "Missed installments that end a plan (default 2).")
    var missedToDefault: Int?
    @Option(name: .customLong("plan-new-charges"), help: "allow or refuse adding new charges to a plan by re-planning (default allow).")
    var newCharges: String?
    @Option(name: .customLong("plan-terms-version"), help: "Version of the written plan terms patients accept.")
    var termsVersion: String?

    func validate() throws { _ = try policy() }

    func policy() throws -> PlanPolicy {
        var policy = PlanPolicy.standard
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("--plan-policy: cannot read \(file)") }
            do { policy = try JSONDecoder().decode(PlanPolicy.self, from: data) } catch {
                throw ValidationError("--plan-policy \(file): \(Self.reason(error))")
            }
        }
        if let text = minimumBalance { policy.minimumBalance = try Self.money(text, "--plan-minimum-balance") }
        if let text = minimumInstallment { policy.minimumInstallment = try Self.money(text, "--plan-minimum-installment") }
        if let longestTermMonths { policy.longestTermMonths = longestTermMonths }
        if let frequencies {
            policy.frequencies = try frequencies.split(separator: ",").map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard let frequency = InstallmentFrequency(rawValue: trimmed) else {
                    throw ValidationError("--plan-frequencies: '\(trimmed)' is not monthly or every-two-weeks")
                }
                return frequency
            }
        }
        if let graceDays { policy.graceDays = graceDays }
        if let retryEveryDays { policy.retryEveryDays = retryEveryDays }
        if let missedToDefault { policy.missedInstallmentsToDefault = missedToDefault }
        if let newCharges {
            guard ["allow", "refuse"].contains(newCharges) else { throw ValidationError("--plan-new-charges must be allow or refuse") }
            policy.allowsAddingCharges = newCharges == "allow"
        }
        if let termsVersion { policy.termsVersion = termsVersion }
        do { return try policy.validated() } catch { throw ValidationError("plan policy: \(error.description)") }
    }

    private static func money(_ text: String, _ flag: String) throws -> Money {
        do { return try Money(parsing: text) } catch { throw ValidationError("\(flag): \(error.description)") }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context), DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (field.isEmpty ? "" : "\(field): ") + context.debugDescription
        default: return "not a JSON object of plan settings"
        }
    }
}
