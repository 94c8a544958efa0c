/// Where ServiceBlueprint lives: the one place for every link the tools write (SARIF's tool URI, the
/// JSON Schema's `$id`, the documentation). Add the package to yours with
/// `.package(url: "\(ProjectHome.repository).git", from: "0.1.0")`.
public enum ProjectHome {
    /// The canonical repository, also the project's home page.
    public static let repository = "https://github.com/service-blueprint/ServiceBlueprint"
    /// The JSON Schema's `$id`: where the published schema for the main branch can be fetched.
    public static let schemaID = "https://raw.githubusercontent.com/service-blueprint/ServiceBlueprint/main/schema/blueprint.schema.json"
}
