/*
 * comments_generic.c -- comment lists that carry no comment markup.
 *
 * Some sites write their comments as plain repeated blocks: li.member in
 * a list under a "Leserkommentare" heading, unnamed divs after a
 * "Kommentare" title bar, review cards in a "reviews" container.  This
 * fallback starts from two kinds of anchor the scan recorded:
 *   - a heading whose whole text reads "Comments", "12 Kommentare",
 *     "Commentaires (3)", "Reader comments", "Reviews", ... (not a link);
 *   - a named container (class/id with a comment word) holding no item.
 * From the anchor it looks at the following blocks (or the container's
 * children) for a run of siblings of one shape (tag and first class
 * token) that each look like a comment: a short first line (the name)
 * and/or a date, and a run of text that is not a link.  Two or more such
 * siblings make a list; after a heading a single block with name, date
 * and text is accepted too.  The blocks get CM_NF_ITEM (and so do the
 * blocks of the same shape nested in them: replies); the list's parent,
 * or the blocks themselves when the parent also holds the article, get
 * TH_NF_COMMENTS, and so does the heading.
 *
 * All work is charged to one budget proportional to the tree size, so the
 * fallback stays linear whatever the page does.
 */
#include <string.h>

#include "comments_int.h"
#include "extract.h"
#include "utf8.h"

/* ----------------------------------------------------------- heading --- */

static const char *const HEAD_WORDS[] = {
    "comments", "comment", "kommentare", "kommentar", "leserkommentare",
    "leserkommentar", "reader comments", "readers comments",
    "readers' comments", "readers’ comments", "user comments",
    "your comments", "commentaires", "commentaire", "comentarios",
    "comentario", "komentarze", "komentarz", "komentarzy", "commenti",
    "reacties", "reactions", "réactions", "reaktionen", "responses",
    "replies", "discussion", "diskussion", "reviews", "customer reviews",
    "kundenbewertungen", "bewertungen", "rezensionen", "opiniones",
    "avis clients", "recensioni", "opinie", NULL};

bool cm__heading_text(const char *s, size_t n)
{
    s = th__trim_space(s, &n);
    if (n < 5 || n > 48)
        return false;
    /* cheap first look: every heading word holds one of these */
    bool maybe = false;
    /* pairs (c, d) the switch below can accept, by their low 5 bits: one
     * bit test per byte, the switch only on a hit */
    static const uint32_t pairs[32] = {
        ['o' & 31] = 1u << ('m' & 31),
        ['e' & 31] = 1u << ('v' & 31) | 1u << ('w' & 31) | 1u << ('z' & 31) |
                     1u << ('a' & 31) | 1u << ('s' & 31) | 1u << ('p' & 31),
        ['i' & 31] = 1u << ('s' & 31) | 1u << ('n' & 31),
        ['a' & 31] = 1u << ('v' & 31),
        ['c' & 31] = 1u << ('e' & 31) | 1u << ('t' & 31)};
    for (size_t q = 0; q + 2 < n && !maybe; q++) {
        char c = s[q] | 0x20, d = s[q + 1] | 0x20, e = s[q + 2] | 0x20;
        if (!((pairs[c & 31] >> (d & 31)) & 1))
            continue;
        switch (c) {
        case 'o': /* comment, komentarz, comentario */
            maybe = d == 'm' && (e == 'm' || e == 'e');
            break;
        case 'e': /* reviews, bewertungen, rezensionen, reactions, responses,
                   * replies, reaktionen */
            maybe = (d == 'v' && e == 'i') || (d == 'w' && e == 'e') ||
                    (d == 'z' && e == 'e') || (d == 'a' && (e == 'c' || e == 'k')) ||
                    (d == 's' && e == 'p') || (d == 'p' && e == 'l');
            break;
        case 'i': /* discussion, diskussion, opinie, opiniones */
            maybe = (d == 's' && (e == 'c' || e == 'k')) || (d == 'n' && e == 'i');
            break;
        case 'a': /* avis */
            maybe = d == 'v' && e == 'i';
            break;
        case 'c': /* recensioni, réactions */
            maybe = (d == 'e' && e == 'n') || (d == 't' && e == 'i');
            break;
        default:
            break;
        }
    }
    if (!maybe)
        return false;
    char b[64];
    size_t k = 0;
    bool num = false, nonzero = false;
    size_t i = 0;
    /* leading count: "12 Kommentare", "(3) Comments", "#" */
    while (i < n && (s[i] == '(' || s[i] == '[' || s[i] == '#' ||
                     (s[i] >= '0' && s[i] <= '9') ||
                     th__is_space((unsigned char)s[i]))) {
        if (s[i] >= '0' && s[i] <= '9') {
            num = true;
            nonzero |= s[i] != '0';
        }
        i++;
    }
    /* trailing count: "Comments (12)", "Kommentare: 3" */
    size_t e = n;
    while (e > i && (s[e - 1] == ')' || s[e - 1] == ']' || s[e - 1] == ':' ||
                     s[e - 1] == '.' || (s[e - 1] >= '0' && s[e - 1] <= '9') ||
                     s[e - 1] == '(' || s[e - 1] == '[' ||
                     th__is_space((unsigned char)s[e - 1]))) {
        if (s[e - 1] >= '0' && s[e - 1] <= '9') {
            num = true;
            nonzero |= s[e - 1] != '0';
        }
        e--;
    }
    if (num && !nonzero)
        return false; /* "0 Kommentare": nothing follows */
    for (; i < e && k + 1 < sizeof b; i++) {
        char c = s[i];
        if (th__is_space((unsigned char)c)) {
            if (k && b[k - 1] != ' ')
                b[k++] = ' ';
            continue;
        }
        b[k++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    b[k] = 0;
    for (const char *const *p = HEAD_WORDS; *p; p++)
        if (!strcmp(b, *p))
            return true;
    return false;
}

/* ------------------------------------------------------------ helpers --- */

typedef struct gen {
    long budget;  /* nodes left to visit */
} gen;

static bool skip_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_SCRIPT: case TH_TAG_STYLE: case TH_TAG_TEMPLATE:
    case TH_TAG_HEAD: case TH_TAG_SVG: case TH_TAG_MATH: case TH_TAG_NOSCRIPT:
        return true;
    default:
        return false;
    }
}

static size_t visible_len(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !th__is_space((unsigned char)s[i]);
    return k;
}

static bool is_link(const th_node *n)
{
    if (n->tag != TH_TAG_A)
        return false;
    for (uint32_t a = 0; a < n->nattrs; a++)
        if (n->attrs[a].name_len == 4 && !memcmp(n->attrs[a].name, "href", 4))
            return true;
    return false;
}

/* Visible text bytes under top, stopping past cap (charged to budget). */
static size_t text_of(gen *g, const th_node *top, size_t cap)
{
    size_t t = 0;
    for (const th_node *n = top; n && t <= cap && g->budget > 0;) {
        g->budget--;
        bool skip = n->type == TH_NODE_ELEMENT && n != top && skip_tag(n);
        if (n->type == TH_NODE_TEXT)
            t += visible_len(n->text, n->text_len);
        n = th__dom_next(top, n, skip);
    }
    return t;
}

static const char *first_class(const th_node *n, size_t *len)
{
    for (uint32_t a = 0; a < n->nattrs; a++) {
        const th_attr *at = &n->attrs[a];
        if (at->name_len == 5 && !memcmp(at->name, "class", 5)) {
            size_t i = 0;
            while (i < at->value_len && th__is_space((unsigned char)at->value[i]))
                i++;
            size_t b = i;
            while (i < at->value_len && !th__is_space((unsigned char)at->value[i]))
                i++;
            *len = i - b;
            return at->value + b;
        }
    }
    *len = 0;
    return "";
}

/* Same shape: tag and first class token. */
static bool same_shape(const th_node *a, const th_node *b)
{
    if (a->type != TH_NODE_ELEMENT || b->type != TH_NODE_ELEMENT ||
        a->tag != b->tag || (a->tag == TH_TAG_UNKNOWN && strcmp(a->name, b->name)))
        return false;
    size_t la, lb;
    const char *ca = first_class(a, &la), *cb = first_class(b, &lb);
    return la == lb && !memcmp(ca, cb, la);
}

static const th_node *next_el(const th_node *n)
{
    for (n = n->next; n; n = n->next)
        if (n->type == TH_NODE_ELEMENT)
            return n;
    return NULL;
}

/* Tags a comment block can be. */
static bool block_ok(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_DIV: case TH_TAG_LI: case TH_TAG_ARTICLE: case TH_TAG_SECTION:
    case TH_TAG_DL: case TH_TAG_DD: case TH_TAG_TR: case TH_TAG_BLOCKQUOTE:
    case TH_TAG_ASIDE: case TH_TAG_TABLE: case TH_TAG_UNKNOWN:
        return true;
    default:
        return false;
    }
}

/* An element named as a date (class date/time/stamp) whose attribute
 * (datetime, content, data-content, title, ...) holds one. */
static bool dated_attr(const th_node *n)
{
    bool named = false;
    for (uint32_t a = 0; a < n->nattrs && !named; a++) {
        const th_attr *at = &n->attrs[a];
        if (!(at->name_len == 5 && !memcmp(at->name, "class", 5)))
            continue;
        for (size_t i = 0; i + 4 <= at->value_len; i++) {
            const char *v = at->value + i;
            if (!memcmp(v, "date", 4) || !memcmp(v, "time", 4) ||
                !memcmp(v, "tamp", 4) || !memcmp(v, "datum", 4) ||
                !memcmp(v, "Date", 4) || !memcmp(v, "Time", 4)) {
                named = true;
                break;
            }
        }
    }
    if (!named)
        return false;
    for (uint32_t a = 0; a < n->nattrs; a++) {
        const th_attr *at = &n->attrs[a];
        char iso[32];
        if (at->value_len >= 8 && at->value_len <= 64 &&
            at->value[0] >= '0' && at->value[0] <= '9' &&
            cm__parse_date(at->value, at->value_len, iso))
            return true;
    }
    return false;
}

/* What one block looks like. */
typedef struct look {
    bool name;   /* its first line is short (a name, "#1 Kommentar von X") */
    bool date;   /* a <time>, a short text or a date-named attribute */
    bool body;   /* 25+ bytes of text outside links, first line and dates */
    bool form;   /* holds a form control (a comment form, not a comment)
                    or a comment section found by the markup rules */
    bool heading_link; /* a heading that is a link: a teaser, not a comment */
} look;

#define BLOCK_MAX_TEXT 20000

static void look_at(gen *g, const th_node *top, look *lk)
{
    memset(lk, 0, sizeof *lk);
    size_t total = 0, body = 0;
    bool first = true;
    int links = 0;         /* open <a href> elements on the path */
    const th_node *n = top;
    while (n && g->budget > 0) {
        g->budget--;
        bool descend = false;
        if (n->type == TH_NODE_ELEMENT) {
            if (n != top && (n->flags & (TH_NF_COMMENTS | CM_NF_ITEM)))
                lk->form = true; /* holds a comment section already found */
            if (n == top || !skip_tag(n)) {
                descend = true;
                switch (n->tag) {
                case TH_TAG_FORM: case TH_TAG_INPUT: case TH_TAG_TEXTAREA:
                case TH_TAG_SELECT:
                    lk->form = true;
                    break;
                case TH_TAG_TIME:
                    lk->date = true;
                    break;
                case TH_TAG_H1: case TH_TAG_H2: case TH_TAG_H3:
                    if (n->parent && is_link(n->parent))
                        lk->heading_link = true;
                    for (const th_node *c = n->first_child; c; c = c->next)
                        if (c->type == TH_NODE_ELEMENT && is_link(c))
                            lk->heading_link = true;
                    break;
                default:
                    break;
                }
                if (is_link(n) && n != top)
                    links++;
                if (!lk->date && n->nattrs)
                    lk->date = dated_attr(n);
            }
        } else if (n->type == TH_NODE_TEXT) {
            size_t v = visible_len(n->text, n->text_len);
            if (v) {
                total += v;
                char iso[32];
                bool date = v <= 80 && cm__parse_date(n->text, n->text_len, iso);
                lk->date |= date;
                if (first) {
                    /* the first line: a name, a date, "#3 von Anna" */
                    lk->name = v <= 60;
                    first = false;
                } else if (!links && !date && v >= 15) {
                    body += v;
                }
            }
        }
        if (total > BLOCK_MAX_TEXT)
            break;
        if (descend && n->first_child) {
            n = n->first_child;
            continue;
        }
        for (;;) {
            if (n == top) {
                n = NULL;
                break;
            }
            if (n->type == TH_NODE_ELEMENT && is_link(n))
                links--;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
    lk->body = body >= 25 && total <= BLOCK_MAX_TEXT;
}

/* Text, a date (comments are dated; a policy list or a teaser with a
 * bold lead-in is not), no form, no linked heading. */
static bool comment_like(const look *lk)
{
    return lk->body && lk->date && !lk->form && !lk->heading_link;
}

/* -------------------------------------------------------------- lists --- */

#define MAX_RUN 2000

typedef struct run {
    const th_node *items[MAX_RUN];
    size_t n;
} run;

/* The run of same-shaped siblings starting at first; true when at least
 * two of three look like comments (and at least `need` of them). */
static bool take_run(gen *g, const th_node *first, run *r, size_t need)
{
    r->n = 0;
    size_t good = 0;
    for (const th_node *c = first; c && r->n < MAX_RUN; c = next_el(c)) {
        if (!same_shape(c, first)) {
            if (text_of(g, c, 0) == 0)
                continue; /* separators, empty ads */
            break;
        }
        look lk;
        look_at(g, c, &lk);
        if (lk.form)
            break;
        good += comment_like(&lk);
        r->items[r->n++] = c;
    }
    return good >= need && 3 * good >= 2 * r->n;
}

/* The children of box (through up to three single-child wrappers) as a
 * list of comments. */
static bool list_in(gen *g, const th_node *box, run *r)
{
    for (int d = 0; d < 3; d++) {
        const th_node *only = NULL;
        int with_text = 0;
        for (const th_node *c = box->first_child; c; c = c->next)
            if (c->type == TH_NODE_ELEMENT && !skip_tag(c) && text_of(g, c, 0)) {
                only = c;
                if (++with_text > 1)
                    break;
            }
        if (with_text != 1)
            break;
        box = only;
    }
    int tried = 0;
    for (const th_node *c = box->first_child; c && tried < 40; c = c->next) {
        if (c->type != TH_NODE_ELEMENT || !block_ok(c))
            continue;
        tried++;
        look lk;
        look_at(g, c, &lk);
        if (!comment_like(&lk))
            continue;
        if (take_run(g, c, r, 2))
            return true;
        return false;
    }
    return false;
}

/* ------------------------------------------------------------ marking --- */

static bool marked_above(const th_node *n)
{
    for (int k = 0; n && k < 24; n = n->parent, k++)
        if (n->type == TH_NODE_ELEMENT && (n->flags & (TH_NF_COMMENTS | CM_NF_ITEM)))
            return true;
    return false;
}

/* Non-item text a list's parent may hold (heading, form, pagination). */
#define LIST_MAX_OTHER 2000

static size_t mark_run(gen *g, const run *r, th_node *heading)
{
    size_t items_text = 0;
    for (size_t i = 0; i < r->n; i++) {
        th_node *it = (th_node *)r->items[i];
        it->flags |= CM_NF_ITEM;
        items_text += text_of(g, it, (size_t)-1);
        /* replies: blocks of the same shape inside it */
        for (th_node *d = it->first_child ? it->first_child : NULL; d && g->budget > 0;) {
            g->budget--;
            if (d->type == TH_NODE_ELEMENT && same_shape(d, it))
                d->flags |= CM_NF_ITEM;
            d = th__dom_next(it, d, false);
        }
    }
    size_t marked = 0;
    th_node *parent = r->items[0]->parent;
    bool siblings = true;
    for (size_t i = 1; i < r->n; i++)
        siblings &= r->items[i]->parent == parent;
    if (siblings && parent && parent->type == TH_NODE_ELEMENT &&
        parent->tag != TH_TAG_BODY && parent->tag != TH_TAG_HTML &&
        parent->tag != TH_TAG_MAIN &&
        text_of(g, parent, items_text + LIST_MAX_OTHER) <= items_text + LIST_MAX_OTHER) {
        marked += !(parent->flags & TH_NF_COMMENTS);
        parent->flags |= TH_NF_COMMENTS;
    } else {
        for (size_t i = 0; i < r->n; i++) {
            th_node *it = (th_node *)r->items[i];
            marked += !(it->flags & TH_NF_COMMENTS);
            it->flags |= TH_NF_COMMENTS;
        }
    }
    if (heading && !(heading->flags & TH_NF_COMMENTS)) {
        heading->flags |= TH_NF_COMMENTS;
        marked++;
    }
    return marked;
}

static bool inline_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_A: case TH_TAG_SPAN: case TH_TAG_STRONG: case TH_TAG_B:
    case TH_TAG_EM: case TH_TAG_I: case TH_TAG_SMALL: case TH_TAG_FONT:
        return true;
    default:
        return false;
    }
}

/* The block that holds only the heading text (climbing inline wrappers
 * and wrappers without other text), or NULL: a link, or no block. */
static th_node *heading_block(gen *g, th_node *el)
{
    size_t own = text_of(g, el, 64);
    if (own > 60)
        return NULL;
    while (inline_tag(el)) {
        if (is_link(el))
            return NULL;
        if (!el->parent || el->parent->type != TH_NODE_ELEMENT ||
            text_of(g, el->parent, own + 8) > own + 8)
            return NULL; /* a word inside a sentence */
        el = el->parent;
    }
    if (el->tag == TH_TAG_BODY || el->tag == TH_TAG_HTML ||
        el->tag == TH_TAG_LI || el->tag == TH_TAG_TD || el->tag == TH_TAG_OPTION ||
        el->tag == TH_TAG_LABEL || el->tag == TH_TAG_BUTTON || el->tag == TH_TAG_A)
        return NULL;
    /* wrappers that hold nothing else (div.secthead > h2) */
    for (int k = 0; k < 3; k++) {
        th_node *p = el->parent;
        if (!p || p->type != TH_NODE_ELEMENT || p->tag == TH_TAG_BODY ||
            text_of(g, p, own + 8) > own + 8)
            break;
        el = p;
    }
    return el;
}

/* The list announced by heading block h: in the blocks after it (or after
 * its ancestors while nothing follows it). */
static bool list_after(gen *g, th_node *h, run *r)
{
    const th_node *cur = h;
    for (int up = 0; up < 3 && cur; up++) {
        int seen = 0;
        for (const th_node *sib = next_el(cur); sib && seen < 6; sib = next_el(sib)) {
            if (skip_tag(sib))
                continue;
            size_t t = text_of(g, sib, 400);
            if (t == 0)
                continue;
            seen++;
            if (block_ok(sib) || sib->tag == TH_TAG_UL || sib->tag == TH_TAG_OL) {
                if (list_in(g, sib, r))
                    return true;
                if (block_ok(sib)) {
                    look lk;
                    look_at(g, sib, &lk);
                    if (comment_like(&lk)) {
                        if (take_run(g, sib, r, 2))
                            return true;
                        /* a single comment: name, date and text */
                        if (lk.name && lk.date && r->n == 1)
                            return true;
                        return false;
                    }
                }
            }
            if (t > 300)
                return false; /* a block of other content ends the search */
        }
        if (seen)
            return false;
        cur = cur->parent;
        if (!cur || cur->type != TH_NODE_ELEMENT || cur->tag == TH_TAG_BODY)
            return false;
    }
    return false;
}

size_t cm__generic_mark(cm_scan *s, th_dom *dom)
{
    gen g;
    g.budget = (long)(dom->nnodes ? dom->nnodes : 1000) * 4 + 20000;
    run *r = th__arena_alloc(s->arena, sizeof *r);
    if (!r)
        return 0;
    size_t marked = 0;
    /* named containers without items */
    for (size_t k = 0; k < s->nsects && g.budget > 0; k++) {
        cm_sect *c = s->sects[k];
        if (c->nitems || c->t1 == c->t0 || marked_above(c->node))
            continue;
        if (c->node->tag == TH_TAG_BODY || c->node->tag == TH_TAG_HTML)
            continue;
        if (list_in(&g, c->node, r) && !marked_above(r->items[0]))
            marked += mark_run(&g, r, NULL);
    }
    /* headings */
    for (size_t k = 0; k < s->nheads && g.budget > 0; k++) {
        th_node *h = heading_block(&g, s->heads[k]);
        if (!h || marked_above(h))
            continue;
        if (list_after(&g, h, r) && !marked_above(r->items[0]))
            marked += mark_run(&g, r, h);
    }
    return marked;
}
