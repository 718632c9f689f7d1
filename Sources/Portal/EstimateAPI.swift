import BillingCore
import BillingStore
import Foundation
import Hummingbird

/// `GET /api/v1/catalog` (public, cacheable: prices are not PHI) and `POST /api/v1/quotes` (staff or API key): the
/// priced quote as JSON, amounts in cents, errors as problem details naming the field.
struct EstimateAPI: Sendable {
    let services: PortalServices

    struct CatalogAnswer: Encodable {
        var date: String
        var items: [Item]
        struct Item: Encodable {
            var id: String, code: String, name: String, category: String, unit: String, unitPriceCents: Int64
            var includedQuantity: Int?
            var areas: [Area]
        }
        struct Area: Encodable { var id: String, name: String, typicalQuantity: Int, typicalPriceCents: Int64 }
    }

    struct QuoteBody: Decodable {
        var items: [QuoteRequest.Item]
        var discount: DiscountBody?
        var date: String?
        struct DiscountBody: Decodable { var amountCents: Int64?; var percent: Int?; var reason: String }
    }

    struct QuoteAnswer: Encodable {
        var pricedOn: String
        var lines: [Line]
        var subtotalCents: Int64, discountCents: Int64, totalCents: Int64
        var discountReason: String?
        struct Line: Encodable {
            var item: String, code: String, description: String, unit: String, quantity: Int, billedUnits: Int
            var unitPriceCents: Int64, amountCents: Int64
        }
    }

    private var today: CalendarDate { CalendarDate(services.database.clock(), in: .current) }

    func catalog() async throws -> Response {
        let date = today
        let priced = try await PriceCatalogStore(database: services.database).catalog().priced(on: date)
        let answer = CatalogAnswer(date: date.iso, items: priced.map { item, price in
            .init(id: item.id, code: item.code, name: item.name, category: item.category.rawValue, unit: item.unit.rawValue,
                  unitPriceCents: price.cents, includedQuantity: item.includedQuantity,
                  areas: item.areas.map { .init(id: $0.id, name: $0.name, typicalQuantity: $0.typicalQuantity,
                                                typicalPriceCents: price.cents * Int64(item.unit.billedUnits(forQuantity: $0.typicalQuantity))) })
        })
        // Prices change by effective date, at most once a day: five minutes of caching anywhere is harmless.
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "public, max-age=300"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.canonicalEncoder.encode(answer))))
    }

    func quote(_ request: Request, _ context: PortalRequestContext) async throws -> Response {
        guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
            throw ProblemDetails(.unsupportedMediaType, "send the quote request as application/json",
                                 errors: [FieldError("Content-Type", "must be application/json")])
        }
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body: QuoteBody
        do { body = try JSONDecoder().decode(QuoteBody.self, from: Data(buffer: buffer)) } catch let error as DecodingError {
            throw ProblemDetails(.badRequest, "the body could not be read", errors: [error.fieldError])
        } catch {
            throw ProblemDetails(.badRequest, "the body is not JSON", errors: [FieldError("body", "is not JSON")])
        }
        var date = today
        if let text = body.date {
            guard let parsed = CalendarDate(iso: text) else {
                throw ProblemDetails(.unprocessableContent, "the quote is not valid", errors: [FieldError("date", "must be a date, YYYY-MM-DD")])
            }
            date = parsed
        }
        if let cents = body.discount?.amountCents, cents.magnitude > UInt64(Money.largestEntry.cents) {
            throw ProblemDetails(.unprocessableContent, "the quote is not valid", errors: [FieldError("discount.amountCents", "is out of range")])
        }
        let discount = body.discount.map { QuoteRequest.Discount(amount: $0.amountCents.map(Money.init(cents:)), percent: $0.percent, reason: $0.reason) }
        let catalog = try await PriceCatalogStore(database: services.database).catalog()
        let quote: Quote
        do throws(ValidationFailure) {
            quote = try Quote.price(QuoteRequest(items: body.items, discount: discount), catalog: catalog, on: date)
        } catch {
            throw ProblemDetails(.unprocessableContent, "the quote is not valid",
                                 errors: error.errors.map { FieldError($0.field.replacingOccurrences(of: "discount.amount", with: "discount.amountCents"), $0.reason) })
        }
        let answer = QuoteAnswer(
            pricedOn: quote.pricedOn.iso,
            lines: quote.lines.map { .init(item: $0.item, code: $0.code, description: $0.description, unit: $0.unit.rawValue, quantity: $0.quantity,
                                           billedUnits: $0.billedUnits, unitPriceCents: $0.unitPrice.cents, amountCents: $0.amount.cents) },
            subtotalCents: quote.subtotal.cents, discountCents: quote.discount.cents, totalCents: quote.total.cents,
            discountReason: quote.discountReason)
        return Response(status: .ok, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try JSONCoding.canonicalEncoder.encode(answer))))
    }
}
