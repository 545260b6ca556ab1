import Foundation
import Testing

/// The closed form is right whenever SGD is: a large offset or mixed scales no longer lose it, its condition number
/// is reported, and data that overflows is an error, not a weight of 0.
@Suite(.serialized) struct ClosedFormAccuracyTests {
    /// `rows` rows of features from `feature(random)` and the target `y = rule(u) + 0.1·N(0, 1)`.
    static func csv(in directory: TemporaryDirectory, columns: [String], count: Int,
                    _ row: (inout TestRandom) -> [Double]) throws -> String {
        var random = TestRandom(seed: 33)
        return try directory.write("data.csv", csvText(columns: columns, rows: (0..<count).map { _ in row(&random) }))
    }

    @Test func aLargeOffsetKeepsTheSlope() throws {
        let directory = try TemporaryDirectory()
        // x = 1e12 + u, y = 2u − 1 + noise: raw gelsd gave weight 0 and R² 0.
        let path = try Self.csv(in: directory, columns: ["x", "y"], count: 400) { random in
            let u = random.uniform()
            return [1e12 + u, 2 * u - 1 + 0.1 * random.normal()]
        }
        let result = try EmberProcess.run(["linreg", "--csv", path, "--target", "y", "--epochs", "200", "--log-every", "0",
                                           "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        let closed = try #require(json.object("closed_form"))
        let weight = try #require(closed.doubles("weight")?.first)
        #expect(abs(weight - 2) < 0.1, "closed-form weight \(weight)")
        let r2 = try #require(closed.object("train")?["r2"] as? Double)
        #expect(r2 > 0.95, "closed-form R² \(r2)")
        let adamR2 = try #require(json.object("train")?["r2"] as? Double)
        #expect(r2 >= adamR2 - 1e-6, "the closed form is the least-squares optimum: \(r2) vs Adam's \(adamR2)")
        #expect(abs(try #require(closed["condition_number"] as? Double) - 1) < 1e-9)
        #expect(result.stdout.contains("condition number 1"), "\(result.stdout)")
    }

    @Test func mixedScalesKeepBothColumns() throws {
        let directory = try TemporaryDirectory()
        // Columns near 1e19 and 1e-21, y = 3a − 2c + 5 + noise: raw gelsd gave R² −0.31.
        let path = try Self.csv(in: directory, columns: ["big", "small", "y"], count: 400) { random in
            let a = random.uniform(), c = random.uniform()
            return [1e19 * a, 1e-21 * c, 3 * a - 2 * c + 5 + 0.1 * random.normal()]
        }
        let result = try EmberProcess.run(["linreg", "--csv", path, "--target", "y", "--epochs", "300", "--lr", "0.05",
                                           "--log-every", "0", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(result.json, "\(result.stdout)")
        let closed = try #require(json.object("closed_form"))
        let weight = try #require(closed.doubles("weight"))
        #expect(abs(weight[0] / 3e-19 - 1) < 0.05 && abs(weight[1] / -2e21 - 1) < 0.05, "\(weight)")
        #expect(try #require(closed.object("train")?["r2"] as? Double) > 0.95)
        // Adam reaches it too, so the difference no longer blames it (relative: the weights differ by 40 decades).
        #expect(try #require(json.object("train")?["r2"] as? Double) > 0.95)
        for (adam, exact) in zip(try #require(json.doubles("weight")), weight) {
            #expect(abs(adam / exact - 1) < 0.02, "Adam \(adam), closed form \(exact)")
        }
        #expect(result.stdout.contains("e+21") && result.stdout.contains("e-19"), "\(result.stdout)")
    }

    @Test func collinearColumnsReportAHugeConditionNumber() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.csv(in: directory, columns: ["a", "twice", "y"], count: 100) { random in
            let a = random.uniform()
            return [a, 2 * a, 3 * a + 0.1 * random.normal()]
        }
        let result = try EmberProcess.run(["linreg", "--csv", path, "--target", "y", "--epochs", "50", "--log-every", "0",
                                           "--no-standardize", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let closed = try #require(result.json?.object("closed_form"))
        // Exactly collinear: infinite (JSON null) or at the rounding level.
        let condition = closed["condition_number"] as? Double
        #expect(condition == nil || condition! > 1e12, "\(String(describing: condition))")
        #expect(result.stdout.contains("condition number"), "\(result.stdout)")
        #expect(result.stdout.contains("rank 1 of 2"), "\(result.stdout)")
    }

    @Test func theTutorialPrintsTheConditionNumber() throws {
        let result = try EmberProcess.run(["linreg", "--log-every", "0", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("condition number 1"), "\(result.stdout)")
        #expect(result.json?.object("closed_form")?["condition_number"] as? Double == 1)
    }

    @Test(arguments: ["y", "x"])
    func valuesNear1e307AreAnErrorNamingTheColumn(column: String) throws {
        let directory = try TemporaryDirectory()
        let path = try Self.csv(in: directory, columns: ["x", "y"], count: 50) { random in
            let u = random.uniform()
            return column == "y" ? [u, 1e307 * (1 + u)] : [1e307 * (1 + u), u]
        }
        let result = try EmberProcess.run(["linreg", "--csv", path, "--target", "y", "--epochs", "5", "--log-every", "0"])
        expectOneLineError(result, ["'\(column)'", "overflow"])
        #expect(!result.stderr.contains("diverged") && !result.stderr.contains("--lr"), "\(result.stderr)")
    }
}
