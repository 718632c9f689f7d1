// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Clearbill",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "clearbill", targets: ["clearbill"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
    ],
    targets: [
        // System-library shims: a module map and a header, nothing else.
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", path: "Sources/CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CQREncode", path: "Sources/CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        // Pure domain: money, ledger rules, allocation, aging, plain-language codes. Foundation only.
        .target(name: "BillingCore"),
        // Swift face of OpenSSL libcrypto (named so because swift-crypto, pulled in by Hummingbird, owns "Crypto"): digests, HMAC, random bytes, password hashes.
        .target(name: "ClearbillCrypto", dependencies: ["COpenSSL"]),
        // GRDB: schema, migrations, queries and posting transactions. The only place with SQL.
        .target(name: "BillingStore", dependencies: [
            "BillingCore", "ClearbillCrypto", "X12",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Cairo PDF documents with Pango text: pages, text, rules, boxes, images, tables that break across pages, QR codes.
        .target(name: "Printing", dependencies: ["CCairo", "CPango", "CQREncode"]),
        // X12 835 reader: streaming segments, remittance values, envelope control checks, balancing. Foundation only.
        .target(name: "X12"),
        // Card payments through a Stripe-compatible gateway: the gateway protocol, its HTTP adapter, webhook checks.
        .target(name: "Payments", dependencies: [
            "ClearbillCrypto",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        // Email to the practice's own relay: a plain-SMTP client over swift-nio and a MIME message builder.
        .target(name: "Mail", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ]),
        // The statement PDF (page 1 for a #10 double-window envelope, remittance coupon, detail pages) and the
        // mail-house batch: combined PDF, manifest, exceptions and summary.
        .target(name: "StatementPrinting", dependencies: ["Printing", "BillingCore", "BillingStore", "ClearbillCrypto"]),
        // A believable practice for the demo, the browser tests and the benchmarks.
        .target(name: "DemoPractice", dependencies: ["BillingCore", "BillingStore"]),
        // The Hummingbird application.
        .target(name: "Portal", dependencies: [
            "BillingCore", "BillingStore", "ClearbillCrypto", "Mail", "Payments", "StatementPrinting", "Printing", "X12",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        .executableTarget(name: "clearbill", dependencies: [
            "BillingCore", "BillingStore", "Portal", "DemoPractice", "ClearbillCrypto", "Mail", "Payments", "StatementPrinting", "X12",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .testTarget(name: "BillingCoreTests", dependencies: ["BillingCore"]),
        // Damages X12 files the ways they get damaged, for the reader's and the importer's fuzz tests.
        .target(name: "FuzzSupport", dependencies: ["BillingCore"], path: "Tests/FuzzSupport"),
        .testTarget(name: "X12Tests", dependencies: ["X12", "BillingCore", "FuzzSupport"]),
        // Test support shared by the payment and portal tests: a localstripe started on 127.0.0.1, a loopback listener.
        .target(name: "GatewayTestSupport", dependencies: [
            "Payments",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ], path: "Tests/GatewayTestSupport"),
        // A loopback SMTP server on 127.0.0.1 that records the conversation and can answer with failures or not at all.
        .target(name: "MailTestSupport", dependencies: [
            "Mail",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        ], path: "Tests/MailTestSupport"),
        .testTarget(name: "MailTests", dependencies: ["Mail", "MailTestSupport"]),
        .testTarget(name: "PaymentsTests", dependencies: [
            "Payments", "ClearbillCrypto", "GatewayTestSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        // Runs qpdf, poppler and zbar on written PDFs for the printing tests; a missing tool names its apt package.
        .target(name: "PDFTestSupport", path: "Tests/PDFTestSupport"),
        .testTarget(name: "PrintingTests", dependencies: ["Printing", "PDFTestSupport"]),
        .testTarget(name: "StatementPrintingTests", dependencies: [
            "StatementPrinting", "Printing", "BillingCore", "BillingStore", "DemoPractice", "PDFTestSupport",
        ]),
        .testTarget(name: "ClearbillCryptoTests", dependencies: ["ClearbillCrypto"]),
        .testTarget(name: "BillingStoreTests", dependencies: ["BillingStore", "BillingCore", "DemoPractice", "ClearbillCrypto", "X12", "FuzzSupport"]),
        .testTarget(name: "PortalTests", dependencies: [
            "Portal", "BillingStore", "BillingCore", "DemoPractice", "Mail", "MailTestSupport", "Payments", "ClearbillCrypto", "GatewayTestSupport", "X12",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
