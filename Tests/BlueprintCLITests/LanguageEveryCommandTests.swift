import Foundation
import Testing

/// l10n (issue 19): every command run with `--language zh-Hans` prints no English sentence of its own.
/// What may stay Latin: ids, paths, rule ids, file keys, option and command names, severity words in
/// compiler-style lines (editors' problem matchers read them) and the user's own text.
@Suite("Every command in Chinese")
struct LanguageEveryCommandTests {
    /// `text` with everything that may stay Latin taken out, so what is left is the command's own prose.
    static func ownText(_ text: String, paths: [String]) -> String {
        var text = text
        for path in paths.sorted(by: { $0.count > $1.count }) { text = text.replacingOccurrences(of: path, with: "") }
        let allowed: [Regex<Substring>] = [
            /\[[a-z0-9-]+\]/,  // rule ids
            /\b(?:error|warning|note):/,  // compiler-style severities
            /blueprint [a-z]+(?: [^ \n]+)*/,  // commands to run, with their arguments
            /--[a-z-]+/,  // options
            /apt-get install [a-z -]+/,  // package names
            /'[^']*'|“[^”]*”|`[^`]*`/,  // quoted keys, ids and user text
        ]
        for pattern in allowed { text = text.replacing(pattern, with: " ") }
        return text
    }

    /// Two English words in a row: a sentence or phrase that bypassed the catalogs.
    static func englishPhrases(_ text: String) -> [String] {
        text.matches(of: /[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}/).map { String($0.output) }
    }

    static func expectChinese(_ text: String, _ command: String, paths: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let phrases = englishPhrases(ownText(text, paths: paths))
        #expect(phrases.isEmpty, "\(command) left English in: \(phrases)\n\(text)", sourceLocation: sourceLocation)
    }

    @Test("check, render, report, convert, diff and init speak Chinese; near miss: English stays English")
    func everyCommand() throws {
        let file = try LanguageCommandTests.write(LanguageCommandTests.blueprint(language: nil))
        let folder = file.deletingLastPathComponent()
        let paths = [file.path, folder.path, folder.path + "/"]
        let zh = ["--language", "zh-Hans"]

        let check = try CLI.run(["check", file.path] + zh)
        Self.expectChinese(check.stdout + check.stderr, "check", paths: paths)
        #expect(check.stdout.contains("已检查 1 个蓝图"))

        let render = try CLI.run(["render", file.path, "-o", folder.appendingPathComponent("out").path, "--format", "svg"] + zh)
        Self.expectChinese(render.stderr, "render", paths: paths + [folder.appendingPathComponent("out").path])
        #expect(render.stderr.contains("已绘制 1/1 个蓝图"))
        // The drawing's tooltips are Chinese too (the SVG's xlink:title attributes).
        let svg = try String(contentsOf: folder.appendingPathComponent("out/售后.svg"), encoding: .utf8)
        let titles = svg.matches(of: /xlink:title="([^"]*)"/).map { String($0.output.1) }.joined(separator: "\n")
            .replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&#45;", with: "-")
        Self.expectChinese(titles, "render (tooltips)", paths: paths)
        #expect(titles.contains("阶段："))

        let report = folder.appendingPathComponent("report.md").path
        let reported = try CLI.run(["report", file.path, "-o", report] + zh)
        let markdown = try String(contentsOfFile: report, encoding: .utf8)
        Self.expectChinese(reported.stderr + markdown.replacing(/\]\([^)]*\)/, with: "]"), "report", paths: paths)
        #expect(markdown.contains("# 服务蓝图报告"))

        let converted = folder.appendingPathComponent("json").path
        let convert = try CLI.run(["convert", file.path, "-o", converted, "--to", "json"] + zh)
        Self.expectChinese(convert.stderr, "convert", paths: paths + [converted])
        #expect(convert.stderr.contains("已转换 1/1 个蓝图"))

        let diff = try CLI.run(["diff", file.path, file.path] + zh)
        Self.expectChinese(diff.stdout + diff.stderr, "diff", paths: paths)

        let starter = folder.appendingPathComponent("新服务.yaml").path
        let initialised = try CLI.run(["init", starter] + zh)
        let starterText = try String(contentsOfFile: starter, encoding: .utf8)
        Self.expectChinese(initialised.stdout + initialised.stderr, "init", paths: paths + [starter])
        // The starter's comments and titles are Chinese; its keys and ids are the file format's.
        let comments = starterText.split(separator: "\n").filter { $0.hasPrefix("#") }.joined(separator: "\n")
        Self.expectChinese(comments, "init (starter comments)", paths: paths)
        #expect(starterText.contains("language: zh-Hans"))
        let checkedStarter = try CLI.run(["check", starter, "--fail-on", "never"])
        #expect(checkedStarter.status == 0, "\(checkedStarter.stdout)\(checkedStarter.stderr)")

        // Near miss: the same checks see English where English was asked for.
        let english = try CLI.run(["check", file.path, "--language", "en"])
        #expect(!Self.englishPhrases(Self.ownText(english.stdout, paths: paths)).isEmpty)
    }

    @Test("Reader and validator errors are located and Chinese, with their did-you-mean")
    func diagnostics() throws {
        let broken = LanguageCommandTests.blueprint(language: nil)
            .replacingOccurrences(of: "lane: backstage", with: "lane: bakstage")
            .replacingOccurrences(of: "{from: 受理报修, to: 派单}", with: "{from: 受理报修, to: 派件}")
            .replacingOccurrences(of: "stages:", with: "titel: x\nstages:")
        let file = try LanguageCommandTests.write(broken)
        let paths = [file.path, file.deletingLastPathComponent().path]
        let zh = try CLI.run(["check", file.path, "--language", "zh-Hans"])
        let en = try CLI.run(["check", file.path, "--language", "en"])
        #expect(zh.status == 2 && en.status == 2)
        Self.expectChinese(zh.stdout + zh.stderr, "check (diagnostics)", paths: paths)
        // Same places, same count, only the text differs; the did-you-mean survives translation.
        let places = { (text: String) in text.matches(of: /:(\d+):(\d+): (error|warning):/).map { "\($0.output.1):\($0.output.2)" } }
        #expect(places(zh.stdout) == places(en.stdout))
        #expect(!places(zh.stdout).isEmpty)
        #expect(en.stdout.contains("did you mean 'backstage'?"))
        #expect(zh.stdout.contains("是不是想写 “backstage”？"))
        #expect(en.stdout.contains("did you mean 'title'?"))
        #expect(zh.stdout.contains("是不是想写 “title”？"))
        #expect(zh.stdout.contains("是不是想写 “派单”？"))
    }

    @Test("Syntax, reading and id-alphabet errors are Chinese, located where English puts them, with the quote-the-colon hint")
    func syntaxErrors() throws {
        let broken: [(name: String, text: String)] = [
            ("colon.yaml", "id: x\ntitle: Greet: the customer\nstages: []\n"),
            ("indent.yaml", "id: x\nsteps:\n  - id: a\n   lane: customer\n"),
            ("flow.yaml", "id: x\nsteps: [a, b\n"),
            ("two.yaml", "id: x\n---\nid: y\n"),
            ("alias.yaml", "id: *nope\n"),
            ("comma.json", "{\"id\": \"x\",}\n"),
            ("value.json", "{\"id\": \"x\" \"y\"}\n"),
            ("key.json", "{id: \"x\"}\n"),
            ("number.json", "{\"id\": 01}\n"),
            ("ids.yaml", "id: \"bad/id\"\ntitle: t\nstages: [{id: \"s 1\"}]\nsteps:\n  - {id: \"..x\", title: t, lane: customer, stage: \"s 1\"}\n"),
            ("percent.yaml", LanguageCommandTests.blueprint(language: nil).replacingOccurrences(of: "waitBefore: 2h", with: "waitBefore: 90")),
        ]
        var files: [URL] = []
        for (name, text) in broken { files.append(try LanguageCommandTests.write(text, name: name)) }
        let folder = files[0].deletingLastPathComponent()
        // Each file alone (a syntax error stops that file), then all their lines side by side.
        for file in files {
            // The user's own text, which the hint quotes as it must be written.
            let paths = [file.path, folder.path, "Greet: the customer"]
            let zh = try CLI.run(["check", file.path, "--language", "zh-Hans", "--fail-on", "never"])
            let en = try CLI.run(["check", file.path, "--language", "en", "--fail-on", "never"])
            Self.expectChinese(zh.stdout + zh.stderr, "check \(file.lastPathComponent)", paths: paths)
            let places = { (text: String) in text.matches(of: /:(\d+):(\d+): (error|warning):/).map { "\($0.output.1):\($0.output.2)" } }
            #expect(places(zh.stdout + zh.stderr) == places(en.stdout + en.stderr), "\(file.lastPathComponent)")
            #expect(zh.status == en.status)
        }
        let colon = try CLI.run(["check", files[0].path, "--language", "zh-Hans"])
        #expect(colon.stdout.contains("YAML 语法错误：此处不允许出现映射值"))
        #expect(colon.stdout.contains("请给它加上引号：title: \"Greet: the customer\""))
        let colonEnglish = try CLI.run(["check", files[0].path, "--language", "en"])
        #expect(colonEnglish.stdout.contains("YAML syntax error: mapping values are not allowed in this context; the title contains ': ', so quote the title: title: \"Greet: the customer\""))
        let flow = try CLI.run(["check", files[2].path, "--language", "zh-Hans"])
        #expect(flow.stdout.contains("YAML 语法错误：找不到预期的 “,” 或 “]”（读取始于第 2 行第 8 列的流式序列时）"))
        let bare = try CLI.run(["check", files[10].path, "--language", "zh-Hans", "--fail-on", "never"])
        #expect(bare.stdout.contains("90 没有单位，按秒读取（1分钟30秒）"), "the number is said once")
        let ids = try CLI.run(["check", files[9].path, "--language", "zh-Hans"])
        #expect(ids.stdout.contains("蓝图 id “bad/id” 只能包含字母、数字、“-”、“_” 和 “.”；是不是想写 “bad-id”？"))
        let missing = try CLI.run(["check", folder.appendingPathComponent("缺失.yaml").path, "--language", "zh-Hans"])
        Self.expectChinese(missing.stdout + missing.stderr, "check (missing file)", paths: [folder.path])

        // SARIF for a file that does not load: the result and the pseudo-rule's description are Chinese.
        let sarif = try CLI.run(["check", files[0].path, "--format", "sarif", "--language", "zh-Hans", "--fail-on", "never"])
        let texts = sarif.stdout.matches(of: /"text" : "((?:[^"\\]|\\.)*)"/).map { String($0.output.1) }.joined(separator: "\n")
        Self.expectChinese(texts, "check --format sarif", paths: [files[0].path, "Greet: the customer"])
        #expect(texts.contains("无效的蓝图") || sarif.stdout.contains("\"name\" : \"无效的蓝图\""))
        #expect(sarif.stdout.contains("\"ruleId\" : \"invalid-blueprint\""))
    }

    @Test("The Chinese showcase declares zh-Hans: drawing, legend, journey map and render summary are Chinese without --language")
    func chineseShowcaseDeclaresItsLanguage() throws {
        let folder = try CLI.temporaryDirectory()
        let file = "blueprints/after-sales-network-zh.yaml"
        func texts(_ view: String, _ extra: [String]) throws -> (String, CLI.Result) {
            let out = folder.appendingPathComponent(view + extra.joined()).path
            let run = try CLI.run(["render", file, "-o", out, "--format", "svg", "--view", view] + extra)
            let svg = try String(contentsOfFile: out + "/after-sales-network-zh.svg", encoding: .utf8)
            return (svg.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }.joined(separator: "\n"), run)
        }
        let (drawing, run) = try texts("blueprint", [])
        #expect(run.stderr.contains("已绘制 1/1 个蓝图"), "the summary follows the file's language: \(run.stderr)")
        Self.expectChinese(drawing, "render (declared zh-Hans)", paths: [])
        for word in ["顾客行为", "前台", "后台", "支持过程", "互动线", "可视线", "内部互动线", "图例"] {
            #expect(drawing.contains(word), "\(word)")
        }
        // A branch's share the way the rest of the Chinese text writes it: 60%, not 60 %.
        #expect(drawing.contains("60%") && !drawing.contains("60 %"))
        let (map, _) = try texts("journey", [])
        Self.expectChinese(map, "render --view journey (declared zh-Hans)", paths: [])
        #expect(map.contains("目标") && map.contains("顾客情绪") && !map.contains("Goal"))
        // KPI figures in the reader's units: 3.4分钟 and 38%, not `3.4 min` and `38 %`.
        #expect(map.contains("3.4分钟") && !map.contains(" min"))
        #expect(!map.contains(" %"))
        // Near miss: --language still overrides the file.
        let (english, englishRun) = try texts("blueprint", ["--language", "en"])
        #expect(english.contains("Customer actions") && english.contains("Legend"))
        #expect(englishRun.stderr.contains("rendered 1 of 1 blueprint"))
    }

    @Test("simulate speaks Chinese: report, findings, table, charts, messages and option errors; English stays English")
    func simulate() throws {
        let folder = try CLI.temporaryDirectory()
        let charts = folder.appendingPathComponent("charts").path
        let log = folder.appendingPathComponent("run.csv").path
        let file = "blueprints/after-sales-network-zh.yaml"
        let quick = ["--horizon", "3d", "--warm-up", "1d", "--replications", "2"]
        let zh = try CLI.run(["simulate", file, "-o", charts, "--log", log, "--servers", "field-engineer=9", "--demand", "1.5"] + quick + ["--language", "zh-Hans"])
        #expect(zh.status == 0, "\(zh.stderr)")
        Self.expectChinese(zh.stdout + zh.stderr, "simulate", paths: [file, charts, log])
        #expect(zh.stdout.contains("模拟时长 3天，其中前 1天 为预热期（不计入结果），2 次重复运行"))
        #expect(zh.stdout.contains("，需求 ×1.5，field-engineer = 9 个服务台"))
        #expect(zh.stdout.contains("数据：模拟值（各次重复运行的均值，95% 置信区间）"))
        #expect(zh.stdout.contains("旅程 vip-2h 的交付周期：P50 "))
        #expect(zh.stdout.contains("旅程 vip-2h 的 2小时 目标达成率为 "))
        #expect(zh.stdout.contains("  旅程  ") && zh.stdout.contains("需等待概率"))
        #expect(zh.stderr.contains("已将 ") && zh.stderr.contains(" 个事件写入 \(log)"))
        // The charts' own words, in the page's language.
        for name in try FileManager.default.contentsOfDirectory(atPath: charts) {
            let svg = try String(contentsOfFile: charts + "/" + name, encoding: .utf8)
            let texts = svg.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }.joined(separator: "\n")
            Self.expectChinese(texts, "simulate -o \(name)", paths: [])
            #expect(texts.contains("各时段利用率") || texts.contains("的交付周期（模拟值"), "\(name)")
        }
        // JSON keeps its field names whatever the language.
        let json = try CLI.run(["simulate", file, "--format", "json"] + quick + ["--language", "zh-Hans"])
        #expect(json.stdout.contains("\"leadTimeP50\"") && json.stdout.contains("\"utilization\""))

        // Option errors: located, all at once, Chinese, with the did-you-mean.
        let bad = try CLI.run(["simulate", file, "--servers", "field-enginer=2", "--demand", "0", "--log", "x.txt", "--warm-up", "5d"] + ["--horizon", "3d", "--language", "zh-Hans"])
        #expect(bad.status == 2)
        Self.expectChinese(bad.stderr, "simulate (option errors)", paths: [file])
        #expect(bad.stderr.contains("\(file):1:1: error: --servers field-enginer=2：未知的执行者或资源 “field-enginer”；是不是想写 “field-engineer”？"))
        #expect(bad.stderr.contains("--warm-up 5d：必须短于模拟时长（3天）"))
        #expect(bad.stderr.split(separator: "\n").count == 4)
        let badEnglish = try CLI.run(["simulate", file, "--servers", "field-enginer=2", "--horizon", "3d", "--language", "en"])
        #expect(badEnglish.stderr.contains("\(file):1:1: error: --servers field-enginer=2: unknown actor or resource 'field-enginer'; did you mean 'field-engineer'?"))

        // Near miss: English where English was asked for.
        let en = try CLI.run(["simulate", file] + quick + ["--language", "en"])
        #expect(en.stdout.contains("  figures: simulated (mean of the replications, 95 % confidence interval)"))
        #expect(en.stdout.contains("vip-2h journey lead time: P50 "))
        #expect(!Self.englishPhrases(Self.ownText(en.stdout, paths: [file])).isEmpty)
    }

    @Test(".blueprint.yml range and type errors are located and Chinese; English unchanged")
    func configurationRanges() throws {
        let file = try LanguageCommandTests.write(LanguageCommandTests.blueprint(language: nil))
        let folder = file.deletingLastPathComponent()
        let config = folder.appendingPathComponent(".blueprint.yml")
        try """
            groupAbove: -1
            rules:
              capacity-high-utilization:
                threshold: 2
              parallelizable-chain:
                minimumSaving: 400d
              redundant-stacked-approval:
                maxStepsBetween: two

            """.write(to: config, atomically: true, encoding: .utf8)
        let paths = [file.path, folder.path, config.path, folder.path + "/"]
        let zh = try CLI.run(["check", file.path, "--language", "zh-Hans", "--fail-on", "never"])
        let en = try CLI.run(["check", file.path, "--language", "en", "--fail-on", "never"])
        let zhText = zh.stdout + zh.stderr, enText = en.stdout + en.stderr
        Self.expectChinese(zhText, "check (.blueprint.yml)", paths: paths)
        let places = { (text: String) in text.matches(of: /\.blueprint\.yml:(\d+):(\d+): error:/).map { "\($0.output.1):\($0.output.2)" } }
        #expect(places(zhText) == ["1:13", "4:16", "6:20", "8:22"], "\(zhText)")
        #expect(places(enText) == places(zhText))
        #expect(zhText.contains(".blueprint.yml:1:13: error: “groupAbove” 必须是 1 到 1000000 之间的整数或 off，实际是 “-1”"))
        #expect(zhText.contains("error: 规则 “capacity-high-utilization” 的 “threshold” 必须在 0 到 1 之间，实际是 2"))
        #expect(zhText.contains("error: 规则 “parallelizable-chain” 的 “minimumSaving” 必须在 0s 到 366d 之间，实际是 400d"))
        #expect(zhText.contains("error: 规则 “redundant-stacked-approval” 的 “maxStepsBetween” 必须是整数，例如 2"))
        #expect(enText.contains(".blueprint.yml:1:13: error: 'groupAbove' must be a whole number from 1 to 1000000, or off, found '-1'"))
        #expect(enText.contains("error: 'minimumSaving' of 'parallelizable-chain' must be between 0s and 366d, found 400d"))
        #expect(enText.contains("error: 'maxStepsBetween' of 'redundant-stacked-approval' must be a whole number, e.g. 2"))
        // `report` shows them in the report's language too.
        let report = try CLI.run(["report", file.path, "-o", folder.appendingPathComponent("report.md").path, "--language", "zh-Hans"])
        Self.expectChinese(report.stderr, "report (.blueprint.yml)", paths: paths + [folder.appendingPathComponent("report.md").path])
        #expect(report.stderr.contains("“groupAbove” 必须是 1 到 1000000 之间的整数或 off"))
    }

    @Test("measure, capacity, diff, import, export and the HTML viewer speak Chinese; English stays English")
    func reportsAndInterchange() throws {
        let zh = ["--language", "zh-Hans"]
        let root = CLI.packageRoot.path
        let measure = try CLI.run(["measure", "Examples/measure/ticket-desk.yaml", "--log", "Examples/measure/tickets.csv"] + zh)
        // The blueprint's titles and the log's activities are the user's words, English in this example.
        let blueprintText = try String(contentsOfFile: root + "/Examples/measure/ticket-desk.yaml", encoding: .utf8)
        let titles = blueprintText.matches(of: /title: ([^,}\n]+)/).map { String($0.output.1) }
        let logText = try String(contentsOfFile: root + "/Examples/measure/tickets.csv", encoding: .utf8)
        let activities = Set(logText.split(separator: "\n").compactMap { $0.split(separator: ",").dropFirst().first.map(String.init) })
        Self.expectChinese(
            measure.stdout + measure.stderr, "measure",
            paths: [root, "Examples/measure/ticket-desk.yaml", "Examples/measure/tickets.csv"] + titles + activities)
        #expect(measure.stdout.contains("步骤（中位数 / P90 / 平均值）"))
        // A broken CSV log: row errors, the order warning and a misspelt column, located, in Chinese.
        let badLog = try LanguageCommandTests.write(
            "case,activity,timestamp\nc1,开单,2024-03-01 09:00\nc1,,2024-03-01 09:05\nc1,分派,bad-time\n,分派,2024-03-01 09:10\n"
                + "c2,分派,2024-03-01 10:00\nc2,开单,2024-03-01 09:00\n", name: "log.csv")
        let rows = try CLI.run(["measure", "Examples/measure/ticket-desk.yaml", "--log", badLog.path, "--lenient"] + zh)
        Self.expectChinese(rows.stderr, "measure (log errors)", paths: [badLog.path, "Examples/measure/ticket-desk.yaml"] + titles)
        #expect(rows.stderr.contains("log.csv:3:1: error: 这一行没有活动（第 2 列）；跳过该事件"))
        let column = try CLI.run(["measure", "Examples/measure/ticket-desk.yaml", "--log", badLog.path, "--activity-column", "actvity"] + zh)
        // The header's own column names are listed as written.
        Self.expectChinese(column.stderr, "measure (unknown column)", paths: [badLog.path, "case, activity, timestamp"])
        #expect(column.stderr.contains("是不是想写 “activity”？"))
        let xes = try LanguageCommandTests.write(
            "<log><trace><string key=\"concept:name\" value=\"c1\"/><event><string key=\"concept:name\" value=\"a\"/>"
                + "<date key=\"time:timestamp\" value=\"bad\"/></event></trace><event/>", name: "log.xes")
        let xesRun = try CLI.run(["measure", "Examples/measure/ticket-desk.yaml", "--log", xes.path] + zh)
        Self.expectChinese(xesRun.stderr, "measure (XES errors)", paths: [xes.path])
        #expect(xesRun.stderr.contains("error: 文件在 <log> 内部结束：日志不完整"))
        let measureEnglish = try CLI.run(["measure", "Examples/measure/ticket-desk.yaml", "--log", "Examples/measure/tickets.csv", "--language", "en"])
        #expect(measureEnglish.stdout.contains("Steps (median / P90 / mean)"))

        for name in ["after-sales-network-zh.yaml"] {
            let capacity = try CLI.run(["capacity", "blueprints/\(name)"] + zh)
            Self.expectChinese(capacity.stdout + capacity.stderr, "capacity \(name)", paths: ["blueprints/\(name)"])
            #expect(capacity.stdout.contains("数据：估计值"))
            #expect(capacity.stdout.hasPrefix("快速响应售后服务网络（blueprints/\(name)）"))
            #expect(capacity.stdout.contains("  上门工程师（field-engineer）"))
        }
        let move = try CLI.run(["capacity", "blueprints/after-sales-network-zh.yaml", "--move", "nope=dispatchr"] + zh)
        Self.expectChinese(move.stderr, "capacity --move", paths: ["blueprints/after-sales-network-zh.yaml"])
        #expect(move.stderr.contains("是不是想写 “dispatcher”？"))
        let moveEnglish = try CLI.run(["capacity", "blueprints/after-sales-network-zh.yaml", "--move", "nope=dispatchr", "--language", "en"])
        #expect(moveEnglish.stderr.contains("error: --move nope=dispatchr: unknown step 'nope'; unknown actor 'dispatchr'; did you mean 'dispatcher'?"))

        // diff with changed steps: the change descriptions are Chinese too.
        // (The Chinese showcase, so the user's own titles in KPI and cost lines are Chinese too.)
        let old = try String(contentsOfFile: root + "/blueprints/after-sales-network-zh.yaml", encoding: .utf8)
        let changed = try LanguageCommandTests.write(old.replacingOccurrences(of: "duration: 3min", with: "duration: 7min"), name: "changed.yaml")
        let diff = try CLI.run(["diff", "blueprints/after-sales-network-zh.yaml", changed.path] + zh)
        Self.expectChinese(diff.stdout + diff.stderr, "diff", paths: [changed.path])
        #expect(diff.stdout.contains("duration：3min → 7min"))
        // The metrics read the Chinese way too: full-width colon and brackets, 22.9%.
        #expect(diff.stdout.contains("  步骤数：23 → 23（没有变化）"))
        #expect(diff.stdout.contains("  流程周期效率：") && !diff.stdout.contains(" % → "))

        let folder = changed.deletingLastPathComponent()
        for format in ["bpmn", "csv", "mermaid"] {
            let out = folder.appendingPathComponent("out.\(format)").path
            let export = try CLI.run(["export", "blueprints/clinic-visit.yaml", "--format", format, "-o", out] + zh)
            Self.expectChinese(export.stdout + export.stderr, "export \(format)", paths: [out])
            #expect(export.status == 0)
        }
        let imported = folder.appendingPathComponent("imported.yaml").path
        let bpmn = try CLI.run(["import", "Tests/BlueprintInterchangeTests/Fixtures/bpmn/camunda-order-handling.bpmn", "-o", imported] + zh)
        Self.expectChinese(bpmn.stdout + bpmn.stderr, "import", paths: [imported, "Tests/BlueprintInterchangeTests/Fixtures/bpmn/camunda-order-handling.bpmn"])
        #expect(bpmn.stdout.contains("使用的泳道映射："))
        let table = try LanguageCommandTests.write("id,title,lane,kind\na,A,nowhere,act\n", name: "steps.csv")
        let csv = try CLI.run(["import", table.path, "-o", imported] + zh)
        Self.expectChinese(csv.stdout + csv.stderr, "import (CSV errors)", paths: [imported, table.path])
        #expect(csv.stderr.contains("未知的泳道"))

        // The findings overlay on a Chinese drawing: the heat labels and "+n more" rows too.
        let drawn = folder.appendingPathComponent("overlay").path
        _ = try CLI.run(["render", "blueprints/after-sales-network-zh.yaml", "-o", drawn, "--format", "svg", "--overlay", "findings"] + zh)
        let svg = try String(contentsOfFile: drawn + "/after-sales-network-zh.svg", encoding: .utf8)
        let texts = svg.matches(of: /<text[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }.joined(separator: "\n")
        Self.expectChinese(texts, "render --overlay findings", paths: [])
        #expect(texts.contains("忙碌"))

        // The viewer: its controls and the script's own texts, in the page's language.
        let out = folder.appendingPathComponent("html").path
        _ = try CLI.run(["render", "blueprints/after-sales-repair.yaml", "-o", out, "--format", "html"] + zh)
        let page = try String(contentsOfFile: out + "/after-sales-repair.html", encoding: .utf8)
        let visible = page.matches(of: />([^<>]+)</).map { String($0.output.1) }.filter { !$0.contains("{") }
            + page.matches(of: /aria-label="([^"]*)"/).map { String($0.output.1) }
        let controls = visible.filter { text in
            ["Zoom", "Fit", "Journey", "Rule", "Severity", "Lanes", "Overlays", "Findings", "Metrics", "Source", "Details", "Step"]
                .contains { text.hasPrefix($0) }
        }
        #expect(controls.isEmpty, "viewer controls left in English: \(controls)")
        #expect(page.contains("<html lang=\"zh-Hans\">"))
        #expect(page.contains("\"allJourneys\":\"全部旅程\""))
        #expect(page.contains("适应宽度"))
    }
}
