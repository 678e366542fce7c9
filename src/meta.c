/*
 * meta.c -- page metadata from the DOM (see meta.h and
 * docs/internals/meta.md).  One pass over the tree collects every source:
 * <title>, <html lang>, <meta> name/property/itemprop pairs, <link> rel
 * canonical/author, JSON-LD scripts, itemprop elements, <time> elements,
 * <h1>s, byline-like elements and the first stretch of visible text.  Then
 * each field is chosen from the sources in order of trust:
 *   structured (JSON-LD, meta tags, itemprop) > markup (<time>, byline
 *   classes) > patterns in the visible text.
 * The DOM is read-only here; scratch data lives in a local arena and only
 * the chosen strings are copied into the document (th__doc_str).
 * No site-specific rules: every cue is a generic HTML/schema.org/OpenGraph
 * convention or a language's ordinary date and byline wording.
 */
#include "meta.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "utf8.h"

/* ------------------------------------------------------- small utils -- */

static char lc(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static bool ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (lc(*a) != lc(*b))
            return false;
    return *a == *b;
}

static bool istarts(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lc(s[i]) != lit[i])
            return false;
    return true;
}

/* Case-insensitive substring (ASCII folding; n is lower-case).  Only
 * positions whose first byte matches are compared further. */
static const char *istr(const char *h, size_t hl, const char *n)
{
    size_t nl = strlen(n);
    if (nl == 0 || hl < nl)
        return NULL;
    char f = n[0];
    for (size_t i = 0, last = hl - nl; i <= last; i++) {
        if (lc(h[i]) != f)
            continue;
        size_t k = 1;
        while (k < nl && lc(h[i + k]) == n[k])
            k++;
        if (k == nl)
            return h + i;
    }
    return NULL;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_alpha_ascii(char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* Whether s is blank or only whitespace. */
static bool blank(const char *s)
{
    if (!s)
        return true;
    for (; *s; s++)
        if (!th__is_space((unsigned char)*s))
            return false;
    return true;
}

/* ---------------------------------------------------------- scratch --- */

typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

typedef struct meta_pair {
    const char *key;   /* lower-case name/property/itemprop */
    const char *value; /* collapsed */
} meta_pair;

typedef struct cand {
    const char *text;
    int score;
} cand;

#define MAX_PAIRS 512
#define MAX_JSONLD 32
#define MAX_H1 8
#define MAX_H2 12
#define MAX_TIMES 32
#define MAX_BYLINES 32
#define MAX_TLINES 16
#define TEXT_CAP 2048
#define DATELINE_CAP 32768

typedef struct ctx {
    th_arena *a;
    bool oom;
    const char *title_tag;
    const char *html_lang;
    const char *canonical;
    meta_pair pairs[MAX_PAIRS];
    size_t npairs;
    th_json *jsonld[MAX_JSONLD];
    size_t njsonld;
    const char *h1[MAX_H1];
    bool h1_hidden[MAX_H1];  /* screen-reader-only / hidden class, or in
                                furniture: counts only on exact agreement */
    bool h1_named[MAX_H1];   /* class/itemprop names it the headline */
    size_t nh1;
    const char *h2[MAX_H2];  /* non-furniture h2s, for a headline the
                                page puts below a section-label h1 */
    size_t nh2;
    bool h2_named[MAX_H2];   /* class/itemprop names it the headline */
    int title_src;           /* th_title_src of pick_title's answer */
    cand times[MAX_TIMES];
    size_t ntimes;
    cand bylines[MAX_BYLINES];
    size_t nbylines;
    const char *tlines[MAX_TLINES]; /* text lines opening with a byline
                                       word ("Von", "Autor:", "Text:") */
    size_t ntlines;
    const char *rel_author;
    const char *ip_author;   /* itemprop=author text */
    const char *ip_published;
    const char *ip_modified;
    const char *ip_headline;
    const char *crumb;       /* the JSON-LD breadcrumb's name for the page */
    sbuf body;               /* visible text near the top, for datelines */
    size_t h1_off;           /* offset in body where the first h1 starts */
    size_t h1_end;           /* ... and where its text ends */
    const char *h1_head;     /* that h1's text without kicker children */
    bool have_h1_off;
    int dmy;                 /* 1: DD/MM order; 0: MM/DD (en-US) */
} ctx;

static char *sdup(ctx *c, const char *s, size_t n)
{
    char *p = th__arena_strndup(c->a, s, n);
    if (!p)
        c->oom = true;
    return p;
}

/* A collapsed copy in scratch memory; NULL when empty. */
static const char *sclean(ctx *c, const char *s, size_t n)
{
    char *p = sdup(c, s, n);
    if (!p)
        return NULL;
    n = th__collapse_space(p, n);
    return n ? p : NULL;
}

static void sb_add(ctx *c, sbuf *b, const char *s, size_t n, size_t cap)
{
    if (b->len >= cap)
        return;
    if (n > cap - b->len)
        n = cap - b->len;
    if (!b->p) {
        b->p = th__arena_alloc(c->a, cap + 1);
        if (!b->p) {
            c->oom = true;
            return;
        }
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Appends a text node to the dateline buffer with its leading and
 * trailing whitespace cut to one space, so that the 32 KB cap holds text
 * rather than a template's indentation (a whitespace-only node adds at
 * most one byte). */
static void body_add(ctx *c, const char *s, size_t n)
{
    size_t m = n;
    const char *t = th__trim_space(s, &m);
    sbuf *b = &c->body;
    bool last_ws = !b->len || th__is_space((unsigned char)b->p[b->len - 1]);
    if (t > s && !last_ws)
        sb_add(c, b, " ", 1, DATELINE_CAP);
    if (m) {
        sb_add(c, b, t, m, DATELINE_CAP);
        if (t + m < s + n)
            sb_add(c, b, " ", 1, DATELINE_CAP);
    }
}

/* HTML character references left in a JSON-LD string (CMSs write
 * "&#8222;Titel&#8220;" or "Hof &amp; Gut" into script text, which the
 * parser does not decode): numeric ones and the few named ones that occur
 * in titles.  Returns `s` itself when it holds no '&'. */
static const char *unent(ctx *c, const char *s)
{
    if (!s || !strchr(s, '&'))
        return s;
    static const struct {
        const char *n;
        uint32_t cp;
    } named[] = {{"amp", '&'},       {"quot", '"'},      {"apos", '\''},
                 {"lt", '<'},        {"gt", '>'},        {"nbsp", 0xA0},
                 {"ndash", 0x2013},  {"mdash", 0x2014},  {"lsquo", 0x2018},
                 {"rsquo", 0x2019},  {"ldquo", 0x201C},  {"rdquo", 0x201D},
                 {"bdquo", 0x201E},  {"laquo", 0xAB},    {"raquo", 0xBB},
                 {"hellip", 0x2026}};
    size_t len = strlen(s);
    char *out = th__arena_alloc(c->a, len + 1);
    if (!out) {
        c->oom = true;
        return s;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp = 0;
        size_t j = i + 1;
        if (s[i] == '&' && s[j] == '#') {
            j++;
            bool hex = s[j] == 'x' || s[j] == 'X';
            j += hex;
            size_t d0 = j;
            while (j < len && j - d0 < 7 &&
                   (is_digit(s[j]) || (hex && strchr("abcdefABCDEF", s[j]))))
                cp = cp * (hex ? 16 : 10) +
                     (uint32_t)(is_digit(s[j]) ? s[j] - '0'
                                               : (lc(s[j]) - 'a' + 10)),
                j++;
            if (j == d0 || s[j] != ';' || cp == 0 || cp > 0x10FFFF ||
                (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0;
        } else if (s[i] == '&') {
            for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
                size_t nl = strlen(named[k].n);
                if (strncmp(s + j, named[k].n, nl) == 0 && s[j + nl] == ';') {
                    cp = named[k].cp;
                    j += nl;
                    break;
                }
            }
        }
        if (cp) {
            char u[4];
            int n = th__utf8_encode(cp, u);
            if (n > 0 && (size_t)n <= j + 1 - i) { /* never grows */
                memcpy(out + o, u, (size_t)n);
                o += (size_t)n;
                i = j + 1;
                continue;
            }
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}

/* Tags whose content is never visible text. */
static bool hidden_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_SCRIPT: case TH_TAG_STYLE: case TH_TAG_NOSCRIPT:
    case TH_TAG_TEMPLATE: case TH_TAG_SVG: case TH_TAG_MATH:
    case TH_TAG_SELECT: case TH_TAG_TEXTAREA: case TH_TAG_IFRAME:
    case TH_TAG_OBJECT: case TH_TAG_HEAD: case TH_TAG_TITLE:
        return true;
    default:
        return false;
    }
}

static bool block_tag(const th_node *n)
{
    switch (n->tag) {
    case TH_TAG_P: case TH_TAG_DIV: case TH_TAG_LI: case TH_TAG_BR:
    case TH_TAG_H1: case TH_TAG_H2: case TH_TAG_H3: case TH_TAG_H4:
    case TH_TAG_H5: case TH_TAG_H6: case TH_TAG_TD: case TH_TAG_TR:
    case TH_TAG_SECTION: case TH_TAG_ARTICLE: case TH_TAG_HEADER:
    case TH_TAG_FOOTER: case TH_TAG_UL: case TH_TAG_OL: case TH_TAG_DT:
    case TH_TAG_DD: case TH_TAG_TIME: case TH_TAG_SPAN: case TH_TAG_A:
    case TH_TAG_FIGCAPTION: case TH_TAG_BLOCKQUOTE: case TH_TAG_ADDRESS:
        return true;
    default:
        return false;
    }
}

/* The visible text under n, collapsed, at most cap bytes; NULL if empty. */
static const char *node_text(ctx *c, const th_node *top, size_t cap)
{
    sbuf b = {0};
    for (const th_node *n = top; n; ) {
        bool skip = false;
        if (n->type == TH_NODE_TEXT) {
            sb_add(c, &b, n->text, n->text_len, cap);
        } else if (n->type == TH_NODE_ELEMENT && n != top) {
            if (hidden_tag(n))
                skip = true;
            else if (block_tag(n))
                sb_add(c, &b, " ", 1, cap);
        }
        if (b.len >= cap)
            break;
        n = th__dom_next(top, n, skip);
    }
    if (!b.p)
        return NULL;
    b.len = th__collapse_space(b.p, b.len);
    return b.len ? b.p : NULL;
}

/* Whether a heading's child is a kicker/overline ("dachzeile",
 * "topline", "supertitle", a topic label) or a <time>: not headline
 * words. */
static bool kicker_child(const th_node *n)
{
    if (n->tag == TH_TAG_TIME)
        return true;
    static const char *const w[] = {"kicker", "dachzeile", "topline",
                                    "overline", "roofline", "eyebrow",
                                    "supertitle", "pretitle", "overtitle",
                                    "spitzmarke", "label", "topic"};
    const char *cl = TH_ATTR(n, "class");
    if (!cl)
        return false;
    size_t l = strlen(cl);
    if (l > 200)
        return false;
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (istr(cl, l, w[i]))
            return true;
    return false;
}

/* The length of a separator and its spaces at the start of s (": ",
 * "| ", "- ", "\xe2\x80\x93 ", "\xe2\x80\x94 ", "\xc2\xb7 ", "\xc2\xbb "), or 0. */
static size_t sep_lead(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    size_t k = 0;
    if (i < n && (s[i] == ':' || s[i] == '|' || s[i] == '-' ||
                  s[i] == '/'))
        k = 1;
    else if (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
             (unsigned char)s[i + 1] == 0x80 &&
             ((unsigned char)s[i + 2] == 0x93 ||
              (unsigned char)s[i + 2] == 0x94))
        k = 3;
    else if (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
             ((unsigned char)s[i + 1] == 0xB7 ||
              (unsigned char)s[i + 1] == 0xBB))
        k = 2;
    if (!k || i + k >= n || s[i + k] != ' ')
        return 0;
    i += k;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

/* A heading's text without its kicker children; the full text when
 * nothing else is left. */
static const char *heading_text(ctx *c, const th_node *top, size_t cap)
{
    sbuf b = {0};
    bool cut = false;
    for (const th_node *n = top; n; ) {
        bool skip = false;
        if (n->type == TH_NODE_TEXT) {
            sb_add(c, &b, n->text, n->text_len, cap);
        } else if (n->type == TH_NODE_ELEMENT && n != top) {
            if (hidden_tag(n) || kicker_child(n))
                skip = cut = true;
            else if (block_tag(n))
                sb_add(c, &b, " ", 1, cap);
        }
        if (b.len >= cap)
            break;
        n = th__dom_next(top, n, skip);
    }
    if (b.p) {
        /* soft hyphens and zero-width spaces are invisible */
        size_t o = 0;
        for (size_t i = 0; i < b.len; i++) {
            unsigned char ch = (unsigned char)b.p[i];
            if (ch == 0xC2 && i + 1 < b.len &&
                (unsigned char)b.p[i + 1] == 0xAD) {
                i++;
                continue;
            }
            if (ch == 0xE2 && i + 2 < b.len &&
                (unsigned char)b.p[i + 1] == 0x80 &&
                (unsigned char)b.p[i + 2] >= 0x8B &&
                (unsigned char)b.p[i + 2] <= 0x8D) {
                i += 2;
                continue;
            }
            b.p[o++] = b.p[i];
        }
        b.len = th__collapse_space(b.p, o);
        /* the separator that stood between the kicker and the headline
         * ("Auftragshoch bei FACC : Headline") */
        size_t st = 0;
        while (cut && st < b.len) {
            size_t k = sep_lead(b.p + st, b.len - st);
            if (!k)
                break;
            st += k;
        }
        if (st) {
            memmove(b.p, b.p + st, b.len - st);
            b.len -= st;
            b.p[b.len] = '\0';
        }
        if (b.len)
            return b.p;
    }
    return cut ? node_text(c, top, cap) : NULL;
}

/* ------------------------------------------------------------ dates --- */

typedef struct date {
    int y, m, d;
    int hh, mi, ss;       /* -1 when no time */
    char tz[8];           /* "Z", "+01:00" or "" */
} date;

static bool valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 &&
           d <= mdays[m - 1];
}

/* Reads up to maxd digits at s[*i]; returns the value or -1. */
static int num(const char *s, size_t len, size_t *i, int mind, int maxd)
{
    int v = 0, k = 0;
    while (*i < len && k < maxd && is_digit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        (*i)++;
        k++;
    }
    if (k < mind || (*i < len && is_digit(s[*i])))
        return -1;
    return v;
}

/* ISO 8601 at s: "YYYY-MM-DD" optionally followed by [T ]hh:mm[:ss][.f]
 * and a zone.  Also "YYYYMMDD" alone and "YYYY/MM/DD". */
static bool parse_iso(const char *s, size_t len, date *dt)
{
    size_t i = 0;
    dt->hh = dt->mi = dt->ss = -1;
    dt->tz[0] = '\0';
    int y = num(s, len, &i, 4, 4);
    if (y < 0)
        return false;
    int m, d;
    if (i < len && (s[i] == '-' || s[i] == '/' || s[i] == '.')) {
        char sep = s[i++];
        m = num(s, len, &i, 1, 2);
        if (m < 0 || i >= len || s[i] != sep)
            return false;
        i++;
        d = num(s, len, &i, 1, 2);
    } else if (len == 8 || (len > 8 && !is_digit(s[8]))) {
        i = 0;
        y = num(s, len, &i, 8, 8);
        if (y < 0)
            return false;
        d = y % 100;
        m = (y / 100) % 100;
        y /= 10000;
    } else {
        return false;
    }
    if (d < 0 || !valid_ymd(y, m, d))
        return false;
    dt->y = y;
    dt->m = m;
    dt->d = d;
    if (i < len && (s[i] == 'T' || s[i] == ' ') && i + 3 < len &&
        is_digit(s[i + 1])) {
        size_t j = i + 1;
        int hh = num(s, len, &j, 2, 2);
        if (hh < 0 || hh > 24 || j >= len || s[j] != ':')
            return true;
        j++;
        int mi = num(s, len, &j, 2, 2);
        if (mi < 0 || mi > 59)
            return true;
        int ss = 0;
        if (j < len && s[j] == ':') {
            j++;
            ss = num(s, len, &j, 2, 2);
            if (ss < 0 || ss > 60)
                ss = 0;
        }
        if (j < len && s[j] == '.') {
            j++;
            while (j < len && is_digit(s[j]))
                j++;
        }
        dt->hh = hh;
        dt->mi = mi;
        dt->ss = ss;
        while (j < len && s[j] == ' ')
            j++;
        if (j < len && s[j] == 'Z') {
            memcpy(dt->tz, "Z", 2);
        } else if (j < len && (s[j] == '+' || s[j] == '-')) {
            size_t k = j + 1;
            int th = num(s, len, &k, 2, 2);
            int tm = 0;
            if (th >= 0 && k < len && s[k] == ':')
                k++;
            if (th >= 0 && k < len && is_digit(s[k]))
                tm = num(s, len, &k, 2, 2);
            if (th >= 0 && th <= 14 && tm >= 0 && tm < 60) {
                dt->tz[0] = s[j];
                dt->tz[1] = (char)('0' + th / 10);
                dt->tz[2] = (char)('0' + th % 10);
                dt->tz[3] = ':';
                dt->tz[4] = (char)('0' + tm / 10);
                dt->tz[5] = (char)('0' + tm % 10);
                dt->tz[6] = '\0';
            }
        }
    }
    return true;
}

/* Month names, lower-case, with the month number.  English, German,
 * French, Spanish, Italian, Portuguese, Dutch and Polish (nominative and
 * genitive), plus common abbreviations (matched with or without '.'). */
static const struct {
    const char *name;
    int m;
} g_months[] = {
    {"april", 4}, {"apr", 4}, {"avril", 4}, {"avr", 4}, {"abril", 4},
    {"abr", 4}, {"aprile", 4}, {"august", 8}, {"aug", 8}, {"août", 8},
    {"aout", 8}, {"agosto", 8}, {"ago", 8}, {"augustus", 8},
    {"czerwca", 6}, {"czerwiec", 6}, {"cze", 6}, {"december", 12},
    {"dec", 12}, {"dezember", 12}, {"dez", 12}, {"décembre", 12},
    {"decembre", 12}, {"déc", 12}, {"diciembre", 12}, {"dic", 12},
    {"dicembre", 12}, {"dezembro", 12}, {"enero", 1}, {"ene", 1},
    {"february", 2}, {"feb", 2}, {"februar", 2}, {"feber", 2},
    {"février", 2}, {"fevrier", 2}, {"févr", 2}, {"fév", 2},
    {"febrero", 2}, {"febbraio", 2}, {"fevereiro", 2}, {"februari", 2},
    {"gennaio", 1}, {"giugno", 6}, {"grudnia", 12}, {"grudzień", 12},
    {"gru", 12}, {"january", 1}, {"jan", 1}, {"januar", 1}, {"jänner", 1},
    {"janvier", 1}, {"janv", 1}, {"janeiro", 1}, {"januari", 1},
    {"june", 6}, {"jun", 6}, {"juni", 6}, {"juin", 6}, {"junio", 6},
    {"junho", 6}, {"july", 7}, {"jul", 7}, {"juli", 7}, {"juillet", 7},
    {"juil", 7}, {"julio", 7}, {"julho", 7}, {"kwietnia", 4},
    {"kwiecień", 4}, {"kwi", 4}, {"lutego", 2}, {"luty", 2}, {"lut", 2},
    {"luglio", 7}, {"lipca", 7}, {"lipiec", 7}, {"lip", 7},
    {"listopada", 11}, {"listopad", 11}, {"lis", 11}, {"march", 3},
    {"mar", 3}, {"märz", 3}, {"maerz", 3}, {"mär", 3}, {"mars", 3},
    {"marzo", 3}, {"março", 3}, {"maart", 3}, {"marca", 3}, {"marzec", 3},
    {"may", 5}, {"mai", 5}, {"mayo", 5}, {"maggio", 5}, {"maio", 5},
    {"mei", 5}, {"maja", 5}, {"maj", 5}, {"november", 11}, {"nov", 11},
    {"novembre", 11}, {"noviembre", 11}, {"novembro", 11}, {"october", 10},
    {"oct", 10}, {"oktober", 10}, {"okt", 10}, {"octobre", 10},
    {"octubre", 10}, {"ottobre", 10}, {"outubro", 10}, {"out", 10},
    {"października", 10}, {"październik", 10}, {"paź", 10},
    {"stycznia", 1}, {"styczeń", 1}, {"styczen", 1}, {"sty", 1},
    {"sierpnia", 8}, {"sierpień", 8}, {"sie", 8}, {"september", 9},
    {"sep", 9}, {"sept", 9}, {"septembre", 9}, {"septiembre", 9},
    {"setiembre", 9}, {"settembre", 9}, {"setembro", 9}, {"set", 9},
    {"września", 9}, {"wrzesień", 9}, {"wrz", 9},
};
/* g_months[g_month_first[c - 'a'] .. g_month_first[c - 'a' + 1]) are the
 * names starting with letter c (the table is grouped by first letter). */
static const unsigned char g_month_first[27] = {
    0, 14, 14, 17, 28, 30, 42, 47, 47, 47, 68, 71, 81, 100, 105, 114, 117, 117, 117, 133, 133, 133, 133, 136, 136, 136, 136};

/* Lower-cases ASCII and the few upper-case UTF-8 letters month names use
 * (Ä É Ś Ź). */
static size_t fold_word(const char *s, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 2 < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == 0xC3 && i + 1 < len &&
            (unsigned char)s[i + 1] >= 0x80 && (unsigned char)s[i + 1] <= 0x9E) {
            out[o++] = (char)ch;
            out[o++] = (char)((unsigned char)s[i + 1] + 0x20);
            i++;
            continue;
        }
        out[o++] = lc((char)ch);
    }
    out[o] = '\0';
    return o;
}

/* A month name at s[*i..) (a whole word, optional trailing '.'): its
 * number, or 0. */
static int month_at(const char *s, size_t len, size_t *i)
{
    size_t j = *i;
    while (j < len && (is_alpha_ascii(s[j]) || (unsigned char)s[j] >= 0x80))
        j++;
    size_t wl = j - *i;
    if (wl < 3 || wl > 24)
        return 0;
    /* no month name is longer than 13 bytes, and they start with one
     * of these letters */
    if (wl > 13)
        return 0;
    unsigned c0 = (unsigned char)lc(s[*i]) - 'a';
    enum { FIRST = 1u << ('a' - 'a') | 1u << ('c' - 'a') | 1u << ('d' - 'a') |
                   1u << ('e' - 'a') | 1u << ('f' - 'a') | 1u << ('g' - 'a') |
                   1u << ('j' - 'a') | 1u << ('k' - 'a') | 1u << ('l' - 'a') |
                   1u << ('m' - 'a') | 1u << ('n' - 'a') | 1u << ('o' - 'a') |
                   1u << ('p' - 'a') | 1u << ('s' - 'a') | 1u << ('w' - 'a') };
    if (c0 >= 26 || !((unsigned)FIRST >> c0 & 1))
        return 0;
    char w[32];
    fold_word(s + *i, wl, w, sizeof w);
    for (size_t k = g_month_first[c0]; k < g_month_first[c0 + 1]; k++) {
        if (g_months[k].name[1] == w[1] &&
            strcmp(w, g_months[k].name) == 0) {
            if (j < len && s[j] == '.')
                j++;
            *i = j;
            return g_months[k].m;
        }
    }
    return 0;
}

static size_t skip_sp(const char *s, size_t len, size_t i)
{
    for (;;) {
        size_t n = th__utf8_space_len(s + i, len - i);
        if (!n)
            return i;
        i += n;
    }
}

/* Skips a small connector word ("de", "del") between date parts. */
static size_t skip_de(const char *s, size_t len, size_t i)
{
    i = skip_sp(s, len, i);
    if (istarts(s + i, len - i, "de ") )
        i = skip_sp(s, len, i + 3);
    else if (istarts(s + i, len - i, "del "))
        i = skip_sp(s, len, i + 4);
    return i;
}

static int two_digit_year(int y) { return y < 70 ? 2000 + y : 1900 + y; }

/* Tries to read one date starting exactly at s[i] (i at a digit or a
 * letter).  Returns the end offset or 0. */
static size_t date_at(const char *s, size_t len, size_t i, int dmy, date *dt)
{
    dt->hh = dt->mi = dt->ss = -1;
    dt->tz[0] = '\0';
    size_t j = i;
    if (is_digit(s[i])) {
        int a = num(s, len, &j, 1, 4);
        if (a < 0)
            return 0;
        size_t after_a = j;
        if (j - i == 4) { /* YYYY-MM-DD, YYYY/MM/DD, YYYY年M月D日 */
            if (parse_iso(s + i, len - i, dt)) {
                size_t k = i + 10;
                while (k < len && (is_digit(s[k]) || s[k] == ':' ||
                                   s[k] == 'T' || s[k] == '.'))
                    k++;
                return k;
            }
            if (len - j >= 3 && memcmp(s + j, "\xE5\xB9\xB4", 3) == 0) {
                size_t k = j + 3;
                int m = num(s, len, &k, 1, 2);
                if (m > 0 && len - k >= 3 &&
                    memcmp(s + k, "\xE6\x9C\x88", 3) == 0) {
                    k += 3;
                    int d = num(s, len, &k, 1, 2);
                    if (d > 0 && valid_ymd(a, m, d)) {
                        dt->y = a, dt->m = m, dt->d = d;
                        return k;
                    }
                }
            }
            return 0;
        }
        if (j - i > 2)
            return 0;
        /* D.M.YYYY, D/M/YYYY, D-M-YYYY */
        if (j < len && (s[j] == '.' || s[j] == '/' || s[j] == '-')) {
            char sep = s[j];
            size_t k = j + 1;
            if (sep == '.')
                k = skip_sp(s, len, k);
            int b = num(s, len, &k, 1, 2);
            if (b >= 0 && k < len && s[k] == sep) {
                k++;
                if (sep == '.')
                    k = skip_sp(s, len, k);
                size_t ys = k;
                int y = num(s, len, &k, 2, 4);
                if (y >= 0 && (k - ys == 4 || (k - ys == 2 && sep == '.'))) {
                    if (k - ys == 2)
                        y = two_digit_year(y);
                    int d = a, m = b;
                    if (sep == '/') {
                        if (b > 12 || (a <= 12 && !dmy)) {
                            d = b;
                            m = a;
                        }
                    }
                    if (valid_ymd(y, m, d)) {
                        dt->y = y, dt->m = m, dt->d = d;
                        return k;
                    }
                }
                return 0;
            }
        }
        /* D[.|st|th|er|º] [de] Month [de|,] YYYY */
        j = after_a;
        if (j < len && s[j] == '.')
            j++;
        else if (len - j >= 2 && (istarts(s + j, len - j, "st") ||
                                  istarts(s + j, len - j, "nd") ||
                                  istarts(s + j, len - j, "rd") ||
                                  istarts(s + j, len - j, "th") ||
                                  istarts(s + j, len - j, "er")))
            j += 2;
        j = skip_de(s, len, j);
        int m = month_at(s, len, &j);
        if (!m)
            return 0;
        j = skip_de(s, len, j);
        if (j < len && s[j] == ',')
            j = skip_sp(s, len, j + 1);
        size_t ys = j;
        int y = num(s, len, &j, 4, 4);
        if (y < 0 || j - ys != 4 || !valid_ymd(y, m, a))
            return 0;
        dt->y = y, dt->m = m, dt->d = a;
        return j;
    }
    /* Month D[st], YYYY */
    int m = month_at(s, len, &j);
    if (!m)
        return 0;
    j = skip_sp(s, len, j);
    int d = num(s, len, &j, 1, 2);
    if (d < 0)
        return 0;
    if (len - j >= 2 && (istarts(s + j, len - j, "st") ||
                         istarts(s + j, len - j, "nd") ||
                         istarts(s + j, len - j, "rd") ||
                         istarts(s + j, len - j, "th")))
        j += 2;
    if (j < len && s[j] == ',')
        j++;
    j = skip_sp(s, len, j);
    size_t ys = j;
    int y = num(s, len, &j, 4, 4);
    if (y < 0 || j - ys != 4 || !valid_ymd(y, m, d))
        return 0;
    dt->y = y, dt->m = m, dt->d = d;
    return j;
}

/* The first date anywhere in s[0..len) (word starts only); *at receives
 * its offset.  Returns false when there is none. */
static bool find_date(const char *s, size_t len, int dmy, date *dt,
                      size_t *at)
{
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        bool start = i == 0 || !(is_alpha_ascii(s[i - 1]) ||
                                 is_digit(s[i - 1]) ||
                                 (unsigned char)s[i - 1] >= 0x80);
        if (!start)
            continue;
        if (!is_digit(ch) && !is_alpha_ascii(ch))
            continue;
        if (date_at(s, len, i, dmy, dt)) {
            if (at)
                *at = i;
            return true;
        }
    }
    return false;
}

/* A structured value ("2024-03-01T10:00:00+01:00", "March 1, 2024",
 * "Fri, 01 Mar 2024 10:00:00 GMT", "01.03.2024") to a date. */
static bool parse_date_value(const char *s, int dmy, date *dt)
{
    if (!s)
        return false;
    while (th__is_space((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    if (len == 0 || len > 200)
        return false;
    if (parse_iso(s, len, dt))
        return true;
    if (find_date(s, len, dmy, dt, NULL)) {
        /* RFC 2822 "01 Mar 2024 10:00:00": keep the time when it
         * follows. */
        return true;
    }
    /* Unix time in seconds (some CMSs put it in meta tags). */
    size_t k = 0;
    while (k < len && is_digit(s[k]))
        k++;
    if (k == 10 && k == len) {
        long long t = atoll(s);
        long long days = t / 86400;
        /* civil_from_days (Howard Hinnant's algorithm) */
        long long z = days + 719468;
        long long era = (z >= 0 ? z : z - 146096) / 146097;
        long long doe = z - era * 146097;
        long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long long y = yoe + era * 400;
        long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long long mp = (5 * doy + 2) / 153;
        long long d = doy - (153 * mp + 2) / 5 + 1;
        long long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2)
            y++;
        if (!valid_ymd((int)y, (int)m, (int)d))
            return false;
        dt->y = (int)y, dt->m = (int)m, dt->d = (int)d;
        dt->hh = dt->mi = dt->ss = -1;
        dt->tz[0] = '\0';
        return true;
    }
    return false;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's
 * days_from_civil). */
static long long days_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Whether a date carries a time in UTC ("Z", "+00:00"): an instant
 * whose day need not be the day the page's readers saw. */
static bool utc_instant(const date *dt)
{
    return dt->hh >= 0 &&
           (strcmp(dt->tz, "Z") == 0 ||
            ((dt->tz[0] == '+' || dt->tz[0] == '-') &&
             strcmp(dt->tz + 1, "00:00") == 0));
}

/* Whether a date carries a time with a non-zero offset: a local time. */
static bool local_instant(const date *dt)
{
    return dt->hh >= 0 && (dt->tz[0] == '+' || dt->tz[0] == '-') &&
           strcmp(dt->tz + 1, "00:00") != 0;
}

/* Minutes since the epoch, UTC, of a date with a time and a zone. */
static long long utc_minutes(const date *dt)
{
    long long v = days_from_ymd(dt->y, dt->m, dt->d) * 1440 +
                  dt->hh * 60 + dt->mi;
    if (dt->tz[0] == '+' || dt->tz[0] == '-') {
        int off = ((dt->tz[1] - '0') * 10 + (dt->tz[2] - '0')) * 60 +
                  (dt->tz[4] - '0') * 10 + (dt->tz[5] - '0');
        v += dt->tz[0] == '+' ? -off : off;
    }
    return v;
}

/* Whether `local` is the day that readers somewhere saw the UTC instant
 * `u` on, one day off it: an inhabited zone (UTC-10 .. UTC+14) carries
 * the hour across midnight.  0 when not. */
static int local_day_shift(const date *u, const date *local)
{
    long long du = days_from_ymd(u->y, u->m, u->d);
    long long dl = days_from_ymd(local->y, local->m, local->d);
    if (dl == du + 1 && u->hh >= 10)
        return 1;
    if (dl == du - 1 && u->hh < 10)
        return -1;
    return 0;
}

/* A date in a URL's path, as permalinks write it: "/2021/03/12/". */
static bool url_date(const char *url, date *dt)
{
    if (!url)
        return false;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p; p = strchr(p + 1, '/')) {
        const char *q = p + 1;
        size_t k = 0;
        while (k < 10 && q[k] && (k == 4 || k == 7 ? q[k] == '/'
                                                   : is_digit(q[k])))
            k++;
        if (k != 10 || (q[10] && q[10] != '/'))
            continue;
        int y = atoi(q), m = atoi(q + 5), d = atoi(q + 8);
        if (!valid_ymd(y, m, d))
            continue;
        dt->y = y, dt->m = m, dt->d = d;
        dt->hh = dt->mi = dt->ss = -1;
        dt->tz[0] = '\0';
        return true;
    }
    return false;
}

static void fmt_date(const date *dt, char out[40])
{
    char *p = out;
    int y = dt->y, m = dt->m, d = dt->d;
    p[0] = (char)('0' + y / 1000);
    p[1] = (char)('0' + y / 100 % 10);
    p[2] = (char)('0' + y / 10 % 10);
    p[3] = (char)('0' + y % 10);
    p[4] = '-';
    p[5] = (char)('0' + m / 10);
    p[6] = (char)('0' + m % 10);
    p[7] = '-';
    p[8] = (char)('0' + d / 10);
    p[9] = (char)('0' + d % 10);
    p += 10;
    if (dt->hh >= 0) {
        int v[3] = {dt->hh, dt->mi, dt->ss};
        *p++ = 'T';
        for (int k = 0; k < 3; k++) {
            if (k)
                *p++ = ':';
            *p++ = (char)('0' + v[k] / 10);
            *p++ = (char)('0' + v[k] % 10);
        }
        size_t tl = strlen(dt->tz);
        memcpy(p, dt->tz, tl);
        p += tl;
    }
    *p = '\0';
}

/* --------------------------------------------------------- collection -- */

static void add_pair1(ctx *c, const char *key, const char *value);

/* A property attribute may hold several space-separated names. */
static void add_pair(ctx *c, const char *key, const char *value)
{
    if (!key || !value)
        return;
    if (!strchr(key, ' ')) {
        add_pair1(c, key, value);
        return;
    }
    char *k = sdup(c, key, strlen(key));
    if (!k)
        return;
    for (char *tok = k; *tok;) {
        while (*tok == ' ')
            tok++;
        char *e = tok;
        while (*e && *e != ' ')
            e++;
        char save = *e;
        *e = '\0';
        if (*tok)
            add_pair1(c, tok, value);
        if (!save)
            break;
        tok = e + 1;
    }
}

static void add_pair1(ctx *c, const char *key, const char *value)
{
    if (c->npairs >= MAX_PAIRS || !key || !value)
        return;
    size_t kl = strlen(key);
    if (kl == 0 || kl > 64)
        return;
    char *k = sdup(c, key, kl);
    if (!k)
        return;
    for (char *q = k; *q; q++)
        *q = lc(*q);
    const char *v = sclean(c, value, strlen(value));
    if (!v)
        return;
    c->pairs[c->npairs].key = k;
    c->pairs[c->npairs].value = v;
    c->npairs++;
}

/* The first value of a meta key, or NULL. */
static const char *pair(const ctx *c, const char *key)
{
    for (size_t i = 0; i < c->npairs; i++)
        if (strcmp(c->pairs[i].key, key) == 0)
            return c->pairs[i].value;
    return NULL;
}

/* Whether a class/id value names an author/byline element. */
/* The words of a class/id value the collection pass asks about, found
 * in one scan (ASCII case folded, anywhere in the value). */
enum { KW_COMMENT = 1, KW_BYLINE = 2, KW_FORM = 4 };

static bool word_at(const char *v, size_t n, size_t i, const char *w,
                    size_t wl)
{
    if (n - i < wl)
        return false;
    for (size_t k = 1; k < wl; k++)
        if (lc(v[i + k]) != w[k])
            return false;
    return true;
}

static unsigned kw_mask(const char *v, size_t n)
{
    unsigned m = 0;
    for (size_t i = 0; i < n; i++) {
        switch (v[i] | 0x20) { /* exact for the letters below */
        case 'a':
            if (word_at(v, n, i, "author", 6) || word_at(v, n, i, "autor", 5) ||
                word_at(v, n, i, "auteur", 6))
                m |= KW_BYLINE;
            break;
        case 'b':
            if (word_at(v, n, i, "byline", 6) || word_at(v, n, i, "by-line", 7))
                m |= KW_BYLINE;
            break;
        case 'c':
            if (word_at(v, n, i, "comment", 7))
                m |= KW_COMMENT;
            else if (word_at(v, n, i, "creator", 7))
                m |= KW_BYLINE;
            break;
        case 'f':
            if (word_at(v, n, i, "form", 4))
                m |= KW_FORM;
            break;
        case 'w':
            if (word_at(v, n, i, "writer", 6))
                m |= KW_BYLINE;
            break;
        default:
            break;
        }
    }
    return m;
}

/* v[0..n) with its kw_mask m already taken. */
static int byline_class_score(const char *v, size_t n, unsigned m)
{
    if (!v || n > 200)
        return 0;
    if (!(m & KW_BYLINE) || (m & (KW_COMMENT | KW_FORM)))
        return 0;
    /* Words that mark the author's box, not the author's name. */
    static const char *const neg[] = {"avatar", "bio", "description",
                                      "image", "img", "photo", "picture",
                                      "social", "follow", "more",
                                      "comment", "box", "info", "about",
                                      "title", "label", "icon", "link"};
    /* One pass for the words that can make the score positive; most
     * values have none. */
    int score = 2;
    if (istr(v, n, "byline") || istr(v, n, "by-line"))
        score = 3;
    if (istr(v, n, "name"))
        score += 1;
    for (size_t i = 0; i < sizeof neg / sizeof neg[0]; i++)
        if (istr(v, n, neg[i]))
            score -= 1;
    return score > 0 ? score : 0;
}

/* Whether a class/id value has a token naming furniture ("sidebar",
 * "comments", "related-posts"); "has-sidebar" or "comments-open" on a
 * page wrapper do not count. */
static bool furniture_token(const char *v)
{
#define TOK(s) {s, sizeof(s) - 1}
    static const struct {
        const char *s;
        size_t n;
    } toks[] = {
        TOK("comments"), TOK("comment"), TOK("commentlist"),
        TOK("comment-list"), TOK("comments-area"), TOK("comment-body"),
        TOK("sidebar"), TOK("widget-area"), TOK("related"),
        TOK("related-posts"), TOK("related-articles"), TOK("footer"),
        TOK("site-footer"), TOK("menu"), TOK("navigation"),
        TOK("breadcrumb"), TOK("breadcrumbs")};
#undef TOK
    while (*v) {
        while (*v == ' ')
            v++;
        const char *e = v;
        while (*e && *e != ' ')
            e++;
        size_t n = (size_t)(e - v);
        char f = lc(*v);
        if (n >= 4 && n <= 16 && (f == 'c' || f == 's' || f == 'w' ||
                                  f == 'r' || f == 'f' || f == 'm' ||
                                  f == 'n' || f == 'b'))
            for (size_t i = 0; i < sizeof toks / sizeof toks[0]; i++)
                if (toks[i].n == n && toks[i].s[0] == f &&
                    istarts(v, n, toks[i].s))
                    return true;
        v = e;
    }
    return false;
}

static const char *content_of(const th_node *n)
{
    const char *v = TH_ATTR(n, "content");
    if (!v)
        v = TH_ATTR(n, "datetime");
    return v;
}

/* Whether an element holds a link to the site's home page ("/", or a
 * URL with no path): an h1 like that is the site's logo, not a headline. */
static bool links_home(const th_node *el)
{
    for (const th_node *d = el; d; d = th__dom_next(el, d, false)) {
        if (d->type != TH_NODE_ELEMENT || d->tag != TH_TAG_A)
            continue;
        const char *h = TH_ATTR(d, "href");
        if (!h)
            continue;
        if (strcmp(h, "/") == 0 || strcmp(h, "./") == 0)
            return true;
        const char *p = strstr(h, "://");
        if (p) {
            p = strchr(p + 3, '/');
            if (!p || strcmp(p, "/") == 0)
                return true;
        }
    }
    return false;
}

/* Whether a class/id says the element is visually hidden (a heading for
 * screen readers: "sr-only", "visually-hidden", "aural", "hidden"). */
static bool hidden_class(const th_node *n)
{
    static const char *const w[] = {"sr-only", "screen-reader", "visually",
                                    "hidden", "aural", "accessib",
                                    "offscreen", "invisible", "a11y"};
    const char *v[2] = {TH_ATTR(n, "class"), TH_ATTR(n, "id")};
    for (int k = 0; k < 2; k++) {
        if (!v[k])
            continue;
        size_t l = strlen(v[k]);
        if (l > 200)
            continue;
        for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
            if (istr(v[k], l, w[i]))
                return true;
    }
    return false;
}

/* Whether the element itself is furniture (not its ancestors). */
static bool furniture_self(const th_node *p, const char *cl,
                           const char *id)
{
    if (p->type != TH_NODE_ELEMENT || p->tag == TH_TAG_BODY ||
        p->tag == TH_TAG_HTML)
        return false;
    if (p->tag == TH_TAG_NAV || p->tag == TH_TAG_FOOTER ||
        p->tag == TH_TAG_ASIDE)
        return true;
    return (cl && furniture_token(cl)) || (id && furniture_token(id));
}

/* Whether a text node opens with a word that can start a byline. */
static bool byline_word(const char *t, size_t len)
{
    static const char *const w[] = {
        "by", "von", "par", "por", "door", "di", "przez", "autor",
        "autorin", "autoren", "author", "authors", "auteur", "autore",
        "text", "texte", "texto", "posted", "written", "geschrieben",
        "verfasst", "ein", "blog", "beitrag", "redaktion", "escrito",
        "scritto", "\xc3\xa9" "crit", "publi\xc3\xa9", "napisane"};
    size_t i = 0;
    while (i < len && (th__is_space((unsigned char)t[i]) || t[i] == '-' ||
                       t[i] == '|' || (unsigned char)t[i] == 0xC2 ||
                       (unsigned char)t[i] == 0xA0))
        i++;
    size_t e = i;
    while (e < len && e - i < 14 &&
           (is_alpha_ascii(t[e]) || (unsigned char)t[e] >= 0x80))
        e++;
    if (e == i || e - i >= 14 || (e < len && is_alpha_ascii(t[e])))
        return false;
    char low[16];
    fold_word(t + i, e - i, low, sizeof low);
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (w[k][0] == low[0] && strcmp(low, w[k]) == 0)
            return true;
    return false;
}

/* The line of text starting at text node `from`: its text and what
 * follows up to a <br>, a block boundary or 200 bytes (a label alone in
 * its own element, "<h5>Autor:</h5> Name", takes the next text too). */
static const char *line_from(ctx *c, const th_node *root,
                             const th_node *from)
{
    sbuf b = {0};
    size_t steps = 0;
    for (const th_node *n = from; n && steps < 64; steps++) {
        bool skip = false;
        if (n->type == TH_NODE_TEXT) {
            sb_add(c, &b, n->text, n->text_len, 200);
        } else if (n->type == TH_NODE_ELEMENT) {
            if (hidden_tag(n))
                skip = true;
            else if (n->tag == TH_TAG_BR || (block_tag(n) &&
                                             n->tag != TH_TAG_SPAN &&
                                             n->tag != TH_TAG_A &&
                                             n->tag != TH_TAG_TIME)) {
                /* a bare label ("Autor:") continues past the break */
                size_t k = b.len;
                while (k && th__is_space((unsigned char)b.p[k - 1]))
                    k--;
                if (!(k && b.p[k - 1] == ':' && k < 20))
                    break;
                sb_add(c, &b, " ", 1, 200);
            }
        }
        if (b.len >= 200)
            break;
        n = th__dom_next(root, n, skip);
    }
    if (!b.p)
        return NULL;
    b.len = th__collapse_space(b.p, b.len);
    return b.len ? b.p : NULL;
}

/* Whether an element's markup names it the page's headline: itemprop
 * "headline", or a class/id such as "headline", "entry-title",
 * "article-title", "post-title" (not a kicker, a sub-headline, a teaser's
 * or a related post's). */
static bool headline_named(const th_node *n, const char *ip)
{
    if (ip && ieq(ip, "headline"))
        return true;
    if (kicker_child(n))
        return false;
    static const char *const w[] = {"headline", "entry-title",
                                    "article-title", "post-title",
                                    "story-title", "article__title",
                                    "entry__title", "post__title"};
    const char *v[2] = {TH_ATTR(n, "class"), TH_ATTR(n, "id")};
    for (int k = 0; k < 2; k++) {
        if (!v[k])
            continue;
        size_t l = strlen(v[k]);
        if (l > 200 || istr(v[k], l, "sub") || istr(v[k], l, "related") ||
            istr(v[k], l, "teaser"))
            continue;
        for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
            if (istr(v[k], l, w[i]))
                return true;
    }
    return false;
}

/* Whether a <noscript> holds the rest of the page rather than fallback
 * content: "<noscript><div></noscript>" leaves the div open (a parser
 * must ignore that end tag), so every later element ends up inside the
 * noscript, while a browser running scripts shows it all.  Fallback
 * content is small; this is judged by its size, 300 elements or more. */
static bool swallowed_page(const th_node *ns)
{
    size_t els = 0;
    for (const th_node *d = ns->first_child ? th__dom_next(ns, ns, false)
                                            : NULL;
         d; d = th__dom_next(ns, d, false))
        if (d->type == TH_NODE_ELEMENT && ++els >= 300)
            return true;
    return false;
}

static void collect(ctx *c, const th_dom *dom)
{
    const th_node *root = dom->root;
    size_t nodes = 0;
    /* Linear ancestor state: the depth of the outermost furniture and
     * article/header/main ancestor (0 = none).  Pre-order: a node at a
     * depth <= the recorded one has left that subtree. */
    uint32_t furn_d = 0, art_d = 0, cmt_d = 0, byl_d = 0, h1_d = 0;
    for (const th_node *n = root; n; ) {
        bool skip = false;
        if (++nodes > 2000000)
            break;
        if (h1_d && n->depth <= h1_d) {
            c->h1_end = c->body.len;
            h1_d = 0;
        }
        if (furn_d && n->depth <= furn_d)
            furn_d = 0;
        if (art_d && n->depth <= art_d)
            art_d = 0;
        if (cmt_d && n->depth <= cmt_d)
            cmt_d = 0;
        if (byl_d && n->depth <= byl_d)
            byl_d = 0;
        /* class and id, scanned once for the words asked about below */
        const char *cl = NULL, *id = NULL;
        size_t cn = 0, in = 0;
        unsigned cm = 0, im = 0;
        if (n->type == TH_NODE_ELEMENT) {
            cl = TH_ATTR(n, "class");
            id = TH_ATTR(n, "id");
            cn = cl ? strlen(cl) : 0, in = id ? strlen(id) : 0;
            cm = cl && cn <= 200 ? kw_mask(cl, cn) : 0;
            im = id && in <= 200 ? kw_mask(id, in) : 0;
        }
        if (!cmt_d && n->type == TH_NODE_ELEMENT &&
            ((cn < 200 && (cm & KW_COMMENT)) ||
             (in < 200 && (im & KW_COMMENT))))
            cmt_d = n->depth ? n->depth : 1;
        bool in_art = art_d != 0; /* strictly inside, n itself excluded */
        /* an article's own <footer> (date, tags) is not page furniture */
        if (!furn_d && furniture_self(n, cl, id) &&
            !(n->tag == TH_TAG_FOOTER && art_d))
            furn_d = n->depth ? n->depth : 1;
        if (!art_d && n->type == TH_NODE_ELEMENT &&
            (n->tag == TH_TAG_ARTICLE || n->tag == TH_TAG_HEADER ||
             n->tag == TH_TAG_MAIN))
            art_d = n->depth ? n->depth : 1;
        bool furn = furn_d != 0;
        if (n->type == TH_NODE_TEXT) {
            if (c->body.len < DATELINE_CAP && !furn)
                body_add(c, n->text, n->text_len);
            if (!furn && c->ntlines < MAX_TLINES &&
                byline_word(n->text, n->text_len)) {
                const char *l = line_from(c, root, n);
                if (l && strlen(l) < 200)
                    c->tlines[c->ntlines++] = l;
            }
            n = th__dom_next(root, n, false);
            continue;
        }
        if (n->type != TH_NODE_ELEMENT) {
            n = th__dom_next(root, n, false);
            continue;
        }
        const char *ip = TH_ATTR(n, "itemprop");
        switch (n->tag) {
        case TH_TAG_HTML:
            if (!c->html_lang)
                c->html_lang = TH_ATTR(n, "lang");
            if (!c->html_lang)
                c->html_lang = TH_ATTR(n, "xml:lang");
            break;
        case TH_TAG_TITLE:
            if (!c->title_tag && n->ns == TH_NS_HTML)
                c->title_tag = node_text(c, n, TEXT_CAP);
            skip = true;
            break;
        case TH_TAG_META: {
            const char *v = TH_ATTR(n, "content");
            const char *k = TH_ATTR(n, "property");
            if (k && v)
                add_pair(c, k, v);
            k = TH_ATTR(n, "name");
            if (k && v)
                add_pair(c, k, v);
            if (ip && v)
                add_pair(c, ip, v);
            k = TH_ATTR(n, "http-equiv");
            if (k && v)
                add_pair(c, k, v);
            break;
        }
        case TH_TAG_LINK: {
            const char *rel = TH_ATTR(n, "rel");
            const char *href = TH_ATTR(n, "href");
            if (rel && href && ieq(rel, "canonical") && !c->canonical)
                c->canonical = sclean(c, href, strlen(href));
            if (ip && href)
                add_pair(c, ip, href);
            break;
        }
        case TH_TAG_SCRIPT: {
            const char *ty = TH_ATTR(n, "type");
            if (ty && istr(ty, strlen(ty), "ld+json") &&
                c->njsonld < MAX_JSONLD) {
                sbuf b = {0};
                for (const th_node *t = n->first_child; t; t = t->next)
                    if (t->type == TH_NODE_TEXT)
                        sb_add(c, &b, t->text, t->text_len, 1 << 20);
                if (b.p) {
                    th_json *j = th__jr_parse(c->a, b.p, b.len, &c->oom);
                    if (j)
                        c->jsonld[c->njsonld++] = j;
                }
            }
            skip = true;
            break;
        }
        case TH_TAG_NOSCRIPT:
            skip = !swallowed_page(n);
            break;
        case TH_TAG_STYLE: case TH_TAG_TEMPLATE:
        case TH_TAG_SVG: case TH_TAG_MATH:
            skip = true;
            break;
        case TH_TAG_H1:
            if (c->nh1 < MAX_H1) {
                bool hid = furn || hidden_class(n);
                if (!c->have_h1_off && !hid) {
                    c->h1_off = c->h1_end = c->body.len;
                    c->have_h1_off = true;
                    h1_d = n->depth ? n->depth : 1;
                }
                const char *t = heading_text(c, n, TEXT_CAP);
                if (h1_d && !c->h1_head)
                    c->h1_head = t;
                if (t && !links_home(n)) {
                    c->h1_hidden[c->nh1] = hid;
                    c->h1_named[c->nh1] = headline_named(n, ip);
                    c->h1[c->nh1++] = t;
                }
            }
            break;
        case TH_TAG_H2:
            if (c->nh2 < MAX_H2 && !furn && !hidden_class(n)) {
                const char *t = heading_text(c, n, TEXT_CAP);
                if (t) {
                    c->h2_named[c->nh2] = headline_named(n, ip);
                    c->h2[c->nh2++] = t;
                }
            }
            break;
        case TH_TAG_TIME:
            if (c->ntimes < MAX_TIMES) {
                const char *dtv = TH_ATTR(n, "datetime");
                int sc = 1;
                if (TH_ATTR(n, "pubdate"))
                    sc += 4;
                if (ip && ieq(ip, "datePublished"))
                    sc += 4;
                if (ip && ieq(ip, "dateModified"))
                    sc -= 3;
                if (in_art)
                    sc += 2;
                if (furn)
                    sc -= 3;
                const char *txt = dtv ? dtv : node_text(c, n, 200);
                if (txt && sc > 0) {
                    c->times[c->ntimes].text = txt;
                    c->times[c->ntimes].score = sc;
                    c->ntimes++;
                }
            }
            break;
        default:
            break;
        }
        if (n->tag == TH_TAG_A) {
            const char *rel = TH_ATTR(n, "rel");
            if (rel && istr(rel, strlen(rel), "author") && !c->rel_author &&
                !furn)
                c->rel_author = node_text(c, n, 200);
        }
        if (ip && n->tag != TH_TAG_META && n->tag != TH_TAG_LINK) {
            if (ieq(ip, "author") || ieq(ip, "creator")) {
                /* microdata authors count in an aside (an author box),
                 * never in comments */
                if (!c->ip_author && !cmt_d) {
                    /* Prefer a nested itemprop=name. */
                    const th_node *nm = NULL;
                    for (const th_node *d = n->first_child ? n : NULL; d;
                         d = th__dom_next(n, d, false)) {
                        const char *dip = d->type == TH_NODE_ELEMENT
                                              ? TH_ATTR(d, "itemprop")
                                              : NULL;
                        if (dip && ieq(dip, "name")) {
                            nm = d;
                            break;
                        }
                    }
                    const char *v = nm ? content_of(nm) : content_of(n);
                    c->ip_author = v ? sclean(c, v, strlen(v))
                                     : node_text(c, nm ? nm : n, 200);
                }
            } else if (ieq(ip, "datePublished") || ieq(ip, "dateCreated")) {
                if (!c->ip_published) {
                    const char *v = content_of(n);
                    c->ip_published = v ? v : node_text(c, n, 200);
                }
            } else if (ieq(ip, "dateModified")) {
                if (!c->ip_modified) {
                    const char *v = content_of(n);
                    c->ip_modified = v ? v : node_text(c, n, 200);
                }
            } else if (ieq(ip, "headline") && !c->ip_headline) {
                const char *v = content_of(n);
                c->ip_headline = v ? sclean(c, v, strlen(v))
                                   : node_text(c, n, TEXT_CAP);
            }
        }
        if (c->nbylines < MAX_BYLINES && !byl_d && n->tag != TH_TAG_META &&
            n->tag != TH_TAG_BODY && n->tag != TH_TAG_HTML &&
            n->tag != TH_TAG_ARTICLE && n->tag != TH_TAG_IMG) {
            int sc = byline_class_score(cl, cn, cm);
            if (n->tag == TH_TAG_UNKNOWN && n->name &&
                strcmp(n->name, "byline") == 0)
                sc = 3; /* <byline> (NITF-style markup) */
            int si = byline_class_score(id, in, im);
            if (si > sc)
                sc = si;
            const char *rel = TH_ATTR(n, "rel");
            if (rel && ieq(rel, "author"))
                sc = sc > 2 ? sc : 2;
            if (sc > 0 && !furn) {
                const char *t = node_text(c, n, 300);
                if (t && strlen(t) < 300) {
                    c->bylines[c->nbylines].text = t;
                    c->bylines[c->nbylines].score = sc;
                    c->nbylines++;
                    /* nested author spans repeat it; a <time> inside is
                     * still seen */
                    byl_d = n->depth ? n->depth : 1;
                }
            }
        }
        if (!skip && block_tag(n) && c->body.len < DATELINE_CAP)
            sb_add(c, &c->body, "\n", 1, DATELINE_CAP);
        n = th__dom_next(root, n, skip);
    }
    if (h1_d)
        c->h1_end = c->body.len;
}

/* ---------------------------------------------------------- JSON-LD ---- */

static bool type_is(const th_json *o, const char *const *types, size_t nt)
{
    const th_json *t = th__jr_get(o, "@type");
    if (!t)
        return false;
    const th_json *one = t->type == TH_JSON_ARRAY ? t->child : t;
    for (; one; one = t->type == TH_JSON_ARRAY ? one->next : NULL) {
        const char *s = th__jr_str(one);
        if (!s)
            continue;
        for (size_t i = 0; i < nt; i++)
            if (ieq(s, types[i]))
                return true;
    }
    return false;
}

static const char *const g_article_types[] = {
    "NewsArticle", "Article", "BlogPosting", "ReportageNews",
    "AnalysisNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "BackgroundNewsArticle", "LiveBlogPosting", "TechArticle",
    "ScholarlyArticle", "Report", "SocialMediaPosting", "DiscussionForumPosting",
    "Review", "Recipe", "VideoObject", "Blog", "Question", "HowTo"};
static const char *const g_page_types[] = {"WebPage", "ItemPage",
                                           "AboutPage", "CollectionPage",
                                           "ProfilePage", "QAPage"};
static const char *const g_site_types[] = {"WebSite", "Organization",
                                           "NewsMediaOrganization",
                                           "Corporation"};

typedef struct ld_pick {
    const th_json *article; /* best article-like object */
    int article_rank;
    const th_json *page;    /* a WebPage */
    const th_json *site;    /* a WebSite/Organization */
    const th_json *all[256];
    size_t nall;
} ld_pick;

static void ld_walk(ld_pick *lp, const th_json *v, unsigned depth)
{
    if (!v || depth > 8)
        return;
    if (v->type == TH_JSON_ARRAY) {
        for (const th_json *e = v->child; e; e = e->next)
            ld_walk(lp, e, depth + 1);
        return;
    }
    if (v->type != TH_JSON_OBJECT)
        return;
    if (lp->nall < sizeof lp->all / sizeof lp->all[0])
        lp->all[lp->nall++] = v;
    size_t na = sizeof g_article_types / sizeof g_article_types[0];
    if (type_is(v, g_article_types, na)) {
        int rank = th__jr_get(v, "headline") ? 3 : 1;
        if (th__jr_get(v, "datePublished"))
            rank++;
        if (th__jr_get(v, "author"))
            rank++;
        if (!lp->article || rank > lp->article_rank) {
            lp->article = v;
            lp->article_rank = rank;
        }
    } else if (type_is(v, g_page_types,
                       sizeof g_page_types / sizeof g_page_types[0])) {
        if (!lp->page)
            lp->page = v;
    } else if (type_is(v, g_site_types,
                       sizeof g_site_types / sizeof g_site_types[0])) {
        if (!lp->site)
            lp->site = v;
    }
    const th_json *g = th__jr_get(v, "@graph");
    if (g)
        ld_walk(lp, g, depth + 1);
    /* An article can hang under a page's mainEntity. */
    const th_json *me = th__jr_get(v, "mainEntity");
    if (me && me->type != TH_JSON_STRING)
        ld_walk(lp, me, depth + 1);
}

/* Resolves {"@id": "..."} against the objects seen. */
static const th_json *ld_resolve(const ld_pick *lp, const th_json *v)
{
    if (!v || v->type != TH_JSON_OBJECT)
        return v;
    if (th__jr_get(v, "name"))
        return v;
    const char *id = th__jr_str(th__jr_get(v, "@id"));
    if (!id)
        return v;
    for (size_t i = 0; i < lp->nall; i++) {
        const char *oid = th__jr_str(th__jr_get(lp->all[i], "@id"));
        if (oid && strcmp(oid, id) == 0 && lp->all[i] != v)
            return lp->all[i];
    }
    return v;
}

/* A string-ish field: a string, or the "name"/"@value"/"url" of an
 * object, or the first element of an array. */
static const char *ld_text(const ld_pick *lp, const th_json *v)
{
    if (!v)
        return NULL;
    if (v->type == TH_JSON_ARRAY)
        v = v->child;
    if (!v)
        return NULL;
    if (v->type == TH_JSON_STRING)
        return v->str;
    if (v->type == TH_JSON_OBJECT) {
        v = ld_resolve(lp, v);
        const char *s = th__jr_str(th__jr_get(v, "name"));
        if (!s)
            s = th__jr_str(th__jr_get(v, "@value"));
        if (!s)
            s = th__jr_str(th__jr_get(v, "url"));
        return s;
    }
    return NULL;
}

/* The name a JSON-LD BreadcrumbList gives the page itself: its last item
 * (highest position), as "name" or the name of its "item".  NULL when
 * the page has no breadcrumb. */
static const char *ld_crumb(const ld_pick *lp)
{
    static const char *const bl[] = {"BreadcrumbList"};
    const th_json *list = NULL;
    for (size_t i = 0; i < lp->nall && !list; i++) {
        const th_json *o = lp->all[i];
        if (type_is(o, bl, 1))
            list = o;
        else {
            const th_json *b = ld_resolve(lp, th__jr_get(o, "breadcrumb"));
            if (b && b->type == TH_JSON_OBJECT && type_is(b, bl, 1))
                list = b;
        }
    }
    const th_json *items = list ? th__jr_get(list, "itemListElement") : NULL;
    if (!items || items->type != TH_JSON_ARRAY)
        return NULL;
    const th_json *last = NULL;
    long best = -1;
    for (const th_json *e = items->child; e; e = e->next) {
        if (e->type != TH_JSON_OBJECT)
            continue;
        const th_json *pv = th__jr_get(e, "position");
        const char *ps = pv ? pv->str : NULL;
        long pos = ps ? strtol(ps, NULL, 10) : 0;
        if (pos >= best) {
            best = pos;
            last = e;
        }
    }
    if (!last)
        return NULL;
    const char *nm = th__jr_str(th__jr_get(last, "name"));
    if (!nm) {
        const th_json *it = ld_resolve(lp, th__jr_get(last, "item"));
        if (it && it->type == TH_JSON_OBJECT)
            nm = th__jr_str(th__jr_get(it, "name"));
    }
    return nm;
}

/* ---------------------------------------------------------- authors ---- */

typedef struct names {
    const char *v[16];
    size_t n;
} names;

static bool has_digit(const char *s)
{
    for (; *s; s++)
        if (is_digit(*s))
            return true;
    return false;
}

static size_t count_words(const char *s)
{
    size_t w = 0;
    bool in = false;
    for (; *s; s++) {
        bool sp = *s == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Strips a leading "By"/"Von"/"Par"/"Por"/"Di"/"Door"/"Autor:" ... and
 * trailing separators; returns the start (in place). */
static char *strip_byline(char *s)
{
    static const char *const pre[] = {
        "written by ", "posted by ", "published by ", "text by ",
        "story by ", "words by ", "report by ", "reported by ",
        "von ", "by ", "par ", "por ", "di ", "door ", "av ", "af ",
        "de ", "autor: ", "autorin: ", "autoren: ", "author: ",
        "authors: ", "auteur: ", "autor ", "autorin ", "text: ",
        "texte: ", "text ", "redakteur: ", "reporter: ", "from ",
        "view all posts by ", "all posts by ", "more posts by ",
        "post author ", "zeige alle beiträge von ", "alle beiträge von ",
        "alle artikel von ", "voir tous les articles de ",
        "tous les articles de ", "ver todas las entradas de ",
        "von: ", "by: ", "ein artikel von ", "ein beitrag von ",
        "blog beitrag von ", "beitrag von ", "geschrieben von ",
        "verfasst von ", "escrito por ", "scritto da ", "écrit par ",
        "publié par ", "przez ", "redaktion: ", "autore: ", "texto: ",
        "posted on by ", "– ", "- ", "— ", "| ", ": "};
    size_t len = strlen(s);
    bool again = true;
    while (again) {
        again = false;
        while (len && (*s == ' ' || *s == ',' || *s == '|' || *s == ':' ||
                       *s == '-' || *s == '/' || *s == '\xC2' ||
                       (unsigned char)*s == 0xB7)) {
            s++;
            len--;
        }
        for (size_t i = 0; i < sizeof pre / sizeof pre[0]; i++) {
            if (istarts(s, len, pre[i])) {
                size_t k = strlen(pre[i]);
                s += k;
                len -= k;
                again = true;
                break;
            }
        }
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == ',' ||
                   s[len - 1] == '|' || s[len - 1] == '-' ||
                   s[len - 1] == ':' || s[len - 1] == '/'))
        s[--len] = '\0';
    return s;
}

/* Whether s[0..n) is one weekday or month name (any listed language). */
static bool date_word(const char *s, size_t n)
{
    size_t i = 0;
    if (month_at(s, n, &i) && i >= n)
        return true;
    static const char *const days[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "montag", "dienstag", "mittwoch",
        "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi",
        "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes",
        "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
        "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
        "zaterdag", "zondag"};
    char low[32];
    if (n >= sizeof low - 2)
        return false;
    fold_word(s, n, low, sizeof low);
    size_t l = strlen(low);
    if (l && low[l - 1] == ',')
        low[l - 1] = '\0';
    for (size_t k = 0; k < sizeof days / sizeof days[0]; k++)
        if (strcmp(low, days[k]) == 0)
            return true;
    return false;
}

/* Whether a candidate name is plausible: letters, 1..6 words, no digits,
 * no URL, not a role word. */
static bool plausible_name(const char *s)
{
    size_t n = strlen(s);
    if (n < 2 || n > 80 || has_digit(s))
        return false;
    if (istr(s, n, "http") || istr(s, n, "www.") || strchr(s, '@') ||
        strchr(s, '{') || strchr(s, '<') || strchr(s, '=') ||
        strchr(s, '*') || strchr(s, '|') || strchr(s, '[') ||
        strchr(s, '?') || strchr(s, '!'))
        return false;
    size_t w = count_words(s);
    if (w < 1 || w > 6)
        return false;
    static const char *const bad[] = {
        "staff", "admin", "administrator", "editor", "wordpressadmin",
        "anonymous", "unknown", "guest", "user", "team", "name", "share",
        "follow", "datum", "date",
        "comments", "comment", "updated", "published", "posted",
        "read more", "more from", "contact", "twitter", "facebook",
        "email", "subscribe", "menu", "login", "sign in", "sign up",
        "veröffentlicht", "publiziert", "aktualisiert", "publié",
        "publicado", "pubblicato", "authority control"};
    char low[96];
    size_t L = fold_word(s, n, low, sizeof low);
    (void)L;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t bl = strlen(bad[i]);
        if (strcmp(low, bad[i]) == 0)
            return false;
        /* whole-word "share"/"follow"... inside a longer string */
        if (bl >= 5 && w > 1) {
            const char *f = strstr(low, bad[i]);
            if (f && (f == low || f[-1] == ' ') &&
                (f[bl] == '\0' || f[bl] == ' '))
                return false;
        }
    }
    if (w == 1 && date_word(s, n))
        return false;
    /* a picture credit or a source line, not the writer */
    static const char *const credit[] = {"foto:", "fotos:", "photo:",
                                         "photos:", "bild:", "bilder:",
                                         "image:", "credit:", "quelle:",
                                         "source:", "grafik:"};
    for (size_t i = 0; i < sizeof credit / sizeof credit[0]; i++)
        if (strncmp(low, credit[i], strlen(credit[i])) == 0)
            return false;
    /* At least one letter. */
    for (const char *p = s; *p; p++)
        if (is_alpha_ascii(*p) || (unsigned char)*p >= 0x80)
            return true;
    return false;
}

/* Splits a byline ("A, B and C", "A und B", "A & B") into names. */
static void split_names(ctx *c, const char *raw, names *out)
{
    if (!raw)
        return;
    size_t n = strlen(raw);
    char *s = sdup(c, raw, n);
    if (!s)
        return;
    n = th__collapse_space(s, n);
    s = strip_byline(s);
    /* Cut at a date or a dateline separator that follows the name. */
    static const char *const cut[] = {
        " | ", " - ", " — ", " – ", " • ", " · ", "\n", " on ",
        " am ", " le ", " el ", " published", " updated", " veröffentlicht",
        " aktualisiert", " posted", " via ", "(", " mit ", " illustration",
        " foto", " fotos:", " photo", " bild", " grafik", " @ "};
    for (size_t i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        const char *f = istr(s, strlen(s), cut[i]);
        if (f && f > s)
            s[f - s] = '\0';
    }
    s = strip_byline(s);
    /* a labelled name later in the line: "Datum: 1.2.2021 Autor: X" */
    static const char *const lab[] = {"autor: ", "autorin: ", "author: ",
                                      "autoren: "};
    for (size_t i = 0; i < sizeof lab / sizeof lab[0]; i++) {
        const char *f = istr(s, strlen(s), lab[i]);
        if (f && f > s && f[-1] == ' ') {
            s = (char *)f;
            break;
        }
    }
    /* a date or a count after the name ("By A. Writer 22 Dec 2016") */
    for (char *q = s; *q; q++)
        if (is_digit(*q) && q > s && q[-1] != '.') {
            /* "A. Writer 22 Dec" or "A. Writer22 Dec"; a handle like
             * "cc7567" stays whole and is rejected below */
            if (q[-1] == ' ' || memchr(s, ' ', (size_t)(q - s)))
                *q = '\0';
            break;
        }
    /* a weekday or month after the name ("Par Marie Dupont jeudi 4 ...") */
    for (char *q = strchr(s, ' '); q; q = strchr(q + 1, ' ')) {
        char *e = q + 1;
        while (*e && *e != ' ')
            e++;
        if (e > q + 1 && date_word(q + 1, (size_t)(e - q - 1))) {
            *q = '\0';
            break;
        }
    }
    s = strip_byline(s);
    static const char *const seps[] = {", ", " and ", " und ", " & ",
                                       " et ", " y ", " e ", " i ",
                                       " en ", "; ", " / ", "/"};
    char *p = s;
    while (p && *p && out->n < 16) {
        char *best = NULL;
        size_t bl = 0;
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
            const char *f = istr(p, strlen(p), seps[i]);
            if (f && (!best || f < best)) {
                best = (char *)f;
                bl = strlen(seps[i]);
            }
        }
        if (best)
            *best = '\0';
        char *nm = strip_byline(p);
        if (plausible_name(nm)) {
            bool dup = false;
            for (size_t i = 0; i < out->n; i++)
                if (ieq(out->v[i], nm))
                    dup = true;
            if (!dup)
                out->v[out->n++] = nm;
        }
        p = best ? best + bl : NULL;
    }
}

static void ld_authors(ctx *c, const ld_pick *lp, const th_json *a,
                       names *out, bool *org)
{
    if (!a)
        return;
    const th_json *one = a->type == TH_JSON_ARRAY ? a->child : a;
    for (; one && out->n < 16;
         one = a->type == TH_JSON_ARRAY ? one->next : NULL) {
        if (one->type == TH_JSON_STRING) {
            split_names(c, one->str, out);
            continue;
        }
        const th_json *o = ld_resolve(lp, one);
        if (!o || o->type != TH_JSON_OBJECT)
            continue;
        static const char *const orgt[] = {"Organization",
                                           "NewsMediaOrganization",
                                           "Corporation"};
        if (type_is(o, orgt, 3))
            *org = true;
        const char *nm = th__jr_str(th__jr_get(o, "name"));
        if (!nm) {
            const char *gn = th__jr_str(th__jr_get(o, "givenName"));
            const char *fn = th__jr_str(th__jr_get(o, "familyName"));
            if (gn && fn) {
                size_t l1 = strlen(gn), l2 = strlen(fn);
                char *j = th__arena_alloc(c->a, l1 + l2 + 2);
                if (j) {
                    memcpy(j, gn, l1);
                    j[l1] = ' ';
                    memcpy(j + l1 + 1, fn, l2 + 1);
                    nm = j;
                }
            }
        }
        if (nm)
            split_names(c, nm, out);
    }
}

/* ------------------------------------------------------------ titles --- */

/* Normalises for comparison: lower-case ASCII, letters and digits only
 * (other bytes >= 0x80 kept), into out. */
static size_t norm_cmp(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    for (; *s && o + 1 < cap; s++) {
        unsigned char ch = (unsigned char)*s;
        if (is_alpha_ascii((char)ch) || is_digit((char)ch))
            out[o++] = lc((char)ch);
        else if (ch >= 0x80) {
            /* skip typographic punctuation U+2010..U+201F, U+00AB/BB */
            if (ch == 0xE2 && (unsigned char)s[1] == 0x80 && s[2]) {
                s += 2; /* never past the NUL of a sequence cut short */
                continue;
            }
            if (ch == 0xC2 && ((unsigned char)s[1] == 0xAB ||
                               (unsigned char)s[1] == 0xBB ||
                               (unsigned char)s[1] == 0xA0 ||
                               (unsigned char)s[1] == 0xAD)) {
                s += 1;
                continue;
            }
            out[o++] = (char)ch;
        }
    }
    out[o] = '\0';
    return o;
}

static bool same_text(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    char x[TEXT_CAP + 1], y[TEXT_CAP + 1];
    size_t lx = norm_cmp(a, x, sizeof x), ly = norm_cmp(b, y, sizeof y);
    return lx > 0 && lx == ly && memcmp(x, y, lx) == 0;
}

/* Whether segment `seg` looks like the site's name: it matches the site
 * name or the domain (ignoring case, spaces and punctuation), either
 * containing the other. */
static bool is_site_segment(const char *seg, const char *site,
                            const char *domain)
{
    char s[512], t[512];
    size_t ls = norm_cmp(seg, s, sizeof s);
    if (ls == 0)
        return true;
    const char *refs[2] = {site, domain};
    for (int k = 0; k < 2; k++) {
        if (!refs[k])
            continue;
        size_t lt = norm_cmp(refs[k], t, sizeof t);
        if (lt < 3)
            continue;
        /* "Site Online" names the site; "Headline about site.com" does
         * not: the segment holding the name may add little to it. */
        if ((ls <= 2 * lt + 8 && strstr(s, t)) || (ls >= 3 && strstr(t, s)))
            return true;
    }
    return false;
}

/* Title separators, longest first (so " — " wins over " - "). */
static const char *const g_seps[] = {
    " | ", " :: ", " — ", " – ", " - ", " · ", " • ", " // ",
    " » ", " « ", " > ", " ~ ", " : ", ": ", " ‹ ", " › ", " ⋆ ", "_"};

/* Removes a site name from either end of a title: splits at the last
 * (for a suffix) or the first (for a prefix) separator and drops the
 * segment that names the site.  `core` (an h1 or og:title) helps: a
 * segment equal to it is the title. */
static const char *clean_title(ctx *c, const char *t, const char *site,
                               const char *domain, const char *const *cores,
                               size_t ncores)
{
    if (!t)
        return NULL;
    for (size_t k = 0; k < ncores; k++)
        if (cores[k] && same_text(t, cores[k]))
            return t;
    size_t len = strlen(t);
    for (int round = 0; round < 3; round++) {
        bool changed = false;
        for (size_t si = 0; si < sizeof g_seps / sizeof g_seps[0]; si++) {
            const char *sep = g_seps[si];
            size_t sl = strlen(sep);
            /* last occurrence -> suffix */
            const char *last = NULL, *first = NULL;
            for (const char *f = t; (f = strstr(f, sep)); f += sl) {
                if (!first)
                    first = f;
                last = f;
            }
            if (!last)
                continue;
            bool weak = strcmp(sep, ": ") == 0 || strcmp(sep, " : ") == 0 ||
                        strcmp(sep, "_") == 0 || strcmp(sep, " - ") == 0;
            const char *suf = last + sl;
            size_t pl = (size_t)(first - t);
            char *head = sdup(c, t, (size_t)(last - t));
            char *tail = sdup(c, first + sl, len - pl - sl);
            char *pre = sdup(c, t, pl);
            if (!head || !tail || !pre)
                return t;
            /* A segment equal to the core wins outright. */
            for (size_t k = 0; k < ncores; k++) {
                if (!cores[k])
                    continue;
                if (same_text(head, cores[k]))
                    return head;
                if (same_text(pre, cores[k]) && *tail &&
                    !same_text(suf, cores[k]))
                    return pre;
            }
            /* the page's own domain is the site, whatever other name
             * (a publisher person) the other end may match */
            if (domain && !is_site_segment(suf, NULL, domain) &&
                is_site_segment(pre, NULL, domain) && *tail) {
                t = tail;
                changed = true;
            } else if (is_site_segment(suf, site, domain) && strlen(head) > 0 &&
                !(weak && !site && !domain)) {
                t = head;
                changed = true;
            } else if (is_site_segment(pre, site, domain) && *tail) {
                t = tail;
                changed = true;
            }
            if (changed) {
                len = strlen(t);
                break;
            }
        }
        if (!changed)
            break;
    }
    /* "» Headline" left by a cut at " // » " */
    while (*t && (strncmp(t, "» ", 3) == 0 || strncmp(t, "« ", 3) == 0 ||
                  ((*t == '|' || *t == '>' || *t == '/') && t[1] == ' ')))
        t += (unsigned char)*t >= 0x80 ? 3 : 2;
    return t;
}

/* Whether `part` is a whole separator-bounded segment at either end of
 * `whole` (after normalisation): "Headline" in "Headline | Site". */
static bool segment_of(const char *part, const char *whole)
{
    char x[TEXT_CAP + 1], y[TEXT_CAP + 1];
    size_t lx = norm_cmp(part, x, sizeof x), ly = norm_cmp(whole, y, sizeof y);
    if (lx < 4 || lx > ly)
        return false;
    if (memcmp(x, y, lx) != 0 && memcmp(x, y + ly - lx, lx) != 0)
        return false;
    /* and the raw text has a separator right after/before it */
    size_t pl = strlen(part), wl = strlen(whole);
    for (size_t si = 0; si < sizeof g_seps / sizeof g_seps[0]; si++) {
        const char *f = strstr(whole, g_seps[si]);
        while (f) {
            size_t at = (size_t)(f - whole);
            if ((at + 2 >= pl && at <= pl + 2) ||
                (wl - at - strlen(g_seps[si]) + 2 >= pl &&
                 wl - at - strlen(g_seps[si]) <= pl + 2))
                return true;
            f = strstr(f + 1, g_seps[si]);
        }
    }
    return false;
}

/* Percentage of the words of `a` (3+ bytes, case-folded) found in `b`. */
static int word_overlap(const char *a, const char *b)
{
    char low[TEXT_CAP + 1];
    size_t bl = fold_word(b, strlen(b), low, sizeof low);
    size_t words = 0, hits = 0;
    const char *p = a;
    while (*p) {
        while (*p && !(is_alpha_ascii(*p) || is_digit(*p) ||
                       (unsigned char)*p >= 0x80))
            p++;
        const char *st = p;
        while (*p && (is_alpha_ascii(*p) || is_digit(*p) ||
                      (unsigned char)*p >= 0x80))
            p++;
        size_t wl = (size_t)(p - st);
        if (wl < 3 || wl > 60)
            continue;
        char w[64];
        fold_word(st, wl, w, sizeof w);
        words++;
        if (bl && istr(low, bl, w))
            hits++;
    }
    return words ? (int)(hits * 100 / words) : 0;
}

/* The domain of a URL without "www." (scratch), or NULL. */
static const char *domain_of(ctx *c, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    if (p)
        p += 3;
    else if (url[0] == '/' && url[1] == '/')
        p = url + 2;
    else
        return NULL;
    const char *e = p;
    while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#')
        e++;
    if (e - p >= 4 && istarts(p, (size_t)(e - p), "www."))
        p += 4;
    if (e <= p)
        return NULL;
    return sdup(c, p, (size_t)(e - p));
}

/* Whether every name looks like an organisation or a handle: the site's
 * own name, a JSON-LD Organization, or one lower-case token
 * ("jdoe", "christian.stadtfeld"). */
static bool weak_names(const names *nm, const char *site,
                       const char *domain, bool org)
{
    if (org)
        return true;
    for (size_t i = 0; i < nm->n; i++) {
        const char *v = nm->v[i];
        bool weak = false;
        if ((site && same_text(v, site)) ||
            (domain && is_site_segment(v, NULL, domain)))
            weak = true;
        if (!strchr(v, ' ')) {
            bool upper = false;
            for (const char *p = v; *p; p++)
                if ((*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0xC3)
                    upper = true;
            if (!upper || strchr(v, '.') || strchr(v, '_'))
                weak = true;
        }
        if (!weak)
            return false;
    }
    return true;
}

/* A byline written as a line of text near the headline: "Von Anna
 * Muster", "By John Smith and Jane Doe", "Text: Marie Dupont". */
static bool name_shaped(const char *v, bool strong)
{
    size_t w = count_words(v);
    if (w > 4 || (!strong && w < 2))
        return false;
    static const char *const part[] = {"von", "van", "de", "der", "den",
                                       "da", "di", "del", "la", "le",
                                       "du", "dos", "zu", "bin", "al"};
    const char *p = v;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        unsigned char f = (unsigned char)*p;
        bool cap = (f >= 'A' && f <= 'Z') || f >= 0xC3;
        bool particle = false;
        for (size_t k = 0; k < sizeof part / sizeof part[0]; k++)
            if ((size_t)(e - p) == strlen(part[k]) &&
                istarts(p, (size_t)(e - p), part[k]))
                particle = true;
        if (e > p && !cap && !particle && !(strong && w == 1))
            return false;
        p = e;
    }
    return true;
}

/* A byline written as a line of text: "Von Anna Muster", "By John Smith
 * and Jane Doe", "Text: Marie Dupont", "Autor: X", "Posted by x".  Strong
 * labels (with a colon, or "posted/written by") allow a single-word or
 * lower-case name; a bare "By"/"Von"/"Par" needs capitalised full names,
 * so that prose ("Von Berlin aus ...") is not taken. */
static void text_byline(ctx *c, names *out)
{
    static const struct {
        const char *p;
        bool strong;
    } pre[] = {
        {"by ", false}, {"von ", false}, {"par ", false}, {"por ", false},
        {"door ", false}, {"di ", false}, {"przez ", false},
        {"text von ", true}, {"text: ", true}, {"texte: ", true},
        {"texto: ", true}, {"text & fotos: ", true}, {"autor: ", true},
        {"autorin: ", true}, {"autoren: ", true}, {"author: ", true},
        {"authors: ", true}, {"auteur: ", true}, {"autore: ", true},
        {"von: ", true}, {"by: ", true}, {"written by ", true},
        {"posted by ", true}, {"geschrieben von ", true},
        {"verfasst von ", true}, {"ein artikel von ", true},
        {"ein beitrag von ", true}, {"blog beitrag von ", true},
        {"beitrag von ", true}, {"redaktion: ", true},
        {"escrito por ", true}, {"scritto da ", true},
        {"\xc3\xa9" "crit par ", true}, {"publi\xc3\xa9 par ", true},
        {"napisane przez ", true}};
    for (size_t i = 0; i < c->ntlines && !out->n; i++) {
        const char *s = c->tlines[i];
        while (*s == ' ' || *s == '-' || *s == '|' ||
               (unsigned char)*s == 0xC2 || (unsigned char)*s == 0xA0)
            s++;
        size_t len = strlen(s);
        for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++) {
            size_t pl = strlen(pre[k].p);
            if (len <= pl || !istarts(s, len, pre[k].p))
                continue;
            unsigned char f = (unsigned char)s[pl];
            if (!pre[k].strong && !((f >= 'A' && f <= 'Z') || f >= 0xC3))
                break;
            names t = {{0}, 0};
            split_names(c, s, &t);
            bool ok = t.n > 0;
            /* the first name has a name's shape; co-authors may be
             * agencies ("Von Anna Muster, dpa") */
            ok = ok && name_shaped(t.v[0], pre[k].strong);
            for (size_t j = 1; j < t.n && ok; j++)
                ok = name_shaped(t.v[j], true);
            if (ok)
                *out = t;
            break;
        }
    }
}

/* --------------------------------------------------- title choice --- */

/* Whether the normalised `part` is a proper prefix or suffix of the
 * normalised `whole`, long enough to be a headline on its own: the h1 is
 * "Kicker Headline" or "Headline Subtitle" and the metadata holds only the
 * headline. */
static bool end_of(const char *part, const char *whole)
{
    char x[TEXT_CAP + 1], y[TEXT_CAP + 1];
    size_t lx = norm_cmp(part, x, sizeof x), ly = norm_cmp(whole, y, sizeof y);
    if (lx < 12 || lx >= ly || lx * 10 < ly * 3)
        return false;
    return memcmp(x, y, lx) == 0 || memcmp(x, y + ly - lx, lx) == 0;
}

/* Whether the headline `core` is `h1` with a kicker in front ("Interne
 * Unterlagen im Netz Daten von ...", "1. März 2024 Headline") or a
 * subtitle behind it.  A subtitle must look like one: three or more words
 * starting with a capital, so that a headline ending "... in Tennessee"
 * is not cut to its metadata's shorter form. */
static bool kicker_or_subtitle(const char *core, const char *h1)
{
    char x[TEXT_CAP + 1], y[TEXT_CAP + 1];
    size_t lx = norm_cmp(core, x, sizeof x), ly = norm_cmp(h1, y, sizeof y);
    if (lx < 12 || lx >= ly)
        return false;
    if (memcmp(x, y + ly - lx, lx) == 0)
        return true; /* kicker */
    if (memcmp(x, y, lx) != 0)
        return false;
    size_t cw = count_words(core), hw = count_words(h1);
    if (hw < cw + 3)
        return false;
    /* the first word after the core's words */
    const char *p = h1;
    for (size_t w = 0; w < cw && *p; w++) {
        while (*p == ' ')
            p++;
        while (*p && *p != ' ')
            p++;
    }
    while (*p == ' ')
        p++;
    unsigned char f = (unsigned char)*p;
    return (f >= 'A' && f <= 'Z') || f == 0xC3 || f == 0xC5;
}

/* Whether `seg` is the longest separator-bounded segment of `whole`
 * (after removing nothing): the headline part, not the site or section. */
static bool longest_segment(const char *seg, const char *whole)
{
    size_t sl = strlen(seg), best = 0, start = 0, wl = strlen(whole);
    for (size_t i = 0; i <= wl; i++) {
        size_t k = 0;
        if (i < wl) {
            for (size_t si = 0; si < sizeof g_seps / sizeof g_seps[0]; si++)
                if (strncmp(whole + i, g_seps[si], strlen(g_seps[si])) == 0) {
                    k = strlen(g_seps[si]);
                    break;
                }
            if (!k)
                continue;
        }
        if (i - start > best)
            best = i - start;
        if (i == wl)
            break;
        i += k - 1;
        start = i + 1;
    }
    return sl + 4 >= best;
}

/* Whether `h` is what follows the first ": " of `t`, and is no shorter
 * than a third of it: the headline of "Kicker: Headline". */
static bool colon_tail(const char *h, const char *t)
{
    const char *f = strstr(t, ": ");
    return f && same_text(h, f + 2) && strlen(h) * 3 >= strlen(t);
}

/* Whether `seg` opens `whole`, a separator following it: the headline of
 * "Headline - Subtitle" (a title whose site name is already cut). */
static bool lead_segment(const char *seg, const char *whole)
{
    char x[TEXT_CAP + 1], y[TEXT_CAP + 1];
    size_t lx = norm_cmp(seg, x, sizeof x), ly = norm_cmp(whole, y, sizeof y);
    if (lx < 8 || lx >= ly || memcmp(x, y, lx) != 0)
        return false;
    size_t sl = strlen(seg);
    for (size_t si = 0; si < sizeof g_seps / sizeof g_seps[0]; si++) {
        const char *f = strstr(whole, g_seps[si]);
        if (f && (size_t)(f - whole) + 2 >= sl && (size_t)(f - whole) <= sl + 2)
            return true;
    }
    return false;
}

/* How well a visible heading agrees with the metadata titles:
 * 3 the same text; 2 a kicker/subtitle variant or the main segment of a
 * "Headline | Site" title; 1 a minor segment or half its words shared;
 * 0 unrelated.  *trim receives a metadata title that is the heading
 * without its kicker or subtitle. */
static int head_agree(ctx *c, const char *h, const char *const *refs,
                      const char *const *cleaned, size_t nr,
                      const char **trim)
{
    int best = 0;
    const char *kick = NULL;
    for (size_t k = 0; k < nr; k++) {
        const char *r = refs[k], *rc = cleaned[k];
        if (!r)
            continue;
        int s = 0;
        bool content = k + 1 < nr || nr == 1; /* not the <title> */
        if (same_text(h, r) || (rc && same_text(h, rc)))
            s = content ? 4 : 3;
        else if (rc && kicker_or_subtitle(rc, h)) {
            s = 2;
            if (!kick)
                kick = rc;
        } else if (segment_of(h, r) || (rc && segment_of(h, rc)))
            s = longest_segment(h, r) ||
                        (rc && rc != r && count_words(h) >= 3 &&
                         lead_segment(h, rc))
                    ? 2
                    : colon_tail(h, r) ? 2 : 1; /* "Kicker: Headline" */
        else if (end_of(h, r))
            s = 2; /* "Headline" of "Headline: more words" */
        else if (word_overlap(h, r) >= 50)
            s = 1;
        if (s > best)
            best = s;
    }
    if (trim)
        *trim = best == 2 ? kick : NULL;
    (void)c;
    return best;
}

/* Whether one of the titles refs[0..n) starts with the text of `h`
 * (normalised): "Truckwash A31" of a title glued to its site name. */
static bool opens_any(const char *h, const char *const *refs, size_t n)
{
    char x[TEXT_CAP + 1], y[TEXT_CAP + 1];
    size_t lx = norm_cmp(h, x, sizeof x);
    if (lx < 4)
        return false;
    for (size_t k = 0; k < n; k++)
        if (refs[k] && norm_cmp(refs[k], y, sizeof y) >= lx &&
            memcmp(x, y, lx) == 0)
            return true;
    return false;
}

/* Picks the title.  Headings (h1s, and h2s below a section-label h1) are
 * scored by agreement with the metadata titles (JSON-LD headline,
 * og:title, twitter:title, <title>, each also with its site name cut);
 * the best agreeing visible heading wins, so a section label ("News")
 * loses to the real headline further down.  A lone long h1 that agrees
 * with nothing is still the visible headline; otherwise the metadata
 * title with the site name removed. */
static const char *pick_title(ctx *c, const char *ld_head, const char *meta1,
                              const char *og, const char *tw, const char *tt,
                              const char *site, const char *domain)
{
    const char *refs[5] = {ld_head, meta1, og, tw, tt};
    const char *cleaned[5] = {NULL};
    const char *none[1] = {NULL};
    for (int k = 0; k < 5; k++) {
        if (blank(refs[k]))
            refs[k] = NULL;
        else
            cleaned[k] = clean_title(c, refs[k], site, domain, none, 0);
    }
    const char *meta_t = refs[0] ? refs[0] : refs[1] ? refs[1]
                                                     : c->ip_headline;
    /* h1 candidates: not the site's name (unless it is the whole title).
     * Scores double, minus one for a hidden or furniture h1, so that a
     * visible heading wins a tie. */
    const char *best = NULL, *best_trim = NULL, *first_h1 = NULL;
    int bscore = 0;
    size_t nvis = 0;
    for (size_t i = 0; i < c->nh1; i++) {
        const char *h = c->h1[i];
        const char *trim = NULL;
        int s = head_agree(c, h, refs, cleaned, 5, &trim);
        if (s < 3 && is_site_segment(h, site, domain))
            continue;
        if (c->h1_hidden[i]) {
            if (s < 3)
                continue;
        } else {
            nvis++;
            if (!first_h1)
                first_h1 = h;
        }
        int s2 = 2 * s - (c->h1_hidden[i] ? 1 : 0);
        if (s2 > bscore) {
            bscore = s2;
            best = h;
            best_trim = s == 2 ? trim : NULL;
        }
    }
    /* An h2 that is the metadata title (or its main segment, or it with a
     * kicker), under h1s that are not.  It is matched against the
     * primary title; when no h1 agrees with anything, against every
     * title the page declares (og:title, twitter:title too): the h1 is
     * then a section or header line ("Corona: Report von der Grenze")
     * and the h2 in the article is its headline. */
    int prim = refs[0] ? 0 : refs[1] ? 1 : 4; /* the primary title */
    bool any_ref = bscore == 0;
    for (size_t i = 0; bscore < 8 && refs[prim] && i < c->nh2; i++) {
        const char *h = c->h2[i];
        int s = 0;
        const char *trim = NULL;
        for (int k = 0; k < 5 && s < 2; k++) {
            if (!refs[k] || (k != prim && !(any_ref && k < 4)))
                continue;
            const char *r = refs[k], *rc = cleaned[k];
            trim = NULL;
            if (same_text(h, r) || (rc && same_text(h, rc)))
                s = k < 4 ? 4 : 3;
            else if (rc && kicker_or_subtitle(rc, h))
                s = 2, trim = rc;
            else if ((segment_of(h, r) && longest_segment(h, r)) ||
                     (rc && segment_of(h, rc) && longest_segment(h, rc)))
                s = 2;
        }
        if (s >= 2 && 2 * s > bscore && !is_site_segment(h, site, domain)) {
            bscore = 2 * s;
            best = h;
            best_trim = trim;
            break;
        }
    }
    /* No heading agrees with the metadata at all (generic, stale or
     * missing): a heading whose markup names it the headline
     * (class "entry-title"/"headline", itemprop=headline) is the best
     * evidence left, before the first h1 or the metadata. */
    if (bscore == 0) {
        const char *named = NULL;
        for (size_t i = 0; i < c->nh1 && !named; i++)
            if (c->h1_named[i] && !c->h1_hidden[i] &&
                !is_site_segment(c->h1[i], site, domain))
                named = c->h1[i];
        for (size_t i = 0; i < c->nh2 && !named; i++)
            if (c->h2_named[i] && !is_site_segment(c->h2[i], site, domain))
                named = c->h2[i];
        /* the name the site's breadcrumb gives this page, shown as a
         * heading: "Gut zu Wissen" where og:title, twitter:title and
         * <title> are three different sales lines */
        for (size_t i = 0; i < c->nh1 && !named && c->crumb; i++)
            if (!c->h1_hidden[i] && same_text(c->h1[i], c->crumb) &&
                !is_site_segment(c->h1[i], site, domain))
                named = c->h1[i];
        for (size_t i = 0; i < c->nh2 && !named && c->crumb; i++)
            if (same_text(c->h2[i], c->crumb) &&
                !is_site_segment(c->h2[i], site, domain))
                named = c->h2[i];
        if (named) {
            c->title_src = TH_TITLE_SRC_HEADING;
            return named;
        }
    }
    /* A heading that only shares words or a minor segment with the
     * metadata does not beat a headline the page declares for sharing
     * (JSON-LD, og:title, twitter:title): "Minecraft News" over
     * "Minecraft 1.8 - The Bountiful Update". */
    if (best && bscore <= 2 && (refs[0] || refs[2] || refs[3]) &&
        !opens_any(best, refs, 4))
        best = NULL;
    if (best) {
        c->title_src = TH_TITLE_SRC_HEADING;
        return best_trim ? best_trim : best;
    }
    /* The only visible h1, a headline-length line, agrees with nothing:
     * the page's metadata is generic or stale; the reader sees the h1. */
    if (first_h1 && nvis <= 4 && count_words(first_h1) >= 4) {
        c->title_src = TH_TITLE_SRC_LONE_H1;
        return first_h1;
    }
    const char *title = NULL;
    if (meta_t) {
        const char *cores[2] = {first_h1, tt};
        title = clean_title(c, meta_t, site, domain, cores, 2);
        c->title_src = TH_TITLE_SRC_META;
    }
    if (!title && tt) {
        const char *cores[2] = {first_h1, og};
        title = clean_title(c, tt, site, domain, cores, 2);
        c->title_src = TH_TITLE_SRC_TAG;
        if (first_h1 && is_site_segment(title, site, domain)) {
            title = first_h1;
            c->title_src = TH_TITLE_SRC_H1;
        }
    }
    if (!title && first_h1) {
        title = first_h1;
        c->title_src = TH_TITLE_SRC_H1;
    }
    if (!title)
        c->title_src = TH_TITLE_SRC_NONE;
    return title;
}

/* ------------------------------------------------------------ extract -- */

static const char *first_pair(const ctx *c, const char *const *keys,
                              size_t nk)
{
    for (size_t i = 0; i < nk; i++) {
        const char *v = pair(c, keys[i]);
        if (v && !blank(v))
            return v;
    }
    return NULL;
}

#define NK(a) (sizeof(a) / sizeof(a)[0])

static const char *date_str(ctx *c, const char *v, char buf[40])
{
    date dt;
    if (!parse_date_value(v, c->dmy, &dt))
        return NULL;
    fmt_date(&dt, buf);
    return buf;
}

/* The length of s[0..n) with each whitespace run counted as one byte:
 * the dateline window measures text, not a template's indentation. */
static size_t text_len(const char *s, size_t n)
{
    size_t len = 0;
    bool sp = false;
    for (size_t i = 0; i < n; i++) {
        bool w = th__is_space((unsigned char)s[i]);
        len += !(w && sp);
        sp = w;
    }
    return len;
}

/* The visible dateline: the first date from the h1 on, within 3000
 * bytes, else the first date before it.  A date in the headline's own
 * words names the event ("Ergebnisse: Kreismeisterschaft, 19.5.2007"),
 * not the day of the page: it is passed over.  A date in the h1's kicker
 * ("<h1><span class=topline>27.01.2022</span>Headline</h1>") counts. */
static bool text_dateline(ctx *c, date *dt)
{
    if (!c->body.p)
        return false;
    size_t at;
    size_t top = c->have_h1_off ? c->h1_off : 0;
    for (size_t from = top; from < c->body.len;) {
        if (!find_date(c->body.p + from, c->body.len - from, c->dmy, dt,
                       &at) ||
            text_len(c->body.p + top, from + at - top) >= 3000)
            break;
        size_t p = from + at;
        size_t e = date_at(c->body.p, c->body.len, p, c->dmy, dt);
        if (p >= c->h1_end || !c->h1_head || e <= p ||
            !th__has_bytes(c->h1_head, strlen(c->h1_head), c->body.p + p, e - p))
            return true;
        from = e;
    }
    return top && find_date(c->body.p, top, c->dmy, dt, &at);
}

static void set_lang(th_doc *doc, const char *v)
{
    if (!v)
        return;
    while (th__is_space((unsigned char)*v))
        v++;
    char out[4];
    size_t n = 0;
    while (n < 3 && is_alpha_ascii(v[n])) {
        out[n] = lc(v[n]);
        n++;
    }
    if (n < 2 || is_alpha_ascii(v[n]))
        return;
    out[n] = '\0';
    doc->lang = th__doc_str(doc, out, n, true);
}

static const char *str_or(const char *a, const char *b)
{
    return a && !blank(a) ? a : b;
}

th_status th__meta_extract(th_doc *doc, const th_dom *dom,
                           const th_options *opts)
{
    if (!doc || !dom || !dom->root)
        return TH_OK;
    th_arena scratch;
    th__arena_init(&scratch);
    ctx *c = th__arena_calloc(&scratch, 1, sizeof *c);
    if (!c) {
        th__arena_cleanup(&scratch);
        return TH_ENOMEM;
    }
    c->a = &scratch;
    c->dmy = 1;
    collect(c, dom);

    /* JSON-LD */
    ld_pick *lp = th__arena_calloc(&scratch, 1, sizeof *lp);
    if (!lp) {
        th__arena_cleanup(&scratch);
        return TH_ENOMEM;
    }
    for (size_t i = 0; i < c->njsonld; i++)
        ld_walk(lp, c->jsonld[i], 0);
    const th_json *art = lp->article ? lp->article : lp->page;
    c->crumb = unent(c, ld_crumb(lp));

    /* language first: it decides DD/MM vs MM/DD */
    static const char *const k_lang[] = {"content-language", "og:locale",
                                         "dc.language", "language",
                                         "inlanguage"};
    const char *lang = c->html_lang;
    if (blank(lang))
        lang = first_pair(c, k_lang, NK(k_lang));
    if (blank(lang) && art)
        lang = ld_text(lp, th__jr_get(art, "inLanguage"));
    set_lang(doc, lang);
    if (lang && (istarts(lang, strlen(lang), "en-us") ||
                 istarts(lang, strlen(lang), "en_us") ||
                 ieq(lang, "en")))
        c->dmy = 0;

    /* URL */
    static const char *const k_url[] = {"og:url", "twitter:url"};
    const char *url = c->canonical;
    if (url && !(istarts(url, strlen(url), "http://") ||
                 istarts(url, strlen(url), "https://")))
        url = NULL;
    if (!url)
        url = first_pair(c, k_url, NK(k_url));
    if (!url && opts && opts->url)
        url = opts->url;
    if (url)
        doc->url = th__doc_str(doc, url, strlen(url), true);
    const char *domain = domain_of(c, url ? url : (opts ? opts->url : NULL));

    /* site */
    static const char *const k_site[] = {"og:site_name", "application-name",
                                         "twitter:site", "publisher",
                                         "dc.publisher"};
    const char *site = pair(c, "og:site_name");
    if (blank(site) && art)
        site = ld_text(lp, th__jr_get(art, "publisher"));
    if (blank(site) && lp->site)
        site = th__jr_str(th__jr_get(lp->site, "name"));
    if (blank(site))
        site = first_pair(c, k_site + 1, NK(k_site) - 1);
    if (site && site[0] == '@') /* twitter handle: not a name */
        site = NULL;
    if (blank(site))
        site = domain;
    if (site)
        doc->site = th__doc_str(doc, site, strlen(site), true);

    /* title: the visible headline (h1) when it is one, else metadata */
    static const char *const k_title[] = {"dc:title", "dcterms:title",
                                          "dcterm:title", "dc.title",
                                          "dcterms.title",
                                          "og:title", "twitter:title",
                                          "sailthru.title", "parsely-title",
                                          "title", "headline"};
    const char *ld_head = art ? ld_text(lp, th__jr_get(art, "headline"))
                              : NULL;
    /* "name" stands in for a headline only on a true article: a video's,
     * a recipe's or an FAQ question's name is not the page's title. */
    static const char *const core_art[] = {
        "NewsArticle", "Article", "BlogPosting", "ReportageNews",
        "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle",
        "BackgroundNewsArticle", "ScholarlyArticle", "LiveBlogPosting"};
    if (!ld_head && lp->article && type_is(lp->article, core_art,
                                           NK(core_art)))
        ld_head = ld_text(lp, th__jr_get(lp->article, "name"));
    ld_head = unent(c, ld_head);
    const char *og = first_pair(c, k_title, NK(k_title));
    const char *tt = blank(c->title_tag) ? NULL : c->title_tag;
    const char *title = pick_title(c, ld_head, og, pair(c, "og:title"),
                                   pair(c, "twitter:title"), tt, site,
                                   domain);
    if (title) {
        doc->title = th__doc_str(doc, title, strlen(title), true);
        doc->title_src = c->title_src;
    }
    size_t vis_h1 = 0;
    for (size_t i = 0; i < c->nh1; i++)
        vis_h1 += !c->h1_hidden[i];
    doc->title_no_heads = vis_h1 == 0 && c->nh2 == 0;
    doc->title_declared = !blank(ld_head) || !blank(og) ||
                          !blank(pair(c, "og:title")) ||
                          !blank(pair(c, "twitter:title"));

    /* description, image */
    static const char *const k_desc[] = {"description", "og:description",
                                         "twitter:description",
                                         "dc.description"};
    const char *desc = first_pair(c, k_desc, NK(k_desc));
    if (!desc && art)
        desc = ld_text(lp, th__jr_get(art, "description"));
    if (desc)
        doc->description = th__doc_str(doc, desc, strlen(desc), true);
    static const char *const k_img[] = {"og:image", "og:image:url",
                                        "og:image:secure_url",
                                        "twitter:image", "twitter:image:src",
                                        "image", "thumbnailurl"};
    const char *img = first_pair(c, k_img, NK(k_img));
    if (!img && art)
        img = ld_text(lp, th__jr_get(art, "image"));
    if (img)
        doc->image = th__doc_str(doc, img, strlen(img), true);

    /* dates */
    static const char *const k_pub[] = {
        "article:published_time", "og:article:published_time",
        "article:published", "datepublished", "publishdate",
        "publish-date", "publish_date", "pubdate", "date", "dc.date",
        "dc.date.issued", "dc.date.created", "dcterms.date",
        "dcterms.issued", "dcterms.created", "sailthru.date",
        "parsely-pub-date", "article.published", "published_time",
        "original-publish-date", "citation_publication_date",
        "citation_date", "datecreated", "date_published", "dc:date",
        "release_date", "og:published_time", "article_date_original",
        "cxenseparse:recs:publishtime", "published-date", "displaydate",
        "timestamp", "created", "creation_date", "publication_date",
        "publicationdate"};
    char dbuf[40];
    const char *pub = NULL;
    const char *ld_pub = NULL, *ld_made = NULL;
    if (art) {
        ld_pub = ld_text(lp, th__jr_get(art, "datePublished"));
        ld_made = ld_text(lp, th__jr_get(art, "dateCreated"));
        pub = date_str(c, ld_pub, dbuf);
        if (!pub)
            pub = date_str(c, ld_made, dbuf);
    }
    const char *generic = NULL; /* pub came from a bare "date" meta */
    for (size_t i = 0; !pub && i < NK(k_pub); i++) {
        pub = date_str(c, pair(c, k_pub[i]), dbuf);
        if (pub && (ieq(k_pub[i], "date") || ieq(k_pub[i], "dc.date") ||
                    ieq(k_pub[i], "dcterms.date")))
            generic = pub;
    }
    if (!pub)
        pub = date_str(c, c->ip_published, dbuf);
    if (!pub) {
        int best = 0;
        const char *bt = NULL;
        for (size_t i = 0; i < c->ntimes; i++)
            if (c->times[i].score > best) {
                date dt;
                if (parse_date_value(c->times[i].text, c->dmy, &dt)) {
                    best = c->times[i].score;
                    bt = c->times[i].text;
                }
            }
        if (bt)
            pub = date_str(c, bt, dbuf);
    }
    if (!pub) {
        date ud;
        if (url_date(url, &ud)) {
            fmt_date(&ud, dbuf);
            pub = dbuf;
        }
    }
    date tdl;
    int have_tdl = -1; /* the visible dateline, read when needed */
    if (!pub && (have_tdl = text_dateline(c, &tdl)) == 1) {
        fmt_date(&tdl, dbuf);
        pub = dbuf;
    }
    if (generic) {
        /* A bare "date" meta is often the page's last change: the
         * dateline under the headline, when earlier, is the day the
         * article came out. */
        date g;
        if (have_tdl < 0)
            have_tdl = text_dateline(c, &tdl);
        if (have_tdl == 1 && parse_iso(pub, strlen(pub), &g) &&
            days_from_ymd(tdl.y, tdl.m, tdl.d) <
                days_from_ymd(g.y, g.m, g.d)) {
            fmt_date(&tdl, dbuf);
            pub = dbuf;
        }
    }
    date pd;
    if (pub && parse_iso(pub, strlen(pub), &pd) && utc_instant(&pd)) {
        /* A UTC instant is not yet a day.  The same instant written
         * with the page's own offset elsewhere (a meta tag, a <time>)
         * gives the day its readers saw. */
        const char *alt[3 + NK(k_pub) + MAX_TIMES];
        size_t na = 0;
        alt[na++] = ld_pub;
        alt[na++] = ld_made;
        for (size_t i = 0; i < NK(k_pub); i++)
            alt[na++] = pair(c, k_pub[i]);
        alt[na++] = c->ip_published;
        for (size_t i = 0; i < c->ntimes; i++)
            alt[na++] = c->times[i].text;
        long long at = utc_minutes(&pd);
        bool done = false;
        for (size_t i = 0; i < na && !done; i++) {
            date o;
            if (alt[i] && parse_date_value(alt[i], c->dmy, &o) &&
                local_instant(&o) && utc_minutes(&o) == at) {
                fmt_date(&o, dbuf);
                pub = dbuf;
                done = true;
            }
        }
        /* Else the day its permalink states ("/2020/02/24/"), when a
         * zone carries the UTC hour across midnight to it. */
        date o;
        if (!done && url_date(url, &o) && local_day_shift(&pd, &o)) {
            fmt_date(&o, dbuf);
            pub = dbuf;
        }
    }
    if (pub)
        doc->date = th__doc_str(doc, pub, strlen(pub), true);
    char mbuf[40];
    const char *mod = NULL;
    if (art)
        mod = date_str(c, ld_text(lp, th__jr_get(art, "dateModified")),
                       mbuf);
    static const char *const k_mod[] = {
        "article:modified_time", "og:updated_time", "datemodified",
        "last-modified", "dc.date.modified", "dcterms.modified",
        "article:modified", "modified_time", "lastmod"};
    for (size_t i = 0; !mod && i < NK(k_mod); i++)
        mod = date_str(c, pair(c, k_mod[i]), mbuf);
    if (!mod)
        mod = date_str(c, c->ip_modified, mbuf);
    if (mod)
        doc->modified = th__doc_str(doc, mod, strlen(mod), true);

    /* authors: the first source that yields a person-like name; names
     * that look like an organisation (the site itself) or a user handle
     * are kept only as a fallback. */
    names nm = {{0}, 0}, alt = {{0}, 0};
    bool org = false;
#define TAKE(expr)                                                        \
    do {                                                                  \
        if (!nm.n) {                                                      \
            names t_ = {{0}, 0};                                          \
            bool o_ = false;                                              \
            (void)o_;                                                     \
            expr;                                                         \
            if (t_.n && weak_names(&t_, site, domain, org))               \
                { if (!alt.n) alt = t_; }                                 \
            else if (t_.n)                                                \
                nm = t_;                                                  \
            org = false;                                                  \
        }                                                                 \
    } while (0)
    if (art) {
        TAKE(ld_authors(c, lp, th__jr_get(art, "author"), &t_, &org));
        TAKE(ld_authors(c, lp, th__jr_get(art, "creator"), &t_, &org));
    }
    static const char *const k_auth[] = {
        "dc:creator", "author", "article:author", "og:article:author",
        "dc.creator", "dcterms.creator", "byl", "sailthru.author",
        "parsely-author", "citation_author", "book:author",
        "dc.contributor", "creator"};
    for (size_t i = 0; !nm.n && i < NK(k_auth); i++) {
        const char *v = pair(c, k_auth[i]);
        if (!v || istarts(v, strlen(v), "http") || strchr(v, '/') == v)
            continue;
        TAKE(split_names(c, v, &t_));
    }
    /* Yoast-style "twitter:label1" = "Written by", "twitter:data1" = name */
    for (int i = 1; i <= 4 && !nm.n; i++) {
        char lk[24], dk[24];
        memcpy(lk, "twitter:label", 13);
        lk[13] = (char)('0' + i);
        lk[14] = '\0';
        memcpy(dk, "twitter:data", 12);
        dk[12] = (char)('0' + i);
        dk[13] = '\0';
        const char *lab = pair(c, lk), *val = pair(c, dk);
        if (!lab || !val)
            continue;
        static const char *const wb[] = {
            "written by", "verfasst von", "geschrieben von", "autor",
            "author", "écrit par", "escrito por", "scritto da",
            "geschreven door", "napisane przez", "auteur"};
        for (size_t k = 0; k < NK(wb); k++)
            if (istarts(lab, strlen(lab), wb[k])) {
                TAKE(split_names(c, val, &t_));
                break;
            }
    }
    if (c->ip_author)
        TAKE(split_names(c, c->ip_author, &t_));
    if (c->rel_author)
        TAKE(split_names(c, c->rel_author, &t_));
    /* byline elements, best score first, earliest on ties */
    for (int want = 6; want > 0 && !nm.n; want--)
        for (size_t i = 0; i < c->nbylines && !nm.n; i++)
            if (c->bylines[i].score == want)
                TAKE(split_names(c, c->bylines[i].text, &t_));
    if (!nm.n)
        TAKE(text_byline(c, &t_));
#undef TAKE
    if (!nm.n)
        nm = alt;
    for (size_t i = 0; i < nm.n; i++)
        th__doc_add_author(doc, nm.v[i], strlen(nm.v[i]));
    if (doc->nauthors) {
        size_t tot = 0;
        for (size_t i = 0; i < doc->nauthors; i++)
            tot += strlen(doc->authors[i]) + 2;
        char *b = th__arena_alloc(&scratch, tot + 1);
        if (b) {
            size_t o = 0;
            for (size_t i = 0; i < doc->nauthors; i++) {
                if (i) {
                    b[o++] = ',';
                    b[o++] = ' ';
                }
                size_t l = strlen(doc->authors[i]);
                memcpy(b + o, doc->authors[i], l);
                o += l;
            }
            b[o] = '\0';
            doc->byline = th__doc_str(doc, b, o, true);
        } else {
            c->oom = true;
        }
    }
    (void)str_or;
    bool oom = c->oom || doc->oom;
    th__arena_cleanup(&scratch);
    return oom ? TH_ENOMEM : TH_OK;
}

/* ------------------------------------------ headings around the body --- */

/* Meta runs before the article is found; these read the page again once
 * the body is known (src/thresh.c, retitle_from_body), to place the
 * page's headings relative to the body's text. */

/* Whether the visible text from text node `t` on (in document order,
 * block elements counting as a space) opens with the `n` bytes of `p`,
 * a block's collapsed text.  Unicode spaces count as spaces, as
 * th__collapse_space counted them for `p`. */
static bool text_opens(const th_node *root, const th_node *t, const char *p,
                       size_t n)
{
    size_t i = 0;
    bool gap = false;
    for (const th_node *d = t; d && i < n;) {
        bool skip = false;
        if (d->type == TH_NODE_TEXT) {
            for (size_t k = 0; k < d->text_len && i < n; k++) {
                unsigned char ch = (unsigned char)d->text[k];
                size_t sp = th__utf8_space_len(d->text + k, d->text_len - k);
                if (sp || th__is_space(ch)) {
                    k += sp ? sp - 1 : 0;
                    gap = i > 0;
                    continue;
                }
                if (gap && p[i] == ' ')
                    i++;
                gap = false;
                if (i < n && p[i] == ' ')
                    i++; /* a space the block put between inline parts */
                if (i >= n)
                    break;
                if ((unsigned char)p[i] != ch)
                    return false;
                i++;
            }
        } else if (d->type == TH_NODE_ELEMENT && d != t) {
            if (hidden_tag(d))
                skip = true;
            else if (block_tag(d) && d->tag != TH_TAG_SPAN &&
                     d->tag != TH_TAG_A)
                gap = i > 0;
        }
        d = th__dom_next(root, d, skip);
    }
    return i >= n;
}

/* The visible text of heading `h`, collapsed, into out (cap bytes). */
static size_t head_copy(const th_node *h, char *out, size_t cap)
{
    size_t o = 0;
    bool gap = false;
    for (const th_node *d = h; d && o + 1 < cap;) {
        bool skip = false;
        if (d->type == TH_NODE_TEXT) {
            for (size_t k = 0; k < d->text_len && o + 1 < cap; k++) {
                unsigned char ch = (unsigned char)d->text[k];
                if (th__is_space(ch)) {
                    gap = o > 0;
                    continue;
                }
                if (gap && o + 2 < cap)
                    out[o++] = ' ';
                gap = false;
                out[o++] = (char)ch;
            }
        } else if (d->type == TH_NODE_ELEMENT && d != h) {
            if (hidden_tag(d))
                skip = true;
            else if (block_tag(d))
                gap = o > 0;
        }
        d = th__dom_next(h, d, skip);
    }
    /* cut at cap: never leave half a UTF-8 sequence at the end */
    size_t q = o;
    while (q > 0 && o - q < 3 && ((unsigned char)out[q - 1] & 0xC0) == 0x80)
        q--;
    if (q > 0 && (unsigned char)out[q - 1] >= 0xC0 &&
        !th__utf8_seq((const unsigned char *)out + q - 1, o - q + 1))
        o = q - 1;
    out[o] = '\0';
    return o;
}

/* Whether heading `h` is in page furniture (nav, aside, footer, a
 * sidebar or menu) or hidden by its class. */
static bool head_aside(const th_node *h)
{
    if (hidden_class(h))
        return true;
    /* furniture_self's test, written out: a second caller would take
     * it out of line in collect's per-node loop */
    for (const th_node *p = h->parent; p; p = p->parent) {
        if (p->type != TH_NODE_ELEMENT || p->tag == TH_TAG_BODY ||
            p->tag == TH_TAG_HTML)
            continue;
        if (p->tag == TH_TAG_NAV || p->tag == TH_TAG_FOOTER ||
            p->tag == TH_TAG_ASIDE)
            return true;
        const char *cl = TH_ATTR(p, "class"), *id = TH_ATTR(p, "id");
        if ((cl && furniture_token(cl)) || (id && furniture_token(id)))
            return true;
    }
    return false;
}

/* Whether the normalised heading `h` reads as the normalised title `t`:
 * the same, or the title is the heading minus a kicker or a subtitle
 * (as end_of). */
static bool reads_as(const char *h, size_t lh, const char *t, size_t lt)
{
    if (lh == lt)
        return lt && memcmp(h, t, lt) == 0;
    if (lt < 12 || lt > lh || lt * 10 < lh * 3)
        return false;
    return memcmp(h, t, lt) == 0 || memcmp(h + lh - lt, t, lt) == 0;
}

#define RECENT 8 /* headings remembered before the body's start */

void th__meta_body_heads(th_doc *doc, const th_dom *dom, const char *first,
                         bool below, th_body_heads *out)
{
    memset(out, 0, sizeof *out);
    if (!doc || !dom || !dom->root || !first)
        return;
    size_t fl = strlen(first);
    if (fl < 12)
        return;
    if (fl > 48)
        fl = 48;
    while (fl > 0 && first[fl - 1] == ' ')
        fl--;
    char tn[TEXT_CAP + 1], hn[TEXT_CAP + 1], hb[TEXT_CAP + 1];
    size_t tl = below && doc->title ? norm_cmp(doc->title, tn, sizeof tn) : 0;
    const th_node *root = dom->root;
    /* the last RECENT headings before the body, with the text bytes
     * seen before each ends (a ring) */
    const th_node *rh[RECENT];
    size_t rt[RECENT], nr = 0, seen = 0;
    bool found = false, title_before = false;
    size_t nodes = 0;
    for (const th_node *n = root; n;) {
        if (++nodes > 2000000)
            break;
        bool skip = false;
        if (n->type == TH_NODE_TEXT && !found) {
            /* a match can start only where the text's first visible
             * byte is the block's */
            const char *t = n->text;
            size_t k = 0, len = n->text_len;
            for (size_t sp; k < len; k += sp) {
                sp = th__utf8_space_len(t + k, len - k);
                if (!sp && !th__is_space((unsigned char)t[k]))
                    break;
                sp += !sp;
            }
            if (k < len && t[k] == first[0] &&
                text_opens(root, n, first, fl)) {
                found = true;
                /* the nearest heading outside furniture: an h1/h2 that
                 * is not the site's logo (a link home) heads the body */
                for (size_t j = 0; j < nr && j < RECENT; j++) {
                    size_t at = (nr - 1 - j) % RECENT;
                    const th_node *h = rh[at];
                    if (head_aside(h))
                        continue;
                    if ((h->tag == TH_TAG_H1 || h->tag == TH_TAG_H2) &&
                        seen - rt[at] <= 200 && !links_home(h) &&
                        head_copy(h, hb, sizeof hb))
                        out->above = th__doc_str(doc, hb, strlen(hb), true);
                    break;
                }
                if (!tl || title_before)
                    break;
            } else {
                seen += len - k;
            }
        } else if (n->type == TH_NODE_ELEMENT) {
            if (hidden_tag(n)) {
                skip = true;
            } else if (n->tag >= TH_TAG_H1 && n->tag <= TH_TAG_H6) {
                skip = true;
                if (!found) {
                    rh[nr % RECENT] = n;
                    rt[nr % RECENT] = seen;
                    nr++;
                }
                if (tl && head_copy(n, hb, sizeof hb) &&
                    reads_as(hn, norm_cmp(hb, hn, sizeof hn), tn, tl)) {
                    if (!found) {
                        title_before = true;
                    } else {
                        out->title_below = true;
                        break;
                    }
                }
            }
        }
        n = th__dom_next(root, n, skip);
    }
}
