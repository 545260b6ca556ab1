import Foundation
import Testing

@Suite(.serialized) struct LinregCommandTests {
    @Test func defaultsFitTheLineAndMatchTheClosedForm() throws {
        let result = try EmberProcess.run(["linreg", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Epoch 0, Loss "))
        #expect(result.stdout.contains("Epoch 900, Loss "))
        let json = try #require(result.json)
        let finalLoss = try #require(json["final_loss"] as? Double)
        let weight = try #require((json["weight"] as? [Double])?.first)
        let bias = try #require(json["bias"] as? Double)
        #expect(finalLoss <= 0.013)
        #expect(abs(weight - 1) <= 0.15)
        #expect(abs(bias) <= 0.08)
        #expect(try #require(json["max_abs_diff"] as? Double) <= 1e-3)
        #expect(try #require(json["train_seconds"] as? Double) > 0)
        #expect(json["epochs"] as? Int == 1000)
        let closedForm = try #require(json["closed_form"] as? [String: Any])
        #expect(abs(try #require((closedForm["weight"] as? [Double])?.first) - weight) <= 1e-3)
    }

    @Test func everyBackendReportsItselfAndAgrees() throws {
        var weights: [String: Double] = [:]
        for name in ["reference", "simd", "cblas"] {
            let result = try EmberProcess.run(["linreg", "--json", "--log-every", "0"], environment: ["EMBER_BACKEND": name])
            #expect(result.status == 0, "\(name): \(result.stderr)")
            let json = try #require(result.json, "\(name): \(result.stdout)")
            #expect(json["backend"] as? String == name)
            #expect(try #require(json["max_abs_diff"] as? Double) <= 1e-3)
            weights[name] = (json["weight"] as? [Double])?.first
        }
        let values = weights.values
        #expect(values.count == 3)
        #expect((values.max() ?? 0) - (values.min() ?? 1) <= 1e-4, "\(weights)")
        let flag = try EmberProcess.run(["linreg", "--json", "--backend", "simd"], environment: ["EMBER_BACKEND": "reference"])
        #expect(flag.json?["backend"] as? String == "simd", "--backend overrides EMBER_BACKEND")
    }

    @Test func unknownBackendListsTheValidNames() throws {
        let result = try EmberProcess.run(["linreg"], environment: ["EMBER_BACKEND": "bogus"])
        #expect(result.status != 0)
        for name in ["bogus", "reference", "simd", "cblas"] { #expect(result.stderr.contains(name), "\(result.stderr)") }
        #expect(!result.stderr.contains("Fatal error"))
        let flag = try EmberProcess.run(["linreg", "--backend", "nope"])
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("nope") && flag.stderr.contains("reference"))
    }

    @Test(arguments: [
        (["--epochs", "-1"], "--epochs"), (["--n", "0"], "--n"), (["--lr", "0"], "--lr"), (["--lr", "nan"], "--lr"),
        (["--noise", "-1"], "--noise"), (["--n", "abc"], "--n"), (["--lr", "fast"], "--lr"),
        (["--threads", "0"], "--threads"), (["--tolerance", "-1"], "--tolerance"),
    ])
    func badInputIsOneClearLine(arguments: [String], option: String) throws {
        expectOneLineError(try EmberProcess.run(["linreg"] + arguments), [option])
    }

    @Test func divergenceNamesTheEpochAndSuggestsASmallerRate() throws {
        let result = try EmberProcess.run(["linreg", "--lr", "100"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("epoch"))
        #expect(result.stderr.contains("smaller --lr"))
    }

    @Test func closedFormToleranceIsEnforced() throws {
        let result = try EmberProcess.run(["linreg", "--epochs", "5", "--log-every", "0"])
        #expect(result.status != 0, "5 epochs cannot reach the closed form")
        #expect(result.stderr.contains("closed-form"))
        #expect(result.stdout.contains("closed form"), "the side-by-side table is printed before failing")
    }
}

@Suite struct InfoCommandTests {
    @Test func infoShowsBackendsThreadsAndTheOpenBLASCore() throws {
        let result = try EmberProcess.run(["info"], environment: ["EMBER_NUM_THREADS": "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("reference, simd, cblas"))
        #expect(result.stdout.contains("threads:         1"))
        #expect(result.stdout.contains("openblas core:"))
    }

    @Test func infoNamesTheSIMDKernelPathAndWhyTheDefaultBackend() throws {
        let result = try EmberProcess.run(["info"], environment: ["EMBER_SIMD_PATH": "baseline", "EMBER_BACKEND": nil])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("simd kernels:    baseline (EMBER_SIMD_PATH=baseline)"))
        #expect(result.stdout.contains(" (default: "), "the default backend comes with its reason")
        let detected = try EmberProcess.run(["info"], environment: ["EMBER_SIMD_PATH": nil])
        #expect(detected.stdout.contains(" (cpuid); this CPU runs baseline"))
    }

    @Test func unknownSIMDPathIsAOneLineError() throws {
        let result = try EmberProcess.run(["info"], environment: ["EMBER_SIMD_PATH": "sse9"])
        expectOneLineError(result, ["EMBER_SIMD_PATH", "sse9", "baseline, avx2, avx512"])
    }
}
