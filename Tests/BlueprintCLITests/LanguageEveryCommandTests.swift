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
}
