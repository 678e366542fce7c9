/*
 * doc.c -- the document model: construction helpers for stages and the
 * public accessors (see doc.h and thresh.h).
 */
#include "doc.h"

#include <string.h>

#include "mem.h"
#include "utf8.h"

static const char *const g_labels[] = {
    "BLANK", "TITLE", "BYLINE", "BODY", "CAPTION",
    "RELATED", "BOILER", "COMMENT_AUTHOR", "COMMENT"};

const char *th__label_name(th_label label)
{
    if ((unsigned)label < sizeof g_labels / sizeof g_labels[0])
        return g_labels[label];
    return "BOILER";
}

th_doc *th__doc_new(void)
{
    th_doc *doc = th__calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    th__arena_init(&doc->arena);
    return doc;
}

void th_doc_free(th_doc *doc)
{
    if (!doc)
        return;
    th__arena_cleanup(&doc->arena);
    th__free(doc);
}

/* th__doc_str, with the length of the result in *outlen. */
static const char *doc_strn(th_doc *doc, const char *s, size_t len,
                            bool null_if_empty, size_t *outlen)
{
    *outlen = 0;
    if (!s)
        return NULL;
    size_t n;
    char *p = th__utf8_repair(&doc->arena, s, len, &n);
    if (!p) {
        doc->oom = true;
        return NULL;
    }
    n = th__collapse_space(p, n);
    *outlen = n;
    if (n == 0 && null_if_empty)
        return NULL;
    return p;
}

const char *th__doc_str(th_doc *doc, const char *s, size_t len,
                        bool null_if_empty)
{
    size_t n;
    return doc_strn(doc, s, len, null_if_empty, &n);
}

#define GROW(doc, arr, n, cap)                                              \
    (th__arena_grow(&(doc)->arena, (void **)&(doc)->arr, (doc)->n,          \
                    &(doc)->cap, sizeof((doc)->arr[0])) == 0                \
         ? 0                                                                \
         : ((doc)->oom = true, -1))

int th__doc_add_block(th_doc *doc, th_block_kind kind, int level,
                      bool ordered, const char *text, size_t len,
                      const char *md, size_t md_len)
{
    const char *t;
    size_t tl;
    if (kind == TH_BLOCK_PRE) {
        char *p = th__utf8_repair(&doc->arena, text, len, &tl);
        if (!p) {
            doc->oom = true;
            return -1;
        }
        /* Trim leading and trailing blank lines only. */
        while (tl && (p[tl - 1] == '\n' || p[tl - 1] == ' ' ||
                      p[tl - 1] == '\r' || p[tl - 1] == '\t'))
            p[--tl] = '\0';
        while (*p == '\n' || *p == '\r') {
            p++;
            tl--;
        }
        t = p;
    } else {
        t = doc_strn(doc, text, len, true, &tl);
        if (!t)
            return doc->oom ? -1 : 0;
    }
    if (tl == 0)
        return 0;
    const char *m = NULL;
    size_t ml = 0;
    if (md && md_len) {
        m = kind == TH_BLOCK_PRE ? th__utf8_repair(&doc->arena, md, md_len, &ml)
                                 : th__doc_str(doc, md, md_len, true);
        if (!m && doc->oom)
            return -1;
        if (m && kind != TH_BLOCK_PRE)
            ml = strlen(m);
    }
    if (GROW(doc, blocks, nblocks, cap_blocks))
        return -1;
    th_block *b = &doc->blocks[doc->nblocks++];
    b->kind = kind;
    b->level = level;
    b->ordered = ordered;
    b->text = t;
    b->len = tl;
    b->md = m;
    b->md_len = ml;
    return 0;
}

int th__doc_add_caption(th_doc *doc, const char *text, size_t len)
{
    const char *t = th__doc_str(doc, text, len, true);
    if (!t)
        return doc->oom ? -1 : 0;
    if (GROW(doc, captions, ncaptions, cap_captions))
        return -1;
    doc->captions[doc->ncaptions++] = t;
    return 0;
}

int th__doc_add_related(th_doc *doc, const char *text, size_t len,
                        const char *url)
{
    const char *t = th__doc_str(doc, text, len, true);
    if (!t)
        return doc->oom ? -1 : 0;
    const char *u = url ? th__doc_str(doc, url, strlen(url), true) : NULL;
    if (GROW(doc, related, nrelated, cap_related))
        return -1;
    doc->related[doc->nrelated].text = t;
    doc->related[doc->nrelated].url = u;
    doc->nrelated++;
    return 0;
}

int th__doc_add_author(th_doc *doc, const char *name, size_t len)
{
    const char *t = th__doc_str(doc, name, len, true);
    if (!t)
        return doc->oom ? -1 : 0;
    for (size_t i = 0; i < doc->nauthors; i++)
        if (strcmp(doc->authors[i], t) == 0)
            return 0;
    if (GROW(doc, authors, nauthors, cap_authors))
        return -1;
    doc->authors[doc->nauthors++] = t;
    return 0;
}

static const char *dup_opt(th_doc *doc, const char *s)
{
    if (!s)
        return NULL;
    return th__doc_str(doc, s, strlen(s), true);
}

long th__doc_add_comment(th_doc *doc, const th_comment *c)
{
    if (GROW(doc, comments, ncomments, cap_comments))
        return -1;
    th_comment *d = &doc->comments[doc->ncomments];
    *d = *c;
    d->id = dup_opt(doc, c->id);
    d->author = dup_opt(doc, c->author);
    d->date = dup_opt(doc, c->date);
    /* Comment text keeps its paragraph breaks: repair, do not collapse. */
    if (c->text) {
        size_t n;
        d->text = th__utf8_repair(&doc->arena, c->text, strlen(c->text), &n);
        if (!d->text)
            doc->oom = true;
    }
    if (doc->oom)
        return -1;
    return (long)doc->ncomments++;
}

/* ---- public accessors ---- */

const char *th_doc_title(const th_doc *doc) { return doc ? doc->title : NULL; }
const char *th_doc_byline(const th_doc *doc) { return doc ? doc->byline : NULL; }
const char *th_doc_date(const th_doc *doc) { return doc ? doc->date : NULL; }
const char *th_doc_site(const th_doc *doc) { return doc ? doc->site : NULL; }
const char *th_doc_url(const th_doc *doc) { return doc ? doc->url : NULL; }
const char *th_doc_lang(const th_doc *doc) { return doc ? doc->lang : NULL; }
size_t th_doc_block_count(const th_doc *doc) { return doc ? doc->nblocks : 0; }
size_t th_doc_comment_count(const th_doc *doc) { return doc ? doc->ncomments : 0; }

const char *th_doc_block(const th_doc *doc, size_t i, th_block_kind *kind,
                         int *level)
{
    if (!doc || i >= doc->nblocks)
        return NULL;
    if (kind)
        *kind = doc->blocks[i].kind;
    if (level)
        *level = doc->blocks[i].level;
    return doc->blocks[i].text;
}
