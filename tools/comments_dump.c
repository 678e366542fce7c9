/*
 * comments_dump.c -- a developer driver for the comment stage (not part of
 * libthresh; links its internals).
 *
 *   comments_dump FILE...          one JSON object per page:
 *       {"file", "marked": sections marked, "comments": n,
 *        "unmarked": the page text outside marked sections}
 *     eval/comments_eval.py --marks uses "unmarked" to see whether the
 *     marks alone keep comment text out of the body, whatever the body
 *     extractor does.
 *   comments_dump --time [-n N] FILE...
 *       CPU time of th_extract over the pages vs. the comment stages alone
 *       (th__comments_mark + th__comments_extract on the parsed tree),
 *       N rounds (default 5); prints the comment share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "charset.h"
#include "comments.h"
#include "comments_int.h"
#include "doc.h"
#include "extract.h"
#include "html.h"
#include "thresh.h"
#include "write.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    size_t r;
    while (b && (r = fread(b + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            char *nb = realloc(b, cap *= 2);
            if (!nb) {
                free(b);
                b = NULL;
            }
            b = nb;
        }
    }
    fclose(f);
    *len = n;
    return b;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void json_str(const char *s, size_t n)
{
    th_buf b;
    th__buf_init(&b, 0);
    th__json_str(&b, s, n);
    fwrite(b.data, 1, b.len, stdout);
    th__buf_cleanup(&b);
}

/* Text outside marked sections, script and style. */
static void unmarked_text(const th_dom *dom, th_buf *out)
{
    for (th_node *n = dom->root; n;) {
        bool skip = false;
        if (n->type == TH_NODE_ELEMENT &&
            ((n->flags & TH_NF_COMMENTS) || n->tag == TH_TAG_SCRIPT ||
             n->tag == TH_TAG_STYLE || n->tag == TH_TAG_HEAD))
            skip = true;
        else if (n->type == TH_NODE_TEXT) {
            th__buf_append(out, n->text, n->text_len);
            th__buf_putc(out, ' ');
        }
        n = th__dom_next(dom->root, n, skip);
    }
}

static void node_name(const th_node *n)
{
    char b[200];
    cm__names(n, b, sizeof b);
    printf("<%s %s>", n->name ? n->name : "?", b);
}

/* --debug: the scan's named containers and items, before marking. */
static void dump_scan(th_arena *a, th_dom *dom)
{
    cm_scan s;
    cm__scan(&s, a, dom->root, true);
    for (size_t k = 0; k < s.nsects; k++) {
        cm_sect *c = s.sects[k];
        printf("SECT L%u text=%zu initems=%zu items=%u strong=%d ", c->level,
               c->t1 - c->t0, c->i1 - c->i0, c->nitems, c->strong);
        node_name(c->node);
        printf("\n");
    }
    for (size_t k = 0; k < s.nitems; k++) {
        cm_item *it = &s.items[k];
        printf("ITEM %zu L%u parent=%ld own=%zu strong=%d dropped=%d ", k,
               it->level, it->parent, it->own, it->strong, it->dropped);
        node_name(it->node);
        printf("\n");
    }
}

static int parse(th_arena *a, const char *data, size_t len, th_dom *dom)
{
    th_options o;
    th_options_init(&o);
    char *utf8;
    size_t n;
    const char *cs;
    if (th__charset_decode(a, data, len, NULL, 1, &utf8, &n, &cs))
        return -1;
    return th__html_parse(dom, a, utf8, n, &o) ? -1 : 0;
}

int main(int argc, char **argv)
{
    int timing = 0, rounds = 5, i = 1, debug = 0;
    if (i < argc && !strcmp(argv[i], "--debug")) {
        debug = 1;
        i++;
    }
    if (i < argc && !strcmp(argv[i], "--time")) {
        timing = 1;
        i++;
        if (i + 1 < argc && !strcmp(argv[i], "-n")) {
            rounds = atoi(argv[i + 1]);
            i += 2;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: comments_dump [--time [-n N]] FILE...\n");
        return 2;
    }
    double t_all = 0, t_cm = 0;
    size_t pages = 0;
    for (; i < argc; i++) {
        size_t len;
        char *data = slurp(argv[i], &len);
        if (!data) {
            perror(argv[i]);
            continue;
        }
        pages++;
        if (timing) {
            th_options o;
            th_options_init(&o);
            o.kind = TH_INPUT_HTML;
            for (int r = 0; r < rounds; r++) {
                double t0 = cpu_now();
                th_doc *d = NULL;
                if (th_extract(data, len, &o, &d) == TH_OK)
                    th_doc_free(d);
                t_all += cpu_now() - t0;
                th_arena a;
                th__arena_init(&a);
                th_dom dom;
                th_doc *doc = th__doc_new();
                if (doc && parse(&a, data, len, &dom) == 0) {
                    t0 = cpu_now();
                    th__comments_mark(&dom);
                    (void)th__comments_extract(doc, &dom, &o);
                    t_cm += cpu_now() - t0;
                }
                th_doc_free(doc);
                th__arena_cleanup(&a);
            }
        } else {
            th_arena a;
            th__arena_init(&a);
            th_dom dom;
            th_doc *doc = th__doc_new();
            if (doc && parse(&a, data, len, &dom) == 0) {
                if (debug)
                    dump_scan(&a, &dom);
                size_t m = th__comments_mark(&dom);
                th_options o;
                th_options_init(&o);
                (void)th__comments_extract(doc, &dom, &o);
                th_buf b;
                th__buf_init(&b, 0);
                unmarked_text(&dom, &b);
                printf("{\"file\":");
                json_str(argv[i], strlen(argv[i]));
                printf(",\"marked\":%zu,\"comments\":%zu,\"unmarked\":", m,
                       doc->ncomments);
                json_str(b.data ? b.data : "", b.len);
                printf("}\n");
                th__buf_cleanup(&b);
            }
            th_doc_free(doc);
            th__arena_cleanup(&a);
        }
        free(data);
    }
    if (timing) {
        double rest = t_all - t_cm;
        printf("pages %zu rounds %d: th_extract %.3fs, comment stages %.3fs, "
               "share of the rest %.1f%%\n",
               pages, rounds, t_all, t_cm, rest > 0 ? 100.0 * t_cm / rest : 0.0);
    }
    return 0;
}
