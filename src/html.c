/*
 * html.c -- thresh's own HTML5 parser: a WHATWG-style tokenizer feeding a
 * tolerant tree builder that writes a th_dom through the dom.h builder.
 *
 * The tokenizer runs the states that matter in practice (data, tags and
 * attributes, comments, DOCTYPE, CDATA in foreign content, RCDATA,
 * RAWTEXT, script data with its <!-- escapes, plaintext) and resolves
 * character references with the full WHATWG table (entities.inc).  Text
 * runs are scanned with memchr and a byte-class table; nothing in the hot
 * loop calls a function per character.
 *
 * The tree builder follows the insertion modes of the spec (implied
 * html/head/body, head elements, implied end tags, the adoption agency
 * algorithm, tables with foster parenting, select, template, frameset,
 * foreign content).  Scripting is treated as disabled, like gumbo (the
 * oracle): <noscript> content is parsed as markup.  What is simplified is
 * listed in docs/internals/html.md.  Robustness: the stack of open
 * elements never grows past the depth cap (start tags at the cap are
 * dropped, their text kept), the list of active formatting elements is
 * capped, scope checks use per-tag counters, so every input parses in
 * linear time without recursion.  Does not: decode bytes (charset.c),
 * print, or fail except on ENOMEM.
 */
#include "html.h"

#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "mem.h"

/* ------------------------------------------------------------------ */
/* Byte classes                                                        */

enum {
    C_WS = 1,     /* \t \n \f \r space */
    C_ALPHA = 2,  /* ASCII letter */
    C_UPPER = 4,  /* A-Z */
    C_DIGIT = 8,  /* 0-9 */
    C_TEXT = 16,  /* stops a data-state text run: < & \0 \r */
    C_TNAME = 32, /* ends a tag name: ws / > \0 (and upper-case is C_UPPER) */
    C_ANAME = 64, /* ends an attribute name: ws / > = \0 */
    C_AVAL = 128, /* needs work in a value: & \0 \r */
    C_NUL = 256
};

/* Byte classes of every byte value (see the enum above); a literal so it
 * needs no initialisation (thread-safe). */
static const uint16_t g_cc[256] = {
    400, 0, 0, 0, 0, 0, 0, 0, 0, 97, 97, 0, 97, 241, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    97, 0, 0, 0, 0, 0, 144, 0, 0, 0, 0, 0, 0, 0, 0, 96,
    8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 0, 0, 16, 64, 96, 0,
    0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6,
    6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

#define IS_WS(c) (g_cc[(unsigned char)(c)] & C_WS)
#define IS_ALPHA(c) (g_cc[(unsigned char)(c)] & C_ALPHA)

/* The offset of the first byte in s[0..n) that needs work in an attribute
 * value (C_AVAL: '&', NUL, CR), or n; 16 bytes at a time with SSE2. */
static size_t aval_span(const char *s, size_t n)
{
    size_t j = 0;
#ifdef __SSE2__
    const __m128i amp = _mm_set1_epi8('&'), cr = _mm_set1_epi8('\r'),
                  zero = _mm_setzero_si128();
    for (; j + 16 <= n; j += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + j));
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_cmpeq_epi8(v, cr)),
            _mm_cmpeq_epi8(v, zero));
        if (_mm_movemask_epi8(m))
            break;
    }
#endif
    while (j < n && !(g_cc[(unsigned char)s[j]] & C_AVAL))
        j++;
    return j;
}

/* Bit i set: s[i] needs work in a value (C_AVAL); s[0..16) readable. */
static inline unsigned aval_mask16(const char *s)
{
#ifdef __SSE2__
    const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('&')),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))),
        _mm_cmpeq_epi8(v, _mm_setzero_si128()));
    return (unsigned)_mm_movemask_epi8(m);
#else
    (void)s;
    return 0;
#endif
}

/* aval_span(s, n) == n, for s[0..n) inside a buffer that ends at end.  A
 * short value (most class, id and href values) is checked with one 16-byte
 * load when the buffer holds 16 bytes from s; the bytes past n are masked
 * off, so the answer is the byte loop's.  A longer one goes by whole
 * blocks and one last block that overlaps the one before. */
static int aval_clean(const char *s, size_t n, const char *end)
{
#ifdef __SSE2__
    if (n < 16 && end - s >= 16)
        return (aval_mask16(s) & ((1u << n) - 1u)) == 0;
    if (n >= 16) { /* whole blocks, then the last 16 bytes (overlapping) */
        for (size_t j = 0; j + 16 <= n; j += 16)
            if (aval_mask16(s + j))
                return 0;
        return aval_mask16(s + n - 16) == 0;
    }
#else
    (void)end;
#endif
    return aval_span(s, n) == n;
}
#define IS_ALNUM(c) (g_cc[(unsigned char)(c)] & (C_ALPHA | C_DIGIT))

static inline char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

/* Case-insensitive compare of s[0..n) with lower-case ASCII lit. */
static int ieq(const char *s, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower(s[i]) != lit[i])
            return 0;
    return 1;
}

/* ------------------------------------------------------------------ */
/* Named character references                                          */

typedef struct th_entity {
    const char *name;
    const char *utf8;
    int len;
} th_entity;

#include "entities.inc"

/* Binary search of name[0..n) in a sorted table; NULL if absent. */
static const th_entity *ent_find(const th_entity *tab, size_t count,
                                 const char *name, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *e = tab[mid].name;
        int c = strncmp(e, name, n);
        if (c == 0 && e[n] != 0)
            c = 1;
        if (c < 0)
            lo = mid + 1;
        else if (c > 0)
            hi = mid;
        else
            return &tab[mid];
    }
    return NULL;
}

/* windows-1252 for numeric references 0x80-0x9F (0 = keep as is). */
static const uint16_t g_c1[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static int put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Decodes the character reference at s[0] == '&' within s[0..n).  Writes
 * the replacement to out (at most 8 bytes) and returns the input bytes
 * consumed, or 0 when this is no reference (the '&' is then literal).
 * in_attr applies the attribute-value rule for legacy names without ';'.
 */
static size_t charref(const char *s, size_t n, int in_attr, char *out,
                      int *outlen)
{
    if (n < 2)
        return 0;
    if (s[1] == '#') {
        size_t i = 2;
        int hex = 0;
        if (i < n && (s[i] == 'x' || s[i] == 'X')) {
            hex = 1;
            i++;
        }
        size_t ds = i;
        uint32_t v = 0;
        for (; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            uint32_t d;
            if (c >= '0' && c <= '9')
                d = c - '0';
            else if (hex && (c | 32) >= 'a' && (c | 32) <= 'f')
                d = (uint32_t)((c | 32) - 'a' + 10);
            else
                break;
            v = v * (hex ? 16 : 10) + d;
            if (v > 0x10FFFF)
                v = 0x110000; /* saturate: stays out of range */
        }
        if (i == ds)
            return 0;
        if (i < n && s[i] == ';')
            i++;
        if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        else if (v >= 0x80 && v <= 0x9F && g_c1[v - 0x80])
            v = g_c1[v - 0x80];
        *outlen = put_utf8(out, v);
        return i;
    }
    size_t i = 1;
    while (i < n && i <= TH_ENT_MAXLEN + 1 && IS_ALNUM(s[i]))
        i++;
    size_t run = i - 1;
    if (run == 0)
        return 0;
    if (i < n && s[i] == ';' && run <= TH_ENT_MAXLEN) {
        const th_entity *e = ent_find(th_ent_semi,
                                      sizeof th_ent_semi / sizeof *th_ent_semi,
                                      s + 1, run);
        if (e) {
            memcpy(out, e->utf8, (size_t)e->len);
            *outlen = e->len;
            return i + 1;
        }
    }
    /* Longest legacy name (no ';') that is a prefix of the run. */
    size_t k = run < TH_ENT_LEGACY_MAXLEN ? run : TH_ENT_LEGACY_MAXLEN;
    for (; k >= 2; k--) {
        const th_entity *e = ent_find(
            th_ent_legacy, sizeof th_ent_legacy / sizeof *th_ent_legacy,
            s + 1, k);
        if (!e)
            continue;
        if (in_attr && 1 + k < n && (IS_ALNUM(s[1 + k]) || s[1 + k] == '='))
            return 0;
        memcpy(out, e->utf8, (size_t)e->len);
        *outlen = e->len;
        return 1 + k;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Tag properties                                                      */

enum {
    F_SPECIAL = 1 << 0,
    F_FMT = 1 << 1,       /* formatting element */
    F_VOID = 1 << 2,
    F_IMPL = 1 << 3,      /* generate implied end tags */
    F_THOR = 1 << 4,      /* ... thoroughly (adds table parts) */
    F_SCOPE = 1 << 5,     /* boundary of the default scope */
    F_CLOSEP = 1 << 6,    /* start tag closes an open <p> then inserts */
    F_BREAK = 1 << 7,     /* start tag breaks out of foreign content */
    F_HEADING = 1 << 8,
    F_HEADEL = 1 << 9,    /* in-head element seen after </head> */
    F_TABLEISH = 1 << 10, /* table tbody tfoot thead tr: foster parenting */
    F_ENDBLK = 1 << 11,   /* end tag: implied end tags, pop until */
    F_TPART = 1 << 12,    /* caption col colgroup tbody td tfoot th thead tr */
    F_RAW = 1 << 13       /* text-only content (RCDATA, RAWTEXT, script) */
};

#define T(x) TH_TAG_##x
static const uint16_t g_tf[TH_TAG__COUNT] = {
    [T(A)] = F_FMT,
    [T(ADDRESS)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(APPLET)] = F_SPECIAL | F_SCOPE,
    [T(AREA)] = F_SPECIAL | F_VOID,
    [T(ARTICLE)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(ASIDE)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(B)] = F_FMT | F_BREAK,
    [T(BASE)] = F_SPECIAL | F_VOID | F_HEADEL,
    [T(BASEFONT)] = F_SPECIAL | F_VOID | F_HEADEL,
    [T(BGSOUND)] = F_SPECIAL | F_VOID | F_HEADEL,
    [T(BIG)] = F_FMT | F_BREAK,
    [T(BLOCKQUOTE)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(BODY)] = F_SPECIAL | F_BREAK,
    [T(BR)] = F_SPECIAL | F_VOID | F_BREAK,
    [T(BUTTON)] = F_SPECIAL | F_ENDBLK,
    [T(CAPTION)] = F_SPECIAL | F_SCOPE | F_THOR | F_TPART,
    [T(CENTER)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(CODE)] = F_FMT | F_BREAK,
    [T(COL)] = F_SPECIAL | F_VOID | F_TPART,
    [T(COLGROUP)] = F_SPECIAL | F_THOR | F_TPART,
    [T(DD)] = F_SPECIAL | F_IMPL | F_THOR | F_BREAK,
    [T(DETAILS)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(DIALOG)] = F_CLOSEP | F_ENDBLK,
    [T(DIV)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(DL)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(DT)] = F_SPECIAL | F_IMPL | F_THOR | F_BREAK,
    [T(EM)] = F_FMT | F_BREAK,
    [T(EMBED)] = F_SPECIAL | F_VOID | F_BREAK,
    [T(FIELDSET)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(FIGCAPTION)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(FIGURE)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(FONT)] = F_FMT,
    [T(FOOTER)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(FORM)] = F_SPECIAL,
    [T(FRAME)] = F_SPECIAL | F_VOID,
    [T(FRAMESET)] = F_SPECIAL,
    [T(H1)] = F_SPECIAL | F_HEADING | F_BREAK,
    [T(H2)] = F_SPECIAL | F_HEADING | F_BREAK,
    [T(H3)] = F_SPECIAL | F_HEADING | F_BREAK,
    [T(H4)] = F_SPECIAL | F_HEADING | F_BREAK,
    [T(H5)] = F_SPECIAL | F_HEADING | F_BREAK,
    [T(H6)] = F_SPECIAL | F_HEADING | F_BREAK,
    [T(HEAD)] = F_SPECIAL | F_BREAK,
    [T(HEADER)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(HGROUP)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(HR)] = F_SPECIAL | F_VOID | F_BREAK,
    [T(HTML)] = F_SPECIAL | F_SCOPE,
    [T(I)] = F_FMT | F_BREAK,
    [T(IFRAME)] = F_SPECIAL | F_RAW,
    [T(IMG)] = F_SPECIAL | F_VOID | F_BREAK,
    [T(INPUT)] = F_SPECIAL | F_VOID,
    [T(KEYGEN)] = F_SPECIAL | F_VOID,
    [T(LI)] = F_SPECIAL | F_IMPL | F_THOR | F_BREAK,
    [T(LINK)] = F_SPECIAL | F_VOID | F_HEADEL,
    [T(LISTING)] = F_SPECIAL | F_BREAK | F_ENDBLK,
    [T(MAIN)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(MARQUEE)] = F_SPECIAL | F_SCOPE,
    [T(MENU)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(META)] = F_SPECIAL | F_VOID | F_BREAK | F_HEADEL,
    [T(NAV)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(NOBR)] = F_FMT | F_BREAK,
    [T(NOEMBED)] = F_SPECIAL | F_RAW,
    [T(NOFRAMES)] = F_SPECIAL | F_HEADEL | F_RAW,
    [T(NOSCRIPT)] = F_SPECIAL,
    [T(OBJECT)] = F_SPECIAL | F_SCOPE,
    [T(OL)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(OPTGROUP)] = F_IMPL | F_THOR,
    [T(OPTION)] = F_IMPL | F_THOR,
    [T(P)] = F_SPECIAL | F_CLOSEP | F_IMPL | F_THOR | F_BREAK,
    [T(PARAM)] = F_SPECIAL | F_VOID,
    [T(PLAINTEXT)] = F_SPECIAL | F_RAW,
    [T(PRE)] = F_SPECIAL | F_BREAK | F_ENDBLK,
    [T(RB)] = F_IMPL | F_THOR,
    [T(RTC)] = F_IMPL | F_THOR,
    [T(DIR)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(RP)] = F_IMPL | F_THOR,
    [T(RT)] = F_IMPL | F_THOR,
    [T(RUBY)] = F_BREAK,
    [T(S)] = F_FMT | F_BREAK,
    [T(SCRIPT)] = F_SPECIAL | F_HEADEL | F_RAW,
    [T(SEARCH)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(SECTION)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(SELECT)] = F_SPECIAL,
    [T(SMALL)] = F_FMT | F_BREAK,
    [T(SOURCE)] = F_SPECIAL | F_VOID,
    [T(SPAN)] = F_BREAK,
    [T(STRIKE)] = F_FMT | F_BREAK,
    [T(STRONG)] = F_FMT | F_BREAK,
    [T(STYLE)] = F_SPECIAL | F_HEADEL | F_RAW,
    [T(SUB)] = F_BREAK,
    [T(SUMMARY)] = F_SPECIAL | F_CLOSEP | F_ENDBLK,
    [T(SUP)] = F_BREAK,
    [T(TABLE)] = F_SPECIAL | F_SCOPE | F_BREAK | F_TABLEISH,
    [T(TBODY)] = F_SPECIAL | F_THOR | F_TABLEISH | F_TPART,
    [T(TD)] = F_SPECIAL | F_SCOPE | F_THOR | F_TPART,
    [T(TEMPLATE)] = F_SPECIAL | F_SCOPE | F_HEADEL,
    [T(TEXTAREA)] = F_SPECIAL | F_RAW,
    [T(TFOOT)] = F_SPECIAL | F_THOR | F_TABLEISH | F_TPART,
    [T(TH)] = F_SPECIAL | F_SCOPE | F_THOR | F_TPART,
    [T(THEAD)] = F_SPECIAL | F_THOR | F_TABLEISH | F_TPART,
    [T(TITLE)] = F_SPECIAL | F_HEADEL | F_RAW,
    [T(TR)] = F_SPECIAL | F_THOR | F_TABLEISH | F_TPART,
    [T(TRACK)] = F_SPECIAL | F_VOID,
    [T(TT)] = F_FMT | F_BREAK,
    [T(U)] = F_FMT | F_BREAK,
    [T(UL)] = F_SPECIAL | F_CLOSEP | F_BREAK | F_ENDBLK,
    [T(VAR)] = F_BREAK,
    [T(WBR)] = F_SPECIAL | F_VOID,
    [T(XMP)] = F_SPECIAL | F_RAW,
};

/* ------------------------------------------------------------------ */
/* Parser state                                                        */

enum { TS_DATA, TS_RCDATA, TS_RAWTEXT, TS_SCRIPT, TS_PLAINTEXT };

enum {
    M_INITIAL, M_BEFORE_HTML, M_BEFORE_HEAD, M_IN_HEAD, M_IN_HEAD_NOSCRIPT,
    M_AFTER_HEAD, M_IN_BODY, M_TEXT, M_IN_TABLE, M_IN_CAPTION,
    M_IN_COLUMN_GROUP, M_IN_TABLE_BODY, M_IN_ROW, M_IN_CELL, M_IN_SELECT,
    M_IN_SELECT_IN_TABLE, M_IN_TEMPLATE, M_AFTER_BODY, M_IN_FRAMESET,
    M_AFTER_FRAMESET, M_AFTER_AFTER_BODY, M_AFTER_AFTER_FRAMESET
};

enum { K_START = 1, K_END, K_CHARS, K_COMMENT, K_DOCTYPE, K_EOF };

/* Stack entry flags */
enum {
    E_HTML_IP = 1,   /* HTML integration point */
    E_MATH_TIP = 2,  /* MathML text integration point */
    E_FSCOPE = 4     /* foreign element bounding the default scope */
};

typedef struct sent {
    th_node *n; /* NULL: a marker (AFE only) */
    uint16_t tag;
    uint8_t ns;
    uint8_t fl;
} sent;

typedef struct tattr {
    size_t n, nl, v, vl; /* offsets into src or abuf (see nin/vin) */
    uint8_t nin, vin;    /* 1: the offset is into abuf */
} tattr;

typedef struct token {
    int kind;
    th_tag tag;
    int self_closing;
    int vol;    /* chars: data lives in a scratch buffer (copy it) */
    int quirks; /* doctype: asks for quirks mode */
    const char *name; /* lower-case, not NUL-terminated */
    size_t nlen;
    const char *data; /* chars / comment */
    size_t dlen;
    size_t nattrs;
} token;

#define AFE_MAX 256
#define ATTR_SCAN_MAX 65536

typedef struct parser {
    th_dom *dom;
    th_arena *arena;
    const char *src, *p, *end;
    unsigned cap;       /* most open elements (depth cap) */
    unsigned max_attrs;
    int oom;

    /* tokenizer */
    int ts;
    const char *rawname; /* the element whose end tag ends RCDATA & co */
    size_t rawlen;
    char nbuf[64]; /* lower-cased tag name */
    char *abuf; size_t alen, acap; /* attribute names/values, decoded text */
    tattr *attrs; size_t acount, aslots;
    uint64_t amask;    /* bloom of attribute-name hashes in the current tag */
    size_t ascan;      /* attributes seen in the current tag */

    /* tree builder */
    int mode, orig_mode;
    sent *st; size_t sn, scap;
    sent *afe; size_t an, acapn;
    int *tmodes; size_t tn, tcap;
    unsigned cnt[TH_TAG__COUNT]; /* open HTML elements per tag */
    unsigned ntemplate;
    th_node *head, *form;
    int frameset_ok, foster, skip_nl, quirks, moved;
    size_t clones; /* budget of elements re-created for formatting */

    /* pending text, merged before the next tree mutation */
    th_node *pparent, *pbefore;
    const char *ps; size_t pn;
    char *pbuf; size_t pbn, pbcap;
    int powned;
} parser;

/* ------------------------------------------------------------------ */
/* Small growable arrays on the heap                                   */

static int grow(parser *P, void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2 / elem) {
            P->oom = 1;
            return -1;
        }
        nc *= 2;
    }
    void *na = th__realloc(*arr, nc * elem);
    if (!na) {
        P->oom = 1;
        return -1;
    }
    *arr = na;
    *cap = nc;
    return 0;
}

static int abuf_put(parser *P, const char *s, size_t n)
{
    if (n > SIZE_MAX - P->alen - 1 ||
        grow(P, (void **)&P->abuf, &P->acap, P->alen + n + 1, 1))
        return -1;
    memcpy(P->abuf + P->alen, s, n);
    P->alen += n;
    return 0;
}

/*
 * Appends s[0..n) to abuf with character references resolved (when refs),
 * CR / CRLF turned into LF, and NUL handled by nul: 0 drop, 1 U+FFFD.
 */
static int decode_into(parser *P, const char *s, size_t n, int refs,
                       int in_attr, int nul)
{
    if (grow(P, (void **)&P->abuf, &P->acap, P->alen + n + 16, 1))
        return -1;
    /* References never expand: the longest output (4 bytes per code point,
     * two code points) is shorter than its shortest input ("&#x10000;"
     * is 9 bytes; named ones are at least as long as their UTF-8).  NUL
     * -> U+FFFD grows 1 byte to 3, so reserve for it separately. */
    size_t i = 0;
    while (i < n) {
        size_t j = i + aval_span(s + i, n - i);
        if (abuf_put(P, s + i, j - i))
            return -1;
        if (j >= n)
            break;
        char c = s[j];
        if (c == '&') {
            char tmp[8];
            int tl = 0;
            size_t used = refs ? charref(s + j, n - j, in_attr, tmp, &tl) : 0;
            if (used) {
                if (abuf_put(P, tmp, (size_t)tl))
                    return -1;
                i = j + used;
            } else {
                if (abuf_put(P, "&", 1))
                    return -1;
                i = j + 1;
            }
        } else if (c == '\r') {
            if (abuf_put(P, "\n", 1))
                return -1;
            i = j + 1;
            if (i < n && s[i] == '\n')
                i++;
        } else { /* NUL */
            if (nul && abuf_put(P, "\xEF\xBF\xBD", 3))
                return -1;
            i = j + 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Tree helpers                                                        */

static inline sent *cur(parser *P) { return &P->st[P->sn - 1]; }

static inline int is_html(const sent *e, th_tag t)
{
    return e->ns == TH_NS_HTML && e->tag == t;
}

static inline uint16_t tflags(const sent *e)
{
    return e->ns == TH_NS_HTML ? g_tf[e->tag] : 0;
}

/* Does entry e match the token's tag (HTML namespace, unknown by name)? */
static int same_name(const sent *e, const token *t)
{
    if (e->ns != TH_NS_HTML || e->tag != t->tag)
        return 0;
    if (t->tag != TH_TAG_UNKNOWN)
        return 1;
    const char *nm = e->n->name;
    return strncmp(nm, t->name, t->nlen) == 0 && nm[t->nlen] == 0;
}

static void flush_text(parser *P)
{
    if (!P->pn)
        return;
    const char *s = P->powned ? P->pbuf : P->ps;
    size_t n = P->pn;
    th_node *parent = P->pparent, *before = P->pbefore;
    P->pn = 0;
    P->powned = 0;
    P->pbn = 0;
    th_node *prev = before ? before->prev : parent->last_child;
    if (prev && prev->type == TH_NODE_TEXT) {
        if (prev->text_len > SIZE_MAX - n - 1) {
            P->oom = 1;
            return;
        }
        char *m = th__arena_alloc(P->arena, prev->text_len + n + 1);
        if (!m) {
            P->oom = 1;
            return;
        }
        memcpy(m, prev->text, prev->text_len);
        memcpy(m + prev->text_len, s, n);
        m[prev->text_len + n] = 0;
        prev->text = m;
        prev->text_len += n;
        return;
    }
    th_node *t = th__dom_text(P->dom, s, n);
    if (!t) {
        P->oom = 1;
        return;
    }
    th__dom_insert_before(parent, t, before);
}

/* Where a node goes: into the current node, or foster-parented. */
static void location(parser *P, th_node **parent, th_node **before)
{
    sent *c = cur(P);
    *before = NULL;
    if (P->foster && (tflags(c) & F_TABLEISH)) {
        size_t ti = SIZE_MAX, pi = SIZE_MAX;
        for (size_t i = P->sn; i-- > 0;) {
            if (ti == SIZE_MAX && is_html(&P->st[i], TH_TAG_TABLE))
                ti = i;
            if (pi == SIZE_MAX && is_html(&P->st[i], TH_TAG_TEMPLATE))
                pi = i;
            if (ti != SIZE_MAX && pi != SIZE_MAX)
                break;
        }
        if (pi != SIZE_MAX && (ti == SIZE_MAX || pi > ti)) {
            *parent = P->st[pi].n;
            return;
        }
        if (ti == SIZE_MAX) {
            *parent = P->st[0].n;
            return;
        }
        th_node *table = P->st[ti].n;
        if (table->parent) {
            *parent = table->parent;
            *before = table;
            return;
        }
        *parent = P->st[ti > 0 ? ti - 1 : 0].n;
        return;
    }
    *parent = c->n;
}

static void insert_node(parser *P, th_node *n)
{
    flush_text(P);
    th_node *parent, *before;
    location(P, &parent, &before);
    th__dom_insert_before(parent, n, before);
}

static void insert_text(parser *P, const char *s, size_t n, int volatile_src)
{
    if (!n || P->oom)
        return;
    th_node *parent, *before;
    location(P, &parent, &before);
    if (P->pn && (P->pparent != parent || P->pbefore != before))
        flush_text(P);
    if (!P->pn && !volatile_src) {
        P->pparent = parent;
        P->pbefore = before;
        P->ps = s;
        P->pn = n;
        P->powned = 0;
        return;
    }
    if (!P->pn) {
        P->pparent = parent;
        P->pbefore = before;
        P->pbn = 0;
    } else if (!P->powned) {
        P->pbn = 0;
        if (grow(P, (void **)&P->pbuf, &P->pbcap, P->pn, 1))
            return;
        memcpy(P->pbuf, P->ps, P->pn);
        P->pbn = P->pn;
    }
    if (n > SIZE_MAX - P->pbn ||
        grow(P, (void **)&P->pbuf, &P->pbcap, P->pbn + n, 1))
        return;
    memcpy(P->pbuf + P->pbn, s, n);
    P->pbn += n;
    P->pn = P->pbn;
    P->powned = 1;
}

static void push(parser *P, th_node *n)
{
    if (grow(P, (void **)&P->st, &P->scap, P->sn + 1, sizeof(sent)))
        return;
    sent e = {n, n->tag, n->ns, 0};
    if (n->ns == TH_NS_HTML) {
        P->cnt[n->tag]++;
        if (n->tag == TH_TAG_TEMPLATE)
            P->ntemplate++;
    } else if (n->ns == TH_NS_SVG) {
        const char *nm = n->name;
        if (!strcmp(nm, "foreignobject") || !strcmp(nm, "desc") ||
            !strcmp(nm, "title"))
            e.fl = E_HTML_IP | E_FSCOPE;
    } else {
        const char *nm = n->name;
        if (!strcmp(nm, "mi") || !strcmp(nm, "mo") || !strcmp(nm, "mn") ||
            !strcmp(nm, "ms") || !strcmp(nm, "mtext"))
            e.fl = E_MATH_TIP | E_FSCOPE;
        else if (!strcmp(nm, "annotation-xml")) {
            e.fl = E_FSCOPE;
            const char *enc = TH_ATTR(n, "encoding");
            if (enc && ((strlen(enc) == 9 && ieq(enc, "text/html", 9)) ||
                        (strlen(enc) == 21 &&
                         ieq(enc, "application/xhtml+xml", 21))))
                e.fl |= E_HTML_IP;
        }
    }
    P->st[P->sn++] = e;
}

static void pop(parser *P)
{
    if (P->sn <= 1)
        return; /* the html element stays */
    sent *e = &P->st[--P->sn];
    if (e->ns == TH_NS_HTML) {
        P->cnt[e->tag]--;
        if (e->tag == TH_TAG_TEMPLATE)
            P->ntemplate--;
    }
}

static void stack_remove(parser *P, size_t i)
{
    if (i == 0 || i >= P->sn)
        return;
    sent *e = &P->st[i];
    if (e->ns == TH_NS_HTML) {
        P->cnt[e->tag]--;
        if (e->tag == TH_TAG_TEMPLATE)
            P->ntemplate--;
    }
    memmove(&P->st[i], &P->st[i + 1], (P->sn - i - 1) * sizeof(sent));
    P->sn--;
}

static size_t stack_index(parser *P, const th_node *n)
{
    for (size_t i = P->sn; i-- > 0;)
        if (P->st[i].n == n)
            return i;
    return SIZE_MAX;
}

/* Pops until an HTML element with this tag has been popped. */
static void pop_until(parser *P, th_tag tag)
{
    if (tag != TH_TAG_UNKNOWN && !P->cnt[tag])
        return;
    while (P->sn > 1) {
        int hit = is_html(cur(P), tag);
        pop(P);
        if (hit)
            return;
    }
}

static void pop_until_index(parser *P, size_t i)
{
    while (P->sn > 1 && P->sn > i)
        pop(P);
}

enum { SC_DEF, SC_LIST, SC_BUTTON, SC_TABLE, SC_SELECT };

static int boundary(const sent *e, int kind)
{
    if (kind == SC_TABLE)
        return is_html(e, TH_TAG_HTML) || is_html(e, TH_TAG_TABLE) ||
               is_html(e, TH_TAG_TEMPLATE);
    if (kind == SC_SELECT)
        return !(is_html(e, TH_TAG_OPTGROUP) || is_html(e, TH_TAG_OPTION));
    if ((tflags(e) & F_SCOPE) || (e->fl & E_FSCOPE))
        return 1;
    if (kind == SC_LIST)
        return is_html(e, TH_TAG_OL) || is_html(e, TH_TAG_UL);
    if (kind == SC_BUTTON)
        return is_html(e, TH_TAG_BUTTON);
    return 0;
}

static int in_scope(parser *P, th_tag tag, int kind)
{
    if (!P->cnt[tag])
        return 0;
    for (size_t i = P->sn; i-- > 0;) {
        const sent *e = &P->st[i];
        if (is_html(e, tag))
            return 1;
        if (boundary(e, kind))
            return 0;
    }
    return 0;
}

static int node_in_scope(parser *P, const th_node *n)
{
    for (size_t i = P->sn; i-- > 0;) {
        const sent *e = &P->st[i];
        if (e->n == n)
            return 1;
        if (boundary(e, SC_DEF))
            return 0;
    }
    return 0;
}

static int heading_in_scope(parser *P)
{
    if (!(P->cnt[TH_TAG_H1] | P->cnt[TH_TAG_H2] | P->cnt[TH_TAG_H3] |
          P->cnt[TH_TAG_H4] | P->cnt[TH_TAG_H5] | P->cnt[TH_TAG_H6]))
        return 0;
    for (size_t i = P->sn; i-- > 0;) {
        const sent *e = &P->st[i];
        if (tflags(e) & F_HEADING)
            return 1;
        if (boundary(e, SC_DEF))
            return 0;
    }
    return 0;
}

static void gen_implied(parser *P, th_tag except, int thorough)
{
    uint16_t f = thorough ? F_THOR : F_IMPL;
    while (P->sn > 1 && (tflags(cur(P)) & f) && !is_html(cur(P), except))
        pop(P);
}

static void close_p(parser *P)
{
    gen_implied(P, TH_TAG_P, 0);
    pop_until(P, TH_TAG_P);
}

static void maybe_close_p(parser *P)
{
    if (in_scope(P, TH_TAG_P, SC_BUTTON))
        close_p(P);
}

/* ------------------------------------------------------------------ */
/* Elements                                                            */

/* The token's attributes onto n.  fresh: n is a new element, whose
 * names add_attr has already made unique (no duplicate check). */
static void set_attrs(parser *P, th_node *n, size_t count, bool fresh)
{
    for (size_t i = 0; i < count && !P->oom; i++) {
        const tattr *a = &P->attrs[i];
        const char *nm = (a->nin ? P->abuf : P->src) + a->n;
        const char *v = (a->vin ? P->abuf : P->src) + a->v;
        int rc = fresh ? th__dom_add_attr(P->dom, n, nm, a->nl, v, a->vl)
                       : th__dom_set_attr(P->dom, n, nm, a->nl, v, a->vl);
        if (rc)
            P->oom = 1;
    }
}

static th_node *make_el(parser *P, const token *t, th_ns ns)
{
    th_node *n = th__dom_element_tag(P->dom, t->tag, t->name, t->nlen, ns);
    if (!n) {
        P->oom = 1;
        return NULL;
    }
    set_attrs(P, n, t->nattrs, true);
    return n;
}

static th_node *insert_el(parser *P, const token *t, th_ns ns)
{
    th_node *n = make_el(P, t, ns);
    if (!n)
        return NULL;
    insert_node(P, n);
    push(P, n);
    return n;
}

/* Inserts an element for a tag with no attributes (implied tags). */
static th_node *insert_tag(parser *P, th_tag tag)
{
    token t;
    memset(&t, 0, sizeof t);
    t.kind = K_START;
    t.tag = tag;
    t.name = th__tag_name(tag);
    t.nlen = strlen(t.name);
    return insert_el(P, &t, TH_NS_HTML);
}

static void insert_comment(parser *P, const token *t, th_node *parent)
{
    th_node *c = th__dom_comment(P->dom, t->data, t->dlen);
    if (!c) {
        P->oom = 1;
        return;
    }
    if (parent) {
        flush_text(P);
        th__dom_append(parent, c);
    } else {
        insert_node(P, c);
    }
}

static th_node *clone_el(parser *P, const th_node *src)
{
    th_node *n = th__dom_element_tag(P->dom, (th_tag)src->tag, src->name,
                                     strlen(src->name), (th_ns)src->ns);
    if (!n) {
        P->oom = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < src->nattrs; i++)
        if (th__dom_set_attr(P->dom, n, src->attrs[i].name,
                             src->attrs[i].name_len, src->attrs[i].value,
                             src->attrs[i].value_len))
            P->oom = 1;
    return n;
}

/* ------------------------------------------------------------------ */
/* Active formatting elements                                          */

static int same_attrs(const th_node *a, const th_node *b)
{
    if (a->nattrs != b->nattrs)
        return 0;
    if (a->nattrs > 16)
        return 0; /* treated as different: keeps the check bounded */
    for (uint32_t i = 0; i < a->nattrs; i++) {
        const char *v = th__dom_attr(b, a->attrs[i].name);
        if (!v || strcmp(v, a->attrs[i].value))
            return 0;
    }
    return 1;
}

static void afe_remove_at(parser *P, size_t i)
{
    memmove(&P->afe[i], &P->afe[i + 1], (P->an - i - 1) * sizeof(sent));
    P->an--;
}

static void afe_marker(parser *P)
{
    if (grow(P, (void **)&P->afe, &P->acapn, P->an + 1, sizeof(sent)))
        return;
    sent m = {NULL, 0, 0, 0};
    P->afe[P->an++] = m;
}

static void afe_push(parser *P, th_node *n)
{
    size_t first = P->an, same = 0, lastm = 0;
    for (size_t i = P->an; i-- > 0;) {
        const sent *e = &P->afe[i];
        if (!e->n) {
            lastm = i + 1;
            break;
        }
        if (e->tag == n->tag && e->ns == n->ns &&
            !strcmp(e->n->name, n->name) && same_attrs(e->n, n)) {
            same++;
            first = i;
        }
    }
    if (same >= 3)
        afe_remove_at(P, first);
    if (P->an - lastm >= AFE_MAX)
        afe_remove_at(P, lastm); /* the oldest entry after the marker */
    if (grow(P, (void **)&P->afe, &P->acapn, P->an + 1, sizeof(sent)))
        return;
    sent e = {n, n->tag, n->ns, 0};
    P->afe[P->an++] = e;
}

static void afe_clear_to_marker(parser *P)
{
    while (P->an > 0) {
        int m = P->afe[--P->an].n == NULL;
        if (m)
            break;
    }
}

static size_t afe_index(parser *P, const th_node *n)
{
    for (size_t i = P->an; i-- > 0;)
        if (P->afe[i].n == n)
            return i;
    return SIZE_MAX;
}

static void reconstruct(parser *P)
{
    /* Nothing can be re-created at the depth cap or without budget: return
     * before scanning, so a text token stays O(1) there. */
    if (P->an == 0 || P->sn >= P->cap || P->clones == 0)
        return;
    size_t i = P->an - 1;
    if (!P->afe[i].n || stack_index(P, P->afe[i].n) != SIZE_MAX)
        return;
    while (i > 0) {
        i--;
        if (!P->afe[i].n || stack_index(P, P->afe[i].n) != SIZE_MAX) {
            i++;
            break;
        }
    }
    for (; i < P->an && !P->oom; i++) {
        if (P->sn >= P->cap || P->clones == 0)
            return; /* depth cap / clone budget: formatting is dropped */
        P->clones--;
        th_node *n = clone_el(P, P->afe[i].n);
        if (!n)
            return;
        insert_node(P, n);
        push(P, n);
        P->afe[i].n = n;
    }
}

/* Steps for "any other end tag" in body. */
static void any_other_end(parser *P, const token *t)
{
    if (t->tag != TH_TAG_UNKNOWN && !P->cnt[t->tag])
        return;
    for (size_t i = P->sn; i-- > 1;) {
        sent *e = &P->st[i];
        if (same_name(e, t)) {
            gen_implied(P, t->tag == TH_TAG_UNKNOWN ? TH_TAG__COUNT : t->tag,
                        0);
            pop_until_index(P, i);
            return;
        }
        if (tflags(e) & F_SPECIAL)
            return;
    }
}

/* The adoption agency algorithm (WHATWG 13.2.6.4.7). */
static void adoption(parser *P, const token *t)
{
    flush_text(P);
    sent *c = cur(P);
    if (same_name(c, t) && afe_index(P, c->n) == SIZE_MAX) {
        pop(P);
        return;
    }
    for (int outer = 0; outer < 8 && !P->oom; outer++) {
        size_t fi = SIZE_MAX;
        for (size_t i = P->an; i-- > 0;) {
            if (!P->afe[i].n)
                break;
            if (P->afe[i].ns == TH_NS_HTML && P->afe[i].tag == t->tag) {
                fi = i;
                break;
            }
        }
        if (fi == SIZE_MAX) {
            any_other_end(P, t);
            return;
        }
        th_node *fe = P->afe[fi].n;
        size_t si = stack_index(P, fe);
        if (si == SIZE_MAX) {
            afe_remove_at(P, fi);
            return;
        }
        if (!node_in_scope(P, fe))
            return;
        size_t fbi = SIZE_MAX;
        for (size_t i = si + 1; i < P->sn; i++)
            if (tflags(&P->st[i]) & F_SPECIAL) {
                fbi = i;
                break;
            }
        if (fbi == SIZE_MAX) {
            pop_until_index(P, si);
            afe_remove_at(P, fi);
            return;
        }
        if (si == 0)
            return;
        th_node *common = P->st[si - 1].n;
        th_node *fb = P->st[fbi].n;
        size_t bookmark = fi;
        size_t ni = fbi;
        th_node *last = fb;
        for (int inner = 1;; inner++) {
            ni--;
            th_node *node = P->st[ni].n;
            if (node == fe)
                break;
            size_t ai = afe_index(P, node);
            if (inner > 3 && ai != SIZE_MAX) {
                afe_remove_at(P, ai);
                if (ai < bookmark)
                    bookmark--;
                ai = SIZE_MAX;
            }
            if (ai == SIZE_MAX) {
                stack_remove(P, ni);
                continue;
            }
            th_node *nn = clone_el(P, node);
            if (!nn)
                return;
            P->afe[ai].n = nn;
            P->st[ni].n = nn;
            if (last == fb)
                bookmark = ai + 1;
            th__dom_remove(last);
            th__dom_append(nn, last);
            last = nn;
        }
        /* Insert `last` at the appropriate place with common as target. */
        th__dom_remove(last);
        {
            sent ce = {common, common->tag, common->ns, 0};
            if (ce.ns == TH_NS_HTML && (g_tf[ce.tag] & F_TABLEISH)) {
                /* foster parenting relative to the table */
                size_t ti = SIZE_MAX;
                for (size_t i = P->sn; i-- > 0;)
                    if (is_html(&P->st[i], TH_TAG_TABLE)) {
                        ti = i;
                        break;
                    }
                if (ti != SIZE_MAX && P->st[ti].n->parent)
                    th__dom_insert_before(P->st[ti].n->parent, last,
                                          P->st[ti].n);
                else if (ti != SIZE_MAX && ti > 0)
                    th__dom_append(P->st[ti - 1].n, last);
                else
                    th__dom_append(common, last);
            } else {
                th__dom_append(common, last);
            }
        }
        th_node *nf = clone_el(P, fe);
        if (!nf)
            return;
        while (fb->first_child) {
            th_node *ch = fb->first_child;
            th__dom_remove(ch);
            th__dom_append(nf, ch);
        }
        th__dom_append(fb, nf);
        /* AFE: replace fe by nf at the bookmark. */
        fi = afe_index(P, fe);
        if (fi != SIZE_MAX) {
            afe_remove_at(P, fi);
            if (fi < bookmark)
                bookmark--;
        }
        if (bookmark > P->an)
            bookmark = P->an;
        if (grow(P, (void **)&P->afe, &P->acapn, P->an + 1, sizeof(sent)))
            return;
        memmove(&P->afe[bookmark + 1], &P->afe[bookmark],
                (P->an - bookmark) * sizeof(sent));
        sent ne = {nf, nf->tag, nf->ns, 0};
        P->afe[bookmark] = ne;
        P->an++;
        P->moved = 1;
        /* Stack: remove fe, insert nf just above fb. */
        si = stack_index(P, fe);
        if (si != SIZE_MAX)
            stack_remove(P, si);
        fbi = stack_index(P, fb);
        if (grow(P, (void **)&P->st, &P->scap, P->sn + 1, sizeof(sent)))
            return;
        memmove(&P->st[fbi + 2], &P->st[fbi + 1],
                (P->sn - fbi - 1) * sizeof(sent));
        P->sn++;
        P->st[fbi + 1] = ne;
        P->cnt[nf->tag]++;
    }
}

/* ------------------------------------------------------------------ */
/* Insertion modes                                                     */

static int dispatch_mode(parser *P, token *t);
static int in_body(parser *P, token *t);

static size_t ws_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && IS_WS(s[i]))
        i++;
    return i;
}

/* Value of attribute `name` on the current token (len set), or NULL. */
static const char *tok_attr(parser *P, const token *t, const char *name,
                            size_t *len)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i < t->nattrs; i++) {
        const tattr *a = &P->attrs[i];
        const char *nm = (a->nin ? P->abuf : P->src) + a->n;
        if (a->nl == nl && !memcmp(nm, name, nl)) {
            *len = a->vl;
            return (a->vin ? P->abuf : P->src) + a->v;
        }
    }
    return NULL;
}

static void raw_element(parser *P, const token *t, int ts)
{
    th_node *n = insert_el(P, t, TH_NS_HTML);
    if (!n)
        return;
    P->ts = ts;
    P->rawname = n->name;
    P->rawlen = strlen(n->name);
    P->orig_mode = P->mode;
    P->mode = M_TEXT;
}

static void reset_mode(parser *P)
{
    for (size_t i = P->sn; i-- > 0;) {
        const sent *e = &P->st[i];
        int last = i == 0;
        if (e->ns != TH_NS_HTML) {
            if (last) {
                P->mode = M_IN_BODY;
                return;
            }
            continue;
        }
        switch (e->tag) {
        case TH_TAG_SELECT:
            if (!last)
                for (size_t j = i; j-- > 0;) {
                    if (is_html(&P->st[j], TH_TAG_TEMPLATE))
                        break;
                    if (is_html(&P->st[j], TH_TAG_TABLE)) {
                        P->mode = M_IN_SELECT_IN_TABLE;
                        return;
                    }
                }
            P->mode = M_IN_SELECT;
            return;
        case TH_TAG_TD:
        case TH_TAG_TH:
            if (!last) {
                P->mode = M_IN_CELL;
                return;
            }
            break;
        case TH_TAG_TR: P->mode = M_IN_ROW; return;
        case TH_TAG_TBODY:
        case TH_TAG_THEAD:
        case TH_TAG_TFOOT: P->mode = M_IN_TABLE_BODY; return;
        case TH_TAG_CAPTION: P->mode = M_IN_CAPTION; return;
        case TH_TAG_COLGROUP: P->mode = M_IN_COLUMN_GROUP; return;
        case TH_TAG_TABLE: P->mode = M_IN_TABLE; return;
        case TH_TAG_TEMPLATE:
            P->mode = P->tn ? P->tmodes[P->tn - 1] : M_IN_BODY;
            return;
        case TH_TAG_HEAD:
            if (!last) {
                P->mode = M_IN_HEAD;
                return;
            }
            break;
        case TH_TAG_BODY: P->mode = M_IN_BODY; return;
        case TH_TAG_FRAMESET: P->mode = M_IN_FRAMESET; return;
        case TH_TAG_HTML:
            P->mode = P->head ? M_AFTER_HEAD : M_BEFORE_HEAD;
            return;
        default: break;
        }
        if (last) {
            P->mode = M_IN_BODY;
            return;
        }
    }
    P->mode = M_IN_BODY;
}

static void push_tmode(parser *P, int m)
{
    if (grow(P, (void **)&P->tmodes, &P->tcap, P->tn + 1, sizeof(int)))
        return;
    P->tmodes[P->tn++] = m;
}

static void end_template(parser *P)
{
    if (!P->ntemplate)
        return;
    gen_implied(P, TH_TAG__COUNT, 1);
    pop_until(P, TH_TAG_TEMPLATE);
    afe_clear_to_marker(P);
    if (P->tn)
        P->tn--;
    reset_mode(P);
}

/* Character tokens in the head-like modes: the leading whitespace is
 * inserted here; returns 1 when that was the whole token, else leaves the
 * rest in t for the mode's "anything else" rule. */
static int insert_leading_ws(parser *P, token *t)
{
    size_t w = ws_len(t->data, t->dlen);
    insert_text(P, t->data, w, t->vol);
    if (w == t->dlen)
        return 1;
    t->data += w;
    t->dlen -= w;
    return 0;
}

static int in_head(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS:
        if (insert_leading_ws(P, t))
            return 0;
        break;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        switch (t->tag) {
        case TH_TAG_HTML: return in_body(P, t);
        case TH_TAG_BASE: case TH_TAG_BASEFONT: case TH_TAG_BGSOUND:
        case TH_TAG_LINK: case TH_TAG_META:
            if (insert_el(P, t, TH_NS_HTML))
                pop(P);
            return 0;
        case TH_TAG_TITLE: raw_element(P, t, TS_RCDATA); return 0;
        case TH_TAG_NOSCRIPT:
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_HEAD_NOSCRIPT;
            return 0;
        case TH_TAG_NOFRAMES: case TH_TAG_STYLE:
            raw_element(P, t, TS_RAWTEXT);
            return 0;
        case TH_TAG_SCRIPT: raw_element(P, t, TS_SCRIPT); return 0;
        case TH_TAG_TEMPLATE:
            insert_el(P, t, TH_NS_HTML);
            afe_marker(P);
            P->frameset_ok = 0;
            P->mode = M_IN_TEMPLATE;
            push_tmode(P, M_IN_TEMPLATE);
            return 0;
        case TH_TAG_HEAD: return 0;
        default: break;
        }
        break;
    case K_END:
        switch (t->tag) {
        case TH_TAG_HEAD:
            pop(P);
            P->mode = M_AFTER_HEAD;
            return 0;
        case TH_TAG_TEMPLATE: end_template(P); return 0;
        case TH_TAG_BODY: case TH_TAG_HTML: case TH_TAG_BR: break;
        default: return 0;
        }
        break;
    default: break;
    }
    if (is_html(cur(P), TH_TAG_HEAD))
        pop(P);
    P->mode = M_AFTER_HEAD;
    return 1;
}

static int in_head_noscript(parser *P, token *t)
{
    switch (t->kind) {
    case K_DOCTYPE: return 0;
    case K_COMMENT: return in_head(P, t);
    case K_CHARS:
        if (insert_leading_ws(P, t))
            return 0;
        break;
    case K_START:
        switch (t->tag) {
        case TH_TAG_HTML: case TH_TAG_BASEFONT: case TH_TAG_BGSOUND:
        case TH_TAG_LINK: case TH_TAG_META: case TH_TAG_NOFRAMES:
        case TH_TAG_STYLE:
            if (t->tag == TH_TAG_HTML)
                return in_body(P, t);
            return in_head(P, t);
        case TH_TAG_HEAD: case TH_TAG_NOSCRIPT: return 0;
        default: break;
        }
        break;
    case K_END:
        if (t->tag == TH_TAG_NOSCRIPT) {
            pop(P);
            P->mode = M_IN_HEAD;
            return 0;
        }
        if (t->tag != TH_TAG_BR)
            return 0;
        break;
    default: break;
    }
    if (is_html(cur(P), TH_TAG_NOSCRIPT))
        pop(P);
    P->mode = M_IN_HEAD;
    return 1;
}

/* Processes t by the in-head rules from a later mode (after head, body):
 * in_head only changes the mode for what it handles itself (raw text,
 * template), which is what the spec asks. */
static int using_in_head(parser *P, token *t) { return in_head(P, t); }

static int after_head(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS:
        if (insert_leading_ws(P, t))
            return 0;
        break;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        if (t->tag == TH_TAG_HTML)
            return in_body(P, t);
        if (t->tag == TH_TAG_BODY) {
            insert_el(P, t, TH_NS_HTML);
            P->frameset_ok = 0;
            P->mode = M_IN_BODY;
            return 0;
        }
        if (t->tag == TH_TAG_FRAMESET) {
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_FRAMESET;
            return 0;
        }
        if ((g_tf[t->tag] & F_HEADEL) && t->tag != TH_TAG_UNKNOWN &&
            P->head) {
            push(P, P->head);
            size_t hn = P->sn;
            int r = using_in_head(P, t);
            size_t hi = stack_index(P, P->head);
            if (hi != SIZE_MAX && hi < hn)
                stack_remove(P, hi);
            return r;
        }
        if (t->tag == TH_TAG_HEAD)
            return 0;
        break;
    case K_END:
        if (t->tag == TH_TAG_TEMPLATE)
            return using_in_head(P, t);
        if (t->tag != TH_TAG_BODY && t->tag != TH_TAG_HTML &&
            t->tag != TH_TAG_BR)
            return 0;
        break;
    default: break;
    }
    insert_tag(P, TH_TAG_BODY);
    P->mode = M_IN_BODY;
    return 1;
}

static int is_fmt_tag(th_tag tag) { return (g_tf[tag] & F_FMT) != 0; }

static void body_text(parser *P, token *t)
{
    reconstruct(P);
    insert_text(P, t->data, t->dlen, t->vol);
    if (P->frameset_ok && ws_len(t->data, t->dlen) != t->dlen)
        P->frameset_ok = 0;
}

static int in_body_start(parser *P, token *t)
{
    th_tag tag = t->tag;
    switch (tag) {
    case TH_TAG_HTML:
        if (!P->ntemplate)
            set_attrs(P, P->st[0].n, t->nattrs, false);
        return 0;
    case TH_TAG_BASE: case TH_TAG_BASEFONT: case TH_TAG_BGSOUND:
    case TH_TAG_LINK: case TH_TAG_META: case TH_TAG_NOFRAMES:
    case TH_TAG_SCRIPT: case TH_TAG_STYLE: case TH_TAG_TEMPLATE:
    case TH_TAG_TITLE:
        return using_in_head(P, t);
    case TH_TAG_BODY:
        if (P->sn < 2 || !is_html(&P->st[1], TH_TAG_BODY) || P->ntemplate)
            return 0;
        P->frameset_ok = 0;
        set_attrs(P, P->st[1].n, t->nattrs, false);
        return 0;
    case TH_TAG_FRAMESET:
        if (P->sn < 2 || !is_html(&P->st[1], TH_TAG_BODY) || !P->frameset_ok)
            return 0;
        flush_text(P);
        th__dom_remove(P->st[1].n);
        while (P->sn > 1)
            pop(P);
        insert_el(P, t, TH_NS_HTML);
        P->mode = M_IN_FRAMESET;
        return 0;
    case TH_TAG_H1: case TH_TAG_H2: case TH_TAG_H3:
    case TH_TAG_H4: case TH_TAG_H5: case TH_TAG_H6:
        maybe_close_p(P);
        if (tflags(cur(P)) & F_HEADING)
            pop(P);
        insert_el(P, t, TH_NS_HTML);
        return 0;
    case TH_TAG_PRE: case TH_TAG_LISTING:
        maybe_close_p(P);
        insert_el(P, t, TH_NS_HTML);
        P->skip_nl = 2;
        P->frameset_ok = 0;
        return 0;
    case TH_TAG_FORM:
        if (P->form && !P->ntemplate)
            return 0;
        maybe_close_p(P);
        {
            th_node *f = insert_el(P, t, TH_NS_HTML);
            if (!P->ntemplate)
                P->form = f;
        }
        return 0;
    case TH_TAG_LI: case TH_TAG_DD: case TH_TAG_DT:
        P->frameset_ok = 0;
        for (size_t i = P->sn; i-- > 1;) {
            const sent *e = &P->st[i];
            th_tag et = e->ns == TH_NS_HTML ? (th_tag)e->tag : TH_TAG_UNKNOWN;
            if (tag == TH_TAG_LI ? et == TH_TAG_LI
                                 : (et == TH_TAG_DD || et == TH_TAG_DT)) {
                gen_implied(P, et, 0);
                pop_until(P, et);
                break;
            }
            if ((tflags(e) & F_SPECIAL) && et != TH_TAG_ADDRESS &&
                et != TH_TAG_DIV && et != TH_TAG_P)
                break;
        }
        maybe_close_p(P);
        insert_el(P, t, TH_NS_HTML);
        return 0;
    case TH_TAG_PLAINTEXT:
        maybe_close_p(P);
        insert_el(P, t, TH_NS_HTML);
        P->ts = TS_PLAINTEXT;
        return 0;
    case TH_TAG_BUTTON:
        if (in_scope(P, TH_TAG_BUTTON, SC_DEF)) {
            gen_implied(P, TH_TAG__COUNT, 0);
            pop_until(P, TH_TAG_BUTTON);
        }
        reconstruct(P);
        insert_el(P, t, TH_NS_HTML);
        P->frameset_ok = 0;
        return 0;
    case TH_TAG_A:
        for (size_t i = P->an; i-- > 0;) {
            if (!P->afe[i].n)
                break;
            if (P->afe[i].ns == TH_NS_HTML && P->afe[i].tag == TH_TAG_A) {
                th_node *a = P->afe[i].n;
                token et = *t;
                et.kind = K_END;
                adoption(P, &et);
                size_t ai = afe_index(P, a);
                if (ai != SIZE_MAX)
                    afe_remove_at(P, ai);
                size_t si = stack_index(P, a);
                if (si != SIZE_MAX)
                    stack_remove(P, si);
                break;
            }
        }
        reconstruct(P);
        {
            th_node *n = insert_el(P, t, TH_NS_HTML);
            if (n)
                afe_push(P, n);
        }
        return 0;
    case TH_TAG_NOBR:
        reconstruct(P);
        if (in_scope(P, TH_TAG_NOBR, SC_DEF)) {
            token et = *t;
            et.kind = K_END;
            adoption(P, &et);
            reconstruct(P);
        }
        {
            th_node *n = insert_el(P, t, TH_NS_HTML);
            if (n)
                afe_push(P, n);
        }
        return 0;
    case TH_TAG_APPLET: case TH_TAG_MARQUEE: case TH_TAG_OBJECT:
        reconstruct(P);
        insert_el(P, t, TH_NS_HTML);
        afe_marker(P);
        P->frameset_ok = 0;
        return 0;
    case TH_TAG_TABLE:
        if (!P->quirks)
            maybe_close_p(P);
        insert_el(P, t, TH_NS_HTML);
        P->frameset_ok = 0;
        P->mode = M_IN_TABLE;
        return 0;
    case TH_TAG_AREA: case TH_TAG_BR: case TH_TAG_EMBED: case TH_TAG_IMG:
    case TH_TAG_KEYGEN: case TH_TAG_WBR:
        reconstruct(P);
        if (insert_el(P, t, TH_NS_HTML))
            pop(P);
        P->frameset_ok = 0;
        return 0;
    case TH_TAG_INPUT: {
        reconstruct(P);
        if (insert_el(P, t, TH_NS_HTML))
            pop(P);
        size_t vl = 0;
        const char *v = tok_attr(P, t, "type", &vl);
        if (!v || vl != 6 || !ieq(v, "hidden", 6))
            P->frameset_ok = 0;
        return 0;
    }
    case TH_TAG_PARAM: case TH_TAG_SOURCE: case TH_TAG_TRACK:
        if (insert_el(P, t, TH_NS_HTML))
            pop(P);
        return 0;
    case TH_TAG_HR:
        maybe_close_p(P);
        if (insert_el(P, t, TH_NS_HTML))
            pop(P);
        P->frameset_ok = 0;
        return 0;
    case TH_TAG_IMAGE:
        t->tag = TH_TAG_IMG;
        t->name = "img";
        t->nlen = 3;
        return 1;
    case TH_TAG_TEXTAREA:
        insert_el(P, t, TH_NS_HTML);
        P->skip_nl = 2;
        P->ts = TS_RCDATA;
        P->rawname = "textarea";
        P->rawlen = 8;
        P->orig_mode = P->mode;
        P->frameset_ok = 0;
        P->mode = M_TEXT;
        return 0;
    case TH_TAG_XMP:
        maybe_close_p(P);
        reconstruct(P);
        P->frameset_ok = 0;
        raw_element(P, t, TS_RAWTEXT);
        return 0;
    case TH_TAG_IFRAME:
        P->frameset_ok = 0;
        raw_element(P, t, TS_RAWTEXT);
        return 0;
    case TH_TAG_NOEMBED:
        raw_element(P, t, TS_RAWTEXT);
        return 0;
    case TH_TAG_SELECT:
        reconstruct(P);
        insert_el(P, t, TH_NS_HTML);
        P->frameset_ok = 0;
        P->mode = (P->mode == M_IN_TABLE || P->mode == M_IN_CAPTION ||
                   P->mode == M_IN_TABLE_BODY || P->mode == M_IN_ROW ||
                   P->mode == M_IN_CELL)
                      ? M_IN_SELECT_IN_TABLE
                      : M_IN_SELECT;
        return 0;
    case TH_TAG_OPTGROUP: case TH_TAG_OPTION:
        if (is_html(cur(P), TH_TAG_OPTION))
            pop(P);
        reconstruct(P);
        insert_el(P, t, TH_NS_HTML);
        return 0;
    case TH_TAG_RB: case TH_TAG_RTC:
        if (in_scope(P, TH_TAG_RUBY, SC_DEF))
            gen_implied(P, TH_TAG__COUNT, 0);
        insert_el(P, t, TH_NS_HTML);
        return 0;
    case TH_TAG_RP: case TH_TAG_RT:
        if (in_scope(P, TH_TAG_RUBY, SC_DEF))
            gen_implied(P, TH_TAG_RTC, 0);
        insert_el(P, t, TH_NS_HTML);
        return 0;
    case TH_TAG_MATH: case TH_TAG_SVG:
        reconstruct(P);
        if (insert_el(P, t, tag == TH_TAG_SVG ? TH_NS_SVG : TH_NS_MATHML) &&
            t->self_closing)
            pop(P);
        return 0;
    case TH_TAG_CAPTION: case TH_TAG_COL: case TH_TAG_COLGROUP:
    case TH_TAG_FRAME: case TH_TAG_HEAD: case TH_TAG_TBODY: case TH_TAG_TD:
    case TH_TAG_TFOOT: case TH_TAG_TH: case TH_TAG_THEAD: case TH_TAG_TR:
        return 0;
    default:
        break;
    }
    if (g_tf[tag] & F_CLOSEP) {
        maybe_close_p(P);
        insert_el(P, t, TH_NS_HTML);
        return 0;
    }
    if (is_fmt_tag(tag)) {
        reconstruct(P);
        th_node *n = insert_el(P, t, TH_NS_HTML);
        if (n)
            afe_push(P, n);
        return 0;
    }
    reconstruct(P);
    insert_el(P, t, TH_NS_HTML);
    return 0;
}

static int in_body_end(parser *P, token *t)
{
    th_tag tag = t->tag;
    switch (tag) {
    case TH_TAG_TEMPLATE: return using_in_head(P, t);
    case TH_TAG_BODY:
        if (in_scope(P, TH_TAG_BODY, SC_DEF))
            P->mode = M_AFTER_BODY;
        return 0;
    case TH_TAG_HTML:
        if (!in_scope(P, TH_TAG_BODY, SC_DEF))
            return 0;
        P->mode = M_AFTER_BODY;
        return 1;
    case TH_TAG_FORM:
        if (!P->ntemplate) {
            th_node *f = P->form;
            P->form = NULL;
            if (!f || !node_in_scope(P, f))
                return 0;
            gen_implied(P, TH_TAG__COUNT, 0);
            size_t i = stack_index(P, f);
            if (i != SIZE_MAX)
                stack_remove(P, i);
        } else {
            if (!in_scope(P, TH_TAG_FORM, SC_DEF))
                return 0;
            gen_implied(P, TH_TAG__COUNT, 0);
            pop_until(P, TH_TAG_FORM);
        }
        return 0;
    case TH_TAG_P:
        if (!in_scope(P, TH_TAG_P, SC_BUTTON))
            insert_tag(P, TH_TAG_P);
        close_p(P);
        return 0;
    case TH_TAG_LI:
        if (!in_scope(P, TH_TAG_LI, SC_LIST))
            return 0;
        gen_implied(P, TH_TAG_LI, 0);
        pop_until(P, TH_TAG_LI);
        return 0;
    case TH_TAG_DD: case TH_TAG_DT:
        if (!in_scope(P, tag, SC_DEF))
            return 0;
        gen_implied(P, tag, 0);
        pop_until(P, tag);
        return 0;
    case TH_TAG_H1: case TH_TAG_H2: case TH_TAG_H3:
    case TH_TAG_H4: case TH_TAG_H5: case TH_TAG_H6:
        if (!heading_in_scope(P))
            return 0;
        gen_implied(P, TH_TAG__COUNT, 0);
        while (P->sn > 1) {
            int h = (tflags(cur(P)) & F_HEADING) != 0;
            pop(P);
            if (h)
                break;
        }
        return 0;
    case TH_TAG_APPLET: case TH_TAG_MARQUEE: case TH_TAG_OBJECT:
        if (!in_scope(P, tag, SC_DEF))
            return 0;
        gen_implied(P, TH_TAG__COUNT, 0);
        pop_until(P, tag);
        afe_clear_to_marker(P);
        return 0;
    case TH_TAG_BR: {
        token st = *t;
        st.kind = K_START;
        st.nattrs = 0;
        return in_body_start(P, &st);
    }
    default: break;
    }
    if (g_tf[tag] & F_ENDBLK) {
        if (!in_scope(P, tag, SC_DEF))
            return 0;
        gen_implied(P, TH_TAG__COUNT, 0);
        pop_until(P, tag);
        return 0;
    }
    if (is_fmt_tag(tag)) {
        adoption(P, t);
        return 0;
    }
    any_other_end(P, t);
    return 0;
}

static int in_body(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS: body_text(P, t); return 0;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START: return in_body_start(P, t);
    case K_END: return in_body_end(P, t);
    case K_EOF:
        if (P->tn) {
            P->mode = M_IN_TEMPLATE;
            return 1;
        }
        return 0;
    }
    return 0;
}

static void clear_to_table_ctx(parser *P)
{
    while (P->sn > 1 && !is_html(cur(P), TH_TAG_TABLE) &&
           !is_html(cur(P), TH_TAG_TEMPLATE))
        pop(P);
}

static void clear_to_tbody_ctx(parser *P)
{
    while (P->sn > 1 && !is_html(cur(P), TH_TAG_TBODY) &&
           !is_html(cur(P), TH_TAG_TFOOT) && !is_html(cur(P), TH_TAG_THEAD) &&
           !is_html(cur(P), TH_TAG_TEMPLATE))
        pop(P);
}

static void clear_to_row_ctx(parser *P)
{
    while (P->sn > 1 && !is_html(cur(P), TH_TAG_TR) &&
           !is_html(cur(P), TH_TAG_TEMPLATE))
        pop(P);
}

static int foster_body(parser *P, token *t)
{
    P->foster = 1;
    int r = in_body(P, t);
    P->foster = 0;
    return r;
}

static int in_table(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS:
        if (tflags(cur(P)) & F_TABLEISH) {
            if (ws_len(t->data, t->dlen) == t->dlen) {
                insert_text(P, t->data, t->dlen, t->vol);
                return 0;
            }
            return foster_body(P, t);
        }
        break;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        switch (t->tag) {
        case TH_TAG_CAPTION:
            clear_to_table_ctx(P);
            afe_marker(P);
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_CAPTION;
            return 0;
        case TH_TAG_COLGROUP:
            clear_to_table_ctx(P);
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_COLUMN_GROUP;
            return 0;
        case TH_TAG_COL:
            clear_to_table_ctx(P);
            insert_tag(P, TH_TAG_COLGROUP);
            P->mode = M_IN_COLUMN_GROUP;
            return 1;
        case TH_TAG_TBODY: case TH_TAG_TFOOT: case TH_TAG_THEAD:
            clear_to_table_ctx(P);
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_TABLE_BODY;
            return 0;
        case TH_TAG_TD: case TH_TAG_TH: case TH_TAG_TR:
            clear_to_table_ctx(P);
            insert_tag(P, TH_TAG_TBODY);
            P->mode = M_IN_TABLE_BODY;
            return 1;
        case TH_TAG_TABLE:
            if (!in_scope(P, TH_TAG_TABLE, SC_TABLE))
                return 0;
            pop_until(P, TH_TAG_TABLE);
            reset_mode(P);
            return 1;
        case TH_TAG_STYLE: case TH_TAG_SCRIPT: case TH_TAG_TEMPLATE:
            return using_in_head(P, t);
        case TH_TAG_INPUT: {
            size_t vl = 0;
            const char *v = tok_attr(P, t, "type", &vl);
            if (!v || vl != 6 || !ieq(v, "hidden", 6))
                break;
            if (insert_el(P, t, TH_NS_HTML))
                pop(P);
            return 0;
        }
        case TH_TAG_FORM:
            if (P->ntemplate || P->form)
                return 0;
            P->form = insert_el(P, t, TH_NS_HTML);
            pop(P);
            return 0;
        default: break;
        }
        break;
    case K_END:
        switch (t->tag) {
        case TH_TAG_TABLE:
            if (!in_scope(P, TH_TAG_TABLE, SC_TABLE))
                return 0;
            pop_until(P, TH_TAG_TABLE);
            reset_mode(P);
            return 0;
        case TH_TAG_BODY: case TH_TAG_CAPTION: case TH_TAG_COL:
        case TH_TAG_COLGROUP: case TH_TAG_HTML: case TH_TAG_TBODY:
        case TH_TAG_TD: case TH_TAG_TFOOT: case TH_TAG_TH: case TH_TAG_THEAD:
        case TH_TAG_TR:
            return 0;
        case TH_TAG_TEMPLATE: return using_in_head(P, t);
        default: break;
        }
        break;
    case K_EOF: return in_body(P, t);
    }
    return foster_body(P, t);
}

static int in_caption(parser *P, token *t)
{
    int close = 0;
    if (t->kind == K_END && t->tag == TH_TAG_CAPTION)
        close = 1;
    else if ((t->kind == K_START && (g_tf[t->tag] & F_TPART)) ||
             (t->kind == K_END && t->tag == TH_TAG_TABLE))
        close = 2;
    else if (t->kind == K_END &&
             (t->tag == TH_TAG_BODY || t->tag == TH_TAG_HTML ||
              ((g_tf[t->tag] & F_TPART) && t->tag != TH_TAG_CAPTION)))
        return 0;
    if (close) {
        if (!in_scope(P, TH_TAG_CAPTION, SC_TABLE))
            return 0;
        gen_implied(P, TH_TAG__COUNT, 0);
        pop_until(P, TH_TAG_CAPTION);
        afe_clear_to_marker(P);
        P->mode = M_IN_TABLE;
        return close == 2;
    }
    return in_body(P, t);
}

static int in_column_group(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS:
        if (insert_leading_ws(P, t))
            return 0;
        break;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        if (t->tag == TH_TAG_HTML)
            return in_body(P, t);
        if (t->tag == TH_TAG_COL) {
            if (insert_el(P, t, TH_NS_HTML))
                pop(P);
            return 0;
        }
        if (t->tag == TH_TAG_TEMPLATE)
            return using_in_head(P, t);
        break;
    case K_END:
        if (t->tag == TH_TAG_COLGROUP) {
            if (!is_html(cur(P), TH_TAG_COLGROUP))
                return 0;
            pop(P);
            P->mode = M_IN_TABLE;
            return 0;
        }
        if (t->tag == TH_TAG_COL)
            return 0;
        if (t->tag == TH_TAG_TEMPLATE)
            return using_in_head(P, t);
        break;
    case K_EOF: return in_body(P, t);
    }
    if (!is_html(cur(P), TH_TAG_COLGROUP))
        return 0;
    pop(P);
    P->mode = M_IN_TABLE;
    return 1;
}

static int tbody_in_table_scope(parser *P)
{
    return in_scope(P, TH_TAG_TBODY, SC_TABLE) ||
           in_scope(P, TH_TAG_THEAD, SC_TABLE) ||
           in_scope(P, TH_TAG_TFOOT, SC_TABLE);
}

static int in_table_body(parser *P, token *t)
{
    if (t->kind == K_START) {
        switch (t->tag) {
        case TH_TAG_TR:
            clear_to_tbody_ctx(P);
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_ROW;
            return 0;
        case TH_TAG_TH: case TH_TAG_TD:
            clear_to_tbody_ctx(P);
            insert_tag(P, TH_TAG_TR);
            P->mode = M_IN_ROW;
            return 1;
        case TH_TAG_CAPTION: case TH_TAG_COL: case TH_TAG_COLGROUP:
        case TH_TAG_TBODY: case TH_TAG_TFOOT: case TH_TAG_THEAD:
            if (!tbody_in_table_scope(P))
                return 0;
            clear_to_tbody_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE;
            return 1;
        default: break;
        }
    } else if (t->kind == K_END) {
        switch (t->tag) {
        case TH_TAG_TBODY: case TH_TAG_TFOOT: case TH_TAG_THEAD:
            if (!in_scope(P, t->tag, SC_TABLE))
                return 0;
            clear_to_tbody_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE;
            return 0;
        case TH_TAG_TABLE:
            if (!tbody_in_table_scope(P))
                return 0;
            clear_to_tbody_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE;
            return 1;
        case TH_TAG_BODY: case TH_TAG_CAPTION: case TH_TAG_COL:
        case TH_TAG_COLGROUP: case TH_TAG_HTML: case TH_TAG_TD:
        case TH_TAG_TH: case TH_TAG_TR:
            return 0;
        default: break;
        }
    }
    return in_table(P, t);
}

static int in_row(parser *P, token *t)
{
    if (t->kind == K_START) {
        switch (t->tag) {
        case TH_TAG_TH: case TH_TAG_TD:
            clear_to_row_ctx(P);
            insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_CELL;
            afe_marker(P);
            return 0;
        case TH_TAG_CAPTION: case TH_TAG_COL: case TH_TAG_COLGROUP:
        case TH_TAG_TBODY: case TH_TAG_TFOOT: case TH_TAG_THEAD:
        case TH_TAG_TR:
            if (!in_scope(P, TH_TAG_TR, SC_TABLE))
                return 0;
            clear_to_row_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE_BODY;
            return 1;
        default: break;
        }
    } else if (t->kind == K_END) {
        switch (t->tag) {
        case TH_TAG_TR:
            if (!in_scope(P, TH_TAG_TR, SC_TABLE))
                return 0;
            clear_to_row_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE_BODY;
            return 0;
        case TH_TAG_TABLE:
            if (!in_scope(P, TH_TAG_TR, SC_TABLE))
                return 0;
            clear_to_row_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE_BODY;
            return 1;
        case TH_TAG_TBODY: case TH_TAG_TFOOT: case TH_TAG_THEAD:
            if (!in_scope(P, t->tag, SC_TABLE) ||
                !in_scope(P, TH_TAG_TR, SC_TABLE))
                return 0;
            clear_to_row_ctx(P);
            pop(P);
            P->mode = M_IN_TABLE_BODY;
            return 1;
        case TH_TAG_BODY: case TH_TAG_CAPTION: case TH_TAG_COL:
        case TH_TAG_COLGROUP: case TH_TAG_HTML: case TH_TAG_TD:
        case TH_TAG_TH:
            return 0;
        default: break;
        }
    }
    return in_table(P, t);
}

static void close_cell(parser *P)
{
    gen_implied(P, TH_TAG__COUNT, 0);
    while (P->sn > 1) {
        int hit = is_html(cur(P), TH_TAG_TD) || is_html(cur(P), TH_TAG_TH);
        pop(P);
        if (hit)
            break;
    }
    afe_clear_to_marker(P);
    P->mode = M_IN_ROW;
}

static int in_cell(parser *P, token *t)
{
    if (t->kind == K_END) {
        switch (t->tag) {
        case TH_TAG_TD: case TH_TAG_TH:
            if (!in_scope(P, t->tag, SC_TABLE))
                return 0;
            gen_implied(P, TH_TAG__COUNT, 0);
            pop_until(P, t->tag);
            afe_clear_to_marker(P);
            P->mode = M_IN_ROW;
            return 0;
        case TH_TAG_BODY: case TH_TAG_CAPTION: case TH_TAG_COL:
        case TH_TAG_COLGROUP: case TH_TAG_HTML:
            return 0;
        case TH_TAG_TABLE: case TH_TAG_TBODY: case TH_TAG_TFOOT:
        case TH_TAG_THEAD: case TH_TAG_TR:
            if (!in_scope(P, t->tag, SC_TABLE))
                return 0;
            close_cell(P);
            return 1;
        default: break;
        }
    } else if (t->kind == K_START && (g_tf[t->tag] & F_TPART)) {
        if (!in_scope(P, TH_TAG_TD, SC_TABLE) &&
            !in_scope(P, TH_TAG_TH, SC_TABLE))
            return 0;
        close_cell(P);
        return 1;
    }
    return in_body(P, t);
}

static int in_select(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS: insert_text(P, t->data, t->dlen, t->vol); return 0;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        switch (t->tag) {
        case TH_TAG_HTML: return in_body(P, t);
        case TH_TAG_OPTION:
            if (is_html(cur(P), TH_TAG_OPTION))
                pop(P);
            insert_el(P, t, TH_NS_HTML);
            return 0;
        case TH_TAG_OPTGROUP:
            if (is_html(cur(P), TH_TAG_OPTION))
                pop(P);
            if (is_html(cur(P), TH_TAG_OPTGROUP))
                pop(P);
            insert_el(P, t, TH_NS_HTML);
            return 0;
        case TH_TAG_SELECT:
            if (!in_scope(P, TH_TAG_SELECT, SC_SELECT))
                return 0;
            pop_until(P, TH_TAG_SELECT);
            reset_mode(P);
            return 0;
        case TH_TAG_INPUT: case TH_TAG_KEYGEN: case TH_TAG_TEXTAREA:
            if (!in_scope(P, TH_TAG_SELECT, SC_SELECT))
                return 0;
            pop_until(P, TH_TAG_SELECT);
            reset_mode(P);
            return 1;
        case TH_TAG_SCRIPT: case TH_TAG_TEMPLATE:
            return using_in_head(P, t);
        default: return 0;
        }
    case K_END:
        switch (t->tag) {
        case TH_TAG_OPTGROUP:
            if (is_html(cur(P), TH_TAG_OPTION) && P->sn >= 2 &&
                is_html(&P->st[P->sn - 2], TH_TAG_OPTGROUP))
                pop(P);
            if (is_html(cur(P), TH_TAG_OPTGROUP))
                pop(P);
            return 0;
        case TH_TAG_OPTION:
            if (is_html(cur(P), TH_TAG_OPTION))
                pop(P);
            return 0;
        case TH_TAG_SELECT:
            if (!in_scope(P, TH_TAG_SELECT, SC_SELECT))
                return 0;
            pop_until(P, TH_TAG_SELECT);
            reset_mode(P);
            return 0;
        case TH_TAG_TEMPLATE: return using_in_head(P, t);
        default: return 0;
        }
    case K_EOF: return in_body(P, t);
    }
    return 0;
}

static int in_select_in_table(parser *P, token *t)
{
    if ((t->kind == K_START || t->kind == K_END) &&
        (t->tag == TH_TAG_CAPTION || t->tag == TH_TAG_TABLE ||
         t->tag == TH_TAG_TBODY || t->tag == TH_TAG_TFOOT ||
         t->tag == TH_TAG_THEAD || t->tag == TH_TAG_TR ||
         t->tag == TH_TAG_TD || t->tag == TH_TAG_TH)) {
        if (t->kind == K_END && !in_scope(P, t->tag, SC_TABLE))
            return 0;
        pop_until(P, TH_TAG_SELECT);
        reset_mode(P);
        return 1;
    }
    return in_select(P, t);
}

static int in_template(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS: case K_COMMENT: case K_DOCTYPE: return in_body(P, t);
    case K_START: {
        int m;
        switch (t->tag) {
        case TH_TAG_BASE: case TH_TAG_BASEFONT: case TH_TAG_BGSOUND:
        case TH_TAG_LINK: case TH_TAG_META: case TH_TAG_NOFRAMES:
        case TH_TAG_SCRIPT: case TH_TAG_STYLE: case TH_TAG_TEMPLATE:
        case TH_TAG_TITLE:
            return using_in_head(P, t);
        case TH_TAG_CAPTION: case TH_TAG_COLGROUP: case TH_TAG_TBODY:
        case TH_TAG_TFOOT: case TH_TAG_THEAD:
            m = M_IN_TABLE; break;
        case TH_TAG_COL: m = M_IN_COLUMN_GROUP; break;
        case TH_TAG_TR: m = M_IN_TABLE_BODY; break;
        case TH_TAG_TD: case TH_TAG_TH: m = M_IN_ROW; break;
        default: m = M_IN_BODY; break;
        }
        if (P->tn)
            P->tn--;
        push_tmode(P, m);
        P->mode = m;
        return 1;
    }
    case K_END:
        if (t->tag == TH_TAG_TEMPLATE)
            return using_in_head(P, t);
        return 0;
    case K_EOF:
        if (!P->ntemplate) {
            P->tn = 0;
            return 0;
        }
        pop_until(P, TH_TAG_TEMPLATE);
        afe_clear_to_marker(P);
        if (P->tn)
            P->tn--;
        reset_mode(P);
        return 1;
    }
    return 0;
}

static int after_body(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS:
        if (ws_len(t->data, t->dlen) == t->dlen)
            return in_body(P, t);
        break;
    case K_COMMENT: insert_comment(P, t, P->st[0].n); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        if (t->tag == TH_TAG_HTML)
            return in_body(P, t);
        break;
    case K_END:
        if (t->tag == TH_TAG_HTML) {
            P->mode = M_AFTER_AFTER_BODY;
            return 0;
        }
        break;
    case K_EOF: return 0;
    }
    P->mode = M_IN_BODY;
    return 1;
}

static int in_frameset(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS: {
        /* Only whitespace is kept in a frameset. */
        for (size_t i = 0; i < t->dlen; i++)
            if (IS_WS(t->data[i]))
                insert_text(P, t->data + i, 1, t->vol);
        return 0;
    }
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_START:
        switch (t->tag) {
        case TH_TAG_HTML: return in_body(P, t);
        case TH_TAG_FRAMESET: insert_el(P, t, TH_NS_HTML); return 0;
        case TH_TAG_FRAME:
            if (insert_el(P, t, TH_NS_HTML))
                pop(P);
            return 0;
        case TH_TAG_NOFRAMES: return using_in_head(P, t);
        default: return 0;
        }
    case K_END:
        if (t->tag == TH_TAG_FRAMESET && P->mode == M_IN_FRAMESET) {
            if (P->sn <= 1)
                return 0;
            pop(P);
            if (!is_html(cur(P), TH_TAG_FRAMESET))
                P->mode = M_AFTER_FRAMESET;
        } else if (t->tag == TH_TAG_HTML && P->mode == M_AFTER_FRAMESET) {
            P->mode = M_AFTER_AFTER_FRAMESET;
        }
        return 0;
    default: return 0;
    }
}

static int after_after(parser *P, token *t)
{
    switch (t->kind) {
    case K_COMMENT: insert_comment(P, t, P->dom->root); return 0;
    case K_DOCTYPE: return in_body(P, t);
    case K_CHARS:
        if (ws_len(t->data, t->dlen) == t->dlen)
            return in_body(P, t);
        break;
    case K_START:
        if (t->tag == TH_TAG_HTML)
            return in_body(P, t);
        if (t->tag == TH_TAG_NOFRAMES && P->mode == M_AFTER_AFTER_FRAMESET)
            return using_in_head(P, t);
        break;
    case K_EOF: return 0;
    default: break;
    }
    if (P->mode == M_AFTER_AFTER_FRAMESET)
        return 0;
    P->mode = M_IN_BODY;
    return 1;
}

static int initial_modes(parser *P, token *t)
{
    if (t->kind == K_CHARS) {
        size_t w = ws_len(t->data, t->dlen);
        t->data += w;
        t->dlen -= w;
        if (!t->dlen)
            return 0;
    }
    if (P->mode == M_INITIAL) {
        if (t->kind == K_COMMENT) {
            insert_comment(P, t, P->dom->root);
            return 0;
        }
        if (t->kind == K_DOCTYPE) {
            P->quirks = t->quirks;
            P->dom->quirks = P->quirks != 0;
            P->mode = M_BEFORE_HTML;
            return 0;
        }
        P->quirks = 1;
        P->dom->quirks = true;
        P->mode = M_BEFORE_HTML;
        return 1;
    }
    if (P->mode == M_BEFORE_HTML) {
        if (t->kind == K_DOCTYPE)
            return 0;
        if (t->kind == K_COMMENT) {
            insert_comment(P, t, P->dom->root);
            return 0;
        }
        if (t->kind == K_END && t->tag != TH_TAG_HEAD &&
            t->tag != TH_TAG_BODY && t->tag != TH_TAG_HTML &&
            t->tag != TH_TAG_BR)
            return 0;
        th_node *h = th__dom_element(P->dom, "html", 4, TH_NS_HTML);
        if (!h) {
            P->oom = 1;
            return 0;
        }
        flush_text(P);
        th__dom_append(P->dom->root, h);
        push(P, h);
        P->mode = M_BEFORE_HEAD;
        if (t->kind == K_START && t->tag == TH_TAG_HTML) {
            set_attrs(P, h, t->nattrs, false);
            return 0;
        }
        return 1;
    }
    /* M_BEFORE_HEAD */
    switch (t->kind) {
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        if (t->tag == TH_TAG_HTML)
            return in_body(P, t);
        if (t->tag == TH_TAG_HEAD) {
            P->head = insert_el(P, t, TH_NS_HTML);
            P->mode = M_IN_HEAD;
            return 0;
        }
        break;
    case K_END:
        if (t->tag != TH_TAG_HEAD && t->tag != TH_TAG_BODY &&
            t->tag != TH_TAG_HTML && t->tag != TH_TAG_BR)
            return 0;
        break;
    default: break;
    }
    P->head = insert_tag(P, TH_TAG_HEAD);
    P->mode = M_IN_HEAD;
    return 1;
}

static int text_mode(parser *P, token *t)
{
    if (t->kind == K_CHARS) {
        insert_text(P, t->data, t->dlen, t->vol);
        return 0;
    }
    if (t->kind == K_EOF) {
        pop(P);
        P->mode = P->orig_mode;
        return 1;
    }
    if (t->kind == K_END) {
        pop(P);
        P->mode = P->orig_mode;
    }
    return 0;
}

static int dispatch_mode(parser *P, token *t)
{
    switch (P->mode) {
    case M_INITIAL: case M_BEFORE_HTML: case M_BEFORE_HEAD:
        return initial_modes(P, t);
    case M_IN_HEAD: return in_head(P, t);
    case M_IN_HEAD_NOSCRIPT: return in_head_noscript(P, t);
    case M_AFTER_HEAD: return after_head(P, t);
    case M_IN_BODY: return in_body(P, t);
    case M_TEXT: return text_mode(P, t);
    case M_IN_TABLE: return in_table(P, t);
    case M_IN_CAPTION: return in_caption(P, t);
    case M_IN_COLUMN_GROUP: return in_column_group(P, t);
    case M_IN_TABLE_BODY: return in_table_body(P, t);
    case M_IN_ROW: return in_row(P, t);
    case M_IN_CELL: return in_cell(P, t);
    case M_IN_SELECT: return in_select(P, t);
    case M_IN_SELECT_IN_TABLE: return in_select_in_table(P, t);
    case M_IN_TEMPLATE: return in_template(P, t);
    case M_AFTER_BODY: return after_body(P, t);
    case M_IN_FRAMESET: case M_AFTER_FRAMESET: return in_frameset(P, t);
    case M_AFTER_AFTER_BODY: case M_AFTER_AFTER_FRAMESET:
        return after_after(P, t);
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Foreign content                                                     */

static int foreign_breakout(parser *P, const token *t)
{
    if (t->tag != TH_TAG_UNKNOWN && (g_tf[t->tag] & F_BREAK))
        return 1;
    if (t->tag == TH_TAG_FONT) {
        size_t l;
        return tok_attr(P, t, "color", &l) || tok_attr(P, t, "face", &l) ||
               tok_attr(P, t, "size", &l);
    }
    return 0;
}

static int use_html_rules(parser *P, const token *t)
{
    if (P->sn == 0 || t->kind == K_EOF)
        return 1;
    const sent *c = cur(P);
    if (c->ns == TH_NS_HTML)
        return 1;
    if (c->fl & E_MATH_TIP) {
        if (t->kind == K_CHARS)
            return 1;
        if (t->kind == K_START &&
            !((t->nlen == 6 && !memcmp(t->name, "mglyph", 6)) ||
              (t->nlen == 10 && !memcmp(t->name, "malignmark", 10))))
            return 1;
    }
    if (c->ns == TH_NS_MATHML && t->kind == K_START && t->tag == TH_TAG_SVG &&
        !strcmp(c->n->name, "annotation-xml"))
        return 1;
    if ((c->fl & E_HTML_IP) && (t->kind == K_START || t->kind == K_CHARS))
        return 1;
    return 0;
}

static int foreign(parser *P, token *t)
{
    switch (t->kind) {
    case K_CHARS:
        insert_text(P, t->data, t->dlen, t->vol);
        if (P->frameset_ok && ws_len(t->data, t->dlen) != t->dlen)
            P->frameset_ok = 0;
        return 0;
    case K_COMMENT: insert_comment(P, t, NULL); return 0;
    case K_DOCTYPE: return 0;
    case K_START:
        if (foreign_breakout(P, t)) {
            while (P->sn > 1 && cur(P)->ns != TH_NS_HTML &&
                   !(cur(P)->fl & (E_MATH_TIP | E_HTML_IP)))
                pop(P);
            return dispatch_mode(P, t);
        }
        if (insert_el(P, t, (th_ns)cur(P)->ns) && t->self_closing)
            pop(P);
        return 0;
    case K_END: {
        size_t i = P->sn - 1;
        for (;;) {
            if (i == 0)
                return 0;
            const sent *e = &P->st[i];
            const char *nm = e->n->name;
            if (strncmp(nm, t->name, t->nlen) == 0 && nm[t->nlen] == 0) {
                pop_until_index(P, i);
                return 0;
            }
            i--;
            if (P->st[i].ns == TH_NS_HTML)
                return dispatch_mode(P, t);
        }
    }
    default: return 0;
    }
}

/* The tree construction dispatcher. */
static void process(parser *P, token *t)
{
    if (P->skip_nl) {
        P->skip_nl = 0;
        if (t->kind == K_CHARS && t->dlen && t->data[0] == '\n') {
            t->data++;
            t->dlen--;
            if (!t->dlen)
                return;
        }
    }
    for (int guard = 0; guard < 64 && !P->oom; guard++) {
        if (t->kind == K_START && P->sn >= P->cap &&
            !(g_tf[t->tag] & (F_VOID | F_RAW)))
            return; /* depth cap: the tag is dropped, its text kept */
        int r = use_html_rules(P, t) ? dispatch_mode(P, t) : foreign(P, t);
        if (!r)
            return;
    }
}

/* ------------------------------------------------------------------ */
/* Tokenizer                                                           */

static void emit_simple(parser *P, int kind, const char *s, size_t n, int vol)
{
    token t;
    memset(&t, 0, sizeof t);
    t.kind = kind;
    t.data = s;
    t.dlen = n;
    t.vol = vol;
    process(P, &t);
}

/* Emits s[0..n) as characters: references resolved when refs, CR/CRLF to
 * LF, NUL dropped (nul 0) or U+FFFD (nul 1). */
static void emit_text(parser *P, const char *s, size_t n, int refs, int nul,
                      int clean)
{
    if (!n)
        return;
    if (clean) {
        emit_simple(P, K_CHARS, s, n, 0);
        return;
    }
    P->alen = 0;
    if (decode_into(P, s, n, refs, 0, nul))
        return;
    if (P->alen)
        emit_simple(P, K_CHARS, P->abuf, P->alen, 1);
}

static int foreign_now(parser *P)
{
    return P->sn && cur(P)->ns != TH_NS_HTML;
}

static void emit_comment(parser *P, const char *s, size_t n)
{
    if (memchr(s, 0, n) || memchr(s, '\r', n)) {
        P->alen = 0;
        if (decode_into(P, s, n, 0, 0, 1))
            return;
        emit_simple(P, K_COMMENT, P->abuf, P->alen, 1);
        return;
    }
    emit_simple(P, K_COMMENT, s, n, 0);
}

/* Bogus comment from s up to the next '>' (or EOF). */
static void bogus_comment(parser *P, const char *s)
{
    const char *gt = memchr(s, '>', (size_t)(P->end - s));
    const char *stop = gt ? gt : P->end;
    emit_comment(P, s, (size_t)(stop - s));
    P->p = gt ? gt + 1 : P->end;
}

static void comment(parser *P, const char *s)
{
    const char *e = P->end;
    if (s < e && *s == '>') {
        emit_comment(P, s, 0);
        P->p = s + 1;
        return;
    }
    if (e - s >= 2 && s[0] == '-' && s[1] == '>') {
        emit_comment(P, s, 0);
        P->p = s + 2;
        return;
    }
    const char *q = s;
    for (;;) {
        q = memchr(q, '>', (size_t)(e - q));
        if (!q) {
            emit_comment(P, s, (size_t)(e - s));
            P->p = e;
            return;
        }
        if (q - s >= 2 && q[-1] == '-' && q[-2] == '-') {
            emit_comment(P, s, (size_t)(q - 2 - s));
            P->p = q + 1;
            return;
        }
        if (q - s >= 3 && q[-1] == '!' && q[-2] == '-' && q[-3] == '-') {
            emit_comment(P, s, (size_t)(q - 3 - s));
            P->p = q + 1;
            return;
        }
        q++;
    }
}

/* Public identifiers that put a document in quirks mode (prefixes). */
static const char *const g_quirk_pub[] = {
    "+//silmaril//dtd html pro v0r11 19970101//",
    "-//as//dtd html 3.0 aswedit + extensions//",
    "-//advasoft ltd//dtd html 3.0 aswedit + extensions//",
    "-//ietf//dtd html 2.0", "-//ietf//dtd html 2.1e//",
    "-//ietf//dtd html 3.0//", "-//ietf//dtd html 3.2",
    "-//ietf//dtd html 3//", "-//ietf//dtd html level ",
    "-//ietf//dtd html strict", "-//ietf//dtd html//",
    "-//metrius//dtd metrius presentational//",
    "-//microsoft//dtd internet explorer ",
    "-//netscape comm. corp.//dtd ",
    "-//o'reilly and associates//dtd html ",
    "-//sq//dtd html 2.0 hotmetal + extensions//",
    "-//softquad software//dtd hotmetal pro ",
    "-//softquad//dtd hotmetal pro ", "-//spyglass//dtd html 2.0 extended//",
    "-//sun microsystems corp.//dtd hotjava ",
    "-//w3c//dtd html 3 1995-03-24//", "-//w3c//dtd html 3.2",
    "-//w3c//dtd html 4.0 frameset//", "-//w3c//dtd html 4.0 transitional//",
    "-//w3c//dtd html experimental ", "-//w3c//dtd w3 html//",
    "-//w3o//dtd w3 html 3.0//", "-//webtechs//dtd mozilla html",
};

static void doctype(parser *P, const char *s)
{
    const char *e = P->end;
    const char *gt = memchr(s, '>', (size_t)(e - s));
    const char *stop = gt ? gt : e;
    P->p = gt ? gt + 1 : e;
    const char *q = s;
    while (q < stop && IS_WS(*q))
        q++;
    const char *nm = q;
    while (q < stop && !IS_WS(*q))
        q++;
    int quirks = !gt || q - nm != 4 || !ieq(nm, "html", 4);
    /* PUBLIC "id" [SYSTEM-ish "id"] */
    while (q < stop && IS_WS(*q))
        q++;
    if (!quirks && stop - q >= 6 && ieq(q, "public", 6)) {
        q += 6;
        while (q < stop && IS_WS(*q))
            q++;
        if (q < stop && (*q == '"' || *q == '\'')) {
            char qc = *q++;
            const char *id = q;
            while (q < stop && *q != qc)
                q++;
            size_t il = (size_t)(q - id);
            q++;
            while (q < stop && IS_WS(*q))
                q++;
            int has_sys = q < stop && (*q == '"' || *q == '\'');
            for (size_t i = 0; i < sizeof g_quirk_pub / sizeof *g_quirk_pub;
                 i++) {
                size_t l = strlen(g_quirk_pub[i]);
                if (il >= l && ieq(id, g_quirk_pub[i], l))
                    quirks = 1;
            }
            if ((il == 6 && ieq(id, "-//w3o//dtd w3 html strict 3.0//en//", 6)) ||
                (il == 4 && ieq(id, "html", 4)))
                quirks = 1;
            if (!has_sys &&
                ((il >= 32 && ieq(id, "-//w3c//dtd html 4.01 frameset//", 32)) ||
                 (il >= 36 &&
                  ieq(id, "-//w3c//dtd html 4.01 transitional//", 36))))
                quirks = 1;
        }
    }
    token t;
    memset(&t, 0, sizeof t);
    t.kind = K_DOCTYPE;
    t.quirks = quirks;
    process(P, &t);
}

static void markup_decl(parser *P, const char *s)
{
    const char *e = P->end;
    if (e - s >= 2 && s[0] == '-' && s[1] == '-') {
        comment(P, s + 2);
        return;
    }
    if (e - s >= 7 && ieq(s, "doctype", 7)) {
        doctype(P, s + 7);
        return;
    }
    if (e - s >= 7 && !memcmp(s, "[CDATA[", 7) && foreign_now(P)) {
        const char *c = s + 7, *q = c;
        for (;;) {
            q = memchr(q, ']', (size_t)(e - q));
            if (!q || (e - q >= 3 && q[1] == ']' && q[2] == '>'))
                break;
            q++;
        }
        const char *stop = q ? q : e;
        size_t n = (size_t)(stop - c);
        emit_text(P, c, n, 0, 1, !memchr(c, 0, n) && !memchr(c, '\r', n));
        P->p = q ? q + 3 : e;
        return;
    }
    bogus_comment(P, s);
}

/* A bloom bit for an attribute name (n >= 1): its length, first and last
 * bytes.  Only a filter: a shared bit falls back to comparing names. */
static inline uint64_t name_bit(const char *s, size_t n)
{
    uint32_t h = (uint32_t)n * 7u + (unsigned char)s[0] * 3u +
                 (unsigned char)s[n - 1];
    return (uint64_t)1 << (h & 63);
}

/* Adds a parsed attribute to the current tag unless it is a duplicate or
 * past the cap. */
static void add_attr(parser *P, const char *an, size_t anl, uint16_t afl,
                     const char *vs, size_t vl, int clean_hint)
{
    if (P->acount >= P->max_attrs || P->ascan >= ATTR_SCAN_MAX) {
        P->ascan++;
        return;
    }
    P->ascan++;
    tattr a;
    if (afl & (C_UPPER | C_NUL)) {
        a.n = P->alen;
        a.nin = 1;
        for (size_t i = 0; i < anl; i++) {
            char c = an[i];
            if (c == 0) {
                if (abuf_put(P, "\xEF\xBF\xBD", 3))
                    return;
            } else {
                c = lower(c);
                if (abuf_put(P, &c, 1))
                    return;
            }
        }
        a.nl = P->alen - a.n;
    } else {
        a.n = (size_t)(an - P->src);
        a.nl = anl;
        a.nin = 0;
    }
    const char *nm = (a.nin ? P->abuf : P->src) + a.n;
    uint64_t bit = name_bit(nm, a.nl);
    if (P->amask & bit) {
        for (size_t i = 0; i < P->acount; i++) {
            const tattr *o = &P->attrs[i];
            if (o->nl == a.nl &&
                !memcmp((o->nin ? P->abuf : P->src) + o->n, nm, a.nl)) {
                if (a.nin)
                    P->alen = a.n; /* drop the copied name */
                return;
            }
        }
    }
    P->amask |= bit;
    int clean = !vl || (clean_hint >= 0 ? clean_hint : aval_clean(vs, vl, P->end));
    if (clean) {
        a.v = vs ? (size_t)(vs - P->src) : 0;
        a.vl = vl;
        a.vin = 0;
    } else {
        a.v = P->alen;
        a.vin = 1;
        if (decode_into(P, vs, vl, 1, 1, 1))
            return;
        a.vl = P->alen - a.v;
    }
    if (grow(P, (void **)&P->attrs, &P->aslots, P->acount + 1, sizeof a))
        return;
    P->attrs[P->acount++] = a;
}

/* A start or end tag whose name starts at p (an ASCII letter). */
static void tag(parser *P, const char *p, int is_end)
{
    const char *e = P->end;
    const char *ns = p;
    uint16_t fl = 0;
    while (p < e && !(g_cc[(unsigned char)*p] & C_TNAME))
        fl |= g_cc[(unsigned char)*p++];
    if (p >= e) {
        P->p = e; /* EOF in a tag: the tag is dropped */
        return;
    }
    token t;
    memset(&t, 0, sizeof t);
    t.kind = is_end ? K_END : K_START;
    size_t nl = (size_t)(p - ns);
    int name_in_abuf = 0;
    P->alen = 0;
    P->acount = 0;
    P->ascan = 0;
    P->amask = 0;
    if (fl & (C_UPPER | C_NUL)) {
        char *d = nl * 3 <= sizeof P->nbuf ? P->nbuf : NULL;
        if (!d) {
            if (grow(P, (void **)&P->abuf, &P->acap, nl * 3 + 1, 1))
                return;
            d = P->abuf; /* the name is resolved before attributes use abuf */
        }
        size_t o = 0;
        for (size_t i = 0; i < nl; i++) {
            char c = ns[i];
            if (c == 0) {
                memcpy(d + o, "\xEF\xBF\xBD", 3);
                o += 3;
            } else {
                d[o++] = lower(c);
            }
        }
        if (d == P->abuf) {
            P->alen = o;
            name_in_abuf = 1;
        }
        t.name = d;
        t.nlen = o;
    } else {
        t.name = ns;
        t.nlen = nl;
    }
    t.tag = th__tag_lookup(t.name, t.nlen);
    /* Attributes. */
    for (;;) {
        while (p < e && IS_WS(*p))
            p++;
        if (p >= e) {
            P->p = e;
            return;
        }
        char c = *p;
        if (c == '>') {
            p++;
            break;
        }
        if (c == '/') {
            p++;
            if (p < e && *p == '>') {
                t.self_closing = 1;
                p++;
                break;
            }
            continue;
        }
        const char *an = p;
        uint16_t afl = g_cc[(unsigned char)*p];
        p++;
        while (p < e && !(g_cc[(unsigned char)*p] & C_ANAME))
            afl |= g_cc[(unsigned char)*p++];
        size_t anl = (size_t)(p - an);
        while (p < e && IS_WS(*p))
            p++;
        const char *vs = NULL;
        size_t vl = 0;
        int clean_hint = -1; /* unknown: add_attr checks the value */
        if (p < e && *p == '=') {
            p++;
            while (p < e && IS_WS(*p))
                p++;
            if (p >= e) {
                P->p = e;
                return;
            }
            if (*p == '"' || *p == '\'') {
                char q = *p++;
                const char *qe = NULL;
#ifdef __SSE2__
                /* Most values end within 16 bytes: the closing quote and
                 * whether the value needs decoding from one load. */
                if (e - p >= 16) {
                    unsigned qm = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
                        _mm_loadu_si128((const __m128i *)(const void *)p),
                        _mm_set1_epi8(q)));
                    if (qm) {
                        unsigned at = (unsigned)__builtin_ctz(qm);
                        qe = p + at;
                        clean_hint = (aval_mask16(p) & ((1u << at) - 1u)) == 0;
                    }
                }
#endif
                if (!qe)
                    qe = memchr(p, q, (size_t)(e - p));
                if (!qe) {
                    P->p = e;
                    return;
                }
                vs = p;
                vl = (size_t)(qe - p);
                p = qe + 1;
            } else if (*p != '>') {
                vs = p;
                while (p < e && !IS_WS(*p) && *p != '>')
                    p++;
                vl = (size_t)(p - vs);
            }
        }
        if (!is_end)
            add_attr(P, an, anl, afl, vs, vl, clean_hint);
        if (P->oom)
            return;
    }
    P->p = p;
    t.nattrs = P->acount;
    if (name_in_abuf)
        t.name = P->abuf; /* abuf may have moved while it grew */
    process(P, &t);
}

static void lex_lt(parser *P)
{
    const char *p = P->p + 1, *e = P->end;
    if (p >= e) {
        emit_simple(P, K_CHARS, P->p, 1, 0);
        P->p = e;
        return;
    }
    char c = *p;
    if (IS_ALPHA(c)) {
        tag(P, p, 0);
    } else if (c == '/') {
        p++;
        if (p >= e) {
            emit_simple(P, K_CHARS, P->p, 2, 0);
            P->p = e;
        } else if (IS_ALPHA(*p)) {
            tag(P, p, 1);
        } else if (*p == '>') {
            P->p = p + 1;
        } else {
            bogus_comment(P, p);
        }
    } else if (c == '!') {
        markup_decl(P, p + 1);
    } else if (c == '?') {
        bogus_comment(P, p);
    } else {
        emit_simple(P, K_CHARS, P->p, 1, 0);
        P->p = p;
    }
}

static void lex_data(parser *P)
{
    const char *p = P->p, *e = P->end;
    const char *q = p;
    while (e - q >= 4) {
        if (g_cc[(unsigned char)q[0]] & C_TEXT)
            goto found;
        if (g_cc[(unsigned char)q[1]] & C_TEXT) {
            q += 1;
            goto found;
        }
        if (g_cc[(unsigned char)q[2]] & C_TEXT) {
            q += 2;
            goto found;
        }
        if (g_cc[(unsigned char)q[3]] & C_TEXT) {
            q += 3;
            goto found;
        }
        q += 4;
    }
    while (q < e && !(g_cc[(unsigned char)*q] & C_TEXT))
        q++;
found:
    if (q < e && *q != '<') {
        const char *lt = memchr(q, '<', (size_t)(e - q));
        if (!lt)
            lt = e;
        emit_text(P, p, (size_t)(lt - p), 1, foreign_now(P), 0);
        P->p = lt;
        return;
    }
    if (q > p)
        emit_simple(P, K_CHARS, p, (size_t)(q - p), 0);
    P->p = q;
    if (q < e)
        lex_lt(P);
}

static int end_delim(char c) { return IS_WS(c) || c == '/' || c == '>'; }

/* Is s (after "</") "script" plus a delimiter? */
static int script_close(const char *s, const char *e)
{
    return e - s > 6 && ieq(s, "script", 6) && end_delim(s[6]);
}

/* End of script data: the "</script" that closes it, or e. */
static const char *script_end(const char *s, const char *e)
{
    int st = 0; /* 0 script data, 1 escaped, 2 double escaped */
    const char *q = s;
    while (q < e) {
        if (st == 0) {
            q = memchr(q, '<', (size_t)(e - q));
            if (!q)
                return e;
            if (q + 1 < e && q[1] == '/') {
                if (script_close(q + 2, e))
                    return q;
                q += 2;
                continue;
            }
            if (e - q >= 4 && q[1] == '!' && q[2] == '-' && q[3] == '-') {
                st = 1;
                q += 4;
                while (q < e && *q == '-')
                    q++;
                if (q < e && *q == '>') {
                    st = 0;
                    q++;
                }
                continue;
            }
            q++;
            continue;
        }
        char c = *q;
        if (c == '-') {
            const char *r = q;
            while (r < e && *r == '-')
                r++;
            if (r - q >= 2 && r < e && *r == '>') {
                st = 0;
                q = r + 1;
            } else {
                q = r;
            }
            continue;
        }
        if (c != '<') {
            q++;
            continue;
        }
        if (st == 1) {
            if (q + 1 < e && q[1] == '/') {
                if (script_close(q + 2, e))
                    return q;
                q += 2;
                continue;
            }
            const char *r = q + 1;
            while (r < e && IS_ALPHA(*r))
                r++;
            if (r - (q + 1) == 6 && ieq(q + 1, "script", 6) && r < e &&
                end_delim(*r))
                st = 2;
            q = r > q + 1 ? r : q + 1;
            continue;
        }
        /* st == 2 */
        if (q + 1 < e && q[1] == '/') {
            const char *r = q + 2;
            while (r < e && IS_ALPHA(*r))
                r++;
            if (r - (q + 2) == 6 && ieq(q + 2, "script", 6) && r < e &&
                end_delim(*r))
                st = 1;
            q = r;
            continue;
        }
        q++;
    }
    return e;
}

static void lex_raw(parser *P)
{
    const char *s = P->p, *e = P->end, *stop = e;
    if (P->ts == TS_SCRIPT) {
        stop = script_end(s, e);
    } else {
        const char *q = s;
        size_t rl = P->rawlen;
        while (q < e) {
            q = memchr(q, '<', (size_t)(e - q));
            if (!q)
                break;
            if ((size_t)(e - q) > rl + 2 && q[1] == '/' &&
                ieq(q + 2, P->rawname, rl) && end_delim(q[2 + rl])) {
                stop = q;
                break;
            }
            q++;
        }
    }
    size_t n = (size_t)(stop - s);
    int refs = P->ts == TS_RCDATA;
    int clean = !memchr(s, 0, n) && !memchr(s, '\r', n) &&
                !(refs && memchr(s, '&', n));
    P->ts = TS_DATA;
    emit_text(P, s, n, refs, 1, clean);
    P->p = stop;
}

/* ------------------------------------------------------------------ */
/* Entry point                                                         */

/* Depths go stale when the adoption agency moves subtrees: recompute them
 * iteratively (no recursion). */
static void fix_depths(th_node *root)
{
    for (th_node *n = root->first_child; n; n = th__dom_next(root, n, false))
        n->depth = n->parent->depth + 1;
}

th_status th__html_parse(th_dom *dom, th_arena *arena, const char *html,
                         size_t len, const th_options *opts)
{
    if (!th__dom_document(dom, arena))
        return TH_ENOMEM;
    parser *P = th__calloc(1, sizeof *P);
    if (!P)
        return TH_ENOMEM;
    P->dom = dom;
    P->arena = arena;
    P->src = P->p = html ? html : "";
    P->end = P->src + (html ? len : 0);
    unsigned md = opts && opts->max_depth ? opts->max_depth : 512;
    P->cap = md > 4 ? md - 1 : 3;
    P->max_attrs = opts && opts->max_attrs ? opts->max_attrs : 256;
    P->clones = 100000 + len / 4;
    P->frameset_ok = 1;
    P->mode = M_INITIAL;
    /* A UTF-8 byte order mark is not content. */
    if (P->end - P->p >= 3 && !memcmp(P->p, "\xEF\xBB\xBF", 3))
        P->p += 3;
    while (P->p < P->end && !P->oom) {
        switch (P->ts) {
        case TS_DATA: lex_data(P); break;
        case TS_PLAINTEXT: {
            size_t n = (size_t)(P->end - P->p);
            emit_text(P, P->p, n, 0, 1,
                      !memchr(P->p, 0, n) && !memchr(P->p, '\r', n));
            P->p = P->end;
            break;
        }
        default: lex_raw(P); break;
        }
    }
    if (!P->oom) {
        token t;
        memset(&t, 0, sizeof t);
        t.kind = K_EOF;
        process(P, &t);
        flush_text(P);
    }
    if (!P->oom && P->moved)
        fix_depths(dom->root);
    int oom = P->oom;
    th__free(P->st);
    th__free(P->afe);
    th__free(P->tmodes);
    th__free(P->abuf);
    th__free(P->attrs);
    th__free(P->pbuf);
    th__free(P);
    return oom ? TH_ENOMEM : TH_OK;
}
