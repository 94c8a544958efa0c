import Foundation

#if canImport(Glibc)
import Glibc
#endif

// Finding and reading the catalog files. Foundation's `Bundle` lists the resource directories and
// `JSONDecoder` builds a generic tree first: together a tenth of a 10 000-step check. The catalogs
// are read from the resource directory next to the executable, and parsed as the flat object of
// strings they are; anything else falls back to `Bundle.module` and `JSONDecoder`.

extension Catalog {
    /// Where the catalog files come from.
    enum Source: Sendable {
        /// The package's resources: next to the executable, else `Bundle.module`.
        case resources
        /// A given bundle.
        case bundle(Bundle)
    }

    /// The name of the package's resource directory, which SwiftPM puts next to the executable.
    static let resourceDirectoryName = "ServiceBlueprint_ServiceBlueprint.resources"

    /// The catalog of one language; `nil` when absent or not a flat JSON object of strings.
    static func load(_ language: Language, from source: Source) -> [String: String]? {
        let file = "\(language.identifier).json"
        if case .resources = source, let directory = executableDirectory,
            let data = FileManager.default.contents(atPath: "\(directory)/\(resourceDirectoryName)/Catalogs/\(file)")
        {
            return decode(data)
        }
        let bundle: Bundle
        switch source {
        case .resources: bundle = Bundle.module
        case .bundle(let given): bundle = given
        }
        guard let url = bundle.url(forResource: language.identifier, withExtension: "json", subdirectory: "Catalogs"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return decode(data)
    }

    /// A catalog file's entries: the flat parser, or `JSONDecoder` for what it does not take.
    static func decode(_ data: Data) -> [String: String]? {
        if let entries = data.withUnsafeBytes({ FlatStringObject.parse($0.bindMemory(to: UInt8.self)) }) { return entries }
        return try? JSONDecoder().decode([String: String].self, from: data)
    }

    /// The directory of the running executable (what `Bundle.main` resolves on Linux); `nil` elsewhere.
    static let executableDirectory: String? = {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
        #else
        return nil
        #endif
    }()
}

/// A parser for a JSON object whose values are all strings, e.g. `{"a": "x", "b": "y\n"}`.
///
/// Returns `nil` for anything else (nested values, numbers, duplicate keys, broken escapes, invalid
/// UTF-8), so the caller can fall back to `JSONDecoder`, whose result it equals on what it accepts.
enum FlatStringObject {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: String]? {
        // The text when the bytes are valid UTF-8 (decoding repairs nothing), else `nil`.
        func validated(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            let text = String(decoding: raw, as: UTF8.self)
            return text.utf8.elementsEqual(raw) ? text : nil
        }
        var position = 0
        let count = bytes.count
        func skipSpace() {
            while position < count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
                position += 1
            }
        }
        func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= count else { return nil }
            var value: UInt32 = 0
            for k in at..<(at + 4) {
                let b = bytes[k]
                let digit: UInt32
                switch b {
                case 0x30...0x39: digit = UInt32(b - 0x30)
                case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
                default: return nil
                }
                value = value * 16 + digit
            }
            return value
        }
        func string() -> String? {
            guard expect(UInt8(ascii: "\"")) else { return nil }
            let start = position
            // Fast path: no escape.
            while position < count, bytes[position] != 0x22, bytes[position] != 0x5C, bytes[position] >= 0x20 { position += 1 }
            guard position < count else { return nil }
            if bytes[position] == 0x22 {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return validated(raw)
            }
            var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while position < count {
                let b = bytes[position]
                if b == 0x22 {
                    position += 1
                    return out.withUnsafeBufferPointer(validated)
                }
                guard b >= 0x20 else { return nil }
                guard b == 0x5C else {
                    out.append(b)
                    position += 1
                    continue
                }
                guard position + 1 < count else { return nil }
                let escaped = bytes[position + 1]
                position += 2
                switch escaped {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex(position) else { return nil }
                    position += 4
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low one.
                        guard position + 6 <= count, bytes[position] == 0x5C, bytes[position + 1] == UInt8(ascii: "u"),
                            let low = hex(position + 2), low >= 0xDC00, low < 0xE000
                        else { return nil }
                        position += 6
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let value = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: String(Character(value)).utf8)
                default: return nil
                }
            }
            return nil
        }
        guard expect(UInt8(ascii: "{")) else { return nil }
        var entries: [String: String] = [:]
        entries.reserveCapacity(count / 80)
        skipSpace()
        if position < count, bytes[position] == UInt8(ascii: "}") {
            position += 1
        } else {
            while true {
                guard let key = string(), expect(UInt8(ascii: ":")), let value = string() else { return nil }
                guard entries.updateValue(value, forKey: key) == nil else { return nil }
                skipSpace()
                guard position < count else { return nil }
                if bytes[position] == UInt8(ascii: ",") {
                    position += 1
                    continue
                }
                guard bytes[position] == UInt8(ascii: "}") else { return nil }
                position += 1
                break
            }
        }
        skipSpace()
        return position == count ? entries : nil
    }
}
