/*
 * extract.c -- main-content extraction on the DOM (see extract.h and
 * docs/internals/extract.md).
 *
 * Four linear passes over a pre-order array of the nodes, then a choice:
 *  1. pre-order: number nodes (node->aux points at their xinfo), classify
 *     class/id/role (extract_class.c), flag tag junk, markup-hidden nodes,
 *     comment sections (TH_NF_COMMENTS), links, pre, block elements;
 *  2. bottom-up: raw text and link length of every subtree, subtree sizes,
 *     "holds an explicit article body";
 *  3. pre-order: the junk decision (tag junk, class/id furniture unless the
 *     node holds most of the page or an explicit article body), captions;
 *  4. bottom-up: text, link text, commas, paragraph/image/list/input counts
 *     outside junk, and each block's own inline text.
 * Readability-style scoring of paragraphs into their ancestors picks the
 * top candidate; siblings that score well (or look like paragraphs) join
 * it; conditional cleaning drops link-heavy or form-like containers; the
 * emitter (extract_emit.c) writes blocks and captions.  Related-story
 * links come from furniture marked as related and from other <article>s.
 * A result under a few hundred characters is retried with class/id rules
 * relaxed, Readability's fallback.
 * Nothing here recurses: traversal is over arrays or with parent links.
 */
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "extract.h"
#include "extract_int.h"
#include "mem.h"

#ifdef TH_EXTRACT_DEBUG
#include <stdio.h>
static void dbg_node(const char *what, const th_node *n)
{
    const char *cl = TH_ATTR(n, "class"), *id = TH_ATTR(n, "id");
    const xinfo *x = XI(n);
    fprintf(stderr, "%s <%s class=%.60s id=%.40s> score=%.1f text=%u link=%u raw=%u kind=%x f=%x\n",
            what, n->name ? n->name : "?", cl ? cl : "", id ? id : "",
            (double)x->score, x->text, x->link, x->raw, x->kind, x->f);
}
#define DBG(w, n) dbg_node(w, n)
#include <stdlib.h>
static void dbg_find(th_node *root)
{
    const char *want = getenv("TH_DBG_FIND");
    if (!want || !*want)
        return;
    for (th_node *n = root; n; n = th__dom_next(root, n, false)) {
        if (n->type != TH_NODE_TEXT || !strstr(n->text, want))
            continue;
        fprintf(stderr, "FOUND in:\n");
        for (th_node *a = n->parent; a && a->type == TH_NODE_ELEMENT; a = a->parent)
            dbg_node("   ", a);
        /* TH_DBG_UP=k: the element children (two levels) of the k-th
         * ancestor of the match. */
        const char *up = getenv("TH_DBG_UP");
        if (up) {
            th_node *a = n;
            for (int k = atoi(up); k > 0 && a->parent; k--)
                a = a->parent;
            dbg_node("UP", a);
            for (th_node *ch = a->first_child; ch; ch = ch->next) {
                if (ch->type != TH_NODE_ELEMENT || !XI(ch)->raw)
                    continue;
                dbg_node("  +", ch);
                for (th_node *g = ch->first_child; g; g = g->next)
                    if (g->type == TH_NODE_ELEMENT && XI(g)->raw)
                        dbg_node("      -", g);
            }
        }
        return;
    }
    fprintf(stderr, "NOT FOUND: %s\n", want);
}
#else
#define dbg_find(r) ((void)0)
#define DBG(w, n) ((void)0)
#endif

#define XF_CAPTION 0x4000u /* image caption: not body, kept apart */
#define XF_DONE 0x8000u    /* scratch mark */
#define XF_HASTITLE 0x20000u /* holds an h1 or h2 (set once, in pass 2) */
#define XF_HASH1 0x40000u  /* holds an h1 (set once, in pass 2) */

typedef struct ctx {
    th_arena arena;
    th_doc *doc;
    th_dom *dom;
    size_t n;
    xinfo *xi;
    uint32_t *size; /* subtree sizes (pre-order numbers are contiguous) */
    th_node *body;
    uint32_t page_raw;
    uint32_t page_prose;
    xclass_cache *cache;
    const char *title;
    const char *base;
} ctx;

static inline size_t IDX(const ctx *c, const th_node *n)
{
    return (size_t)(XI(n) - c->xi);
}

static bool is_ancestor(const ctx *c, const th_node *a, const th_node *b)
{
    size_t ia = IDX(c, a), ib = IDX(c, b);
    return ia < ib && ib < ia + c->size[ia];
}

/* Byte classes for th__x_textlen: bit 0 a character start (not space, not
 * a UTF-8 continuation), bit 1 whitespace, bit 2 ',' and bit 3 0xEF (a
 * possible U+FF0C FULLWIDTH COMMA). */
static const uint8_t g_tcls[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

static inline uint32_t popcount16(uint32_t x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0F0Fu;
    return (x + (x >> 8)) & 0x1Fu;
}

uint32_t th__x_textlen(const char *s, size_t len, uint32_t *commas)
{
    /* Branch-free over the bytes (prose alternates words and spaces too
     * often for a predictor): characters count one each, and a run of
     * whitespace counts one when a character precedes and follows it. */
    const unsigned char *u = (const unsigned char *)s;
    uint32_t n = 0, cm = 0, space = 0, any = 0, fw = 0;
    size_t i = 0;
    while (i < len) {
        size_t end = len;
#ifdef __SSE2__
        /* 16 ASCII bytes at a time: every byte is a character or a space,
         * so the characters are the non-space mask, and a space run counts
         * where a character follows a space (or the run carried in) after
         * the first character of the text.  A block with non-ASCII bytes
         * goes through the byte loop. */
        /* A tail of 4..15 bytes is one block too, padded with spaces: a
         * space run at the end counts nothing, so the padding changes no
         * count, and the loop ends after it. */
        size_t take = len - i >= 16 ? 16 : len - i;
        if (take >= 4) {
            __m128i v;
            if (take == 16) {
                v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            } else {
                unsigned char b[16];
                memset(b, ' ', sizeof b);
                if (take >= 8) {
                    memcpy(b, u + i, 8);
                    memcpy(b + take - 8, u + len - 8, 8);
                } else {
                    memcpy(b, u + i, 4);
                    memcpy(b + take - 4, u + len - 4, 4);
                }
                v = _mm_loadu_si128((const __m128i *)(const void *)b);
            }
            uint32_t hib = (uint32_t)_mm_movemask_epi8(v);
            /* continuation bytes 0x80..0xBF: signed below -64 */
            uint32_t K = hib ? (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(
                                   v, _mm_set1_epi8(-64)))
                             : 0;
            __m128i sp0 = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(32)),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8(9))),
                _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(10)),
                                 _mm_cmpeq_epi8(v, _mm_set1_epi8(12))),
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(13))));
            uint32_t S0 = (uint32_t)_mm_movemask_epi8(sp0);
            /* Multi-byte characters: a continuation byte does not change
             * the space state, so the ASCII formula holds as long as none
             * follows a space directly (only in broken text: byte loop).
             * A pure ASCII block (hib == 0) has no continuation bytes. */
            if (!(K & ((S0 << 1) | space))) {
                uint32_t C = ~(S0 | K) & 0xFFFFu;
                uint32_t T = C & (((S0 << 1) | space) & 0xFFFFu);
                if (!any)
                    T &= ~(C & (0u - C));
                n += popcount16(C) + popcount16(T);
                cm += popcount16((uint32_t)_mm_movemask_epi8(
                    _mm_cmpeq_epi8(v, _mm_set1_epi8(','))));
                if (hib)
                    fw |= _mm_movemask_epi8(_mm_cmpeq_epi8(
                              v, _mm_set1_epi8((char)0xEF))) != 0;
                space = S0 >> 15;
                any |= C != 0;
                i += take;
                continue;
            }
            end = i + take;
        }
#endif
        for (; i < end; i++) {
            unsigned f = g_tcls[u[i]];
            unsigned ch = f & 1u, sp = (f >> 1) & 1u;
            n += ch + (ch & space & any);
            cm += (f >> 2) & 1u;
            fw |= f >> 3;
            space = (space & (ch ^ 1u)) | sp;
            any |= ch;
        }
    }
    if (fw)
        for (size_t k = 0; k + 2 < len; k++)
            if (u[k] == 0xEF && u[k + 1] == 0xBC && u[k + 2] == 0x8C)
                cm++;
    if (commas)
        *commas = cm;
    return n;
}

bool th__x_is_block(const th_node *n)
{
    if (n->type != TH_NODE_ELEMENT)
        return false;
    switch (n->tag) {
    case TH_TAG_ADDRESS: case TH_TAG_ARTICLE: case TH_TAG_ASIDE:
    case TH_TAG_BLOCKQUOTE: case TH_TAG_BODY: case TH_TAG_CENTER:
    case TH_TAG_DD: case TH_TAG_DETAILS: case TH_TAG_DIALOG: case TH_TAG_DIV:
    case TH_TAG_DL: case TH_TAG_DT: case TH_TAG_FIELDSET:
    case TH_TAG_FIGCAPTION: case TH_TAG_FIGURE: case TH_TAG_FOOTER:
    case TH_TAG_FORM: case TH_TAG_H1: case TH_TAG_H2: case TH_TAG_H3:
    case TH_TAG_H4: case TH_TAG_H5: case TH_TAG_H6: case TH_TAG_HEADER:
    case TH_TAG_HGROUP: case TH_TAG_HR: case TH_TAG_HTML: case TH_TAG_LEGEND:
    case TH_TAG_LI: case TH_TAG_MAIN: case TH_TAG_MENU: case TH_TAG_NAV:
    case TH_TAG_OL: case TH_TAG_P: case TH_TAG_PRE: case TH_TAG_SECTION:
    case TH_TAG_SUMMARY: case TH_TAG_TABLE: case TH_TAG_TBODY:
    case TH_TAG_THEAD: case TH_TAG_TFOOT: case TH_TAG_TR: case TH_TAG_TD:
    case TH_TAG_TH: case TH_TAG_UL: case TH_TAG_CAPTION: case TH_TAG_LISTING:
    case TH_TAG_XMP: case TH_TAG_NOSCRIPT: case TH_TAG_SEARCH:
        return true;
    default:
        return false;
    }
}

/* Elements whose content is never article text. */
static bool tag_junk(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_SCRIPT: case TH_TAG_STYLE: case TH_TAG_NOSCRIPT:
    case TH_TAG_TEMPLATE: case TH_TAG_HEAD: case TH_TAG_TITLE:
    case TH_TAG_META: case TH_TAG_LINK: case TH_TAG_BASE: case TH_TAG_NAV:
    case TH_TAG_ASIDE: case TH_TAG_FOOTER: case TH_TAG_HEADER:
    case TH_TAG_FORM: case TH_TAG_BUTTON: case TH_TAG_SELECT:
    case TH_TAG_OPTION: case TH_TAG_DATALIST: case TH_TAG_TEXTAREA:
    case TH_TAG_INPUT: case TH_TAG_LABEL: case TH_TAG_IFRAME:
    case TH_TAG_FRAME: case TH_TAG_FRAMESET: case TH_TAG_OBJECT:
    case TH_TAG_EMBED: case TH_TAG_APPLET: case TH_TAG_SVG: case TH_TAG_MATH:
    case TH_TAG_CANVAS: case TH_TAG_AUDIO: case TH_TAG_VIDEO: case TH_TAG_MAP:
    case TH_TAG_DIALOG: case TH_TAG_MENU: case TH_TAG_NOFRAMES:
    case TH_TAG_NOEMBED: case TH_TAG_SEARCH: case TH_TAG_FIELDSET:
        return true;
    default:
        return n->ns != TH_NS_HTML;
    }
}

/* Elements whose text is not rendered at all. */
static bool tag_invisible(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_SCRIPT: case TH_TAG_STYLE:
    case TH_TAG_TEMPLATE: case TH_TAG_HEAD: case TH_TAG_TITLE:
    case TH_TAG_OPTION: case TH_TAG_TEXTAREA: case TH_TAG_SELECT:
    case TH_TAG_IFRAME: case TH_TAG_NOFRAMES: case TH_TAG_NOEMBED:
        return true;
    default:
        return false;
    }
}

static bool ci_contains(const char *s, const char *lit)
{
    size_t ll = strlen(lit);
    for (; *s; s++) {
        size_t i = 0;
        while (i < ll) {
            char c = s[i];
            if (!c)
                return false;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c != lit[i])
                break;
            i++;
        }
        if (i == ll)
            return true;
    }
    return false;
}

static bool ci_prefix(const char *s, const char *lit)
{
    for (; *lit; s++, lit++) {
        char c = *s;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != *lit)
            return false;
    }
    return true;
}

/* display:none / visibility:hidden in a style attribute. */
static bool style_hidden(const char *st)
{
    char buf[256];
    size_t o = 0;
    for (const char *p = st; *p && o < sizeof buf - 1; p++) {
        char c = *p;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        buf[o++] = c;
    }
    buf[o] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

static bool markup_hidden(const th_node *n)
{
    for (uint32_t i = 0; i < n->nattrs; i++) {
        const th_attr *a = &n->attrs[i];
        if (a->name_len == 6 && memcmp(a->name, "hidden", 6) == 0)
            return true;
        if (a->name_len == 11 && memcmp(a->name, "aria-hidden", 11) == 0 &&
            a->value && ci_contains(a->value, "true"))
            return true;
        if (a->name_len == 5 && memcmp(a->name, "style", 5) == 0 && a->value &&
            style_hidden(a->value))
            return true;
    }
    if (n->tag == TH_TAG_INPUT)
        return true;
    return false;
}

/* ------------------------------------------------------ passes 1-2 --- */

static int pass_number(ctx *c)
{
    size_t n = 0;
    for (th_node *p = c->dom->root; p; p = th__dom_next(c->dom->root, p, false))
        n++;
    c->n = n;
    c->xi = th__arena_calloc(&c->arena, n, sizeof(xinfo));
    c->size = th__arena_calloc(&c->arena, n, sizeof(uint32_t));
    c->cache = th__xclass_cache_new(&c->arena);
    if (!c->xi || !c->size || !c->cache)
        return -1;
    size_t i = 0;
    for (th_node *p = c->dom->root; p; p = th__dom_next(c->dom->root, p, false)) {
        xinfo *x = &c->xi[i];
        i++;
        x->node = p;
        p->aux = x;
        xinfo *px = p->parent ? XI(p->parent) : NULL;
        if (px)
            x->f |= px->f & (XF_INLINK | XF_PRE | XF_SKIPTXT);
        if (p->type == TH_NODE_TEXT) {
            if (!(x->f & XF_SKIPTXT))
                x->raw = th__x_textlen(p->text, p->text_len, &x->owncommas);
            if (x->f & XF_INLINK)
                x->rawlink = x->raw;
            continue;
        }
        if (p->type != TH_NODE_ELEMENT)
            continue;
        if (p->tag == TH_TAG_BODY && !c->body)
            c->body = p;
        if (p->tag == TH_TAG_TITLE && !c->title && p->first_child &&
            p->first_child->type == TH_NODE_TEXT)
            c->title = th__arena_strndup(&c->arena, p->first_child->text,
                                         p->first_child->text_len);
        if (p->tag == TH_TAG_A) {
            const char *h = TH_ATTR(p, "href");
            while (h && (*h == ' ' || *h == '\n' || *h == '\t'))
                h++;
            if (h && *h && !ci_prefix(h, "javascript:"))
                x->f |= XF_INLINK;
        }
        if (p->tag == TH_TAG_PRE || p->tag == TH_TAG_LISTING ||
            p->tag == TH_TAG_XMP)
            x->f |= XF_PRE;
        if (tag_invisible(p))
            x->f |= XF_SKIPTXT;
        if (markup_hidden(p))
            x->f |= XF_MHIDDEN;
        if (tag_junk(p) || (x->f & XF_MHIDDEN) || (p->flags & TH_NF_COMMENTS) ||
            (p->flags & TH_NF_HIDDEN))
            x->f |= XF_TAGJUNK;
        if (th__x_is_block(p))
            x->f |= XF_BLOCK;
        int w = 0;
        x->kind = (uint16_t)th__xclass(c->cache, p, &w);
        x->weight = (int16_t)w;
    }
    return 0;
}

static void pass_raw(ctx *c)
{
    for (size_t i = c->n; i-- > 0;) {
        xinfo *x = &c->xi[i];
        th_node *p = x->node;
        c->size[i] += 1;
        if (!p->parent)
            continue;
        xinfo *px = XI(p->parent);
        size_t pi = (size_t)(px - c->xi);
        c->size[pi] += c->size[i];
        if (p->type == TH_NODE_ELEMENT && (x->f & XF_SKIPTXT))
            continue;
        if (p->type == TH_NODE_ELEMENT && p->tag == TH_TAG_P && x->raw >= 80 &&
            x->rawlink * 4 < x->raw)
            x->prose = x->raw;
        px->raw += x->raw;
        px->rawlink += x->rawlink;
        px->prose += x->prose;
        if ((x->kind & K_BODY) || (x->f & XF_HASBODY))
            px->f |= XF_HASBODY;
        if ((x->f & XF_HASTITLE) || p->tag == TH_TAG_H1 || p->tag == TH_TAG_H2)
            px->f |= XF_HASTITLE;
        if ((x->f & XF_HASH1) || p->tag == TH_TAG_H1)
            px->f |= XF_HASH1;
    }
}

/* --------------------------------------------------------- pass 3 ---- */

/* Flags that the choice recomputes (attempts may run twice). */
#define XF_DYNAMIC                                                      \
    (XF_JUNK | XF_HASBLOCK | XF_CAND | XF_DROP | XF_DATATABLE |          \
     XF_NESTBLK | XF_CAPTION | XF_DONE)

enum { RELAX_NONE = 0, RELAX_CLASSES = 1 };

static bool prose_header(const xinfo *x)
{
    return x->raw >= 80 && x->rawlink * 4 < x->raw;
}

static bool class_junk(const ctx *c, const xinfo *x, int relax)
{
    unsigned k = x->kind;
    if (!(k & K_JUNK) || (k & K_BODY))
        return false;
    const th_node *p = x->node;
    if (p->tag == TH_TAG_BODY || p->tag == TH_TAG_HTML || p->tag == TH_TAG_MAIN)
        return false;
    if (x->f & XF_HASBODY)
        return false;
    if (k & K_COMMENT)
        return true;
    /* Embedded posts (a tweet quoted in the article) are content. */
    if ((k & K_JUNK) == K_SHARE && p->tag == TH_TAG_BLOCKQUOTE)
        return false;
    /* An article's own header (lead, kicker) is prose, not a site header
     * full of links. */
    if ((k & K_JUNK) == K_HEADER && prose_header(x))
        return false;
    /* A "related" or "read more" class on text without a single link is
     * no box of links to other stories (a collapsible paragraph). */
    if ((k & K_JUNK) == K_RELATED && x->rawlink == 0 && x->raw >= 80)
        return false;
    /* "table-header": a table with a header row, not a page header. */
    if ((k & K_JUNK) == K_HEADER &&
        (p->tag == TH_TAG_TABLE || p->tag == TH_TAG_THEAD || p->tag == TH_TAG_TR ||
         p->tag == TH_TAG_TH))
        return false;
    if (relax == RELAX_CLASSES && !(k & (K_HIDDEN | K_COOKIE)))
        return false;
    /* A node holding most of the page's prose is a wrapper, not furniture
     * (classes like "has-sidebar" on page containers). */
    if (x->raw * 2 > c->page_raw && x->rawlink * 2 < x->raw)
        return false;
    /* Nor is one holding most of the page's paragraphs of prose (an
     * article whose class happens to name a kind of furniture). */
    if (c->page_prose >= 400 && x->prose * 2 > c->page_prose)
        return false;
    return true;
}

static void pass_junk(ctx *c, int relax)
{
    for (size_t i = 0; i < c->n; i++) {
        xinfo *x = &c->xi[i];
        th_node *p = x->node;
        x->f &= ~XF_DYNAMIC;
        x->text = x->link = x->own = x->commas = x->maxpara = 0;
        x->np = x->nimg = x->nli = x->ninput = x->nembed = x->nhead = 0;
        x->score = 0;
        if (p->type == TH_NODE_ELEMENT)
            x->owncommas = 0;
        if (!p->parent)
            continue;
        xinfo *px = XI(p->parent);
        if (px->f & XF_JUNK) {
            x->f |= XF_JUNK;
            continue;
        }
        if (p->type != TH_NODE_ELEMENT)
            continue;
        if (x->f & XF_TAGJUNK) {
            bool keep = false;
            /* ASP-style pages wrap everything in one <form>; sectioning
             * wrappers may hold the article itself. */
            if (p->tag == TH_TAG_FORM && x->raw * 2 > c->page_raw)
                keep = true;
            /* A shop's product form wraps the description: a form holding
             * paragraphs of prose, and no furniture class, is content
             * (its inputs and buttons stay junk by tag). */
            if (p->tag == TH_TAG_FORM && x->prose >= 200 && !(x->kind & K_JUNK))
                keep = true;
            /* An article's own <header> (kicker, lead) holds prose; a
             * header class on it says no more than the tag does when it
             * also holds the headline (a chart's header holds none). */
            if (p->tag == TH_TAG_HEADER && prose_header(x) &&
                (!(x->kind & K_JUNK) ||
                 ((x->kind & K_JUNK) == K_HEADER && (x->f & XF_HASTITLE))))
                keep = true;
            if ((p->tag == TH_TAG_HEADER || p->tag == TH_TAG_ASIDE ||
                 p->tag == TH_TAG_FOOTER) &&
                ((x->f & XF_HASBODY) ||
                 (x->raw * 2 > c->page_raw && x->rawlink * 2 < x->raw)))
                keep = true;
            /* Pages that put everything in <noscript>: the retry reads it. */
            if (p->tag == TH_TAG_NOSCRIPT && relax == RELAX_CLASSES)
                keep = true;
            if (!keep) {
                x->f |= XF_JUNK;
                continue;
            }
        }
        if (p->tag == TH_TAG_FIGCAPTION ||
            ((x->kind & K_CAPTION) && !(x->kind & K_BODY) && x->raw < 1500 &&
             !(x->f & XF_HASBODY))) {
            x->f |= XF_CAPTION;
            continue;
        }
        if (class_junk(c, x, relax))
            x->f |= XF_JUNK;
    }
}

/* --------------------------------------------------------- pass 4 ---- */

static bool is_heading(const th_node *p)
{
    return p->tag >= TH_TAG_H1 && p->tag <= TH_TAG_H6 &&
           (p->tag == TH_TAG_H1 || p->tag == TH_TAG_H2 || p->tag == TH_TAG_H3 ||
            p->tag == TH_TAG_H4 || p->tag == TH_TAG_H5 || p->tag == TH_TAG_H6);
}

static inline uint16_t sat16(uint32_t v) { return v > 65535 ? 65535 : (uint16_t)v; }

/* Nearest block ancestor's xinfo for a node, found by walking up; used
 * once per text node.  Inline nesting is shallow on real pages; a cap
 * keeps pathological inline chains linear. */
static xinfo *block_of(th_node *p)
{
    int hops = 0;
    for (th_node *a = p->parent; a; a = a->parent) {
        if (a->type == TH_NODE_ELEMENT && (XI(a)->f & XF_BLOCK))
            return XI(a);
        if (++hops > 64)
            return XI(p->parent);
    }
    return NULL;
}

static void pass_stats(ctx *c)
{
    for (size_t i = c->n; i-- > 1;) {
        xinfo *x = &c->xi[i];
        th_node *p = x->node;
        if (x->f & (XF_JUNK | XF_CAPTION))
            continue;
        xinfo *px = XI(p->parent);
        if (p->type == TH_NODE_TEXT) {
            if (x->f & XF_SKIPTXT)
                continue;
            x->text = x->raw;
            x->link = x->rawlink;
            x->commas = x->owncommas;
            xinfo *b = block_of(p);
            if (b) {
                b->own += x->raw;
                b->owncommas += x->owncommas;
            }
        } else if (p->type == TH_NODE_ELEMENT) {
            if (x->f & XF_SKIPTXT)
                continue;
            switch (p->tag) {
            case TH_TAG_P: x->np = sat16(x->np + 1u); break;
            case TH_TAG_IMG: x->nimg = sat16(x->nimg + 1u); break;
            case TH_TAG_LI: x->nli = sat16(x->nli + 1u); break;
            case TH_TAG_INPUT: case TH_TAG_TEXTAREA: case TH_TAG_SELECT:
                x->ninput = sat16(x->ninput + 1u); break;
            case TH_TAG_IFRAME: case TH_TAG_EMBED: case TH_TAG_OBJECT:
            case TH_TAG_VIDEO:
                x->nembed = sat16(x->nembed + 1u); break;
            default:
                if (is_heading(p))
                    x->nhead = sat16(x->nhead + 1u);
                break;
            }
            if (x->f & XF_BLOCK) {
                px->f |= XF_HASBLOCK;
                if (p->tag != TH_TAG_TR && p->tag != TH_TAG_TD &&
                    p->tag != TH_TAG_TH && p->tag != TH_TAG_TBODY &&
                    p->tag != TH_TAG_THEAD && p->tag != TH_TAG_TFOOT &&
                    p->tag != TH_TAG_CAPTION)
                    px->f |= XF_NESTBLK;
            }
            if (x->f & XF_NESTBLK) {
                if (p->tag == TH_TAG_TABLE)
                    px->f |= XF_NESTBLK;
                else if (p->tag != TH_TAG_TABLE)
                    px->f |= XF_NESTBLK;
            }
            if (p->tag == TH_TAG_TABLE) {
                px->f |= XF_NESTBLK;
                if (!(x->f & XF_NESTBLK) && x->text > 0)
                    x->f |= XF_DATATABLE;
            }
        } else {
            continue;
        }
        if ((x->f & XF_BLOCK) && x->own > x->maxpara)
            x->maxpara = x->own;
        if (x->maxpara > px->maxpara)
            px->maxpara = x->maxpara;
        px->text += x->text;
        px->link += x->link;
        px->commas += x->commas;
        px->np = sat16((uint32_t)px->np + x->np);
        px->nimg = sat16((uint32_t)px->nimg + x->nimg);
        px->nli = sat16((uint32_t)px->nli + x->nli);
        px->ninput = sat16((uint32_t)px->ninput + x->ninput);
        px->nembed = sat16((uint32_t)px->nembed + x->nembed);
        px->nhead = sat16((uint32_t)px->nhead + x->nhead);
    }
}

/* ------------------------------------------------------- scoring ----- */

static float link_density(const xinfo *x)
{
    return x->text ? (float)x->link / (float)x->text : 0.0f;
}

static float tag_base(const th_node *p)
{
    switch (p->tag) {
    case TH_TAG_DIV: case TH_TAG_ARTICLE: return 5;
    case TH_TAG_PRE: case TH_TAG_TD: case TH_TAG_BLOCKQUOTE: return 3;
    case TH_TAG_ADDRESS: case TH_TAG_OL: case TH_TAG_UL: case TH_TAG_DL:
    case TH_TAG_DD: case TH_TAG_DT: case TH_TAG_LI: case TH_TAG_FORM:
        return -3;
    case TH_TAG_TH: return -5;
    default: return is_heading(p) ? -5 : 0;
    }
}

static void init_cand(xinfo *x)
{
    if (x->f & XF_CAND)
        return;
    x->f |= XF_CAND;
    x->score = tag_base(x->node) + (float)x->weight;
}

static void score_units(ctx *c)
{
    for (size_t i = 1; i < c->n; i++) {
        xinfo *x = &c->xi[i];
        th_node *p = x->node;
        if (p->type != TH_NODE_ELEMENT || !(x->f & XF_BLOCK) ||
            (x->f & (XF_JUNK | XF_CAPTION)) || x->own < 25)
            continue;
        if (p->tag == TH_TAG_BODY || p->tag == TH_TAG_HTML)
            continue;
        float s = 1.0f + (float)x->owncommas;
        uint32_t h = x->own / 100;
        s += (float)(h > 3 ? 3 : h);
        th_node *a = (x->f & XF_HASBLOCK) ? p : p->parent;
        for (int level = 0; a && level < 5; level++, a = a->parent) {
            if (a->type != TH_NODE_ELEMENT || a->tag == TH_TAG_HTML)
                break;
            xinfo *ax = XI(a);
            init_cand(ax);
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            ax->score += s / div;
        }
    }
    for (size_t i = 1; i < c->n; i++) {
        xinfo *x = &c->xi[i];
        if (x->f & XF_CAND)
            x->score *= 1.0f - link_density(x);
    }
}

static size_t element_children(const th_node *p)
{
    size_t k = 0;
    for (const th_node *ch = p->first_child; ch; ch = ch->next)
        if (ch->type == TH_NODE_ELEMENT)
            k++;
    return k;
}

/* Ends with or contains ". ": Readability's test for a short sentence. */
static bool has_sentence_end(const th_node *root)
{
    char last = 0;
    for (const th_node *n = root; n; n = th__dom_next(root, n, false)) {
        if (n->type != TH_NODE_TEXT)
            continue;
        for (size_t i = 0; i < n->text_len; i++) {
            char ch = n->text[i];
            if (last == '.' && (ch == ' ' || ch == '\n'))
                return true;
            if (ch != '\r' && ch != '\t' && !(ch == ' ' && last == ' '))
                last = ch;
        }
    }
    return last == '.';
}

#define MAX_ROOTS 256

typedef struct choice {
    th_node *roots[MAX_ROOTS];
    size_t nroots;
    uint32_t text;
} choice;

/* Class lists sharing at least half their tokens (repeated story boxes:
 * "post-12 post type-post" and "post-34 post type-post"). */
static bool similar_class(const th_node *a, const th_node *b)
{
    const char *ca = TH_ATTR(a, "class"), *cb = TH_ATTR(b, "class");
    if (!ca || !cb || !*ca || !*cb)
        return false;
    size_t na = 0, common = 0, nb = 0;
    for (const char *p = cb; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        while (*p && *p != ' ')
            p++;
        nb++;
    }
    for (const char *p = ca; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        size_t l = (size_t)(p - s);
        na++;
        for (const char *q = cb; *q;) {
            while (*q == ' ')
                q++;
            const char *t = q;
            while (*q && *q != ' ')
                q++;
            if ((size_t)(q - t) == l && l && memcmp(s, t, l) == 0) {
                common++;
                break;
            }
        }
    }
    size_t mx = na > nb ? na : nb;
    return mx && common * 2 >= mx;
}

/* The child of `a` on the way to `top` has a sibling like it with a fair
 * share of text: `a` is a list of stories, not one article. */
static bool story_list(th_node *a, th_node *top)
{
    th_node *c = top;
    while (c && c->parent != a)
        c = c->parent;
    if (!c)
        return false;
    uint32_t ct = XI(c)->text;
    for (th_node *s = a->first_child; s; s = s->next)
        if (s != c && s->type == TH_NODE_ELEMENT && s->tag == c->tag &&
            !(XI(s)->f & XF_JUNK) && XI(s)->text * 3 >= ct &&
            XI(s)->text <= 3 * ct && similar_class(s, c))
            return true;
    return false;
}

static bool same_class(const th_node *a, const th_node *b)
{
    const char *ca = TH_ATTR(a, "class"), *cb = TH_ATTR(b, "class");
    return ca && cb && *ca && strcmp(ca, cb) == 0;
}

/* Visible text of heading h, whitespace collapsed, into buf (at most
 * cap-1 bytes); returns its length. */
static size_t heading_text(const th_node *h, char *buf, size_t cap)
{
    size_t o = 0;
    bool space = false;
    for (const th_node *n = h; n && o + 1 < cap; n = th__dom_next(h, n, false)) {
        if (n->type != TH_NODE_TEXT)
            continue;
        for (size_t i = 0; i < n->text_len && o + 1 < cap; i++) {
            char ch = n->text[i];
            if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f') {
                space = o > 0;
                continue;
            }
            if (space && o + 2 < cap)
                buf[o++] = ' ';
            space = false;
            buf[o++] = ch;
        }
    }
    buf[o] = '\0';
    return o;
}

/* The heading names the page: it is the title, or the title's first part
 * ("Headline - Site"), or holds the title. */
static bool title_heading(const char *title, size_t tl, const th_node *h)
{
    char buf[512];
    size_t hl = heading_text(h, buf, sizeof buf);
    if (hl < 10 || tl < 10)
        return false;
    if (hl <= tl)
        return memcmp(title, buf, hl) == 0 && hl * 2 >= tl;
    return strstr(buf, title) != NULL && tl * 2 >= hl;
}

/* The first heading of the subtree, when little text (< 200 chars)
 * comes before it: a story's own title.  NULL otherwise. */
static const th_node *lead_heading(const ctx *c, const th_node *root)
{
    size_t i = IDX(c, root), end = i + c->size[i];
    uint32_t before = 0;
    for (; i < end && before < 200; i++) {
        const xinfo *x = &c->xi[i];
        const th_node *n = x->node;
        if (x->f & XF_JUNK) {
            i += c->size[i] - 1;
            continue;
        }
        if (n->type == TH_NODE_TEXT)
            before += x->raw;
        else if (n->type == TH_NODE_ELEMENT && is_heading(n))
            return n;
    }
    return NULL;
}

/* The subtree is or holds an <article> element. */
static bool has_article(const ctx *c, const th_node *root)
{
    size_t i = IDX(c, root), end = i + c->size[i];
    for (; i < end; i++)
        if (c->xi[i].node->type == TH_NODE_ELEMENT &&
            c->xi[i].node->tag == TH_TAG_ARTICLE)
            return true;
    return false;
}

/* On a page of several stories in a row (infinite scroll, a front page),
 * the story whose heading is the page's title is the article even when a
 * later one is longer.  Returns the best candidate inside that story, or
 * `top` when top's story is the titled one or none is. */
static th_node *titled_story(ctx *c, th_node *top, th_node *body)
{
    const char *title = c->title;
    size_t tl = title ? strlen(title) : 0;
    if (tl < 10)
        return top;
    int hops = 0;
    for (th_node *b = top; b->parent && b->parent != body && hops < 6;
         b = b->parent, hops++) {
        th_node *a = b->parent;
        if (a->type != TH_NODE_ELEMENT)
            break;
        bool list = false;
        for (th_node *s = a->first_child; s && !list; s = s->next)
            list = s != b && s->type == TH_NODE_ELEMENT && s->tag == b->tag &&
                   !(XI(s)->f & XF_JUNK) && XI(s)->text >= 200 && similar_class(s, b);
        if (!list)
            continue;
        /* Stories in a row each open with a heading of one level; the
         * sections of one article do not. */
        const th_node *bh = lead_heading(c, b);
        if (!bh || !has_article(c, b))
            return top;
        if (title_heading(title, tl, bh))
            return top;
        for (th_node *s = a->first_child; s; s = s->next) {
            if (s == b || s->type != TH_NODE_ELEMENT || s->tag != b->tag ||
                (XI(s)->f & XF_JUNK) || XI(s)->text < 200 || !similar_class(s, b))
                continue;
            const th_node *sh = lead_heading(c, s);
            if (!sh || sh->tag != bh->tag || !title_heading(title, tl, sh) ||
                !has_article(c, s))
                continue;
            th_node *best = s;
            float bs = -1e30f;
            size_t i = IDX(c, s), end = i + c->size[i];
            for (; i < end; i++)
                if ((c->xi[i].f & XF_CAND) && c->xi[i].score > bs) {
                    bs = c->xi[i].score;
                    best = c->xi[i].node;
                }
            DBG("titled story", s);
            return best;
        }
        return top;
    }
    return top;
}

static void choose(ctx *c, choice *ch)
{
    ch->nroots = 0;
    ch->text = 0;
    th_node *top = NULL;
    xinfo *topcands[5] = {0};
    for (size_t i = 1; i < c->n; i++) {
        xinfo *x = &c->xi[i];
        if (!(x->f & XF_CAND))
            continue;
        for (int k = 0; k < 5; k++) {
            if (!topcands[k] || x->score > topcands[k]->score) {
                for (int m = 4; m > k; m--)
                    topcands[m] = topcands[m - 1];
                topcands[k] = x;
                break;
            }
        }
    }
    if (topcands[0])
        top = topcands[0]->node;
    for (int k = 0; k < 5; k++)
        if (topcands[k])
            DBG("cand", topcands[k]->node);
    th_node *body = c->body ? c->body : c->dom->root;
    if (!top || top == body || top->tag == TH_TAG_BODY) {
        ch->roots[ch->nroots++] = body;
        ch->text = XI(body)->text;
        return;
    }
    th_node *titled = titled_story(c, top, body);
    if (titled != top) {
        top = titled;
        topcands[0] = XI(top);
        for (int k = 1; k < 5; k++)
            topcands[k] = NULL;
    }
    xinfo *tx = XI(top);
    /* Several strong candidates under one ancestor: take the ancestor. */
    int nalt = 0;
    xinfo *alts[4];
    for (int k = 1; k < 5; k++)
        if (topcands[k] && tx->score > 0 && topcands[k]->score / tx->score >= 0.75f)
            alts[nalt++] = topcands[k];
    if (nalt >= 3) {
        for (th_node *a = top->parent; a && a != body && a->type == TH_NODE_ELEMENT;
             a = a->parent) {
            int hits = 0;
            for (int k = 0; k < nalt; k++)
                hits += is_ancestor(c, a, alts[k]->node);
            if (hits >= 3) {
                top = a;
                break;
            }
        }
    }
    tx = XI(top);
    init_cand(tx);
    /* Climb while the parents' scores rise. */
    float last = tx->score, thr = last / 3.0f;
    for (th_node *a = top->parent; a && a != body && a->type == TH_NODE_ELEMENT;
         a = a->parent) {
        xinfo *ax = XI(a);
        if (!(ax->f & XF_CAND))
            continue;
        if (ax->score < thr)
            break;
        if (ax->score > last) {
            top = a;
            break;
        }
        last = ax->score;
    }
    /* An only child: its parent holds the same content and its siblings. */
    while (top->parent && top->parent != body &&
           top->parent->type == TH_NODE_ELEMENT && element_children(top->parent) == 1)
        top = top->parent;
    /* The article element (or an explicit article-body container) just
     * above the best-scored block is the article: its furniture is already
     * gone, so taking it whole recovers leads and sections the scoring
     * split off. */
    {
        int hops = 0;
        for (th_node *a = top->parent; a && a != body && hops < 6;
             a = a->parent, hops++) {
            if (a->type != TH_NODE_ELEMENT)
                break;
            xinfo *ax = XI(a);
            if ((a->tag == TH_TAG_ARTICLE || (ax->kind & K_BODY)) &&
                ax->text - ax->link <= 4 * (XI(top)->text - XI(top)->link) + 500) {
                top = a;
                break;
            }
        }
    }
    /* An ancestor with much more prose and few links holds parts the
     * scoring split off (a lead in its own box, a body of one long <p>). */
    for (int rounds = 0; rounds < 3; rounds++) {
        xinfo *t = XI(top);
        uint32_t tn = t->text - t->link;
        th_node *best = NULL;
        int hops = 0;
        for (th_node *a = top->parent; a && a != body && hops < 4;
             a = a->parent, hops++) {
            if (a->type != TH_NODE_ELEMENT)
                break;
            xinfo *ax = XI(a);
            if (story_list(a, top))
                break;
            if (!(ax->f & XF_CAND) || ax->score < t->score * 0.5f)
                continue;
            if (ax->text - ax->link >= 2 * tn && link_density(ax) < 0.25f) {
                best = a;
                break;
            }
        }
        if (!best)
            break;
        top = best;
    }
    /* Wrappers that add no text (the others' children are images or
     * furniture) are the same content: siblings are looked for at the
     * highest of them (an article split into same-class sections). */
    while (top->parent && top->parent != body &&
           top->parent->type == TH_NODE_ELEMENT && XI(top->parent)->text == XI(top)->text)
        top = top->parent;
    tx = XI(top);
    init_cand(tx);
    th_node *parent = top->parent;
    if (!parent || parent->type != TH_NODE_ELEMENT) {
        ch->roots[ch->nroots++] = top;
        ch->text = tx->text;
        return;
    }
    float sthr = tx->score * 0.2f;
    if (sthr < 10)
        sthr = 10;
    /* The article's heading block just before the body (headline and
     * lead in a wrapper of their own), or its lead alone in a box,
     * opens the article. */
    th_node *head = NULL;
    for (th_node *s = (tx->f & XF_HASH1) ? NULL : top->prev; s; s = s->prev) {
        if (s->type != TH_NODE_ELEMENT)
            continue;
        xinfo *sx = XI(s);
        if (sx->f & (XF_JUNK | XF_CAPTION) || sx->text == 0)
            continue;
        if ((sx->f & XF_HASTITLE) && sx->text >= 80 && sx->text <= tx->text &&
            link_density(sx) < 0.25f)
            head = s;
        /* Or a lead in a box of its own: one paragraph without links or
         * heading, short next to the body. */
        if (!(sx->f & XF_HASTITLE) && sx->link == 0 && sx->np <= 1 &&
            sx->nhead == 0 && sx->text >= 80 && sx->text * 4 <= tx->text)
            head = s;
        break;
    }
    for (th_node *s = parent->first_child; s; s = s->next) {
        if (s->type != TH_NODE_ELEMENT)
            continue;
        xinfo *sx = XI(s);
        if (sx->f & (XF_JUNK | XF_CAPTION))
            continue;
        bool append = false;
        if (s == top || s == head) {
            append = true;
        } else {
            float bonus = same_class(s, top) ? tx->score * 0.2f : 0;
            /* Link-heavy siblings (tip boxes, "more on this") stay out. */
            if ((sx->f & XF_CAND) && sx->score + bonus >= sthr &&
                link_density(sx) < 0.3f) {
                append = true;
            } else if (s->tag == TH_TAG_P ||
                       (s->tag == TH_TAG_DIV && !(sx->f & XF_HASBLOCK))) {
                float ld = link_density(sx);
                if (sx->text > 80 && ld < 0.25f)
                    append = true;
                else if (sx->text > 0 && sx->text < 80 && sx->link == 0 &&
                         has_sentence_end(s))
                    append = true;
            }
        }
        if (append)
            DBG("root", s);
        if (append && ch->nroots < MAX_ROOTS) {
            ch->roots[ch->nroots++] = s;
            ch->text += sx->text;
        }
    }
}

/* Readability's conditional cleaning inside the chosen roots. */
static void clean(ctx *c, const choice *ch)
{
    for (size_t r = 0; r < ch->nroots; r++) {
        th_node *root = ch->roots[r];
        for (th_node *n = root; n;) {
            xinfo *x = XI(n);
            bool skip = false;
            if (n->type != TH_NODE_ELEMENT || (x->f & (XF_JUNK | XF_CAPTION))) {
                skip = true;
            } else if (n != root) {
                bool cond = false, is_list = false;
                switch (n->tag) {
                case TH_TAG_UL: case TH_TAG_OL: is_list = true; cond = true; break;
                case TH_TAG_DIV: case TH_TAG_SECTION: case TH_TAG_TABLE:
                case TH_TAG_FORM: case TH_TAG_FIELDSET: case TH_TAG_ASIDE:
                case TH_TAG_DL:
                    cond = true;
                    break;
                default:
                    break;
                }
                bool drop = false;
                /* Never drop most of the article, nor the box holding
                 * most of its paragraphs of prose (graphics with
                 * download links around one paragraph). */
                if (cond && x->text * 2 > XI(root)->text &&
                    (link_density(x) < 0.3f ||
                     link_density(x) <= link_density(XI(root)) + 0.05f))
                    cond = false;
                if (cond && x->prose >= 100 && x->prose * 2 > XI(root)->prose)
                    cond = false;
                if (cond) {
                    float w = (float)x->weight;
                    float sc = (x->f & XF_CAND) ? x->score : 0;
                    float ld = link_density(x);
                    if (w < 0 && w + sc < 0) {
                        drop = true;
                    } else if (x->commas < 10) {
                        int p = x->np, img = x->nimg, li = (int)x->nli - 100;
                        int inp = x->ninput;
                        if (img > 1 && (float)p / (float)img < 0.5f &&
                            n->tag != TH_TAG_FIGURE)
                            drop = true;
                        else if (!is_list && li > p)
                            drop = true;
                        else if (inp > p / 3)
                            drop = true;
                        else if (!is_list && x->nhead == 0 && x->text < 25 &&
                                 (img == 0 || img > 2) && ld > 0)
                            drop = true;
                        else if (!is_list && w < 25 && ld > 0.2f &&
                                 !(x->maxpara >= 150 && ld < 0.5f))
                            drop = true;
                        else if (w >= 25 && ld > 0.5f)
                            drop = true;
                        else if ((x->nembed == 1 && x->text < 75) || x->nembed > 1)
                            drop = true;
                    }
                }
                if (drop) {
                    x->f |= XF_DROP;
                    skip = true;
                }
            }
            n = th__dom_next(root, n, skip);
        }
    }
}

/* -------------------------------------------------------- related ---- */

static int collect_related(ctx *c, const choice *ch)
{
    th_doc *doc = c->doc;
    for (size_t i = 1; i < c->n;) {
        xinfo *x = &c->xi[i];
        th_node *p = x->node;
        bool take = false;
        /* A related-stories box is often an <aside> or <nav>, which the
         * body treats as tag junk; only hidden and comment subtrees are
         * never related. */
        bool hidden = (x->f & XF_MHIDDEN) ||
                      (p->flags & (TH_NF_COMMENTS | TH_NF_HIDDEN));
        if (p->type == TH_NODE_ELEMENT && !hidden) {
            if ((x->kind & K_RELATED) && !(x->kind & K_BODY) && x->rawlink > 0)
                take = true;
            else if (p->tag == TH_TAG_ARTICLE && x->raw > 0 &&
                     !(x->f & XF_TAGJUNK)) {
                take = true;
                for (size_t r = 0; r < ch->nroots && take; r++)
                    if (ch->roots[r] == p || is_ancestor(c, ch->roots[r], p) ||
                        is_ancestor(c, p, ch->roots[r]))
                        take = false;
            }
        }
        if (take) {
            size_t before = doc->nrelated;
            if (p->tag == TH_TAG_ARTICLE && !(x->kind & K_RELATED)) {
                if (th__xemit_related(doc, p, 15, c->base, before + 1))
                    return -1;
            } else if (th__xemit_related(doc, p, 15, c->base, 100)) {
                return -1;
            }
            i += c->size[i];
            continue;
        }
        i++;
    }
    return 0;
}

/* ------------------------------------------------------ the stage ---- */

static uint32_t result_text(const ctx *c, const choice *ch)
{
    (void)c;
    return ch->text;
}

th_status th__extract_body(th_doc *doc, th_dom *dom, const th_options *opts)
{
    if (!doc || !dom || !dom->root)
        return TH_OK;
    ctx c;
    memset(&c, 0, sizeof c);
    th__arena_init(&c.arena);
    c.doc = doc;
    c.dom = dom;
    th_status st = TH_OK;
    choice *ch = th__arena_alloc(&c.arena, sizeof(choice));
    choice *ch2 = th__arena_alloc(&c.arena, sizeof(choice));
    if (!ch || !ch2 || pass_number(&c)) {
        st = TH_ENOMEM;
        goto done;
    }
    c.base = doc->url ? doc->url : (opts ? opts->url : NULL);
    if (doc->title)
        c.title = doc->title;
    pass_raw(&c);
    c.page_raw = XI(c.body ? c.body : dom->root)->raw;
    c.page_prose = XI(c.body ? c.body : dom->root)->prose;

    pass_junk(&c, RELAX_NONE);
    pass_stats(&c);
    score_units(&c);
    choose(&c, ch);
    if (result_text(&c, ch) < 250) {
        pass_junk(&c, RELAX_CLASSES);
        pass_stats(&c);
        score_units(&c);
        choose(&c, ch2);
        if (result_text(&c, ch2) > 2 * result_text(&c, ch) + 100) {
            choice *t = ch;
            ch = ch2;
            ch2 = t;
        } else {
            pass_junk(&c, RELAX_NONE);
            pass_stats(&c);
            score_units(&c);
            choose(&c, ch);
        }
    }
    clean(&c, ch);
    dbg_find(dom->root);
    if (th__xemit(doc, ch->roots, ch->nroots, c.title, c.base) ||
        collect_related(&c, ch))
        st = TH_ENOMEM;
done:
    if (c.xi)
        for (size_t i = 0; i < c.n; i++)
            if (c.xi[i].node)
                c.xi[i].node->aux = NULL;
    th__arena_cleanup(&c.arena);
    if (doc->oom)
        st = TH_ENOMEM;
    return st;
}
