/*
 * comments_ld.c -- comment threads from JSON-LD: the "comment" arrays of
 * Article, BlogPosting, DiscussionForumPosting, ... (schema.org Comment:
 * author, text, dateCreated, upvoteCount, nested "comment" replies).
 * Used only when the HTML showed no comments, so a page that renders its
 * comments and also describes them in JSON-LD yields each one once.  The
 * JSON reader is src/json.c; its depth cap (48) bounds the recursion here.
 */
#include <string.h>

#include "buf.h"
#include "comments_int.h"
#include "json.h"
#include "utf8.h"

#define LD_MAX_DEPTH 48

static bool is_type(const th_json *o, const char *t)
{
    const th_json *ty = th__jr_get(o, "@type");
    if (!ty)
        return false;
    if (ty->type == TH_JSON_STRING)
        return strcmp(ty->str, t) == 0;
    if (ty->type == TH_JSON_ARRAY)
        for (const th_json *c = ty->child; c; c = c->next)
            if (c->type == TH_JSON_STRING && !strcmp(c->str, t))
                return true;
    return false;
}

static const char *str_of(const th_json *v)
{
    if (!v)
        return NULL;
    if (v->type == TH_JSON_STRING || v->type == TH_JSON_NUMBER)
        return v->str;
    if (v->type == TH_JSON_ARRAY && v->child)
        return str_of(v->child);
    return NULL;
}

static const char *author_of(const th_json *o)
{
    const th_json *a = th__jr_get(o, "author");
    if (!a)
        a = th__jr_get(o, "creator");
    if (a && a->type == TH_JSON_ARRAY)
        a = a->child;
    if (!a)
        return NULL;
    if (a->type == TH_JSON_STRING)
        return a->str;
    if (a->type == TH_JSON_OBJECT) {
        const char *n = str_of(th__jr_get(a, "name"));
        if (!n)
            n = str_of(th__jr_get(a, "alternateName"));
        return n;
    }
    return NULL;
}

/* Plain text with lines kept: spaces collapsed inside a line, one blank
 * line or more -> a paragraph break. */
static int norm_text(th_buf *b, const char *s)
{
    size_t n = strlen(s);
    int pend = 0; /* 1 space, 2 newline, 3 paragraph */
    int nl = 0;
    for (size_t i = 0; i < n;) {
        size_t sl = th__utf8_space_len(s + i, n - i);
        if (s[i] == '\n') {
            nl++;
            int lv = nl >= 2 ? 3 : 2;
            pend = pend > lv ? pend : lv;
            i++;
            continue;
        }
        if (sl || s[i] == '\t' || s[i] == '\r') {
            if (!pend)
                pend = 1;
            i += sl ? sl : 1;
            continue;
        }
        if (b->len)
            th__buf_puts(b, pend == 3 ? "\n\n" : pend == 2 ? "\n" : pend ? " " : "");
        pend = 0;
        nl = 0;
        th__buf_putc(b, s[i++]);
    }
    return b->err == TH_ENOMEM ? -1 : 0;
}

static int add_comments(th_doc *doc, th_arena *a, const th_json *arr,
                        long parent, int depth, unsigned level);

static int add_one(th_doc *doc, th_arena *a, const th_json *o, long parent,
                   int depth, unsigned level)
{
    if (o->type != TH_JSON_OBJECT)
        return 0;
    const char *text = str_of(th__jr_get(o, "text"));
    if (!text)
        text = str_of(th__jr_get(o, "commentText"));
    if (!text)
        text = str_of(th__jr_get(o, "articleBody"));
    if (!text && !is_type(o, "Comment"))
        return 0;
    th_buf b;
    th__buf_init(&b, (size_t)1 << 20);
    if (text && norm_text(&b, text)) {
        th__buf_cleanup(&b);
        return -1;
    }
    th_comment c;
    memset(&c, 0, sizeof c);
    c.text = b.len ? b.data : "";
    c.author = author_of(o);
    const char *d = str_of(th__jr_get(o, "dateCreated"));
    if (!d)
        d = str_of(th__jr_get(o, "datePublished"));
    if (!d)
        d = str_of(th__jr_get(o, "commentTime"));
    char iso[32];
    if (d)
        c.date = cm__parse_date(d, strlen(d), iso) ? iso : d;
    const char *id = str_of(th__jr_get(o, "@id"));
    if (!id)
        id = str_of(th__jr_get(o, "identifier"));
    if (!id)
        id = str_of(th__jr_get(o, "url"));
    c.id = id;
    const th_json *up = th__jr_get(o, "upvoteCount");
    if (up && (up->type == TH_JSON_NUMBER || up->type == TH_JSON_STRING) &&
        up->str) {
        const char *p = up->str;
        bool neg = *p == '-';
        if (neg || *p == '+')
            p++;
        if (*p >= '0' && *p <= '9') {
            long v = 0;
            while (*p >= '0' && *p <= '9' && v < 100000000)
                v = v * 10 + (*p++ - '0');
            c.votes = neg ? -v : v;
            c.has_votes = true;
        }
    }
    c.parent = parent;
    c.depth = depth;
    long idx = -1;
    if (b.len || c.author)
        idx = th__doc_add_comment(doc, &c);
    th__buf_cleanup(&b);
    if ((b.len || c.author) && idx < 0)
        return -1;
    const th_json *kids = th__jr_get(o, "comment");
    if (kids && level < LD_MAX_DEPTH)
        return add_comments(doc, a, kids, idx >= 0 ? idx : parent,
                            idx >= 0 ? depth + 1 : depth, level + 1);
    return 0;
}

static int add_comments(th_doc *doc, th_arena *a, const th_json *arr,
                        long parent, int depth, unsigned level)
{
    if (arr->type == TH_JSON_OBJECT)
        return add_one(doc, a, arr, parent, depth, level);
    if (arr->type != TH_JSON_ARRAY)
        return 0;
    for (const th_json *c = arr->child; c; c = c->next)
        if (add_one(doc, a, c, parent, depth, level))
            return -1;
    return 0;
}

/* Looks for "comment" members of non-Comment objects anywhere in v. */
static int find(th_doc *doc, th_arena *a, const th_json *v, unsigned level)
{
    if (level > LD_MAX_DEPTH)
        return 0;
    if (v->type == TH_JSON_OBJECT) {
        const th_json *cm = th__jr_get(v, "comment");
        if (cm && !is_type(v, "Comment"))
            return add_comments(doc, a, cm, -1, 0, level + 1);
    }
    if (v->type == TH_JSON_OBJECT || v->type == TH_JSON_ARRAY)
        for (const th_json *c = v->child; c; c = c->next)
            if (find(doc, a, c, level + 1))
                return -1;
    return 0;
}

int cm__jsonld(th_doc *doc, const th_dom *dom, th_arena *scratch)
{
    const th_node *top = dom->root;
    for (th_node *n = dom->root; n;) {
        /* th__dom_next's pre-order walk, inline: this visits every node */
        th_node *cur = n;
        if (n->first_child) {
            n = n->first_child;
        } else {
            while (n && n != top && !n->next)
                n = n->parent;
            n = n && n != top ? n->next : NULL;
        }
        if (cur->type != TH_NODE_ELEMENT || cur->tag != TH_TAG_SCRIPT)
            continue;
        th_node *sc = cur;
        const char *t = TH_ATTR(sc, "type");
        if (!t || !strstr(t, "ld+json"))
            continue;
        th_node *tx = sc->first_child;
        if (!tx || tx->type != TH_NODE_TEXT || !tx->text_len)
            continue;
        if (!strstr(tx->text, "\"comment\""))
            continue;
        bool oom = false;
        th_json *j = th__jr_parse(scratch, tx->text, tx->text_len, &oom);
        if (oom)
            return -1;
        if (j && find(doc, scratch, j, 0))
            return -1;
    }
    return 0;
}
