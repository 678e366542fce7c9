#!/usr/bin/env python3
"""store_scale.py -- the store scale bars of issue 4 (not in `make test`:
it takes minutes).

Generates N (default 1,000,000) small synthetic news documents as JSON Lines
(`html`, `url`, `date`) into build/store-scale/, ingests them with
`thresh corpus --progress ... -o build/store-scale/scale.db`, and reports:
  - the time of each successive 100k documents, read from the progress line
    (bar: flat within 20%: slowest / fastest <= 1.2, every 100k counted;
    also the trend, mean of the last three over the first three);
  - the dedup index memory per document (summary line);
  - `thresh search` latency over Q random queries (one or two words, some
    with --site or --since): p50 / p95 (bar: p95 < 50 ms), measured as the
    wall time of the whole command.
Usage: bench/store_scale.py [--docs N] [--queries Q] [--bin build/thresh]
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "thresh"))
    ap.add_argument("--jobs", default="2")
    a = ap.parse_args()
    out = os.path.join(ROOT, "build", "store-scale")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)
    cons, vows = "bcdfghjklmnprstvz", "aeiou"
    vocab = sorted({"".join(rng.choice(cons) + rng.choice(vows)
                            for _ in range(rng.randint(2, 4)))
                    for _ in range(30000)})
    weights = [1.0 / (i + 1) ** 0.9 for i in range(len(vocab))]
    cum = list(__import__("itertools").accumulate(weights))
    src = os.path.join(out, "docs.jsonl")
    if not os.path.exists(src) or os.path.getsize(src) == 0 or \
            sum(1 for _ in open(src)) != a.docs:
        with open(src, "w") as f:
            for i in range(a.docs):
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
    t0 = time.time()
    p = subprocess.run([a.bin, "corpus", "--progress", "--jobs", a.jobs, src,
                        "-o", db], stderr=subprocess.PIPE, text=True)
    total = time.time() - t0
    if p.returncode:
        sys.exit("store_scale: corpus failed:\n" + p.stderr[-2000:])
    marks = {}
    for m in re.finditer(r"(\d+) records .*? (\d+) s", p.stderr):
        n, t = int(m.group(1)), int(m.group(2))
    # The progress line prints whole seconds; take fractional seconds from
    # the order of updates instead: each update is ~0.5 s apart.
    updates = [(int(m.group(1)), i * 0.5) for i, m in
               enumerate(re.finditer(r"(\d+) records ", p.stderr))]
    step = 100000
    for n, t in updates:
        k = n // step
        if k >= 1 and k not in marks:
            marks[k] = t
    per = []
    prev = 0.0
    for k in sorted(marks):
        per.append(marks[k] - prev)
        prev = marks[k]
    summary = [l for l in p.stderr.split("\n") if l.startswith("thresh corpus")
               or "dedup index" in l or "skipped" in l and l.startswith("  ")]
    print("store_scale: %d documents ingested in %.1f s (%.0f docs/s), "
          "--jobs %s, load %s" % (a.docs, total, a.docs / total, a.jobs,
                                  open("/proc/loadavg").read().split()[0]))
    for l in summary:
        print("  " + l.strip())
    if per:
        print("  seconds per 100k: " + " ".join("%.1f" % x for x in per))
        flat = max(per) / max(0.01, min(per))
        k = max(1, min(3, len(per) // 2))
        trend = (sum(per[-k:]) / k) / max(0.01, sum(per[:k]) / k)
        print("  bar: slowest/fastest 100k = %.2f (<= 1.20) %s; trend (last "
              "%d / first %d) = %.2f -- on a loaded machine the spread is "
              "load noise, the trend shows slowing down"
              % (flat, "PASS" if flat <= 1.2 else "FAIL", k, k, trend))
    print("  db size %.0f MB" % (os.path.getsize(db) / 1e6))
    lat = []
    for i in range(a.queries):
        q = [rng.choice(vocab[:3000])]
        if i % 3 == 0:
            q.append(rng.choice(vocab[:3000]))
        cmd = [a.bin, "search", db] + q
        if i % 5 == 1:
            cmd += ["--site", "site%d.example" % rng.randrange(50)]
        if i % 5 == 2:
            cmd += ["--since", "2020-01"]
        s = time.perf_counter()
        r = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        lat.append(time.perf_counter() - s)
        if r.returncode:
            sys.exit("store_scale: search failed: %s" % " ".join(cmd))
    lat.sort()
    p50, p95 = lat[len(lat) // 2], lat[int(len(lat) * 0.95)]
    print("  search over %d queries: p50 %.1f ms, p95 %.1f ms; bar p95 < 50 ms %s"
          % (len(lat), p50 * 1e3, p95 * 1e3, "PASS" if p95 < 0.05 else "FAIL"))


if __name__ == "__main__":
    main()
