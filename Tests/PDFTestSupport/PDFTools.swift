import Foundation

/// Runs the independent PDF tools (poppler, qpdf, zbar) that check what Printing and StatementPrinting wrote. A missing tool is a
/// failure that names the Debian package to install, never a skipped test.
public enum PDFTool {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    public struct Output: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    private static let packages = [
        "qpdf": "qpdf", "pdffonts": "poppler-utils", "pdftotext": "poppler-utils", "pdfinfo": "poppler-utils",
        "pdftoppm": "poppler-utils", "pdfimages": "poppler-utils", "zbarimg": "zbar-tools",
    ]

    /// Runs `tool` and returns its output whatever the exit status; bounded by `timeout` seconds.
    public static func run(_ tool: String, _ arguments: [String], timeout: Double = 60) throws -> Output {
        let path = try locate(tool)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Files rather than pipes: a tool that fills a pipe we are not reading would block forever.
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        guard FileManager.default.createFile(atPath: outURL.path, contents: nil),
              FileManager.default.createFile(atPath: errURL.path, contents: nil)
        else { throw Failure(description: "cannot create output files in \(scratch.path)") }
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) ran over \(timeout) s")
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        return Output(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs `tool` and fails unless it exits with status 0.
    public static func succeed(_ tool: String, _ arguments: [String]) throws -> String {
        let output = try run(tool, arguments)
        guard output.status == 0 else {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) exited \(output.status): "
                + output.stderr + output.stdout)
        }
        return output.stdout
    }

    private static func locate(_ tool: String) throws -> String {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin", "/bin"]
        for directory in directories {
            let candidate = directory + "/" + tool
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "\(tool) is not installed: apt-get install -y \(packages[tool] ?? tool)")
    }
}

/// A word from `pdftotext -bbox`, in points from the page's top-left corner.
public struct WordBox: Equatable, Sendable {
    public let page: Int
    public let text: String
    public let xMin: Double, yMin: Double, xMax: Double, yMax: Double
}

extension PDFTool {
    public static func words(in pdf: String) throws -> [WordBox] {
        let html = try succeed("pdftotext", ["-bbox", pdf, "-"])
        let wordPattern = /<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)<\/word>/
        var boxes: [WordBox] = []
        for (index, page) in html.components(separatedBy: "<page ").dropFirst().enumerated() {
            for match in page.matches(of: wordPattern) {
                boxes.append(WordBox(page: index + 1, text: unescape(String(match.5)),
                                     xMin: Double(match.1)!, yMin: Double(match.2)!,
                                     xMax: Double(match.3)!, yMax: Double(match.4)!))
            }
        }
        return boxes
    }

    /// `pdftotext -layout` of one page (1-based) or of the whole document.
    public static func text(of pdf: String, page: Int? = nil) throws -> String {
        let range = page.map { ["-f", "\($0)", "-l", "\($0)"] } ?? []
        return try succeed("pdftotext", ["-layout"] + range + [pdf, "-"])
    }

    public static func info(_ pdf: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try succeed("pdfinfo", [pdf]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    /// One page rendered in grey at `dpi`; pixel (0, 0) is the page's top-left corner.
    public static func grayImage(of pdf: String, page: Int = 1, dpi: Int = 72) throws -> GrayImage {
        let prefix = pdf + "-p\(page)-\(dpi)"
        _ = try succeed("pdftoppm", ["-r", "\(dpi)", "-gray", "-f", "\(page)", "-l", "\(page)", "-singlefile",
                                     pdf, prefix])
        return try GrayImage(pgm: Data(contentsOf: URL(fileURLWithPath: prefix + ".pgm")))
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A binary PGM (P5, 8-bit) as written by `pdftoppm -gray`.
public struct GrayImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(pgm: Data) throws {
        let bytes = [UInt8](pgm)
        var fields: [Int] = []
        var index = 2
        guard bytes.starts(with: Array("P5".utf8)) else { throw PDFTool.Failure(description: "not a P5 PGM") }
        while fields.count < 3, index < bytes.count {
            while index < bytes.count, bytes[index] == 32 || bytes[index] == 10 || bytes[index] == 13 { index += 1 }
            var value = 0
            while index < bytes.count, (48...57).contains(bytes[index]) {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
            }
            fields.append(value)
        }
        guard fields.count == 3, fields[2] == 255 else { throw PDFTool.Failure(description: "unexpected PGM header") }
        width = fields[0]
        height = fields[1]
        pixels = Array(bytes[(index + 1)...])
        guard pixels.count == width * height else { throw PDFTool.Failure(description: "short PGM data") }
    }

    /// The grey level (0 black ... 255 white) at a point given in page points, for an image rendered at `dpi`.
    public func level(atPoint x: Double, _ y: Double, dpi: Int = 72) -> UInt8 {
        let scale = Double(dpi) / 72
        return pixels[Int(y * scale) * width + Int(x * scale)]
    }
}

/// A temporary folder for one test's PDFs, removed when the test ends.
public struct Scratch: ~Copyable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("printing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}
