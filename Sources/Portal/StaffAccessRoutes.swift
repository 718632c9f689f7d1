import BillingStore
import Hummingbird

/// What the staff sign-in form posts (besides `csrf`).
struct StaffSignInForm: Decodable {
    var username: String
    var password: String
}

/// Staff sign-in and sign-out, under the same throttle as patients (the subject is the staff user).
struct StaffAccessRoutes {
    let services: PortalServices
    private var support: SignInSupport { SignInSupport(services: services) }

    static let noMatch = "That username and password do not match. Check them and try again."

    func add(to router: Router<PortalRequestContext>) {
        router.get("/staff/sign-in") { request, context in
            if context.staffUser != nil { return Response.redirect(to: "/staff", type: .normal) }
            let notice = request.uri.queryParameters["expired"] == "1" ? SignInSupport.expiredNotice
                : request.uri.queryParameters["signed-out"] == "1" ? "You are signed out." : nil
            return try await form(context, notice: notice)
        }
        router.post("/staff/sign-in") { request, context in try await signIn(request, context) }
        router.post("/staff/sign-out") { _, context in
            try await support.signOut(context, action: "staff.sign-out", then: "/staff/sign-in?signed-out=1")
        }
    }

    private func form(_ context: PortalRequestContext, username: String = "", error: String? = nil,
                      notice: String? = nil) async throws -> Response {
        var values: [String: Any] = ["username": username]
        if let error { values["errors"] = [error]; values["hasErrors"] = true }
        if let notice { values["notice"] = notice }
        return try await services.pages.render("staff-sign-in", values, context: context)
    }

    private func signIn(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let typed = try await request.decodeForm(StaffSignInForm.self, context: context)
        guard !typed.username.isEmpty, !typed.password.isEmpty else {
            return try await form(context, username: typed.username, error: "Enter your username and your password.")
        }
        let subject = try await SignInThrottle(database: services.database).staffSubject(username: typed.username)
        let attempt = SignInSupport.Attempt(action: "staff.sign-in", subject: subject, account: nil)
        if let locked = try await support.lockedOut(attempt, context) { return locked }
        guard let user = try await StaffDirectory(database: services.database).authenticate(username: typed.username,
                                                                                             password: typed.password) else {
            if let locked = try await support.failed(attempt, context) { return locked }
            return try await form(context, username: typed.username, error: Self.noMatch)
        }
        return try await support.succeeded(attempt, owner: .staff(user), detail: user.role.rawValue, then: "/staff", context)
    }
}
