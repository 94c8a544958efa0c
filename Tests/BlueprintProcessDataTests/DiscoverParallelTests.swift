import Foundation
import ServiceBlueprint
import Testing
@testable import BlueprintProcessData

/// Parallel blocks of more than two activities (pm4py's reviewing.xes runs three reviews at once):
/// hand-made logs whose drafts are written down before the code.
@Suite("Discover: parallel blocks of more than two activities")
struct DiscoverParallelTests {
    /// Rows of `case,activity,minute` for `copies` cases of each of `orders`, framed by `first` and `last`.
    static func rows(_ orders: [[String]], copies: Int, first: String = "a", last: String = "e") -> [(String, String, Int)] {
        var rows: [(String, String, Int)] = []
        for (n, order) in orders.enumerated() {
            for copy in 0..<copies {
                let id = "\(n)-\(copy)"
                for (t, activity) in ([first] + order + [last]).enumerated() { rows.append((id, activity, t)) }
            }
        }
        return rows
    }

    static func permutations(_ items: [String]) -> [[String]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(rest).map { [head] + $0 }
        }
    }

    static func flows(_ draft: Discoverer.Draft) -> [String: Flow] {
        Dictionary(uniqueKeysWithValues: draft.blueprint.flows.map { ($0.id, $0) })
    }

    /// The draft, checked valid, and the conformance of its own log against it.
    static func discoverAndMeasure(_ rows: [(String, String, Int)]) throws -> (Discoverer.Draft, Double) {
        let draft = RealLogLessonsTests.discover(rows)
        #expect(draft.blueprint.validate().filter { $0.severity == .error }.isEmpty, "\(draft.blueprint.validate())")
        let measured = RealLogLessonsTests.measure(draft.blueprint, rows)
        return (draft, measured.conformance.share)
    }

    @Test("three activities in every order between a and e: one fork, one join, 100 % conformance")
    func threeInParallel() throws {
        let (draft, share) = try Self.discoverAndMeasure(Self.rows(Self.permutations(["b", "c", "d"]), copies: 5))
        let f = Self.flows(draft)
        #expect(Set(f.keys) == ["a->b", "a->c", "a->d", "b->e", "c->e", "d->e"])
        #expect(f.values.allSatisfy { $0.probability == nil && $0.kind == .sequence }, "a fork: every branch taken")
        #expect(draft.guesses.contains { $0.contains("'b', 'c' and 'd' run in parallel after 'a' until 'e'") }, "\(draft.guesses)")
        #expect(share == 1)
    }

    @Test("four in parallel, some orders rarer than others: still one block")
    func fourInParallelUnevenly() throws {
        // Every order of four, but b before c three times as often as after: the rarer order is seen.
        let all = Self.permutations(["b", "c", "d", "x"])
        let bFirst = all.filter { ($0.firstIndex(of: "b") ?? 0) < ($0.firstIndex(of: "c") ?? 0) }
        let orders = all + bFirst + bFirst
        let (draft, share) = try Self.discoverAndMeasure(Self.rows(orders, copies: 2))
        let f = Self.flows(draft)
        #expect(Set(f.keys) == ["a->b", "a->c", "a->d", "a->x", "b->e", "c->e", "d->e", "x->e"])
        #expect(share == 1)
    }

    @Test("near miss: a single order stays a sequence")
    func oneOrderIsASequence() throws {
        let (draft, share) = try Self.discoverAndMeasure(Self.rows([["b", "c", "d"]], copies: 30))
        #expect(Set(Self.flows(draft).keys) == ["a->b", "b->c", "c->d", "d->e"])
        #expect(!draft.guesses.contains { $0.contains("run in parallel") })
        #expect(share == 1)
    }

    @Test("near miss: alternatives that never meet in a case stay exclusive, with probabilities")
    func alternativesStayExclusive() throws {
        let (draft, share) = try Self.discoverAndMeasure(Self.rows([["b"], ["c"], ["d"]], copies: 10))
        let f = Self.flows(draft)
        #expect(Set(f.keys) == ["a->b", "a->c", "a->d", "b->e", "c->e", "d->e"])
        #expect(f["a->b"]?.probability != nil && f["a->c"]?.probability != nil && f["a->d"]?.probability != nil)
        #expect(!draft.guesses.contains { $0.contains("run in parallel") })
        #expect(share == 1)
    }

    @Test("a branch that is a sequence: c before d always, b anywhere; the block is {b} and {c, d}")
    func sequenceInsideABranch() throws {
        let (draft, share) = try Self.discoverAndMeasure(Self.rows([["b", "c", "d"], ["c", "b", "d"], ["c", "d", "b"]], copies: 10))
        let f = Self.flows(draft)
        #expect(Set(f.keys) == ["a->b", "a->c", "c->d", "b->e", "d->e"])
        #expect(f["a->b"]?.probability == nil && f["a->c"]?.probability == nil)
        #expect(share == 1)
    }

    @Test("the reviewing shape: three branches, each one of two alternatives; the draft says so and conforms")
    func branchesOfAlternatives() throws {
        // Each branch i is `get review i` or `time-out i`; the three branches in every order.
        var orders: [[String]] = []
        for mask in 0..<8 {
            let picks = (1...3).map { i in mask & (1 << (i - 1)) == 0 ? "review \(i)" : "time-out \(i)" }
            orders += Self.permutations(picks)
        }
        let (draft, share) = try Self.discoverAndMeasure(Self.rows(orders, copies: 1, first: "invite", last: "collect"))
        let f = Self.flows(draft)
        let branches = (1...3).flatMap { ["review-\($0)", "time-out-\($0)"] }
        #expect(Set(f.keys) == Set(branches.flatMap { ["invite->\($0)", "\($0)->collect"] }))
        #expect(f.values.allSatisfy { $0.probability == nil })
        #expect(draft.guesses.contains { $0.contains("'review 1' or 'time-out 1'") && $0.contains("alternatives") }, "\(draft.guesses)")
        #expect(draft.guessTexts.contains { $0.rendered(in: .simplifiedChinese).contains("“review 1”或“time-out 1”") }, "the 'or' list in Chinese")
        #expect(share == 1)
    }

    @Test("near miss: both orders, but the two lead on to different steps: no block (receipt's T02 and T06)")
    func noCommonJoinNoBlock() throws {
        // b then x 7 times, x then b 3 times (comparable for a block, not for a lone pair), and after
        // them the cases go on to c or to d: no one join.
        var rows = Self.rows([["b", "x", "c"]], copies: 7)
        rows += Self.rows([["x", "b", "d"]], copies: 3).map { ("other-" + $0.0, $0.1, $0.2) }
        let draft = RealLogLessonsTests.discover(rows)
        let f = Self.flows(draft)
        #expect(f["b->x"] != nil && f["x->b"] != nil, "\(f.keys.sorted())")
        #expect(!draft.guesses.contains { $0.contains("run in parallel") }, "\(draft.guesses)")
    }

    @Test("near miss: a length-2 loop (a b a) follows both ways but is rework, not parallel")
    func lengthTwoLoopIsNotParallel() throws {
        var rows = Self.rows([["p", "q"]], copies: 10)
        rows += Self.rows([["p", "q", "p", "q"]], copies: 10).map { ("loop-" + $0.0, $0.1, $0.2) }
        let (draft, share) = try Self.discoverAndMeasure(rows)
        let f = Self.flows(draft)
        #expect(f["q->p"]?.kind == .rework)
        #expect(f["p->q"]?.kind == .sequence)
        #expect(!draft.guesses.contains { $0.contains("run in parallel") })
        #expect(share == 1)
    }

    @Test("a block that 15 of 75 cases skip: a choice after 'a' (enter or skip, 0.8 / 0.2), then a fork; its own log conforms")
    func blockWithASkip() throws {
        // 60 cases `a, perm(b, c, d), e` and 15 cases `a, e` (the reviewer's skip.csv).
        var rows = Self.rows(Self.permutations(["b", "c", "d"]), copies: 10)
        rows += Self.rows([[]], copies: 15).map { ("skip-" + $0.0, $0.1, $0.2) }
        let (draft, share) = try Self.discoverAndMeasure(rows)
        let f = Self.flows(draft)
        // The fork cannot also be a choice: a routing step (no activity in the log) takes the fork.
        let gateway = try #require(draft.blueprint.steps.first { $0.tags.contains(Discoverer.gatewayTag) })
        let g = gateway.id
        #expect(Set(f.keys) == ["a->\(g)", "a->e", "\(g)->b", "\(g)->c", "\(g)->d", "b->e", "c->e", "d->e"], "\(f.keys.sorted())")
        #expect(f["a->\(g)"]?.probability == 0.8 && f["a->e"]?.probability == 0.2, "the choice: enter the block or skip it")
        #expect(["b", "c", "d"].allSatisfy { f["\(g)->\($0)"]?.probability == nil }, "the fork: every branch taken")
        #expect(share == 1, "the draft allows every case of its own log")
        let block = try #require(draft.guesses.first { $0.contains("run in parallel after") }, "\(draft.guesses)")
        #expect(block.contains("60 of 75") && block.contains("'e'"), "the note says the block is skipped: \(block)")
        #expect(draft.guesses.contains("1 step(s) start parallel branches (all taken, no probabilities)"), "one fork only: \(draft.guesses)")
        // The guesses are catalog texts: in Chinese no English is left, lists joined the Chinese way.
        let chinese = draft.guessTexts.map { $0.rendered(in: .simplifiedChinese) }
        #expect(chinese.allSatisfy { !$0.contains(" and ") && !$0.contains("parallel after") && !$0.contains("step(s)") }, "\(chinese)")
        #expect(chinese.contains { $0.contains("“b”、“c”和“d”") && $0.contains("并行") }, "\(chinese)")
        // Measured against its own log, the choice shows its shares and the routing step is no gap.
        let measured = RealLogLessonsTests.measure(draft.blueprint, rows)
        #expect(measured.flows.first { $0.flow == "a->\(g)" }?.observed == 0.8)
        #expect(measured.flows.first { $0.flow == "a->e" }?.observed == 0.2)
        #expect(measured.mapping.neverSeen.isEmpty, "a routing step cannot occur in a log")
    }

    @Test("near miss: a rare skip below the threshold leaves the fork alone (no routing step)")
    func rareSkipBelowThreshold() throws {
        var rows = Self.rows(Self.permutations(["b", "c", "d"]), copies: 20)
        rows += Self.rows([[]], copies: 1).map { ("skip-" + $0.0, $0.1, $0.2) }
        let (draft, _) = try Self.discoverAndMeasure(rows)
        #expect(!draft.blueprint.steps.contains { $0.tags.contains(Discoverer.gatewayTag) })
        #expect(Self.flows(draft)["a->b"]?.probability == nil)
    }
}
