/*
 * html_debug.c -- see html_debug.h.  Test-only; never linked into the
 * library.
 */
#include "html_debug.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"

typedef struct sbuf {
    char *d;
    size_t n, cap;
} sbuf;

static void put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 256;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *nd = realloc(b->d, nc);
        if (!nd)
            abort();
        b->d = nd;
        b->cap = nc;
    }
    memcpy(b->d + b->n, s, n);
    b->n += n;
    b->d[b->n] = 0;
}

static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

static void open_node(sbuf *b, const th_node *n)
{
    switch (n->type) {
    case TH_NODE_ELEMENT:
        puts_(b, "<");
        if (n->ns == TH_NS_SVG)
            puts_(b, "svg:");
        else if (n->ns == TH_NS_MATHML)
            puts_(b, "math:");
        puts_(b, n->name);
        for (uint32_t i = 0; i < n->nattrs; i++) {
            puts_(b, " ");
            put(b, n->attrs[i].name, n->attrs[i].name_len);
            puts_(b, "=\"");
            put(b, n->attrs[i].value, n->attrs[i].value_len);
            puts_(b, "\"");
        }
        puts_(b, ">");
        break;
    case TH_NODE_TEXT:
        puts_(b, "\"");
        put(b, n->text, n->text_len);
        puts_(b, "\"");
        break;
    case TH_NODE_COMMENT:
        puts_(b, "<!--");
        put(b, n->text, n->text_len);
        puts_(b, "-->");
        break;
    default: break;
    }
}

static void close_node(sbuf *b, const th_node *n)
{
    if (n->type != TH_NODE_ELEMENT)
        return;
    puts_(b, "</");
    if (n->ns == TH_NS_SVG)
        puts_(b, "svg:");
    else if (n->ns == TH_NS_MATHML)
        puts_(b, "math:");
    puts_(b, n->name);
    puts_(b, ">");
}

char *th_test_dom_debug(const th_node *top)
{
    sbuf b = {0};
    put(&b, "", 0);
    const th_node *n = top->first_child;
    if (top->type != TH_NODE_DOCUMENT) {
        open_node(&b, top);
        if (!top->first_child) {
            close_node(&b, top);
            return b.d;
        }
    }
    while (n) {
        open_node(&b, n);
        if (n->first_child) {
            n = n->first_child;
            continue;
        }
        close_node(&b, n);
        while (n && !n->next) {
            n = n->parent;
            if (n == top)
                n = NULL;
            else if (n)
                close_node(&b, n);
        }
        if (n)
            n = n->next;
    }
    if (top->type != TH_NODE_DOCUMENT)
        close_node(&b, top);
    return b.d;
}

char *th_test_parse_debug(const char *html, size_t len, unsigned max_depth,
                          unsigned max_attrs)
{
    th_arena a;
    th__arena_init(&a);
    th_dom dom;
    th_options o;
    memset(&o, 0, sizeof o); /* 0 = the parser's defaults */
    o.max_depth = max_depth;
    o.max_attrs = max_attrs;
    char *r = NULL;
    if (th__html_parse(&dom, &a, html, len, &o) == TH_OK)
        r = th_test_dom_debug(dom.root);
    th__arena_cleanup(&a);
    return r;
}

char *th_test_parse_body(const char *html)
{
    char *s = th_test_parse_debug(html, strlen(html), 0, 0);
    if (!s)
        return NULL;
    char *b = strstr(s, "<body>");
    char *e = b ? strstr(b, "</body>") : NULL;
    if (!b || !e) /* no body (frameset): return the whole tree */
        return s;
    b += 6;
    memmove(s, b, (size_t)(e - b));
    s[e - b] = 0;
    return s;
}
