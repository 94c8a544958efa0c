/// Lookups every rule needs, built once per analysis in linear time.
struct AnalysisIndex: Sendable {
    /// The blueprint's actors, and the position in it of each distinct actor id (first occurrence wins).
    private let actors: [Actor]
    private let actorTable: IDTable
    private let actorPositions: [Int32]
    /// The blueprint's information items, and the position in it of each declared item id (first
    /// occurrence wins); ids only used, never declared, have no position.
    private let information: [InformationItem]
    private let declaredItemPositions: [Int32]
    /// Every information item id that is declared or used, declared ones first, then in order of first use.
    var itemIDs: [String] { itemIndex.keys }
    /// Position in ``itemIDs`` by id.
    let itemIndex: IDTable
    /// CSR: the steps producing item `k` are `producerSteps[producerOffsets[k]..<producerOffsets[k+1]]`, ascending.
    let producerOffsets: [Int32]
    let producerSteps: [Int32]
    /// CSR: the steps needing item `k`, ascending.
    let consumerOffsets: [Int32]
    let consumerSteps: [Int32]
    /// The department of each step's actor (an actor of kind department is its own department).
    let department: [String?]
    /// The performing actor id of each step (`nil` for customer steps and steps without actor).
    let performer: [String?]
    /// The lane of each step.
    let lane: [Lane]
    /// `true` for steps with a channel.
    let isTouchpoint: [Bool]
    /// `true` for steps done by the customer (customer lane or an actor of kind customer).
    let isCustomerStep: [Bool]
    /// The work graph's topological order (``BlueprintGraph/topologicalOrder(kinds:within:skipping:)``
    /// with the defaults), computed once for the index and whoever else needs it.
    let order: TopologicalOrder
    /// Position of each step in the topological order of the work graph; steps left over by a
    /// cycle come after all others.
    let topologicalPosition: [Int32]
    /// Customer waiting of each step: see ``JourneyMetrics/customerWaitingTime``.
    let customerWaitSeconds: [Double]
    /// `true` for touchpoints where the service contacts the customer (see ``outboundTouchpoints(of:graph:performer:order:)``).
    let isOutbound: [Bool]
    /// `true` for steps whose output is declared delivered outside the journey: `delivers` on the step, or
    /// an item it produces with `deliveredTo`.
    let isDelivered: [Bool]

    /// The actor with the given id (the first, when two share it).
    func actor(_ id: String) -> Actor? { actorTable[id].map { actors[Int(actorPositions[Int($0)])] } }

    /// The declared information item with the given id (the first, when two share it).
    func item(_ id: String) -> InformationItem? {
        guard let k = itemIndex[id], Int(k) < declaredItemPositions.count else { return nil }
        return information[Int(declaredItemPositions[Int(k)])]
    }

    init(blueprint: Blueprint, graph: BlueprintGraph) {
        self.init(blueprint: blueprint, graph: graph, order: graph.topologicalOrder())
    }

    /// The index, given the graph's default topological order.
    init(blueprint: Blueprint, graph: BlueprintGraph, order: TopologicalOrder) {
        let steps = blueprint.steps
        let n = steps.count
        // Ids are resolved through `IDTable`s once and then handled as positions (hashing strings was
        // most of the index's cost).
        var actorTable = IDTable(minimumCapacity: blueprint.actors.count)
        var actorPositions: [Int32] = []
        var actorKinds: [Actor.Kind] = []
        var actorDepartments: [String?] = []
        for (position, actor) in blueprint.actors.enumerated() where actorTable.insert(actor.id).inserted {
            actorPositions.append(Int32(position))
            actorKinds.append(actor.kind)
            actorDepartments.append(actor.kind == .department ? actor.id : actor.department)
        }
        var itemIndex = IDTable(minimumCapacity: blueprint.information.count)
        var declaredItemPositions: [Int32] = []
        // Per item index: declared with `deliveredTo`.
        var itemDelivered: [Bool] = []
        for (position, item) in blueprint.information.enumerated() where itemIndex.insert(item.id).inserted {
            declaredItemPositions.append(Int32(position))
            itemDelivered.append(item.deliveredTo != nil)
        }
        // (item, step) pairs in step order; a step listing an item twice counts once.
        var produced: [(item: Int32, step: Int32)] = []
        var needed: [(item: Int32, step: Int32)] = []
        // The last step that listed each item, to count an item listed twice by one step once.
        var producedBy: [Int32] = []
        var neededBy: [Int32] = []
        var department = [String?](repeating: nil, count: n)
        var performer = [String?](repeating: nil, count: n)
        var isCustomer = [Bool](repeating: false, count: n)
        var wait = [Double](repeating: 0, count: n)
        var lane = [Lane](repeating: .customer, count: n)
        var touchpoint = [Bool](repeating: false, count: n)
        var delivered = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let v = Int32(i)
            var deliversItem = false
            for id in steps[i].produces {
                let k = Int(itemIndex.insert(id).position)
                if k < itemDelivered.count, itemDelivered[k] { deliversItem = true }
                if k >= producedBy.count { producedBy.append(contentsOf: repeatElement(-1, count: k + 1 - producedBy.count)) }
                if producedBy[k] != v { producedBy[k] = v; produced.append((Int32(k), v)) }
            }
            for id in steps[i].needs {
                let k = Int(itemIndex.insert(id).position)
                if k >= neededBy.count { neededBy.append(contentsOf: repeatElement(-1, count: k + 1 - neededBy.count)) }
                if neededBy[k] != v { neededBy[k] = v; needed.append((Int32(k), v)) }
            }
            delivered[i] = steps[i].delivers != nil || deliversItem
            let stepLane = steps[i].lane
            lane[i] = stepLane
            touchpoint[i] = steps[i].channel != nil
            let actor = steps[i].actor.flatMap { actorTable[$0] }.map(Int.init)
            let customer = stepLane == .customer || actor.map { actorKinds[$0] == .customer } ?? false
            isCustomer[i] = customer
            if !customer {
                performer[i] = steps[i].actor
                department[i] = actor.flatMap { actorDepartments[$0] }
            }
            if stepLane.isVisibleToCustomer || steps[i].waitPoint != nil {
                wait[i] = graph.waitSeconds[i] + (steps[i].kind == .wait ? graph.processSeconds[i] : 0)
            }
        }
        (producerOffsets, producerSteps) = Self.compressed(produced, itemCount: itemIndex.count)
        (consumerOffsets, consumerSteps) = Self.compressed(needed, itemCount: itemIndex.count)
        actors = blueprint.actors
        self.actorTable = actorTable
        self.actorPositions = actorPositions
        information = blueprint.information
        self.declaredItemPositions = declaredItemPositions
        self.itemIndex = itemIndex
        self.lane = lane
        isTouchpoint = touchpoint
        self.department = department
        self.performer = performer
        isCustomerStep = isCustomer
        customerWaitSeconds = wait
        self.order = order
        var position = [Int32](repeating: 0, count: graph.stepCount)
        for (p, v) in order.order.enumerated() { position[Int(v)] = Int32(p) }
        for (k, v) in order.leftover.enumerated() { position[Int(v)] = Int32(order.order.count + k) }
        topologicalPosition = position
        isOutbound = Self.outboundTouchpoints(of: steps, graph: graph, performer: performer, order: order)
        isDelivered = delivered
    }

    /// The channels on which an undeclared touchpoint is taken to be the service writing to the customer.
    static let outboundChannels: Set<Channel> = [.sms, .email, .letter]

    /// Channels where an outbound contact leaves nothing the customer keeps: a call or a visit is spoken,
    /// so it is not physical evidence (an SMS, an e-mail or a letter is).
    static let spokenChannels: Set<Channel> = [.phone, .inPerson]

    /// Touchpoints where the service contacts the customer: declared `direction: outbound`, or, when
    /// undeclared,
    /// - a service step (frontstage, backstage, support) on a message channel (SMS, e-mail, letter) whose
    ///   work flows lead to a customer step and that no customer step started, and the customer step that
    ///   receives it on the same channel right after it (the receiving side); a customer step on a message
    ///   channel that only receives (service work leads to it, it sends nothing back: no information, no
    ///   work to a service step) is a receiving side too;
    /// - a phone call that continues no call: see ``phoneDirections(of:graph:performer:order:)``.
    static func outboundTouchpoints(of steps: [Step], graph: BlueprintGraph, performer: [String?], order: TopologicalOrder) -> [Bool] {
        func isService(_ i: Int) -> Bool { steps[i].lane != .customer && steps[i].lane != .evidence }
        func sending(_ i: Int) -> Bool {
            guard let channel = steps[i].channel else { return false }
            if let direction = steps[i].direction { return direction == .outbound }
            guard isService(i), outboundChannels.contains(channel) else { return false }
            var customerBefore = false
            var customerAfter = false
            graph.forEachPredecessor(of: Int32(i)) { p, _, _ in if steps[Int(p)].lane == .customer { customerBefore = true } }
            graph.forEachSuccessor(of: Int32(i)) { w, _, _ in if steps[Int(w)].lane == .customer { customerAfter = true } }
            return customerAfter && !customerBefore
        }
        let sends = steps.indices.map(sending)
        let calls = phoneDirections(of: steps, graph: graph, performer: performer, order: order)
        return steps.indices.map { i in
            if sends[i] { return true }
            // Fields read in place: copying a `Step` retains all of its strings and arrays.
            let direction = steps[i].direction, lane = steps[i].lane
            if direction == nil, steps[i].channel == .phone, let call = calls[i] { return call == .outbound }
            guard direction == nil, lane == .customer, let channel = steps[i].channel else { return false }
            var received = false
            var fromService = false
            var fromCustomer = false
            graph.forEachPredecessor(of: Int32(i)) { p, _, _ in
                if sends[Int(p)], steps[Int(p)].channel == channel { received = true }
                if isService(Int(p)) { fromService = true } else { fromCustomer = true }
            }
            if received { return true }
            // The customer only receives (a card by post): service work leads to it and it answers nothing.
            guard outboundChannels.contains(channel), fromService, !fromCustomer, steps[i].produces.isEmpty else { return false }
            var answers = false
            graph.forEachSuccessor(of: Int32(i)) { w, _, _ in if isService(Int(w)) { answers = true } }
            return !answers
        }
    }

    /// Who started each phone call (`nil` for steps that are not on the phone).
    ///
    /// A phone touchpoint continues a call when a work flow reaches it from a phone touchpoint, or from
    /// work without a channel done during the call by the same person (looking something up while the
    /// customer holds) or by a system (an IVR routing it); it then has that call's direction. A declared `direction` wins. A phone touchpoint
    /// that continues no call starts one: the customer's step is a call to the service (inbound), a service
    /// step is the service calling the customer (outbound), such as a call-back after an escalation or a
    /// satisfaction call days later. One pass in topological order; steps left over by a cycle come last.
    static func phoneDirections(
        of steps: [Step], graph: BlueprintGraph, performer: [String?], order: TopologicalOrder
    ) -> [TouchpointDirection?] {
        let n = steps.count
        var call = [TouchpointDirection?](repeating: nil, count: n)
        // The call a step without a channel is done during, and by whom (`nil` performer: the customer).
        var during = [TouchpointDirection?](repeating: nil, count: n)
        for v in order.order + order.leftover {
            let i = Int(v)
            let channel = steps[i].channel
            if channel == .phone {
                if let declared = steps[i].direction {
                    call[i] = declared
                    continue
                }
                var continued: TouchpointDirection?
                graph.forEachPredecessor(of: v) { p, _, _ in
                    let q = Int(p)
                    // A system (an IVR routing the call, say) hands the call on to whoever takes it next.
                    let hands = performer[q] == performer[i] || steps[q].kind == .automated
                    let carried = steps[q].channel == .phone ? call[q] : (hands ? during[q] : nil)
                    // An inbound call anywhere before wins: the customer is owed the answer.
                    if let carried, continued != .inbound { continued = carried }
                }
                call[i] = continued ?? (steps[i].lane == .customer ? .inbound : .outbound)
            } else if channel == nil, steps[i].lane != .customer, steps[i].lane != .evidence, performer[i] != nil {
                graph.forEachPredecessor(of: v) { p, _, _ in
                    let q = Int(p)
                    guard steps[q].channel == .phone, let direction = call[q] else {
                        if performer[q] == performer[i], let direction = during[q], during[i] != .inbound { during[i] = direction }
                        return
                    }
                    // Staff keep a call open while they work: their own call, or the customer's call they answered.
                    if performer[q] == performer[i] || steps[q].lane == .customer, during[i] != .inbound { during[i] = direction }
                }
            }
        }
        return call
    }

    /// A work flow between two different performers, neither of them the customer.
    func isHandoff(from a: Int32, to b: Int32) -> Bool {
        guard let x = performer[Int(a)], let y = performer[Int(b)] else { return false }
        return x != y
    }

    /// A work flow between two different departments.
    func isDepartmentHandoff(from a: Int32, to b: Int32) -> Bool {
        guard let x = department[Int(a)], let y = department[Int(b)] else { return false }
        return x != y
    }

    func customerWait(of v: Int32) -> Double { customerWaitSeconds[Int(v)] }

    /// The steps producing the item with index `k`.
    func producers(ofItem k: Int32) -> ArraySlice<Int32> {
        producerSteps[Int(producerOffsets[Int(k)])..<Int(producerOffsets[Int(k) + 1])]
    }

    /// The steps needing the item with index `k`.
    func consumers(ofItem k: Int32) -> ArraySlice<Int32> {
        consumerSteps[Int(consumerOffsets[Int(k)])..<Int(consumerOffsets[Int(k) + 1])]
    }

    /// Counting sort of (item, step) pairs into CSR form; steps stay in ascending order.
    static func compressed(_ pairs: [(item: Int32, step: Int32)], itemCount: Int) -> ([Int32], [Int32]) {
        var offsets = [Int32](repeating: 0, count: itemCount + 1)
        for pair in pairs { offsets[Int(pair.item) + 1] += 1 }
        for k in 0..<itemCount { offsets[k + 1] += offsets[k] }
        var cursor = offsets
        var steps = [Int32](repeating: 0, count: pairs.count)
        for pair in pairs {
            steps[Int(cursor[Int(pair.item)])] = pair.step
            cursor[Int(pair.item)] += 1
        }
        return (offsets, steps)
    }
}
