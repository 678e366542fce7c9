/*
 * comments_int.h -- what the comment modules share: the scan of one subtree
 * into comment items and section records (comments.c), field readers and
 * the date parser (comments_fields.c), JSON-LD threads (comments_ld.c).
 * Private to src/comments*.c.
 */
#ifndef TH_COMMENTS_INT_H
#define TH_COMMENTS_INT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "dom.h"

/* Private node flag (th_node.flags, a high bit no other stage uses): a
 * comment item found by structure, not by name (comments_generic.c).  Set
 * by th__comments_mark, read back by the rescan of th__comments_extract. */
#define CM_NF_ITEM 0x40000000u

/* A named container: an element whose class/id says "comments" (or a
 * system root like #disqus_thread). */
typedef struct cm_sect cm_sect;
struct cm_sect {
    th_node *node;
    cm_sect *up;         /* enclosing named container, or NULL */
    size_t t0, t1;       /* text bytes before entering / after leaving */
    size_t i0, i1;       /* the same, counting only text inside items */
    unsigned level;      /* traversal depth below the scan top */
    unsigned nitems;     /* items that start inside it */
    bool strong;         /* a name that only comment areas use */
    bool disqus;         /* #disqus_thread and the like */
    unsigned ntop;       /* mark: accepted top items rooted here */
};

/* One comment candidate, in document (pre-)order. */
typedef struct cm_item cm_item;
struct cm_item {
    th_node *node;
    long parent;         /* index of the enclosing item, or -1 */
    cm_sect *sect;       /* innermost named container around it, or NULL */
    uint32_t key;        /* hash of the token that made it an item */
    uint64_t num;        /* the comment number from its id, or 0 */
    size_t t0, t1;       /* text bytes before/after */
    size_t own;          /* text bytes not inside a child item */
    size_t last;         /* index of its last descendant item (or itself) */
    unsigned level;
    bool strong;         /* a markup only comment systems produce */
    bool dropped;        /* dissolved (empty wrapper) or in a rejected group */
    bool generic;        /* found by structure (CM_NF_ITEM), not by name */
    th_node *root;       /* mark: the section root chosen for a top item */
    bool root_strong;    /* mark: a strongly named container on the way */
};

typedef struct cm_scan {
    th_arena *arena;     /* scratch: the dom's arena */
    cm_item *items;
    size_t nitems, cap_items;
    cm_sect **sects;
    size_t nsects, cap_sects;
    bool want_heads;     /* mark only: collect comment headings */
    th_node **heads;     /* elements holding a "Comments"-like heading text */
    size_t nheads, cap_heads;
    struct cm_wcache *wcache; /* worth_a_look per distinct class/id value */
    struct cm_tcache *tcache; /* name rules per distinct class/id token */
    bool oom;
} cm_scan;

/* Scans the subtree of top (one linear pass, no recursion): fills items
 * and named containers, resolves nesting and dissolves empty wrappers.
 * heads: also collect comment headings (th__comments_mark only). */
void cm__scan(cm_scan *s, th_arena *arena, th_node *top, bool heads);

/* Lower-cases class and id of el into buf (space separated, "class id"),
 * truncated to cap-1 bytes; returns the length (0: neither attribute). */
size_t cm__names(const th_node *el, char *buf, size_t cap);

/* Does this text read as the heading of a comment section ("Comments",
 * "12 Kommentare", "Commentaires (3)", "Reader comments", "Reviews")? */
bool cm__heading_text(const char *s, size_t n);

/* The structural fallback: under comment headings (s->heads) and named
 * containers that hold no comment items, finds repeated comment-like
 * blocks (a short name line and/or a date, plus text), sets CM_NF_ITEM on
 * them (and on their replies of the same shape) and TH_NF_COMMENTS on the
 * section roots.  Bounded work: O(nodes).  Returns the sections marked. */
size_t cm__generic_mark(cm_scan *s, th_dom *dom);

/* Fills doc->comments from the accepted items of one marked section.
 * Returns 0, or -1 on ENOMEM. */
int cm__emit_section(th_doc *doc, cm_scan *s);

/* Date text or attribute -> ISO 8601 ("YYYY-MM-DD" or with "THH:MM") in
 * out (>= 32 bytes); returns false when no date could be read. */
bool cm__parse_date(const char *s, size_t len, char *out);

/* Comments from JSON-LD scripts (comment arrays of Article,
 * DiscussionForumPosting, ...).  Returns 0, or -1 on ENOMEM. */
int cm__jsonld(th_doc *doc, const th_dom *dom, th_arena *scratch);

#endif
