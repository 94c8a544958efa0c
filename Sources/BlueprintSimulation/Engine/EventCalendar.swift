/// The future events of one replication: a binary min-heap keyed by (time, sequence number).
///
/// The sequence number breaks ties between events at the same time in the order they were
/// scheduled, so a run never depends on the heap's internal order: the same seed gives the same
/// run. Events are three machine words (no class, no closure), so scheduling allocates nothing
/// once the heap has grown. The heap is a ``Column``: an array's uniqueness checks on append,
/// pop and sift were three runtime calls per event.
struct EventCalendar {
    /// What an event does; the payload says to whom.
    enum Kind: UInt8 {
        /// A customer of journey `subject` arrives.
        case arrival
        /// Case `subject` continues: it reached a queue, or a server became free for it.
        case resume
        /// Case `subject` finishes the step it is being served at.
        case stepEnd
        /// Case `subject` gives up waiting, if `token` still matches its wait.
        case abandon
        /// Station `subject` changes its number of servers (a shift starts or ends).
        case capacity
    }

    struct Event {
        var time: Double
        var sequence: UInt64
        /// kind (8 bits) · token (24 bits) · subject (32 bits).
        var payload: UInt64

        @inline(__always) var kind: Kind { Kind(rawValue: UInt8(truncatingIfNeeded: payload >> 56)) ?? .resume }
        @inline(__always) var subject: Int { Int(UInt32(truncatingIfNeeded: payload)) }
        @inline(__always) var token: UInt32 { UInt32(truncatingIfNeeded: payload >> 32) & 0xFF_FFFF }

        @inline(__always) static func precedes(_ a: Event, _ b: Event) -> Bool {
            a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
        }
    }

    private let heap = Column<Event>(repeating: Event(time: 0, sequence: 0, payload: 0), count: 0)
    /// The pending arrival of each of the first journeys (time +∞: none). A journey has one
    /// arrival pending at a time, so it waits beside the heap, and the push and pop it cost
    /// (half an M/M/c run's heap work) become a comparison; the order of events is the same.
    private let arrivals: Column<Event>
    private var nextSequence: UInt64 = 0
    /// Events taken off the calendar so far.
    private(set) var processed = 0

    /// A calendar that keeps the arrivals of journeys `0..<min(journeys, 4)` beside the heap.
    init(journeys: Int) {
        arrivals = Column(repeating: Event(time: .infinity, sequence: 0, payload: 0), count: min(max(0, journeys), 4))
    }

    /// Adds an event.
    @inline(__always)
    mutating func schedule(_ kind: Kind, at time: Double, subject: Int, token: UInt32 = 0) {
        let payload = UInt64(kind.rawValue) << 56 | UInt64(token & 0xFF_FFFF) << 32 | UInt64(UInt32(truncatingIfNeeded: subject))
        let event = Event(time: time, sequence: nextSequence, payload: payload)
        nextSequence &+= 1
        if kind == .arrival, subject < arrivals.count, arrivals[subject].time == .infinity {
            arrivals[subject] = event
            return
        }
        heap.append(event)
        let h = heap.base
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) >> 1
            guard Event.precedes(event, h[parent]) else { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = event
    }

    /// Removes and returns the earliest event, or `nil` when none is left.
    @inline(__always)
    mutating func next() -> Event? {
        var slot = -1
        var earliest = heap.count > 0 ? heap.base[0] : Event(time: .infinity, sequence: .max, payload: 0)
        for k in 0..<arrivals.count where arrivals[k].time != .infinity && Event.precedes(arrivals[k], earliest) {
            slot = k
            earliest = arrivals[k]
        }
        if slot >= 0 {
            arrivals[slot].time = .infinity
            processed += 1
            return earliest
        }
        guard let last = heap.popLast() else { return nil }
        processed += 1
        let n = heap.count
        guard n > 0 else { return last }
        let h = heap.base
        let first = h[0]
        var i = 0
        while true {
            var child = 2 * i + 1
            guard child < n else { break }
            if child + 1 < n, Event.precedes(h[child + 1], h[child]) { child += 1 }
            guard Event.precedes(h[child], last) else { break }
            h[i] = h[child]
            i = child
        }
        h[i] = last
        return first
    }
}
