/*
 * parse_speed.c -- HTML parser throughput on the dev pages: thresh's own
 * parser (src/html.c) vs gumbo vs libxml2's htmlReadMemory, in one run.
 * `make parse-speed` (pin it: taskset -c 0).  Every page is first decoded
 * to UTF-8 by the pipeline's decoder (charset.c), so the three parsers see
 * the same bytes; each parser builds its full tree and frees it.  Reports
 * the best of N rounds (THRESH_ROUNDS, default 5) in MB/s of input.
 * Skips with a message when the shared dev pages are absent.
 */
#include <glob.h>
#include <gumbo.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "charset.h"
#include "html.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

typedef struct page {
    char *d;
    size_t n;
} page;

static page *g_pages;
static size_t g_np, g_bytes;

static void run_thresh(void)
{
    th_arena a;
    th__arena_init(&a);
    for (size_t i = 0; i < g_np; i++) {
        th_dom dom;
        th__arena_reset(&a);
        if (th__html_parse(&dom, &a, g_pages[i].d, g_pages[i].n, NULL))
            fprintf(stderr, "thresh: parse failed\n");
    }
    th__arena_cleanup(&a);
}

static void run_gumbo(void)
{
    for (size_t i = 0; i < g_np; i++) {
        GumboOutput *o = gumbo_parse_with_options(&kGumboDefaultOptions,
                                                  g_pages[i].d, g_pages[i].n);
        gumbo_destroy_output(&kGumboDefaultOptions, o);
    }
}

static void run_libxml2(void)
{
    for (size_t i = 0; i < g_np; i++) {
        htmlDocPtr doc = htmlReadMemory(
            g_pages[i].d, (int)g_pages[i].n, NULL, "UTF-8",
            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_COMPACT);
        xmlFreeDoc(doc);
    }
}

static double best_of(void (*fn)(void), int rounds)
{
    double best = 1e30;
    for (int r = 0; r < rounds; r++) {
        double t0 = now();
        fn();
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

int main(void)
{
    const char *sh = getenv("THRESH_SHARED");
    if (!sh)
        sh = "/work/shared";
    char pat[4096];
    struct stat st;
    snprintf(pat, sizeof pat, "%s/eval/dev", sh);
    if (stat(pat, &st) != 0) {
        printf("parse-speed: SKIP (%s not found)\n", pat);
        return 0;
    }
    glob_t g;
    snprintf(pat, sizeof pat, "%s/eval/dev/*/*.html", sh);
    if (glob(pat, 0, NULL, &g) != 0) {
        printf("parse-speed: SKIP (no pages)\n");
        return 0;
    }
    g_pages = calloc(g.gl_pathc, sizeof *g_pages);
    th_arena keep;
    th__arena_init(&keep);
    for (size_t i = 0; i < g.gl_pathc; i++) {
        FILE *f = fopen(g.gl_pathv[i], "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *raw = malloc((size_t)n + 1);
        if (raw && fread(raw, 1, (size_t)n, f) == (size_t)n) {
            char *u;
            size_t un;
            const char *cs;
            if (th__charset_decode(&keep, raw, (size_t)n, NULL, 1, &u, &un,
                                   &cs) == TH_OK) {
                g_pages[g_np].d = u;
                g_pages[g_np].n = un;
                g_np++;
                g_bytes += un;
            }
        }
        free(raw);
        fclose(f);
    }
    globfree(&g);
    int rounds = getenv("THRESH_ROUNDS") ? atoi(getenv("THRESH_ROUNDS")) : 5;
    if (rounds < 1)
        rounds = 1;
    xmlInitParser();
    double mb = (double)g_bytes / 1e6;
    double tt = best_of(run_thresh, rounds);
    double tg = best_of(run_gumbo, rounds);
    double tx = best_of(run_libxml2, rounds);
    printf("parse-speed: %zu pages, %.1f MB UTF-8, best of %d rounds\n", g_np,
           mb, rounds);
    printf("  thresh   %8.1f MB/s  (%.3f s)\n", mb / tt, tt);
    printf("  gumbo    %8.1f MB/s  (%.3f s)  thresh is %.1fx\n", mb / tg, tg,
           tg / tt);
    printf("  libxml2  %8.1f MB/s  (%.3f s)  thresh is %.1fx\n", mb / tx, tx,
           tx / tt);
    xmlCleanupParser();
    th__arena_cleanup(&keep);
    free(g_pages);
    return 0;
}
