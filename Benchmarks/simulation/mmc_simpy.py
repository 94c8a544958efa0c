"""SimPy model of the same M/M/c system as simulation-bench's `mmc` case (issue 17).

10 servers, exponential service with mean 60 s, Poisson arrivals at 540 an hour (rho = 0.9),
one FIFO queue. Prints customers, events (arrival + start + end per customer, as the Swift engine
counts one arrival, one resume-free start and one end), wall time and the mean wait.

    python3 mmc_simpy.py [customers]
"""
import random
import sys
import time

import simpy

CUSTOMERS = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
SERVERS = 10
MEAN_SERVICE = 60.0
ARRIVAL_RATE = 540 / 3600.0


def customer(env, desk, waits):
    arrived = env.now
    with desk.request() as request:
        yield request
        waits.append(env.now - arrived)
        yield env.timeout(random.expovariate(1 / MEAN_SERVICE))


def source(env, desk, waits):
    for _ in range(CUSTOMERS):
        yield env.timeout(random.expovariate(ARRIVAL_RATE))
        env.process(customer(env, desk, waits))


def main():
    random.seed(42)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=SERVERS)
    waits = []
    env.process(source(env, desk, waits))
    start, cpu_start = time.perf_counter(), time.process_time()
    env.run()
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"simpy: {CUSTOMERS} customers in {elapsed:.3f} s = {CUSTOMERS / elapsed:,.0f} customers/s "
          f"({cpu:.3f} s CPU, mean wait {sum(waits) / len(waits):.2f} s)")


if __name__ == "__main__":
    main()
