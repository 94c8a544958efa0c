import BlueprintInterchange
import Foundation
import ServiceBlueprint

// Import speed of a generated BPMN file (issue 14: 10 000 tasks in under 1 s, release build).
//
//   swift run -c release --scratch-path .build-interchange interchange-bench [--tasks 10000] [--runs 5]
//
// The file has two pools (customer and company), four lanes, an exclusive gateway after every
// tenth task, a data object per hundred tasks, a timer every fifty, and full BPMNDI shapes and
// edges, like a modeller's file.

var tasks = 10_000
var runs = 5
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2 {
    let flag = arguments.removeFirst(), value = arguments.removeFirst()
    switch flag {
    case "--tasks": tasks = Int(value) ?? tasks
    case "--runs": runs = Int(value) ?? runs
    default:
        print("usage: interchange-bench [--tasks N] [--runs R]")
        exit(2)
    }
}

func generate(tasks: Int) -> String {
    var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" \
        xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" targetNamespace="http://example.com/bench">
        <bpmn:collaboration id="Collab"><bpmn:participant id="P_customer" name="Customer" />\
        <bpmn:participant id="P_company" name="Company" processRef="Proc" />
        """
    for index in stride(from: 0, to: tasks, by: 25) {
        xml += "<bpmn:messageFlow id=\"M\(index)\" name=\"e-mail\" sourceRef=\"T\(index)\" targetRef=\"P_customer\" />\n"
    }
    xml += "</bpmn:collaboration>\n<bpmn:process id=\"Proc\" name=\"Generated\">\n<bpmn:laneSet id=\"LS\">\n"
    for lane in 0..<4 {
        xml += "<bpmn:lane id=\"L\(lane)\" name=\"Role \(lane)\">\n"
        for index in stride(from: lane, to: tasks, by: 4) { xml += "<bpmn:flowNodeRef>T\(index)</bpmn:flowNodeRef>\n" }
        xml += "</bpmn:lane>\n"
    }
    xml += "</bpmn:laneSet>\n"
    let types = ["userTask", "serviceTask", "manualTask", "scriptTask"]
    var flows = ""
    var shapes = ""
    var flowCount = 0
    func flow(_ from: String, _ to: String, _ extra: String = "") {
        flowCount += 1
        flows += "<bpmn:sequenceFlow id=\"F\(flowCount)\" sourceRef=\"\(from)\" targetRef=\"\(to)\"\(extra) />\n"
        shapes += "<bpmndi:BPMNEdge id=\"F\(flowCount)_di\" bpmnElement=\"F\(flowCount)\"><di:waypoint x=\"0\" y=\"0\" /><di:waypoint x=\"10\" y=\"0\" /></bpmndi:BPMNEdge>\n"
    }
    for index in 0..<tasks {
        let type = types[index % 4]
        xml += "<bpmn:\(type) id=\"T\(index)\" name=\"Task number \(index)\">"
        if index % 100 == 0 {
            xml += "<bpmn:dataOutputAssociation id=\"DA\(index)\"><bpmn:targetRef>DR\(index)</bpmn:targetRef></bpmn:dataOutputAssociation>"
        }
        xml += "</bpmn:\(type)>\n"
        if index % 100 == 0 {
            xml += "<bpmn:dataObject id=\"DO\(index)\" name=\"Record \(index)\" /><bpmn:dataObjectReference id=\"DR\(index)\" dataObjectRef=\"DO\(index)\" />\n"
        }
        shapes += "<bpmndi:BPMNShape id=\"T\(index)_di\" bpmnElement=\"T\(index)\"><dc:Bounds x=\"\(index * 150)\" y=\"\((index % 4) * 120)\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>\n"
        guard index + 1 < tasks else { continue }
        if index % 10 == 9, index + 2 < tasks {
            xml += "<bpmn:exclusiveGateway id=\"G\(index)\" />\n"
            flow("T\(index)", "G\(index)")
            flow("G\(index)", "T\(index + 1)", " name=\"yes (80%)\"")
            flow("G\(index)", "T\(index + 2)", " name=\"no (20%)\"")
        } else if index % 50 == 49 {
            xml += "<bpmn:intermediateCatchEvent id=\"W\(index)\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>\n"
            flow("T\(index)", "W\(index)")
            flow("W\(index)", "T\(index + 1)")
        } else {
            flow("T\(index)", "T\(index + 1)")
        }
    }
    xml += flows + "</bpmn:process>\n"
    xml += "<bpmndi:BPMNDiagram id=\"D\"><bpmndi:BPMNPlane id=\"PL\" bpmnElement=\"Collab\">\n" + shapes
    xml += "</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n"
    return xml
}

let data = Data(generate(tasks: tasks).utf8)
print("generated BPMN: \(tasks) tasks, \(data.count) bytes")
var times: [Double] = []
for run in 1...runs {
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let result = try BPMNImporter.importBPMN(data, path: "generated.bpmn")
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        times.append(seconds)
        if run == 1 {
            print(
                "steps \(result.blueprint.steps.count), flows \(result.blueprint.flows.count), "
                    + "information \(result.blueprint.information.count), elements \(result.counts), warnings \(result.diagnostics.count)")
        }
    } catch {
        print("import failed: \(error)")
        exit(1)
    }
}
let sorted = times.sorted()
print(String(format: "import: best %.3f s, median %.3f s over %d runs (target < 1 s)", sorted[0], sorted[sorted.count / 2], runs))
