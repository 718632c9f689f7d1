import BillingCore
import BillingStore
import Foundation
import Hummingbird
import X12

/// The claims module's writes and reads: visits and charges, payer decisions and their reversals, balances and the
/// ledger. Each write is one ledger transaction under the caller's `Idempotency-Key`; a replay answers as the first time.
struct ClaimsAPIRoutes {
    let services: PortalServices

    func add(to group: RouterGroup<PortalRequestContext>) {
        group.post("encounters") { request, context in try await encounter(request, context) }
        group.post("adjudications") { request, context in try await adjudication(request, context) }
        group.post("adjudications/{id}/reversal") { request, context in try await reversal(request, context) }
        group.get("accounts/{number}/balance") { _, context in try await balance(context) }
        group.get("accounts/{number}/ledger") { _, context in try await ledger(context) }
        group.post("remittances") { request, context in try await remittance(request, context) }
    }

    /// A payer's file can hold thousands of claims; far more than the 1 MB JSON bodies may be.
    static let largestRemittance = 32 << 20

    private var actor: Actor { Actor("claims-module", via: .claims) }

    private func idempotencyKey(_ request: Request) throws -> String {
        guard let key = request.headers[.idempotencyKey]?.trimmingCharacters(in: .whitespaces), (1...200).contains(key.count) else {
            throw ProblemDetails(.badRequest, "an Idempotency-Key header (1 to 200 characters) is required",
                                 errors: [FieldError("Idempotency-Key", "is missing")])
        }
        return "api:" + key
    }

    private func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: PortalRequestContext) async throws -> T {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw ProblemDetails(.badRequest, "the body could not be read", errors: [error.fieldError])
        }
    }

    private func encounter(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        let body = try await decode(EncounterRequest.self, request, context)
        let directory = PracticeDirectory(database: services.database)
        let lookup = ClaimLookup(database: services.database)
        var errors: [FieldError] = []
        let account = try await directory.account(number: body.accountNumber)
        if account == nil { errors.append(FieldError("accountNumber", "no such account")) }
        let provider = try await lookup.provider(npi: body.providerNpi)
        if provider == nil { errors.append(FieldError("providerNpi", "no provider with that NPI")) }
        let date = CalendarDate(iso: body.dateOfService)
        if date == nil { errors.append(FieldError("dateOfService", "must be a date, YYYY-MM-DD")) }
        guard errors.isEmpty, let account, let provider, let date else { throw ProblemDetails(.unprocessableContent, "the visit is not valid", errors: errors) }
        let patient: Int64? = if let id = body.patientId { id } else { try await lookup.selfPatient(account: account.id) }
        let visit = NewEncounter(
            accountID: account.id, patientID: patient ?? 0, providerID: provider, locationID: body.locationId, dateOfService: date,
            placeOfService: body.placeOfService ?? "11", claimNumber: body.claimNumber,
            lines: body.lines.map { NewServiceLine(code: $0.code, modifiers: $0.modifiers ?? [], diagnosisCodes: $0.diagnosisCodes ?? [],
                                                   units: $0.units ?? 1, charge: Money(cents: $0.chargeCents), selfPay: $0.selfPay ?? false,
                                                   lineControlNumber: $0.lineControlNumber) })
        let result = try await posting { try await Ledger(database: services.database).recordCharges(visit, key: key, by: actor) }
        return try json(["encounterId": AnyEncodable(result.encounterID), "transactionId": AnyEncodable(result.transaction.id),
                         "serviceLineIds": AnyEncodable(result.transaction.postings.compactMap(\.serviceLineID).uniqued())],
                        status: result.transaction.replayed ? .ok : .created, replayed: result.transaction.replayed)
    }

    private func adjudication(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        let body = try await decode(AdjudicationRequest.self, request, context)
        guard let claim = try await ClaimLookup(database: services.database).claim(number: body.claimNumber) else {
            throw ProblemDetails(.unprocessableContent, "no visit carries that claim number",
                                 errors: [FieldError("claimNumber", "'\(body.claimNumber.prefix(40))' is not a known claim")])
        }
        var errors: [FieldError] = []
        let date = CalendarDate(iso: body.date)
        if date == nil { errors.append(FieldError("date", "must be a date, YYYY-MM-DD")) }
        let method: PaymentMethod = body.paidBy == "insurance_check" ? .insuranceCheck : .insuranceEFT
        if let paidBy = body.paidBy, !["insurance_eft", "insurance_check"].contains(paidBy) {
            errors.append(FieldError("paidBy", "must be insurance_eft or insurance_check"))
        }
        if body.lines.isEmpty { errors.append(FieldError("lines", "at least one line is required")) }
        var decisions: [LineAdjudication] = []
        for (index, line) in body.lines.enumerated() {
            let match = claim.lines.first { $0.id == line.serviceLineId }
                ?? claim.lines.first { line.lineControlNumber != nil && $0.lineControlNumber == line.lineControlNumber }
            guard let match else {
                errors.append(FieldError("lines[\(index)]", "names no line of claim \(claim.claimNumber)"))
                continue
            }
            var adjustments: [LineAdjustment] = []
            for (a, adjustment) in (line.adjustments ?? []).enumerated() {
                guard let group = AdjustmentGroup(rawValue: adjustment.group.uppercased()) else {
                    errors.append(FieldError("lines[\(index)].adjustments[\(a)].group", "must be CO, PR, OA or PI"))
                    continue
                }
                guard (1...5).contains(adjustment.reason.count), adjustment.reason.allSatisfy({ $0.isLetter || $0.isNumber }) else {
                    errors.append(FieldError("lines[\(index)].adjustments[\(a)].reason", "must be a claim adjustment reason code"))
                    continue
                }
                guard adjustment.amountCents.magnitude <= UInt64(Money.largestEntry.cents) else {
                    errors.append(FieldError("lines[\(index)].adjustments[\(a)].amountCents", "is out of range"))
                    continue
                }
                adjustments.append(LineAdjustment(group: group, reasonCode: adjustment.reason, amount: Money(cents: adjustment.amountCents)))
            }
            guard line.paidCents.magnitude <= UInt64(Money.largestEntry.cents) else {
                errors.append(FieldError("lines[\(index)].paidCents", "is out of range"))
                continue
            }
            decisions.append(LineAdjudication(serviceLineID: match.id, paid: Money(cents: line.paidCents), adjustments: adjustments))
        }
        guard errors.isEmpty, let date else { throw ProblemDetails(.unprocessableContent, "the adjudication is not valid", errors: errors) }
        let posted = try await posting {
            try await Ledger(database: services.database).recordAdjudication(
                decisions, paidBy: method, reference: body.reference ?? claim.claimNumber, on: date, key: key, by: actor,
                memo: "\(body.payer.prefix(60)) (claim status \(body.claimStatus.prefix(4)))")
        }
        return try json(["adjudicationId": posted.id], status: posted.replayed ? .ok : .created, replayed: posted.replayed)
    }

    private func reversal(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let key = try idempotencyKey(request)
        guard let id = context.parameters.get("id", as: Int64.self),
              try await ClaimLookup(database: services.database).kind(ofTransaction: id) == .adjudication else {
            throw ProblemDetails(.notFound, "no adjudication with that id")
        }
        let posted = try await posting {
            try await Ledger(database: services.database).reverse(id, key: key, by: actor, on: CalendarDate(Date(), in: .current),
                                                                  reason: "Adjudication reversed by the claims module")
        }
        return try json(["reversalId": posted.id, "reverses": id], status: posted.replayed ? .ok : .created, replayed: posted.replayed)
    }

    /// The body is the raw 835 text. Posting is idempotent by the file's content: sending the same file again posts nothing
    /// and answers with what is on the ledger, so no Idempotency-Key is needed.
    private func remittance(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        let mediaType = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard let mediaType, ["application/edi-x12", "text/plain"].contains(mediaType) else {
            throw ProblemDetails(.unsupportedMediaType, "send the 835 file as application/edi-x12 or text/plain",
                                 errors: [FieldError("Content-Type", "must be application/edi-x12 or text/plain")])
        }
        let name = request.uri.queryParameters.get("name") ?? "POST /api/v1/remittances"
        guard (1...200).contains(name.count) else {
            throw ProblemDetails(.badRequest, "name must be 1 to 200 characters", errors: [FieldError("name", "must be 1 to 200 characters")])
        }
        let body = try await request.body.collect(upTo: Self.largestRemittance)
        guard body.readableBytes > 0 else {
            throw ProblemDetails(.badRequest, "the body is empty; send the 835 file", errors: [FieldError("body", "is empty")])
        }
        let read: ReadRemittanceFile
        do throws(RemittanceImportError) {
            read = try RemittancePosting.read(bytes: Array(buffer: body), name: name)
        } catch {
            let reason = switch error {
            case .unreadable(_, let x12): x12.description
            case .amountsTooLarge: "its amounts are too large to total"
            }
            throw ProblemDetails(.unprocessableContent, "the body is not a readable 835 file; nothing was posted",
                                 errors: [FieldError("body", reason)])
        }
        return try json(try await RemittancePosting(database: services.database, actor: actor).post(read))
    }

    private func account(_ context: PortalRequestContext) async throws -> Account {
        guard let number = context.parameters.get("number"), AccountNumber.isValid(number),
              let account = try await PracticeDirectory(database: services.database).account(number: number) else {
            throw ProblemDetails(.notFound, "no such account")
        }
        return account
    }

    private func balance(_ context: PortalRequestContext) async throws -> Response {
        let account = try await account(context)
        let summary = try await AccountBalances(database: services.database).summary(account: account.id)
        return try json(["accountNumber": AnyEncodable(account.accountNumber), "patientDueCents": AnyEncodable(summary.patientDue.cents),
                         "creditCents": AnyEncodable(summary.credit.cents), "insurancePendingCents": AnyEncodable(summary.insurancePending.cents),
                         "balanceCents": AnyEncodable(summary.balance.cents)])
    }

    private func ledger(_ context: PortalRequestContext) async throws -> Response {
        let account = try await account(context)
        let entries = try await AccountHistory(database: services.database).entries(account: account.id, limit: 5000)
        return try json(entries.reversed().map { entry in
            LedgerLine(id: entry.transactionID, kind: entry.kind.rawValue, source: entry.source.rawValue, actor: entry.actor,
                       effectiveDate: entry.effectiveDate.iso, postedAt: entry.postedAt, reference: entry.reference, reverses: entry.reverses,
                       postings: entry.postings)
        })
    }

    struct LedgerLine: Encodable {
        var id: Int64, kind: String, source: String, actor: String, effectiveDate: String, postedAt: String
        var reference: String?, reverses: Int64?, postings: [Posting]
    }

    /// Runs a ledger action, answering refusals as problem details (422, or 409 for a reused key).
    private func posting<T>(_ action: () async throws -> T) async throws -> T {
        do {
            return try await action()
        } catch let error as LedgerError {
            switch error {
            case .invalid(let failure): throw ProblemDetails(.unprocessableContent, "the request is not valid", errors: failure.errors)
            case .idempotencyKeyReused: throw ProblemDetails(.conflict, error.description)
            case .unknownPatient: throw ProblemDetails(.unprocessableContent, error.description, errors: [FieldError("patientId", "not on this account")])
            case .unknownLocation: throw ProblemDetails(.unprocessableContent, error.description, errors: [FieldError("locationId", "no such location")])
            case .claimNumberTaken: throw ProblemDetails(.conflict, error.description, errors: [FieldError("claimNumber", "is already used")])
            default: throw ProblemDetails(.unprocessableContent, error.description)
            }
        }
    }

    private func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, replayed: Bool = false) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if replayed { headers[.idempotentReplayed] = "true" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.canonicalEncoder.encode(value))))
    }
}

/// Lets one dictionary hold strings and numbers for a small JSON answer.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
