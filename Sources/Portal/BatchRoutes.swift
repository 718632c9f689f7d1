import BillingCore
import BillingStore
import ClearbillCrypto
import Foundation
import Hummingbird
import StatementPrinting

/// The billing office's mail-house batches: make one for a cycle, and download its files again, unchanged.
struct BatchRoutes {
    let services: PortalServices

    struct MakeForm: Decodable { var cycle: String; var duplex: String? }

    func add(to router: Router<PortalRequestContext>) {
        let office = router.group("/staff/batches").add(middleware: RequireStaff(role: .billingAdmin, pages: services.pages))
        office.get { _, context in try await page(context: context) }
        office.post { request, context in
            let form = try await request.decodeForm(MakeForm.self, context: context)
            guard let cycle = CalendarDate(iso: form.cycle.trimmingCharacters(in: .whitespaces)) else {
                return try await page(context: context, error: "Statement date: write it as YYYY-MM-DD.", status: .unprocessableContent)
            }
            let folder = URL(fileURLWithPath: services.database.path + ".batches")
                .appendingPathComponent("\(cycle.iso)-\(Digest.hex(SecureRandom.bytes(4)))")
            let result = try await MailHouseBatch.make(
                database: services.database, cycle: cycle, folder: folder, options: .init(duplex: form.duplex == "yes"),
                publicURL: services.configuration.publicURL, linkKey: services.configuration.linkSigningKey,
                madeBy: context.staffUser?.username ?? "")
            try await AuditLog(database: services.database).record(actor: "staff:\(context.staffUser?.username ?? "")", action: "batch.make",
                                                                   subject: "batch:\(result.record.id)", client: context.clientAddress)
            return .redirect(to: "/staff/batches", type: .normal)
        }
        office.get("{id}/{file}") { _, context in
            guard let id = context.parameters.get("id", as: Int64.self), let name = context.parameters.get("file"),
                  MailHouseBatch.fileNames.contains(name), let batch = try await StatementBatchLog(database: services.database).batch(id: id),
                  let data = FileManager.default.contents(atPath: URL(fileURLWithPath: batch.folder).appendingPathComponent(name).path) else {
                return try await services.pages.message(.notFound, context: context, status: .notFound)
            }
            try await AuditLog(database: services.database).record(actor: "staff:\(context.staffUser?.username ?? "")", action: "batch.download",
                                                                   subject: "batch:\(id)/\(name)", client: context.clientAddress)
            let type = name.hasSuffix(".pdf") ? "application/pdf" : name.hasSuffix(".csv") ? "text/csv; charset=utf-8" : "application/json"
            return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    private func page(context: PortalRequestContext, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let batches = try await StatementBatchLog(database: services.database).all()
        return try await services.pages.render("staff-batches", [
            "error": error ?? "", "today": CalendarDate(services.database.clock(), in: .current).iso, "hasBatches": !batches.isEmpty,
            "batches": batches.map { batch in
                ["cycle": batch.cycleDate.written(), "madeAt": batch.madeAt, "madeBy": batch.madeBy, "statements": String(batch.statements),
                 "pages": String(batch.pages), "sheets": String(batch.sheets), "suppressed": String(batch.suppressed),
                 "totalDue": batch.totalDue.formatted, "sha": batch.pdfSHA256 ?? "",
                 "files": MailHouseBatch.fileNames.filter { batch.pdfSHA256 != nil || !$0.hasSuffix(".pdf") }
                    .map { ["batchID": String(batch.id), "name": $0] }] as [String: Any]
            },
        ], context: context, status: status)
    }
}
