"""Generates blueprint.schema.json and its copy in the library, Sources/ServiceBlueprint/Document/BlueprintSchema.swift.

Run from anywhere: python3 schema/generate.py
Edit this file, not the generated ones; the tests check that both outputs agree with each other
and with the reader's keys and enums (SchemaTests).
"""
import json, collections, os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
O = collections.OrderedDict

def ref(name, description):
    return O([("$ref", f"#/$defs/{name}"), ("description", description)])

def string(description, **extra):
    d = O([("type", "string"), ("description", description)])
    d.update(extra)
    return d

def strings(description, item="string"):
    return O([("type", "array"), ("description", description), ("items", O([("type", "string")]))])

def ids(description, kind):
    return O([("type", "array"), ("description", description), ("items", O([("$ref", "#/$defs/id"), ("description", f"The id of {kind}.")]))])

def obj(description, properties, required=(), **extra):
    d = O([("type", "object"), ("description", description), ("additionalProperties", False)])
    if required:
        d["required"] = list(required)
    d["properties"] = O(properties)
    d.update(extra)
    return d

lanes = ["evidence", "customer", "frontstage", "backstage", "support"]
aliases = sorted(["physical-evidence", "physical_evidence", "physicalEvidence", "customer-actions", "customer_actions", "customerActions",
    "onstage", "front-stage", "visible-contact", "back-stage", "invisible-contact", "support-processes", "support_processes", "supportProcesses"])
builtin_channels = ["phone", "chat", "email", "web", "app", "in-person", "kiosk", "social", "letter", "sms"]
step_kinds = ["action", "decision", "approval", "check", "handoff", "wait", "automated", "communication", "transport"]
flow_kinds = ["sequence", "information", "escalation", "rework", "handoff"]
value_classes = ["value-adding", "necessary", "waste"]
actor_kinds = ["customer", "role", "department", "system", "partner"]
info_kinds = ["data", "document", "decision", "material"]
periods = ["hour", "day", "week"]
servqual = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]
kpi_kinds = ["nps", "csat", "ces", "custom", "responseTime", "handlingTime", "firstContactResolution", "errorRate", "costPerCase"]

number = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
units = "(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wk|weeks?)"
duration_pattern = rf"^[ \t]*(?:{number} *{units} *)+$|^[ \t]*{number}[ \t]*$"

defs = O()
defs["id"] = O([("type", "string"), ("minLength", 1), ("description", "A stable id, unique among its kind, e.g. `diagnose-remote`. Other parts refer to it.")])
defs["duration"] = O([
    ("description", "A span of time as people write it: `90s`, `5min`, `2h`, `1.5d`, `1w` or combined `1h30min` (units ms, s/sec/second(s), m/min/minute(s), h/hr/hour(s), d/day(s), w/wk/week(s); a day is 24 hours). A bare number is seconds."),
    ("oneOf", [
        O([("type", "string"), ("pattern", duration_pattern)]),
        O([("type", "number"), ("minimum", 0)]),
    ]),
])
defs["processTime"] = O([
    ("description", "How long the work of a step takes once started: one duration, or an estimate. With `likely`, `min` and `max` default to it; `max` alone (\"up to\") is read as min = likely = max, so every figure uses the bound; `min` and `max` without `likely` (a range) take the midpoint as likely."),
    ("oneOf", [
        O([("$ref", "#/$defs/duration")]),
        obj("An estimate: `likely` (with optional `min` and `max`), `max` alone, or `min` and `max`.", [
            ("min", ref("duration", "The shortest plausible time.")),
            ("likely", ref("duration", "The most likely time, used for the critical path.")),
            ("max", ref("duration", "The longest plausible time; alone, an upper bound used as the time.")),
        ], anyOf=[O([("required", ["likely"])]), O([("required", ["max"])])]),
    ]),
])
percent_pattern = r"^[ \t]*(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t]*%[ \t]*$"
defs["probability"] = O([
    ("description", "A probability or share, from 0 to 1, or a percentage such as `10%`."),
    ("oneOf", [
        O([("type", "number"), ("minimum", 0), ("maximum", 1)]),
        O([("type", "string"), ("pattern", percent_pattern)]),
    ]),
])
defs["emotion"] = O([("type", "integer"), ("minimum", -2), ("maximum", 2), ("description", "The customer's emotion, from -2 (very negative) to +2 (very positive).")])
defs["lane"] = O([
    ("description", "The lane a step sits in, top to bottom: evidence (physical evidence), customer (customer actions), frontstage (visible contact), backstage (invisible contact), support (support processes). Aliases such as `onstage` or `physical-evidence` are accepted."),
    ("enum", lanes + aliases),
])
defs["channel"] = O([
    ("description", "The channel of a touchpoint: a built-in channel (phone, chat, email, web, app, in-person, kiosk, social, letter, sms) or the id of a channel declared under `channels`."),
    ("anyOf", [O([("enum", builtin_channels)]), O([("type", "string"), ("minLength", 1)])]),
])
defs["stage"] = obj("A column of the blueprint: a phase of the customer journey, with the journey-map view of it.", [
    ("id", ref("id", "The stage id, referenced by steps.")),
    ("title", string("The display title; defaults to the id.")),
    ("goal", string("What the customer wants to achieve in this phase.")),
    ("emotion", ref("emotion", "The customer's emotion in this phase, from -2 to +2.")),
    ("painPoints", strings("What hurts the customer in this phase.")),
    ("momentsOfTruth", strings("Moments that decide the customer's view of the service.")),
    ("evidence", strings("What the customer sees throughout the stage (the servicescape: the room, the parking, the décor).")),
    ("painDimension", ref("servqualDimension", "The SERVQUAL dimension the stage's pain points hurt; the coverage analysis asks for a standard in it.")),
], required=["id"])
defs["workingHours"] = obj("When an actor works; used to turn daily demand into hourly load.", [
    ("perDay", O([("type", "number"), ("exclusiveMinimum", 0), ("maximum", 24), ("description", "Hours worked per day, more than 0 and at most 24.")])),
    ("daysPerWeek", O([("type", "number"), ("exclusiveMinimum", 0), ("maximum", 7), ("description", "Days worked per week, more than 0 and at most 7; defaults to 5.")])),
], required=["perDay"])
defs["actor"] = obj("Someone or something that performs steps: the customer, a role, a department, a system or a partner.", [
    ("id", ref("id", "The actor id, referenced by steps, fail points and bottlenecks.")),
    ("title", string("The display name; defaults to the id.")),
    ("kind", O([("enum", actor_kinds), ("description", "What kind of performer this is; defaults to `role`.")])),
    ("department", string("The organisational unit; a flow between units is a hand-off.")),
    ("capacity", O([("type", "integer"), ("minimum", 1), ("description", "The number of servers (people, desks, machines) working in parallel; absent means unlimited.")])),
    ("hours", ref("workingHours", "When the actor works; absent means around the clock.")),
    ("notes", string("Free text.")),
    ("rate", O([("type", "number"), ("minimum", 0), ("description", "The labour cost of one hour of this actor's work, in the blueprint's currency; with each step's likely time it gives the cost per case.")])),
], required=["id"])
defs["channelDefinition"] = obj("A channel beyond the built-in ones, or a built-in channel given a response commitment.", [
    ("id", ref("id", "The channel id that steps use in `channel`.")),
    ("title", string("A display name, e.g. \"WhatsApp Business\".")),
    ("responseCommitment", ref("duration", "The response time the organisation commits to on this channel.")),
], required=["id"])
defs["informationItem"] = obj("A piece of information that steps need or produce: data, a document, a decision or a physical item.", [
    ("id", ref("id", "The item id, referenced by `needs` and `produces`.")),
    ("title", string("The display title; defaults to the id.")),
    ("kind", O([("enum", info_kinds), ("description", "What sort of information this is; defaults to `data`.")])),
    ("fromCustomer", O([("type", "boolean"), ("description", "`true` when the item originates with the customer, so asking for it again is a redundancy; defaults to false.")])),
    ("deliveredTo", O([("enum", ["customer", "partner", "record"]), ("description", "Where the item goes outside the modelled journey: to the customer later, a partner, or a record; the work producing it is then neither unused nor unsupported.")])),
    ("notes", string("Free text.")),
], required=["id"])
defs["persona"] = obj("A kind of customer the service is designed for.", [
    ("id", ref("id", "The persona id, referenced by journeys.")),
    ("title", string("The display name; defaults to the id.")),
    ("summary", string("Who they are, in a sentence or two.")),
    ("goals", strings("What they want from the service.")),
], required=["id"])
defs["demand"] = obj("How many customers start a journey: arrivals per period.", [
    ("arrivals", O([("type", "number"), ("exclusiveMinimum", 0), ("description", "The number of arrivals in one period; more than 0.")])),
    ("per", O([("enum", periods), ("description", "The period arrivals are counted over.")])),
], required=["arrivals", "per"])
defs["journeyTarget"] = obj("What a journey commits to: a lead-time SLA met by a share of customers.", [
    ("leadTime", ref("duration", "The maximum lead time from the start step to an end step.")),
    ("attainment", ref("probability", "The share of journeys that must meet the lead time, e.g. 0.9.")),
], required=["leadTime"])
defs["journey"] = obj("A named path or scenario through the blueprint, with demand and targets.", [
    ("id", ref("id", "The journey id.")),
    ("title", string("The display title; defaults to the id.")),
    ("persona", ref("id", "The persona who takes this journey, by id.")),
    ("start", ref("id", "The step where the journey begins, by id.")),
    ("ends", ids("Steps where the journey ends; absent means any step without successors.", "a step")),
    ("steps", ids("When given, the journey is restricted to these steps.", "a step")),
    ("branchProbabilities", O([
        ("type", "object"),
        ("description", "Probabilities that replace the flows' own for this journey, keyed by flow as `from->to`."),
        ("propertyNames", O([("pattern", "^.+->.+$")])),
        ("additionalProperties", ref("probability", "The probability of taking this flow in this journey.")),
    ])),
    ("demand", ref("demand", "How many customers start this journey.")),
    ("target", ref("journeyTarget", "What the journey must achieve.")),
    ("costOfDelay", O([("type", "number"), ("minimum", 0), ("description", "What one hour of a case's lead time costs, in the blueprint's currency (a courtesy car, a bed, a penalty): findings that shorten the lead time then state the money saved per case.")])),
    ("followUps", ids("Steps that start follow-up work in this journey: they and the work only they lead to are off the customer's path and out of its lead time.", "a step")),
], required=["id", "start"])
defs["timeStandard"] = obj("The expected execution time of a step and how far it may run over.", [
    ("target", ref("duration", "The expected time.")),
    ("tolerance", ref("duration", "How much longer is still acceptable; defaults to 0s.")),
], required=["target"])
defs["standards"] = obj("The standards that govern a step.", [
    ("time", ref("timeStandard", "The time standard: target and tolerance.")),
    ("sop", string("A reference to the standard operating procedure, e.g. `SOP-RP-004` or a URL.")),
    ("service", string("The service or quality standard, or the script customer-facing staff follow.")),
    ("response", ref("duration", "The response time committed to the customer at this touchpoint.")),
    ("startWithin", ref("duration", "A time-to-start commitment on any step: it begins within this time, e.g. greet within 1min.")),
    ("dimension", ref("servqualDimension", "The SERVQUAL dimension these standards protect, e.g. `responsiveness` for a response time.")),
])
defs["failPoint"] = obj("Marks a step where the service is likely to go wrong.", [
    ("risk", string("What goes wrong.")),
    ("recovery", string("How the service recovers.")),
    ("owner", ref("id", "The actor who owns the recovery, by id.")),
    ("likelihood", ref("probability", "How likely it is, from 0 to 1.")),
], required=["risk"])
defs["waitPoint"] = obj("Marks a step where the customer waits.", [
    ("tolerance", ref("duration", "How long the customer will accept to wait.")),
    ("notes", string("What the wait is like for the customer.")),
])
defs["step"] = obj("One step of the service, placed in a lane and (optionally) a stage.", [
    ("id", ref("id", "The step id, referenced by flows, journeys and findings.")),
    ("title", string("What happens, in a few words, e.g. \"Agent checks warranty\".")),
    ("lane", ref("lane", "The lane the step sits in.")),
    ("stage", ref("id", "The stage (column), by id; without one the step belongs to the implicit stage, drawn without a header.")),
    ("actor", ref("id", "Who performs the step, by actor id.")),
    ("owner", ref("id", "Who is accountable, by actor id, when different from the actor.")),
    ("channel", ref("channel", "The touchpoint's channel, for steps where customer and organisation meet.")),
    ("kind", O([("enum", step_kinds), ("description", "What sort of work this is; defaults to `action`.")])),
    ("duration", ref("processTime", "How long the work takes once started.")),
    ("waitBefore", ref("duration", "How long the work waits before it starts (queue, transport, batch).")),
    ("standards", ref("standards", "The standards that govern the step.")),
    ("failPoint", ref("failPoint", "Set when the step is likely to go wrong.")),
    ("waitPoint", ref("waitPoint", "Set when the customer waits at this step.")),
    ("value", O([("enum", value_classes), ("description", "Value-stream class: value-adding, necessary (non-value-adding) or waste.")])),
    ("needs", ids("Information items the step needs.", "an information item")),
    ("produces", ids("Information items the step produces.", "an information item")),
    ("evidence", strings("What the customer sees or receives at this step.")),
    ("emotion", ref("emotion", "The customer's emotion at this step, from -2 to +2.")),
    ("painPoints", strings("What hurts the customer at this step.")),
    ("tags", strings("Free-form labels.")),
    ("notes", string("Free text.")),
    ("url", string("A link to more detail, e.g. the SOP page.")),
    ("followUp", O([("type", "boolean"), ("description", "The step starts follow-up work: it and the work only it leads to finish after the customer's path (results sent later).")])),
    ("direction", O([("enum", ["inbound", "outbound"]), ("description", "Who starts the contact at a touchpoint: `outbound` when the service contacts the customer (SMS, e-mail, letter); inferred when absent.")])),
    ("delivers", O([("enum", ["customer", "partner", "record"]), ("description", "Where the step's output goes outside the modelled journey: to the customer later, a partner, or a record.")])),
    ("cost", O([("type", "number"), ("minimum", 0), ("description", "A fixed cost each time the step runs (postage, a part, a fee), in the blueprint's currency, on top of the labour of its actor's `rate`.")])),
    ("painDimension", ref("servqualDimension", "The SERVQUAL dimension the step's pain points hurt (a long wait hurts `responsiveness`); the coverage analysis asks for a standard in it on the step or in its stage.")),
], required=["id", "title", "lane"])
defs["flow"] = obj("A directed connection between two steps.", [
    ("from", ref("id", "The source step, by id.")),
    ("to", ref("id", "The target step, by id.")),
    ("kind", O([("enum", flow_kinds + ["association"]), ("description", "What moves along the flow; defaults to `sequence`. Only `rework` flows may close a cycle; `information` flows carry data only. `association` makes the entry an undirected association (as under `associations`), left out of paths.")])),
    ("label", string("A short label, or the branch condition for flows leaving a decision.")),
    ("probability", O([
        ("description", "The probability that work takes this flow when its source has several; those leaving one step add up to at most 1. `unknown` marks one of exclusive branches whose share is not known: analyses assume an equal share of what the known branches leave, and say so."),
        ("anyOf", [O([("$ref", "#/$defs/probability")]), O([("const", "unknown")])]),
    ])),
], required=["from", "to"])
# Measured from an event log (issue 15): written by `blueprint measure --update` beside the estimates.
defs["measuredTimes"] = obj("Durations measured from an event log.", [
    ("median", ref("duration", "The median.")),
    ("p90", ref("duration", "The 90th percentile.")),
    ("mean", ref("duration", "The mean.")),
], required=["median", "p90", "mean"])
defs["measuredStep"] = obj("What an event log showed for the step, written by `blueprint measure --update`; the designer's `duration` and `waitBefore` are kept beside it.", [
    ("service", ref("measuredTimes", "Service time: start to complete.")),
    ("wait", ref("measuredTimes", "Waiting time: the previous completion in the case to the start.")),
    ("cases", O([("type", "integer"), ("minimum", 0), ("description", "Cases in which the step occurred.")])),
    ("log", string("The event log the figures come from.")),
])
defs["measuredFlow"] = obj("What an event log showed for the flow, written by `blueprint measure --update`; the declared `probability` is kept beside it.", [
    ("probability", ref("probability", "The share of the source step's occurrences directly followed by the target.")),
    ("samples", O([("type", "integer"), ("minimum", 0), ("description", "Occurrences of the source step.")])),
], required=["probability"])
defs["step"]["properties"]["measured"] = ref("measuredStep", "Figures measured from an event log (`blueprint measure --update`).")
defs["flow"]["properties"]["measured"] = ref("measuredFlow", "The share measured from an event log (`blueprint measure --update`).")
defs["association"] = obj("An undirected link between two steps: related, with no order. Drawn dashed without an arrow; never part of a path.", [
    ("between", O([("type", "array"), ("description", "The two steps, by id."), ("minItems", 2), ("maxItems", 2), ("items", O([("$ref", "#/$defs/id"), ("description", "The id of a step.")]))])),
    ("label", string("A short label.")),
], required=["between"])
defs["servqualDimension"] = O([("enum", servqual), ("description", "A SERVQUAL dimension of perceived service quality: tangibles (the physical evidence), reliability (right the first time), responsiveness (willingness and speed), assurance (competence, courtesy, trust), empathy (individual attention).")])
defs["measurement"] = obj("One measured value of a KPI, with its sample and period: without them it cannot be compared.", [
    ("value", O([("type", "number"), ("description", "The reported figure in the KPI's unit; computed from `scores` when only they are given.")])),
    ("scores", O([("type", "array"), ("description", "Answer counts by score from the scale's lowest answer up: 11 counts (0…10) for NPS, 5 (1…5) for CSAT, 7 (1…7) for CES."), ("items", O([("type", "integer"), ("minimum", 0)]))])),
    ("sample", O([("type", "integer"), ("minimum", 0), ("description", "How many answers or cases the figure comes from; the sum of `scores` when absent.")])),
    ("period", string("When it was measured, e.g. `2026-Q2`.")),
])
defs["kpi"] = obj("An experience or process KPI measured at a touchpoint (`step`), a `stage` or a `journey`.", [
    ("id", ref("id", "The KPI id.")),
    ("title", string("The display title; defaults to the id.")),
    ("kind", O([("enum", kpi_kinds), ("description", "What it measures: `nps` (−100…+100), `csat` (% of 4–5 answers on 1–5), `ces` (mean on 1–7, higher is easier), `custom` (higher is better), `responseTime` and `handlingTime` (minutes), `firstContactResolution` and `errorRate` (%), `costPerCase`.")])),
    ("step", ref("id", "The touchpoint it is measured at, by step id.")),
    ("stage", ref("id", "The stage it is measured over, by stage id.")),
    ("journey", ref("id", "The journey it is measured over, by journey id.")),
    ("target", O([("type", "number"), ("description", "The value to reach: at least (scores, first-contact resolution) or at most (times, error rate, cost).")])),
    ("dimension", ref("servqualDimension", "The SERVQUAL dimension the KPI watches.")),
    ("measured", O([("type", "array"), ("description", "Measured values, oldest first; the last is the current figure."), ("items", O([("$ref", "#/$defs/measurement")]))])),
], required=["id", "kind"])
defs["bottleneck"] = obj("A step or an actor (exactly one of them) known to limit throughput.", [
    ("step", ref("id", "The limiting step, by id.")),
    ("actor", ref("id", "The limiting actor, by id.")),
    ("cause", string("Why it limits throughput.")),
], required=["cause"], oneOf=[O([("required", ["step"])]), O([("required", ["actor"])])])

# sim17 (issue 17): the `simulation:` block.
clock_pattern = r"^([01]?[0-9]|2[0-4]):[0-5][0-9]$"
patience_choice = [O([("required", ["fixed"])]), O([("required", ["exponential"])])]
patience_keys = [
    ("fixed", ref("duration", "Every customer waits exactly this long.")),
    ("exponential", ref("duration", "Patience is exponential with this mean (the +M of M/M/c+M, Erlang-A).")),
]
defs["patience"] = obj("How long a waiting customer stays: exactly `fixed`, or exponential with mean `exponential` (one of them).", patience_keys, oneOf=patience_choice)
defs["shift"] = obj("Working time repeated every week.", [
    ("days", string("The days the shift starts on: `mon-fri`, `sat`, `mon,wed,fri`, `daily` (the default).")),
    ("from", string("The start, `HH:MM`.", pattern=clock_pattern)),
    ("to", string("The end, `HH:MM`; at or before the start means the next day.", pattern=clock_pattern)),
    ("servers", O([("type", "integer"), ("minimum", 0), ("description", "Servers on duty; the actor's capacity when absent.")])),
], required=["from", "to"])
defs["calendar"] = obj("A weekly calendar: outside every shift the actors it names are closed; overlapping shifts add up.", [
    ("id", ref("id", "The calendar id.")),
    ("actors", ids("The actors that work to this calendar.", "an actor")),
    ("shifts", O([("type", "array"), ("description", "The shifts."), ("items", O([("$ref", "#/$defs/shift")]))])),
], required=["id", "shifts"])
defs["sharedResource"] = obj("A room, bay, seat or vehicle held by a case from the start of one step to the end of another.", [
    ("id", ref("id", "The resource id.")),
    ("title", string("The display title; defaults to the id.")),
    ("capacity", O([("type", "integer"), ("minimum", 1), ("description", "How many cases can hold it at once.")])),
    ("from", ref("id", "The step at whose start the resource is taken.")),
    ("to", ref("id", "The step at whose end it is given back; the same step when absent.")),
], required=["id", "capacity", "from"])
defs["segment"] = obj("A group of customers: a share of demand with a queue priority (1 is served first), optionally its own target and patience.", [
    ("id", ref("id", "The segment id.")),
    ("title", string("The display title; defaults to the id.")),
    ("share", ref("probability", "The share of arrivals in this segment.")),
    ("priority", O([("type", "integer"), ("minimum", 1), ("description", "Queue priority; lower numbers are served first. Default 1.")])),
    ("journeys", ids("The journeys the segment takes part in; all when absent.", "a journey")),
    ("target", ref("duration", "A lead-time target replacing the journey's.")),
    ("patience", ref("patience", "Patience replacing the wait points' tolerances.")),
], required=["id", "share"])
defs["demandProfile"] = obj("Relative arrival weights by hour and weekday; the journey's demand is unchanged in total.", [
    ("journeys", ids("The journeys it applies to; all when absent.", "a journey")),
    ("hourly", O([("type", "array"), ("description", "24 weights from 00:00."), ("minItems", 24), ("maxItems", 24), ("items", O([("type", "number"), ("minimum", 0)]))])),
    ("weekly", O([("type", "array"), ("description", "7 weights, Monday first."), ("minItems", 7), ("maxItems", 7), ("items", O([("type", "number"), ("minimum", 0)]))])),
])
defs["patienceRule"] = obj("Patience at some steps (every wait point when none are named), replacing their tolerance.", [
    ("steps", ids("The steps it applies to.", "a step")),
] + patience_keys, oneOf=patience_choice)
defs["serviceTimeRule"] = obj("A service-time distribution other than the PERT-beta of the estimates.", [
    ("steps", ids("The steps it applies to; all when absent.", "a step")),
    ("distribution", O([("enum", ["pert", "exponential", "fixed"]), ("description", "`pert` (default), `exponential` with the PERT mean, or `fixed` at the likely time.")])),
], required=["distribution"])
defs["simulation"] = obj("What `blueprint simulate` needs beyond the model. Every part is optional.", [
    (key, O([("type", "array"), ("description", description), ("items", O([("$ref", f"#/$defs/{item}")]))]))
    for key, item, description in [
        ("calendars", "calendar", "Weekly calendars with shifts."),
        ("resources", "sharedResource", "Non-human resources held across steps."),
        ("segments", "segment", "Customer segments with priorities."),
        ("demandProfiles", "demandProfile", "How arrivals vary by hour and weekday."),
        ("patience", "patienceRule", "Patience at wait points."),
        ("serviceTimes", "serviceTimeRule", "Service-time distributions."),
    ]
])

root = O([
    ("$schema", "https://json-schema.org/draft/2020-12/schema"),
    ("$id", "https://raw.githubusercontent.com/service-blueprint/ServiceBlueprint/main/schema/blueprint.schema.json"),
    ("title", "Service blueprint"),
    ("description", "A service blueprint in YAML or JSON: stages (columns), steps in five lanes, flows, actors, channels, information, personas, journeys and bottlenecks. Keys are written in this order. In YAML, point editors at this schema with a first line `# yaml-language-server: $schema=<path>/blueprint.schema.json`; in JSON, with a top-level `\"$schema\"` key."),
    ("type", "object"),
    ("additionalProperties", False),
    ("required", ["id"]),
    ("properties", O([
        ("$schema", string("The schema this file follows, for editors; ignored by readers.")),
        ("id", ref("id", "The blueprint id, e.g. `after-sales-repair`.")),
        ("title", string("The display title; defaults to the id.")),
        ("summary", string("What the service is, in a sentence or two.")),
        ("version", string("The version label of this process, e.g. \"as-is\" or \"2026-Q3 to-be\".")),
        # l10n (issue 19): the language the blueprint is written in.
        ("language", O([("enum", ["en", "zh-Hans"]), ("description", "The language the blueprint is written in (en, zh-Hans): its drawing and report use it unless --language says otherwise.")])),
        ("stages", O([("type", "array"), ("description", "The stages (columns), left to right."), ("items", O([("$ref", "#/$defs/stage")]))])),
        ("actors", O([("type", "array"), ("description", "The performers: customer, roles, departments, systems, partners."), ("items", O([("$ref", "#/$defs/actor")]))])),
        ("channels", O([("type", "array"), ("description", "Channels beyond the built-in ones, and response commitments per channel."), ("items", O([("$ref", "#/$defs/channelDefinition")]))])),
        ("information", O([("type", "array"), ("description", "Information items that steps need and produce."), ("items", O([("$ref", "#/$defs/informationItem")]))])),
        ("personas", O([("type", "array"), ("description", "The customers the service is designed for."), ("items", O([("$ref", "#/$defs/persona")]))])),
        ("journeys", O([("type", "array"), ("description", "Named paths through the blueprint, with demand and targets."), ("items", O([("$ref", "#/$defs/journey")]))])),
        ("steps", O([("type", "array"), ("description", "The steps, in the order the designer wrote them. A blueprint needs at least one."), ("minItems", 1), ("items", O([("$ref", "#/$defs/step")]))])),
        ("flows", O([("type", "array"), ("description", "The flows between steps."), ("items", O([("$ref", "#/$defs/flow")]))])),
        ("bottlenecks", O([("type", "array"), ("description", "Steps or actors the designer knows to limit throughput."), ("items", O([("$ref", "#/$defs/bottleneck")]))])),
        ("maturity", O([("enum", ["sketch", "draft", "detailed"]), ("description", "How far the blueprint is worked out; picks the analysis preset: sketch → `sketch`, draft → `recommended`, detailed → `strict`.")])),
        ("evidence", strings("What the customer sees throughout the service (the servicescape: the building, the website, the brand).")),
        ("associations", O([("type", "array"), ("description", "Undirected links between steps, left out of paths and path analyses."), ("items", O([("$ref", "#/$defs/association")]))])),
        ("kpis", O([("type", "array"), ("description", "Experience and process KPIs (NPS, CSAT, CES, times, first-contact resolution, error rate, cost per case) with targets and measured values."), ("items", O([("$ref", "#/$defs/kpi")]))])),
        ("currency", string("How money is written, e.g. `¥` or `EUR`: the unit of actor rates, step costs and cost-per-case KPIs, put before amounts in findings, reports and `diff`.")),
        # sim17 (issue 17)
        ("simulation", ref("simulation", "Calendars and shifts, shared resources, customer segments, demand profiles and patience for `blueprint simulate`.")),
    ])),
    ("$defs", defs),
])
text = json.dumps(root, indent=2, ensure_ascii=False) + "\n"
open(os.path.join(HERE, "blueprint.schema.json"), "w", encoding="utf-8", newline="\n").write(text)
# Swift constant
swift = '''// Generated by schema/generate.py from the same definitions as schema/blueprint.schema.json: edit
// that script and run `python3 schema/generate.py` instead of editing this file.

/// The JSON Schema of blueprint documents (draft 2020-12), the same text as
/// `schema/blueprint.schema.json` in the repository (a test keeps the two identical).
///
/// Editors use it to complete and check blueprint files as they are typed:
///
/// - YAML (VS Code with the YAML extension, or any editor using yaml-language-server): make the
///   first line of the file a modeline pointing at the schema, relative to the file or as a URL:
///   ```yaml
///   # yaml-language-server: $schema=../schema/blueprint.schema.json
///   id: after-sales-repair
///   ```
/// - JSON: add a top-level `"$schema"` key with the same path; readers accept and ignore it.
///
/// The schema checks structure and value ranges: known keys only (`additionalProperties: false`),
/// required keys, types, enum values, the duration syntax, probabilities in 0…1, emotions in -2…2,
/// capacities of at least 1. Checks across the document (unknown ids, cycles, sums of
/// probabilities) are done by ``Blueprint/validate()``.
public enum BlueprintSchema {
    /// The schema as JSON text.
    public static let json: String = #"""
''' + text + '''
"""#
}
'''
open(os.path.join(ROOT, "Sources", "ServiceBlueprint", "Document", "BlueprintSchema.swift"), "w", encoding="utf-8", newline="\n").write(swift)
