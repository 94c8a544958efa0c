import Foundation
import ServiceBlueprint

/// The commented starter blueprint written by `blueprint init`.
enum Starter {
    /// A kebab-case id from a file name: "My Service.yaml" → "my-service".
    static func identifier(from fileName: String) -> String {
        let base = (fileName as NSString).deletingPathExtension.lowercased()
        let words = base.split { !$0.isLetter && !$0.isNumber }
        let id = BlueprintIdentifier.suggestion(for: words.joined(separator: "-"))
        return id.isEmpty ? "my-service" : id
    }

    static func text(id: String) -> String {
        let title = id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        return """
            # Editor completion: run `blueprint schema > blueprint.schema.json` once; the next line uses it.
            # yaml-language-server: $schema=blueprint.schema.json
            # A service blueprint: read left to right in time (stages), top to bottom in visibility (lanes).
            # Lanes: evidence, customer, frontstage, backstage, support.
            # Check it with `blueprint check \(id).yaml`, draw it with `blueprint render \(id).yaml -o out`.
            id: \(id)
            title: \(title)
            summary: What the service does for the customer, in one sentence.

            # Stages are the columns: the phases of the customer's journey.
            stages:
              - id: request
                title: Request
                goal: Ask for the service quickly
              - id: deliver
                title: Deliver
                goal: Get the result without chasing anyone

            # Who does the work. capacity = people or machines working in parallel.
            actors:
              - id: customer
                title: Customer
                kind: customer
              - id: agent
                title: Service agent
                kind: role
                department: service
                capacity: 2
                hours: {perDay: 8, daysPerWeek: 5}
              - id: crm
                title: CRM system
                kind: system

            # Response commitments per channel (built-in channels: phone, chat, email, web, app,
            # in-person, kiosk, social, letter, sms).
            channels:
              - id: web
                responseCommitment: 1min
              - id: email
                responseCommitment: 4h

            # Information that steps need and produce: the analyzers use it to find repeated
            # questions and steps that could run in parallel.
            information:
              - id: request-details
                title: Request details
                fromCustomer: true
              - id: case-record
                title: Case record
                kind: document

            # Who the journey is for, how many arrive, and what you promise them.
            journeys:
              - id: standard
                title: Standard request
                start: submit-request
                demand: {arrivals: 12, per: day}
                target: {leadTime: 1d, attainment: 0.9}

            steps:
              - id: confirmation-page
                title: Confirmation page
                lane: evidence
                stage: request
              - id: submit-request
                title: Customer submits the request form
                lane: customer
                stage: request
                actor: customer
                channel: web
                duration: 5min
                produces: [request-details]
                evidence: [Confirmation page]
              - id: acknowledge
                title: Agent acknowledges and sets expectations
                lane: frontstage
                stage: request
                actor: agent
                channel: email
                duration: {min: 2min, likely: 4min, max: 10min}
                waitBefore: 30min
                standards:
                  time: {target: 4min, tolerance: 2min}
                  service: Reply by name with the expected completion time
                  response: 1h
                needs: [request-details]
                evidence: [Acknowledgement email]
                value: necessary
              - id: record-case
                title: CRM records the case
                lane: support
                stage: request
                actor: crm
                kind: automated
                duration: 1s
                standards:
                  time: {target: 1s, tolerance: 4s}
                needs: [request-details]
                produces: [case-record]
                value: necessary
              - id: do-the-work
                title: Agent does the work
                lane: backstage
                stage: deliver
                actor: agent
                duration: 45min
                standards:
                  time: {target: 45min, tolerance: 15min}
                  sop: SOP-001
                failPoint: {risk: Missing details, recovery: Call the customer once, owner: agent}
                needs: [case-record]
                value: value-adding
              - id: receive-result
                title: Customer receives the result
                lane: customer
                stage: deliver
                actor: customer
                channel: email
                evidence: [Result email]
                waitPoint: {tolerance: 1d}
                emotion: 1

            # Flows connect steps. kind: sequence (default), information, escalation, rework, handoff.
            flows:
              - {from: submit-request, to: confirmation-page, kind: information}
              - {from: submit-request, to: acknowledge}
              - {from: submit-request, to: record-case}
              - {from: record-case, to: do-the-work}
              - {from: do-the-work, to: receive-result}

            """
    }
}
