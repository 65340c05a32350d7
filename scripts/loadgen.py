#!/usr/bin/env python3
"""Ingestion load generator for a kwaf gateway on loopback.

Posts NDJSON batches of events (default 1000 per batch) to POST /events from a few threads, for a bounded time
and a bounded number of batches, then waits until the gateway has dispatched everything it accepted, and reports
events/s (dispatched, from GET /events/stats) and the CPU seconds the given processes used meanwhile.

    scripts/loadgen.py http://127.0.0.1:PORT [--seconds 30] [--max-batches 2000] [--batch 1000]
                       [--threads 4] [--ips 20000] [--pids PID,PID,...]

Addresses are spread over 20,000 IPs (by default) in the documentation ranges, with a mix of paths and statuses,
so each batch touches hundreds of subjects. Only loopback URLs are accepted.
"""
import argparse
import json
import os
import random
import sys
import threading
import time
import urllib.parse
import urllib.request

PATHS = [("GET", "/", 200), ("GET", "/products/{n}", 200), ("POST", "/login", 401), ("GET", "/search?q=x", 200),
         ("GET", "/static/app.js", 200), ("GET", "/missing/{n}", 404), ("POST", "/cart/{n}/items", 201)]


def address(index):
    # 20,000 distinct IPs over 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.
    block, host = divmod(index, 250)
    if block < 3:
        return ["192.0.2.", "198.51.100.", "203.0.113."][block] + str(host + 1)
    return "2001:db8:%x::%x" % (block, host + 1)


def make_batches(count, size, ips, rng):
    batches = []
    for _ in range(count):
        lines = []
        for _ in range(size):
            method, path, status = rng.choice(PATHS)
            lines.append(json.dumps({"ip": address(rng.randrange(ips)), "method": method,
                                     "path": path.replace("{n}", str(rng.randrange(1000))), "status": status,
                                     "userAgent": "loadgen/1.0"}))
        batches.append(("\n".join(lines) + "\n").encode())
    return batches


def cpu_seconds(pids):
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            with open("/proc/%d/stat" % pid) as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except FileNotFoundError:
            pass
    return total


def stats(url):
    with urllib.request.urlopen(url + "/events/stats", timeout=30) as response:
        return json.load(response)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--max-batches", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--ips", type=int, default=20000)
    parser.add_argument("--pids", default="")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    if urllib.parse.urlparse(url).hostname not in ("127.0.0.1", "::1", "localhost"):
        sys.exit("loadgen: only loopback URLs are allowed")
    pids = [int(p) for p in args.pids.split(",") if p]
    batches = make_batches(50, args.batch, min(args.ips, 20000), random.Random(42))

    sent = [0]
    refused = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + args.seconds

    def worker(seed):
        index = seed
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= args.max_batches:
                    return
                sent[0] += 1
            request = urllib.request.Request(url + "/events", data=batches[index % len(batches)], method="POST",
                                             headers={"content-type": "application/x-ndjson"})
            index += 1
            try:
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
            except OSError:
                with lock:
                    refused[0] += 1

    before = stats(url)
    cpu_before = cpu_seconds(pids)
    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i * 7,)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    after = stats(url)
    while after.get("pending", 0) > 0 and time.monotonic() - started < args.seconds + 120:
        time.sleep(0.2)
        after = stats(url)
    elapsed = time.monotonic() - started
    dispatched = after["dispatched"] - before["dispatched"]
    report = {"batches": sent[0], "refusedPosts": refused[0], "accepted": after["accepted"] - before["accepted"],
              "dropped": after["dropped"] - before["dropped"], "dispatched": dispatched,
              "dispatchFailures": after["dispatchFailures"] - before["dispatchFailures"],
              "seconds": round(elapsed, 2), "eventsPerSecond": round(dispatched / elapsed),
              "acceptedPerSecond": round((after["accepted"] - before["accepted"]) / elapsed),
              "cpuSeconds": round(cpu_seconds(pids) - cpu_before, 1), "load1": os.getloadavg()[0]}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
