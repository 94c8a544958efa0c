import Foundation
import Testing

@testable import ServiceBlueprint

/// The project's home is written in one place and every link the tools write agrees with it.
@Suite("Project home")
struct ProjectHomeTests {
    @Test("the schema's $id, the schema file and the README use ProjectHome")
    func linksAgree() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(BlueprintSchema.json.utf8)) as? [String: Any]
        #expect(schema?["$id"] as? String == ProjectHome.schemaID)
        #expect(ProjectHome.schemaID.hasPrefix(ProjectHome.repository.replacingOccurrences(of: "https://github.com", with: "https://raw.githubusercontent.com")))
        let file = try String(contentsOf: DocumentTesting.repositoryRoot.appendingPathComponent("schema/blueprint.schema.json"), encoding: .utf8)
        #expect(file.contains("\"$id\": \"\(ProjectHome.schemaID)\""))
        let readme = try String(contentsOf: DocumentTesting.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(".package(url: \"\(ProjectHome.repository).git\", from:"))
        let changelog = try String(contentsOf: DocumentTesting.repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        #expect(!changelog.contains("OWNER"))
    }
}
