import Foundation
import Testing

@testable import ServiceBlueprint

@Suite("Atomic file writing")
struct DocumentAtomicFileTests {
    struct InjectedFailure: Error {}

    /// Names in `folder` other than `keep`, e.g. leftover temporary files.
    func strayFiles(in folder: URL, keeping keep: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !keep.contains($0) }.sorted()
    }

    @Test func writesANewFile() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new.yaml").path
        try AtomicFile.write("id: x\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id: x\n")
        #expect(try strayFiles(in: folder, keeping: ["new.yaml"]).isEmpty)
    }

    @Test func replacesAnExistingFileAndKeepsItsMode() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("old.json").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        let large = Data((0..<5_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try AtomicFile.write(large, to: path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == large)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try strayFiles(in: folder, keeping: ["old.json"]).isEmpty)
    }

    @Test func failureBeforeTheRenameLeavesTheOldFileIntact() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keep.yaml").path
        try "precious\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: InjectedFailure.self) {
            try AtomicFile.write(Data("half-written".utf8), to: path, beforeCommit: { throw InjectedFailure() })
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious\n")
        #expect(try strayFiles(in: folder, keeping: ["keep.yaml"]).isEmpty, "the temporary file must be removed")
    }

    @Test func parentThatIsAFileFailsCleanly() throws {
        // Tests run as root, so read-only folders do not fail; a regular file as parent always does.
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parent = folder.appendingPathComponent("not-a-folder")
        try "still here\n".write(to: parent, atomically: false, encoding: .utf8)
        let target = parent.appendingPathComponent("blueprint.yaml").path
        do {
            try AtomicFile.write("id: x\n", to: target)
            Issue.record("writing below a regular file succeeded")
        } catch let error as AtomicFileError {
            #expect(error.description == "cannot create a temporary file for '\(target)': Not a directory")
        }
        #expect(try String(contentsOf: parent, encoding: .utf8) == "still here\n")
        #expect(try strayFiles(in: folder, keeping: ["not-a-folder"]).isEmpty)
    }

    @Test func aDirectoryIsNotReplaced() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("out.yaml")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        #expect(throws: AtomicFileError.self) { try AtomicFile.write("x", to: directory.path) }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(try strayFiles(in: folder, keeping: ["out.yaml"]).isEmpty)
    }

    @Test func blueprintWriteFailureLeavesTheOldFileIntact() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let parent = folder.appendingPathComponent("file")
        try "x".write(to: parent, atomically: false, encoding: .utf8)
        #expect(throws: AtomicFileError.self) {
            try Samples.everyProperty.write(to: parent.appendingPathComponent("b.yaml").path)
        }
        #expect(try String(contentsOf: parent, encoding: .utf8) == "x")
    }

    @Test func symbolicLinksAreKeptAndTheirTargetReplaced() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.yaml")
        let link = folder.appendingPathComponent("link.yaml")
        try "old".write(to: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try AtomicFile.write("new", to: link.path)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == "new")
    }

    @Test func concurrentWritersNeverInterleave() async throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shared.txt").path
        let contents = (0..<8).map { String(repeating: Character(UnicodeScalar(UInt8(65 + $0))), count: 200_000) }
        await withTaskGroup(of: Void.self) { group in
            for content in contents {
                group.addTask {
                    for _ in 0..<5 { try? AtomicFile.write(content, to: path) }
                }
            }
        }
        let final = try String(contentsOfFile: path, encoding: .utf8)
        #expect(contents.contains(final))
        #expect(try strayFiles(in: folder, keeping: ["shared.txt"]).isEmpty)
    }

    @Test func relativePathsWork() throws {
        let folder = try DocumentTesting.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A path relative to the working directory, built without changing it (other tests run in parallel).
        let depth = FileManager.default.currentDirectoryPath.split(separator: "/").count
        let relative = String(repeating: "../", count: depth) + String(folder.appendingPathComponent("relative.txt").path.dropFirst())
        try AtomicFile.write("plain", to: relative)
        #expect(try String(contentsOfFile: folder.appendingPathComponent("relative.txt").path, encoding: .utf8) == "plain")
        #expect(try strayFiles(in: folder, keeping: ["relative.txt"]).isEmpty)
    }
}
