import Foundation

/// A CSV file written row by row (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
/// break). Text that a spreadsheet would run as a formula gets a leading apostrophe: a manifest is data, and a
/// patient named "=HYPERLINK(...)" must not become a link on the mail house's screen.
final class CSVFile {
    let path: String
    private let handle: FileHandle
    private var isOpen = true

    init(path: String, header: [String]) throws(StatementPrintingError) {
        self.path = path
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw .cannotWrite(path: path, reason: "cannot create the file") }
        self.handle = handle
        try write(header)
    }

    deinit { if isOpen { try? handle.close() } }

    /// `text` cells are neutralised against formulas; the others (numbers we formatted) are written as they are.
    func write(_ cells: [String], textColumns: Set<Int> = []) throws(StatementPrintingError) {
        let line = cells.enumerated().map { index, cell in
            Self.quoted(textColumns.contains(index) ? Self.neutralised(cell) : cell)
        }.joined(separator: ",") + "\r\n"
        do {
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    func close() throws(StatementPrintingError) {
        isOpen = false
        do { try handle.close() } catch { throw .cannotWrite(path: path, reason: "\(error)") }
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return cell }
        return "'" + cell
    }
}
