import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Payments
import Testing

/// A localstripe server started for this test process, on a free 127.0.0.1 port.
///
/// The `localstripe` command is looked up at `$LOCALSTRIPE_BIN`, then at `<repository>/.venv/bin/localstripe`.
/// It is run through `scripts/localstripe-loopback.py` with the interpreter from its `#!` line: that script
/// binds 127.0.0.1 only, keeps localstripe's state in memory, honours `Idempotency-Key` as Stripe does and
/// exits if this process dies.
public struct LocalStripe: Sendable {
    @TaskLocal public static var current: LocalStripe?

    public static let secretKey = "sk_test_clearbill_tests"
    public static let publishableKey = "pk_test_clearbill_tests"
    public static let installHint = "run scripts/test (it makes .venv and installs localstripe), "
        + "or set LOCALSTRIPE_BIN to a localstripe command"

    public let baseURL: String
    private let process: Process
    private let workDirectory: URL

    public var configuration: StripeConfiguration {
        StripeConfiguration(apiBaseURL: baseURL, secretKey: Self.secretKey, publishableKey: Self.publishableKey)
    }

    /// A gateway on the process-wide shared HTTP client, which needs no shutdown.
    public func gateway() -> StripeGateway { StripeGateway(configuration: configuration, httpClient: .shared) }

    public static func start() async throws -> LocalStripe {
        let root = try repositoryRoot()
        let command = try localstripeCommand(root: root)
        let script = root.appendingPathComponent("scripts/localstripe-loopback.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw LocalStripeError("missing \(script.path), which starts localstripe on 127.0.0.1")
        }
        let interpreter = try interpreterLine(of: command)

        let workDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clearbill-localstripe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let portFile = workDirectory.appendingPathComponent("port.json")
        let logFile = workDirectory.appendingPathComponent("localstripe.log")
        guard FileManager.default.createFile(atPath: logFile.path, contents: nil) else {
            throw LocalStripeError("cannot create \(logFile.path)")
        }
        let log = try FileHandle(forWritingTo: logFile)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter[0])
        process.arguments = Array(interpreter.dropFirst())
            + [script.path, "--port-file", portFile.path, "--parent-pid", String(getpid())]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = log
        process.standardError = log
        do {
            try process.run()
        } catch {
            throw LocalStripeError("cannot run \(interpreter.joined(separator: " ")): \(error); \(installHint)")
        }

        var server: LocalStripe?
        do {
            let port = try await waitForPortFile(portFile, process: process, log: logFile)
            let started = LocalStripe(baseURL: "http://127.0.0.1:\(port)", process: process, workDirectory: workDirectory)
            server = started
            try await started.waitUntilAnswering(log: logFile)
            return started
        } catch {
            if let server { server.stop() } else { stop(process, workDirectory: workDirectory) }
            throw error
        }
    }

    /// Stops the server (SIGTERM, then SIGKILL after 5 s) and removes its work directory.
    public func stop() { Self.stop(process, workDirectory: workDirectory) }

    private static func stop(_ process: Process, workDirectory: URL) {
        if process.isRunning {
            process.terminate()
            for _ in 0..<50 where process.isRunning { usleep(100_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: workDirectory)
    }

    private static func repositoryRoot(from file: String = #filePath) throws -> URL {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        for _ in 0..<32 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            let parent = directory.deletingLastPathComponent()
            if parent.path == directory.path { break }
            directory = parent
        }
        throw LocalStripeError("no Package.swift above \(file)")
    }

    private static func localstripeCommand(root: URL) throws -> String {
        if let configured = ProcessInfo.processInfo.environment["LOCALSTRIPE_BIN"], !configured.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: configured) else {
                throw LocalStripeError("LOCALSTRIPE_BIN=\(configured) is not an executable file; \(installHint)")
            }
            return configured
        }
        let inVenv = root.appendingPathComponent(".venv/bin/localstripe").path
        guard FileManager.default.isExecutableFile(atPath: inVenv) else {
            throw LocalStripeError("localstripe not found at \(inVenv) and LOCALSTRIPE_BIN is not set; \(installHint)")
        }
        return inVenv
    }

    /// The `#!` line of the `localstripe` script: its Python, which can import localstripe.
    private static func interpreterLine(of command: String) throws -> [String] {
        guard let handle = FileHandle(forReadingAtPath: command) else {
            throw LocalStripeError("cannot read \(command)")
        }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 512), as: UTF8.self)
        guard head.hasPrefix("#!"), let line = head.dropFirst(2).split(separator: "\n").first else {
            throw LocalStripeError("\(command) has no #! line naming its Python; \(installHint)")
        }
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { throw LocalStripeError("\(command) has an empty #! line") }
        return words
    }

    private static func waitForPortFile(_ file: URL, process: Process, log: URL) async throws -> Int {
        for _ in 0..<150 {
            if let data = FileManager.default.contents(atPath: file.path),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
               let port = object["port"] as? Int {
                return port
            }
            guard process.isRunning else {
                throw LocalStripeError("localstripe exited (status \(process.terminationStatus)) before listening:\n"
                                       + tail(of: log) + "\n" + installHint)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LocalStripeError("localstripe did not start listening within 15 s:\n" + tail(of: log))
    }

    private func waitUntilAnswering(log: URL) async throws {
        var request = HTTPClientRequest(url: baseURL + "/v1/customers?limit=1")
        request.headers.add(name: "Authorization", value: "Bearer \(Self.secretKey)")
        var lastError = "no answer"
        for _ in 0..<50 {
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(2))
                _ = try await response.body.collect(upTo: 1 << 20)
                if response.status == .ok { return }
                lastError = "HTTP \(response.status.code)"
            } catch {
                lastError = String(describing: error)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LocalStripeError("localstripe at \(baseURL) does not answer (\(lastError)):\n" + Self.tail(of: log))
    }

    private static func tail(of log: URL) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(20).joined(separator: "\n")
    }

    // MARK: What the patient's browser (Stripe.js) does, which Clearbill's server never does.

    /// Confirms a SetupIntent the way Stripe.js does: with the publishable key and the client secret.
    /// `paymentMethod` is one of Stripe's test tokens (`pm_card_visa`...), so no card number is involved.
    public func confirmSetupIntentInBrowser(_ intent: SetupIntent, paymentMethod: String) async throws -> Int {
        guard let secret = intent.clientSecret else { throw LocalStripeError("setup intent \(intent.id) has no client secret") }
        return try await post(path: "/v1/setup_intents/\(intent.id)/confirm",
                              form: "key=\(Self.publishableKey)&client_secret=\(secret)&payment_method=\(paymentMethod)",
                              authorized: false)
    }

    /// Turns a test card into a card id the way the payment page's Stripe.js stand-in does (`createToken`): a POST
    /// to the gateway with the publishable key only. The number goes to the gateway, never to Clearbill; only the
    /// returned `card_…` id is what the page posts. Throws with the gateway's answer when it refuses the card.
    public func cardIDFromBrowser(number: String, expMonth: Int = 12, expYear: Int = 2034, cvc: String = "123") async throws -> String {
        let form = "card[number]=\(number)&card[exp_month]=\(expMonth)&card[exp_year]=\(expYear)&card[cvc]=\(cvc)"
            + "&key=\(Self.publishableKey)&payment_user_agent=localstripe"
        let (status, body) = try await send(.POST, path: "/v1/tokens", form: form, authorized: false)
        guard status == 200, let token = try JSONSerialization.jsonObject(with: body) as? [String: Any],
              let card = token["card"] as? [String: Any], let id = card["id"] as? String else {
            throw LocalStripeError("localstripe refused the test card (HTTP \(status)): \(String(decoding: body, as: UTF8.self))")
        }
        return id
    }

    /// The gateway's own JSON for an object (`/v1/payment_intents/pi_…`), as a webhook event carries it in `data.object`.
    public func objectJSON(path: String) async throws -> Data {
        let (status, body) = try await send(.GET, path: path)
        guard status == 200 else { throw LocalStripeError("GET \(path): HTTP \(status)") }
        return body
    }

    /// Asks localstripe to deliver `events` to `url`, signed with `secret` (a localstripe-only endpoint).
    public func registerWebhook(id: String, url: String, secret: String, events: [String]) async throws -> Int {
        let body = try JSONSerialization.data(withJSONObject: ["url": url, "secret": secret, "events": events])
        return try await post(path: "/_config/webhooks/\(id)", json: body)
    }

    private func post(path: String, form: String? = nil, json: Data? = nil, authorized: Bool = true) async throws -> Int {
        try await send(.POST, path: path, form: form, json: json, authorized: authorized).status
    }

    private func send(_ method: HTTPMethod, path: String, form: String? = nil, json: Data? = nil,
                      authorized: Bool = true) async throws -> (status: Int, body: Data) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if authorized { request.headers.add(name: "Authorization", value: "Bearer \(Self.secretKey)") }
        if let form {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: form))
        } else if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(body.readableBytesView))
    }
}

public struct LocalStripeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Starts one localstripe around a whole suite and stops it afterwards, whether its tests pass or fail.
/// If it cannot start, the suite fails with the reason (never skips).
public struct LocalStripeScope: SuiteTrait, TestScoping {
    public var isRecursive: Bool { false }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let server = try await LocalStripe.start()
        do {
            try await LocalStripe.$current.withValue(server) { try await function() }
        } catch {
            server.stop()
            throw error
        }
        server.stop()
    }
}

extension Trait where Self == LocalStripeScope {
    public static var localStripe: Self { LocalStripeScope() }
}
