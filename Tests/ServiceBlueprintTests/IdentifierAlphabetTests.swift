import Foundation
import Testing

@testable import ServiceBlueprint

/// Ids become file names, anchors and node names: only the documented safe alphabet validates.
@Suite("Id alphabet")
struct IdentifierAlphabetTests {
    @Test("a slash in a step id is a located error with a suggestion")
    func slash() {
        #expect(validating("  - id: call\n", "  - id: 'a/b'\n").contains(
            "21:9: error: step id 'a/b' may only contain letters, digits, '-', '_' and '.'; did you mean 'a-b'?"))
    }

    @Test("path traversal, NUL, backslash, control characters and markup are refused")
    func hostileIDs() {
        let cases: [(String, String)] = [
            ("../../etc/passwd", "id '../../etc/passwd' may only contain letters, digits, '-', '_' and '.'; did you mean 'etc-passwd'?"),
            ("x\\u0000y", "id 'x\\u{0}y' may only contain letters, digits, '-', '_' and '.'; did you mean 'x-y'?"),
            ("a\\\\b", "id 'a\\b' may only contain letters, digits, '-', '_' and '.'; did you mean 'a-b'?"),
            ("tab\\there", "id 'tab\\u{9}here' may only contain letters, digits, '-', '_' and '.'; did you mean 'tab-here'?"),
            ("x\\\"><img src=x>", "id 'x\"><img src=x>' may only contain letters, digits, '-', '_' and '.'; did you mean 'x-img-src-x'?"),
            ("..", "id '..' may not start with '.' or contain '..'"),
            (".hidden", "id '.hidden' may not start with '.' or contain '..'; did you mean 'hidden'?"),
            ("a..b", "id 'a..b' may not start with '.' or contain '..'; did you mean 'a.b'?"),
        ]
        for (id, message) in cases {
            #expect(validating("id: test\n", "id: \"\(id)\"\n") == ["1:5: error: blueprint " + message], "\(id)")
        }
    }

    @Test("stage and actor ids are checked too; references keep working")
    func otherKinds() {
        #expect(validating("  - id: agent\n", "  - id: 'agent one'\n").contains(
            "7:9: error: actor id 'agent one' may only contain letters, digits, '-', '_' and '.'; did you mean 'agent-one'?"))
        #expect(validating("  - id: contact\n", "  - id: con/tact\n").contains(
            "4:9: error: stage id 'con/tact' may only contain letters, digits, '-', '_' and '.'; did you mean 'con-tact'?"))
    }

    @Test("letters and digits of any script, '-', '_' and single dots stay valid (near misses)")
    func unicodeIDsAreValid() {
        for id in ["售后服务", "réparation_2", "v1.2-final", "Ünïcødé", "नमस्ते", "a.b.c", "a_"] {
            #expect(BlueprintIdentifier.problem(with: id) == nil, "\(id)")
        }
        let text = variant("  - id: call\n", "  - id: 客户来电\n", in: validationDocument)
            .replacingOccurrences(of: "start: call", with: "start: 客户来电")
            .replacingOccurrences(of: "{from: call,", with: "{from: 客户来电,")
        #expect(diagnosticLines(text).isEmpty)
    }

    @Test("length is bounded")
    func length() {
        #expect(BlueprintIdentifier.problem(with: String(repeating: "a", count: 128)) == nil)
        let long = String(repeating: "a", count: 129)
        #expect(BlueprintIdentifier.problem(with: long)?.contains("is longer than 128 characters") == true)
        #expect(BlueprintIdentifier.suggestion(for: long).count == 128)
    }
}
