import BillingCore
import BillingStore
import Hummingbird

/// The values `templates/layout.mustache` reads, filled the same way for every page.
enum PageValues {
    static func layout(_ context: PortalRequestContext, _ practice: Practice?) -> [String: Any] {
        let staff = context.staffUser
        return [
            "lang": "en",
            "practiceName": practice?.name ?? "Patient billing",
            "practicePhone": practice?.phone ?? "",
            "practiceHours": practice?.hours ?? "",
            "practiceAddress": practice.map { $0.address.lines.joined(separator: ", ") } ?? "",
            "patientNav": context.patientAccountID != nil,
            "staffNav": staff != nil,
            "isBillingAdmin": staff?.role == .billingAdmin,
            "signedIn": context.session != nil,
            "signOutAction": staff != nil ? "/staff/sign-out" : "/sign-out",
            "csrf": context.csrfToken,
        ]
    }
}

/// A short page that says one thing: locked out, link expired, forbidden, form expired.
struct PageMessage {
    var title: String
    var paragraphs: [String]
    var link: (href: String, text: String)?

    static let formExpired = PageMessage(
        title: "This form has expired",
        paragraphs: ["For your security, forms stop working after a while or once you sign out. Nothing was changed.",
                     "Go back, reload the page, and try again."],
        link: ("/", "Go to the sign-in page"))

    static let notFound = PageMessage(
        title: "Not found",
        paragraphs: ["There is nothing here, or it is not on your account."],
        link: nil)

    static let statementNotFound = PageMessage(
        title: "Statement not found",
        paragraphs: ["We could not find that statement on your account."],
        link: ("/account/statements", "See your statements"))

    static let forbidden = PageMessage(
        title: "You do not have access to this page",
        paragraphs: ["Your sign-in does not include this part of the billing site."],
        link: ("/", "Go to the start page"))
}

/// Renders pages inside the layout: page values win over layout values of the same name.
struct PageRenderer: Sendable {
    let views: Views
    let practices: PracticeDirectory

    func render(_ template: String, _ values: [String: Any], context: PortalRequestContext,
                status: HTTPResponse.Status = .ok) async throws -> Response {
        let layout = PageValues.layout(context, try await practices.practice())
        return views.page(template, layout.merging(values) { _, page in page }, status: status)
    }

    func message(_ message: PageMessage, context: PortalRequestContext, status: HTTPResponse.Status) async throws -> Response {
        var values: [String: Any] = ["heading": message.title, "paragraphs": message.paragraphs]
        if let link = message.link { values["link"] = ["href": link.href, "text": link.text] }
        return try await render("message", values, context: context, status: status)
    }
}
