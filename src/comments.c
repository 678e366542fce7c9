/*
 * comments.c -- finding reader comment sections in the DOM and reading
 * them into threads.
 *
 * th__comments_mark() makes one linear pass over the tree (an explicit
 * enter/leave walk, no recursion) and looks only at class, id and
 * itemtype.  It records two kinds of element:
 *   - named containers ("comments", "comment-list", #disqus_thread, ...);
 *   - comment items: elements whose class, id or microdata says "one
 *     comment" (li.comment#comment-12, .wpd-comment, .isso-comment,
 *     .commento-card, Disqus .post, itemtype .../Comment, ...).
 * An item inside an item is a reply when it carries the same marker (the
 * same class token, or the same id pattern with another number); with
 * another marker it is a part of its parent (WordPress article.comment-body
 * inside li.comment).  Top-level items are grouped under the highest named
 * container around them that holds little text outside items (so the
 * heading, form, sort and notify widgets go with the section but an
 * article never does); a group needs repeated items, or one item of a
 * comment system's own markup, or a strongly named container.  The root
 * of each accepted group gets TH_NF_COMMENTS.  Small strongly named
 * containers without items (a comment form, a closed-comments notice)
 * are marked too, so their furniture stays out of the body.
 *
 * th__comments_extract() finds the marked roots again, rescans only their
 * subtrees and reads each item's fields (comments_fields.c); when the page
 * has no HTML comments it reads JSON-LD comment arrays (comments_ld.c).
 * Nothing here prints or aborts; memory is the dom's scratch arena.
 */
#include "comments.h"

#include <string.h>

#include "comments_int.h"
#include "extract.h"
#include "utf8.h"

/* ------------------------------------------------------------ names --- */

static size_t lower_copy(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= cap)
        n = cap - 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[n] = 0;
    return n;
}

/* class and id of el, lower-cased, each cut at cap-1 bytes. */
static void get_names(const th_node *el, char *cls, size_t ccap, size_t *clen,
                      char *id, size_t icap, size_t *ilen,
                      const char **itemtype)
{
    *clen = *ilen = 0;
    cls[0] = id[0] = 0;
    *itemtype = NULL;
    for (uint32_t i = 0; i < el->nattrs; i++) {
        const th_attr *a = &el->attrs[i];
        if (a->name_len == 5 && memcmp(a->name, "class", 5) == 0)
            *clen = lower_copy(a->value, a->value_len, cls, ccap);
        else if (a->name_len == 2 && a->name[0] == 'i' && a->name[1] == 'd')
            *ilen = lower_copy(a->value, a->value_len, id, icap);
        else if (a->name_len == 8 && memcmp(a->name, "itemtype", 8) == 0)
            *itemtype = a->value;
    }
}

size_t cm__names(const th_node *el, char *buf, size_t cap)
{
    char cls[256], id[128];
    size_t cl, il;
    const char *it;
    get_names(el, cls, sizeof cls, &cl, id, sizeof id, &il, &it);
    size_t n = 0;
    for (size_t i = 0; i < cl && n + 1 < cap; i++)
        buf[n++] = cls[i];
    if (il && n + 1 < cap)
        buf[n++] = ' ';
    for (size_t i = 0; i < il && n + 1 < cap; i++)
        buf[n++] = id[i];
    buf[n] = 0;
    return n;
}

static inline bool has(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m > n || m == 0)
        return m == 0;
    /* the first two bytes before memcmp (m >= 2: s[i + 1] is in range) */
    char c0 = lit[0], c1 = lit[1];
    for (size_t i = 0; i + m <= n; i++)
        if (s[i] == c0 && (m == 1 || s[i + 1] == c1) &&
            memcmp(s + i, lit, m) == 0)
            return true;
    return false;
}

static bool starts(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    return m <= n && memcmp(s, lit, m) == 0;
}

static bool ends(const char *s, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    return m <= n && memcmp(s + n - m, lit, m) == 0;
}

static bool is_any(const char *s, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(s, *list, n) == 0)
            return true;
    return false;
}

static inline bool at(const char *t, size_t n, size_t i, const char *lit,
                      size_t m)
{
    return i + m <= n && memcmp(t + i, lit, m) == 0;
}

/* The words that put a class or id near comments at all (comment,
 * komment, koment, coment, disqus, discussion, diskussion, replies,
 * responses, wpdcom, wpcomm, wpd-thread, isso): one pass over t. */
static bool comment_word(const char *t, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++) {
        switch (t[i]) {
        case 'c':
            if (at(t, n, i, "comment", 7) || at(t, n, i, "coment", 6))
                return true;
            break;
        case 'k':
            if (at(t, n, i, "komment", 7) || at(t, n, i, "koment", 6))
                return true;
            break;
        case 'd':
            if (at(t, n, i, "disqus", 6) || at(t, n, i, "discussion", 10) ||
                at(t, n, i, "diskussion", 10))
                return true;
            break;
        case 'r':
            if (at(t, n, i, "replies", 7) || at(t, n, i, "responses", 9))
                return true;
            break;
        case 'w':
            if (at(t, n, i, "wpdcom", 6) || at(t, n, i, "wpcomm", 6) ||
                at(t, n, i, "wpd-thread", 10))
                return true;
            break;
        case 'i':
            if (at(t, n, i, "isso", 4))
                return true;
            break;
        default:
            break;
        }
    }
    return false;
}

/* A list of reader reviews (product reviews, Judge.me, schema.org Review
 * lists): a named container for the structural fallback only. */
static bool review_word(const char *t, size_t n)
{
    /* one pass: reviews, review-list, review_list, rezensionen,
     * bewertungen */
    for (size_t i = 0; i + 7 <= n; i++) {
        if (t[i] == 'r') {
            if (at(t, n, i, "reviews", 7) || at(t, n, i, "review-list", 11) ||
                at(t, n, i, "review_list", 11) ||
                at(t, n, i, "rezensionen", 11))
                return true;
        } else if (t[i] == 'b' && at(t, n, i, "bewertungen", 11)) {
            return true;
        }
    }
    return false;
}

static inline unsigned pair_code(char a, char b)
{
    unsigned x = a >= 'a' && a <= 'z' ? (unsigned)(a - 'a') : 26u;
    unsigned y = b >= 'a' && b <= 'z' ? (unsigned)(b - 'a') : 26u;
    return x * 27 + y;
}

/* Tokens that mention comments but name a count, a link, a button, a
 * widget of recent comments or a state: never a section. */
static bool section_veto(const char *t, size_t n)
{
    /* each word with the pair code of its first two bytes (all letters) */
#define W(w) {w, (unsigned short)((w[0] - 'a') * 27 + (w[1] - 'a'))}
    static const struct {
        const char *w;
        unsigned short k;
    } v[] = {
        W("count"), W("counter"), W("number"), W("num-"), W("icon"),
        W("link"), W("btn"), W("button"), W("toggle"), W("trigger"),
        W("bubble"), W("badge"), W("total"), W("closed"), W("disabled"),
        W("nocomment"), W("no-comment"), W("no_comment"), W("recent"), W("latest"),
        W("widget"), W("popular"), W("rss"), W("feed"), W("meta"),
        W("author"), W("date"), W("time"), W("edit"), W("open"),
        W("enabled"), W("allowed"), W("has-"), W("with-"), W("show"),
        W("hide"), W("amount"), W("label"), W("title"), W("heading"),
        W("anchor"), W("jump"), W("goto"), W("scroll"), W("nav"),
        W("teaser"), W("status"), W("policy"), W("rules"), W("login"),
        W("avatar"), W("reply-to"), W("menu"), W("share"), W("tab"),
        W("icon"), W("cta"), W("promo"), W("more")};
#undef W
    /* The adjacent byte pairs of t, a-z or other (27 x 27 bits): a word
     * whose first two bytes are not among them cannot be in t, so most
     * words cost one bit test instead of a pass over t. */
    uint64_t pairs[12] = {0};
    for (size_t i = 0; i + 1 < n; i++) {
        unsigned k = pair_code(t[i], t[i + 1]);
        pairs[k >> 6] |= 1ull << (k & 63);
    }
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        unsigned k = v[i].k;
        if (((pairs[k >> 6] >> (k & 63)) & 1) && has(t, n, v[i].w))
            return true;
    }
    return false;
}

/* Names only comment areas use; enough to accept a single comment or to
 * mark an area without comments. */
static bool section_strong(const char *t, size_t n)
{
    return has(t, n, "comments") || has(t, n, "kommentare") ||
           has(t, n, "commentaires") || has(t, n, "comentarios") ||
           has(t, n, "komentarze") || has(t, n, "commentlist") ||
           has(t, n, "comment-list") || has(t, n, "comment_list") ||
           has(t, n, "comment-section") || has(t, n, "comment-area") ||
           has(t, n, "comment-respond") || has(t, n, "disqus") ||
           has(t, n, "wpdcom") || has(t, n, "wpd-thread") ||
           has(t, n, "wc-thread") || has(t, n, "isso-thread") ||
           has(t, n, "isso-root") || has(t, n, "commento") ||
           has(t, n, "discussion") || has(t, n, "diskussion");
}

typedef struct tok {
    const char *s;
    size_t n;
} tok;

/* A name that says "the comments" (id="comments", class="comments-area"),
 * which an element holding one comment does not carry. */
static bool container_name(const tok *tk, size_t nt, bool last_is_id)
{
    static const char *const pre[] = {
        "comments", "kommentare", "commentaires", "comentarios", "komentarze",
        "comment-list", "commentlist", "comment_list", "comment-section",
        "comment-area", "disqus", "wpdcom", "isso-thread", "commento",
        NULL};
    for (size_t k = 0; k < nt; k++) {
        const char *t = tk[k].s;
        size_t n = tk[k].n;
        bool digits = false;
        for (size_t i = 0; i < n; i++)
            digits |= t[i] >= '0' && t[i] <= '9';
        if (last_is_id && k == nt - 1 && digits)
            continue;
        if (ends(t, n, "item") || ends(t, n, "entry") || ends(t, n, "card"))
            continue;
        for (const char *const *p = pre; *p; p++)
            if (starts(t, n, *p))
                return true;
    }
    return false;
}

/* Splits s at spaces: up to max tokens. */
static size_t tokens(const char *s, size_t n, tok *out, size_t max)
{
    size_t k = 0, i = 0;
    while (i < n && k < max) {
        while (i < n && th__is_space((unsigned char)s[i]))
            i++;
        size_t b = i;
        while (i < n && !th__is_space((unsigned char)s[i]))
            i++;
        if (i > b) {
            out[k].s = s + b;
            out[k].n = i - b;
            k++;
        }
    }
    return k;
}

static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ? h : 1;
}

/* Parts of a comment (its text, its header, its list of replies) whose
 * class would otherwise read as "a comment". */
static bool part_token(const char *t, size_t n, bool cw)
{
    static const char *const suf[] = {
        "content", "body", "text", "texte", "meta", "metadata", "header",
        "footer", "avatar", "inner", "right", "left", "message", "actions",
        "form", "story", "copy", "author", "date", "time", "reply", "link",
        "count", "button", "respond", "title", "heading", "data", "rating",
        "votes", "vote", "options", NULL};
    if (!cw)
        return false;
    for (const char *const *p = suf; *p; p++)
        if (ends(t, n, *p))
            return true;
    return false;
}

/* Is this class token the marker of one comment?  *strong: a marker that
 * only comment systems produce. */
static bool item_token(const char *t, size_t n, bool cw, bool in_disqus,
                       bool *strong)
{
    static const char *const exact[] = {
        "comment", "comment-item", "comment_item", "commentitem",
        "comment-entry", "commententry", "comment-card", "comment-single",
        "single-comment", "comments__item", "comments-item",
        "comment-list-item", "comment-li", "kommentar", "commentaire",
        "comentario", "komentarz", "usercomment", "media-comment", NULL};
    static const char *const sys[] = {
        "wpd-comment", "wc-comment", "isso-comment", "commento-card",
        "c-comment-card", NULL};
    static const char *const pre_veto[] = {
        "no-", "no_", "add", "leave", "write", "post-", "post_", "new",
        "submit", "load", "more", "show", "toggle", "open", "close", "edit",
        "has", "have", "count", "reply-", "cancel", "latest", "recent",
        "top-", "js-", "last", "first", "your", "my-", "total", "widget",
        "fa-", "icon", "glyph", "ti-", "bi-", "mdi-", "ion-", "svg", NULL};
    *strong = false;
    if (!(in_disqus && n == 4) && !cw)
        return false; /* every marker below holds a comment word */
    if (has(t, n, "call-to") || has(t, n, "to-comment") || has(t, n, "cta"))
        return false;
    if (is_any(t, n, sys)) {
        *strong = true;
        return true;
    }
    if (in_disqus && n == 4 && memcmp(t, "post", 4) == 0) {
        *strong = true;
        return true;
    }
    if (is_any(t, n, exact))
        return true;
    if (ends(t, n, "-comment") || ends(t, n, "_comment") ||
        ends(t, n, "comment-card") || ends(t, n, "comment-item") ||
        ends(t, n, "comment-entry") || ends(t, n, "comment__item")) {
        for (const char *const *p = pre_veto; *p; p++)
            if (starts(t, n, *p))
                return false;
        return true;
    }
    return false;
}

/* The number in a comment-ish id ("comment-123", "li-comment-123",
 * "wc-comm-123_45", "c7818214978921193094", "isso-12"), or 0. */
static uint64_t id_number(const char *id, size_t n, bool *is_item_id)
{
    *is_item_id = false;
    if (!n)
        return 0;
    size_t i = 0;
    while (i < n && !(id[i] >= '0' && id[i] <= '9'))
        i++;
    if (i == n)
        return 0;
    uint64_t v = 0;
    size_t b = i;
    while (i < n && id[i] >= '0' && id[i] <= '9') {
        if (i - b < 18)
            v = v * 10 + (uint64_t)(id[i] - '0');
        i++;
    }
    const char *p = id;
    size_t pl = b; /* the prefix before the digits */
    if (starts(p, pl, "li-"))
        p += 3, pl -= 3;
    static const char *const pre[] = {
        "comment-", "comment_", "comment", "kommentar_",
        "kommentar-", "kommentar", "komentarz-", "komentarz_", "comentario-",
        "comentario_", "commentaire-", "commentaire_", "isso-", "wc-comm-",
        "wpd-comm-", "comment-body-", NULL};
    bool trailing_ok = i == n || id[i] == '_' || id[i] == '-';
    if (is_any(p, pl, pre) && trailing_ok)
        *is_item_id = i == n || starts(p, pl, "wc-comm-") ||
                      starts(p, pl, "wpd-comm-");
    else if (pl == 1 && p[0] == 'c' && i - b >= 8 && i == n)
        *is_item_id = true; /* Blogger's c<long number> */
    if (!*is_item_id && !comment_word(id, n))
        return 0;
    return v;
}

/* ------------------------------------------------------------- scan --- */

/* Tags a whole comment is never written in. */
static bool item_tag_ok(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_A: case TH_TAG_SPAN: case TH_TAG_I: case TH_TAG_B:
    case TH_TAG_STRONG: case TH_TAG_EM: case TH_TAG_SMALL: case TH_TAG_IMG:
    case TH_TAG_INPUT: case TH_TAG_BUTTON: case TH_TAG_FORM:
    case TH_TAG_TEXTAREA: case TH_TAG_LABEL: case TH_TAG_TIME:
    case TH_TAG_SVG: case TH_TAG_IFRAME: case TH_TAG_SELECT:
    case TH_TAG_OPTION: case TH_TAG_CITE: case TH_TAG_ABBR: case TH_TAG_H1:
    case TH_TAG_H2: case TH_TAG_H3: case TH_TAG_H4: case TH_TAG_H5:
    case TH_TAG_H6: case TH_TAG_HEADER: case TH_TAG_FOOTER: case TH_TAG_NAV:
    case TH_TAG_BR: case TH_TAG_HR: case TH_TAG_NOSCRIPT: case TH_TAG_BODY:
    case TH_TAG_HTML: case TH_TAG_MAIN:
        return false;
    default:
        return true;
    }
}

static bool skip_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_SCRIPT:
    case TH_TAG_STYLE:
    case TH_TAG_TEMPLATE:
    case TH_TAG_HEAD:
    case TH_TAG_SVG:
    case TH_TAG_MATH:
    case TH_TAG_TEXTAREA:
    case TH_TAG_SELECT:
        return true;
    default:
        return false;
    }
}

/* Text bytes without the white space at both ends: the walk's measure of
 * visible text (inner spaces count; a whitespace-only node is 0).  Cheaper
 * than counting every byte, and the thresholds it meets are rough. */
#define CM_SPACES ((1ull << ' ') | (1ull << '\t') | (1ull << '\n') | \
                   (1ull << '\f') | (1ull << '\r'))

/* th__is_space as one compare and one bit test. */
static inline bool sp(unsigned char c)
{
    return c <= ' ' && ((CM_SPACES >> c) & 1);
}

static size_t visible_len(const char *s, size_t n, size_t *begin)
{
    size_t b = 0;
    while (b < n) {
        if (b + 8 <= n) { /* indentation: 8 spaces or 8 tabs at a time */
            uint64_t x;
            memcpy(&x, s + b, 8);
            if (x == 0x2020202020202020ull || x == 0x0909090909090909ull) {
                b += 8;
                continue;
            }
        }
        if (!sp((unsigned char)s[b]))
            break;
        b++;
    }
    while (n > b && sp((unsigned char)s[n - 1]))
        n--;
    *begin = b;
    return n - b;
}

static bool push_item(cm_scan *s, const cm_item *it)
{
    if (s->nitems == s->cap_items &&
        th__arena_grow(s->arena, (void **)&s->items, s->nitems, &s->cap_items,
                       sizeof *s->items)) {
        s->oom = true;
        return false;
    }
    s->items[s->nitems++] = *it;
    return true;
}

static cm_sect *push_sect(cm_scan *s)
{
    cm_sect *c = th__arena_calloc(s->arena, 1, sizeof *c);
    if (!c || (s->nsects == s->cap_sects &&
               th__arena_grow(s->arena, (void **)&s->sects, s->nsects,
                              &s->cap_sects, sizeof *s->sects))) {
        s->oom = true;
        return NULL;
    }
    s->sects[s->nsects++] = c;
    return c;
}

typedef struct walk {
    size_t pos, ipos;  /* visible text bytes so far; those inside items */
    unsigned level;
    int in_disqus;
    cm_sect *sect;     /* innermost open named container */
    long cur;          /* innermost open item */
} walk;

/* Does v (len bytes) hold the lower-case lit (letters only) at i,
 * ignoring ASCII case?  For a letter L, (c | 0x20) == L holds exactly for
 * c == L and c == L - 32. */
static inline bool ci_at(const char *v, size_t len, size_t i, const char *lit)
{
    for (; *lit; lit++, i++)
        if (i >= len || (char)(v[i] | 0x20) != *lit)
            return false;
    return true;
}

#define WC_WORTH 1u  /* worth a look anywhere */
#define WC_DISQ 2u   /* worth a look inside a Disqus thread only */

/* The bytes value_worth stops at: o d r b w i p, either case. */
static const bool wc_first[256] = {
    ['o'] = true, ['d'] = true, ['r'] = true, ['b'] = true, ['w'] = true,
    ['i'] = true, ['p'] = true, ['O'] = true, ['D'] = true, ['R'] = true,
    ['B'] = true, ['W'] = true, ['I'] = true, ['P'] = true};

/* The second letters after each first letter (by low 5 bits): o-m, d-i,
 * r-e, b-e, w-p, i-s, p-o. */
static const uint32_t wc_second[32] = {
    ['o' & 31] = 1u << ('m' & 31), ['d' & 31] = 1u << ('i' & 31),
    ['r' & 31] = 1u << ('e' & 31), ['b' & 31] = 1u << ('e' & 31),
    ['w' & 31] = 1u << ('p' & 31), ['i' & 31] = 1u << ('s' & 31),
    ['p' & 31] = 1u << ('o' & 31)};

/* Could a rule below apply to a class or id value v?  One pass over its
 * bytes, at the first letters of the words the rules look for: WC_WORTH,
 * WC_DISQ, or 0. */
static unsigned value_worth(const char *v, size_t len)
{
    unsigned r = 0;
    for (size_t i = 0; i + 3 <= len; i++) {
        if (!wc_first[(unsigned char)v[i]])
            continue;
        char c1 = (char)(v[i + 1] | 0x20), c2 = (char)(v[i + 2] | 0x20);
        if (!((wc_second[(v[i] | 0x20) & 31] >> (c1 & 31)) & 1))
            continue;
        switch (v[i] | 0x20) {
        case 'o': /* comment, kommentar, komentarz, comentario */
            if (c1 == 'm' &&
                (c2 == 'm' || (c2 == 'e' && ci_at(v, len, i + 3, "nt"))))
                return WC_WORTH;
            break;
        case 'd': /* disqus, discussion, diskussion */
            if (ci_at(v, len, i + 1, "isq") || ci_at(v, len, i + 1, "iscus") ||
                ci_at(v, len, i + 1, "iskus"))
                return WC_WORTH;
            break;
        case 'r': /* replies, responses, reviews, rezensionen */
            if (ci_at(v, len, i + 1, "epl") || ci_at(v, len, i + 1, "esponses") ||
                ci_at(v, len, i + 1, "eview") || ci_at(v, len, i + 1, "ezens"))
                return WC_WORTH;
            break;
        case 'b': /* bewertungen */
            if (ci_at(v, len, i + 1, "ewert"))
                return WC_WORTH;
            break;
        case 'w': /* wpdcom, wpcomm, wc-comm */
            if (c1 == 'p' && (c2 == 'd' || c2 == 'c'))
                return WC_WORTH;
            break;
        case 'i': /* isso */
            if (ci_at(v, len, i + 1, "sso"))
                return WC_WORTH;
            break;
        case 'p': /* Disqus's .post */
            if (c1 == 'o' && c2 == 's')
                r = WC_DISQ;
            break;
        default:
            break;
        }
    }
    return r;
}

/* value_worth per distinct value, cached for the scan: pages repeat the
 * same class strings on many elements, and hashing a value 8 bytes per
 * step is cheaper than the byte switch above.  Direct-mapped; a clash
 * just recomputes.  Values live in the dom's arena for the whole scan. */
#define WC_SIZE 1024

typedef struct cm_wentry { /* 16 bytes */
    const char *s;
    uint32_t len;
    uint32_t hash; /* low 2 bits: the answer */
} cm_wentry;

struct cm_wcache {
    cm_wentry e[WC_SIZE];
};

static unsigned value_class(cm_scan *s, const char *v, size_t len)
{
    if (!s->wcache && !s->oom)
        s->wcache = th__arena_calloc(s->arena, 1, sizeof *s->wcache);
    cm_wentry *e = NULL;
    uint32_t h = 0;
    if (s->wcache && len <= UINT32_MAX) {
        h = (uint32_t)th__mem_hash(v, len, 0) & ~3u;
        e = &s->wcache->e[(h >> 2) & (WC_SIZE - 1)];
        if (e->s && (e->hash & ~3u) == h && e->len == len && !memcmp(e->s, v, len))
            return e->hash & 3u;
    }
    unsigned r = value_worth(v, len);
    if (e) {
        e->s = v;
        e->len = (uint32_t)len;
        e->hash = h | r;
    }
    return r;
}

/* A cheap first look at class/id/itemtype: could any rule below apply?
 * Most elements fail here after one look at their names. */
static bool worth_a_look(cm_scan *s, const th_node *n, bool in_disqus)
{
    unsigned want = in_disqus ? (WC_WORTH | WC_DISQ) : WC_WORTH;
    for (uint32_t a = 0; a < n->nattrs; a++) {
        const th_attr *at = &n->attrs[a];
        if (at->name_len == 8 && at->name[0] == 'i' &&
            !memcmp(at->name, "itemtype", 8))
            return true;
        if (!((at->name_len == 5 && !memcmp(at->name, "class", 5)) ||
              (at->name_len == 2 && at->name[0] == 'i' && at->name[1] == 'd')))
            continue;
        /* ids are mostly unique: asked directly, they stay out of the
         * cache of class values */
        if (at->value_len >= 3 &&
            ((at->name_len == 2 ? value_worth(at->value, at->value_len)
                                : value_class(s, at->value, at->value_len)) &
             want))
            return true;
    }
    return false;
}

/* What the name rules say about one class/id token, cached per distinct
 * token for the scan (comment items repeat the same tokens).  Bits: */
#define TB_CW 1u      /* comment_word */
#define TB_NAMED 2u   /* (comment_word or review_word) and no section_veto */
#define TB_STRONG 4u  /* section_strong */
#define TB_DISQ 8u    /* holds "disqus" */
#define TB_PART 16u   /* part_token */
#define TB_ITEM 32u   /* item_token outside Disqus */
#define TB_ISTRONG 64u
#define TC_SIZE 256
#define TC_MAXLEN 30

typedef struct cm_tentry {
    char s[TC_MAXLEN];
    uint8_t len; /* 0: empty */
    uint8_t bits;
} cm_tentry;

struct cm_tcache {
    cm_tentry e[TC_SIZE];
};

static unsigned token_bits_calc(const char *t, size_t n)
{
    unsigned b = 0;
    bool cw = comment_word(t, n);
    if (cw)
        b |= TB_CW;
    if ((cw || review_word(t, n)) && !section_veto(t, n)) {
        b |= TB_NAMED;
        if (section_strong(t, n))
            b |= TB_STRONG;
        if (has(t, n, "disqus"))
            b |= TB_DISQ;
    }
    if (part_token(t, n, cw))
        b |= TB_PART;
    bool st;
    if (item_token(t, n, cw, false, &st))
        b |= TB_ITEM | (st ? TB_ISTRONG : 0u);
    return b;
}

/* The bits of an id: only the container bits (an id is never asked for
 * part or item markers), and not cached (ids are mostly unique). */
static unsigned id_bits(const char *t, size_t n)
{
    unsigned b = 0;
    bool cw = comment_word(t, n);
    if (cw)
        b |= TB_CW;
    if ((cw || review_word(t, n)) && !section_veto(t, n)) {
        b |= TB_NAMED;
        if (section_strong(t, n))
            b |= TB_STRONG;
        if (has(t, n, "disqus"))
            b |= TB_DISQ;
    }
    return b;
}

static unsigned token_bits(cm_scan *s, const char *t, size_t n)
{
    if (n == 0 || n > TC_MAXLEN)
        return token_bits_calc(t, n);
    if (!s->tcache && !s->oom)
        s->tcache = th__arena_calloc(s->arena, 1, sizeof *s->tcache);
    if (!s->tcache)
        return token_bits_calc(t, n);
    cm_tentry *e = &s->tcache->e[(uint32_t)th__mem_hash(t, n, 0) & (TC_SIZE - 1)];
    if (e->len == n && !memcmp(e->s, t, n))
        return e->bits;
    unsigned b = token_bits_calc(t, n);
    memcpy(e->s, t, n);
    e->len = (uint8_t)n;
    e->bits = (uint8_t)b;
    return b;
}

/* An item the structural fallback found (CM_NF_ITEM): its key is its
 * shape (tag and first class token), so a reply of the same shape nested
 * in it is a reply. */
static void enter_generic(cm_scan *s, walk *w, th_node *n)
{
    uint32_t key = 0x9e3779b9u ^ (uint32_t)n->tag;
    for (uint32_t a = 0; a < n->nattrs; a++) {
        const th_attr *at = &n->attrs[a];
        if (at->name_len == 5 && !memcmp(at->name, "class", 5)) {
            size_t i = 0, len = at->value_len;
            while (i < len && th__is_space((unsigned char)at->value[i]))
                i++;
            size_t b = i;
            while (i < len && !th__is_space((unsigned char)at->value[i]))
                i++;
            key ^= hash(at->value + b, i - b);
        }
    }
    key = key ? key : 1;
    if (w->cur >= 0 && s->items[w->cur].key != key)
        return; /* a part of the enclosing comment */
    cm_item it;
    memset(&it, 0, sizeof it);
    it.node = n;
    it.parent = w->cur;
    it.sect = w->sect;
    it.key = key;
    it.t0 = w->pos;
    it.level = w->level;
    it.strong = true;
    it.generic = true;
    if (!push_item(s, &it))
        return;
    w->cur = (long)s->nitems - 1;
    if (w->sect)
        w->sect->nitems++;
}

static void enter_element(cm_scan *s, walk *w, th_node *n)
{
    if (n->flags & CM_NF_ITEM) {
        enter_generic(s, w, n);
        return;
    }
    /* the caller has asked worth_a_look */
    char cls[256], id[128];
    size_t cl, il;
    const char *itemtype;
    get_names(n, cls, sizeof cls, &cl, id, sizeof id, &il, &itemtype);
    if (!cl && !il && !itemtype)
        return;
    tok tk[24];
    size_t nt = tokens(cls, cl, tk, 24);
    if (il && nt < 24) {
        tk[nt].s = id;
        tk[nt].n = il;
        nt++;
    }

    /* A named container? */
    bool named = false, strong = false, disq = false;
    unsigned tb[24]; /* token_bits of each token, asked once */
    for (size_t k = 0; k < nt; k++)
        tb[k] = il && k == nt - 1 ? id_bits(tk[k].s, tk[k].n)
                                  : token_bits(s, tk[k].s, tk[k].n);
    for (size_t k = 0; k < nt; k++) {
        if (!(tb[k] & TB_NAMED))
            continue;
        named = true;
        strong |= (tb[k] & TB_STRONG) != 0;
        disq |= (tb[k] & TB_DISQ) != 0;
    }
    if (named) {
        cm_sect *c = push_sect(s);
        if (!c)
            return;
        c->node = n;
        c->up = w->sect;
        c->t0 = w->pos;
        c->i0 = w->ipos;
        c->level = w->level;
        c->strong = strong;
        c->disqus = disq;
        w->sect = c;
        if (disq)
            w->in_disqus++;
    }

    /* A comment item?  The class marker first, then microdata, then id. */
    uint32_t key = 0;
    bool istrong = false, part = false;
    size_t ncls = il ? nt - 1 : nt;
    for (size_t k = 0; k < ncls; k++)
        if (tb[k] & TB_PART)
            part = true;
    for (size_t k = 0; k < ncls && !key && !part; k++) {
        bool st = (tb[k] & TB_ISTRONG) != 0;
        bool item = (tb[k] & TB_ITEM) != 0;
        if (w->in_disqus > 0)
            item = item_token(tk[k].s, tk[k].n, (tb[k] & TB_CW) != 0, true, &st);
        if (item) {
            key = hash(tk[k].s, tk[k].n);
            istrong = st;
        }
    }
    if (!key && itemtype) {
        size_t tl = strlen(itemtype);
        if (ends(itemtype, tl, "/Comment") || ends(itemtype, tl, "/Comment/") ||
            ends(itemtype, tl, "/UserComments")) {
            key = 0x4d44u; /* microdata */
            istrong = true;
        } else if (ends(itemtype, tl, "/Review")) {
            /* reader reviews: comments when two or more are listed; a
             * review article alone is not a group */
            key = 0x5276u;
        }
    }
    bool item_id = false;
    uint64_t num = id_number(id, il, &item_id);
    if (!key && item_id && !part) {
        key = 0x1du;
        istrong = true;
    }
    if (key && num && key != 0x1du)
        istrong = true;
    if (!key || !item_tag_ok(n) || container_name(tk, nt, il > 0))
        return; /* a strongly named container is a section, not a comment */
    if (w->cur >= 0) {
        const cm_item *y = &s->items[w->cur];
        if ((num && num == y->num) || key != y->key)
            return; /* a part of the enclosing comment */
    }
    cm_item it;
    memset(&it, 0, sizeof it);
    it.node = n;
    it.parent = w->cur;
    it.sect = w->sect && w->sect->node == n ? w->sect->up : w->sect;
    it.key = key;
    it.num = num;
    it.t0 = w->pos;
    it.level = w->level;
    it.strong = istrong;
    if (!push_item(s, &it))
        return;
    w->cur = (long)s->nitems - 1;
    if (w->sect)
        w->sect->nitems++; /* added to the enclosing ones on leaving */
}

static void leave_element(cm_scan *s, walk *w, th_node *n)
{
    if (w->cur >= 0 && s->items[w->cur].node == n) {
        cm_item *it = &s->items[w->cur];
        it->t1 = w->pos;
        it->last = s->nitems - 1;
        w->cur = it->parent;
    }
    if (w->sect && w->sect->node == n) {
        w->sect->t1 = w->pos;
        w->sect->i1 = w->ipos;
        if (w->sect->disqus)
            w->in_disqus--;
        if (w->sect->up)
            w->sect->up->nitems += w->sect->nitems;
        w->sect = w->sect->up;
    }
}

static void push_head(cm_scan *s, th_node *text)
{
    th_node *el = text->parent;
    if (!el || el->type != TH_NODE_ELEMENT)
        return;
    if (s->nheads == s->cap_heads &&
        th__arena_grow(s->arena, (void **)&s->heads, s->nheads, &s->cap_heads,
                       sizeof *s->heads)) {
        s->oom = true;
        return;
    }
    s->heads[s->nheads++] = el;
}

void cm__scan(cm_scan *s, th_arena *arena, th_node *top, bool heads)
{
    memset(s, 0, sizeof *s);
    s->arena = arena;
    s->want_heads = heads;
    walk w;
    memset(&w, 0, sizeof w);
    w.cur = -1;
    th_node *n = top;
    while (n) {
        bool descend = false;
        if (n->type == TH_NODE_TEXT) {
            size_t b;
            size_t v = visible_len(n->text, n->text_len, &b);
            w.pos += v;
            if (w.cur >= 0)
                w.ipos += v;
            else if (s->want_heads && v >= 5 && v <= 48 &&
                     cm__heading_text(n->text + b, v))
                push_head(s, n);
        } else if (n->type == TH_NODE_ELEMENT) {
            if (!skip_tag(n)) {
                if ((n->flags & CM_NF_ITEM) ||
                    (n->nattrs && worth_a_look(s, n, w.in_disqus > 0)))
                    enter_element(s, &w, n);
                descend = true;
            }
        } else if (n->type == TH_NODE_DOCUMENT) {
            descend = true;
        }
        if (s->oom)
            return;
        if (descend && n->first_child) {
            n = n->first_child;
            w.level++;
            continue;
        }
        for (;;) {
            if (n->type == TH_NODE_ELEMENT)
                leave_element(s, &w, n);
            if (n == top) {
                n = NULL;
                break;
            }
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            w.level--;
        }
    }

    /* Own text: what an item holds outside its replies. */
    for (size_t i = 0; i < s->nitems; i++)
        s->items[i].own = s->items[i].t1 - s->items[i].t0;
    for (size_t i = 0; i < s->nitems; i++) {
        long p = s->items[i].parent;
        if (p >= 0)
            s->items[p].own -= s->items[i].t1 - s->items[i].t0;
    }
    /* A "comment" with no text of its own is a wrapper (or an empty
     * shell): dissolve it, its replies move up a level. */
    for (size_t i = 0; i < s->nitems; i++)
        if (s->items[i].own == 0)
            s->items[i].dropped = true;
    for (size_t i = 0; i < s->nitems; i++) {
        long p = s->items[i].parent;
        while (p >= 0 && s->items[p].dropped)
            p = s->items[p].parent;
        s->items[i].parent = p;
    }
}

/* ------------------------------------------------------------- mark --- */

/* Non-item text a section root may hold: heading, form, notices, sort and
 * notify widgets, pagination.  An article body is far longer. */
#define ROOT_MAX_OTHER 2000
/* Text of a named container without items that is still marked. */
#define EMPTY_SECTION_MAX 1500
/* Levels between a comment and the container it is grouped under. */
#define ROOT_MAX_LEVELS 12

static th_node *choose_root(const cm_item *it, cm_sect **chosen,
                            bool *strong)
{
    cm_sect *best = NULL;
    *strong = false;
    for (cm_sect *c = it->sect; c; c = c->up) {
        if (it->level - c->level > ROOT_MAX_LEVELS)
            break;
        size_t other = (c->t1 - c->t0) - (c->i1 - c->i0);
        if (other > ROOT_MAX_OTHER)
            break;
        best = c;
        *strong |= c->strong;
    }
    *chosen = best;
    return best ? best->node : it->node->parent;
}

size_t th__comments_mark(th_dom *dom)
{
    if (!dom || !dom->root || !dom->arena)
        return 0;
    cm_scan s;
    cm__scan(&s, dom->arena, dom->root, true);
    if (s.oom)
        return 0;
    size_t marked = 0;

    /* Choose a root per top-level item; count items per named root. */
    for (size_t i = 0; i < s.nitems; i++) {
        cm_item *it = &s.items[i];
        if (it->dropped || it->parent >= 0)
            continue;
        cm_sect *c;
        bool st;
        it->root = choose_root(it, &c, &st);
        it->root_strong = st;
        if (c)
            c->ntop++;
    }
    /* Accept groups: runs of top items with the same root. */
    size_t i = 0;
    while (i < s.nitems) {
        cm_item *it = &s.items[i];
        if (it->dropped || it->parent >= 0 || !it->root) {
            i++;
            continue;
        }
        th_node *root = it->root;
        size_t n = 0;
        bool strong = false, named = false, named_strong = false;
        size_t j = i;
        for (; j < s.nitems; j++) {
            cm_item *o = &s.items[j];
            if (o->dropped || o->parent >= 0)
                continue;
            if (o->root != root)
                break;
            n++;
            strong |= o->strong;
            named_strong |= o->root_strong;
        }
        for (size_t k = 0; k < s.nsects; k++)
            if (s.sects[k]->node == root) {
                named = true;
                n = s.sects[k]->ntop > n ? s.sects[k]->ntop : n;
                break;
            }
        bool ok = n >= 2 || strong || named_strong;
        (void)named;
        if (ok && root) {
            if (!(root->flags & TH_NF_COMMENTS))
                marked++;
            root->flags |= TH_NF_COMMENTS;
        }
        i = j > i ? j : i + 1;
    }
    /* Strongly named areas without comments: forms, notices. */
    for (size_t k = 0; k < s.nsects; k++) {
        cm_sect *c = s.sects[k];
        if (c->nitems || !c->strong || c->t1 - c->t0 > EMPTY_SECTION_MAX)
            continue;
        if (c->node->type != TH_NODE_ELEMENT || c->node->tag == TH_TAG_BODY ||
            c->node->tag == TH_TAG_HTML || c->node->tag == TH_TAG_A ||
            c->node->tag == TH_TAG_SPAN)
            continue;
        if (!(c->node->flags & TH_NF_COMMENTS))
            marked++;
        c->node->flags |= TH_NF_COMMENTS;
    }
    /* Comment lists without comment markup, under a heading or a name. */
    marked += cm__generic_mark(&s, dom);
    return marked;
}

/* ---------------------------------------------------------- extract --- */

th_status th__comments_extract(th_doc *doc, const th_dom *dom,
                               const th_options *opts)
{
    (void)opts;
    if (!doc || !dom || !dom->root || !dom->arena)
        return TH_OK;
    th_node *top = dom->root;
    /* th__dom_next's pre-order walk, inline: this visits every node.  It
     * also notes whether a script could hold JSON-LD comments, so pages
     * without one skip cm__jsonld's own walk. */
    bool ld = false;
    for (th_node *n = top; n;) {
        bool marked = n->type == TH_NODE_ELEMENT && (n->flags & TH_NF_COMMENTS);
        if (marked)
            ld = true; /* not walked here: let cm__jsonld look */
        else if (n->type == TH_NODE_ELEMENT && n->tag == TH_TAG_SCRIPT && !ld) {
            const char *t = TH_ATTR(n, "type");
            ld = t && strstr(t, "ld+json") && n->first_child &&
                 n->first_child->type == TH_NODE_TEXT &&
                 n->first_child->text_len &&
                 strstr(n->first_child->text, "\"comment\"");
        }
        if (marked) {
            cm_scan s;
            cm__scan(&s, dom->arena, n, false);
            if (s.oom || cm__emit_section(doc, &s))
                return TH_ENOMEM;
        } else if (n->first_child) {
            n = n->first_child;
            continue;
        }
        while (n && n != top && !n->next)
            n = n->parent;
        n = n && n != top ? n->next : NULL;
    }
    if (doc->ncomments == 0 && ld && cm__jsonld(doc, dom, dom->arena))
        return TH_ENOMEM;
    return doc->oom ? TH_ENOMEM : TH_OK;
}
