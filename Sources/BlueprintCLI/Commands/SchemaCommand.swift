import ArgumentParser
import ServiceBlueprint

/// `blueprint schema`: print the JSON Schema of the file format.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of the blueprint file format.",
        discussion: """
            Editors use it for completion and checking. For YAML files with the YAML language server, \
            save it (blueprint schema > schema/blueprint.schema.json) and start each file with:
              # yaml-language-server: $schema=schema/blueprint.schema.json
            """
    )

    func run() {
        Terminal.output(BlueprintSchema.json)
    }
}
