/// An M/M/c queue: the textbook model behind staffing calculations in contact centres.
///
/// ## Assumptions
/// - **Poisson arrivals** at a constant rate λ (customers arrive independently of each other);
/// - **exponential service times** with rate μ (mean service time 1/μ);
/// - **c identical servers** sharing **one pooled queue** served first come, first served;
/// - an **infinite queue**: nobody balks or abandons;
/// - **steady state**: the numbers describe the long-run average, not the first hour of a morning.
///
/// Real services break some of these (arrivals peak, service times are not exponential, callers
/// hang up), so treat the results as a consistent yardstick for comparing designs, not a forecast.
/// When the offered load a = λ/μ reaches the number of servers (utilization ρ = a/c ≥ 1) the queue
/// grows without bound: the queue is *unstable* and the expected wait is infinite.
///
/// ```swift
/// let desk = MMcQueue(arrivalRate: 100, serviceRate: 12, servers: 10)   // per hour
/// desk.utilization            // 0.833…
/// desk.probabilityOfWaiting   // 0.4876… (Erlang C)
/// desk.expectedWait           // 0.0244 h ≈ 88 s
/// ```
public struct MMcQueue: Sendable, Hashable {
    /// Arrivals per unit of time (λ).
    public let arrivalRate: Double
    /// Service completions per unit of time of one server (μ = 1 / mean service time).
    public let serviceRate: Double
    /// Number of servers working in parallel (c).
    public let servers: Int

    /// The offered load a = λ/μ in Erlangs: how many servers would be busy on average.
    public let offeredLoad: Double
    /// Utilization ρ = λ / (c μ): the share of time an average server is busy. May exceed 1.
    public let utilization: Double
    /// `true` when ρ < 1: the queue has a steady state.
    public let isStable: Bool
    /// The probability that an arriving customer has to wait (Erlang C); 1 when unstable.
    public let probabilityOfWaiting: Double
    /// The expected time in the queue before service starts (Wq), in the unit of the rates;
    /// `.infinity` when unstable.
    public let expectedWait: Double
    /// The expected number of customers waiting (Lq = λ Wq); `.infinity` when unstable.
    public let expectedQueueLength: Double

    /// Computes the queue's steady-state measures.
    ///
    /// Inputs are sanitised rather than trapped: negative or NaN rates count as 0; an infinite arrival
    /// rate, a service rate of 0 (or infinite) with arrivals, or fewer than one server is unstable.
    /// - Parameters:
    ///   - arrivalRate: λ, arrivals per unit of time.
    ///   - serviceRate: μ, completions per unit of time of one server.
    ///   - servers: c, the number of servers.
    public init(arrivalRate: Double, serviceRate: Double, servers: Int) {
        // NaN and negative rates count as 0; an infinite arrival rate stays infinite (unstable).
        let lambda = arrivalRate.isNaN ? 0 : max(0, arrivalRate)
        let mu = serviceRate.isFinite ? max(0, serviceRate) : 0
        self.arrivalRate = lambda
        self.serviceRate = mu
        self.servers = servers
        if lambda == 0 {
            offeredLoad = 0
            utilization = 0
            isStable = true
            probabilityOfWaiting = 0
            expectedWait = 0
            expectedQueueLength = 0
            return
        }
        let load = mu > 0 ? lambda / mu : .infinity
        offeredLoad = load
        utilization = servers > 0 ? load / Double(servers) : .infinity
        guard servers > 0, load < Double(servers) else {
            isStable = false
            probabilityOfWaiting = 1
            expectedWait = .infinity
            expectedQueueLength = .infinity
            return
        }
        isStable = true
        let c = MMcQueue.erlangC(servers: servers, offeredLoad: load)
        probabilityOfWaiting = c
        // Wq = C / (cμ − λ), Lq = λ Wq.
        expectedWait = c / (Double(servers) * mu - lambda)
        expectedQueueLength = lambda * expectedWait
    }

    /// Erlang B: the blocking probability of an M/M/c/c loss system with offered load `a`.
    ///
    /// Computed with the recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which stays in
    /// [0, 1] at every step and so is numerically stable for thousands of servers (the direct
    /// formula overflows `a^c / c!` long before that).
    /// - Complexity: O(c).
    public static func erlangB(servers: Int, offeredLoad a: Double) -> Double {
        guard a > 0 else { return servers > 0 ? 0 : 1 }
        var b = 1.0
        var k = 1
        while k <= servers {
            b = a * b / (Double(k) + a * b)
            // Far beyond the offered load B underflows to 0 and stays there: stop early, so that a
            // capacity of millions does not cost millions of steps.
            if b == 0 { break }
            k += 1
        }
        return b
    }

    /// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load `a`.
    ///
    /// Derived from Erlang B as C = c·B / (c − a·(1 − B)). Returns 1 when a ≥ c (unstable).
    /// - Complexity: O(c).
    public static func erlangC(servers: Int, offeredLoad a: Double) -> Double {
        guard a > 0 else { return 0 }
        let c = Double(servers)
        guard servers > 0, a < c else { return 1 }
        let b = erlangB(servers: servers, offeredLoad: a)
        return min(1, c * b / (c - a * (1 - b)))
    }
}
