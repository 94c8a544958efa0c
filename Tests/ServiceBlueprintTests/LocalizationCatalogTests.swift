import Foundation
import Testing
@testable import ServiceBlueprint

@Suite("Localization: catalogs")
struct LocalizationCatalogTests {
    @Test func bundleModuleHoldsOneCatalogPerLanguage() throws {
        for language in Language.supported {
            let url = try #require(Catalog.bundle.url(forResource: language.identifier, withExtension: "json", subdirectory: "Catalogs"))
            #expect(FileManager.default.fileExists(atPath: url.path))
            let entries = try #require(Catalog.load(language, from: Catalog.bundle))
            #expect(entries.count > 100)
        }
    }

    @Test func everyKeyExistsInEveryLanguageWithTheSamePlaceholders() {
        let english = Catalog.shared.entries[Language.english.identifier] ?? [:]
        #expect(!english.isEmpty)
        for language in Language.supported where language != .english {
            let other = Catalog.shared.entries[language.identifier] ?? [:]
            #expect(Set(other.keys) == Set(english.keys), "\(language): keys differ")
            for (key, template) in english {
                guard let translated = other[key] else { continue }
                #expect(
                    Set(Catalog.placeholders(translated)) == Set(Catalog.placeholders(template)),
                    "\(language) \(key): placeholders differ")
                // Only templates with no words outside their placeholders may read the same in both languages.
                let words = Catalog.fill(template) { _ in "" }.contains { $0.isLetter }
                #expect(translated != template || !words, "\(language) \(key) is not translated")
            }
        }
    }

    @Test func englishCatalogMirrorsTheBuiltInRules() {
        for rule in RuleRegistry.builtIn {
            #expect(Catalog.shared.template("rule.\(rule.id).title", in: .english) == rule.title, "\(rule.id)")
            #expect(Catalog.shared.template("rule.\(rule.id).rationale", in: .english) == rule.rationale, "\(rule.id)")
            #expect(Catalog.shared.template("rule.\(rule.id).howToFix", in: .english) == rule.howToFix, "\(rule.id)")
            #expect(rule.title(in: .simplifiedChinese) != rule.title, "\(rule.id) has no Chinese title")
        }
    }

    @Test func placeholdersAreFilledAndUnknownOnesStayVisible() {
        #expect(Catalog.fill("a %{x} b %{y}") { $0 == "x" ? "1" : nil } == "a 1 b %{y}")
        // Percent signs that open no placeholder, an unclosed one, neighbours, and text in other scripts.
        #expect(Catalog.fill("100 % of %%{x}%{x}%") { _ in "步骤" } == "100 % of %步骤步骤%")
        #expect(Catalog.fill("顾客 %{x} 等待 %{y") { _ in "前台" } == "顾客 前台 等待 %{y")
        #expect(Catalog.fill("") { _ in "x" } == "" && Catalog.fill("%{}") { $0.isEmpty ? "e" : nil } == "e")
        #expect(Catalog.fill("😀%{a}é") { _ in "ü" } == "😀üé")
        // A combining mark after a placeholder, and a prepended mark before one, stay where they were.
        #expect(Catalog.fill("%{a}\u{301}x") { _ in "e" }.unicodeScalars.map(\.value) == [0x65, 0x301, 0x78])
        #expect(Catalog.fill("\u{600}%{a}") { _ in "1" }.unicodeScalars.map(\.value) == [0x600, 0x31])
        #expect(Catalog.placeholders("%{step} has %{count} and %{step}") == ["step", "count", "step"])
        #expect(LocalizedText("no.such.key").rendered(in: .simplifiedChinese) == "no.such.key")
    }

    @Test func languagesComeFromIdentifiersAndLocales() {
        #expect(Language(identifier: "zh-hans") == .simplifiedChinese)
        #expect(Language(identifier: "fr") == nil)
        #expect(Language(locale: "zh_CN.UTF-8") == .simplifiedChinese)
        #expect(Language(locale: "zh_Hans") == .simplifiedChinese)
        #expect(Language(locale: "zh_TW.UTF-8") == nil)
        #expect(Language(locale: "en_GB.UTF-8") == .english)
        #expect(Language(locale: "C") == nil)
    }

    @Test func valuesAreWrittenTheLanguagesWayWhateverTheMachinesLocale() {
        let zh = Language.simplifiedChinese
        #expect(zh.format(.duration(.minutes(135))) == "2小时15分钟")
        #expect(zh.format(.duration(.seconds(90))) == "1分钟30秒")
        #expect(zh.format(.duration(.hours(36))) == "1天12小时")
        #expect(zh.format(.duration(.zero)) == "0秒")
        #expect(Language.english.format(.duration(.minutes(135))) == "2h 15min")
        #expect(zh.format(.percent(0.933)) == "93.3%")
        #expect(Language.english.format(.percent(0.933)) == "93.3 %")
        #expect(zh.format(.list(["a", "b", "c"])) == "a、b和c")
        #expect(Language.english.format(.list(["a", "b", "c"])) == "a, b and c")
        #expect(zh.format(.step(title: "受理报修", id: "accept")) == "“受理报修”（accept）")
    }

    @Test func findingsKeepEnglishMessageAndRenderInChinese() throws {
        let blueprint = Fixture.blueprint(
            steps: [Fixture.step("fix", "工程师上门维修", .backstage)], actors: [])
        let finding = try #require(Fixture.findings(MissingOwnerRule(), blueprint).first)
        #expect(finding.message == "'工程师上门维修' (fix) has no actor and no owner: nobody is accountable for it.")
        #expect(finding.message(in: .simplifiedChinese) == "“工程师上门维修”（fix）既没有执行者也没有负责人：无人对它负责。")
        #expect(finding.fix?.summary(in: .simplifiedChinese) == "指定“工程师上门维修”（fix）的执行者或负责人。")
        // The catalog text stays out of JSON, which keeps its fields.
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        #expect(!json.contains("\"text\""))
    }
}
