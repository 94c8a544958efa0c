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

    func run() throws {
        let path = name.hasSuffix(".yaml") || name.hasSuffix(".yml") ? name : name + ".yaml"
        let id = Starter.identifier(from: (path as NSString).lastPathComponent)
        guard force || !FileManager.default.fileExists(atPath: path) else {
            Terminal.error("\(path): error: file exists; use --force to overwrite it")
            throw ExitStatus.invalidInput.exitCode
        }
        do {
            // `init services/returns` makes the folder, as `git init` does.
            let folder = PathText.parent(of: path)
            if !folder.isEmpty { try OutputFolder.create(folder) }
            try AtomicFile.write(Starter.text(id: id), to: path)
        } catch let failure as OutputFolder.Failure {
            Terminal.error("\(path): error: \(failure)")
            throw ExitStatus.findings.exitCode
        } catch {
            Terminal.error("\(path): error: cannot write: \(error)")
            throw ExitStatus.findings.exitCode
        }
        Terminal.output("""
            Created \(path). Next, check and draw it:
              blueprint check \(Self.shellQuoted(path))
              blueprint render \(Self.shellQuoted(path)) -o out
            (From a clone of ServiceBlueprint, prefix the commands with `swift run`.)
            """)
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
