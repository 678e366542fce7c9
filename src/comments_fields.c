/*
 * comments_fields.c -- reading one comment's fields from its element:
 * author, date (to ISO 8601), votes, id and the text, with the comment's
 * own furniture (name, date line, avatar, "Reply"/"Antworten"/"Répondre",
 * "Report", "Like", vote widgets, moderation notices) kept out of the
 * text, and its replies left to their own entries.  Also the date parser.
 * All walks are iterative; memory is the dom's scratch arena and one
 * capped th_buf per comment.
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "comments_int.h"
#include "extract.h"
#include "utf8.h"

/* ------------------------------------------------------ small helpers -- */

static bool has(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m > n)
        return false;
    for (size_t i = 0; i + m <= n; i++)
        if (s[i] == lit[0] && memcmp(s + i, lit, m) == 0)
            return true;
    return false;
}

static bool ends(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    return m <= n && memcmp(s + n - m, lit, m) == 0;
}

static bool eq(const char *s, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static const char *attr(const th_node *el, const char *name)
{
    return th__dom_attr(el, name);
}

/* The lower-cased "class id" names of an element. */
typedef struct names {
    char buf[384];
    size_t len;
} names;

static void get_names(const th_node *el, names *nm)
{
    nm->len = el->nattrs ? cm__names(el, nm->buf, sizeof nm->buf) : 0;
    nm->buf[nm->len] = 0;
}

typedef struct ctok {
    const char *s;
    size_t n;
} ctok;

static size_t split(const names *nm, ctok *t, size_t max)
{
    size_t k = 0, i = 0;
    while (i < nm->len && k < max) {
        while (i < nm->len && nm->buf[i] == ' ')
            i++;
        size_t b = i;
        while (i < nm->len && nm->buf[i] != ' ')
            i++;
        if (i > b) {
            t[k].s = nm->buf + b;
            t[k].n = i - b;
            k++;
        }
    }
    return k;
}

/* for each token t (length tl) of nm; `continue` moves to the next one */
#define FOR_TOKENS(nm, t, tl)                                                  \
    ctok _tk[24];                                                              \
    size_t _nt = split((nm), _tk, 24);                                         \
    for (size_t _k = 0; _k < _nt; _k++)                                        \
        for (const char *t = _tk[_k].s, *_o = t; _o; _o = NULL)               \
            for (size_t tl = _tk[_k].n, _z = 1; _z; _z = 0)

/* ---------------------------------------------------- pointer set ----- */

typedef struct pset {
    const th_node **slot;
    size_t cap;
} pset;

static size_t phash(const void *p, size_t cap)
{
    uintptr_t v = (uintptr_t)p;
    v ^= v >> 17;
    v *= 0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 7) & (cap - 1);
}

static int pset_init(pset *ps, th_arena *a, size_t n)
{
    size_t cap = 16;
    while (cap < n * 2 + 2)
        cap <<= 1;
    ps->slot = th__arena_calloc(a, cap, sizeof *ps->slot);
    ps->cap = cap;
    return ps->slot ? 0 : -1;
}

static void pset_add(pset *ps, const th_node *n)
{
    size_t h = phash(n, ps->cap);
    while (ps->slot[h] && ps->slot[h] != n)
        h = (h + 1) & (ps->cap - 1);
    ps->slot[h] = n;
}

static bool pset_has(const pset *ps, const th_node *n)
{
    size_t h = phash(n, ps->cap);
    while (ps->slot[h]) {
        if (ps->slot[h] == n)
            return true;
        h = (h + 1) & (ps->cap - 1);
    }
    return false;
}

/* -------------------------------------------------- text of a subtree -- */

static bool skip_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_SCRIPT: case TH_TAG_STYLE: case TH_TAG_NOSCRIPT:
    case TH_TAG_TEMPLATE: case TH_TAG_SVG: case TH_TAG_MATH:
    case TH_TAG_BUTTON: case TH_TAG_FORM: case TH_TAG_INPUT:
    case TH_TAG_SELECT: case TH_TAG_TEXTAREA: case TH_TAG_IMG:
    case TH_TAG_IFRAME: case TH_TAG_OBJECT: case TH_TAG_PICTURE:
    case TH_TAG_VIDEO: case TH_TAG_AUDIO: case TH_TAG_HEAD:
    case TH_TAG_TITLE: case TH_TAG_LABEL: case TH_TAG_OPTION:
    case TH_TAG_CANVAS: case TH_TAG_EMBED:
        return true;
    default:
        return false;
    }
}

static bool block_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_P: case TH_TAG_DIV: case TH_TAG_LI: case TH_TAG_UL:
    case TH_TAG_OL: case TH_TAG_BLOCKQUOTE: case TH_TAG_H1: case TH_TAG_H2:
    case TH_TAG_H3: case TH_TAG_H4: case TH_TAG_H5: case TH_TAG_H6:
    case TH_TAG_PRE: case TH_TAG_TABLE: case TH_TAG_TR: case TH_TAG_DL:
    case TH_TAG_DT: case TH_TAG_DD: case TH_TAG_SECTION: case TH_TAG_ARTICLE:
    case TH_TAG_HEADER: case TH_TAG_FOOTER: case TH_TAG_ASIDE:
    case TH_TAG_FIGURE: case TH_TAG_FIGCAPTION: case TH_TAG_ADDRESS:
    case TH_TAG_HR: case TH_TAG_DETAILS: case TH_TAG_SUMMARY: case TH_TAG_NAV:
    case TH_TAG_MAIN: case TH_TAG_FIELDSET: case TH_TAG_CENTER:
        return true;
    default:
        return false;
    }
}

static bool hidden(const th_node *n)
{
    if (n->flags & TH_NF_HIDDEN)
        return true;
    if (attr(n, "hidden"))
        return true;
    const char *st = attr(n, "style");
    if (st) {
        char b[128];
        size_t k = 0;
        for (const char *p = st; *p && k + 1 < sizeof b; p++)
            if (*p != ' ')
                b[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
        b[k] = 0;
        if (strstr(b, "display:none") || strstr(b, "visibility:hidden"))
            return true;
    }
    return false;
}

/* Visible text bytes under n, counting stops past cap. */
static size_t text_len_capped(const th_node *top, size_t cap, bool *has_p)
{
    size_t k = 0;
    *has_p = false;
    for (const th_node *n = top; n;) {
        bool skip = false;
        if (n->type == TH_NODE_TEXT) {
            for (size_t i = 0; i < n->text_len; i++)
                k += !th__is_space((unsigned char)n->text[i]);
            if (k > cap)
                return k;
        } else if (n->type == TH_NODE_ELEMENT) {
            if (n != top && skip_tag(n))
                skip = true;
            if (n->tag == TH_TAG_P && n != top)
                *has_p = true;
        }
        n = th__dom_next(top, n, skip);
    }
    return k;
}

/* Appends normalised text of top's subtree to out (one line, spaces
 * collapsed), skipping `skip` elements. */
static void flat_text(th_buf *out, const th_node *top, size_t max)
{
    bool space = false;
    for (const th_node *n = top; n && out->len < max;) {
        bool skipc = false;
        if (n->type == TH_NODE_ELEMENT && n != top &&
            (skip_tag(n) || hidden(n)))
            skipc = true;
        else if (n->type == TH_NODE_ELEMENT && (block_tag(n) || n->tag == TH_TAG_BR))
            space = true;
        else if (n->type == TH_NODE_TEXT) {
            const char *s = n->text;
            size_t len = n->text_len;
            for (size_t i = 0; i < len;) {
                size_t sl = th__utf8_space_len(s + i, len - i);
                if (sl) {
                    space = true;
                    i += sl;
                    continue;
                }
                if (space && out->len)
                    th__buf_putc(out, ' ');
                space = false;
                th__buf_putc(out, s[i]);
                i++;
            }
        }
        n = th__dom_next(top, n, skipc);
    }
}

/* ------------------------------------------------------ control words -- */

static const char *const CONTROLS[] = {
    "reply", "antworten", "antwort", "répondre", "repondre", "responder",
    "responde", "rispondi", "odpowiedz", "odpowiedź", "beantworten",
    "report", "melden", "signaler", "denunciar", "zgłoś", "like", "likes",
    "unlike", "gefällt mir", "j'aime", "j’aime", "me gusta", "mi piace",
    "lubię to", "permalink", "edit", "bearbeiten", "modifier", "editar",
    "delete", "löschen", "supprimer", "eliminar", "share", "teilen",
    "partager", "compartir", "flag", "quote", "zitieren", "citer", "citar",
    "link", "upvote", "downvote", "reply ↓", "↓", "↑", "▲", "▼", "+", "-",
    "log in to reply", "login to reply", "zum antworten anmelden",
    "anmelden zum antworten", "connectez-vous pour répondre",
    "load more", "load more comments", "mehr laden", "show more",
    "mehr anzeigen", "weitere kommentare", "weitere kommentare laden",
    "older comments", "newer comments", "ältere kommentare",
    "neuere kommentare", "commentaires plus anciens",
    "commentaires plus récents", "view all comments", "notify of",
    "newest", "oldest", "most voted", "inline feedbacks", "read more",
    "weiterlesen", "lire la suite", "leer más", "show replies",
    "hide replies", "antworten anzeigen", "antworten ausblenden",
    "mostrar respuestas", "afficher les réponses", "vote", "votes",
    "abstimmen", "thumbs up", "thumbs down", "· reply", "· share", "·",
    "in reply to", "report abuse", "missbrauch melden", "collapse",
    "expand", NULL};

static bool control_text(const char *s, size_t n)
{
    while (n && (th__is_space((unsigned char)s[n - 1]) || s[n - 1] == ':' ||
                 s[n - 1] == '.'))
        n--;
    while (n && th__is_space((unsigned char)*s))
        s++, n--;
    if (n == 0 || n > 40)
        return false;
    char b[48];
    for (size_t i = 0; i < n; i++)
        b[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    b[n] = 0;
    /* "Reply to Anna", "Antworten auf ...", digits only ("12") */
    if (!strncmp(b, "reply to ", 9) || !strncmp(b, "antworten auf", 13) ||
        !strncmp(b, "répondre à", 11))
        return true;
    for (const char *const *p = CONTROLS; *p; p++)
        if (!strcmp(b, *p))
            return true;
    return false;
}

/* An element that is nothing but a control label ("Reply", "Like"). */
static bool control_element(const th_node *e)
{
    bool hp;
    if (text_len_capped(e, 40, &hp) > 40 || hp)
        return false;
    th_buf b;
    th__buf_init(&b, 256);
    flat_text(&b, e, 200);
    bool r = b.err == 0 && control_text(b.data ? b.data : "", b.len);
    th__buf_cleanup(&b);
    return r;
}

/* ----------------------------------------------------- token classes -- */

/* Comment furniture by class/id: removed from text when short. */
static bool furniture_names(const names *nm)
{
    static const char *const sub[] = {
        "author", "avatar", "meta", "date", "time", "reply", "report",
        "flag", "vote", "like", "share", "action", "permalink", "edit",
        "moderation", "awaiting", "says", "vcard", "username", "user-name",
        "nickname", "rating", "stars", "badge", "footer", "header", "toolbar",
        "button", "btn", "options", "tools", "count", "score", "points",
        "menu", "dropdown", "nav", "pagination", "load-more", "loadmore",
        "signature", "byline", "label", "subtitle", "controls", "icons",
        "follow", "subscribe", "notify", "sorting", "sort", "filter", NULL};
    FOR_TOKENS(nm, t, tl)
    {
        for (const char *const *p = sub; *p; p++)
            if (has(t, tl, *p))
                return true;
        if (eq(t, tl, "fn") || eq(t, tl, "name") || ends(t, tl, "-name") ||
            ends(t, tl, "_name") || eq(t, tl, "user"))
            return true;
    }
    return false;
}

/* 1 (best) .. 3 for an author element, 0: not one. */
static int author_score(const th_node *e, const names *nm)
{
    const char *ip = attr(e, "itemprop");
    if (ip && (!strcmp(ip, "author") || !strcmp(ip, "creator")))
        return 1;
    int best = 0;
    FOR_TOKENS(nm, t, tl)
    {
        int sc = 0;
        if (has(t, tl, "avatar") || has(t, tl, "says") || has(t, tl, "label") ||
            has(t, tl, "badge") || has(t, tl, "role") || has(t, tl, "link-") ||
            has(t, tl, "url") || has(t, tl, "image") || has(t, tl, "photo"))
            continue;
        if (eq(t, tl, "fn") || ends(t, tl, "-fn"))
            sc = 1;
        else if (has(t, tl, "author-name") || has(t, tl, "authorname") ||
                 has(t, tl, "author_name") || has(t, tl, "username") ||
                 has(t, tl, "user-name") || has(t, tl, "user_name") ||
                 has(t, tl, "nickname") || has(t, tl, "commenter") ||
                 has(t, tl, "commento-name") || eq(t, tl, "wpd-comment-author") ||
                 ends(t, tl, "-user") || has(t, tl, "user-link") ||
                 eq(t, tl, "wc-comment-author") || has(t, tl, "comment-author"))
            sc = has(t, tl, "comment-author") &&
                         !has(t, tl, "comment-author-name")
                     ? 3
                     : 2;
        else if (eq(t, tl, "author") || eq(t, tl, "name") || eq(t, tl, "user") ||
                 eq(t, tl, "autor") || eq(t, tl, "auteur") ||
                 eq(t, tl, "poster") || eq(t, tl, "byline") ||
                 ends(t, tl, "-author") || ends(t, tl, "_author") ||
                 ends(t, tl, "__author") || ends(t, tl, "-autor"))
            sc = 3;
        if (sc && (!best || sc < best))
            best = sc;
    }
    if (!best && e->tag == TH_TAG_CITE)
        best = 3;
    return best;
}

/* 1 (datetime attr) .. 2 (date-ish class), 0: not a date. */
static int date_score(const th_node *e, const names *nm)
{
    if (e->tag == TH_TAG_TIME)
        return attr(e, "datetime") ? 1 : 2;
    const char *ip = attr(e, "itemprop");
    if (ip && (!strcmp(ip, "dateCreated") || !strcmp(ip, "datePublished") ||
               !strcmp(ip, "commentTime") || !strcmp(ip, "uploadDate")))
        return 1;
    FOR_TOKENS(nm, t, tl)
    {
        if (has(t, tl, "update") || has(t, tl, "timeline"))
            continue;
        if (has(t, tl, "date") || has(t, tl, "time") || has(t, tl, "datum") ||
            has(t, tl, "stamp") ||
            has(t, tl, "published") || has(t, tl, "metadata") ||
            has(t, tl, "commentmeta") || eq(t, tl, "comment-meta"))
            return 2;
    }
    return 0;
}

static bool votes_el(const th_node *e, const names *nm, int *score)
{
    const char *ip = attr(e, "itemprop");
    if (ip && !strcmp(ip, "upvoteCount")) {
        *score = 1;
        return true;
    }
    FOR_TOKENS(nm, t, tl)
    {
        if (has(t, tl, "vote-result") || has(t, tl, "vote-count") ||
            has(t, tl, "votes-count") || has(t, tl, "like-count") ||
            has(t, tl, "likes-count") || has(t, tl, "commento-score") ||
            eq(t, tl, "votes") || eq(t, tl, "score") || eq(t, tl, "points") ||
            has(t, tl, "upvote-count") || eq(t, tl, "likes") ||
            eq(t, tl, "vote-score") || ends(t, tl, "-score") ||
            ends(t, tl, "-votes")) {
            *score = 2;
            return true;
        }
    }
    return false;
}

/* 0 (itemprop text) .. 3 (generic), -1: not a content element. */
static int content_score(const th_node *e, const names *nm)
{
    const char *ip = attr(e, "itemprop");
    if (ip && (!strcmp(ip, "text") || !strcmp(ip, "commentText") ||
               !strcmp(ip, "reviewBody") || !strcmp(ip, "description")))
        return 0;
    int best = -1;
    FOR_TOKENS(nm, t, tl)
    {
        int sc = -1;
        bool cw = has(t, tl, "comment") || has(t, tl, "komment") ||
                  has(t, tl, "post-") || has(t, tl, "isso") ||
                  has(t, tl, "wpd") || has(t, tl, "wc-");
        if (cw && (ends(t, tl, "content") || ends(t, tl, "text") ||
                   ends(t, tl, "texte") || ends(t, tl, "message") ||
                   ends(t, tl, "copy") || ends(t, tl, "story") ||
                   ends(t, tl, "body-text") || ends(t, tl, "entry") ||
                   ends(t, tl, "__body") || eq(t, tl, "commento-body")) &&
            !has(t, tl, "meta") && !has(t, tl, "author"))
            sc = 1;
        else if (cw && (ends(t, tl, "body") || ends(t, tl, "inner")))
            sc = 2;
        else if (eq(t, tl, "content") || eq(t, tl, "text") ||
                 eq(t, tl, "message") || eq(t, tl, "entry-content") ||
                 eq(t, tl, "body") || eq(t, tl, "text-content") ||
                 ends(t, tl, "-item-text") || ends(t, tl, "__text") ||
                 ends(t, tl, "__content"))
            sc = 3;
        if (sc >= 0 && (best < 0 || sc < best))
            best = sc;
    }
    return best;
}

/* --------------------------------------------------------- the walk ---- */

typedef struct fields {
    const th_node *author;
    int author_sc;
    const th_node *date;
    int date_sc;
    const th_node *votes;
    int votes_sc;
    const th_node *content;
    int content_sc;
    const char *part_id;
    const th_node *date_text; /* generic items: a bare text node date */
} fields;

/* Does a date candidate hold a digit (text, datetime, content, title)? */
static bool dated(const th_node *e)
{
    static const char *const at[] = {"datetime", "content", "title",
                                     "data-content"};
    for (int k = 0; k < 4; k++) {
        const char *v = attr(e, at[k]);
        for (; v && *v; v++)
            if (*v >= '0' && *v <= '9')
                return true;
    }
    th_buf b;
    th__buf_init(&b, 1024);
    flat_text(&b, e, 200);
    bool r = false;
    for (size_t i = 0; i < b.len && !r; i++)
        r = b.data[i] >= '0' && b.data[i] <= '9';
    th__buf_cleanup(&b);
    return r;
}

/* Is anc an ancestor of n (looking no higher than stop)? */
static bool inside(const th_node *n, const th_node *anc, const th_node *stop)
{
    if (!anc)
        return false;
    for (const th_node *p = n->parent; p && p != stop; p = p->parent)
        if (p == anc)
            return true;
    return false;
}

/* The class/id part of the four scores above, per token, cached for a
 * section (comments repeat the same tokens).  A token's scores are those
 * of an element without attributes (no itemprop) and of a neutral tag
 * whose names are that token alone; the element's scores fold them the
 * way the loops above do (author and content: the best, date and votes:
 * any) and then apply the element's own itemprop and tag rules. */
#define FM_SIZE 256
#define FM_MAXLEN 30

typedef struct fm_entry {
    char s[FM_MAXLEN];
    uint8_t len; /* 0: empty */
    int8_t a, d, v, c;
} fm_entry;

typedef struct fmemo {
    fm_entry e[FM_SIZE];
} fmemo;

static uint32_t fm_hash(const char *t, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)t[i]) * 16777619u;
    return h;
}

static void tok_scores(const char *t, size_t n, fm_entry *out)
{
    th_node e0;
    memset(&e0, 0, sizeof e0);
    e0.type = TH_NODE_ELEMENT;
    e0.tag = TH_TAG_DIV;
    names one;
    memcpy(one.buf, t, n);
    one.buf[n] = 0;
    one.len = n;
    int sc = 0;
    out->a = (int8_t)author_score(&e0, &one);
    out->d = (int8_t)date_score(&e0, &one);
    out->v = (int8_t)votes_el(&e0, &one, &sc);
    out->c = (int8_t)content_score(&e0, &one);
}

/* The folded token scores of nm: author best (0: none), date (2 or 0),
 * votes (bool), content best (-1: none). */
static void names_scores(fmemo *m, const names *nm, int *a, int *d, bool *v,
                         int *c)
{
    *a = 0, *d = 0, *v = false, *c = -1;
    FOR_TOKENS(nm, t, tl)
    {
        fm_entry tmp, *e = &tmp;
        if (m && tl <= FM_MAXLEN) {
            e = &m->e[fm_hash(t, tl) & (FM_SIZE - 1)];
            if (e->len != tl || memcmp(e->s, t, tl)) {
                tok_scores(t, tl, e);
                memcpy(e->s, t, tl);
                e->len = (uint8_t)tl;
            }
        } else {
            tok_scores(t, tl, e);
        }
        if (e->a && (!*a || e->a < *a))
            *a = e->a;
        if (e->d)
            *d = 2;
        if (e->v)
            *v = true;
        if (e->c >= 0 && (*c < 0 || e->c < *c))
            *c = e->c;
    }
}

/* Walks the item's own region (children items skipped) and picks the
 * best element of each kind. */
static void find_fields(const th_node *item, const pset *items, fields *f,
                        fmemo *m)
{
    memset(f, 0, sizeof *f);
    f->content_sc = 99;
    for (const th_node *n = item->first_child ? item : NULL; n;) {
        bool skip = false;
        if (n != item && n->type == TH_NODE_ELEMENT) {
            if (skip_tag(n) || pset_has(items, n)) {
                skip = true;
            } else if (n->nattrs) {
                names nm;
                get_names(n, &nm);
                bool hp;
                int ta, td, tc;
                bool tv;
                names_scores(m, &nm, &ta, &td, &tv, &tc);
                /* author_score */
                const char *ip = attr(n, "itemprop");
                int sc = ip && (!strcmp(ip, "author") || !strcmp(ip, "creator"))
                             ? 1
                             : !ta && n->tag == TH_TAG_CITE ? 3 : ta;
                size_t tl = 0;
                if (sc && (!f->author || sc < f->author_sc) &&
                    (tl = text_len_capped(n, 120, &hp)) <= 120 && !hp &&
                    (tl > 0 || attr(n, "content"))) {
                    f->author = n;
                    f->author_sc = sc;
                }
                /* date_score */
                if (n->tag == TH_TAG_TIME)
                    sc = attr(n, "datetime") ? 1 : 2;
                else if (ip && (!strcmp(ip, "dateCreated") ||
                                !strcmp(ip, "datePublished") ||
                                !strcmp(ip, "commentTime") ||
                                !strcmp(ip, "uploadDate")))
                    sc = 1;
                else
                    sc = td;
                if (sc && (!f->date || sc < f->date_sc) &&
                    text_len_capped(n, 120, &hp) <= 120 && dated(n)) {
                    f->date = n;
                    f->date_sc = sc;
                }
                /* votes_el */
                bool vo = false;
                if (ip && !strcmp(ip, "upvoteCount"))
                    vo = true, sc = 1;
                else if (tv)
                    vo = true, sc = 2;
                if (vo && (!f->votes || sc < f->votes_sc)) {
                    f->votes = n;
                    f->votes_sc = sc;
                }
                /* content_score */
                sc = ip && (!strcmp(ip, "text") || !strcmp(ip, "commentText") ||
                            !strcmp(ip, "reviewBody") ||
                            !strcmp(ip, "description"))
                         ? 0
                         : tc;
                if (sc >= 0 && (sc < f->content_sc ||
                                (sc == f->content_sc && inside(n, f->content, item)))) {
                    /* better, or as good and more specific */
                    f->content = n;
                    f->content_sc = sc;
                }
                const char *id = attr(n, "id");
                if (id && !f->part_id && strlen(id) < 64) {
                    for (const char *p = id; *p; p++)
                        if (*p >= '0' && *p <= '9') {
                            if (strstr(id, "omment"))
                                f->part_id = id;
                            break;
                        }
                }
            } else if (n->tag == TH_TAG_TIME && (!f->date || f->date_sc > 2)) {
                f->date = n;
                f->date_sc = 2;
            } else if (n->tag == TH_TAG_CITE && !f->author) {
                bool hp;
                if (text_len_capped(n, 120, &hp) <= 120 && !hp) {
                    f->author = n;
                    f->author_sc = 3;
                }
            }
        }
        n = th__dom_next(item, n, skip);
    }
    /* An author element inside the content (a theme that never closed its
     * header) must not swallow the text: content wins. */
}

/* Items found by structure have no named parts: the name is the element
 * holding their first line when it is short, the date the first short
 * text that parses as one. */
static void generic_fields(const th_node *item, const pset *items, fields *f)
{
    bool first = true;
    for (const th_node *n = item->first_child ? item : NULL; n;) {
        bool skip = false;
        if (n != item && n->type == TH_NODE_ELEMENT) {
            skip = skip_tag(n) || pset_has(items, n) || hidden(n);
        } else if (n->type == TH_NODE_TEXT) {
            size_t v = 0;
            for (size_t i = 0; i < n->text_len; i++)
                v += !th__is_space((unsigned char)n->text[i]);
            if (v) {
                char iso[32];
                bool date = v <= 80 && cm__parse_date(n->text, n->text_len, iso);
                if (date && !f->date && !f->date_text) {
                    f->date_text = n;
                } else if (first && !f->author && v <= 60 && n->parent != item &&
                           !control_text(n->text, n->text_len)) {
                    /* the element that holds the whole first line */
                    const th_node *e = n->parent;
                    bool hp;
                    while (e->parent && e->parent != item &&
                           text_len_capped(e->parent, 64, &hp) <= v + 1 && !hp)
                        e = e->parent;
                    if (text_len_capped(e, 64, &hp) <= 60 && !hp &&
                        e->tag != TH_TAG_P) {
                        f->author = e;
                        f->author_sc = 3;
                    }
                }
                first = false;
                if (f->author && (f->date || f->date_text))
                    break;
            }
        }
        n = th__dom_next(item, n, skip);
    }
}

/* Text with paragraphs: blocks separate paragraphs ("\n\n"), one <br>
 * a line ("\n"), two a paragraph. */
typedef struct tx {
    th_buf *out;
    int pend;   /* 0 none, 1 space, 2 line, 3 paragraph */
    int brs;
} tx;

static void tx_break(tx *t, int level)
{
    if (level > t->pend)
        t->pend = level;
}

static void tx_text(tx *t, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t sl = th__utf8_space_len(s + i, len - i);
        if (!sl && (s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f'))
            sl = 1;
        if (sl) {
            tx_break(t, 1);
            i += sl;
            continue;
        }
        if (t->out->len) {
            if (t->pend == 3)
                th__buf_puts(t->out, "\n\n");
            else if (t->pend == 2)
                th__buf_putc(t->out, '\n');
            else if (t->pend == 1)
                th__buf_putc(t->out, ' ');
        }
        t->pend = 0;
        t->brs = 0;
        size_t j = i;
        while (j < len && !th__utf8_space_len(s + j, len - j) && s[j] != '\n' &&
               s[j] != '\t' && s[j] != '\r' && s[j] != '\f')
            j++;
        th__buf_append(t->out, s + i, j - i);
        i = j;
    }
}

typedef struct textctx {
    const pset *items;
    const fields *f;
    const th_node *item;
    bool lenient;  /* second try: keep class-named furniture */
} textctx;

/* Should the text walk leave element e out? */
static bool leave_out(const textctx *c, const th_node *e, const th_node *root)
{
    if (e == root)
        return false;
    if (skip_tag(e) || pset_has(c->items, e) || hidden(e))
        return true;
    if (e == c->f->author || e == c->f->date || e == c->f->votes)
        return true;
    if (e->tag == TH_TAG_BR || e->tag == TH_TAG_P)
        return false;
    names nm;
    get_names(e, &nm);
    bool hp;
    if ((e->tag == TH_TAG_TIME || e->tag == TH_TAG_CITE ||
         (e->tag == TH_TAG_FOOTER && root == c->item) ||
         (e->tag == TH_TAG_HEADER && root == c->item) ||
         (nm.len && !c->lenient && furniture_names(&nm))) &&
        text_len_capped(e, 200, &hp) <= 200 && !hp) {
        /* an element holding the content is never furniture */
        if (c->f->content && c->f->content != root) {
            for (const th_node *p = c->f->content; p && p != root; p = p->parent)
                if (p == e)
                    return false;
        }
        return true;
    }
    if ((e->tag == TH_TAG_A || e->tag == TH_TAG_SPAN || e->tag == TH_TAG_SMALL ||
         e->tag == TH_TAG_DIV || e->tag == TH_TAG_LI || e->tag == TH_TAG_UL) &&
        control_element(e))
        return true;
    return false;
}

static void item_text(th_buf *out, const th_node *root, const textctx *c)
{
    tx t = {out, 0, 0};
    const th_node *n = root;
    for (;;) {
        bool descend = false;
        if (n->type == TH_NODE_TEXT) {
            if (n != c->f->date_text && !control_text(n->text, n->text_len))
                tx_text(&t, n->text, n->text_len);
            else
                tx_break(&t, 1);
        } else if (n->type == TH_NODE_ELEMENT && !leave_out(c, n, root)) {
            descend = true;
            if (n->tag == TH_TAG_BR) {
                t.brs++;
                tx_break(&t, t.brs >= 2 ? 3 : 2);
            } else if (block_tag(n)) {
                tx_break(&t, 3);
            } else if (n->tag == TH_TAG_TD || n->tag == TH_TAG_TH) {
                tx_break(&t, 1);
            }
        }
        if (out->err)
            return;
        if (descend && n->first_child) {
            n = n->first_child;
            continue;
        }
        for (;;) {
            if (n == root)
                return;
            if (n->type == TH_NODE_ELEMENT && block_tag(n))
                tx_break(&t, 3);
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

/* --------------------------------------------------------- author ------ */

static const char *const ANON[] = {
    "anonymous", "anonym", "anonyme", "anónimo", "anonimo", "anonim",
    "guest", "gast", "invité", "invitado", "ospite", "gość", "unknown",
    "unbekannt", "deleted", "[deleted]", "gelöscht", NULL};

static const char *const SAYS[] = {
    " says", " sagt", " schreibt", " meint", " dit", " écrit", " a dit",
    " dice", " escribe", " scrive", " napisał", " napisała", " wrote",
    " said", " kommentierte", NULL};

/* "#3 Kommentar von ", "Comment by ", "Commentaire de ": a numbered
 * heading line around the name. */
static const char *const BY[] = {
    "kommentar von ", "comment by ", "comment from ", "commentaire de ",
    "commentaire par ", "comentario de ", "komentarz od ", "reply by ",
    "antwort von ", "réponse de ", "respuesta de ", "posted by ",
    "geschrieben von ", "von ", "by ", NULL};

static void strip_by(const char **sp, size_t *np)
{
    const char *s = *sp;
    size_t n = *np;
    size_t i = 0;
    while (i < n && (s[i] == '#' || (s[i] >= '0' && s[i] <= '9') ||
                     s[i] == '.' || s[i] == ')' || th__is_space((unsigned char)s[i])))
        i++;
    for (const char *const *p = BY; *p; p++) {
        size_t m = strlen(*p);
        if (n - i <= m)
            continue;
        size_t k;
        for (k = 0; k < m; k++) {
            char c = s[i + k];
            c = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
            if (c != (*p)[k])
                break;
        }
        if (k == m) {
            *sp = s + i + m;
            *np = n - i - m;
            return;
        }
    }
}

static char *clean_author(th_arena *a, const char *s, size_t n)
{
    strip_by(&s, &n);
    while (n && (th__is_space((unsigned char)s[n - 1]) || s[n - 1] == ':'))
        n--;
    for (const char *const *p = SAYS; *p; p++) {
        size_t m = strlen(*p);
        if (n > m && !strncmp(s + n - m, *p, m)) {
            n -= m;
            break;
        }
        if (n > m && strncmp(s + n - m, *p, m) != 0) {
            /* case-insensitive for "Says" */
            size_t k;
            for (k = 0; k < m; k++) {
                char c = s[n - m + k];
                c = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
                if (c != (*p)[k])
                    break;
            }
            if (k == m) {
                n -= m;
                break;
            }
        }
    }
    while (n && (th__is_space((unsigned char)s[n - 1]) || s[n - 1] == ':' ||
                 s[n - 1] == ','))
        n--;
    while (n && (th__is_space((unsigned char)*s) || *s == '@'))
        s++, n--;
    if (!n || n > 100)
        return NULL;
    char low[104];
    for (size_t i = 0; i < n; i++)
        low[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
    low[n] = 0;
    for (const char *const *p = ANON; *p; p++)
        if (!strcmp(low, *p))
            return NULL;
    return th__arena_strndup(a, s, n);
}

/* ----------------------------------------------------------- votes ----- */

static bool parse_votes(const char *s, long *v)
{
    while (*s && !(*s >= '0' && *s <= '9') && *s != '-' && *s != '+' &&
           (unsigned char)*s != 0xE2)
        s++;
    bool neg = false;
    if (*s == '+')
        s++;
    else if (*s == '-')
        neg = true, s++;
    else if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x88 &&
             (unsigned char)s[2] == 0x92) /* U+2212 minus */
        neg = true, s += 3;
    if (!(*s >= '0' && *s <= '9'))
        return false;
    long x = 0;
    while (*s >= '0' && *s <= '9' && x < 100000000)
        x = x * 10 + (*s++ - '0');
    *v = neg ? -x : x;
    return true;
}

/* ------------------------------------------------------- flat depth ---- */

/* Nesting that a flat list shows by class: depth-3, level-2,
 * wc_comment_level-2 (1-based, 0 unknown); *reply for "comment-sub",
 * "is-reply" and the like. */
static int class_depth(const th_node *e, bool *reply)
{
    names nm;
    *reply = false;
    get_names(e, &nm);
    int d = 0;
    FOR_TOKENS(&nm, t, tl)
    {
        const char *p = NULL;
        for (size_t i = 0; i + 6 <= tl; i++) {
            if (!strncmp(t + i, "depth-", 6)) {
                p = t + i + 6;
                break;
            }
            if (!strncmp(t + i, "level-", 6) || !strncmp(t + i, "level_", 6)) {
                p = t + i + 6;
                break;
            }
        }
        if (p && p < t + tl && *p >= '1' && *p <= '9')
            d = *p - '0';
        if (eq(t, tl, "comment-sub") || eq(t, tl, "sub-comment") ||
            eq(t, tl, "subcomment") || eq(t, tl, "is-reply") ||
            eq(t, tl, "comment-reply") || eq(t, tl, "child-comment") ||
            eq(t, tl, "reply-comment") || eq(t, tl, "answer-comment"))
            *reply = true;
    }
    return d;
}

/* ------------------------------------------------------------ emit ----- */

int cm__emit_section(th_doc *doc, cm_scan *s)
{
    if (!s->nitems)
        return 0;
    pset items;
    if (pset_init(&items, s->arena, s->nitems))
        return -1;
    for (size_t i = 0; i < s->nitems; i++)
        if (!s->items[i].dropped)
            pset_add(&items, s->items[i].node);
    long *docidx = th__arena_alloc(s->arena, s->nitems * sizeof(long));
    long *eff = th__arena_alloc(s->arena, s->nitems * sizeof(long));
    if (!docidx || !eff)
        return -1;
    fmemo *memo = th__arena_calloc(s->arena, 1, sizeof *memo); /* may be NULL */
    long at_depth[10]; /* last comment seen at each flat depth 1..9 */
    for (int k = 0; k < 10; k++)
        at_depth[k] = -1;
    th_buf b;
    th__buf_init(&b, (size_t)1 << 20);
    long last_top = -1;
    int rc = 0;
    for (size_t i = 0; i < s->nitems; i++) {
        cm_item *it = &s->items[i];
        docidx[i] = -1;
        eff[i] = it->parent >= 0 ? eff[it->parent] : -1;
        if (it->dropped)
            continue;
        fields f;
        find_fields(it->node, &items, &f, memo);
        if (it->generic && (!f.author || !f.date))
            generic_fields(it->node, &items, &f);
        textctx c = {&items, &f, it->node, false};
        th__buf_clear(&b);
        /* Content element first; without one the whole comment minus its
         * furniture. */
        const th_node *root = f.content ? f.content : it->node;
        if (f.content && (f.content == f.author || f.content == f.date))
            root = it->node;
        item_text(&b, root, &c);
        if (f.content && b.len == 0) {
            th__buf_clear(&b);
            item_text(&b, it->node, &c);
        }
        if (b.len == 0) {
            /* everything looked like furniture: keep class-named parts */
            c.lenient = true;
            th__buf_clear(&b);
            item_text(&b, root, &c);
        }
        if (b.err) {
            rc = b.err == TH_ENOMEM ? -1 : 0;
            if (rc)
                break;
            continue;
        }
        th_comment cm;
        memset(&cm, 0, sizeof cm);
        cm.text = b.len ? b.data : "";
        /* author */
        if (f.author) {
            const th_node *an = f.author;
            /* itemprop=author: prefer its itemprop=name */
            for (const th_node *n = an; n; n = th__dom_next(an, n, false))
                if (n->type == TH_NODE_ELEMENT && n != an) {
                    const char *ip = attr(n, "itemprop");
                    if (ip && !strcmp(ip, "name")) {
                        an = n;
                        break;
                    }
                }
            th_buf ab;
            th__buf_init(&ab, 4096);
            flat_text(&ab, an, 400);
            if (!ab.err && ab.len)
                cm.author = clean_author(s->arena, ab.data, ab.len);
            else if (ab.err == TH_ENOMEM)
                rc = -1;
            th__buf_cleanup(&ab);
            if (!cm.author) {
                const char *cn = attr(an, "content");
                if (cn)
                    cm.author = clean_author(s->arena, cn, strlen(cn));
            }
        }
        /* date */
        char iso[32];
        if (!f.date && f.date_text &&
            cm__parse_date(f.date_text->text, f.date_text->text_len, iso))
            cm.date = th__arena_strndup(s->arena, iso, strlen(iso));
        if (f.date) {
            const char *v = attr(f.date, "datetime");
            if (!v)
                v = attr(f.date, "content");
            if (!v)
                v = attr(f.date, "data-content");
            const char *ti = attr(f.date, "title");
            if (v && cm__parse_date(v, strlen(v), iso)) {
                cm.date = th__arena_strndup(s->arena, iso, strlen(iso));
            } else if (ti && cm__parse_date(ti, strlen(ti), iso)) {
                cm.date = th__arena_strndup(s->arena, iso, strlen(iso));
            } else {
                th_buf db;
                th__buf_init(&db, 4096);
                flat_text(&db, f.date, 200);
                if (!db.err && db.len) {
                    if (cm__parse_date(db.data, db.len, iso))
                        cm.date = th__arena_strndup(s->arena, iso, strlen(iso));
                    else if (db.len <= 60) {
                        for (size_t k = 0; k < db.len; k++)
                            if (db.data[k] >= '0' && db.data[k] <= '9') {
                                cm.date = th__arena_strndup(s->arena, db.data,
                                                            db.len);
                                break;
                            }
                    }
                }
                th__buf_cleanup(&db);
            }
        }
        /* votes */
        if (f.votes) {
            const char *v = attr(f.votes, "content");
            long x;
            if (v && parse_votes(v, &x)) {
                cm.votes = x;
                cm.has_votes = true;
            } else {
                th_buf vb;
                th__buf_init(&vb, 256);
                flat_text(&vb, f.votes, 40);
                if (!vb.err && vb.len && vb.len <= 24 && parse_votes(vb.data, &x)) {
                    cm.votes = x;
                    cm.has_votes = true;
                }
                th__buf_cleanup(&vb);
            }
        }
        /* id */
        const char *id = attr(it->node, "id");
        cm.id = id && *id ? id : f.part_id;
        /* a comment with no text and no name is an empty shell */
        if (!b.len && !cm.author)
            continue;
        /* parent: markup nesting, else the flat list's depth classes */
        bool reply;
        int d = class_depth(it->node, &reply);
        cm.parent = eff[i];
        if (cm.parent < 0 && d >= 2 && d <= 9)
            cm.parent = at_depth[d - 1];
        else if (cm.parent < 0 && reply)
            cm.parent = last_top;
        cm.depth = cm.parent >= 0 ? doc->comments[cm.parent].depth + 1 : 0;
        if (cm.depth > 1000)
            cm.depth = 1000;
        long idx = th__doc_add_comment(doc, &cm);
        if (idx < 0) {
            rc = -1;
            break;
        }
        docidx[i] = idx;
        eff[i] = idx;
        int fd = d ? d : cm.depth + 1;
        if (fd >= 1 && fd <= 9) {
            at_depth[fd] = idx;
            for (int k = fd + 1; k < 10; k++)
                at_depth[k] = -1;
        }
        if (cm.parent < 0)
            last_top = idx;
    }
    th__buf_cleanup(&b);
    return rc;
}

/* ------------------------------------------------------------ dates ---- */

static const struct {
    const char *name;
    int month;
} MONTHS[] = {
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5},
    {"june", 6}, {"july", 7}, {"august", 8}, {"september", 9},
    {"october", 10}, {"november", 11}, {"december", 12}, {"sept", 9},
    {"januar", 1}, {"jänner", 1}, {"jänn", 1}, {"februar", 2}, {"märz", 3},
    {"maerz", 3}, {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10},
    {"dezember", 12}, {"janvier", 1}, {"février", 2}, {"fevrier", 2},
    {"mars", 3}, {"avril", 4}, {"juin", 6}, {"juillet", 7}, {"août", 8},
    {"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11},
    {"décembre", 12}, {"decembre", 12}, {"enero", 1}, {"febrero", 2},
    {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6}, {"julio", 7},
    {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12}, {"gennaio", 1}, {"febbraio", 2},
    {"aprile", 4}, {"maggio", 5}, {"giugno", 6}, {"luglio", 7},
    {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12}, {"stycznia", 1},
    {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
    {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"września", 9},
    {"października", 10}, {"listopada", 11}, {"grudnia", 12},
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
};

/* Month from a word (full name, or a 3+ letter prefix of an entry), 0. */
static int month_of(const char *w, size_t n)
{
    char b[32];
    if (n < 3 || n >= sizeof b)
        return 0;
    for (size_t i = 0; i < n; i++)
        b[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    b[n] = 0;
    if (b[n - 1] == '.')
        b[--n] = 0;
    if (n < 3)
        return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof MONTHS[0]; i++)
        if (MONTHS[i].name[0] == b[0] && !strcmp(b, MONTHS[i].name))
            return MONTHS[i].month;
    if (n > 4) /* prefixes are 3 or 4 letters */
        return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof MONTHS[0]; i++)
        if (MONTHS[i].name[0] == b[0] && strlen(MONTHS[i].name) > n &&
            !strncmp(b, MONTHS[i].name, n))
            return MONTHS[i].month;
    return 0;
}

typedef struct dtok {
    int kind; /* 1 number, 2 word */
    const char *s;
    size_t n;
    long v;
    char sep; /* the character right after the token */
} dtok;

bool cm__parse_date(const char *s, size_t len, char *out)
{
    /* ISO first: YYYY-MM-DD[THH:MM[:SS][zone]] anywhere at the start. */
    size_t i = 0;
    while (i < len && th__is_space((unsigned char)s[i]))
        i++;
    if (len - i >= 10 && s[i + 4] == '-' && s[i + 7] == '-') {
        bool ok = true;
        for (size_t k = 0; k < 10; k++)
            if (k != 4 && k != 7 && !(s[i + k] >= '0' && s[i + k] <= '9'))
                ok = false;
        if (ok) {
            int mo = (s[i + 5] - '0') * 10 + (s[i + 6] - '0');
            int dd = (s[i + 8] - '0') * 10 + (s[i + 9] - '0');
            if (mo >= 1 && mo <= 12 && dd >= 1 && dd <= 31) {
                size_t n = 10;
                if (len - i > 10 && (s[i + 10] == 'T' || s[i + 10] == ' ')) {
                    size_t k = i + 11;
                    while (k < len && n < 31 &&
                           ((s[k] >= '0' && s[k] <= '9') || s[k] == ':' ||
                            s[k] == '+' || s[k] == '-' || s[k] == 'Z' ||
                            s[k] == '.'))
                        k++;
                    if (k - (i + 11) >= 5 && k - i < 31)
                        n = k - i;
                }
                memcpy(out, s + i, n);
                out[n] = 0;
                if (n > 10)
                    out[10] = 'T';
                return true;
            }
        }
    }
    /* Otherwise tokens: numbers and words. */
    dtok tk[24];
    size_t nt = 0;
    while (i < len && nt < 24) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') {
            size_t b = i;
            long v = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9' && i - b < 6)
                v = v * 10 + (s[i++] - '0');
            tk[nt].kind = 1;
            tk[nt].s = s + b;
            tk[nt].n = i - b;
            tk[nt].v = v;
            tk[nt].sep = i < len ? s[i] : 0;
            nt++;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
            size_t b = i;
            while (i < len && (((unsigned char)s[i] >= 'a' && (unsigned char)s[i] <= 'z') ||
                               ((unsigned char)s[i] >= 'A' && (unsigned char)s[i] <= 'Z') ||
                               (unsigned char)s[i] >= 0x80 || s[i] == '.'))
                i++;
            tk[nt].kind = 2;
            tk[nt].s = s + b;
            tk[nt].n = i - b;
            tk[nt].v = 0;
            tk[nt].sep = i < len ? s[i] : 0;
            nt++;
        } else {
            i++;
        }
    }
    int y = 0, mo = 0, d = 0, hh = -1, mm = -1;
    size_t used_end = 0;
    /* numeric d.m.yyyy, d/m/yyyy, m/d/yyyy, yyyy/m/d */
    for (size_t k = 0; k + 2 < nt && !y; k++) {
        if (tk[k].kind != 1 || tk[k + 1].kind != 1 || tk[k + 2].kind != 1)
            continue;
        char s1 = tk[k].sep, s2 = tk[k + 1].sep;
        if (!((s1 == '.' || s1 == '/' || s1 == '-') && s1 == s2))
            continue;
        long a = tk[k].v, b2 = tk[k + 1].v, c2 = tk[k + 2].v;
        if (tk[k].n == 4) {
            y = (int)a, mo = (int)b2, d = (int)c2;
        } else if (tk[k + 2].n == 4 || tk[k + 2].n == 2) {
            y = (int)(tk[k + 2].n == 2 ? 2000 + c2 : c2);
            if (s1 == '/' && a <= 12 && b2 > 12)
                mo = (int)a, d = (int)b2;
            else
                d = (int)a, mo = (int)b2;
        }
        used_end = k + 3;
    }
    /* words: "19. Oktober 2019", "October 19, 2019", "19 octobre 2019" */
    for (size_t k = 0; k < nt && !y; k++) {
        if (tk[k].kind != 2)
            continue;
        int m = month_of(tk[k].s, tk[k].n);
        if (!m)
            continue;
        long day = 0, year = 0;
        if (k > 0 && tk[k - 1].kind == 1 && tk[k - 1].v >= 1 && tk[k - 1].v <= 31)
            day = tk[k - 1].v;
        if (!day && k >= 2 && tk[k - 1].kind == 2 && tk[k - 1].n <= 3 &&
            tk[k - 2].kind == 1 && tk[k - 2].v >= 1 && tk[k - 2].v <= 31)
            day = tk[k - 2].v; /* "19 de octubre" */
        if (k + 1 < nt && tk[k + 1].kind == 1) {
            if (tk[k + 1].n == 4)
                year = tk[k + 1].v;
            else if (!day && tk[k + 1].v >= 1 && tk[k + 1].v <= 31) {
                day = tk[k + 1].v;
                if (k + 2 < nt && tk[k + 2].kind == 1 && tk[k + 2].n == 4)
                    year = tk[k + 2].v;
            }
        }
        if (!year && k + 2 < nt && tk[k + 1].kind == 2 && tk[k + 2].kind == 1 &&
            tk[k + 2].n == 4)
            year = tk[k + 2].v; /* "19 de octubre de 2019" */
        if (year && day) {
            y = (int)year, mo = m, d = (int)day;
            used_end = k + 1;
            for (size_t q = k + 1; q < nt && q <= k + 3; q++)
                if (tk[q].kind == 1 && tk[q].v == year) {
                    used_end = q + 1;
                    break;
                }
        }
    }
    if (!y || y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return false;
    /* a time after the date: hh:mm [am|pm], or "10 h 23", "10.23 Uhr" */
    for (size_t k = used_end; k + 2 < nt; k++) {
        if (tk[k].kind == 1 && tk[k].v < 24 && tk[k + 1].kind == 2 &&
            tk[k + 1].n == 1 && (tk[k + 1].s[0] == 'h' || tk[k + 1].s[0] == 'H') &&
            tk[k + 2].kind == 1 && tk[k + 2].v < 60 && tk[k + 2].n == 2) {
            hh = (int)tk[k].v; /* "18 h 40" */
            mm = (int)tk[k + 2].v;
            break;
        }
    }
    for (size_t k = used_end; hh < 0 && k + 1 < nt; k++) {
        if (tk[k].kind == 1 && tk[k + 1].kind == 1 && tk[k].v < 24 &&
            tk[k + 1].v < 60 && tk[k + 1].n == 2 &&
            (tk[k].sep == ':' || tk[k].sep == '.' || tk[k].sep == 'h' ||
             tk[k].sep == ' ')) {
            if (tk[k].sep == ' ' && !(k + 1 < nt && tk[k].sep == ' '))
                continue;
            hh = (int)tk[k].v;
            mm = (int)tk[k + 1].v;
            if (k + 2 < nt && tk[k + 2].kind == 2) {
                /* the token is len-bounded, not NUL-terminated (text
                 * mode parses slices of its input): read w[1] only when
                 * the word has it */
                const char *w = tk[k + 2].s;
                size_t wn = tk[k + 2].n;
                bool m2 = wn >= 2 && wn <= 4 &&
                          (w[1] == 'm' || w[1] == 'M' || w[1] == '.');
                bool pm = (w[0] == 'p' || w[0] == 'P') && m2;
                bool am = (w[0] == 'a' || w[0] == 'A') && m2;
                if (pm && hh < 12)
                    hh += 12;
                if (am && hh == 12)
                    hh = 0;
            }
            break;
        }
    }
    if (hh >= 0)
        snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d", y, mo, d, hh, mm);
    else
        snprintf(out, 32, "%04d-%02d-%02d", y, mo, d);
    return true;
}

bool th__date_parse(const char *s, size_t len, char *out)
{
    return cm__parse_date(s, len, out);
}
