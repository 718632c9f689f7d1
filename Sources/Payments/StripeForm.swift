/// A Stripe request body or query: `application/x-www-form-urlencoded` pairs, nested objects written as
/// `metadata[key]` and lists as `expand[0]`, in the order they were added.
struct StripeForm: Sendable {
    private(set) var pairs: [(String, String)] = []

    var isEmpty: Bool { pairs.isEmpty }

    mutating func add(_ key: String, _ value: String?) {
        if let value { pairs.append((key, value)) }
    }

    mutating func add(_ key: String, _ value: Int64) { pairs.append((key, String(value))) }

    mutating func add(_ key: String, object fields: [(String, String)]) {
        for (name, value) in fields { pairs.append(("\(key)[\(name)]", value)) }
    }

    mutating func add(_ key: String, list values: [String]) {
        for (index, value) in values.enumerated() { pairs.append(("\(key)[\(index)]", value)) }
    }

    var encoded: String {
        pairs.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters, brackets and spaces included:
    /// every form decoder reads that back unchanged.
    static func escape(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
