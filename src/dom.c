/*
 * dom.c -- tree building and traversal helpers for th_node (see dom.h).
 */
#include "dom.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

static const char *const g_tag_names[TH_TAG__COUNT] = {
    "",
#define TH_TAG(e, s) s,
#include "tags.h"
#undef TH_TAG
};

/* Open-addressing hash of tag names, built once on first use
 * (pthread_once: several threads may extract at the first page); read-only
 * after that.  The acquire flag keeps the hot path at one load. */
#define TAG_HASH_SIZE 512
static uint16_t g_tag_hash[TAG_HASH_SIZE];
static uint8_t g_tag_len[TH_TAG__COUNT]; /* strlen of each name */
static atomic_int g_tag_hash_ready;
static pthread_once_t g_tag_once = PTHREAD_ONCE_INIT;

/* len >= 1.  Length, first, middle and last byte: as few probes as a
 * hash of every byte on the tag names (1.24 per name on average), at a
 * fixed cost per lookup. */
static uint32_t name_hash(const char *s, size_t len)
{
    return (uint32_t)len * 0x9e37u + (unsigned char)s[0] * 0x3b1u +
           (unsigned char)s[len - 1] * 0x1fu + (unsigned char)s[len >> 1] * 7u;
}

static void tag_hash_build(void)
{
    for (int t = 1; t < TH_TAG__COUNT; t++) {
        const char *s = g_tag_names[t];
        g_tag_len[t] = (uint8_t)strlen(s);
        uint32_t h = name_hash(s, g_tag_len[t]) & (TAG_HASH_SIZE - 1);
        while (g_tag_hash[h])
            h = (h + 1) & (TAG_HASH_SIZE - 1);
        g_tag_hash[h] = (uint16_t)t;
    }
    atomic_store_explicit(&g_tag_hash_ready, 1, memory_order_release);
}

th_tag th__tag_lookup(const char *name, size_t len)
{
    if (!atomic_load_explicit(&g_tag_hash_ready, memory_order_acquire))
        pthread_once(&g_tag_once, tag_hash_build);
    if (len == 0 || len > 16)
        return TH_TAG_UNKNOWN;
    uint32_t h = name_hash(name, len) & (TAG_HASH_SIZE - 1);
    for (unsigned t; (t = g_tag_hash[h]) != 0;
         h = (h + 1) & (TAG_HASH_SIZE - 1)) {
        if (g_tag_len[t] != len)
            continue;
        const char *s = g_tag_names[t];
        size_t i = 0;
        while (i < len && s[i] == name[i])
            i++;
        if (i == len)
            return (th_tag)t;
    }
    return TH_TAG_UNKNOWN;
}

const char *th__tag_name(th_tag tag)
{
    return (tag > 0 && tag < TH_TAG__COUNT) ? g_tag_names[tag] : "";
}

static th_node *new_node(th_dom *dom, th_node_type type)
{
    th_node *n = th__arena_calloc(dom->arena, 1, sizeof *n);
    if (n) {
        n->type = (uint8_t)type;
        dom->nnodes++;
    }
    return n;
}

th_node *th__dom_document(th_dom *dom, th_arena *arena)
{
    memset(dom, 0, sizeof *dom);
    dom->arena = arena;
    dom->root = new_node(dom, TH_NODE_DOCUMENT);
    return dom->root;
}

th_node *th__dom_element(th_dom *dom, const char *name, size_t len, th_ns ns)
{
    th_node *n = new_node(dom, TH_NODE_ELEMENT);
    if (!n)
        return NULL;
    n->ns = (uint8_t)ns;
    n->tag = (uint16_t)(ns == TH_NS_HTML ? th__tag_lookup(name, len)
                                         : TH_TAG_UNKNOWN);
    if (ns == TH_NS_SVG && len == 3 && memcmp(name, "svg", 3) == 0)
        n->tag = TH_TAG_SVG;
    if (ns == TH_NS_MATHML && len == 4 && memcmp(name, "math", 4) == 0)
        n->tag = TH_TAG_MATH;
    if (n->tag != TH_TAG_UNKNOWN) {
        n->name = g_tag_names[n->tag];
    } else {
        n->name = th__arena_strndup(dom->arena, name, len);
        if (!n->name)
            return NULL;
    }
    return n;
}

th_node *th__dom_element_tag(th_dom *dom, th_tag tag, const char *name,
                             size_t len, th_ns ns)
{
    if (ns != TH_NS_HTML)
        return th__dom_element(dom, name, len, ns);
    th_node *n = new_node(dom, TH_NODE_ELEMENT);
    if (!n)
        return NULL;
    n->ns = (uint8_t)ns;
    n->tag = (uint16_t)tag;
    if (tag != TH_TAG_UNKNOWN && tag < TH_TAG__COUNT) {
        n->name = g_tag_names[tag];
    } else {
        n->tag = TH_TAG_UNKNOWN;
        n->name = th__arena_strndup(dom->arena, name, len);
        if (!n->name)
            return NULL;
    }
    return n;
}

static th_node *text_like(th_dom *dom, th_node_type type, const char *text,
                          size_t len)
{
    th_node *n = new_node(dom, type);
    if (!n)
        return NULL;
    char *t = th__arena_strndup(dom->arena, text, len);
    if (!t)
        return NULL;
    n->text = t;
    n->text_len = len;
    return n;
}

th_node *th__dom_text(th_dom *dom, const char *text, size_t len)
{
    return text_like(dom, TH_NODE_TEXT, text, len);
}

th_node *th__dom_comment(th_dom *dom, const char *text, size_t len)
{
    return text_like(dom, TH_NODE_COMMENT, text, len);
}

void th__dom_append(th_node *parent, th_node *child)
{
    child->parent = parent;
    child->prev = parent->last_child;
    child->next = NULL;
    if (parent->last_child)
        parent->last_child->next = child;
    else
        parent->first_child = child;
    parent->last_child = child;
    child->depth = parent->depth + 1;
}

void th__dom_insert_before(th_node *parent, th_node *child, th_node *ref)
{
    if (!ref) {
        th__dom_append(parent, child);
        return;
    }
    child->parent = parent;
    child->next = ref;
    child->prev = ref->prev;
    if (ref->prev)
        ref->prev->next = child;
    else
        parent->first_child = child;
    ref->prev = child;
    child->depth = parent->depth + 1;
}

void th__dom_remove(th_node *node)
{
    th_node *p = node->parent;
    if (!p)
        return;
    if (node->prev)
        node->prev->next = node->next;
    else
        p->first_child = node->next;
    if (node->next)
        node->next->prev = node->prev;
    else
        p->last_child = node->prev;
    node->parent = node->prev = node->next = NULL;
}

/* The attribute names most elements carry, shared instead of copied into
 * the arena for every element (names are read-only after parsing). */
static const char *common_attr(const char *name, size_t len)
{
#define TRY(lit)                                                            \
    if (memcmp(name, lit, sizeof(lit) - 1) == 0)                            \
        return lit;
    switch (len) {
    case 2:
        TRY("id")
        return NULL;
    case 3:
        TRY("src")
        TRY("rel")
        TRY("alt")
        return NULL;
    case 4:
        TRY("href")
        TRY("type")
        TRY("name")
        TRY("role")
        TRY("lang")
        return NULL;
    case 5:
        TRY("class")
        TRY("style")
        TRY("title")
        TRY("width")
        return NULL;
    case 6:
        TRY("height")
        TRY("srcset")
        TRY("target")
        return NULL;
    case 7:
        TRY("content")
        TRY("loading")
        return NULL;
    case 8:
        TRY("itemprop")
        TRY("property")
        TRY("datetime")
        TRY("itemtype")
        TRY("data-src")
        return NULL;
    case 9:
        TRY("itemscope")
        return NULL;
    case 10:
        TRY("aria-label")
        return NULL;
    case 11:
        TRY("aria-hidden")
        return NULL;
    default:
        return NULL;
    }
#undef TRY
}

int th__dom_set_attr(th_dom *dom, th_node *el, const char *name,
                     size_t name_len, const char *value, size_t value_len)
{
    for (uint32_t i = 0; i < el->nattrs; i++)
        if (el->attrs[i].name_len == name_len &&
            memcmp(el->attrs[i].name, name, name_len) == 0)
            return 0;
    return th__dom_add_attr(dom, el, name, name_len, value, value_len);
}

int th__dom_add_attr(th_dom *dom, th_node *el, const char *name,
                     size_t name_len, const char *value, size_t value_len)
{
    /* Grow by doubling inside the arena; the array is the most recent
     * allocation while the tokenizer adds attributes, so it often grows in
     * place. */
    uint32_t n = el->nattrs;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        size_t ncap = n ? (size_t)n * 2 : 4;
        th_attr *na = th__arena_realloc(dom->arena, el->attrs,
                                        n * sizeof(th_attr),
                                        ncap * sizeof(th_attr));
        if (!na)
            return -1;
        el->attrs = na;
    }
    th_attr *a = &el->attrs[n];
    a->name = common_attr(name, name_len);
    if (!a->name)
        a->name = th__arena_strndup(dom->arena, name, name_len);
    a->value = th__arena_strndup(dom->arena, value, value_len);
    if (!a->name || !a->value)
        return -1;
    a->name_len = (uint32_t)name_len;
    a->value_len = (uint32_t)value_len;
    el->nattrs = n + 1;
    return 0;
}

const char *th__dom_attr(const th_node *el, const char *name)
{
    if (el->type != TH_NODE_ELEMENT)
        return NULL;
    for (uint32_t i = 0; i < el->nattrs; i++)
        if (strcmp(el->attrs[i].name, name) == 0)
            return el->attrs[i].value;
    return NULL;
}

th_node *th__dom_find(const th_node *n, th_tag tag)
{
    for (th_node *c = (th_node *)n; c; c = th__dom_next(n, c, false))
        if (c->type == TH_NODE_ELEMENT && c->tag == tag)
            return c;
    return NULL;
}
