import Foundation
import Testing

/// l10n (issue 19): the same check in English and Chinese differs only in its text.
@Suite("blueprint check in Chinese")
struct LanguageCommandTests {
    /// A small after-sales blueprint written in Chinese, ids included, with deliberate flaws.
    static func blueprint(language: String? = "zh-Hans") -> String {
        """
        id: 售后维修
        title: 售后维修服务
        \(language.map { "language: \($0)" } ?? "")
        stages:
          - {id: 报修, title: 报修}
          - {id: 维修, title: 维修}
        actors:
          - {id: 客服, title: 客服专员}
        steps:
          - {id: 致电, title: 顾客致电报修, lane: customer, stage: 报修, channel: phone}
          - {id: 受理报修, title: 客服受理报修, lane: frontstage, stage: 报修, actor: 客服, channel: phone}
          - id: 派单
            title: 派单给工程师
            lane: backstage
            stage: 维修
            failPoint: {risk: 派错区域}
            waitPoint: {}
            waitBefore: 2h
          - {id: 归档, title: 归档工单, lane: support, stage: 维修}
        flows:
          - {from: 致电, to: 受理报修}
          - {from: 受理报修, to: 派单}

        """
    }

    static func write(_ text: String, name: String = "售后.yaml") throws -> URL {
        let folder = try CLI.temporaryDirectory()
        let file = folder.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// The JSON problems without their text, which is all that may differ between languages.
    static func withoutText(_ json: String) throws -> [[String: String]] {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let problems = object?["problems"] as? [[String: Any]] ?? []
        return problems.map { problem in
            var kept: [String: String] = [:]
            for (key, value) in problem where key != "message" && key != "fix" { kept[key] = "\(value)" }
            return kept
        }
    }

    @Test("same findings, locations, ids and exit codes in English and Chinese; only the text differs")
    func sameFindingsOnlyTextDiffers() throws {
        let file = try Self.write(Self.blueprint())
        let chinese = try CLI.run(["check", file.path, "--format", "json", "--fail-on", "warning"])
        let english = try CLI.run(["check", file.path, "--format", "json", "--fail-on", "warning", "--language", "en"])
        #expect(chinese.status == 1 && english.status == 1, "\(chinese.stderr)")
        let shape = try Self.withoutText(chinese.stdout)
        #expect(!shape.isEmpty)
        #expect(shape == (try Self.withoutText(english.stdout)))
        #expect(chinese.stdout != english.stdout)
        #expect(chinese.stdout.contains("既没有执行者也没有负责人"))
        #expect(chinese.stdout.contains("\"ruleID\" : \"missing-owner\""))

        // Text output: the same lines up to the message; severities and rule ids stay as they are.
        let chineseText = try CLI.run(["check", file.path, "--fail-on", "warning"])
        let englishText = try CLI.run(["check", file.path, "--fail-on", "warning", "--language", "en"])
        #expect(chineseText.status == englishText.status)
        func heads(_ output: String) -> [String] {
            output.split(separator: "\n").filter { !$0.hasPrefix(" ") }.dropLast().map { line in
                let rule = line.split(separator: "[").last.map(String.init) ?? ""
                return String(line.prefix { $0 != " " }) + " " + line.split(separator: " ")[1] + " [" + rule
            }
        }
        #expect(heads(chineseText.stdout) == heads(englishText.stdout))
        #expect(chineseText.stdout.contains("修改建议："))
        #expect(chineseText.stdout.contains("已检查 1 个蓝图："))
        #expect(englishText.stdout.contains("1 blueprint checked: "))
    }

    @Test("--language wins over the language: key, which wins over the environment")
    func precedence() throws {
        let declared = try Self.write(Self.blueprint())
        let undeclared = try Self.write(Self.blueprint(language: nil))
        #expect(try CLI.run(["check", undeclared.path, "--fail-on", "never"]).stdout.contains("nobody is accountable"))
        #expect(try CLI.run(["check", declared.path, "--fail-on", "never"]).stdout.contains("无人对它负责"))
        #expect(try CLI.run(["check", undeclared.path, "--fail-on", "never", "--language", "zh-Hans"]).stdout.contains("无人对它负责"))
        #expect(try CLI.run(["check", declared.path, "--fail-on", "never", "--language", "en"]).stdout.contains("nobody is accountable"))
    }

    @Test("an unknown language: is a located error with a suggestion; a misspelt Chinese id gets one too")
    func unknownLanguageAndChineseIDTypo() throws {
        let language = try Self.write(Self.blueprint(language: "zh-hanz"))
        let result = try CLI.run(["check", language.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains(":3:11: error: unknown language 'zh-hanz'; did you mean 'zh-Hans'?"), "\(result.stdout)")
        let typo = try Self.write(Self.blueprint().replacing("{from: 受理报修, to: 派单}", with: "{from: 受理报, to: 派单}"))
        let typoResult = try CLI.run(["check", typo.path])
        #expect(typoResult.status == 2)
        #expect(typoResult.stdout.contains("did you mean '受理报修'?"), "\(typoResult.stdout)")
    }

    @Test("rules --verbose in Chinese keeps ids and severities")
    func rulesInChinese() throws {
        let result = try CLI.run(["rules", "--verbose", "--language", "zh-Hans"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("missing-owner"))
        #expect(result.stdout.contains("步骤没有负责人"))
        #expect(result.stdout.contains("    原因："))
    }
}
