/// Gives each distinct byte string a dense number (0, 1, 2, … in order of first sight), for the
/// CSV reader's case ids, activities and resources: no `String` and no SipHash per row.
///
/// An open-addressing table (linear probing) holds the numbers; the bytes are kept once, one
/// after another, and compared in full on a hash match, so two strings with one hash stay two.
/// The hash reads 8 bytes at a time and is seeded per table, so that a crafted log cannot make
/// its ids pile up in one run of the table.
struct ByteInterner {
    /// Slot → the hash's upper 32 bits and number + 1 below them; 0 is an empty slot, and the
    /// upper bits turn away most other strings without touching their bytes. The count of slots
    /// is a power of two.
    private var slots: [UInt64]
    private var mask: Int
    /// Per number: its hash, and where its bytes end in ``storage`` (they start where the previous end).
    private var hashes: [UInt64] = []
    private var ends: [Int] = []
    private var storage: [UInt8] = []
    private let seed: UInt64

    /// Creates an empty table; `seed` fixes the hash (tests), by default it is random.
    init(seed: UInt64 = UInt64.random(in: .min ... .max)) {
        self.seed = seed
        slots = Array(repeating: 0, count: 64)
        mask = 63
    }

    /// How many distinct strings.
    var count: Int { hashes.count }

    /// The number of `bytes`, adding them when new (`isNew`).
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (number: Int, isNew: Bool) {
        let hash = Self.hash(bytes, seed: seed)
        let tag = hash & Self.tagBits
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if stored & Self.tagBits == tag {
                let number = Int(truncatingIfNeeded: stored & ~Self.tagBits) - 1
                if equals(number, bytes) { return (number, false) }
            }
            slot = (slot + 1) & mask
        }
        let number = hashes.count
        slots[slot] = tag | UInt64(number + 1)
        hashes.append(hash)
        storage.append(contentsOf: bytes)
        ends.append(storage.count)
        if hashes.count * 2 > slots.count { grow() }
        return (number, true)
    }

    private static let tagBits: UInt64 = 0xFFFF_FFFF_0000_0000

    /// Whether number `number` holds exactly `bytes` (8 bytes compared at a time: ids are short).
    @inline(__always)
    private func equals(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        let count = bytes.count
        guard ends[number] - start == count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return storage.withUnsafeBufferPointer { stored in
            let left = UnsafeRawPointer(stored.baseAddress! + start), right = UnsafeRawPointer(base)
            var index = 0
            while index + 8 <= count {
                if left.loadUnaligned(fromByteOffset: index, as: UInt64.self) != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) {
                    return false
                }
                index += 8
            }
            while index < count {
                if left.load(fromByteOffset: index, as: UInt8.self) != right.load(fromByteOffset: index, as: UInt8.self) { return false }
                index += 1
            }
            return true
        }
    }

    /// Doubles the slots and places every number again (the hashes are kept, not recomputed).
    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = hash & Self.tagBits | UInt64(number + 1)
        }
    }

    /// A 64-bit hash of `bytes`: 8 bytes at a time, multiplied and folded, then finalised with
    /// the MurmurHash3 mix so that the low bits (the slot) depend on every byte.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var hash = seed ^ (UInt64(truncatingIfNeeded: bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return mix(hash) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 29
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        }
        return mix(hash)
    }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x
    }
}
