// A service designer's blueprint of a café order, written with the ServiceBlueprint DSL.
//
//     swift run DesignerBlueprint
//
// Builds the blueprint, validates it (the throwing initialiser reports every problem at once)
// and prints a short summary: stages, steps per lane and touchpoints.

import Foundation
import ServiceBlueprint

/// Whether the café has the order-ahead app; the blueprint changes with it (builders take `if`).
let offersAppOrdering = true

let cafe: Blueprint
do {
    cafe = try Blueprint(
        id: "cafe-order", title: "Café order", summary: "From walking in to drinking a flat white.", version: "as-is"
    ) {
        Actors {
            Actor(id: "barista", title: "Barista", kind: .role, department: "bar", capacity: 2,
                  hours: WorkingHours(perDay: 10, daysPerWeek: 7))
            Actor(id: "cashier", title: "Cashier", kind: .role, department: "counter", capacity: 2,
                  hours: WorkingHours(perDay: 10, daysPerWeek: 7))
            Actor(id: "pos", title: "Till and kitchen display", kind: .system)
        }
        Channels {
            ChannelDefinition(.inPerson, responseCommitment: .minutes(1))
            ChannelDefinition(.app, responseCommitment: .seconds(10))
        }
        Information {
            InformationItem(id: "order", title: "Order (drink, size, milk)", fromCustomer: true)
            InformationItem(id: "customer-name", title: "Name for the cup", fromCustomer: true)
            InformationItem(id: "payment", title: "Payment confirmation", kind: .decision)
            InformationItem(id: "ticket", title: "Kitchen display ticket", kind: .document)
            InformationItem(id: "drink", title: "The drink", kind: .material)
        }
        Personas {
            Persona(id: "commuter", title: "Morning commuter", summary: "Has eight minutes before the train.",
                    goals: ["Coffee in hand fast", "Order right first time"])
        }

        Stage("arrive", title: "Arrive", goal: "See what is on offer", emotion: 0) {
            Step("enter", "Customer walks in and queues", lane: .customer, channel: .inPerson)
                .evidence("Menu board", "Queue barrier")
                .waitPoint(tolerance: .minutes(4), notes: "Queue at the counter")
                .waitBefore(.minutes(2))
        }

        Stage("order", title: "Order", goal: "Get exactly the drink I want", emotion: 0, momentsOfTruth: ["Greeting"]) {
            Step("greet", "Cashier greets from the till", lane: .frontstage, actor: "cashier", channel: .inPerson,
                 kind: .communication)
                .after("enter")
                .duration(.seconds(5))
                .timeStandard(.seconds(5))
                .serviceStandard("Eye contact and a hello within 10 s of reaching the till")
            Step("place-order", "Customer orders", lane: .customer, channel: .inPerson)
                .after("greet")
                .produces("order", "customer-name")
            Step("take-order", "Cashier takes the order and the name", lane: .frontstage, actor: "cashier",
                 channel: .inPerson)
                .after("place-order")
                .duration(min: .seconds(30), likely: .seconds(45), max: .minutes(2))
                .timeStandard(.seconds(45), tolerance: .seconds(30))
                .serviceStandard("Greet within 10 s, repeat the order back")
                .responseCommitment(.minutes(1))
                .needs("order", "customer-name")
                .failPoint("Order misheard", recovery: "Read the order back before paying", owner: "cashier",
                           likelihood: 0.05)
                .value(.valueAdding)
            if offersAppOrdering {
                Step("app-order", "Customer orders ahead in the app", lane: .customer, channel: .app)
                    .produces("order", "customer-name")
                    .evidence("App order screen")
                    .then("send-ticket", probability: 1)
            }
        }

        Stage("pay", title: "Pay", goal: "Pay without fuss", emotion: 0) {
            Step("pay", "Customer taps card", lane: .customer, channel: .inPerson)
                .after("take-order")
                .evidence("Card terminal", "Receipt")
            Step("charge", "Till charges the card", lane: .support, actor: "pos", kind: .automated)
                .after("pay")
                .duration(.seconds(5))
                .timeStandard(.seconds(5))
                .produces("payment")
                .value(.necessary)
            Step("send-ticket", "Order appears on the kitchen display", lane: .support, actor: "pos", kind: .automated)
                .after("charge")
                .duration(.seconds(2))
                .timeStandard(.seconds(2))
                .needs("order")
                .produces("ticket")
        }

        Stage("prepare", title: "Prepare", goal: "Wait as little as possible", emotion: -1,
              painPoints: ["Not sure the order was heard"]) {
            Step("wait-drink", "Customer waits at the pick-up point", lane: .customer, kind: .wait)
                .after("pay")
                .waitPoint(tolerance: .minutes(5), notes: "Crowded pick-up point")
                .emotion(-1)
            Step("pull-shot", "Barista pulls the espresso", lane: .backstage, actor: "barista")
                .after("send-ticket")
                .waitBefore(.minutes(2))
                .duration(min: .seconds(25), likely: .seconds(30), max: .seconds(45))
                .timeStandard(.seconds(30), tolerance: .seconds(10))
                .sop("SOP-BAR-01 espresso recipe")
                .needs("ticket")
                .value(.valueAdding)
            Step("steam-milk", "Barista steams the milk", lane: .backstage, actor: "barista")
                .after("pull-shot")
                .duration(.seconds(40))
                .timeStandard(.seconds(40), tolerance: .seconds(15))
                .sop("SOP-BAR-02 milk texture")
                .needs("ticket")
                .produces("drink")
                .value(.valueAdding)
                .failPoint("Wrong milk", recovery: "Remake at once, free cookie", owner: "barista", likelihood: 0.03)
        }

        Stage("collect", title: "Collect", goal: "Get my own drink", emotion: 1, momentsOfTruth: ["Name called"]) {
            Step("call-name", "Barista calls the name and hands over", lane: .frontstage, actor: "barista",
                 channel: .inPerson, kind: .communication)
                .after("steam-milk")
                .after("wait-drink", kind: .information)
                .duration(.seconds(10))
                .timeStandard(.seconds(10))
                .serviceStandard("Name, drink, eye contact")
                .needs("customer-name", "drink")
            Step("take-drink", "Customer takes the drink", lane: .customer, channel: .inPerson)
                .after("call-name")
                .evidence("Cup with name", "Sleeve")
                .emotion(2)
        }

        Stage("stay", title: "Stay", goal: "A clean seat", emotion: 1) {
            Step("find-seat", "Customer sits down with the drink", lane: .customer)
                .after("take-drink")
                .evidence("Clean tables", "Wi-Fi code on the table")
            Step("clear-table", "Cashier clears and wipes the table", lane: .backstage, actor: "cashier")
                .after("find-seat")
                .duration(.minutes(1))
                .timeStandard(.minutes(1), tolerance: .seconds(30))
                .sop("SOP-FOH-04 table turn")
                .value(.necessary)
        }

        Journey(id: "walk-in", title: "Walk-in order", persona: "commuter", start: "enter", ends: ["find-seat"],
                demand: .perHour(60), target: .init(leadTime: .minutes(8), attainment: 0.9))
        if offersAppOrdering {
            Journey(id: "order-ahead", title: "Order ahead", persona: "commuter", start: "app-order",
                    ends: ["take-drink"], demand: .perHour(20), target: .init(leadTime: .minutes(5)))
        }
        DeclaredBottleneck(actor: "barista", "Two baristas share one espresso machine at the morning peak")
    }
} catch {
    // Every problem at once, compiler style.
    print(error)
    exit(1)
}

// MARK: - Summary

print("\(cafe.title) (\(cafe.id)), \(cafe.steps.count) steps in \(cafe.stages.count) stages")
print()
print("Stages:")
for stage in cafe.stages {
    let count = cafe.steps.filter { $0.stage == stage.id }.count
    print("  \(stage.title): \(count) step\(count == 1 ? "" : "s")")
}
print()
print("Steps per lane:")
for lane in cafe.lanes {
    let count = cafe.steps.filter { $0.lane == lane }.count
    if lane == .evidence {
        // Evidence is usually attached to the steps where the customer meets it.
        let items = cafe.steps.reduce(0) { $0 + $1.evidence.count }
        print("  \(lane.title): \(count) steps, \(items) items attached to steps")
    } else {
        print("  \(lane.title): \(count)")
    }
}
print()
let touchpoints = cafe.steps.filter(\.isTouchpoint)
print("Touchpoints (\(touchpoints.count)):")
for step in touchpoints {
    let channel = step.channel?.rawValue ?? "?"
    let commitment = step.standards.response ?? step.channel.flatMap { cafe.responseCommitment(for: $0) }
    print("  \(step.title) — \(channel)" + (commitment.map { ", response commitment \($0)" } ?? ""))
}

// MARK: - Writing the blueprint as YAML
//
// The same model as a file CI can check and render: `swift run DesignerBlueprint cafe-order.yaml`.
// The writer is deterministic and atomic (temporary file, then rename).

let outputPath = CommandLine.arguments.dropFirst().first ?? "cafe-order.yaml"
do {
    try cafe.write(to: outputPath, format: .yaml)
    print()
    print("Wrote \(outputPath)")
} catch {
    print("error: cannot write \(outputPath): \(error)")
    exit(1)
}
