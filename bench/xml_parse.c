/*
 * xml_parse.c -- the libxml2 baseline for the speed bar: a bare HTML tree
 * parse (htmlReadMemory with RECOVER|NOERROR|NOWARNING|NONET, then
 * xmlFreeDoc) over the same pages extract_bench times.  No extraction, no
 * output: this is the floor a tree-building extractor on libxml2 (lxml,
 * trafilatura, readability-lxml) starts from.
 *
 * Pages are read into memory first; the clock is process CPU time over
 * passes of the whole list until --min-seconds.  The result line has the
 * same keys as extract_bench's:
 *   libxml2 pages=.. bytes=.. passes=.. cpu_s=.. wall_s=.. MB_s=.. pages_s=..
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

static const int k_opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                          HTML_PARSE_NOWARNING | HTML_PARSE_NONET;

/* Never inlined: bench/instructions.sh counts instructions inside it. */
__attribute__((noinline)) static int parse_page(const bench_page *p)
{
    if (p->len > 0x7fffffff)
        return 1;
    htmlDocPtr doc = htmlReadMemory(p->data, (int)p->len, NULL, NULL, k_opts);
    if (!doc)
        return 1;
    xmlFreeDoc(doc);
    return 0;
}

/* libxml2 reports encoding errors through the generic handler even with
 * NOERROR; printing them would be timed too. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int main(int argc, char **argv)
{
    double min_seconds = 5.0;
    size_t limit = 0;
    int once = 0;
    bench_list list = {0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--min-seconds") && i + 1 < argc)
            min_seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--once"))
            once = 1; /* one pass, no warm-up (instruction counts) */
        else if (!strcmp(argv[i], "--limit") && i + 1 < argc)
            limit = (size_t)atol(argv[++i]);
        else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "usage: xml_parse [--min-seconds S] [--limit N] [--once] "
                            "FILE|DIR|@LIST...\n");
            return 2;
        } else
            bench_add_arg(&list, argv[i]);
    }
    if (limit && limit < list.n) {
        for (size_t i = limit; i < list.n; i++)
            free(list.a[i].path);
        list.n = limit;
    }
    if (list.n == 0) {
        fprintf(stderr, "xml_parse: no pages\n");
        return 2;
    }
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, quiet);
    size_t total = bench_load_all(&list), errors = 0;
    for (size_t i = 0; i < list.n && !once; i++) /* untimed warm-up pass */
        errors += (size_t)parse_page(&list.a[i]);
    size_t passes = 0;
    double c0 = bench_cpu(), w0 = bench_wall();
    do {
        for (size_t i = 0; i < list.n; i++)
            (void)parse_page(&list.a[i]);
        passes++;
    } while (!once && bench_cpu() - c0 < min_seconds);
    double cpu = bench_cpu() - c0, wall = bench_wall() - w0;
    printf("libxml2 pages=%zu bytes=%zu passes=%zu cpu_s=%.3f wall_s=%.3f "
           "MB_s=%.2f pages_s=%.1f errors=%zu peak_rss_kb=%ld\n",
           list.n, total, passes, cpu, wall,
           (double)total * (double)passes / 1e6 / cpu,
           (double)list.n * (double)passes / cpu, errors, bench_peak_rss_kb());
    bench_free_list(&list);
    xmlCleanupParser();
    return 0;
}
