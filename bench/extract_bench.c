/*
 * extract_bench.c -- times the whole thresh pipeline (th_extract, then
 * th_doc_render, then the frees) over a list of pages, through the public
 * API only, linked against build/libthresh.a.
 *
 * Speed mode (default): every page is read into memory first; the clock
 * (process CPU time) then runs over passes of the whole list until at least
 * --min-seconds have been spent, so short lists are repeated.  Memory mode
 * (--stream): one pass, each page read from disk just before it is
 * extracted and freed just after, so the peak RSS is the pipeline's own
 * working set plus one page, and must not grow with the number of pages.
 *
 * One result line on stdout, key=value words, for the scripts to parse:
 *   extract pages=632 bytes=101694033 passes=3 cpu_s=5.1 wall_s=5.2
 *           MB_s=59.6 pages_s=370.2 errors=0 peak_rss_kb=40000 cur_rss_kb=..
 * (MB = 10^6 bytes.)  Usage: see usage() below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "thresh.h"

static void usage(void)
{
    fprintf(stderr,
            "usage: extract_bench [options] FILE|DIR|@LIST...\n"
            "  --min-seconds S  repeat the list until S CPU seconds (5)\n"
            "  --format F       json|text|markdown|none: render after extract (json)\n"
            "  --kind K         auto|html|text (auto)\n"
            "  --limit N        only the first N pages of the list\n"
            "  --stream         memory mode: read each page just before use, one pass\n"
            "  --checkpoint N   with --stream: print RSS every N pages\n"
            "  --once           one pass, no warm-up (for instruction counts)\n");
    exit(2);
}

static int parse_format(const char *s, th_format *f)
{
    if (!strcmp(s, "json"))
        *f = TH_FORMAT_JSON;
    else if (!strcmp(s, "text"))
        *f = TH_FORMAT_TEXT;
    else if (!strcmp(s, "markdown"))
        *f = TH_FORMAT_MARKDOWN;
    else if (!strcmp(s, "none"))
        return 0;
    else
        usage();
    return 1;
}

/* One page through the pipeline; returns the extract status.  Never
 * inlined: bench/instructions.sh counts instructions inside it. */
__attribute__((noinline)) static th_status run_page(const char *data, size_t len, const th_options *opts,
                          int render, th_format fmt, const char *source)
{
    th_doc *doc = NULL;
    th_status st = th_extract(data, len, opts, &doc);
    if (st != TH_OK)
        return st;
    if (render) {
        char *out = NULL;
        size_t n = 0;
        th_status rs = th_doc_render(doc, fmt, source, &out, &n);
        th_free(out);
        if (rs != TH_OK)
            st = rs;
    }
    th_doc_free(doc);
    return st;
}

int main(int argc, char **argv)
{
    double min_seconds = 5.0;
    th_format fmt = TH_FORMAT_JSON;
    int render = 1, stream = 0, once = 0;
    size_t limit = 0, checkpoint = 0;
    th_options opts;
    th_options_init(&opts);
    bench_list list = {0};

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--min-seconds") && i + 1 < argc)
            min_seconds = atof(argv[++i]);
        else if (!strcmp(a, "--format") && i + 1 < argc)
            render = parse_format(argv[++i], &fmt);
        else if (!strcmp(a, "--kind") && i + 1 < argc) {
            const char *k = argv[++i];
            opts.kind = !strcmp(k, "html")   ? TH_INPUT_HTML
                        : !strcmp(k, "text") ? TH_INPUT_TEXT
                                             : TH_INPUT_AUTO;
        } else if (!strcmp(a, "--limit") && i + 1 < argc)
            limit = (size_t)atol(argv[++i]);
        else if (!strcmp(a, "--stream"))
            stream = 1;
        else if (!strcmp(a, "--once"))
            once = 1;
        else if (!strcmp(a, "--checkpoint") && i + 1 < argc)
            checkpoint = (size_t)atol(argv[++i]);
        else if (a[0] == '-' && a[1] == '-')
            usage();
        else
            bench_add_arg(&list, a);
    }
    if (limit && limit < list.n) {
        for (size_t i = limit; i < list.n; i++)
            free(list.a[i].path);
        list.n = limit;
    }
    if (list.n == 0)
        usage();

    size_t errors = 0, pages = 0, bytes = 0, passes = 0;
    double c0, w0;
    if (stream) {
        c0 = bench_cpu();
        w0 = bench_wall();
        for (size_t i = 0; i < list.n; i++) {
            size_t len;
            char *data = bench_read(list.a[i].path, &len);
            th_status st = run_page(data, len, &opts, render, fmt,
                                    list.a[i].path);
            if (st != TH_OK) {
                errors++;
                fprintf(stderr, "%s: %s\n", list.a[i].path, th_strerror(st));
            }
            free(data);
            pages++;
            bytes += len;
            if (checkpoint && pages % checkpoint == 0)
                printf("checkpoint pages=%zu cur_rss_kb=%ld peak_rss_kb=%ld\n",
                       pages, bench_cur_rss_kb(), bench_peak_rss_kb());
        }
        passes = 1;
    } else {
        size_t total = bench_load_all(&list);
        /* One untimed pass warms caches and the allocator and reports
         * errors once. */
        for (size_t i = 0; i < list.n && !once; i++) {
            th_status st = run_page(list.a[i].data, list.a[i].len, &opts,
                                    render, fmt, list.a[i].path);
            if (st != TH_OK) {
                errors++;
                fprintf(stderr, "%s: %s\n", list.a[i].path, th_strerror(st));
            }
        }
        c0 = bench_cpu();
        w0 = bench_wall();
        do {
            for (size_t i = 0; i < list.n; i++)
                (void)run_page(list.a[i].data, list.a[i].len, &opts, render,
                               fmt, list.a[i].path);
            passes++;
            pages += list.n;
            bytes += total;
        } while (!once && bench_cpu() - c0 < min_seconds);
    }
    double cpu = bench_cpu() - c0, wall = bench_wall() - w0;
    if (cpu <= 0)
        cpu = 1e-9;
    printf("extract pages=%zu bytes=%zu passes=%zu cpu_s=%.3f wall_s=%.3f "
           "MB_s=%.2f pages_s=%.1f errors=%zu peak_rss_kb=%ld cur_rss_kb=%ld\n",
           pages / passes, bytes / passes, passes, cpu, wall,
           (double)bytes / 1e6 / cpu, (double)pages / cpu, errors,
           bench_peak_rss_kb(), bench_cur_rss_kb());
    bench_free_list(&list);
    return 0;
}
