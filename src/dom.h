/*
 * dom.h -- the in-memory HTML tree every stage after parsing reads.
 *
 * Nodes live in the document's arena and are never freed one by one.  Text
 * is UTF-8 with character references already resolved; element and
 * attribute names are lower-case ASCII (for HTML elements).  The tree is
 * built by src/html.c (our parser) through the builder calls below; the
 * gumbo oracle adapter in tests/ uses the same calls, so both produce
 * comparable trees.
 */
#ifndef TH_DOM_H
#define TH_DOM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

typedef enum th_tag {
    TH_TAG_UNKNOWN = 0,
#define TH_TAG(e, s) TH_TAG_##e,
#include "tags.h"
#undef TH_TAG
    TH_TAG__COUNT
} th_tag;

typedef enum th_node_type {
    TH_NODE_DOCUMENT = 0,
    TH_NODE_ELEMENT,
    TH_NODE_TEXT,
    TH_NODE_COMMENT,
    TH_NODE_DOCTYPE
} th_node_type;

typedef enum th_ns {
    TH_NS_HTML = 0,
    TH_NS_SVG,
    TH_NS_MATHML
} th_ns;

typedef struct th_attr {
    const char *name; /* lower-case, NUL-terminated */
    const char *value; /* UTF-8, references resolved, NUL-terminated */
    uint32_t name_len;
    uint32_t value_len;
} th_attr;

typedef struct th_node th_node;
struct th_node {
    th_node *parent, *first_child, *last_child, *prev, *next;
    uint8_t type;     /* th_node_type */
    uint8_t ns;       /* th_ns, elements only */
    uint16_t tag;     /* th_tag, elements only */
    uint32_t nattrs;
    const char *name; /* element: lower-case tag name; doctype: its name */
    th_attr *attrs;   /* nattrs entries, elements only */
    const char *text; /* text and comment nodes: UTF-8, NUL-terminated */
    size_t text_len;
    uint32_t depth;   /* 0 for the document node */
    uint32_t flags;   /* free for stages to mark nodes (see extract.c) */
    void *aux;        /* free for one stage at a time to hang data on */
};

typedef struct th_dom {
    th_node *root;    /* the document node */
    th_arena *arena;  /* owner of every node and string (not owned here) */
    size_t nnodes;
    bool quirks;      /* the doctype asked for quirks mode */
} th_dom;

/* Tag number for a lower-case name (TH_TAG_UNKNOWN if not in tags.h). */
th_tag th__tag_lookup(const char *name, size_t len);
/* Static lower-case name of a known tag ("" for TH_TAG_UNKNOWN). */
const char *th__tag_name(th_tag tag);

/* -- builder (arena-allocated; NULL on ENOMEM) -- */
th_node *th__dom_document(th_dom *dom, th_arena *arena);
th_node *th__dom_element(th_dom *dom, const char *name, size_t len, th_ns ns);
/* The same when the caller already knows the tag number (the tokenizer
 * looked it up): no second hash lookup for HTML elements. */
th_node *th__dom_element_tag(th_dom *dom, th_tag tag, const char *name,
                             size_t len, th_ns ns);
th_node *th__dom_text(th_dom *dom, const char *text, size_t len);
th_node *th__dom_comment(th_dom *dom, const char *text, size_t len);
/* Appends child as the last child of parent (child must be detached). */
void th__dom_append(th_node *parent, th_node *child);
/* Inserts child before ref (a child of parent) */
void th__dom_insert_before(th_node *parent, th_node *child, th_node *ref);
/* Detaches node from its parent. */
void th__dom_remove(th_node *node);
/* Adds an attribute unless the element already has that name (first wins,
 * as HTML says); returns -1 on ENOMEM, 0 otherwise. */
int th__dom_set_attr(th_dom *dom, th_node *el, const char *name,
                     size_t name_len, const char *value, size_t value_len);
/* th__dom_set_attr for a name the element is known not to have (the
 * tokenizer has already dropped duplicate names of a fresh element). */
int th__dom_add_attr(th_dom *dom, th_node *el, const char *name,
                     size_t name_len, const char *value, size_t value_len);

/* -- reading -- */
/* Value of attribute `name` (lower-case, NUL-terminated) or NULL. */
const char *th__dom_attr(const th_node *el, const char *name);
/* th__dom_attr for a literal name: the same answer, compared by length
 * first and without a strcmp call (hot in per-node scans). */
static inline const char *th__dom_attr_n(const th_node *el, const char *name,
                                         size_t len)
{
    if (el->type != TH_NODE_ELEMENT)
        return NULL;
    for (uint32_t i = 0; i < el->nattrs; i++) {
        const th_attr *a = &el->attrs[i];
        /* len + 1: the terminator too, as strcmp would (a->name holds
         * name_len + 1 >= len + 1 bytes) */
        if (a->name_len >= len && memcmp(a->name, name, len + 1) == 0)
            return a->value;
    }
    return NULL;
}
#define TH_ATTR(el, lit) th__dom_attr_n((el), "" lit, sizeof(lit) - 1)
/* Pre-order traversal: next node after n within the subtree of `top`
 * (skips n's children when skip_children). NULL when done.  Inline: every
 * stage walks whole trees with it. */
static inline th_node *th__dom_next(const th_node *top, const th_node *n,
                                    bool skip_children)
{
    if (!skip_children && n->first_child)
        return n->first_child;
    while (n && n != top) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}
/* First element (pre-order) with this tag under n, or NULL. */
th_node *th__dom_find(const th_node *n, th_tag tag);

#endif
