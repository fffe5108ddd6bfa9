// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "AlChain",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alchain", targets: ["alchain"]),
        .library(name: "AlChainSolver", targets: ["AlChainSolver"]),
        .library(name: "AlChainModeling", targets: ["AlChainModeling"]),
        .library(name: "AlChainPlanning", targets: ["AlChainPlanning"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        // GLPK's C API; Debian's libglpk-dev ships no pkg-config file, hence a plain [system] module.
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK", providers: [.apt(["libglpk-dev"])]),
        .target(name: "AlChainSolver", dependencies: ["CGLPK"]),
        .target(name: "AlChainModeling", dependencies: ["AlChainSolver"]),
        .target(name: "AlChainIO", dependencies: ["TOMLKit"]),
        .target(
            name: "AlChainPlanning",
            dependencies: ["AlChainModeling", "AlChainIO", .product(name: "Crypto", package: "swift-crypto")]),
        // The decision report (HTML with SVG charts, XLSX) read from a run folder's CSV files; no GLPK.
        .target(name: "AlChainReport", dependencies: ["AlChainIO", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // `alchain serve`: the what-if explorer (HTTP API + one page) over AlChainPlanning and AlChainReport.
        .target(
            name: "AlChainServer",
            dependencies: ["AlChainPlanning", "AlChainIO", "AlChainReport", .product(name: "Hummingbird", package: "hummingbird")]),
        .executableTarget(
            name: "alchain",
            dependencies: ["AlChainPlanning", "AlChainModeling", "AlChainIO", "AlChainReport", "AlChainServer", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "alchain-bench", dependencies: ["AlChainModeling", "AlChainSolver", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "AlChainSolverTests", dependencies: ["AlChainSolver", "AlChainTestSupport"]),
        .testTarget(name: "AlChainModelingTests", dependencies: ["AlChainModeling"]),
        // The CSV and TOML readers, alone.
        .testTarget(name: "AlChainIOTests", dependencies: ["AlChainIO"]),
        // Fixtures/ holds a tiny Models/ + Inputs/ data set read from disk by the tests, not built.
        .testTarget(name: "AlChainPlanningTests", dependencies: ["AlChainPlanning"], exclude: ["Fixtures"]),
        // What every test target may share: running the built binary, temporary folders, the shared LP problems.
        .target(name: "AlChainTestSupport", dependencies: ["AlChainSolver"], path: "Tests/AlChainTestSupport"),
        .testTarget(name: "AlChainCLITests", dependencies: ["AlChainSolver", "AlChainTestSupport", "alchain"]),
        .testTarget(name: "AlChainServerTests", dependencies: ["AlChainServer", "AlChainPlanning"]),
        // Golden/ holds the tiny plan's report as recorded; the tests solve the tiny fixture of AlChainPlanningTests.
        .testTarget(name: "AlChainReportTests", dependencies: ["AlChainReport", "AlChainPlanning", "AlChainIO", .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
