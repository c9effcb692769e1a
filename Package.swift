// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Stocktake",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stocktake", targets: ["stocktake"]),
        .executable(name: "stocktake-bench", targets: ["stocktake-bench"]),
        .library(name: "StocktakeKit", targets: ["StocktakeKit"]),
        .library(name: "Simulator", targets: ["Simulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // Test only: a real RFC 4180 parser to read back what `--format csv` writes.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // Test only: generated inputs for the JSON parser's differential test against Foundation.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(
            name: "StocktakeKit",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            plugins: ["EmbedQueries"]
        ),
        // Build-time only: queries/*.sql into the engine (`BundledQueries`).
        .executableTarget(name: "QueryEmbedder"),
        .plugin(name: "EmbedQueries", capability: .buildTool(), dependencies: ["QueryEmbedder"]),
        .target(
            name: "Simulator",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Reliability",
            dependencies: [
                "StocktakeKit", "Simulator",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "StocktakeCLI",
            dependencies: [
                "StocktakeKit",
                "Simulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "stocktake",
            dependencies: ["StocktakeCLI"]
        ),
        .executableTarget(
            name: "stocktake-bench",
            dependencies: [
                "StocktakeKit", "Simulator", "Reliability",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/stocktake-bench"
        ),
        .testTarget(
            name: "StocktakeKitTests",
            dependencies: [
                "StocktakeKit", "Simulator", "Reliability",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "Simulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        .testTarget(
            name: "StocktakeCLITests",
            dependencies: [
                "StocktakeCLI", "StocktakeKit", "Simulator", "Reliability", "stocktake",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
