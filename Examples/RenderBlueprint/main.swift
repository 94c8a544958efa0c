// RenderBlueprint — builds a service blueprint in Swift and renders it with Graphviz, in-process.
//
//   swift run RenderBlueprint out/bike-repair.svg
//   swift run RenderBlueprint out/bike-repair.png --overlay --top-down
//
// The format follows the file extension (svg, png, pdf, dot, plain). The file is written atomically: a
// temporary file in the same folder, then a rename, so a reader never sees half a picture.
import BlueprintGraphviz
import Foundation
import ServiceBlueprint

/// A bike repair shop: drop-off at the counter, inspection, parts, repair and pick-up.
func bikeRepairBlueprint() -> Blueprint {
    let stages = [
        Stage(id: "drop-off", title: "Drop off", goal: "Hand the bike over quickly"),
        Stage(id: "inspect", title: "Inspect & quote", goal: "Know the price up front"),
        Stage(id: "repair", title: "Repair", goal: "Fixed on the promised day"),
        Stage(id: "pick-up", title: "Pick up", goal: "Pay and ride away"),
    ]
    let actors = [
        Actor(id: "customer", title: "Customer", kind: .customer),
        Actor(id: "counter", title: "Counter staff", department: "shop", capacity: 2),
        Actor(id: "mechanic", title: "Mechanic", department: "workshop", capacity: 3),
        Actor(id: "supplier", title: "Parts supplier", kind: .partner),
        Actor(id: "pos", title: "Shop system", kind: .system),
    ]
    let steps = [
        Step(id: "tag", title: "Repair tag on the bike", lane: .evidence, stage: "drop-off"),
        Step(id: "bring-bike", title: "Customer brings the bike", lane: .customer, stage: "drop-off",
             actor: "customer", channel: .inPerson),
        Step(id: "take-in", title: "Counter takes the bike in", lane: .frontstage, stage: "drop-off", actor: "counter",
             channel: .inPerson, duration: ProcessTime(.minutes(5)), waitBefore: .minutes(4),
             standards: Standards(time: TimeStandard(target: .minutes(5), tolerance: .minutes(2)), sop: "SOP-CT-01"),
             waitPoint: WaitPoint(tolerance: .minutes(5), notes: "Queue at the counter")),
        Step(id: "register", title: "Repair order registered", lane: .support, stage: "drop-off", actor: "pos",
             kind: .automated, duration: ProcessTime(.seconds(20))),
        Step(id: "inspect-bike", title: "Mechanic inspects the bike", lane: .backstage, stage: "inspect", actor: "mechanic",
             kind: .check, duration: ProcessTime(min: .minutes(10), likely: .minutes(15), max: .minutes(40)),
             waitBefore: .hours(3),
             failPoint: FailPoint(risk: "Hidden damage missed", recovery: "Second inspection", owner: "mechanic")),
        Step(id: "quote", title: "Counter calls with a quote", lane: .frontstage, stage: "inspect", actor: "counter",
             channel: .phone, kind: .communication, duration: ProcessTime(.minutes(4)),
             standards: Standards(response: .hours(4))),
        Step(id: "approve-quote", title: "Customer approves the quote", lane: .customer, stage: "inspect",
             actor: "customer", channel: .phone, kind: .approval),
        Step(id: "order-parts", title: "Supplier delivers parts", lane: .support, stage: "repair", actor: "supplier",
             kind: .transport, duration: ProcessTime(.days(1))),
        Step(id: "fix", title: "Mechanic repairs the bike", lane: .backstage, stage: "repair", actor: "mechanic",
             duration: ProcessTime(min: .minutes(30), likely: .minutes(45), max: .hours(2)),
             standards: Standards(time: TimeStandard(target: .minutes(45), tolerance: .minutes(15)), sop: "SOP-WS-07"),
             value: .valueAdding, url: "https://wiki.example/sop/ws-07"),
        Step(id: "test-ride", title: "Test ride", lane: .backstage, stage: "repair", actor: "mechanic", kind: .check,
             duration: ProcessTime(.minutes(5))),
        Step(id: "ready-sms", title: "\"Your bike is ready\" SMS", lane: .evidence, stage: "pick-up"),
        Step(id: "collect", title: "Customer collects and pays", lane: .customer, stage: "pick-up", actor: "customer",
             channel: .inPerson),
        Step(id: "hand-over", title: "Counter explains the repair", lane: .frontstage, stage: "pick-up", actor: "counter",
             channel: .inPerson, duration: ProcessTime(.minutes(5))),
    ]
    let flows = [
        Flow(from: "bring-bike", to: "take-in"),
        Flow(from: "take-in", to: "register", kind: .information, label: "repair order"),
        Flow(from: "register", to: "tag", kind: .information),
        Flow(from: "take-in", to: "inspect-bike", kind: .handoff),
        Flow(from: "inspect-bike", to: "quote"),
        Flow(from: "quote", to: "approve-quote"),
        Flow(from: "approve-quote", to: "order-parts", label: "parts needed", probability: 0.5),
        Flow(from: "approve-quote", to: "fix", probability: 0.5),
        Flow(from: "order-parts", to: "fix", kind: .handoff),
        Flow(from: "fix", to: "test-ride"),
        Flow(from: "test-ride", to: "fix", kind: .rework, label: "not right"),
        Flow(from: "test-ride", to: "ready-sms", kind: .information),
        Flow(from: "ready-sms", to: "collect"),
        Flow(from: "collect", to: "hand-over"),
    ]
    return Blueprint(
        id: "bike-repair", title: "Bike repair shop", summary: "Drop-off to pick-up, as the customer lives it",
        version: "as-is", stages: stages, actors: actors, steps: steps, flows: flows)
}

/// Findings an analysis might report, mapped onto the overlay.
func exampleOverlay() -> RenderOverlay {
    var overlay = RenderOverlay(heatTitle: "Utilization")
    overlay.heat["inspect-bike"] = .init(value: 0.93, label: "mechanics 93 % busy")
    overlay.heat["take-in"] = .init(value: 0.6, label: "counter 60 %")
    overlay.parallel.append(.init(first: "order-parts", second: "inspect-bike", note: "Order common parts at drop-off"))
    overlay.criticalSteps = ["bring-bike", "take-in", "inspect-bike", "quote", "approve-quote", "order-parts", "fix"]
    overlay.criticalFlows = ["bring-bike->take-in", "take-in->inspect-bike", "inspect-bike->quote", "quote->approve-quote",
                             "approve-quote->order-parts", "order-parts->fix"]
    overlay.findings["inspect-bike"] = [.init(severity: .warning, message: "Bikes wait 3 h before inspection")]
    return overlay
}

/// Writes `data` to `url` atomically: a temporary file in the same folder, then a rename over the target.
func writeAtomically(_ data: Data, to url: URL) throws {
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
        try data.write(to: temporary)
        if FileManager.default.fileExists(atPath: url.path) {
            _ = try FileManager.default.replaceItemAt(url, withItemAt: temporary)
        } else {
            try FileManager.default.moveItem(at: temporary, to: url)
        }
    } catch {
        try? FileManager.default.removeItem(at: temporary)
        throw error
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let path = arguments.first(where: { !$0.hasPrefix("--") }) else {
    FileHandle.standardError.write(Data("usage: RenderBlueprint <output.svg|png|pdf|dot|plain> [--overlay] [--top-down] [--monochrome]\n".utf8))
    exit(64)
}
let output = URL(fileURLWithPath: path)
guard let format = OutputFormat(fileExtension: output.pathExtension) else {
    FileHandle.standardError.write(Data("error: unknown format '\(output.pathExtension)'; use svg, png, pdf, dot or plain\n".utf8))
    exit(64)
}
var options = RenderOptions()
if arguments.contains("--top-down") { options.direction = .topToBottom }
if arguments.contains("--monochrome") { options.theme = .monochrome }
let overlay = arguments.contains("--overlay") ? exampleOverlay() : nil

do {
    try GraphvizRenderer.shared.checkInstallation()
    let data = try GraphvizRenderer.shared.render(bikeRepairBlueprint(), format: format, options: options, overlay: overlay)
    try writeAtomically(data, to: output)
    print("wrote \(output.path) (\(data.count) bytes)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
