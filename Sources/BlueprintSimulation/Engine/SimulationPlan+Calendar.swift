import ServiceBlueprint

extension SimulationPlan {
    /// The shifts an actor's ``WorkingHours`` stand for: `perDay` hours from 09:00 (earlier when the
    /// day is longer than 15 hours) on the first `daysPerWeek` days from Monday; around the clock
    /// without hours.
    static func shifts(for hours: WorkingHours?, servers: Int) -> [Shift] {
        guard let hours, hours.perDay.isFinite, hours.daysPerWeek.isFinite, hours.perDay < 24 || hours.daysPerWeek < 7
        else { return [Shift(days: .everyDay, start: .zero, end: .zero, servers: servers)] }
        let perDay = min(24, max(0, hours.perDay)) * 3_600
        let days = min(7, max(0, Int(hours.daysPerWeek.rounded(.up))))
        guard perDay > 0, days > 0 else { return [] }
        let start = min(9 * 3_600, 86_400 - perDay)
        let set = Weekdays(rawValue: UInt8((1 << days) - 1))
        return [Shift(days: set, start: .seconds(start), end: .seconds((start + perDay).truncatingRemainder(dividingBy: 86_400)), servers: servers)]
    }

    /// Shifts as a weekly step function: the starts of its segments (seconds of the week, the first
    /// at 0, no two neighbours equal) and the servers in each. Overlapping shifts add up; a shift
    /// whose end is at or before its start runs past midnight, and Sunday's night shift into Monday.
    static func weeklySchedule(_ shifts: [Shift]) -> (start: [Double], servers: [Int32]) {
        var intervals: [(from: Double, to: Double, servers: Int)] = []
        for shift in shifts {
            let servers = max(0, shift.servers ?? 0)
            let from = shift.start.seconds.truncatingRemainder(dividingBy: 86_400)
            var length = shift.end.seconds.truncatingRemainder(dividingBy: 86_400) - from
            if length <= 0 { length += 86_400 }
            for day in 0..<7 where shift.days.contains(day: day) {
                let start = Double(day) * 86_400 + from
                intervals.append((start, start + length, servers))
            }
        }
        var points = Set<Double>([0])
        for interval in intervals {
            points.insert(interval.from.truncatingRemainder(dividingBy: week))
            points.insert(interval.to.truncatingRemainder(dividingBy: week))
        }
        let sorted = points.sorted()
        var starts: [Double] = []
        var servers: [Int32] = []
        for (k, point) in sorted.enumerated() {
            let next = k + 1 < sorted.count ? sorted[k + 1] : week
            let middle = (point + next) / 2
            var level = 0
            for interval in intervals where (interval.from <= middle && middle < interval.to)
                || (interval.from <= middle + week && middle + week < interval.to) {
                level += interval.servers
            }
            if let last = servers.last, last == Int32(clamping: level) { continue }
            starts.append(point)
            servers.append(Int32(clamping: level))
        }
        return (starts, servers)
    }

    /// Arrival rates per second for the 168 hours of the week.
    ///
    /// Without a profile, customers arrive while the journey's first queueing actor works (`window`, 1 per open
    /// hour) or around the clock: demand per hour is the rate in each open hour, demand per day is
    /// spread over each open day's hours, demand per week over the open hours of the week. A profile's
    /// hourly and weekly weights replace the window; demand per day then counts on the days the
    /// weekly weights leave open.
    static func arrivalRates(demand: Demand?, factor: Double, profile: DemandProfile?, window: [Double]?) -> [Double] {
        guard let demand, demand.arrivals.isFinite, demand.arrivals > 0, factor.isFinite, factor > 0 else { return [] }
        var weights = [Double](repeating: 1, count: 168)
        if let profile {
            for h in 0..<168 {
                let hourly = profile.hourly.count == 24 ? max(0, profile.hourly[h % 24]) : 1
                let daily = profile.weekly.count == 7 ? max(0, profile.weekly[h / 24]) : 1
                weights[h] = (hourly.isFinite ? hourly : 0) * (daily.isFinite ? daily : 0)
            }
        } else if let window, window.contains(where: { $0 > 0 }) {
            weights = window
        }
        let total = weights.reduce(0, +)
        guard total > 0 else { return [] }
        let openHours = Double(weights.filter { $0 > 0 }.count)
        let openDays = Double((0..<7).filter { d in (0..<24).contains { weights[d * 24 + $0] > 0 } }.count)
        let weekly: Double
        switch demand.per {
        case .hour: weekly = demand.arrivals * openHours
        case .day: weekly = demand.arrivals * openDays
        case .week: weekly = demand.arrivals
        }
        return weights.map { weekly * factor * $0 / total / 3_600 }
    }
}
