import Testing
@testable import EmberPlot

@Suite struct AxisTicksTests {
    @Test func stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        #expect(AxisTicks.niceStep(for: 1.2) == 1)
        #expect(AxisTicks.niceStep(for: 2.5) == 2)
        #expect(AxisTicks.niceStep(for: 4) == 5)
        #expect(AxisTicks.niceStep(for: 8) == 10)
        #expect(abs(AxisTicks.niceStep(for: 0.025) - 0.02) < 1e-15)
        #expect(AxisTicks.niceStep(for: 450) == 500)
    }

    @Test func linearTicksStayInsideTheRange() {
        #expect(AxisTicks.linear(0, 10).values == [0, 2, 4, 6, 8, 10])
        #expect(AxisTicks.linear(-3, 7).values == [-2, 0, 2, 4, 6])
        #expect(AxisTicks.linear(0.13, 9.87).values == [2, 4, 6, 8])
    }

    @Test func linearLabelsUseTheStepsDecimals() {
        let ticks = AxisTicks.linear(0, 1)
        #expect(ticks.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        #expect(AxisTicks.linear(0, 5e6).labels == ["0", "1e6", "2e6", "3e6", "4e6", "5e6"])
        #expect(AxisTicks.linear(0, 3e-5).labels.last == "3e-5")
    }

    @Test func logTicksArePowersOfTenAcrossDecades() {
        let ticks = AxisTicks.log10(0.001, 10)
        #expect(ticks.labels == ["0.001", "0.01", "0.1", "1", "10"])
        #expect(AxisTicks.log10(1e-8, 1e8).values.count <= 9)
    }

    @Test func logTicksWithinOneDecadeUseOneTwoFive() {
        #expect(AxisTicks.log10(2, 30).labels == ["2", "5", "10", "20"])
        #expect(AxisTicks.log10(0.3, 0.45).values.count >= 2)
    }
}
