import Foundation

/// A received message read back the way a mail reader would: unfolded headers, and the parts of a multipart body with
/// their content decoded (base64 or 7bit). Enough of RFC 5322 and 2045/2046 to check what the portal sends, not more.
public struct ParsedMail: Sendable {
    public struct Part: Sendable {
        public let headers: [String: String]  // names lower-cased
        public let content: [UInt8]
    }

    public let headers: [String: String]
    public let headerLines: [String]
    public let parts: [Part]

    public init(_ message: String) throws {
        guard let split = message.range(of: "\r\n\r\n") else { throw ParseError("no blank line after the headers") }
        headerLines = Self.unfolded(String(message[..<split.lowerBound]))
        headers = try Self.headers(headerLines)
        let body = String(message[split.upperBound...])
        guard let type = headers["content-type"], type.hasPrefix("multipart/mixed"),
              let boundary = Self.parameter("boundary", in: type) else { throw ParseError("not multipart/mixed with a boundary") }
        let sections = body.components(separatedBy: "\r\n--\(boundary)")
        guard sections.count >= 2, sections.last?.hasPrefix("--") == true else { throw ParseError("no closing boundary") }
        parts = try sections.dropFirst().dropLast().map { section in
            guard let end = section.range(of: "\r\n\r\n") else { throw ParseError("a part has no blank line after its headers") }
            var head = String(section[..<end.lowerBound])
            if head.hasPrefix("\r\n") { head.removeFirst() }  // the line end after the boundary: one Character in Swift
            let headers = try Self.headers(Self.unfolded(head))
            let text = String(section[end.upperBound...])
            switch headers["content-transfer-encoding"]?.lowercased() {
            case "base64":
                guard let data = Data(base64Encoded: text.replacingOccurrences(of: "\r\n", with: "")) else { throw ParseError("bad base64") }
                return Part(headers: headers, content: Array(data))
            case "7bit", nil: return Part(headers: headers, content: Array(text.utf8))
            case let other?: throw ParseError("unexpected transfer encoding \(other)")
            }
        }
    }

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    private static func unfolded(_ block: String) -> [String] {
        var lines: [String] = []
        for line in block.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !lines.isEmpty { lines[lines.count - 1] += line } else { lines.append(line) }
        }
        return lines
    }

    private static func headers(_ lines: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw ParseError("'\(line.prefix(30))' is not a header") }
            let name = line[..<colon].lowercased()
            guard result[name] == nil else { throw ParseError("header \(name) twice") }
            result[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    public static func parameter(_ name: String, in value: String) -> String? {
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.trimmingCharacters(in: .whitespaces)
            guard pair.lowercased().hasPrefix(name + "=") else { continue }
            return String(pair.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// RFC 2047 "B" encoded words decoded; plain text as it is.
    public static func decodedWords(_ value: String) -> String {
        guard value.hasPrefix("=?") else { return value }
        return value.components(separatedBy: " ").compactMap { word -> String? in
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }.joined()
    }
}
