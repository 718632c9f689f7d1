import Foundation

/// Reads the batch's CSV files back (RFC 4180: quoted fields, doubled quotes, CRLF), independently of the writer.
enum CSVReading {
    static func rows(_ path: String) throws -> [[String: String]] {
        let records = parse(try String(contentsOfFile: path, encoding: .utf8))
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, chars = Array(text), index = 0
        while index < chars.count {
            let char = chars[index]
            if quoted {
                if char == "\"", index + 1 < chars.count, chars[index + 1] == "\"" { field.append("\""); index += 1 }
                else if char == "\"" { quoted = false }
                else { field.append(char) }
            } else if char == "\"" {
                quoted = true
            } else if char == "," {
                record.append(field); field = ""
            } else if char == "\r\n" || char == "\n" {
                record.append(field); records.append(record); record = []; field = ""
            } else {
                field.append(char)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
