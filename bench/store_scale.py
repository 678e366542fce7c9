#!/usr/bin/env python3
"""store_scale.py -- the store scale bars of issue 4 (not in `make test`:
it takes minutes).

Generates N (default 1,000,000) small synthetic news documents as JSON Lines
(`html`, `url`, `date`) into build/store-scale/, ingests them with
`thresh corpus --progress ... -o build/store-scale/scale.db`, and reports:
  - the time of each successive 100k documents, sampled at each progress
    update: wall clock, CPU time of the writer thread (the run's main thread:
    dedup decisions and SQLite) and of the whole process.  The bar "flat
    within 20%" is read on the writer's CPU time, mean of the last three
    100k over the first three (<= 1.20): the writer is the bottleneck, and
    its CPU time does not move with the load other processes put on the
    machine, where wall time does;
  - the dedup index memory per document (summary line);
  - `thresh search` latency over Q random queries (one or two words, some
    with --site or --since): p50 / p95 (bar: p95 < 50 ms), measured as the
    wall time of the whole command.
With --dups F, a fraction F of the documents repeat an earlier one (chosen
uniformly, so clusters grow anywhere in the store): half exact copies,
half near copies (two words changed), with their own URL and date; this
exercises the cluster and canonical-flag writes (the default, 0, writes
no duplicates).
Usage: bench/store_scale.py [--docs N] [--dups F] [--queries Q] [--bin build/thresh]
"""
import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--dups", type=float, default=0.0)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "thresh"))
    ap.add_argument("--jobs", default="2")
    ap.add_argument("--corpus-args", default="",
                    help="more `thresh corpus` options, e.g. '--batch 5000'")
    a = ap.parse_args()
    if not os.access(a.bin, os.X_OK):
        if a.bin == os.path.join(ROOT, "build", "thresh"):
            subprocess.run(["make", "-s", "-C", ROOT, "build/thresh"], check=True)
        else:
            sys.exit("store_scale: %s is not an executable (build it with make)" % a.bin)
    out = os.path.join(ROOT, "build", "store-scale")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)
    cons, vows = "bcdfghjklmnprstvz", "aeiou"
    vocab = sorted({"".join(rng.choice(cons) + rng.choice(vows)
                            for _ in range(rng.randint(2, 4)))
                    for _ in range(30000)})
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(vocab))]
    cum = list(__import__("itertools").accumulate(weights))
    src = os.path.join(out, "docs-%d.jsonl" % a.docs)
    if a.dups:
        src = os.path.join(out, "docs-%d-dups%g.jsonl" % (a.docs, a.dups))
    if not os.path.exists(src) or os.path.getsize(src) == 0 or \
            sum(1 for _ in open(src)) != a.docs:
        with open(src, "w") as f:
            for i in range(a.docs):
                if a.dups:
                    # document i's words from its own generator, so that a
                    # copy of document j regenerates j's words
                    j = i
                    if i and rng.random() < a.dups:
                        j = rng.randrange(i)
                    r = random.Random(j)
                    words = r.choices(vocab, cum_weights=cum, k=r.randint(40, 80))
                    if j != i and rng.random() < 0.5:
                        for _ in range(2):
                            words[rng.randrange(6, len(words))] = rng.choice(vocab)
                else:
                    words = rng.choices(vocab, cum_weights=cum, k=rng.randint(40, 80))
                title = " ".join(words[:6]).capitalize()
                body = " ".join(words[6:]).capitalize() + "."
                html = ("<html><head><title>%s</title></head><body><article>"
                        "<h1>%s</h1><p>%s</p></article></body></html>"
                        % (title, title, body))
                f.write(json.dumps({
                    "html": html,
                    "url": "http://site%d.example/%d" % (i % 50, i),
                    "date": "20%02d-%02d-%02d" % (10 + i % 15, 1 + i % 12,
                                                  1 + i % 28)}) + "\n")
    db = os.path.join(out, "scale.db")
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(db + ext):
            os.remove(db + ext)
    # The writer (dedup decisions + SQLite) is the run's main thread, the
    # one whose id is the process id: its CPU time (utime + stime from
    # /proc/PID/task/PID/stat) is sampled at every progress update, next to
    # the wall clock and the whole process's CPU time.
    tick = os.sysconf("SC_CLK_TCK")

    def cpu(path):
        try:
            f = open(path).read()
            v = f[f.rindex(")") + 2:].split()
            return (int(v[11]) + int(v[12])) / tick
        except (OSError, ValueError, IndexError):
            return None

    t0 = time.time()
    p = subprocess.Popen([a.bin, "corpus", "--progress", "--jobs", a.jobs]
                         + a.corpus_args.split() + [src, "-o", db], stderr=subprocess.PIPE)
    wstat = "/proc/%d/task/%d/stat" % (p.pid, p.pid)
    pstat = "/proc/%d/stat" % p.pid
    pio = "/proc/%d/io" % p.pid

    def wchar(path):
        # bytes the process passed to write() so far (WAL, database, ...)
        try:
            for l in open(path):
                if l.startswith("wchar:"):
                    return int(l.split()[1])
        except (OSError, ValueError):
            pass
        return None

    samples = []  # (records, wall, writer cpu, process cpu, bytes written)
    err = []
    line = b""
    while True:
        c = p.stderr.read1(4096) if hasattr(p.stderr, "read1") else \
            p.stderr.read(1)
        if not c:
            break
        err.append(c)
        line += c
        parts = re.split(rb"[\r\n]", line)
        line = parts[-1]
        for part in parts[:-1]:
            m = re.match(rb"(\d+) records ", part)
            if m:
                samples.append((int(m.group(1)), time.time() - t0,
                                cpu(wstat), cpu(pstat), wchar(pio)))
    p.wait()
    total = time.time() - t0
    stderr = b"".join(err).decode("utf-8", "replace")
    if p.returncode:
        sys.exit("store_scale: corpus failed:\n" + stderr[-2000:])
    step = 100000
    marks = {}
    for n, t, wc, pc, wb in samples:
        k = n // step
        if k >= 1 and k not in marks and wc is not None and pc is not None:
            marks[k] = (t, wc, pc, (wb or 0) / 1e6)
    per = []  # (wall, writer cpu, process cpu, MB written) per 100k
    prev = (0.0, 0.0, 0.0, 0.0)
    for k in sorted(marks):
        per.append(tuple(x - y for x, y in zip(marks[k], prev)))
        prev = marks[k]
    summary = [l for l in stderr.replace("\r", "\n").split("\n") if l.startswith("thresh corpus")
               or "dedup index" in l or "skipped" in l and l.startswith("  ")]
    print("store_scale: %d documents ingested in %.1f s (%.0f docs/s), "
          "--jobs %s, load %s" % (a.docs, total, a.docs / total, a.jobs,
                                  open("/proc/loadavg").read().split()[0]))
    for l in summary:
        print("  " + l.strip())
    if per:
        for name, i in (("wall", 0), ("writer CPU", 1), ("process CPU", 2)):
            print("  seconds per 100k, %-11s: %s" % (
                name, " ".join("%.1f" % x[i] for x in per)))
        print("  MB written per 100k (write() bytes: WAL, checkpoints): %s" % (
            " ".join("%.0f" % x[3] for x in per)))
        k = max(1, min(3, len(per) // 2))
        for name, i in (("wall", 0), ("writer CPU", 1)):
            v = [x[i] for x in per]
            flat = max(v) / max(0.01, min(v))
            trend = (sum(v[-k:]) / k) / max(0.01, sum(v[:k]) / k)
            print("  %-10s: last %d / first %d = %.2f, slowest/fastest = %.2f"
                  % (name, k, k, trend, flat))
        v = [x[1] for x in per]
        trend = (sum(v[-k:]) / k) / max(0.01, sum(v[:k]) / k)
        print("  bar (writer CPU, the steady measure on a shared machine: "
              "last %d / first %d <= 1.20): %.2f %s"
              % (k, k, trend, "PASS" if trend <= 1.2 else "FAIL"))
    print("  db size %.0f MB" % (os.path.getsize(db) / 1e6))
    rng = random.Random(11)  # the same queries whether or not docs were made
    lat, cpu_lat = [], []
    for i in range(a.queries):
        q = [rng.choice(vocab[:3000])]
        if i % 3 == 0:
            q.append(rng.choice(vocab[:3000]))
        cmd = [a.bin, "search", db] + q
        if i % 5 == 1:
            cmd += ["--site", "site%d.example" % rng.randrange(50)]
        if i % 5 == 2:
            cmd += ["--since", "2020-01"]
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        s = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        lat.append(time.perf_counter() - s)
        ru2 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_lat.append(ru2.ru_utime + ru2.ru_stime - ru.ru_utime - ru.ru_stime)
        if r.returncode:
            sys.exit("store_scale: search failed: %s" % " ".join(cmd))
    lat.sort()
    cpu_lat.sort()
    p50, p95 = lat[len(lat) // 2], lat[int(len(lat) * 0.95)]
    print("  search over %d queries: p50 %.1f ms, p95 %.1f ms; bar p95 < 50 ms %s"
          % (len(lat), p50 * 1e3, p95 * 1e3, "PASS" if p95 < 0.05 else "FAIL"))
    print("  search CPU time (user + sys of the command): p50 %.1f ms, "
          "p95 %.1f ms" % (cpu_lat[len(cpu_lat) // 2] * 1e3,
                           cpu_lat[int(len(cpu_lat) * 0.95)] * 1e3))


if __name__ == "__main__":
    main()
