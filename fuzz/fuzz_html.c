/*
 * fuzz_html.c -- libFuzzer harness for the HTML parser (th__html_parse).
 * The first byte picks options: bit 0 a small depth cap (2..33 from bits
 * 1-5), bit 6 a small attribute cap (1..4), bit 7 an arena limit (so
 * ENOMEM paths run).  The rest is the document.  After parsing, the tree is
 * walked and its links checked; any inconsistency aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const th_dom *dom)
{
    const th_node *root = dom->root;
    for (const th_node *n = root; n; n = th__dom_next(root, n, false)) {
        if (n != root && (!n->parent || n->depth != n->parent->depth + 1))
            abort();
        if (n->next && n->next->prev != n)
            abort();
        if (n->first_child && n->first_child->parent != n)
            abort();
        if (n->last_child && n->last_child->next)
            abort();
        if ((n->type == TH_NODE_TEXT || n->type == TH_NODE_COMMENT) &&
            (!n->text || n->text[n->text_len] != 0))
            abort();
        if (n->type == TH_NODE_ELEMENT &&
            (!n->name || (n->nattrs && !n->attrs)))
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    th_options o;
    memset(&o, 0, sizeof o);
    size_t limit = 0;
    if (size > 0) {
        uint8_t f = data[0];
        if (f & 1)
            o.max_depth = 2u + ((f >> 1) & 31u);
        if (f & 0x40)
            o.max_attrs = 1u + ((f >> 1) & 3u);
        if (f & 0x80)
            limit = 65536u * (1u + ((f >> 1) & 7u));
        data++;
        size--;
    }
    /* An exact-size copy so ASan catches any read past the end. */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    if (size)
        memcpy(buf, data, size);
    th_arena a;
    th__arena_init(&a);
    a.limit = limit;
    th_dom dom;
    if (th__html_parse(&dom, &a, buf, size, &o) == TH_OK)
        check(&dom);
    th__arena_cleanup(&a);
    free(buf);
    return 0;
}
