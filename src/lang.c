/*
 * lang.c -- language of a document and of a comment (see lang.h).
 *
 * The text handed to the detector is the extracted title and body (never
 * the raw HTML: menus, scripts and widgets are in other languages often
 * enough to matter), at most TH_LANG_MAX_BYTES of it.  Letters are counted
 * here, in one pass, to decide whether a text is long enough to be judged;
 * CLD2 does the scoring.  No CLD2 in the build: every text is undecided.
 */
#include "lang.h"

#include <string.h>

#include "utf8.h"

#ifdef TH_HAVE_CLD2
bool th__lang_available(void) { return true; }
#else
bool th__lang_available(void) { return false; }
#endif

/* Code points that count as letters: ASCII letters and every non-ASCII
 * code point outside the punctuation/symbol ranges (Latin-1 punctuation,
 * General Punctuation, currency, arrows to dingbats, CJK punctuation,
 * full-width forms' ASCII punctuation, private use, specials). */
bool th__lang_is_letter(uint32_t c)
{
    if (c < 0x80)
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (c < 0xC0)
        return c == 0xAA || c == 0xB5 || c == 0xBA;
    if (c == 0xD7 || c == 0xF7)
        return false;
    if (c >= 0x2000 && c <= 0x2BFF)
        return false;
    if (c >= 0x3000 && c <= 0x303F)
        return false;
    if (c >= 0xE000 && c <= 0xF8FF)
        return false;
    if (c >= 0xFF00 && c <= 0xFF20)
        return false;
    if (c >= 0xFFF0 && c <= 0xFFFF)
        return false;
    if (c >= 0x1F000)
        return c >= 0x20000; /* emoji & co. no; CJK extension planes yes */
    return true;
}

/* Counts letters in s[0..len), stopping once `enough` are found. */
static size_t count_letters(const char *s, size_t len, size_t enough)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < enough;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            n += (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = th__utf8_decode(s + i, len - i, &cp);
        if (!k)
            k = 1;
        n += th__lang_is_letter(cp);
        i += k;
    }
    return n;
}

/* CLD2's legacy or odd codes to the ones in use now. */
static const char *normalize_code(const char *c)
{
    static const char *const map[][2] = {
        {"iw", "he"}, {"jw", "jv"}, {"in", "id"}, {"mo", "ro"},
        {"sr-ME", "sr"}, {"zh-TW", "zh-Hant"}, {"zhT", "zh-Hant"},
    };
    if (!c || !*c || strcmp(c, "un") == 0 || strncmp(c, "xx", 2) == 0 ||
        strcmp(c, "xxx") == 0)
        return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(c, map[i][0]) == 0)
            return map[i][1];
    return c;
}

/* The end of the longest prefix of s[0..len) of at most max bytes that
 * does not split a UTF-8 sequence. */
static size_t cut_prefix(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

/* Detects the language of the first max (<= TH_LANG_MAX_BYTES) bytes. */
static int detect_prefix(const char *text, size_t len, size_t max,
                         size_t min_letters, th_lang_result *out)
{
    memset(out, 0, sizeof *out);
    if (!text)
        return 0;
    len = cut_prefix(text, len, max);
    out->letters = count_letters(text, len, (size_t)-1);
    if (out->letters < min_letters || out->letters == 0)
        return 0;
#ifdef TH_HAVE_CLD2
    /* CLD2 reads a little past the end of its input (its script scanner
     * looks at the byte after a span): a text that stopped at an unlucky
     * byte -- a cut prefix, or a stack buffer with garbage after it --
     * sent it past its limit and, rarely, into unmapped memory (a crash
     * seen about once in 50-100 corpus runs).  It gets a copy followed
     * by zero bytes. */
    char padded[TH_LANG_MAX_BYTES + 32];
    memcpy(padded, text, len);
    memset(padded + len, 0, 32);
    const char *code = NULL;
    int pct = 0, rel = 0, tb = 0;
    if (th__cld2_detect(padded, (int)len, &code, &pct, &rel, &tb) != 0)
        return -1;
    out->code = normalize_code(code);
    out->percent = out->code ? pct : 0;
    out->reliable = out->code && rel;
#endif
    return 0;
}

int th__lang_detect(const char *text, size_t len, size_t min_letters,
                    th_lang_result *out)
{
    return detect_prefix(text, len, TH_LANG_MAX_BYTES, min_letters, out);
}

int th__lang_detect_comment(const char *text, size_t len, th_lang_result *out)
{
    return detect_prefix(text, len, TH_LANG_COMMENT_MAX_BYTES,
                         TH_LANG_MIN_COMMENT_LETTERS, out);
}

/* Title and body in one buffer for the detector, blocks separated by
 * newlines, at most TH_LANG_MAX_BYTES (+ a little): stack memory, no
 * allocation. */
typedef struct lang_text {
    char buf[TH_LANG_MAX_BYTES + 8];
    size_t len;
} lang_text;

static void lt_add(lang_text *t, const char *s, size_t n)
{
    if (!s || !n || t->len >= TH_LANG_MAX_BYTES)
        return;
    if (t->len)
        t->buf[t->len++] = '\n';
    size_t room = TH_LANG_MAX_BYTES - t->len;
    n = cut_prefix(s, n, room);
    memcpy(t->buf + t->len, s, n);
    t->len += n;
}

const char *th__lang_of_doc(const th_doc *doc, th_lang_source *src,
                            th_lang_result *res)
{
    th_lang_result r;
    memset(&r, 0, sizeof r);
    th_lang_source s = TH_LANG_SRC_NONE;
    const char *code = NULL;
    if (doc) {
        /* On the stack: no allocation, and the doc stays const. */
        lang_text t;
        t.len = 0;
        if (doc->title)
            lt_add(&t, doc->title, strlen(doc->title));
        for (size_t i = 0; i < doc->nblocks && t.len < TH_LANG_MAX_BYTES; i++)
            lt_add(&t, doc->blocks[i].text, doc->blocks[i].len);
        if (th__lang_detect(t.buf, t.len, TH_LANG_MIN_LETTERS, &r) == 0 &&
            r.code) {
            code = r.code;
            s = TH_LANG_SRC_TEXT;
        } else if (doc->lang && *doc->lang) {
            code = doc->lang;
            s = TH_LANG_SRC_DECLARED;
        }
    }
    if (src)
        *src = s;
    if (res)
        *res = r;
    return code;
}

const char *th__lang_source_name(th_lang_source src)
{
    switch (src) {
    case TH_LANG_SRC_TEXT:
        return "text";
    case TH_LANG_SRC_DECLARED:
        return "declared";
    default:
        return "none";
    }
}

void th__lang_primary(const char *tag, char *out, size_t cap)
{
    size_t n = 0;
    if (cap == 0)
        return;
    for (; tag && tag[n] && tag[n] != '-' && tag[n] != '_' && n + 1 < cap; n++) {
        char c = tag[n];
        out[n] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    out[n] = '\0';
}
