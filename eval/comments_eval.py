#!/usr/bin/env python3
"""comments_eval.py -- reader-comment extraction on the trafilatura dev set.

For every page whose <id>.snippets.json has "comments" snippets, runs
`thresh extract --format json PAGE` and counts a snippet as
  found   when it is a whitespace-normalised substring of the page's
          comments (every comment's author and text joined by spaces; the
          gold lists a few commenter names as snippets); `text only` is the
          same count on the texts alone,
  leaked  when it is a substring of the body ("text").
Empty snippets (the gold has three) are left out of every count.  Also
reports how many snippets occur in the page's visible text at all
(`reachable`: the page decoded with its declared charset, entities
unescaped, script/style/comments dropped) and how many only inside a
<script> (JSON blobs): comments loaded by JavaScript are not in the saved
page.

  python3 eval/comments_eval.py [--set DIR] [--bin PATH] [--verbose]
                                [--marks DUMP] [--json OUT]

--marks DUMP  also run tools' comments_dump (build/comments_dump) and count
              snippets left in the text outside marked sections: what the
              marks alone keep out of the body.
Skips (exit 0) with a message when ../shared is absent.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def decode(raw):
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([-\w:]+)", raw[:4096], re.I)
    encs = [m.group(1).decode("ascii", "replace")] if m else []
    for enc in encs + ["utf-8", "cp1252"]:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("latin-1")


def page_text(raw):
    """(visible text, script text) of the HTML; tags dropped two ways."""
    s = decode(raw)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    scripts = " \x00 ".join(
        norm(html.unescape(re.sub(r"\\u([0-9a-fA-F]{4})", lambda x: chr(int(x.group(1), 16)),
                                  m.group(1)).replace("\\/", "/").replace('\\"', '"')))
        for m in re.finditer(r"(?is)<script\b[^>]*>(.*?)</script\s*>", s))
    s = re.sub(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>", " ", s)
    a = norm(html.unescape(re.sub(r"<[^>]+>", " ", s)))
    b = norm(html.unescape(re.sub(r"<[^>]+>", "", s)))
    return a + " \x00 " + b, scripts


def run_json(binary, path):
    for args in ([binary, "extract", "--format", "json", path],
                 [binary, "extract", path]):
        try:
            p = subprocess.run(args, capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            return None, str(e)
        if p.returncode == 0 and p.stdout.strip():
            try:
                return json.loads(p.stdout.decode("utf-8", "replace")), None
            except ValueError as e:
                return None, "bad JSON: %s" % e
    return None, p.stderr.decode("utf-8", "replace")[:200]


def main():
    ap = argparse.ArgumentParser()
    shared = os.environ.get("THRESH_SHARED", os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--set", default=os.path.join(shared, "eval", "dev", "trafilatura"))
    ap.add_argument("--bin", default=os.environ.get("THRESH_BIN",
                                                    os.path.join(ROOT, "build", "thresh")))
    ap.add_argument("--marks", metavar="DUMP", default=None,
                    help="comments_dump binary: also measure text left unmarked")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", metavar="OUT")
    a = ap.parse_args()
    if not os.path.isdir(a.set):
        print("comments_eval: SKIP: %s not found (../shared absent)" % a.set)
        return 0
    if not os.path.exists(a.bin):
        print("comments_eval: %s not built (make)" % a.bin, file=sys.stderr)
        return 2

    tot = found = leaked = reach = found_reach = unmarked = empty = 0
    in_script = found_text = 0
    pages = 0
    misses, leaks = [], []
    for name in sorted(os.listdir(a.set)):
        if not name.endswith(".snippets.json"):
            continue
        with open(os.path.join(a.set, name), encoding="utf-8") as f:
            sn = json.load(f)
        cs = sn.get("comments") or []
        if not cs:
            continue
        pages += 1
        path = os.path.join(a.set, sn.get("file") or name.replace(".snippets.json", ".html"))
        with open(path, "rb") as f:
            ptext, stext = page_text(f.read())
        doc, err = run_json(a.bin, path)
        if doc is None:
            print("comments_eval: %s: %s" % (path, err), file=sys.stderr)
            doc = {}
        cms = doc.get("comments") or []
        ttext = norm(" ".join((c.get("text") or "") for c in cms))
        ctext = norm(" ".join("%s %s" % (c.get("author") or "", c.get("text") or "")
                              for c in cms))
        body = norm(doc.get("text") or "")
        um = None
        if a.marks:
            p = subprocess.run([a.marks, path], capture_output=True, timeout=60)
            try:
                um = norm(json.loads(p.stdout.decode("utf-8", "replace"))["unmarked"])
            except (ValueError, KeyError):
                um = None
        for s in cs:
            k = norm(s)
            if not k:
                empty += 1
                continue
            tot += 1
            r = k in ptext or norm(html.unescape(k)) in ptext
            reach += r
            if not r and (k in stext or norm(html.unescape(k)) in stext):
                in_script += 1
            ok = k in ctext
            found += ok
            found_text += k in ttext
            found_reach += ok and r
            if k and k in body:
                leaked += 1
                leaks.append((name, k))
            if um is not None and k and k in um:
                unmarked += 1
            if not ok:
                misses.append((name, k, r, len(doc.get("comments") or [])))

    pct = 100.0 * found / tot if tot else 0.0
    rpct = 100.0 * found_reach / reach if reach else 0.0
    print("comments: %d pages, %d snippets (+%d empty, not counted), %d reachable"
          " in the visible HTML, %d more only inside <script>"
          % (pages, tot, empty, reach, in_script))
    print("found %d/%d = %.1f%%   of reachable %d/%d = %.1f%%   (text only: %d)"
          % (found, tot, pct, found_reach, reach, rpct, found_text))
    print("leaked into body text: %d" % leaked)
    if a.marks:
        print("left outside marked sections: %d" % unmarked)
    if a.verbose:
        for name, k, r, n in misses:
            print("  MISS %s%s [%d comments] %r" % (name, "" if r else " (not in HTML)", n, k[:70]))
        for name, k in leaks:
            print("  LEAK %s %r" % (name, k[:70]))
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"pages": pages, "snippets": tot, "empty": empty,
                   "found": found, "found_text_only": found_text,
                   "in_script_only": in_script,
                       "found_pct": pct, "reachable": reach,
                       "found_reachable_pct": rpct, "leaked": leaked,
                       "unmarked": unmarked if a.marks else None}, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
