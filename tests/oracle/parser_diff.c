/*
 * parser_diff.c -- differential test of thresh's HTML parser (src/html.c)
 * against gumbo (tests/oracle/html_gumbo.c, linked with its entry point
 * renamed th__html_parse_gumbo).  `make parser-diff`.
 *
 * For every page of $THRESH_SHARED/eval/dev/{readability,trafilatura}/*.html
 * (default /work/shared): bytes -> UTF-8 with the pipeline's own decoder
 * (charset.c: BOM, <meta> prescan, detection, iconv; invalid bytes become
 * U+FFFD), so both parsers see the same valid UTF-8.  Then compares
 *   (1) visible text: text nodes outside script/style/template/head and
 *       comments, concatenated in document order, whitespace-collapsed;
 *   (2) block structure: the sequence of block elements (p div h1-h6 li ul
 *       ol table tr td blockquote pre section article), each with its block
 *       depth (number of block ancestors).
 * Prints one line per page that differs (with the first difference in
 * context), then a summary line; exits 0.  Options: -v (every page),
 * -q (summary only), FILE... (compare these files instead).
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "charset.h"
#include "html.h"
#include "utf8.h"

th_status th__html_parse_gumbo(th_dom *dom, th_arena *arena, const char *html,
                               size_t len, const th_options *opts);

typedef struct sb {
    char *d;
    size_t n, cap;
} sb;

static void sb_put(sb *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 4096;
        while (nc < b->n + n + 1)
            nc *= 2;
        b->d = realloc(b->d, nc);
        if (!b->d) {
            perror("realloc");
            exit(2);
        }
        b->cap = nc;
    }
    memcpy(b->d + b->n, s, n);
    b->n += n;
    b->d[b->n] = 0;
}

static int skipped(const th_node *n)
{
    return n->type == TH_NODE_ELEMENT && n->ns == TH_NS_HTML &&
           (n->tag == TH_TAG_SCRIPT || n->tag == TH_TAG_STYLE ||
            n->tag == TH_TAG_TEMPLATE || n->tag == TH_TAG_HEAD);
}

static int is_block(const th_node *n)
{
    if (n->type != TH_NODE_ELEMENT || n->ns != TH_NS_HTML)
        return 0;
    switch (n->tag) {
    case TH_TAG_P: case TH_TAG_DIV: case TH_TAG_H1: case TH_TAG_H2:
    case TH_TAG_H3: case TH_TAG_H4: case TH_TAG_H5: case TH_TAG_H6:
    case TH_TAG_LI: case TH_TAG_UL: case TH_TAG_OL: case TH_TAG_TABLE:
    case TH_TAG_TR: case TH_TAG_TD: case TH_TAG_BLOCKQUOTE: case TH_TAG_PRE:
    case TH_TAG_SECTION: case TH_TAG_ARTICLE:
        return 1;
    default:
        return 0;
    }
}

/* Visible text and block sequence of a tree (iterative walk). */
static void summarise(const th_dom *dom, sb *text, sb *blocks)
{
    const th_node *root = dom->root;
    const th_node *n = root->first_child;
    while (n) {
        int skip = skipped(n);
        if (!skip && n->type == TH_NODE_TEXT)
            sb_put(text, n->text, n->text_len);
        if (!skip && is_block(n)) {
            unsigned d = 0;
            for (const th_node *a = n->parent; a; a = a->parent)
                d += is_block(a);
            char tmp[64];
            int l = snprintf(tmp, sizeof tmp, "%s/%u ", n->name, d);
            sb_put(blocks, tmp, (size_t)l);
        }
        n = th__dom_next(root, n, skip);
    }
    if (!text->d)
        sb_put(text, "", 0);
    if (!blocks->d)
        sb_put(blocks, "", 0);
    text->n = th__collapse_space(text->d, text->n);
}

static size_t first_diff(const sb *a, const sb *b)
{
    size_t i = 0;
    while (i < a->n && i < b->n && a->d[i] == b->d[i])
        i++;
    return i;
}

static void show(const char *label, const sb *s, size_t at)
{
    size_t from = at > 50 ? at - 50 : 0;
    size_t to = at + 70 < s->n ? at + 70 : s->n;
    /* stay on UTF-8 boundaries */
    while (from > 0 && ((unsigned char)s->d[from] & 0xC0) == 0x80)
        from--;
    while (to < s->n && ((unsigned char)s->d[to] & 0xC0) == 0x80)
        to++;
    printf("      %s: ...%.*s|%.*s...\n", label, (int)(at - from), s->d + from,
           (int)(to - at), s->d + at);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(b);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

int main(int argc, char **argv)
{
    int verbose = 0, quiet = 0, nfiles = 0;
    char **files = calloc((size_t)argc + 1, sizeof(char *));
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            verbose = 1;
        else if (!strcmp(argv[i], "-q"))
            quiet = 1;
        else
            files[nfiles++] = argv[i];
    }
    glob_t g;
    memset(&g, 0, sizeof g);
    if (!nfiles) {
        const char *sh = getenv("THRESH_SHARED");
        if (!sh)
            sh = "/work/shared";
        struct stat st;
        char pat[4096];
        snprintf(pat, sizeof pat, "%s/eval/dev", sh);
        if (stat(pat, &st) != 0) {
            printf("parser-diff: SKIP (%s not found)\n", pat);
            return 0;
        }
        snprintf(pat, sizeof pat, "%s/eval/dev/readability/*.html", sh);
        glob(pat, 0, NULL, &g);
        snprintf(pat, sizeof pat, "%s/eval/dev/trafilatura/*.html", sh);
        glob(pat, GLOB_APPEND, NULL, &g);
        free(files);
        files = NULL;
        nfiles = (int)g.gl_pathc;
    }
    char **list = files ? files : g.gl_pathv;
    size_t pages = 0, text_ok = 0, block_ok = 0, converted = 0, failed = 0;
    for (int i = 0; i < nfiles; i++) {
        size_t len = 0;
        char *raw = read_file(list[i], &len);
        if (!raw) {
            printf("  %s: unreadable, skipped\n", list[i]);
            failed++;
            continue;
        }
        th_arena a;
        th__arena_init(&a);
        char *u = NULL;
        size_t un = 0;
        const char *cs = NULL;
        if (th__charset_decode(&a, raw, len, NULL, 1, &u, &un, &cs) != TH_OK) {
            printf("  %s: charset decode failed, skipped\n", list[i]);
            failed++;
            free(raw);
            th__arena_cleanup(&a);
            continue;
        }
        if (strcmp(cs, "utf-8") != 0)
            converted++;
        th_dom d1, d2;
        sb t1 = {0}, t2 = {0}, b1 = {0}, b2 = {0};
        if (th__html_parse(&d1, &a, u, un, NULL) != TH_OK ||
            th__html_parse_gumbo(&d2, &a, u, un, NULL) != TH_OK) {
            printf("  %s: parse failed\n", list[i]);
            failed++;
        } else {
            summarise(&d1, &t1, &b1);
            summarise(&d2, &t2, &b2);
            int tok = t1.n == t2.n && !memcmp(t1.d, t2.d, t1.n);
            int bok = b1.n == b2.n && !memcmp(b1.d, b2.d, b1.n);
            pages++;
            text_ok += tok;
            block_ok += bok;
            if (!quiet && (verbose || !tok || !bok)) {
                const char *base = strrchr(list[i], '/');
                const char *dir = base;
                while (dir && dir > list[i] && dir[-1] != '/')
                    dir--;
                printf("  %s: text %s, blocks %s (%s, %zu bytes)\n",
                       dir ? dir : list[i], tok ? "same" : "DIFF",
                       bok ? "same" : "DIFF", cs, len);
                if (!tok) {
                    size_t at = first_diff(&t1, &t2);
                    show("thresh", &t1, at);
                    show("gumbo ", &t2, at);
                }
                if (!bok) {
                    size_t at = first_diff(&b1, &b2);
                    show("thresh", &b1, at);
                    show("gumbo ", &b2, at);
                }
            }
        }
        free(t1.d);
        free(t2.d);
        free(b1.d);
        free(b2.d);
        free(raw);
        th__arena_cleanup(&a);
    }
    printf("parser-diff: %zu pages (%zu converted to UTF-8 from another "
           "charset, %zu skipped): visible text identical %zu (%.1f%%), "
           "block structure identical %zu (%.1f%%)\n",
           pages, converted, failed, text_ok,
           pages ? 100.0 * (double)text_ok / (double)pages : 0.0, block_ok,
           pages ? 100.0 * (double)block_ok / (double)pages : 0.0);
    globfree(&g);
    free(files);
    return 0;
}
