import ServiceBlueprint

/// Generates large, realistic service blueprints for benchmarks.
///
/// The blueprint is a long run of customer "episodes" (contact → diagnosis → back-office work →
/// answer), the way a multi-visit service looks when unrolled. Each episode mixes all five lanes,
/// has a decision with branch probabilities, fans out into parallel backstage work and joins again,
/// calls support systems, and sometimes contains a rework loop, stacked approvals, a serial chain
/// of independent steps, a repeated question to the customer, or missing standards — so every rule
/// has work to do. Output is deterministic for a given seed.
struct BlueprintGenerator {
    /// Number of steps to generate (the result has exactly this many).
    var stepCount: Int
    /// Seed of the deterministic random number generator.
    var seed: UInt64 = 0x5EED

    private struct Random {
        var base: SplitMix64
        init(state: UInt64) { base = SplitMix64(seed: state) }
        mutating func next() -> UInt64 { base.next() }
        mutating func int(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }
    }

    func generate() -> Blueprint {
        var rng = Random(state: seed)
        let departments = ["service-centre", "back-office", "it", "warehouse", "billing", "field-service", "quality", "partner-network"]
        let actorCount = 24 + stepCount / 2_000
        var actors: [Actor] = [Actor(id: "customer", title: "Customer", kind: .customer)]
        for a in 0..<actorCount {
            let department = departments[a % departments.count]
            let kind: Actor.Kind = department == "it" ? .system : (department == "partner-network" ? .partner : .role)
            actors.append(Actor(
                id: "actor-\(a)", title: "\(department.capitalized) team \(a)", kind: kind, department: department,
                capacity: rng.chance(0.2) ? 1 : rng.int(2..<12), hours: WorkingHours(perDay: 8, daysPerWeek: 5)))
        }
        let stageCount = max(5, stepCount / 400)
        let stages = (0..<stageCount).map { Stage(id: "stage-\($0)", title: "Stage \($0)") }
        let channels: [Channel] = [.phone, .chat, .email, .web, .app, .inPerson]
        let channelDefinitions = [
            ChannelDefinition(id: "phone", responseCommitment: .minutes(2)),
            ChannelDefinition(id: "chat", responseCommitment: .minutes(1)),
            ChannelDefinition(id: "email", responseCommitment: .hours(4)),
        ]

        var steps: [Step] = []
        steps.reserveCapacity(stepCount)
        var flows: [Flow] = []
        flows.reserveCapacity(stepCount * 3 / 2)
        var information: [InformationItem] = []
        var customerItems: [String] = []
        var previousExit: String?
        var episode = 0

        func roleActor() -> String { "actor-\(rng.int(0..<actorCount))" }
        func minutes(_ low: Int, _ high: Int) -> ProcessTime {
            let likely = Double(rng.int(low..<high))
            if rng.chance(0.3) {
                return ProcessTime(min: .minutes(likely * 0.5), likely: .minutes(likely), max: .minutes(likely * 2.5))
            }
            return ProcessTime(.minutes(likely))
        }
        func standards(_ lane: Lane, _ duration: ProcessTime) -> Standards {
            var result = Standards()
            if rng.chance(0.75) {
                result.time = TimeStandard(target: duration.likely, tolerance: duration.likely * 0.5)
            }
            if lane == .frontstage, rng.chance(0.7) { result.sop = "SOP-\(rng.int(100..<999))" }
            if lane == .frontstage, rng.chance(0.5) { result.service = "Greet, confirm the request, state the next step" }
            return result
        }

        while steps.count < stepCount {
            let e = episode
            episode += 1
            let stage = stages[min(stageCount - 1, e * stageCount * 12 / max(1, stepCount))].id
            let caseItem = "case-\(e)"
            let detailItem = "details-\(e)"
            let resultItem = "result-\(e)"
            let recordItem = "record-\(e)"
            information.append(InformationItem(id: caseItem, title: "Request \(e)", kind: .data, fromCustomer: true))
            information.append(InformationItem(id: detailItem, title: "Details \(e)", kind: .document))
            information.append(InformationItem(id: resultItem, title: "Result \(e)", kind: .decision))
            information.append(InformationItem(id: recordItem, title: "Record \(e)", kind: .document))
            var episodeSteps: [Step] = []
            var episodeFlows: [Flow] = []
            let channel = rng.pick(channels)

            // Customer asks; now and then the customer is asked again for an earlier item.
            var customerNeeds: [String] = []
            if let earlier = customerItems.last, rng.chance(0.1) { customerNeeds.append(earlier) }
            let ask = Step(
                id: "e\(e)-ask", title: "Customer describes request \(e)", lane: .customer, stage: stage, actor: "customer",
                channel: channel, kind: .communication, duration: minutes(2, 8), value: .valueAdding,
                produces: [caseItem] + customerNeeds, evidence: rng.chance(0.8) ? ["Confirmation \(e)"] : [],
                emotion: rng.int(-2..<3))
            customerItems.append(caseItem)
            episodeSteps.append(ask)
            if let previousExit { episodeFlows.append(Flow(from: previousExit, to: ask.id)) }

            let receiveDuration = minutes(3, 12)
            let receive = Step(
                id: "e\(e)-receive", title: "Agent records request \(e)", lane: .frontstage, stage: stage,
                actor: roleActor(), channel: channel, kind: .action, duration: receiveDuration,
                waitBefore: rng.chance(0.5) ? .minutes(Double(rng.int(1..<15))) : nil,
                standards: standards(.frontstage, receiveDuration),
                failPoint: rng.chance(0.15) ? FailPoint(risk: "Details misheard", recovery: rng.chance(0.7) ? "Read back" : nil, owner: rng.chance(0.7) ? roleActor() : nil) : nil,
                waitPoint: rng.chance(0.2) ? WaitPoint(tolerance: rng.chance(0.6) ? .minutes(5) : nil) : nil,
                value: .necessary, needs: [caseItem], produces: [detailItem])
            episodeSteps.append(receive)
            episodeFlows.append(Flow(from: ask.id, to: receive.id, kind: .sequence))

            let decide = Step(
                id: "e\(e)-triage", title: "Triage request \(e)", lane: .backstage, stage: stage, actor: roleActor(),
                kind: .decision, duration: minutes(1, 5), standards: standards(.backstage, ProcessTime(.minutes(3))),
                value: .necessary, needs: [detailItem])
            episodeSteps.append(decide)
            episodeFlows.append(Flow(from: receive.id, to: decide.id, kind: .handoff))

            // Fan-out: parallel backstage work, some of it routed as a serial chain by habit.
            let branchCount = rng.int(2..<5)
            var branchExits: [String] = []
            var branchProducts: [String] = []
            for b in 0..<branchCount {
                let item = "work-\(e)-\(b)"
                information.append(InformationItem(id: item, title: "Work product \(e).\(b)", kind: .document))
                let lane: Lane = rng.chance(0.3) ? .support : .backstage
                let duration = minutes(5, 40)
                let work = Step(
                    id: "e\(e)-work\(b)", title: "Prepare part \(b) of request \(e)", lane: lane, stage: stage,
                    actor: lane == .support ? "actor-\(rng.int(0..<actorCount))" : roleActor(),
                    kind: lane == .support ? .automated : .action, duration: duration,
                    waitBefore: rng.chance(0.4) ? .minutes(Double(rng.int(5..<60))) : nil,
                    standards: standards(lane, duration), value: rng.chance(0.5) ? .valueAdding : .necessary,
                    needs: [detailItem], produces: [item])
                episodeSteps.append(work)
                branchProducts.append(item)
                let serial = b > 0 && rng.chance(0.25)
                if serial, let last = branchExits.popLast() {
                    episodeFlows.append(Flow(from: last, to: work.id, kind: .sequence))
                } else {
                    let probability: Double? = b == 0 && rng.chance(0.3) ? 0.9 : nil
                    episodeFlows.append(Flow(from: decide.id, to: work.id, kind: .sequence, probability: probability))
                }
                branchExits.append(work.id)
                // Support systems feed the branch with information only.
                if rng.chance(0.2) {
                    let lookup = Step(
                        id: "e\(e)-lookup\(b)", title: "System looks up history \(e).\(b)", lane: .support, stage: stage,
                        actor: "actor-\(rng.int(0..<actorCount))", kind: .automated, duration: ProcessTime(.seconds(20)),
                        value: .necessary, produces: [item + "-history"])
                    information.append(InformationItem(id: item + "-history", title: "History \(e).\(b)"))
                    episodeSteps.append(lookup)
                    episodeFlows.append(Flow(from: decide.id, to: lookup.id, kind: .sequence))
                    episodeFlows.append(Flow(from: lookup.id, to: work.id, kind: .information))
                }
            }

            // Join: a check, sometimes followed by a stacked approval on the same item.
            let checkDuration = minutes(2, 10)
            let check = Step(
                id: "e\(e)-check", title: "Check result \(e)", lane: .backstage, stage: stage, actor: roleActor(),
                kind: .check, duration: checkDuration, standards: standards(.backstage, checkDuration),
                value: .necessary, needs: branchProducts, produces: [resultItem])
            episodeSteps.append(check)
            for exit in branchExits { episodeFlows.append(Flow(from: exit, to: check.id)) }
            if rng.chance(0.15) {
                episodeFlows.append(Flow(from: check.id, to: "e\(e)-work0", kind: .rework, probability: 0.1))
            }
            var joinExit = check.id
            if rng.chance(0.1) {
                let approve = Step(
                    id: "e\(e)-approve", title: "Supervisor approves result \(e)", lane: .backstage, stage: stage,
                    actor: roleActor(), kind: .approval, duration: minutes(2, 10), waitBefore: .hours(2),
                    value: .necessary, needs: [resultItem], produces: [resultItem])
                episodeSteps.append(approve)
                episodeFlows.append(Flow(from: check.id, to: approve.id, kind: .handoff))
                joinExit = approve.id
            }
            if rng.chance(0.05) {
                let archive = Step(
                    id: "e\(e)-archive", title: "Archive copy \(e)", lane: .support, stage: stage, actor: roleActor(),
                    kind: .action, duration: minutes(1, 5), value: .necessary, needs: [resultItem], produces: [recordItem])
                episodeSteps.append(archive)
                episodeFlows.append(Flow(from: joinExit, to: archive.id))
            }

            let answerDuration = minutes(2, 8)
            let answer = Step(
                id: "e\(e)-answer", title: "Agent explains outcome \(e)", lane: .frontstage, stage: stage, actor: roleActor(),
                channel: channel, kind: .communication, duration: answerDuration,
                standards: standards(.frontstage, answerDuration), value: .valueAdding, needs: [resultItem],
                evidence: rng.chance(0.5) ? ["Summary \(e)"] : [])
            episodeSteps.append(answer)
            episodeFlows.append(Flow(from: joinExit, to: answer.id, kind: .handoff))
            let accept = Step(
                id: "e\(e)-accept", title: "Customer accepts outcome \(e)", lane: .customer, stage: stage, actor: "customer",
                kind: .action, duration: minutes(1, 4), value: .valueAdding, needs: [resultItem])
            episodeSteps.append(accept)
            episodeFlows.append(Flow(from: answer.id, to: accept.id))
            if rng.chance(0.2) {
                let receipt = Step(
                    id: "e\(e)-receipt", title: "Receipt \(e)", lane: .evidence, stage: stage, kind: .action,
                    duration: ProcessTime(.zero), value: .necessary)
                episodeSteps.append(receipt)
                episodeFlows.append(Flow(from: answer.id, to: receipt.id, kind: .information))
            }
            previousExit = accept.id

            let room = stepCount - steps.count
            if episodeSteps.count > room {
                let kept = Set(episodeSteps.prefix(room).map(\.id))
                episodeSteps = Array(episodeSteps.prefix(room))
                episodeFlows = episodeFlows.filter { kept.contains($0.from) && kept.contains($0.to) }
            }
            steps.append(contentsOf: episodeSteps)
            flows.append(contentsOf: episodeFlows)
        }

        let lastID = steps.last?.id ?? "e0-ask"
        let midID = steps[steps.count / 2].id
        let journeys = [
            Journey(
                id: "full-service", title: "Full service", start: "e0-ask", demand: .perDay(200),
                target: JourneyTarget(leadTime: .days(Double(max(1, stepCount / 50))), attainment: 0.9)),
            Journey(id: "first-half", title: "First half", start: "e0-ask", ends: [midID], demand: .perDay(80)),
            Journey(id: "second-half", title: "Second half", start: midID, ends: [lastID]),
        ]
        return Blueprint(
            id: "generated-\(stepCount)", title: "Generated blueprint with \(stepCount) steps",
            stages: stages, actors: actors, channels: channelDefinitions, information: information,
            personas: [Persona(id: "regular", title: "Regular customer")], journeys: journeys,
            steps: steps, flows: flows)
    }
}
