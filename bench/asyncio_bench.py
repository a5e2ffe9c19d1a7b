"""CPython asyncio side of the flowloop bench; run it with Debian's /usr/bin/python3.

Usage: asyncio_bench.py '{"workload": "gather"|"sleep0", "tasks": N, "rounds": R, "warmTasks": W}'
Prints one JSON line {"ms": [...], "warmups": N}, like bench/worker.ts, with the same repeat
plan as bench/measure.ts. Each run is timed with time.perf_counter around asyncio.run(main()),
as the Node side times loop.run(main()) with performance.now().
"""
import asyncio
import json
import sys
import time

# bench/measure.ts DEFAULT_PLAN
SAMPLES, MAX_SAMPLES, WARM_MS, SAMPLE_MS, MIN_WARMUPS, MAX_WARMUPS = 3, 9, 500, 4000, 5, 30


async def trivial(i):
    return i


async def sleeper(i, rounds):
    for _ in range(rounds):
        await asyncio.sleep(0)
    return i


async def main(workload, tasks, rounds):
    if workload == "gather":
        coros = [trivial(i) for i in range(tasks)]
    else:
        coros = [sleeper(i, rounds) for i in range(tasks)]
    return await asyncio.gather(*coros)


def run_checked(workload, tasks, rounds):
    results = asyncio.run(main(workload, tasks, rounds))
    if len(results) != tasks or results[0] != 0 or results[-1] != tasks - 1:
        raise SystemExit(f"wrong results: {len(results)} of {tasks}")


def now_ms():
    return time.perf_counter() * 1000


def measure(job):
    workload, tasks, rounds, warm_tasks = job["workload"], job["tasks"], job["rounds"], job["warmTasks"]
    warmups = 0
    warm_start = now_ms()
    while warmups < MIN_WARMUPS or (now_ms() - warm_start < WARM_MS and warmups < MAX_WARMUPS):
        run_checked(workload, warm_tasks, rounds)
        warmups += 1
    ms = []
    sample_start = now_ms()
    while len(ms) < SAMPLES or (now_ms() - sample_start < SAMPLE_MS and len(ms) < MAX_SAMPLES):
        t0 = now_ms()
        run_checked(workload, tasks, rounds)
        ms.append(now_ms() - t0)
    return {"ms": ms, "warmups": warmups}


if __name__ == "__main__":
    print(json.dumps(measure(json.loads(sys.argv[1]))))
