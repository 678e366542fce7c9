/*
 * extract_int.h -- private to the extraction stage (extract*.c): the
 * per-node facts one bottom-up pass computes, the class/id classifier and
 * the block emitter.  Nothing outside src/extract*.c includes it.
 */
#ifndef TH_EXTRACT_INT_H
#define TH_EXTRACT_INT_H
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "doc.h"
#include "dom.h"

/* Kinds of furniture or content a class/id/role/itemprop names (bits). */
#define K_COMMENT 0x0001u /* comments, replies, disqus, respond */
#define K_SHARE 0x0002u   /* share / social / follow buttons */
#define K_PROMO 0x0004u   /* newsletter, subscribe, donate, paywall, login */
#define K_COOKIE 0x0008u  /* cookie and consent banners */
#define K_AD 0x0010u      /* advertising, sponsored */
#define K_NAV 0x0020u     /* nav, menu, header, footer, sidebar, widget */
#define K_RELATED 0x0040u /* related / recommended / more stories */
#define K_AUTHOR 0x0080u  /* author box, byline, post meta, dates */
#define K_TAGS 0x0100u    /* tag lists, keywords, topics */
#define K_HIDDEN 0x0200u  /* visually hidden */
#define K_MISC 0x0400u    /* print, popup, rating, search, forms */
#define K_CAPTION 0x0800u /* image caption */
#define K_BODY 0x1000u    /* explicit article-body container */
#define K_POS 0x2000u     /* weakly positive: article, content, story */
#define K_NEG 0x4000u     /* weakly negative (Readability's list) */
#define K_HEADER 0x8000u  /* header / masthead */
#define K_JUNK                                                          \
    (K_COMMENT | K_SHARE | K_PROMO | K_COOKIE | K_AD | K_NAV | K_RELATED | \
     K_AUTHOR | K_TAGS | K_HIDDEN | K_MISC | K_HEADER)

/* Per-node flags in xinfo.f. */
#define XF_JUNK 0x0001u    /* removed with its subtree (final decision) */
#define XF_INLINK 0x0002u  /* inside an <a> */
#define XF_TAGJUNK 0x0004u /* junk by tag, markup-hidden or comment mark */
#define XF_BLOCK 0x0008u   /* block-level element */
#define XF_HASBLOCK 0x0010u /* has a block-level element child */
#define XF_CAND 0x0020u    /* scored candidate */
#define XF_DROP 0x0040u    /* dropped by conditional cleaning */
#define XF_DATATABLE 0x0080u /* a table of data (rows become blocks) */
#define XF_NESTBLK 0x0100u /* table: holds block content (layout table) */
#define XF_BIGGUARD 0x0200u /* too much of the page to be furniture */
#define XF_HASBODY 0x0400u /* has an explicit article-body descendant */
#define XF_CLSJUNK 0x0800u /* junk by class/id (before guards) */
#define XF_PRE 0x1000u     /* inside <pre> */
#define XF_SKIPTXT 0x2000u /* script/style-like: text not visible */
#define XF_MHIDDEN 0x10000u /* hidden by markup (hidden, aria-hidden, style) */

typedef struct xinfo {
    th_node *node;
    uint32_t raw;     /* visible text chars, junk included (not scripts) */
    uint32_t rawlink; /* of which inside links */
    uint32_t prose;   /* raw text of <p>s with >= 80 chars, few links */
    uint32_t text;    /* text chars outside junk */
    uint32_t link;    /* of which inside links */
    uint32_t own;     /* chars whose nearest block ancestor is this node */
    uint32_t commas;  /* commas in the subtree (outside junk) */
    uint32_t owncommas;
    uint32_t maxpara; /* longest own text of a block in the subtree */
    uint16_t np, nimg, nli, ninput, nembed, nhead; /* descendant counts */
    uint16_t kind;    /* K_* bits of the node's own class/id/role */
    int16_t weight;   /* Readability class weight */
    uint32_t f;       /* XF_* */
    float score;
} xinfo;

static inline xinfo *XI(const th_node *n) { return (xinfo *)n->aux; }

/* Classifies the element's class, id, role and itemprop; sets *weight to
 * Readability's class weight.  Returns K_* bits.  `cache` may be NULL. */
typedef struct xclass_cache xclass_cache;
xclass_cache *th__xclass_cache_new(th_arena *a);
unsigned th__xclass(xclass_cache *cache, const th_node *el, int *weight);

/* True for block-level elements (paragraph boundaries). */
bool th__x_is_block(const th_node *n);

/* The emitter: writes the subtrees `roots[0..nroots)` (in document order)
 * as blocks and captions into doc, skipping XF_JUNK / XF_DROP subtrees.
 * `title` (or NULL) is used to drop a heading that repeats it. */
int th__xemit(th_doc *doc, th_node *const *roots, size_t nroots,
              const char *title, const char *base_url);

/* Adds caption text of subtree n to doc. */
int th__xemit_caption(th_doc *doc, th_node *n);

/* Collects links of the subtree n into doc->related (text >= minlen). */
int th__xemit_related(th_doc *doc, th_node *n, size_t minlen,
                      const char *base_url, size_t max_total);

/* Counts visible characters of s[0..len): runs of whitespace count one. */
uint32_t th__x_textlen(const char *s, size_t len, uint32_t *commas);

#endif
