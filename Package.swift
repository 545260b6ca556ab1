// swift-tools-version: 6.0
// Ember: a machine-learning framework whose every tensor kernel runs through a run-time `Backend`.
// Read this file top to bottom to see the architecture: the kernel contract, the backends, the
// backend-agnostic core, the user-facing products, the tools and the tests.
import PackageDescription

// MARK: - Built-in backends (one row per backend; the catalog in code is `BuiltinBackends.swift`)
let backendTargets: [Target] = [
    .target(name: "EmberReference", dependencies: ["EmberBackend"], path: "Backends/Reference"),
    .target(name: "EmberSIMD", dependencies: ["EmberBackend", "CEmberSIMDKernels"], path: "Backends/SIMD"),
    // The simd backend's C kernels for AVX2 and AVX-512, chosen at run time (no compiler flags needed).
    .target(name: "CEmberSIMDKernels", path: "Backends/CEmberSIMDKernels"),
    .target(name: "EmberCBLAS", dependencies: ["EmberBackend", "EmberSIMD", "CEmberBLAS"], path: "Backends/CBLAS"),
]
let backendNames: [Target.Dependency] = ["EmberReference", "EmberSIMD", "EmberCBLAS"]

let package = Package(
    name: "Ember",
    // MARK: - Public products
    products: [
        .library(name: "Ember", targets: ["Ember"]),
        .library(name: "EmberConformance", targets: ["EmberConformance"]),
        // Data-parallel training on MPI; a separate product, so `import Ember` never needs MPI.
        .library(name: "EmberDistributed", targets: ["EmberDistributed"]),
        .executable(name: "ember", targets: ["ember"]),
        .executable(name: "linreg-tutorial", targets: ["LinearRegressionTutorial"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: backendTargets + [
        // MARK: - Kernel contract (what every backend implements)
        .target(name: "EmberBackend", dependencies: ["CEmberSupport", .product(name: "RealModule", package: "swift-numerics")]),
        .systemLibrary(name: "CEmberSupport"),
        // MARK: - C libraries (OpenBLAS, LAPACKE, Open MPI), found through pkg-config
        .systemLibrary(
            name: "CEmberBLAS", path: "Backends/CEmberBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        // Open MPI: only EmberDistributed and its users link it.
        .systemLibrary(name: "CEmberMPI", pkgConfig: "ompi-c", providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]),
        // MARK: - Backend-agnostic core: tensors, autograd, nn, optim, data
        .target(name: "EmberCore", dependencies: ["EmberBackend"] + backendNames),
        .target(name: "EmberLinalg", dependencies: ["EmberBackend", "CEmberBLAS"]),
        .target(name: "EmberIO", dependencies: ["EmberBackend", "SwiftCSV"]),
        .target(name: "EmberPlot", dependencies: ["EmberIO"]),
        // MARK: - What users import
        .target(name: "Ember", dependencies: [
            "EmberBackend", "EmberCore", "EmberLinalg", "EmberIO", "EmberPlot", "EmberReference", "EmberSIMD"]),
        .target(name: "EmberConformance", dependencies: ["EmberCore", "EmberReference"]),
        .target(name: "EmberDistributed", dependencies: ["EmberBackend", "EmberCore", "CEmberMPI"]),
        // MARK: - Tools (`ember` links Open MPI to train data-parallel under mpirun; it starts MPI only there)
        .executableTarget(
            name: "ember",
            dependencies: ["Ember", "EmberCBLAS", "EmberDistributed",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "LinearRegressionTutorial", dependencies: ["Ember"]),
        .executableTarget(name: "KernelBench", dependencies: ["EmberBackend"] + backendNames + ["CEmberBLAS"]),
        // MARK: - Tests
        .testTarget(name: "BackendTests", dependencies: ["EmberBackend", "CEmberBLAS"] + backendNames),
        .testTarget(name: "EmberCoreTests", dependencies: ["Ember", "EmberReference"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EmberLinalgTests", dependencies: ["EmberLinalg"]),
        .testTarget(name: "EmberIOTests", dependencies: ["EmberIO"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EmberPlotTests", dependencies: ["EmberPlot"]),
        .testTarget(name: "ConformanceTests", dependencies: ["EmberConformance", "Ember"]),
        .testTarget(name: "EmberCLITests", dependencies: ["ember", "Ember"]),
        // Runs `mpirun -np 2` on the worker below and on `ember`.
        .testTarget(name: "EmberDistributedTests", dependencies: ["EmberDistributed", "Ember", "ember", "DistributedWorker"]),
        .executableTarget(name: "DistributedWorker", dependencies: ["EmberDistributed", "Ember"],
                          path: "Tests/DistributedWorker"),
    ],
    swiftLanguageModes: [.v6]
)
