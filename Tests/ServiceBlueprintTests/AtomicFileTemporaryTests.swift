import Foundation
import Testing

@testable import ServiceBlueprint

/// Temporary files of ``AtomicFile`` cannot be orphaned: unnamed while written (Linux), and stale
/// ones of dead processes removed by the next write.
@Suite("Atomic file temporaries")
struct AtomicFileTemporaryTests {
    static func folder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    /// The id of a process that has ended.
    static func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exit 0"]
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    #if os(Linux)
    @Test("while the content is written, no named temporary file exists (a kill there leaves nothing)")
    func unnamedWhileWriting() throws {
        let folder = try Self.folder()
        var during: [String] = []
        try AtomicFile.write(Data(repeating: 65, count: 1 << 20), to: folder + "/big.svg", beforeCommit: {
            during = try FileManager.default.contentsOfDirectory(atPath: folder)
        })
        #expect(during.isEmpty, "\(during)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["big.svg"])
    }
    #endif

    @Test("orphans of dead processes and old 0.1.0 temporaries are removed; live and foreign files stay")
    func staleFilesRemoved() throws {
        let folder = try Self.folder()
        let dead = try Self.deadProcessID()
        let old = Date(timeIntervalSinceNow: -2 * 3_600)
        let files: [(String, Date?)] = [
            ("report.md", nil),
            (".report.md.\(dead)-1x2y3z.tmp", nil),  // dead process: removed
            (".report.md.\(getpid())-abc.tmp", nil),  // this (live) process: kept
            (".report.md.1k2j3h4g5f6d.tmp", old),  // 0.1.0 form, an hour old, target exists: removed
            (".report.md.9z8y7x6w5v4u.tmp", nil),  // 0.1.0 form but fresh: kept
            (".other.md.1k2j3h4g5f6d.tmp", old),  // 0.1.0 form, old, but no target: kept
            (".notes.tmp", old),  // not ours: kept
            (".report.md.backup.tmp", old),  // too short to be our random token: kept
        ]
        for (name, date) in files {
            let path = folder + "/" + name
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            if let date { try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path) }
        }
        let removed = StaleTemporaryFiles.removeOrphans(in: folder)
        #expect(Set(removed) == [".report.md.\(dead)-1x2y3z.tmp", ".report.md.1k2j3h4g5f6d.tmp"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == files.count - 2)
    }

    @Test("the next write into a folder cleans its orphans")
    func nextWriteCleans() throws {
        let folder = try Self.folder()
        let orphan = folder + "/.a.svg.\(try Self.deadProcessID())-zz9.tmp"
        try Data(repeating: 1, count: 4096).write(to: URL(fileURLWithPath: orphan))
        try AtomicFile.write("<svg/>", to: folder + "/b.svg")
        #expect(!FileManager.default.fileExists(atPath: orphan))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["b.svg"])
    }

    @Test("temporary names carry the process id and are recognised; other names are not")
    func names() {
        let name = AtomicFile.temporaryName(for: "x.svg")
        #expect(name.hasPrefix(".x.svg.\(getpid())-") && name.hasSuffix(".tmp"))
        #expect(StaleTemporaryFiles.classify(name) == .process(getpid()))
        #expect(StaleTemporaryFiles.classify(".x.tmp") == nil)
        #expect(StaleTemporaryFiles.classify(".x.svg.12-AB.tmp") == nil)
    }
}
