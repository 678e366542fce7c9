/*
 * unit_pathological_html.c -- hostile inputs straight into the HTML parser
 * (th__html_parse): huge nesting, unclosed formatting, attribute floods, a
 * 100 MB text node, truncation, NUL bytes, binary junk, empty input.  Each
 * case checks the tree is consistent, no text is lost, and the parse ends
 * within a time limit that holds under ASan+UBSan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html.h"
#include "test.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Seconds allowed per case: generous for sanitizer builds. */
#define LIMIT 5.0

typedef struct stats {
    size_t nodes, text_bytes, max_depth, elements;
    int bad; /* a broken link was found */
} stats;

/* Walks the tree iteratively, checking every link. */
static stats check_tree(const th_dom *dom)
{
    stats s = {0, 0, 0, 0, 0};
    const th_node *root = dom->root;
    for (const th_node *n = root; n; n = th__dom_next(root, n, false)) {
        s.nodes++;
        if (n->type == TH_NODE_TEXT)
            s.text_bytes += n->text_len;
        if (n->type == TH_NODE_ELEMENT)
            s.elements++;
        if (n->depth > s.max_depth)
            s.max_depth = n->depth;
        if (n != root && (!n->parent || n->depth != n->parent->depth + 1))
            s.bad = 1;
        if (n->first_child && (n->first_child->prev || !n->last_child ||
                               n->last_child->next))
            s.bad = 1;
        if (n->next && n->next->prev != n)
            s.bad = 1;
        if (n->prev && n->prev->next != n)
            s.bad = 1;
        if (n->parent && n->next && n->next->parent != n->parent)
            s.bad = 1;
        if (n->type == TH_NODE_TEXT && n->text[n->text_len] != 0)
            s.bad = 1;
    }
    return s;
}

/* Parses buf; returns the stats and the elapsed time. */
static stats run(const char *buf, size_t len, unsigned max_depth,
                 double *secs, th_status *st)
{
    th_arena a;
    th__arena_init(&a);
    th_options o;
    memset(&o, 0, sizeof o);
    o.max_depth = max_depth;
    th_dom dom;
    double t0 = now();
    *st = th__html_parse(&dom, &a, buf, len, &o);
    *secs = now() - t0;
    stats s = {0, 0, 0, 0, 1};
    if (*st == TH_OK)
        s = check_tree(&dom);
    th__arena_cleanup(&a);
    return s;
}

/* open * n + "x" + close * n */
static char *repeat(const char *open, const char *mid, const char *close,
                    size_t n, size_t *len)
{
    size_t ol = strlen(open), ml = strlen(mid), cl = strlen(close);
    size_t total = n * (ol + cl) + ml;
    char *b = malloc(total + 1);
    if (!b)
        return NULL;
    char *p = b;
    for (size_t i = 0; i < n; i++, p += ol)
        memcpy(p, open, ol);
    memcpy(p, mid, ml);
    p += ml;
    for (size_t i = 0; i < n; i++, p += cl)
        memcpy(p, close, cl);
    *p = 0;
    *len = total;
    return b;
}

/* A nesting case: must keep the text, respect the depth cap, be fast. */
#define NEST_CASE(open, mid, close, n, text_min)                               \
    do {                                                                       \
        size_t _len;                                                           \
        char *nbuf_ = repeat(open, mid, close, n, &_len);                         \
        ASSERT(nbuf_ != NULL);                                                 \
        double _t;                                                             \
        th_status _st;                                                         \
        stats _s = run(nbuf_, _len, 0, &_t, &_st);                                \
        free(nbuf_);                                                           \
        ASSERT_EQ(_st, TH_OK);                                                 \
        ASSERT(!_s.bad);                                                       \
        ASSERT((long long)_s.text_bytes >= (long long)(text_min));             \
        ASSERT(_s.max_depth <= 520);                                           \
        if (_t > LIMIT)                                                        \
            th_test_fail(__FILE__, __LINE__, "%s x%d: %.2fs", open, (int)(n), _t); \
    } while (0)

TEST(html_patho_deep_div) { NEST_CASE("<div>", "deep", "</div>", 100000, 4); }
TEST(html_patho_deep_unclosed_div) { NEST_CASE("<div>x", "", "", 100000, 100000); }
TEST(html_patho_unclosed_b) { NEST_CASE("<b>", "x", "", 100000, 1); }
TEST(html_patho_unclosed_a) { NEST_CASE("<a href=1>", "x", "", 100000, 1); }
TEST(html_patho_unclosed_b_text) { NEST_CASE("<b>t", "x", "", 100000, 100001); }
TEST(html_patho_misnested_b_div) { NEST_CASE("<b><div>", "x", "</b>", 100000, 1); }
TEST(html_patho_b_distinct) { NEST_CASE("<p><b id=1><i c=2>t</p>", "x", "", 50000, 50001); }
TEST(html_patho_end_tags) { NEST_CASE("", "x", "</p></b></x></div></table>", 200000, 1); }
TEST(html_patho_tables) { NEST_CASE("<table><tr><td>", "x", "", 50000, 1); }
TEST(html_patho_table_text) { NEST_CASE("<table>t", "x", "", 50000, 50001); }
TEST(html_patho_spans_unknown_end) { NEST_CASE("<span>", "x", "</zz>", 100000, 1); }
TEST(html_patho_svg) { NEST_CASE("<svg><g>", "x", "", 50000, 1); }
TEST(html_patho_templates) { NEST_CASE("<template>", "x", "", 50000, 1); }
TEST(html_patho_selects) { NEST_CASE("<select><option>", "x", "", 50000, 1); }
TEST(html_patho_lists) { NEST_CASE("<ul><li>", "x", "", 50000, 1); }
TEST(html_patho_formatting_clones)
{
    /* Many open formatting elements re-created after every </p>. */
    NEST_CASE("<font color=a><b><i><u><s>", "", "", 60, 0);
    NEST_CASE("<font size=1><b id=2><em class=3>", "<p>", "x</p>", 100000, 100000);
}

TEST(html_patho_small_depth_cap)
{
    const char *html = "<div><p><b><i>text</i></b></p><table><tr><td>cell";
    for (unsigned cap = 1; cap < 12; cap++) {
        double t;
        th_status st;
        stats s = run(html, strlen(html), cap, &t, &st);
        ASSERT_EQ(st, TH_OK);
        ASSERT(!s.bad);
        ASSERT_EQ(s.text_bytes, 8);
    }
}

TEST(html_patho_million_attributes)
{
    size_t n = 1000000;
    char *b = malloc(n * 12 + 64);
    ASSERT(b != NULL);
    char *p = b;
    p += sprintf(p, "<div ");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "a%zu=1 ", i);
    p += sprintf(p, ">x</div>");
    th_arena a;
    th__arena_init(&a);
    th_dom dom;
    double t0 = now();
    th_status st = th__html_parse(&dom, &a, b, (size_t)(p - b), NULL);
    double t = now() - t0;
    ASSERT_EQ(st, TH_OK);
    th_node *div = th__dom_find(dom.root, TH_TAG_DIV);
    ASSERT(div != NULL);
    ASSERT_EQ(div->nattrs, 256);
    ASSERT_STR(div->attrs[0].name, "a0");
    ASSERT_STR(div->attrs[255].name, "a255");
    ASSERT(div->first_child && div->first_child->type == TH_NODE_TEXT);
    th__arena_cleanup(&a);
    /* the same name a million times: first wins */
    p = b;
    p += sprintf(p, "<p ");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "id=%zu ", i);
    p += sprintf(p, ">");
    th__arena_init(&a);
    double t1 = now();
    st = th__html_parse(&dom, &a, b, (size_t)(p - b), NULL);
    t += now() - t1;
    ASSERT_EQ(st, TH_OK);
    th_node *pe = th__dom_find(dom.root, TH_TAG_P);
    ASSERT(pe && pe->nattrs == 1);
    ASSERT_STR(pe->attrs[0].value, "0");
    th__arena_cleanup(&a);
    free(b);
    if (t > LIMIT)
        th_test_fail(__FILE__, __LINE__, "1M attributes: %.2fs", t);
}

TEST(html_patho_100mb_text_node)
{
    size_t n = (size_t)100 << 20;
    char *b = malloc(n + 16);
    ASSERT(b != NULL);
    memcpy(b, "<p>", 3);
    memset(b + 3, 'a', n);
    for (size_t i = 3; i < n; i += 4096)
        b[i] = ' ';
    double t;
    th_status st;
    stats s = run(b, n + 3, 0, &t, &st);
    free(b);
    ASSERT_EQ(st, TH_OK);
    ASSERT(!s.bad);
    ASSERT_EQ(s.text_bytes, n);
    if (t > LIMIT)
        th_test_fail(__FILE__, __LINE__, "100 MB text node: %.2fs", t);
}

TEST(html_patho_truncated)
{
    static const char doc[] =
        "<!DOCTYPE html><html><head><title>T &amp; t</title><script>if(a<b)"
        "{x='</scr'+'ipt>'}</script><style>p{}</style></head><body class=\"a\">"
        "<p id='x' data-y=z>Hello &copy; &#x41; <b>bold <i>it</b> x</i>"
        "<!-- comment --><table><tr><td>c<td>d</table><svg><path d=\"M0\"/>"
        "<![CDATA[cd]]></svg><textarea>t</textarea><select><option>o</select>"
        "<template><tr><td>q</template><!doctype x><? pi ?></ bogus></body>";
    size_t n = sizeof doc - 1;
    double t0 = now();
    for (size_t cut = 0; cut <= n; cut++) {
        char *b = malloc(cut + 1); /* exact size: ASan sees overreads */
        ASSERT(b != NULL);
        memcpy(b, doc, cut);
        double t;
        th_status st;
        stats s = run(b, cut, 0, &t, &st);
        free(b);
        ASSERT_EQ(st, TH_OK);
        ASSERT(!s.bad);
    }
    ASSERT(now() - t0 < LIMIT);
}

TEST(html_patho_nul_bytes)
{
    static const char doc[] = "<p\0x a\0=\"\0v\" \0>t\0e\0xt<!--\0--><svg>\0<![CDATA[\0]]>"
                              "</svg><script>\0</script><textarea>\0</textarea>&\0;&#\0";
    double t;
    th_status st;
    stats s = run(doc, sizeof doc - 1, 0, &t, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT(!s.bad);
    char *z = calloc(1 << 20, 1);
    ASSERT(z != NULL);
    s = run(z, 1 << 20, 0, &t, &st);
    free(z);
    ASSERT_EQ(st, TH_OK);
    ASSERT(!s.bad);
    ASSERT(t < LIMIT);
}

TEST(html_patho_binary_junk)
{
    size_t n = 4 << 20;
    unsigned char *b = malloc(n);
    ASSERT(b != NULL);
    uint32_t x = 12345;
    static const char alpha[] = "<>/!-=&#;\"' abc\0x";
    for (int round = 0; round < 2; round++) {
        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            b[i] = round == 0 ? (unsigned char)(x >> 16)
                              : (unsigned char)alpha[(x >> 16) % (sizeof alpha - 1)];
        }
        double t;
        th_status st;
        stats s = run((const char *)b, n, 0, &t, &st);
        ASSERT_EQ(st, TH_OK);
        ASSERT(!s.bad);
        if (t > LIMIT)
            th_test_fail(__FILE__, __LINE__, "junk round %d: %.2fs", round, t);
    }
    free(b);
}

TEST(html_patho_empty)
{
    double t;
    th_status st;
    stats s = run(NULL, 0, 0, &t, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT(!s.bad);
    ASSERT_EQ(s.elements, 3); /* html, head, body */
    s = run("", 0, 0, &t, &st);
    ASSERT_EQ(st, TH_OK);
    ASSERT_EQ(s.elements, 3);
}
