/*
 * extract_emit.c -- writes the chosen article subtrees into the document
 * as ordered blocks (paragraph, heading with level, list item with depth,
 * quote, pre, table row), each with its inline-Markdown form (links as
 * [text](url), *emphasis*, **strong**), plus image captions and related
 * links.  Block-level elements start and end blocks; inline elements and
 * text join the current block.  The walk is iterative (parent links), so
 * depth costs nothing; open-element state is kept in counters.
 */
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "extract_int.h"
#include "utf8.h"

#define XF_CAPTION 0x4000u
#define MAX_MARKS 32
#define BLOCK_CAP ((size_t)64 << 20)

enum { MK_LINK = 1, MK_EM, MK_STRONG };

typedef struct mark {
    size_t pos;       /* offset of the opener in md, SIZE_MAX if void */
    int type;
    const th_node *el;
} mark;

typedef struct em {
    th_doc *doc;
    th_buf text, md;
    bool special;        /* md differs from escaped text */
    int pre, heading, hlevel, li, quote, dtable, trow, cells;
    int lists;           /* open ul/ol */
    uint64_t ordered;    /* bit d: list at depth d is ordered */
    mark marks[MAX_MARKS];
    int nmarks;
    const char *title;
    bool body_seen;      /* a paragraph was emitted */
    size_t last_heading; /* block index of the latest heading */
    uint32_t btext, blink; /* chars of the current block, in links */
    uint8_t *dense;      /* per emitted block: mostly link text */
    size_t ndense, capdense;
    bool skipped;        /* text was skipped since that heading */
    const char *base;
    int err;
} em;

/* ------------------------------------------------------- URLs --------- */

static bool has_scheme(const char *u)
{
    for (const char *p = u; *p; p++) {
        char c = *p;
        if (c == ':')
            return p > u;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'))
            return false;
    }
    return false;
}

/* Appends href resolved against base, with characters that would break a
 * Markdown link destination percent-encoded. */
static void put_url(th_buf *b, const char *href, const char *base)
{
    while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
        href++;
    const char *pre = NULL;
    size_t prelen = 0;
    if (base && !has_scheme(href)) {
        const char *sch = strstr(base, "://");
        if (sch) {
            const char *host_end = strchr(sch + 3, '/');
            size_t hl = host_end ? (size_t)(host_end - base) : strlen(base);
            if (href[0] == '/' && href[1] == '/') {
                pre = base;
                prelen = (size_t)(sch - base) + 1; /* "https:" */
            } else if (href[0] == '/') {
                pre = base;
                prelen = hl;
            } else if (href[0] == '?' || href[0] == '#') {
                const char *q = strpbrk(base + hl, href[0] == '?' ? "?#" : "#");
                pre = base;
                prelen = q ? (size_t)(q - base) : strlen(base);
            } else {
                const char *q = strpbrk(base + hl, "?#");
                size_t lim = q ? (size_t)(q - base) : strlen(base);
                size_t slash = hl;
                for (size_t i = hl; i < lim; i++)
                    if (base[i] == '/')
                        slash = i + 1;
                pre = base;
                prelen = slash;
                if (slash == hl) {
                    th__buf_append(b, base, hl);
                    th__buf_putc(b, '/');
                    pre = NULL;
                }
            }
        }
    }
    if (pre)
        th__buf_append(b, pre, prelen);
    for (const char *p = href; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == ' ' || c == '(' || c == ')' || c == '<' || c == '>' ||
            c == '\n' || c == '\r' || c == '\t' || c == '"' || c == '\\') {
            if (c == '\n' || c == '\r' || c == '\t')
                continue;
            static const char hex[] = "0123456789ABCDEF";
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            th__buf_append(b, e, 3);
        } else {
            th__buf_putc(b, (char)c);
        }
    }
}

static bool usable_href(const char *h)
{
    if (!h)
        return false;
    while (*h == ' ' || *h == '\t' || *h == '\n')
        h++;
    if (!*h || *h == '#')
        return false;
    static const char *const bad[] = {"javascript:", "mailto:", "data:", "tel:"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t l = strlen(bad[i]), k = 0;
        while (k < l && h[k] && (h[k] | 0x20) == bad[i][k])
            k++;
        if (k == l && strcmp(bad[i], "mailto:") != 0)
            return false;
    }
    return true;
}

/* ---------------------------------------------------- text and md ----- */

/* How much of s[0..len) fits under b's cap, cut at a UTF-8 boundary: a
 * block longer than BLOCK_CAP is kept truncated, never dropped. */
static size_t fit(const th_buf *b, const char *s, size_t len)
{
    size_t room = b->max > b->len + 16 ? b->max - b->len - 16 : 0;
    if (len <= room)
        return len;
    while (room && ((unsigned char)s[room] & 0xC0) == 0x80)
        room--;
    return room;
}

static void md_text(em *e, const char *s, size_t len)
{
    /* Escapes at most double the text; past the cap the block has no
     * Markdown form (flush falls back to the text). */
    size_t room = e->md.max - e->md.len;
    if (e->md.err || room < 64 || len > room / 2 - 16) {
        e->md.err = TH_ETOOBIG;
        return;
    }
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' ||
            c == ']' || c == '<') {
            if (i > run)
                th__buf_append(&e->md, s + run, i - run);
            th__buf_putc(&e->md, '\\');
            run = i;
            e->special = true;
        }
    }
    if (len > run)
        th__buf_append(&e->md, s + run, len - run);
}

static bool all_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!th__is_space((unsigned char)s[i]))
            return false;
    return true;
}

static bool only_space_or_empty(const th_buf *b)
{
    return b->len == 0 || all_space(b->data, b->len);
}

static size_t opener_len(int type) { return type == MK_STRONG ? 2 : 1; }

/* Deletes md[pos..pos+n). */
static void md_delete(em *e, size_t pos, size_t n)
{
    memmove(e->md.data + pos, e->md.data + pos + n, e->md.len - pos - n);
    e->md.len -= n;
    e->md.data[e->md.len] = '\0';
}

static void open_mark(em *e, int type, const th_node *el)
{
    if (e->pre || e->nmarks >= MAX_MARKS) {
        if (e->nmarks < MAX_MARKS)
            e->marks[e->nmarks++] = (mark){SIZE_MAX, type, el};
        return;
    }
    /* Inside an open link, nested emphasis stays plain. */
    for (int i = 0; i < e->nmarks; i++)
        if (e->marks[i].type == type && e->marks[i].pos != SIZE_MAX) {
            e->marks[e->nmarks++] = (mark){SIZE_MAX, type, el};
            return;
        }
    mark m = {e->md.len, type, el};
    th__buf_puts(&e->md, type == MK_LINK ? "[" : type == MK_EM ? "*" : "**");
    e->marks[e->nmarks++] = m;
}

static void close_mark(em *e, const th_node *el)
{
    if (e->nmarks == 0 || e->marks[e->nmarks - 1].el != el)
        return;
    mark m = e->marks[--e->nmarks];
    if (m.pos == SIZE_MAX || m.pos > e->md.len)
        return;
    size_t ol = opener_len(m.type);
    size_t cs = m.pos + ol;
    if (cs > e->md.len)
        return;
    if (all_space(e->md.data + cs, e->md.len - cs)) {
        md_delete(e, m.pos, ol);
        return;
    }
    /* Leading whitespace goes before the opener. */
    size_t lead = 0;
    while (cs + lead < e->md.len && th__is_space((unsigned char)e->md.data[cs + lead]))
        lead++;
    if (lead) {
        char op[2] = {e->md.data[m.pos], e->md.data[m.pos + ol - 1]};
        memset(e->md.data + m.pos, ' ', lead);
        memcpy(e->md.data + m.pos + lead, op, ol);
    }
    /* Trailing whitespace goes after the closer. */
    size_t trail = 0;
    while (e->md.len > cs + trail &&
           th__is_space((unsigned char)e->md.data[e->md.len - 1 - trail]))
        trail++;
    e->md.len -= trail;
    if (m.type == MK_LINK) {
        th__buf_puts(&e->md, "](");
        put_url(&e->md, TH_ATTR(el, "href"), e->base);
        th__buf_putc(&e->md, ')');
    } else {
        th__buf_puts(&e->md, m.type == MK_EM ? "*" : "**");
    }
    if (trail)
        th__buf_putc(&e->md, ' ');
    e->special = true;
}

/* A block boundary inside an open inline element: drop its opener. */
static void void_open_marks(em *e)
{
    for (int i = e->nmarks - 1; i >= 0; i--) {
        mark *m = &e->marks[i];
        if (m->pos != SIZE_MAX && m->pos + opener_len(m->type) <= e->md.len)
            md_delete(e, m->pos, opener_len(m->type));
        m->pos = SIZE_MAX;
    }
}

/* ------------------------------------------------------ blocks -------- */

static bool similar_title(const char *title, const char *h, size_t hl)
{
    if (!title || hl < 8)
        return false;
    size_t tl = strlen(title);
    if (hl > tl)
        return false;
    /* The heading is the title, or a prefix/part of "Title - Site". */
    for (size_t i = 0; i + hl <= tl; i++)
        if (memcmp(title + i, h, hl) == 0)
            return hl * 2 >= tl || i == 0;
    return false;
}

/* Teaser and widget phrases that open a short block ("Read more: ...",
 * "Lesen Sie auch", "Lea también", "À lire aussi", "Czytaj też"): such a
 * block points elsewhere.  `lead` phrases drop a block under 200 bytes that
 * starts with them; `whole` phrases only a block that is little more than
 * the phrase (they also begin ordinary sentences). */
static const char *const g_lead[] = {
    "read more", "read also", "also read", "see also", "related:",
    "related coverage", "related articles", "related stories", "more:",
    "you may also like", "you might also like", "recommended:",
    "lesen sie auch", "lesen sie mehr", "lesen sie hier", "lies auch",
    "mehr zum thema", "mehr themen", "auch interessant",
    "das k\xc3\xb6nnte sie auch interessieren",
    "das k\xc3\xb6nnte dich auch interessieren", "siehe auch:",
    "zum weiterlesen", "weiterlesen", "passend zum thema",
    "lea tambi\xc3\xa9n", "lea m\xc3\xa1s", "lea:", "lee tambi\xc3\xa9n",
    "lee m\xc3\xa1s", "leer m\xc3\xa1s", "ver tambi\xc3\xa9n", "mire:",
    "puedes ver", "te puede interesar", "tambi\xc3\xa9n te puede interesar",
    "temas relacionados", "noticias relacionadas", "\xc3\xa0 lire aussi",
    "\xc3\x80 lire aussi", "a lire aussi", "lire aussi", "voir aussi",
    "czytaj te\xc5\xbc", "czytaj tak\xc5\xbc" "e", "czytaj wi\xc4\x99" "cej",
    "zobacz te\xc5\xbc", "zobacz tak\xc5\xbc" "e", "leggi anche",
    "anzeige -", "anzeige:", "anzeige,", "werbung:", "advertisement:",
    "lust auf mehr", "mehr interessantes", "kommentar schreiben",
    "kommentare schreiben", "artikel teilen", "diesen artikel teilen",
    "m\xc3\xb6" "chten sie den artikel teilen", "subscribe now", "never miss",
    "nos siga", "s\xc3\xad" "guenos", "suscr\xc3\xad" "bete", "lesezeit",
    "lesedauer", "reading time", "czytasz w\xc5\x82" "a\xc5\x9b" "nie",
};
static const char *const g_whole[] = {
    "advertisement", "anzeige", "- anzeige -", "-anzeige-", "- anzeige-",
    "werbung", "publicidad", "publicit\xc3\xa9", "reklama", "zur\xc3\xbc" "ck",
    "teilen", "share", "share this", "share this article", "drukuj", "print",
    "tweet", "polecamy", "kommentare", "comments", "newsletter",
    "inhaltsverzeichnis", "table of contents", "contents", "quellen ausblenden",
};

static bool starts_ci(const char *s, size_t n, const char *lit, size_t *ll)
{
    size_t l = strlen(lit);
    if (n < l)
        return false;
    for (size_t i = 0; i < l; i++) {
        unsigned char a = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (a != (unsigned char)lit[i])
            return false;
    }
    /* A phrase ends at a word boundary. */
    if (l < n) {
        unsigned char c = (unsigned char)s[l];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80)
            return false;
    }
    *ll = l;
    return true;
}

/* A short line that is only a date, a time or a reading time
 * ("23.10.2018", "6. Mai 2014", "19:49", "5 min read"). */
static bool date_line(const char *s, size_t n)
{
    if (n > 32)
        return false;
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digits++;
        else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0)
            letters++;
    }
    if (digits >= 4 && letters <= 12)
        return true;
    if (digits >= 1 && digits <= 3 && n >= 8) {
        const char *tail = s + n - 8;
        size_t ll;
        if (starts_ci(tail, 8, "min read", &ll))
            return true;
    }
    return false;
}

static inline unsigned char lower1(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static bool boiler_phrase(const char *s, size_t n)
{
    size_t ll;
    if (!n || date_line(s, n))
        return n != 0;
    unsigned char c0 = lower1((unsigned char)s[0]);
    if (n < 200)
        for (size_t i = 0; i < sizeof g_lead / sizeof g_lead[0]; i++)
            if ((unsigned char)g_lead[i][0] == c0 && starts_ci(s, n, g_lead[i], &ll))
                return true;
    if (n < 60)
        for (size_t i = 0; i < sizeof g_whole / sizeof g_whole[0]; i++)
            if ((unsigned char)g_whole[i][0] == c0 && starts_ci(s, n, g_whole[i], &ll) &&
                n <= ll + 3)
                return true;
    return false;
}

static void flush(em *e)
{
    if (e->err)
        return;
    void_open_marks(e);
    if (only_space_or_empty(&e->text)) {
        th__buf_clear(&e->text);
        th__buf_clear(&e->md);
        e->special = false;
        e->btext = e->blink = 0;
        return;
    }
    th_block_kind kind = TH_BLOCK_PARAGRAPH;
    int level = 0;
    bool ordered = false;
    if (e->pre) {
        kind = TH_BLOCK_PRE;
    } else if (e->heading) {
        kind = TH_BLOCK_HEADING;
        level = e->hlevel;
    } else if (e->trow) {
        kind = TH_BLOCK_TABLE;
    } else if (e->li) {
        kind = TH_BLOCK_LIST_ITEM;
        level = e->lists > 0 ? e->lists : 1;
        ordered = e->lists > 0 && e->lists <= 64 &&
                  ((e->ordered >> (e->lists - 1)) & 1);
    } else if (e->quote) {
        kind = TH_BLOCK_QUOTE;
    }
    bool drop = false;
    if (kind != TH_BLOCK_PRE && kind != TH_BLOCK_TABLE) {
        /* Collapse the text's start to compare it with the title and
         * the teaser phrases. */
        bool first_head = kind == TH_BLOCK_HEADING && !e->body_seen;
        char tmp[512];
        size_t n = 0;
        if (first_head || e->text.len < 400) {
            n = e->text.len < sizeof tmp - 1 ? e->text.len : sizeof tmp - 1;
            memcpy(tmp, e->text.data, n);
            n = th__collapse_space(tmp, n);
        }
        if (first_head)
            drop = similar_title(e->title, tmp, n);
        if (!drop && e->text.len < 400 && boiler_phrase(tmp, n)) {
            drop = true;
            e->skipped = true;
        }
    }
    if (!drop) {
        /* A line start that would read as Markdown block syntax. */
        if (e->special && kind != TH_BLOCK_PRE) {
            size_t i = 0;
            while (i < e->md.len && th__is_space((unsigned char)e->md.data[i]))
                i++;
            char c0 = i < e->md.len ? e->md.data[i] : 0;
            if (c0 == '#' || c0 == '>' || c0 == '-' || c0 == '+' || c0 == '=' ||
                c0 == '|') {
                th__buf_putc(&e->md, ' ');
                memmove(e->md.data + i + 1, e->md.data + i, e->md.len - i - 1);
                e->md.data[i] = '\\';
            }
        }
        /* Over the cap (TH_ETOOBIG) the text stays truncated and the
         * Markdown form falls back to it; only ENOMEM fails. */
        bool want_md = e->special && kind != TH_BLOCK_PRE && !e->md.err;
        if (e->md.err == TH_ENOMEM || e->text.err == TH_ENOMEM) {
            e->err = -1;
            return;
        }
        /* A heading whose section was all furniture heads nothing. */
        if (kind == TH_BLOCK_HEADING && e->last_heading != SIZE_MAX &&
            e->last_heading + 1 == e->doc->nblocks && e->skipped &&
            e->doc->blocks[e->last_heading].level >= level)
            e->doc->nblocks--;
        if (th__doc_add_block(e->doc, kind, level, ordered, e->text.data,
                              e->text.len, want_md ? e->md.data : NULL,
                              want_md ? e->md.len : 0)) {
            e->err = -1;
            return;
        }
        if (e->ndense == e->capdense) {
            size_t nc = e->capdense ? 2 * e->capdense : 64;
            uint8_t *nd = th__realloc(e->dense, nc);
            if (!nd) {
                e->err = -1;
                return;
            }
            e->dense = nd;
            e->capdense = nc;
        }
        e->dense[e->ndense++] = e->blink * 2 > e->btext;
        if (kind != TH_BLOCK_HEADING) {
            e->body_seen = true;
        } else {
            e->last_heading = e->doc->nblocks - 1;
            e->skipped = false;
        }
    }
    th__buf_clear(&e->text);
    th__buf_clear(&e->md);
    e->special = false;
    e->btext = e->blink = 0;
}

static int heading_level(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_H1: return 1;
    case TH_TAG_H2: return 2;
    case TH_TAG_H3: return 3;
    case TH_TAG_H4: return 4;
    case TH_TAG_H5: return 5;
    case TH_TAG_H6: return 6;
    default: return 0;
    }
}

static bool in_data_table_cell(const em *e, const th_node *n)
{
    return e->dtable > 0 &&
           (n->tag == TH_TAG_TD || n->tag == TH_TAG_TH || n->tag == TH_TAG_TBODY ||
            n->tag == TH_TAG_THEAD || n->tag == TH_TAG_TFOOT);
}

/* Returns true when the walk should enter n's children. */
static bool enter(em *e, th_node *n)
{
    if (n->type == TH_NODE_TEXT) {
        xinfo *x = XI(n);
        if (x && (x->f & XF_SKIPTXT))
            return false;
        th__buf_append(&e->text, n->text, fit(&e->text, n->text, n->text_len));
        if (x) {
            e->btext += x->raw;
            if (x->f & XF_INLINK)
                e->blink += x->raw;
        }
        if (!e->pre)
            md_text(e, n->text, n->text_len);
        return false;
    }
    if (n->type != TH_NODE_ELEMENT)
        return false;
    xinfo *x = XI(n);
    if (x->f & (XF_JUNK | XF_DROP)) {
        if (x->raw && !(x->f & XF_MHIDDEN))
            e->skipped = true;
        return false;
    }
    if (x->f & XF_CAPTION) {
        if (th__xemit_caption(e->doc, n))
            e->err = -1;
        return false;
    }
    if (x->f & XF_SKIPTXT)
        return false;
    switch (n->tag) {
    case TH_TAG_BR:
        th__buf_putc(&e->text, '\n');
        th__buf_putc(&e->md, '\n');
        return false;
    case TH_TAG_IMG: case TH_TAG_WBR: case TH_TAG_HR:
        if (n->tag == TH_TAG_HR)
            flush(e);
        return false;
    case TH_TAG_A:
        if (usable_href(TH_ATTR(n, "href")))
            open_mark(e, MK_LINK, n);
        return true;
    case TH_TAG_EM: case TH_TAG_I:
        open_mark(e, MK_EM, n);
        return true;
    case TH_TAG_STRONG: case TH_TAG_B:
        open_mark(e, MK_STRONG, n);
        return true;
    default:
        break;
    }
    if (in_data_table_cell(e, n)) {
        if ((n->tag == TH_TAG_TD || n->tag == TH_TAG_TH) && e->trow) {
            if (e->cells++ && !only_space_or_empty(&e->text)) {
                th__buf_putc(&e->text, ' ');
                th__buf_puts(&e->md, " | ");
                e->special = true;
            }
        }
        return true;
    }
    if (!(x->f & XF_BLOCK))
        return true;
    flush(e);
    int hl = heading_level(n);
    if (hl) {
        e->heading++;
        e->hlevel = hl;
    }
    switch (n->tag) {
    case TH_TAG_LI: e->li++; break;
    case TH_TAG_UL: case TH_TAG_OL:
        e->lists++;
        if (e->lists <= 64) {
            uint64_t bit = (uint64_t)1 << (e->lists - 1);
            if (n->tag == TH_TAG_OL)
                e->ordered |= bit;
            else
                e->ordered &= ~bit;
        }
        break;
    case TH_TAG_BLOCKQUOTE: e->quote++; break;
    case TH_TAG_PRE: case TH_TAG_LISTING: case TH_TAG_XMP: e->pre++; break;
    case TH_TAG_TABLE:
        if (x->f & XF_DATATABLE)
            e->dtable++;
        break;
    case TH_TAG_TR:
        if (e->dtable) {
            e->trow++;
            e->cells = 0;
        }
        break;
    default: break;
    }
    return true;
}

static void leave(em *e, th_node *n)
{
    if (n->type != TH_NODE_ELEMENT)
        return;
    switch (n->tag) {
    case TH_TAG_A: case TH_TAG_EM: case TH_TAG_I: case TH_TAG_STRONG:
    case TH_TAG_B:
        close_mark(e, n);
        return;
    default: break;
    }
    xinfo *x = XI(n);
    if (in_data_table_cell(e, n) || !(x->f & XF_BLOCK))
        return;
    flush(e);
    if (heading_level(n) && e->heading)
        e->heading--;
    switch (n->tag) {
    case TH_TAG_LI: if (e->li) e->li--; break;
    case TH_TAG_UL: case TH_TAG_OL: if (e->lists) e->lists--; break;
    case TH_TAG_BLOCKQUOTE: if (e->quote) e->quote--; break;
    case TH_TAG_PRE: case TH_TAG_LISTING: case TH_TAG_XMP:
        if (e->pre) e->pre--;
        break;
    case TH_TAG_TABLE:
        if ((x->f & XF_DATATABLE) && e->dtable)
            e->dtable--;
        break;
    case TH_TAG_TR: if (e->dtable && e->trow) e->trow--; break;
    default: break;
    }
}

static void walk(em *e, th_node *root)
{
    th_node *n = root;
    while (n && !e->err) {
        bool in = enter(e, n);
        if (in && n->first_child) {
            n = n->first_child;
            continue;
        }
        if (in)
            leave(e, n);
        for (;;) {
            if (n == root) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            leave(e, n);
        }
    }
}

/* A short line ending without a sentence's punctuation: "aja/PAP",
 * "Source:", "[Editor: X]".  Lines ending in a non-ASCII character are
 * never labels (a CJK sentence fits in a few bytes). */
static bool trailing_label(const char *s, size_t len)
{
    if (!s || len == 0 || len >= 30)
        return false;
    unsigned char last = (unsigned char)s[len - 1];
    return last < 0x80 && !strchr(".!?)\"'", last);
}

int th__xemit(th_doc *doc, th_node *const *roots, size_t nroots,
              const char *title, const char *base_url)
{
    size_t first = doc->nblocks;
    em e;
    memset(&e, 0, sizeof e);
    e.last_heading = SIZE_MAX;
    e.doc = doc;
    e.title = title;
    e.base = base_url;
    th__buf_init(&e.text, BLOCK_CAP);
    th__buf_init(&e.md, BLOCK_CAP);
    for (size_t r = 0; r < nroots && !e.err; r++) {
        /* Open block context of the root's ancestors (a root inside a
         * list or quote keeps its kind). */
        walk(&e, roots[r]);
        flush(&e);
        e.pre = e.heading = e.li = e.quote = e.dtable = e.trow = 0;
        e.lists = 0;
        e.nmarks = 0;
    }
    int err = e.err || e.text.err || e.md.err;
    if (!err && e.last_heading != SIZE_MAX && e.last_heading + 1 == doc->nblocks &&
        e.skipped && e.last_heading >= first)
        doc->nblocks--;
    /* Trailing teasers: link-only paragraphs and headings after the text;
     * after a long article, also the short fragments that end it without
     * making a sentence (agency initials, "Source:", a signature). */
    if (!err) {
        size_t n = doc->nblocks;
        bool cut = e.skipped;
        size_t total = 0;
        for (size_t q = first; q < n; q++)
            total += doc->blocks[q].len;
        while (n > first + 1) {
            th_block *b = &doc->blocks[n - 1];
            size_t k = n - 1 - first;
            bool dense = k < e.ndense && e.dense[k];
            total -= b->len;
            if ((b->kind == TH_BLOCK_PARAGRAPH &&
                 (dense || (total >= 1000 && trailing_label(b->text, b->len)))) ||
                (b->kind == TH_BLOCK_HEADING && cut)) {
                n--;
                cut = true;
            } else {
                break;
            }
        }
        doc->nblocks = n;
    }
    th__free(e.dense);
    th__buf_cleanup(&e.text);
    th__buf_cleanup(&e.md);
    return err ? -1 : 0;
}

/* Visible text of subtree n (skipping junk parts) into b. */
static void subtree_text(th_buf *b, th_node *root)
{
    for (th_node *n = root; n;) {
        bool skip = false;
        if (n->type == TH_NODE_TEXT) {
            xinfo *x = XI(n);
            if (!x || !(x->f & XF_SKIPTXT))
                th__buf_append(b, n->text, n->text_len);
        } else if (n->type == TH_NODE_ELEMENT && n != root) {
            xinfo *x = XI(n);
            if (x && (x->f & (XF_JUNK | XF_SKIPTXT | XF_TAGJUNK)))
                skip = true;
            else if (th__x_is_block(n) || n->tag == TH_TAG_BR)
                th__buf_putc(b, ' ');
        }
        n = th__dom_next(root, n, skip);
    }
}

int th__xemit_caption(th_doc *doc, th_node *n)
{
    th_buf b;
    th__buf_init(&b, BLOCK_CAP);
    subtree_text(&b, n);
    int r = 0;
    if (b.err)
        r = -1;
    else if (b.len && !all_space(b.data, b.len)) {
        /* The same caption twice (responsive duplicates) is kept once. */
        const char *t = th__doc_str(doc, b.data, b.len, true);
        bool dup = false;
        if (t)
            for (size_t i = 0; i < doc->ncaptions && !dup; i++)
                dup = strcmp(doc->captions[i], t) == 0;
        if (!t && doc->oom)
            r = -1;
        else if (t && !dup)
            r = th__doc_add_caption(doc, t, strlen(t));
    }
    th__buf_cleanup(&b);
    return r;
}

int th__xemit_related(th_doc *doc, th_node *root, size_t minlen,
                      const char *base_url, size_t max_total)
{
    th_buf t, u;
    th__buf_init(&t, BLOCK_CAP);
    th__buf_init(&u, 1 << 16);
    int r = 0;
    for (th_node *n = root; n && doc->nrelated < max_total;) {
        bool skip = false;
        if (n->type == TH_NODE_ELEMENT && n->tag == TH_TAG_A) {
            skip = true;
            const char *href = TH_ATTR(n, "href");
            if (usable_href(href)) {
                th__buf_clear(&t);
                subtree_text(&t, n);
                if (t.err) {
                    r = -1;
                    break;
                }
                size_t cl = t.len ? th__collapse_space(t.data, t.len) : 0;
                t.len = cl;
                uint32_t chars = th__x_textlen(t.data, cl, NULL);
                if (chars >= minlen) {
                    th__buf_clear(&u);
                    put_url(&u, href, base_url);
                    bool dup = false;
                    for (size_t i = 0; i < doc->nrelated && !dup; i++)
                        dup = doc->related[i].url && u.data &&
                              strcmp(doc->related[i].url, u.data) == 0;
                    if (u.err) {
                        r = -1;
                        break;
                    }
                    if (!dup && th__doc_add_related(doc, t.data, cl, u.data)) {
                        r = -1;
                        break;
                    }
                }
            }
        }
        n = th__dom_next(root, n, skip);
    }
    th__buf_cleanup(&t);
    th__buf_cleanup(&u);
    return r;
}
