import Testing

@testable import ServiceBlueprint

/// One percent format for every output (issue 12): findings, drawings, reports and the CLI.
@Suite struct PercentTextTests {
    @Test("shares read as whole percents with at most one decimal and a space before the sign")
    func format() {
        #expect(PercentText.format(0.73) == "73 %")
        #expect(PercentText.format(0.125) == "12.5 %")
        #expect(PercentText.format(0.1234) == "12.3 %")
        #expect(PercentText.format(0) == "0 %")
        #expect(PercentText.format(1) == "100 %")
        #expect(PercentText.format(2.5) == "250 %")
        #expect(PercentText.format(.infinity) == "∞ %")
        #expect(PercentText.format(.nan) == "–")
        #expect(PercentText.format(nil) == "–")
    }

    @Test("rounding never hides which side of 100 % a share is on")
    func sideOfFull() {
        #expect(PercentText.format(0.9996) == "99.96 %")
        #expect(PercentText.format(1.0004) == "100.04 %")
    }

    @Test("capacity findings, branch assumptions and the drawing's probabilities use it")
    func usedEverywhere() {
        #expect(BranchAssumption(flowID: "a->b", probability: 0.25, remaining: 0.5, sharedBy: 2).description
            == "probability of 'a->b' unknown: assumed 25 %, an equal share (1 of 2) of the 50 % the known branches leave")
    }
}
