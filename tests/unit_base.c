/*
 * unit_base.c -- arena, capped buffer, UTF-8 helpers, DOM builder.
 */
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "dom.h"
#include "test.h"
#include "utf8.h"

TEST(arena_alloc_reset)
{
    th_arena a;
    th__arena_init(&a);
    char *p = th__arena_alloc(&a, 10);
    ASSERT(p != NULL);
    ASSERT_EQ((uintptr_t)p % 16, 0);
    char *big = th__arena_alloc(&a, 1 << 20); /* oversize chunk */
    ASSERT(big != NULL);
    big[(1 << 20) - 1] = 'x';
    char *q = th__arena_alloc(&a, 10); /* still from the first chunk */
    ASSERT(q == p + 16);
    th__arena_reset(&a);
    ASSERT(th__arena_alloc(&a, 10) == p);
    th__arena_cleanup(&a);
}

TEST(arena_limit)
{
    th_arena a;
    th__arena_init(&a);
    a.limit = 100000;
    ASSERT(th__arena_alloc(&a, 1000) != NULL);
    ASSERT(th__arena_alloc(&a, 200000) == NULL);
    th__arena_cleanup(&a);
}

TEST(buf_cap)
{
    th_buf b;
    th__buf_init(&b, 10);
    ASSERT_EQ(th__buf_puts(&b, "hello"), TH_OK);
    ASSERT_EQ(th__buf_puts(&b, "world!"), TH_ETOOBIG);
    ASSERT_EQ(th__buf_puts(&b, "x"), TH_ETOOBIG); /* sticky */
    ASSERT(th__buf_take(&b, NULL) == NULL);
    th__buf_init(&b, 0);
    th__buf_printf(&b, "%d-%s", 42, "x");
    size_t n;
    char *s = th__buf_take(&b, &n);
    ASSERT_STR(s, "42-x");
    ASSERT_EQ(n, 4);
    th_free(s);
}

TEST(utf8_repair)
{
    th_arena a;
    th__arena_init(&a);
    size_t n;
    char *s = th__utf8_repair(&a, "a\xff" "b\xe2\x82" "c\0d", 8, &n);
    ASSERT_STR(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "cd");
    ASSERT(th__utf8_valid(s, n));
    ASSERT(!th__utf8_valid("\xc0\xaf", 2)); /* overlong */
    ASSERT(!th__utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
    th__arena_cleanup(&a);
}

TEST(utf8_collapse)
{
    char s[] = "  a \xc2\xa0\t b\n\n c  ";
    size_t n = th__collapse_space(s, strlen(s));
    ASSERT_STR(s, "a b c");
    ASSERT_EQ(n, 5);
}

TEST(dom_build)
{
    th_arena a;
    th__arena_init(&a);
    th_dom dom;
    th_node *doc = th__dom_document(&dom, &a);
    th_node *div = th__dom_element(&dom, "div", 3, TH_NS_HTML);
    th_node *x = th__dom_element(&dom, "x-widget", 8, TH_NS_HTML);
    ASSERT(doc && div && x);
    ASSERT_EQ(div->tag, TH_TAG_DIV);
    ASSERT_EQ(x->tag, TH_TAG_UNKNOWN);
    ASSERT_STR(x->name, "x-widget");
    th__dom_append(doc, div);
    th__dom_append(div, x);
    for (int i = 0; i < 20; i++) {
        char nm[16];
        snprintf(nm, sizeof nm, "a%d", i);
        ASSERT_EQ(th__dom_set_attr(&dom, div, nm, strlen(nm), "v", 1), 0);
    }
    ASSERT_EQ(th__dom_set_attr(&dom, div, "a3", 2, "dup", 3), 0);
    ASSERT_EQ(div->nattrs, 20);
    ASSERT_STR(th__dom_attr(div, "a3"), "v");
    ASSERT_STR(th__dom_attr(div, "a19"), "v");
    ASSERT(th__dom_find(doc, TH_TAG_DIV) == div);
    th__arena_cleanup(&a);
}
