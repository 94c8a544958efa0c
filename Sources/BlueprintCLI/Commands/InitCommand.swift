import ArgumentParser
import Foundation
import ServiceBlueprint

/// `blueprint init`: scaffold a commented blueprint to start from.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a commented starter blueprint NAME.yaml.",
        discussion: "The file is a small, valid blueprint with every lane used; edit it, then run `blueprint check`."
    )

    @Argument(help: "The blueprint's name; written to NAME.yaml (or NAME itself if it ends in .yaml/.yml).")
    var name: String

    @Flag(help: "Overwrite the file if it exists.")
    var force = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        let language = self.language.resolve()
        let path = name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? name : name + ".yaml"
        func text(_ key: String, _ arguments: [String: TextArgument] = [:]) -> String {
            LocalizedText("cli.init.\(key)", arguments.merging(["path": .verbatim(path)]) { given, _ in given }).rendered(in: language)
        }
        let id = Starter.identifier(from: (path as NSString).lastPathComponent)
        guard force || !FileManager.default.fileExists(atPath: path) else {
            Terminal.error(text("exists"))
            throw ExitStatus.invalidInput.exitCode
        }
        do {
            // `init services/returns` makes the folder, as `git init` does.
            let folder = PathText.parent(of: path)
            if !folder.isEmpty { try OutputFolder.create(folder) }
            try AtomicFile.write(Starter.text(id: id, language: language), to: path)
        } catch let failure as OutputFolder.Failure {
            Terminal.error("\(path): error: \(failure)")
            throw ExitStatus.findings.exitCode
        } catch {
            Terminal.error(text("cannotWrite", ["error": .verbatim("\(error)")]))
            throw ExitStatus.findings.exitCode
        }
        Terminal.output(text("created", ["quoted": .verbatim(Self.shellQuoted(path))]))
    }

    /// `path` as one shell word: unchanged when it is plain, else in single quotes, so the printed
    /// command can be pasted as it is ("My Service.yaml" → 'My Service.yaml').
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "@%+=:,./_-".unicodeScalars.contains(scalar))
        }
        if plain, !path.isEmpty { return path }
        return "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
