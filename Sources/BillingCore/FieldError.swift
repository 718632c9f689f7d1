/// One thing wrong with an input, named by where it is ("lines[2].modifiers[0]") and why, so that a form can point at
/// the field and an API can answer with problem details.
public struct FieldError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Several field errors at once: all that is wrong, not just the first thing.
public struct ValidationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
