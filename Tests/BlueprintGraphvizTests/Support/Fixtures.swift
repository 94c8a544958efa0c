import ServiceBlueprint

@testable import BlueprintGraphviz

/// Blueprints used by the tests.
enum Fixtures {
    /// A realistic after-sales repair service: 29 steps in 5 stages, first line, second line and field
    /// technician, with every flow kind, fail and wait points, standards and touchpoints.
    static let repair: Blueprint = {
        let stages = [
            Stage(id: "report", title: "Report the fault", goal: "Get help quickly", emotion: -1),
            Stage(id: "diagnose", title: "Diagnose", goal: "Understand what is wrong", emotion: -1),
            Stage(id: "schedule", title: "Schedule the visit", goal: "A time slot that suits me", emotion: 0),
            Stage(id: "repair", title: "Repair on site", goal: "A working device", emotion: 1),
            Stage(id: "follow-up", title: "Follow-up", goal: "Fair invoice, no surprises", emotion: 1),
        ]
        let actors = [
            Actor(id: "customer", title: "Customer", kind: .customer),
            Actor(id: "first-line", title: "First-line agent", department: "service-centre", capacity: 6),
            Actor(id: "second-line", title: "Second-line engineer", department: "technical-support", capacity: 2),
            Actor(id: "dispatcher", title: "Dispatcher", department: "field-service", capacity: 1),
            Actor(id: "technician", title: "Field technician", department: "field-service", capacity: 8),
            Actor(id: "warehouse", title: "Parts warehouse", kind: .department, department: "logistics"),
            Actor(id: "crm", title: "CRM system", kind: .system),
            Actor(id: "billing", title: "Billing system", kind: .system),
        ]
        func minutes(_ value: Double) -> BlueprintDuration { .minutes(value) }
        let steps = [
            // Report the fault
            Step(id: "support-page", title: "Support page with hotline number", lane: .evidence, stage: "report"),
            Step(id: "call-hotline", title: "Customer calls the hotline", lane: .customer, stage: "report",
                 actor: "customer", channel: .phone, kind: .communication, emotion: -1),
            Step(id: "greet", title: "Agent greets and identifies the customer", lane: .frontstage, stage: "report",
                 actor: "first-line", channel: .phone, duration: ProcessTime(minutes(2)), waitBefore: minutes(3),
                 standards: Standards(time: TimeStandard(target: minutes(2), tolerance: minutes(1)), sop: "SOP-FL-001",
                                      service: "Greet by name", response: .seconds(30)),
                 waitPoint: WaitPoint(tolerance: minutes(2), notes: "On hold with music")),
            Step(id: "log-case", title: "Agent logs the case", lane: .backstage, stage: "report", actor: "first-line",
                 duration: ProcessTime(minutes(3)), produces: ["case"]),
            Step(id: "create-ticket", title: "CRM creates the ticket", lane: .support, stage: "report", actor: "crm",
                 kind: .automated, duration: ProcessTime(.seconds(5)), needs: ["case"], produces: ["ticket"]),
            Step(id: "ticket-sms", title: "SMS with ticket number", lane: .evidence, stage: "report"),
            // Diagnose
            Step(id: "describe-fault", title: "Customer describes the fault", lane: .customer, stage: "diagnose",
                 actor: "customer", channel: .phone, painPoints: ["Repeats the description"]),
            Step(id: "diagnose-remote", title: "Agent diagnoses the fault remotely", lane: .frontstage, stage: "diagnose",
                 actor: "first-line", channel: .phone,
                 duration: ProcessTime(min: minutes(5), likely: minutes(8), max: minutes(20)),
                 standards: Standards(time: TimeStandard(target: minutes(8), tolerance: minutes(4)), sop: "SOP-FL-002"),
                 failPoint: FailPoint(risk: "Wrong diagnosis", recovery: "Escalate to second line", owner: "second-line", likelihood: 0.15),
                 value: .valueAdding, url: "https://intranet.example/sop/fl-002"),
            Step(id: "check-warranty", title: "Agent checks the warranty", lane: .backstage, stage: "diagnose",
                 actor: "first-line", kind: .check, duration: ProcessTime(minutes(4)), value: .necessary),
            Step(id: "second-line-analysis", title: "Second line analyses the fault", lane: .backstage, stage: "diagnose",
                 actor: "second-line", duration: ProcessTime(min: minutes(15), likely: minutes(30), max: .hours(2)),
                 waitBefore: .hours(4)),
            Step(id: "remote-fix", title: "Remote fix possible?", lane: .frontstage, stage: "diagnose", actor: "first-line",
                 kind: .decision, duration: ProcessTime(minutes(1))),
            Step(id: "try-fix", title: "Customer follows the fix instructions", lane: .customer, stage: "diagnose",
                 actor: "customer", channel: .phone, duration: ProcessTime(minutes(10))),
            // Schedule the visit
            Step(id: "plan-visit", title: "Dispatcher plans the technician visit", lane: .backstage, stage: "schedule",
                 actor: "dispatcher", duration: ProcessTime(minutes(10)), waitBefore: .hours(2),
                 failPoint: FailPoint(risk: "No technician with the right skills", owner: "dispatcher")),
            Step(id: "reserve-parts", title: "Warehouse reserves spare parts", lane: .support, stage: "schedule",
                 actor: "warehouse", duration: ProcessTime(minutes(20))),
            Step(id: "confirm-slot", title: "Dispatcher confirms the appointment", lane: .frontstage, stage: "schedule",
                 actor: "dispatcher", channel: .sms, kind: .communication, duration: ProcessTime(minutes(2)),
                 standards: Standards(response: .hours(4))),
            Step(id: "agree-slot", title: "Customer agrees on the time slot", lane: .customer, stage: "schedule",
                 actor: "customer", channel: .sms),
            Step(id: "confirmation-email", title: "Appointment confirmation email", lane: .evidence, stage: "schedule"),
            // Repair on site
            Step(id: "ship-parts", title: "Parts shipped to the technician", lane: .support, stage: "repair",
                 actor: "warehouse", kind: .transport, duration: ProcessTime(.days(1))),
            Step(id: "arrive", title: "Technician arrives on site", lane: .frontstage, stage: "repair", actor: "technician",
                 channel: .inPerson, kind: .transport, duration: ProcessTime(minutes(45)),
                 waitPoint: WaitPoint(tolerance: minutes(30), notes: "Time window of 4 hours")),
            Step(id: "let-in", title: "Customer lets the technician in", lane: .customer, stage: "repair", actor: "customer",
                 channel: .inPerson),
            Step(id: "repair-device", title: "Technician repairs the device", lane: .frontstage, stage: "repair",
                 actor: "technician", channel: .inPerson,
                 duration: ProcessTime(min: minutes(30), likely: minutes(60), max: minutes(180)),
                 standards: Standards(time: TimeStandard(target: minutes(60), tolerance: minutes(30)), sop: "SOP-FT-010"),
                 failPoint: FailPoint(risk: "Wrong part delivered", recovery: "Second visit", owner: "warehouse", likelihood: 0.08),
                 value: .valueAdding),
            Step(id: "test-device", title: "Technician tests with the customer", lane: .frontstage, stage: "repair",
                 actor: "technician", channel: .inPerson, kind: .check, duration: ProcessTime(minutes(10))),
            Step(id: "sign-report", title: "Customer signs the service report", lane: .customer, stage: "repair",
                 actor: "customer", channel: .inPerson),
            Step(id: "service-report", title: "Signed service report", lane: .evidence, stage: "repair"),
            // Follow-up
            Step(id: "close-ticket", title: "Ticket closed and costs booked", lane: .backstage, stage: "follow-up",
                 actor: "dispatcher", duration: ProcessTime(minutes(5))),
            Step(id: "issue-invoice", title: "Billing issues the invoice", lane: .support, stage: "follow-up",
                 actor: "billing", kind: .automated),
            Step(id: "send-survey", title: "Satisfaction survey sent", lane: .frontstage, stage: "follow-up", actor: "crm",
                 channel: .sms, kind: .automated),
            Step(id: "rate-service", title: "Customer rates the service", lane: .customer, stage: "follow-up",
                 actor: "customer", channel: .sms, emotion: 1),
            Step(id: "invoice-sms", title: "Invoice and survey by SMS", lane: .evidence, stage: "follow-up"),
        ]
        let flows = [
            Flow(from: "call-hotline", to: "greet"),
            Flow(from: "greet", to: "log-case"),
            Flow(from: "log-case", to: "create-ticket", kind: .information, label: "case data"),
            Flow(from: "create-ticket", to: "ticket-sms", kind: .information),
            Flow(from: "greet", to: "describe-fault"),
            Flow(from: "describe-fault", to: "diagnose-remote"),
            Flow(from: "diagnose-remote", to: "check-warranty"),
            Flow(from: "diagnose-remote", to: "second-line-analysis", kind: .escalation, label: "unclear", probability: 0.2),
            Flow(from: "check-warranty", to: "remote-fix"),
            Flow(from: "second-line-analysis", to: "remote-fix"),
            Flow(from: "remote-fix", to: "try-fix", label: "yes", probability: 0.4),
            Flow(from: "try-fix", to: "diagnose-remote", kind: .rework, label: "still broken"),
            Flow(from: "remote-fix", to: "plan-visit", kind: .handoff, label: "no", probability: 0.6),
            Flow(from: "plan-visit", to: "reserve-parts", kind: .information, label: "parts list"),
            Flow(from: "plan-visit", to: "confirm-slot"),
            Flow(from: "confirm-slot", to: "agree-slot"),
            Flow(from: "confirm-slot", to: "confirmation-email", kind: .information),
            Flow(from: "reserve-parts", to: "ship-parts"),
            Flow(from: "agree-slot", to: "arrive"),
            Flow(from: "ship-parts", to: "arrive", kind: .handoff),
            Flow(from: "arrive", to: "let-in"),
            Flow(from: "let-in", to: "repair-device"),
            Flow(from: "repair-device", to: "test-device"),
            Flow(from: "test-device", to: "repair-device", kind: .rework, label: "test failed"),
            Flow(from: "test-device", to: "sign-report"),
            Flow(from: "sign-report", to: "service-report", kind: .information),
            Flow(from: "sign-report", to: "close-ticket"),
            Flow(from: "close-ticket", to: "issue-invoice", kind: .information),
            Flow(from: "close-ticket", to: "send-survey"),
            Flow(from: "send-survey", to: "rate-service"),
            Flow(from: "issue-invoice", to: "invoice-sms", kind: .information),
        ]
        return Blueprint(
            id: "after-sales-repair", title: "After-sales repair", summary: "Hotline, remote diagnosis, field repair",
            version: "as-is 2026", stages: stages, actors: actors, steps: steps, flows: flows)
    }()

    /// An overlay for ``repair`` with every kind of marking.
    static let repairOverlay: RenderOverlay = {
        var overlay = RenderOverlay(heatTitle: "Utilization")
        overlay.heat = [
            "repair-device": .init(value: 0.96, label: "technicians 96 % busy"),
            "second-line-analysis": .init(value: 0.82, label: "second line 82 %"),
            "greet": .init(value: 0.55, label: "agents 55 %"),
            "plan-visit": .init(value: 1.1, label: "dispatcher 110 %"),
        ]
        overlay.redundant = ["check-warranty": "CRM already knows the warranty status"]
        overlay.parallel = [.init(first: "plan-visit", second: "reserve-parts", note: "Parts need only the diagnosis")]
        overlay.criticalSteps = ["call-hotline", "greet", "describe-fault", "diagnose-remote", "check-warranty", "remote-fix",
                                 "plan-visit", "reserve-parts", "ship-parts", "arrive", "let-in", "repair-device",
                                 "test-device", "sign-report", "close-ticket"]
        overlay.criticalFlows = ["call-hotline->greet", "greet->describe-fault", "describe-fault->diagnose-remote",
                                 "diagnose-remote->check-warranty", "check-warranty->remote-fix", "remote-fix->plan-visit",
                                 "plan-visit->reserve-parts", "reserve-parts->ship-parts", "ship-parts->arrive",
                                 "arrive->let-in", "let-in->repair-device", "repair-device->test-device",
                                 "test-device->sign-report", "sign-report->close-ticket"]
        overlay.findings = [
            "describe-fault": [.init(severity: .warning, message: "Customer repeats the fault description")],
            "plan-visit": [.init(severity: .error, message: "Dispatcher over capacity (ρ = 1.1)"),
                           .init(severity: .note, message: "Single dispatcher, no backup")],
        ]
        return overlay
    }()
}

extension Fixtures {
    /// Three steps in one stage: the smallest blueprint with a touchpoint.
    static let minimal = Blueprint(
        id: "minimal", title: "Minimal",
        stages: [Stage(id: "contact", title: "Contact")],
        steps: [
            Step(id: "ask", title: "Customer asks a question", lane: .customer, stage: "contact", channel: .chat),
            Step(id: "answer", title: "Agent answers", lane: .frontstage, stage: "contact", channel: .chat,
                 duration: ProcessTime(.minutes(3))),
            Step(id: "look-up", title: "Agent looks up the order", lane: .backstage, stage: "contact"),
        ],
        flows: [Flow(from: "ask", to: "answer"), Flow(from: "answer", to: "look-up")])

    /// Two stages with every flow kind, badges and standards.
    static let returns = Blueprint(
        id: "returns", title: "Product return", summary: "Return by post", version: "to-be",
        stages: [Stage(id: "request", title: "Request", goal: "Easy to start"), Stage(id: "refund", title: "Refund")],
        actors: [Actor(id: "clerk", title: "Returns clerk", capacity: 2), Actor(id: "erp", title: "ERP", kind: .system)],
        steps: [
            Step(id: "label", title: "Return label (PDF)", lane: .evidence, stage: "request"),
            Step(id: "fill-form", title: "Customer fills in the return form", lane: .customer, stage: "request",
                 channel: .web, waitPoint: WaitPoint(tolerance: .minutes(2))),
            Step(id: "check-form", title: "Clerk checks the form", lane: .backstage, stage: "request", actor: "clerk",
                 kind: .check, duration: ProcessTime(min: .minutes(2), likely: .minutes(4), max: .minutes(9)),
                 standards: Standards(time: TimeStandard(target: .minutes(4), tolerance: .minutes(2)), sop: "SOP-R-1"),
                 failPoint: FailPoint(risk: "Form incomplete", recovery: "Ask the customer")),
            Step(id: "approve", title: "Supervisor approves", lane: .backstage, stage: "refund", kind: .approval),
            Step(id: "refund-payment", title: "ERP refunds the payment", lane: .support, stage: "refund", actor: "erp",
                 kind: .automated, url: "https://erp.example/refund?id=1&mode=full"),
            Step(id: "confirm", title: "Customer gets the refund notice", lane: .customer, stage: "refund", channel: .email),
        ],
        flows: [
            Flow(from: "fill-form", to: "check-form"),
            Flow(from: "check-form", to: "fill-form", kind: .rework, label: "incomplete", probability: 0.1),
            Flow(from: "check-form", to: "label", kind: .information),
            Flow(from: "check-form", to: "approve", kind: .escalation, label: "over 100 €"),
            Flow(from: "approve", to: "refund-payment", kind: .handoff),
            Flow(from: "refund-payment", to: "confirm", kind: .information),
        ])

    /// An overlay for ``returns``.
    static let returnsOverlay = RenderOverlay(
        heatTitle: "Utilization",
        heat: ["check-form": .init(value: 0.9, label: "clerks 90 %")],
        redundant: ["approve": "Second check of the same data"],
        parallel: [.init(first: "approve", second: "refund-payment")],
        criticalSteps: ["fill-form", "check-form"],
        criticalFlows: ["fill-form->check-form"],
        findings: ["check-form": [.init(severity: .warning, message: "No SOP owner")]])
}
