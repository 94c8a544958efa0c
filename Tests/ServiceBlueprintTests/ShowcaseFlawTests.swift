import Foundation
import ServiceBlueprint
import Testing

/// The showcase blueprints carry deliberate flaws (listed in `blueprints/README.md`); the analyzers
/// must find every one of them.
@Suite("Showcase blueprints: every deliberate flaw is found")
struct ShowcaseFlawTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("blueprints")

    /// (rule, the step or journey id the finding must be about), per flaw of the README's table.
    static let flaws: [String: [(rule: String, subject: String)]] = [
        "after-sales-repair.yaml": [
            ("redundant-information-request", "specialist-callback"), ("redundant-duplicate-step", "check-warranty"),
            ("redundant-stacked-approval", "approve-quote-manager"), ("redundant-unused-output", "fill-call-sheet"),
            ("redundant-rework-loop", "qa-test"), ("redundant-handoff-bounce", "review-escalation"),
            ("parallelizable-chain", "reserve-part"), ("missing-time-standard", "review-escalation"),
            ("missing-time-standard", "prepare-quote"), ("missing-time-standard", "update-excel-tracker"),
            ("missing-response-commitment", "accept-quote"), ("missing-service-standard", "send-quote"),
            ("missing-recovery-plan", "travel-to-customer"), ("missing-wait-tolerance", "wait-for-visit"),
            ("missing-owner", "prepare-quote"), ("missing-journey-target", "landlord"),
            ("inconsistent-time-standards", "same-day-onsite"), ("structure-touchpoint-without-evidence", "specialist-callback"),
            ("structure-unsupported-backstage", "update-excel-tracker"),
            ("capacity-declared-bottleneck-contradicted", "remote-diagnosis"),
            ("capacity-high-utilization", "field-technician"),
        ],
        "retail-store-service.yaml": [
            ("redundant-information-request", "show-receipt-again"), ("redundant-duplicate-step", "inspect-item-stockroom"),
            ("redundant-stacked-approval", "approve-refund"), ("redundant-unused-output", "photocopy-receipt"),
            ("redundant-rework-loop", "pos-validation"), ("redundant-handoff-bounce", "collect-photos"),
            ("parallelizable-chain", "post-refund"), ("missing-time-standard", "assess-complaint"),
            ("missing-time-standard", "send-voucher"), ("missing-time-standard", "returns-report"),
            ("missing-response-commitment", "post-on-social"), ("missing-service-standard", "key-refund"),
            ("missing-recovery-plan", "fetch-replacement"), ("missing-wait-tolerance", "see-refund"),
            ("missing-owner", "send-voucher"), ("missing-journey-target", "complaint"),
            ("inconsistent-time-standards", "return-refund"), ("structure-touchpoint-without-evidence", "call-customer"),
            ("structure-unsupported-backstage", "returns-report"),
            ("capacity-declared-bottleneck-contradicted", "stockroom-clerk"),
            ("capacity-high-utilization", "duty-manager"),
        ],
        "clinic-visit.yaml": [
            ("redundant-information-request", "paper-history"), ("redundant-duplicate-step", "verify-eligibility-reception"),
            ("redundant-stacked-approval", "validate-result-supervisor"), ("redundant-unused-output", "print-day-list"),
            ("redundant-rework-loop", "analyse-sample"), ("redundant-handoff-bounce", "request-preauth"),
            ("parallelizable-chain", "prepare-medication"), ("missing-time-standard", "tally-check-ins"),
            ("missing-time-standard", "send-sample"), ("missing-time-standard", "review-results"),
            ("missing-response-commitment", "fill-history"), ("missing-service-standard", "counsel-patient"),
            ("missing-recovery-plan", "request-preauth"), ("missing-wait-tolerance", "join-video"),
            ("missing-owner", "send-sample"), ("missing-journey-target", "chronic-review"),
            // Flaw 15 here is all waits (standards alone: 35 min against 48 h), so the journey's own rule reports it.
            ("journey-over-target", "results-in-48h"), ("structure-touchpoint-without-evidence", "collect-insurance-card"),
            ("structure-unsupported-backstage", "tally-check-ins"),
            ("capacity-declared-bottleneck-contradicted", "lab-analyser"),
            ("capacity-high-utilization", "physician"),
        ],
        // Titles in Chinese (issue 19); ids ASCII. The flaws are listed at the top of the file.
        "after-sales-network-zh.yaml": [
            ("redundant-information-request", "support-callback"), ("redundant-duplicate-step", "check-warranty"),
            ("parallelizable-chain", "reserve-part"), ("missing-time-standard", "onsite-repair"),
            ("missing-time-standard", "close-ticket"), ("missing-response-commitment", "rate-service"),
            ("missing-recovery-plan", "travel-to-customer"), ("missing-wait-tolerance", "wait-for-engineer"),
            ("missing-journey-target", "repeat-visit"), ("inconsistent-time-standards", "vip-2h"),
            ("journey-over-target", "vip-2h"), ("capacity-high-utilization", "field-engineer"),
            ("capacity-declared-bottleneck-confirmed", "field-engineer"),
        ],
    ]

    @Test(
        "each flaw of the flaw table is reported",
        arguments: ["after-sales-repair.yaml", "retail-store-service.yaml", "clinic-visit.yaml", "after-sales-network-zh.yaml"])
    func flawsFound(file: String) throws {
        let document = try BlueprintDocument.read(from: Self.folder.appendingPathComponent(file).path)
        let report = Analyzer().analyze(document.blueprint, sourceMap: document.sourceMap)
        for flaw in Self.flaws[file] ?? [] {
            let found = report.findings(of: flaw.rule).contains { finding in
                finding.stepIDs.contains(flaw.subject) || finding.message.contains("(\(flaw.subject))")
            }
            #expect(found, "\(file): \(flaw.rule) about '\(flaw.subject)' was not reported")
        }
        #expect(report.findings.allSatisfy { $0.location != nil }, "every finding is located in the file")
        #expect(!report.findings.contains { $0.severity == .error }, "the showcase files have flaws, not errors")
    }
}
