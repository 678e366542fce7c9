/*
 * corpus.c -- `thresh corpus` (a corpus run: WARC/WARC.gz, directories,
 * JSON Lines or stdin in; deduplicated JSON Lines or an SQLite store out),
 * `thresh search DB QUERY` and `thresh show DB ID`.  Option parsing,
 * the progress line and the summary; the work is th_corpus_run and the
 * th_store_* queries (include/thresh.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "thresh.h"

void cli_corpus_usage(FILE *f)
{
    fputs(
        "usage: thresh corpus [options] INPUT... [-o OUT]\n"
        "\n"
        "Extracts every page of a crawl, deduplicates, and writes one record\n"
        "per document in input order.  INPUT is a WARC or WARC.gz file, a\n"
        "directory of pages (.html .htm .xhtml .txt, each also .gz), a JSON\n"
        "Lines file (also .jsonl.gz) whose records carry \"html\" or \"text\"\n"
        "(and optionally \"url\", \"date\"), or - (standard input, format\n"
        "sniffed).\n"
        "\n"
        "  -o, --output OUT       OUT ending in .db: SQLite store (resumable:\n"
        "                         rerun the same command after a crash);\n"
        "                         otherwise JSON Lines; - is stdout (default)\n"
        "      --format F         jsonl or sqlite (default: from OUT)\n"
        "  -j, --jobs N           worker threads (default: number of cores)\n"
        "      --minhash-bands N  LSH bands (default 14)\n"
        "      --minhash-rows N   rows per band (default 8)\n"
        "      --near-threshold X estimated Jaccard that confirms a near\n"
        "                         duplicate (default 0.75)\n"
        "      --max-record MB    skip records larger than this (default 32)\n"
        "      --batch N          documents per store transaction (10000)\n"
        "      --no-comments      do not extract comment threads\n"
        "      --progress         progress line even when not a terminal\n"
        "      --timings          CPU seconds by stage at the end (reading,\n"
        "                         extraction, signals, ..., full-text index),\n"
        "                         printed even with --quiet\n"
        "  -q, --quiet            no progress line, no summary\n"
        "\n"
        "Records: id, url, date, title, text, comments, metadata, signals,\n"
        "cluster (id of the cluster's first document), canonical, duplicate.\n"
        "Exit status: 0 done (bad records are counted and skipped), 1 the\n"
        "output failed, 2 bad command line.\n",
        f);
}

void cli_search_usage(FILE *f)
{
    fputs("usage: thresh search [options] DB QUERY...\n"
          "\n"
          "Full-text search of a corpus store (FTS5 syntax; plain words must\n"
          "all match), best first, with snippets.\n"
          "\n"
          "  --site HOST       only documents from this site\n"
          "  --since DATE      published on or after DATE (2024, 2024-03, ...)\n"
          "  --until DATE      published on or before DATE\n"
          "  --lang CODE       only documents in this language\n"
          "  --limit N         at most N results (default 10)\n"
          "  --json            JSON Lines results\n",
          f);
}

void cli_show_usage(FILE *f)
{
    fputs("usage: thresh show [--json] DB ID\n"
          "\n"
          "Prints one document of a corpus store with its comment thread as\n"
          "an indented tree (--json: the JSON record).\n",
          f);
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v > max || s[0] == '-')
        return -1;
    *out = v;
    return 0;
}

typedef struct progress {
    int last_len;
} progress;

static void fmt_eta(char *buf, size_t n, double secs)
{
    if (secs < 0 || secs > 1e7) {
        snprintf(buf, n, "?");
        return;
    }
    long s = (long)(secs + 0.5);
    if (s >= 3600)
        snprintf(buf, n, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%ld:%02ld", s / 60, s % 60);
}

static void on_progress(const th_corpus_stats *st, void *ud)
{
    progress *p = ud;
    double mbs = st->seconds > 0 ? (double)st->bytes_read / 1e6 / st->seconds : 0;
    uint64_t skipped = 0;
    for (int i = 0; i < TH_SKIP_COUNT; i++)
        skipped += st->skipped[i];
    char eta[64] = "";
    if (st->bytes_total && st->bytes_read && st->bytes_read <= st->bytes_total) {
        char t[24];
        fmt_eta(t, sizeof t,
                st->seconds * (double)(st->bytes_total - st->bytes_read) /
                    (double)st->bytes_read);
        snprintf(eta, sizeof eta, "  %3.0f%%  ETA %s",
                 100.0 * (double)st->bytes_read / (double)st->bytes_total, t);
    }
    char line[256];
    int n = snprintf(line, sizeof line,
                     "%llu records  %.1f MB/s  %llu dup (%llu exact, %llu near)"
                     "  %llu skipped  %.0f s%s",
                     (unsigned long long)st->records, mbs,
                     (unsigned long long)(st->dup_exact + st->dup_near),
                     (unsigned long long)st->dup_exact,
                     (unsigned long long)st->dup_near,
                     (unsigned long long)skipped, st->seconds, eta);
    fprintf(stderr, "\r%s%*s", line, p->last_len > n ? p->last_len - n : 0, "");
    p->last_len = n;
    fflush(stderr);
}

static void summary(const th_corpus_stats *st)
{
    uint64_t skipped = 0;
    for (int i = 0; i < TH_SKIP_COUNT; i++)
        skipped += st->skipped[i];
    double mb = (double)st->bytes_read / 1e6;
    fprintf(stderr,
            "thresh corpus: %llu records read, %llu documents written "
            "(%llu exact duplicates, %llu near duplicates), %llu skipped",
            (unsigned long long)st->records, (unsigned long long)st->extracted,
            (unsigned long long)st->dup_exact, (unsigned long long)st->dup_near,
            (unsigned long long)skipped);
    if (st->resumed)
        fprintf(stderr, ", %llu already stored",
                (unsigned long long)st->resumed);
    fprintf(stderr, "; %.1f MB in %.2f s (%.1f MB/s)\n", mb, st->seconds,
            st->seconds > 0 ? mb / st->seconds : 0.0);
    for (int i = 0; i < TH_SKIP_COUNT; i++)
        if (st->skipped[i])
            fprintf(stderr, "  skipped %-13s %llu\n", th_skip_reason_name(i),
                    (unsigned long long)st->skipped[i]);
    if (st->other)
        fprintf(stderr, "  other WARC records (request, metadata, ...) %llu\n",
                (unsigned long long)st->other);
    if (st->index_bytes && st->extracted + st->resumed)
        fprintf(stderr, "  dedup index %.1f MB (%.0f bytes per document)\n",
                (double)st->index_bytes / 1e6,
                (double)st->index_bytes /
                    (double)(st->extracted + st->resumed));
    if (st->repeated_comments)
        fprintf(stderr, "  comments repeated from other pages %llu\n",
                (unsigned long long)st->repeated_comments);
}

/* --timings: where the run's CPU went, by stage (th_corpus_stats.cpu). */
static void timings(const th_corpus_stats *st)
{
    const struct {
        const char *name;
        double v;
    } t[] = {
        {"read (gunzip, WARC, HTTP)", st->cpu.read},
        {"extract", st->cpu.extract},
        {"language and quality signals", st->cpu.signals},
        {"dedup fingerprints, fields", st->cpu.fields},
        {"dedup verdicts, output rows", st->cpu.write},
        {"full-text index rows", st->cpu.fts},
        {"commits and checkpoint", st->cpu.commit},
    };
    double sum = 0;
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        sum += t[i].v;
    fprintf(stderr, "thresh corpus: CPU by stage (%.3f s in all)\n", sum);
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        fprintf(stderr, "  %-30s %7.3f s %5.1f%%\n", t[i].name, t[i].v,
                sum > 0 ? 100 * t[i].v / sum : 0.0);
}

int cli_corpus_main(int argc, char **argv)
{
    th_corpus_options o;
    th_corpus_options_init(&o);
    const char *out = "-";
    int quiet = 0, force_progress = 0;
    const char **inputs = cli_xmalloc(sizeof *inputs * (size_t)(argc + 1));
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long u;
#define NEED_ARG                                                          \
    do {                                                                  \
        if (!v) {                                                         \
            fprintf(stderr, "thresh corpus: %s needs a value\n", a);      \
            goto usage;                                                   \
        }                                                                 \
        i++;                                                              \
    } while (0)
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            NEED_ARG;
            out = v;
        } else if (strcmp(a, "--format") == 0) {
            NEED_ARG;
            if (strcmp(v, "jsonl") == 0 || strcmp(v, "json") == 0)
                o.format = TH_CORPUS_JSONL;
            else if (strcmp(v, "sqlite") == 0 || strcmp(v, "db") == 0)
                o.format = TH_CORPUS_SQLITE;
            else
                goto bad_value;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            NEED_ARG;
            if (parse_uint(v, 256, &u) || u == 0)
                goto bad_value;
            o.jobs = (unsigned)u;
        } else if (strcmp(a, "--minhash-bands") == 0) {
            NEED_ARG;
            if (parse_uint(v, 1024, &u) || u == 0)
                goto bad_value;
            o.minhash_bands = (unsigned)u;
        } else if (strcmp(a, "--minhash-rows") == 0) {
            NEED_ARG;
            if (parse_uint(v, 1024, &u) || u == 0)
                goto bad_value;
            o.minhash_rows = (unsigned)u;
        } else if (strcmp(a, "--near-threshold") == 0) {
            NEED_ARG;
            char *end;
            double d = strtod(v, &end);
            if (*end || end == v || d < 0 || d > 1)
                goto bad_value;
            o.near_threshold = d;
        } else if (strcmp(a, "--max-record") == 0) {
            NEED_ARG;
            if (parse_uint(v, 4096, &u) || u == 0)
                goto bad_value;
            o.max_record_bytes = (size_t)u << 20;
        } else if (strcmp(a, "--batch") == 0) {
            NEED_ARG;
            if (parse_uint(v, 1000000, &u) || u == 0)
                goto bad_value;
            o.batch = (unsigned)u;
        } else if (strcmp(a, "--no-comments") == 0) {
            o.extract.flags |= TH_OPT_NO_COMMENTS;
        } else if (strcmp(a, "--progress") == 0) {
            force_progress = 1;
        } else if (strcmp(a, "--timings") == 0) {
            o.timings = 1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            quiet = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cli_corpus_usage(stdout);
            free(inputs);
            return CLI_OK;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "thresh corpus: unknown option %s\n", a);
            goto usage;
        } else {
            inputs[n++] = a;
        }
        continue;
    bad_value:
        fprintf(stderr, "thresh corpus: bad value for %s: %s\n", a, v);
        goto usage;
#undef NEED_ARG
    }
    if (n == 0) {
        fprintf(stderr, "thresh corpus: no input\n");
        goto usage;
    }
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") != 0 && stat(inputs[i], &sb) != 0) {
            fprintf(stderr, "thresh corpus: %s: %s\n", inputs[i],
                    strerror(errno));
            free(inputs);
            return CLI_FAILED;
        }
    }
    if (o.minhash_bands * o.minhash_rows > 1024) {
        fprintf(stderr, "thresh corpus: bands x rows must be at most 1024\n");
        goto usage;
    }
    /* The command as given, recorded in the store's runs table. */
    size_t clen = 16;
    for (int i = 0; i < argc; i++)
        clen += strlen(argv[i]) + 1;
    char *cmd = cli_xmalloc(clen);
    strcpy(cmd, "thresh");
    for (int i = 0; i < argc; i++) {
        strcat(cmd, " ");
        strcat(cmd, argv[i]);
    }
    o.command = cmd;
    progress p = {0};
    if (!quiet && (force_progress || isatty(2))) {
        o.progress = on_progress;
        o.progress_ud = &p;
    }
    th_corpus_stats st;
    char err[1024];
    th_status s = th_corpus_run(&o, inputs, n, out, &st, err, sizeof err);
    if (o.progress && p.last_len)
        fputc('\n', stderr);
    free(inputs);
    free(cmd);
    if (s != TH_OK) {
        fprintf(stderr, "thresh corpus: %s\n", err[0] ? err : th_strerror(s));
        if (!quiet)
            summary(&st);
        return s == TH_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    if (!quiet)
        summary(&st);
    if (o.timings)
        timings(&st);
    return CLI_OK;
usage:
    free(inputs);
    cli_corpus_usage(stderr);
    return CLI_USAGE;
}

int cli_search_main(int argc, char **argv)
{
    th_search_options o;
    th_search_options_init(&o);
    const char *db = NULL;
    size_t qlen = 1;
    for (int i = 1; i < argc; i++)
        qlen += strlen(argv[i]) + 1;
    char *q = cli_xmalloc(qlen);
    q[0] = '\0';
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        unsigned long u;
        if ((strcmp(a, "--site") == 0 || strcmp(a, "--since") == 0 ||
             strcmp(a, "--until") == 0 || strcmp(a, "--lang") == 0 ||
             strcmp(a, "--limit") == 0) && !v) {
            fprintf(stderr, "thresh search: %s needs a value\n", a);
            goto usage;
        }
        if (strcmp(a, "--site") == 0)
            o.site = argv[++i];
        else if (strcmp(a, "--since") == 0)
            o.since = argv[++i];
        else if (strcmp(a, "--until") == 0)
            o.until = argv[++i];
        else if (strcmp(a, "--lang") == 0)
            o.lang = argv[++i];
        else if (strcmp(a, "--limit") == 0) {
            if (parse_uint(v, 100000, &u) || u == 0) {
                fprintf(stderr, "thresh search: bad --limit %s\n", v);
                goto usage;
            }
            o.limit = (unsigned)u;
            i++;
        } else if (strcmp(a, "--json") == 0)
            o.json = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            cli_search_usage(stdout);
            free(q);
            return CLI_OK;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "thresh search: unknown option %s\n", a);
            goto usage;
        } else if (!db)
            db = a;
        else {
            if (q[0])
                strcat(q, " ");
            strcat(q, a);
        }
    }
    if (!db || !q[0]) {
        fprintf(stderr, "thresh search: need DB and QUERY\n");
        goto usage;
    }
    th_store *s;
    th_status st = th_store_open(db, &s);
    if (st) {
        fprintf(stderr, "thresh search: %s: not a thresh store (%s)\n", db,
                th_strerror(st));
        free(q);
        return CLI_FAILED;
    }
    char *res;
    size_t len;
    st = th_store_search(s, q, &o, &res, &len);
    if (st) {
        fprintf(stderr, "thresh search: %s\n", th_store_errmsg(s));
        th_store_close(s);
        free(q);
        return st == TH_EINVAL ? CLI_USAGE : CLI_FAILED;
    }
    fwrite(res, 1, len, stdout);
    th_free(res);
    th_store_close(s);
    free(q);
    return CLI_OK;
usage:
    free(q);
    cli_search_usage(stderr);
    return CLI_USAGE;
}

int cli_show_main(int argc, char **argv)
{
    int json = 0;
    const char *db = NULL, *id = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_show_usage(stdout);
            return CLI_OK;
        } else if (!db)
            db = argv[i];
        else if (!id)
            id = argv[i];
        else {
            cli_show_usage(stderr);
            return CLI_USAGE;
        }
    }
    if (!db || !id) {
        cli_show_usage(stderr);
        return CLI_USAGE;
    }
    th_store *s;
    th_status st = th_store_open(db, &s);
    if (st) {
        fprintf(stderr, "thresh show: %s: not a thresh store (%s)\n", db,
                th_strerror(st));
        return CLI_FAILED;
    }
    char *res;
    size_t len;
    st = th_store_show(s, id, json, &res, &len);
    if (st) {
        fprintf(stderr, "thresh show: %s\n", th_store_errmsg(s));
        th_store_close(s);
        return CLI_FAILED;
    }
    fwrite(res, 1, len, stdout);
    th_free(res);
    th_store_close(s);
    return CLI_OK;
}
