import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird

/// What the patient sign-in form posts (besides `csrf`).
struct PatientSignInForm: Decodable {
    var code: String
    var lastName: String
    var dateOfBirth: String
}

/// The patient's ways in and out: the sign-in page, sign-in, sign-out, and the signed link on a statement.
/// Nothing here puts PHI in a URL: sign-in is a POST and every redirect names a fixed path.
struct AccessRoutes {
    let services: PortalServices
    private var support: SignInSupport { SignInSupport(services: services) }

    static let noMatch = "We could not find a statement that matches what you entered. Check the statement code or account "
        + "number, the last name and the date of birth against your paper statement, and try again."

    func add(to router: Router<PortalRequestContext>) {
        router.get("/") { request, context in try await landing(request, context) }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { _, context in
            try await support.signOut(context, action: "patient.sign-out", then: "/?signed-out=1")
        }
        router.get("/s/{token}") { _, context in try await link(context) }
    }

    private func landing(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        if context.patientAccountID != nil { return .redirect(to: "/account", type: .normal) }
        let query = request.uri.queryParameters
        let notice = query["expired"] == "1" ? SignInSupport.expiredNotice
            : query["signed-out"] == "1" ? "You are signed out. Thank you." : nil
        return try await form(context, notice: notice)
    }

    private func form(_ context: PortalRequestContext, typed: PatientSignInForm? = nil, errors: [String] = [],
                      notice: String? = nil) async throws -> Response {
        var values: [String: Any] = ["code": typed?.code ?? "", "lastName": typed?.lastName ?? "",
                                     "dateOfBirth": typed?.dateOfBirth ?? ""]
        if !errors.isEmpty { values["errors"] = errors; values["hasErrors"] = true }
        if let notice { values["notice"] = notice }
        return try await services.pages.render("sign-in", values, context: context)
    }

    private func signIn(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let typed = try await request.decodeForm(PatientSignInForm.self, context: context)
        let identifier = AccountIdentifier(typed: typed.code)
        let dateOfBirth = Self.dateOfBirth(typed.dateOfBirth)
        // Format problems say which field: they reveal nothing about any account, and they are not counted as tries.
        var problems: [String] = []
        if identifier == nil {
            problems.append("Enter the statement code printed on your statement (like K7M2-Q9XD) or your 8-digit account number.")
        }
        if typed.lastName.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("Enter your last name.") }
        if dateOfBirth == nil { problems.append("Enter your date of birth as MM/DD/YYYY, for example 03/09/1975.") }
        guard let identifier, let dateOfBirth, problems.isEmpty else { return try await form(context, typed: typed, errors: problems) }

        let candidate = try await PatientAccess(database: services.database).candidate(for: identifier)
        let attempt = SignInSupport.Attempt(action: "patient.sign-in", subject: candidate.subject, account: candidate.claimedAccountID)
        if let locked = try await support.lockedOut(attempt, context) { return locked }
        guard let account = candidate.provenAccount(lastName: typed.lastName, dateOfBirth: dateOfBirth) else {
            if let locked = try await support.failed(attempt, context) { return locked }
            return try await form(context, typed: typed, errors: [Self.noMatch])
        }
        let detail = if case .statementCode = identifier { "statement code" } else { "account number" }
        return try await support.succeeded(attempt, owner: .patient(accountID: account), detail: detail, then: "/account", context)
    }

    /// A link from a statement's QR code or an email: valid and unexpired opens the account's session directly.
    private func link(_ context: PortalRequestContext) async throws -> Response {
        let audit = AuditLog(database: services.database)
        let account: Int64
        do {
            account = try SignedLink.verify(context.parameters.get("token") ?? "", key: services.configuration.linkSigningKey,
                                            now: services.database.clock())
        } catch .expired(let account) {
            try await audit.record(actor: "anonymous", action: "patient.link.expired", account: account, client: context.clientAddress)
            return try await services.pages.message(.linkExpired, context: context, status: .gone)
        } catch .invalid {
            try await audit.record(actor: "anonymous", action: "patient.link.invalid", client: context.clientAddress)
            return try await services.pages.message(.linkInvalid, context: context, status: .badRequest)
        }
        guard try await PracticeDirectory(database: services.database).account(id: account) != nil else {
            try await audit.record(actor: "anonymous", action: "patient.link.invalid", detail: "no such account",
                                   client: context.clientAddress)
            return try await services.pages.message(.linkInvalid, context: context, status: .badRequest)
        }
        try await audit.record(actor: "patient:\(account)", action: "patient.sign-in", account: account, detail: "signed link",
                               client: context.clientAddress)
        return try await support.startSession(.patient(accountID: account), then: "/account", context)
    }

    /// MM/DD/YYYY as asked; dashes or dots for slashes, and eight bare digits (what a phone's number pad can type),
    /// are taken too.
    static func dateOfBirth(_ typed: String) -> CalendarDate? {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 8, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return CalendarDate(us: "\(trimmed.prefix(2))/\(trimmed.dropFirst(2).prefix(2))/\(trimmed.suffix(4))")
        }
        return CalendarDate(us: trimmed.replacingOccurrences(of: "-", with: "/").replacingOccurrences(of: ".", with: "/"))
    }
}

extension PageMessage {
    static let linkExpired = PageMessage(
        title: "This link has expired",
        paragraphs: ["Links on statements and in emails work for a limited time, to protect your information.",
                     "You can still see your bill: sign in with the statement code, your last name and your date of birth."],
        link: ("/", "Sign in"))

    static let linkInvalid = PageMessage(
        title: "This link does not work",
        paragraphs: ["It may have been cut short when it was copied. Scan the code on your statement again, or sign in "
                         + "with the statement code, your last name and your date of birth."],
        link: ("/", "Sign in"))
}
