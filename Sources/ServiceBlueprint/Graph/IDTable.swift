import Foundation

/// A map from ids (step, item or actor ids) to dense positions `0..<count`, in order of first insertion.
///
/// The graph and the analysis index look ids up tens of thousands of times per large blueprint; the
/// standard dictionary hashes every key with seeded SipHash, which was most of their cost. This
/// table hashes the id's UTF-8 bytes 8 at a time with a multiply-mix and probes linearly (open
/// addressing, at most half full), so a lookup is one short hash and usually one comparison. Ids
/// compare as `String`s do (canonical equivalence), like dictionary keys.
package struct IDTable: Sendable {
    /// The ids by position.
    package private(set) var keys: [String] = []
    /// Open-addressing slots: a position in ``keys``, or -1 when empty. The count is a power of two.
    private var slots: [Int32]
    /// The hash of each key, by position, so growing does not hash again.
    private var hashes: [UInt64] = []

    /// An empty table with room for `capacity` ids before it grows.
    package init(minimumCapacity capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        keys.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    /// The number of ids.
    package var count: Int { keys.count }

    /// The position of `id`, or `nil`.
    @inline(__always)
    package subscript(_ id: String) -> Int32? {
        let hash = Self.hash(id)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if hashes[Int(position)] == hash, keys[Int(position)] == id { return position }
            slot = (slot + 1) & mask
        }
    }

    /// The position of `id`, adding it at the end when it is new.
    @discardableResult
    package mutating func insert(_ id: String) -> (position: Int32, inserted: Bool) {
        let hash = Self.hash(id)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let position = slots[slot]
            if position < 0 { break }
            if hashes[Int(position)] == hash, keys[Int(position)] == id { return (position, false) }
            slot = (slot + 1) & mask
        }
        let position = Int32(keys.count)
        keys.append(id)
        hashes.append(hash)
        if keys.count * 2 > slots.count {
            grow()
        } else {
            slots[slot] = position
        }
        return (position, true)
    }

    /// Doubles the slots and places every key again (from its stored hash).
    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var fresh = [Int32](repeating: -1, count: size)
        for (position, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while fresh[slot] >= 0 { slot = (slot + 1) & mask }
            fresh[slot] = Int32(position)
        }
        slots = fresh
    }

    /// A 64-bit hash of `id` that agrees with `String`'s equality: two ids that are canonically
    /// equivalent (`==`) hash the same. An ASCII id is its own canonical form, so its bytes are hashed as
    /// they are; any other id is hashed in its NFC form (the Kelvin sign and `K` are one id, as they are
    /// as dictionary keys). Not seeded: ids come from the user's own file.
    static func hash(_ id: String) -> UInt64 {
        let hash = bytesHash(id)
        return hash.ascii ? hash.value : bytesHash(id.precomposedStringWithCanonicalMapping).value
    }

    /// The hash of the id's UTF-8 bytes, and whether they are all ASCII.
    @inline(__always)
    private static func bytesHash(_ id: String) -> (value: UInt64, ascii: Bool) {
        var id = id
        return id.withUTF8 { bytes -> (value: UInt64, ascii: Bool) in
            let raw = UnsafeRawBufferPointer(bytes)
            var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            var high: UInt64 = 0
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                high |= word
                h = mix(h ^ word)
                offset += 8
            }
            if offset < raw.count {
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while offset < raw.count {
                    tail |= UInt64(raw[offset]) << shift
                    shift += 8
                    offset += 1
                }
                high |= tail
                h = mix(h ^ tail)
            }
            return (mix(h), high & 0x8080_8080_8080_8080 == 0)
        }
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return product.high ^ product.low
    }
}
