// swift-tools-version:6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode (strict concurrency) and no implicit
/// `public` leaks: `package` for cross-module internals.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Jibang",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jibang", targets: ["jibang"]),
        .executable(name: "jibang-bench", targets: ["jibang-bench"]),
        .executable(name: "jibang-install", targets: ["jibang-install"]),
        .library(name: "JibangBase", targets: ["JibangBase"]),
        .library(name: "JibangCore", targets: ["JibangCore"]),
        .library(name: "JibangStore", targets: ["JibangStore"]),
        .library(name: "JibangAnalytics", targets: ["JibangAnalytics"]),
        .library(name: "JibangCharts", targets: ["JibangCharts"]),
        .library(name: "JibangEvidence", targets: ["JibangEvidence"]),
        .library(name: "JibangServer", targets: ["JibangServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // Bundled data, the OpenAPI document and attribution files are compiled in as string
        // literals (EmbedResources), so an installed binary needs nothing beside it.
        .executableTarget(name: "jibang-embed", swiftSettings: strict),
        .plugin(name: "EmbedResources", capability: .buildTool(), dependencies: ["jibang-embed"]),
        .plugin(name: "BuildInfo", capability: .buildTool(), dependencies: ["jibang-embed"]),
        // Every module a target imports is declared here (MemberImportVisibility makes a missing one an error).
        .target(name: "KoreanText", swiftSettings: strict),
        .target(
            name: "JibangBase", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict, plugins: ["BuildInfo"]),
        .target(name: "JibangCSV", swiftSettings: strict),
        .target(
            name: "JibangCore",
            dependencies: ["JibangBase", "KoreanText", "JibangCSV"],
            exclude: ["Resources"],
            swiftSettings: strict,
            plugins: ["EmbedResources"]
        ),
        // The indexing and query loops touch class-held buffers per syllable; in release the
        // dynamic exclusivity checks on those accesses cost ~20 % of an ingest (debug builds,
        // which run the tests, keep checking).
        .target(
            name: "JibangCorpus",
            dependencies: [
                "JibangBase", "KoreanText", "JibangCSV", .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict + [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(
            name: "JibangAnalytics",
            dependencies: ["JibangBase", "JibangCorpus", "KoreanText", "JibangCSV"],
            exclude: ["Resources"],
            swiftSettings: strict,
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "JibangEvidence", dependencies: ["JibangBase", "JibangCore", "JibangCorpus", "KoreanText", "JibangCSV"], swiftSettings: strict),
        .target(
            name: "JibangCharts", dependencies: ["JibangBase", "JibangCore", "JibangAnalytics", "JibangCorpus", "JibangCSV"], swiftSettings: strict),
        .target(
            name: "JibangStore",
            dependencies: [
                "JibangBase", "JibangCore", "JibangCorpus", "KoreanText",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The team store: the record in PostgreSQL (issue 21).
        .target(
            name: "JibangPostgres",
            dependencies: [
                "JibangBase", "JibangCore", "JibangCorpus", "JibangStore", "KoreanText",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "JibangServer",
            dependencies: [
                "JibangPostgres",
                "JibangBase", "JibangCore", "JibangStore", "JibangCorpus", "JibangAnalytics", "JibangCharts", "JibangEvidence", "JibangCSV",
                "KoreanText",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            exclude: ["Resources"],
            swiftSettings: strict,
            plugins: ["EmbedResources"]
        ),
        .target(
            name: "JibangCLI",
            dependencies: [
                "JibangBase", "JibangCore", "JibangStore", "JibangCSV", "JibangCorpus", "JibangAnalytics", "JibangCharts", "JibangEvidence",
                "JibangServer", "JibangPostgres", "KoreanText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "jibang", dependencies: ["JibangCLI"], swiftSettings: strict),
        .executableTarget(
            name: "jibang-bench",
            dependencies: [
                "JibangBase", "JibangCore", "JibangCorpus", "JibangStore", "JibangEvidence", "JibangCSV", "KoreanText",
                "JibangPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(name: "JibangInstall", swiftSettings: strict),
        .executableTarget(
            name: "jibang-install",
            dependencies: ["JibangInstall", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        .target(
            name: "JibangTestSupport",
            dependencies: [
                "JibangBase", "JibangCore", "JibangStore", "JibangCorpus", "JibangPostgres", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/JibangTestSupport",
            resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "KoreanTextTests", dependencies: ["KoreanText"], swiftSettings: strict),
        .testTarget(
            name: "JibangBaseTests",
            dependencies: ["JibangBase", "JibangCore", "JibangCorpus", "JibangAnalytics", "JibangEvidence", "JibangStore", "JibangTestSupport"],
            swiftSettings: strict
        ),
        .testTarget(name: "JibangInstallTests", dependencies: ["JibangInstall"], swiftSettings: strict),
        .testTarget(name: "JibangCSVTests", dependencies: ["JibangCSV"], swiftSettings: strict),
        .testTarget(name: "JibangCoreTests", dependencies: ["JibangBase", "JibangCore", "JibangCSV", "JibangTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "JibangCorpusTests", dependencies: ["JibangBase", "JibangCorpus", "KoreanText", "JibangTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "JibangAnalyticsTests", dependencies: ["JibangBase", "JibangAnalytics", "JibangCorpus", "JibangTestSupport"],
            swiftSettings: strict),
        .testTarget(name: "JibangChartsTests", dependencies: ["JibangCharts", "JibangAnalytics"], exclude: ["Golden"], swiftSettings: strict),
        .testTarget(
            name: "JibangEvidenceTests", dependencies: ["JibangBase", "JibangEvidence", "JibangCore", "JibangCorpus", "JibangTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "JibangStoreTests",
            dependencies: [
                "JibangBase", "JibangStore", "JibangCore", "JibangCorpus", "JibangEvidence", "KoreanText", "JibangTestSupport", "JibangPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JibangServerTests",
            dependencies: [
                "JibangServer", "JibangCLI", "JibangCore", "JibangCorpus", "JibangEvidence", "JibangStore", "KoreanText", "JibangTestSupport",
                "JibangPostgres",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "JibangCLITests",
            dependencies: [
                "JibangCLI", "JibangBase", "JibangCore", "JibangTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
    ]
)
