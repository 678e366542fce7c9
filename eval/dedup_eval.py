#!/usr/bin/env python3
"""dedup_eval.py -- near-duplicate recall and precision of `thresh corpus`.

Generates a corpus with known near-duplicate pairs into build/dedup_eval/:
BASES synthetic articles (Zipf-distributed pseudo-words, 250-900 words in
paragraphs, as HTML pages) and, for each, one copy with controlled word
substitutions aimed at a target Jaccard similarity of word 5-gram sets
(targets spread over 0.30-1.00).  The pages go through `thresh corpus` as
JSON Lines; the Jaccard of each pair is then measured exactly on the
*extracted* texts (the same 5-grams MinHash sees), and each pair is scored:

  recall     pairs with J >= 0.85 that share a cluster      (bar >= 0.95)
  precision  detected pairs that are true pairs: TP / (TP + FP), FP being
             pairs with J <= 0.6 that share a cluster plus any two unrelated
             articles in one cluster                       (bar >= 0.99)

Usage: eval/dedup_eval.py [--bases N] [--seed S] [--bin build/thresh]
       [thresh corpus options, e.g. --minhash-bands 20 --minhash-rows 5]
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


def vocab(rng, n=20000):
    cons, vows = "bcdfghjklmnprstvwz", "aeiou"
    seen, out = set(), []
    while len(out) < n:
        w = "".join(rng.choice(cons) + rng.choice(vows)
                    for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def shingles(words, k=5):
    if len(words) < k:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + k]) for i in range(len(words) - k + 1)}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def edit(words, k, rng, fresh):
    """k substitutions at distinct random positions with unseen words."""
    out = list(words)
    for i in rng.sample(range(len(out)), min(k, len(out))):
        out[i] = next(fresh)
    return out


def copy_at(words, target, rng, fresh):
    """A copy of words whose 5-gram Jaccard with words is close to target."""
    if target >= 1.0:
        return list(words)
    lo, hi = 0, len(words)
    best = None
    for _ in range(14):
        k = (lo + hi) // 2
        c = edit(words, k, rng, fresh)
        j = jaccard(words, c)
        if best is None or abs(j - target) < abs(best[0] - target):
            best = (j, c)
        if j > target:
            lo = k + 1
        else:
            hi = k
        if lo > hi:
            break
    return best[1]


def page(title, words, rng):
    paras, i = [], 0
    while i < len(words):
        n = rng.randint(40, 90)
        paras.append(" ".join(words[i:i + n]).capitalize() + ".")
        i += n
    body = "".join("<p>%s</p>" % p for p in paras)
    return ("<!DOCTYPE html><html><head><title>%s</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            "<article><h1>%s</h1>%s</article>"
            "<footer>All rights reserved.</footer></body></html>"
            % (title, title, body))


WORD = re.compile(r"[^\W_]+", re.UNICODE)


def norm_words(text):
    return WORD.findall(text.lower())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bases", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "thresh"))
    args, extra = ap.parse_known_args()
    rng = random.Random(args.seed)
    voc = vocab(rng)
    weights = [1.0 / (r + 1) for r in range(len(voc))]
    cum = list(__import__("itertools").accumulate(weights))
    counter = iter(range(10 ** 9))
    fresh = ("novel%dx" % next(counter) for _ in iter(int, 1))
    out_dir = os.path.join(ROOT, "build", "dedup_eval")
    os.makedirs(out_dir, exist_ok=True)
    inp = os.path.join(out_dir, "corpus.jsonl")
    targets = [1.0, 0.97, 0.93, 0.9, 0.87, 0.85, 0.8, 0.75, 0.7, 0.65,
               0.6, 0.55, 0.5, 0.4, 0.3]
    pairs = []  # (index of base, index of copy)
    n = 0
    with open(inp, "w") as f:
        for b in range(args.bases):
            words = rng.choices(voc, cum_weights=cum, k=rng.randint(250, 900))
            t = targets[b % len(targets)]
            c = copy_at(words, t, rng, fresh)
            for w in (words, c):
                f.write(json.dumps({"html": page("Story %d" % b, w, rng),
                                    "url": "http://site%d.example/%d" % (n % 7, n)})
                        + "\n")
                n += 1
            pairs.append((n - 2, n - 1))
    out = os.path.join(out_dir, "out.jsonl")
    cmd = [args.bin, "corpus", "--quiet", inp, "-o", out] + extra
    t0 = time.time()
    subprocess.run(cmd, check=True)
    secs = time.time() - t0
    recs = [json.loads(l) for l in open(out)]
    if len(recs) != n:
        sys.exit("dedup_eval: %d records out of %d pages" % (len(recs), n))
    cluster = [r["cluster"] for r in recs]
    words = [norm_words(r["text"]) for r in recs]
    tp = fn = fp_neg = neg = mid = mid_same = 0
    for a, b in pairs:
        j = jaccard(words[a], words[b])
        same = cluster[a] == cluster[b]
        if j >= 0.85:
            tp += same
            fn += not same
        elif j <= 0.6:
            neg += 1
            fp_neg += same
        else:
            mid += 1
            mid_same += same
    # Unrelated articles in one cluster: every cluster should hold one base.
    base_of = {}
    for i, (a, b) in enumerate(pairs):
        base_of[a] = base_of[b] = i
    members = {}
    for i, c in enumerate(cluster):
        members.setdefault(c, set()).add(base_of[i])
    fp_cross = sum(len(s) * (len(s) - 1) // 2 for s in members.values())
    recall = tp / max(1, tp + fn)
    precision = tp / max(1, tp + fp_neg + fp_cross)
    print("dedup_eval: %d pages, %d pairs (%d at J>=0.85, %d at J<=0.6, %d "
          "between), %.1f s" % (n, len(pairs), tp + fn, neg, mid, secs))
    print("  recall    (J >= 0.85): %.4f  (%d of %d)   bar >= 0.95  %s"
          % (recall, tp, tp + fn, "PASS" if recall >= 0.95 else "FAIL"))
    print("  precision            : %.4f  (%d negative pairs and %d unrelated "
          "pairs clustered)   bar >= 0.99  %s"
          % (precision, fp_neg, fp_cross, "PASS" if precision >= 0.99 else "FAIL"))
    print("  (pairs at 0.6 < J < 0.85, not scored: %d of %d clustered)"
          % (mid_same, mid))
    return 0 if recall >= 0.95 and precision >= 0.99 else 1


if __name__ == "__main__":
    sys.exit(main())
