/*
 * charset.c -- bytes to UTF-8.  Decides the page's encoding in the order a
 * browser does (BOM, the caller's hint, the <meta> prescan), with two
 * deliberate departures for crawled pages: bytes that are valid UTF-8 with
 * real multi-byte text are taken as UTF-8 whatever the label says (pages are
 * often re-saved as UTF-8 with a stale <meta charset>), and undeclared
 * legacy bytes go through a light statistical guess.  Conversion uses glibc
 * iconv in one incremental loop; bytes iconv rejects become U+FFFD and the
 * loop goes on.  The output is valid UTF-8 without NUL bytes, in the arena.
 *
 * Not here: HTML parsing (the prescan only reads <meta> attributes), and
 * language detection.  See docs/internals/charset.md.
 */
#include "charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ------------------------------------------------------ encodings ---- */

typedef struct enc {
    const char *name;  /* WHATWG canonical name (what doc->charset says) */
    const char *iconv; /* glibc iconv name; NULL for UTF-8 */
} enc;

enum {
    E_UTF8 = 0, E_UTF16LE, E_UTF16BE, E_1252, E_1250, E_1251, E_1253,
    E_1254, E_1255, E_1256, E_1257, E_1258, E_874, E_8859_2, E_8859_3,
    E_8859_4, E_8859_5, E_8859_6, E_8859_7, E_8859_8, E_8859_10, E_8859_13,
    E_8859_14, E_8859_15, E_8859_16, E_KOI8R, E_KOI8U, E_MAC, E_MACCYR,
    E_866, E_GB18030, E_BIG5, E_EUCJP, E_2022JP, E_SJIS, E_EUCKR, E__COUNT
};

static const enc g_enc[E__COUNT] = {
    [E_UTF8] = {"utf-8", NULL},
    [E_UTF16LE] = {"utf-16le", "UTF-16LE"},
    [E_UTF16BE] = {"utf-16be", "UTF-16BE"},
    [E_1252] = {"windows-1252", "CP1252"},
    [E_1250] = {"windows-1250", "CP1250"},
    [E_1251] = {"windows-1251", "CP1251"},
    [E_1253] = {"windows-1253", "CP1253"},
    [E_1254] = {"windows-1254", "CP1254"},
    [E_1255] = {"windows-1255", "CP1255"},
    [E_1256] = {"windows-1256", "CP1256"},
    [E_1257] = {"windows-1257", "CP1257"},
    [E_1258] = {"windows-1258", "CP1258"},
    [E_874] = {"windows-874", "CP874"},
    [E_8859_2] = {"iso-8859-2", "ISO-8859-2"},
    [E_8859_3] = {"iso-8859-3", "ISO-8859-3"},
    [E_8859_4] = {"iso-8859-4", "ISO-8859-4"},
    [E_8859_5] = {"iso-8859-5", "ISO-8859-5"},
    [E_8859_6] = {"iso-8859-6", "ISO-8859-6"},
    [E_8859_7] = {"iso-8859-7", "ISO-8859-7"},
    [E_8859_8] = {"iso-8859-8", "ISO-8859-8"},
    [E_8859_10] = {"iso-8859-10", "ISO-8859-10"},
    [E_8859_13] = {"iso-8859-13", "ISO-8859-13"},
    [E_8859_14] = {"iso-8859-14", "ISO-8859-14"},
    [E_8859_15] = {"iso-8859-15", "ISO-8859-15"},
    [E_8859_16] = {"iso-8859-16", "ISO-8859-16"},
    [E_KOI8R] = {"koi8-r", "KOI8-R"},
    [E_KOI8U] = {"koi8-u", "KOI8-U"},
    [E_MAC] = {"macintosh", "MACINTOSH"},
    [E_MACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC"},
    [E_866] = {"ibm866", "IBM866"},
    [E_GB18030] = {"gb18030", "GB18030"},
    [E_BIG5] = {"big5", "BIG5-HKSCS"},
    [E_EUCJP] = {"euc-jp", "EUC-JP"},
    [E_2022JP] = {"iso-2022-jp", "ISO-2022-JP"},
    [E_SJIS] = {"shift_jis", "CP932"},
    [E_EUCKR] = {"euc-kr", "CP949"},
};

/* WHATWG Encoding labels (lower-case).  The "replacement" labels
 * (iso-2022-kr, hz-gb-2312, ...) are left out on purpose: an unknown label
 * falls through to detection, which serves a crawler better. */
static const struct {
    const char *label;
    unsigned char e;
} g_labels[] = {
    {"utf-8", E_UTF8}, {"utf8", E_UTF8}, {"unicode-1-1-utf-8", E_UTF8},
    {"unicode11utf8", E_UTF8}, {"unicode20utf8", E_UTF8},
    {"x-unicode20utf8", E_UTF8},
    {"utf-16le", E_UTF16LE}, {"utf-16", E_UTF16LE}, {"unicode", E_UTF16LE},
    {"ucs-2", E_UTF16LE}, {"csunicode", E_UTF16LE},
    {"iso-10646-ucs-2", E_UTF16LE}, {"unicodefeff", E_UTF16LE},
    {"utf-16be", E_UTF16BE}, {"unicodefffe", E_UTF16BE},
    {"windows-1252", E_1252}, {"ansi_x3.4-1968", E_1252}, {"ascii", E_1252},
    {"us-ascii", E_1252}, {"cp1252", E_1252}, {"cp819", E_1252},
    {"csisolatin1", E_1252}, {"ibm819", E_1252}, {"iso-8859-1", E_1252},
    {"iso-ir-100", E_1252}, {"iso8859-1", E_1252}, {"iso88591", E_1252},
    {"iso_8859-1", E_1252}, {"iso_8859-1:1987", E_1252}, {"l1", E_1252},
    {"latin1", E_1252}, {"x-cp1252", E_1252}, {"x-user-defined", E_1252},
    {"windows-1250", E_1250}, {"cp1250", E_1250}, {"x-cp1250", E_1250},
    {"windows-1251", E_1251}, {"cp1251", E_1251}, {"x-cp1251", E_1251},
    {"windows-1253", E_1253}, {"cp1253", E_1253}, {"x-cp1253", E_1253},
    {"windows-1254", E_1254}, {"cp1254", E_1254}, {"x-cp1254", E_1254},
    {"iso-8859-9", E_1254}, {"iso8859-9", E_1254}, {"iso88599", E_1254},
    {"iso_8859-9", E_1254}, {"iso_8859-9:1989", E_1254},
    {"csisolatin5", E_1254}, {"iso-ir-148", E_1254}, {"l5", E_1254},
    {"latin5", E_1254},
    {"windows-1255", E_1255}, {"cp1255", E_1255}, {"x-cp1255", E_1255},
    {"windows-1256", E_1256}, {"cp1256", E_1256}, {"x-cp1256", E_1256},
    {"windows-1257", E_1257}, {"cp1257", E_1257}, {"x-cp1257", E_1257},
    {"windows-1258", E_1258}, {"cp1258", E_1258}, {"x-cp1258", E_1258},
    {"windows-874", E_874}, {"dos-874", E_874}, {"iso-8859-11", E_874},
    {"iso8859-11", E_874}, {"iso885911", E_874}, {"tis-620", E_874},
    {"iso-8859-2", E_8859_2}, {"iso8859-2", E_8859_2},
    {"iso88592", E_8859_2}, {"iso_8859-2", E_8859_2},
    {"iso_8859-2:1987", E_8859_2}, {"iso-ir-101", E_8859_2},
    {"csisolatin2", E_8859_2}, {"l2", E_8859_2}, {"latin2", E_8859_2},
    {"iso-8859-3", E_8859_3}, {"iso8859-3", E_8859_3},
    {"iso88593", E_8859_3}, {"iso_8859-3", E_8859_3},
    {"csisolatin3", E_8859_3}, {"l3", E_8859_3}, {"latin3", E_8859_3},
    {"iso-8859-4", E_8859_4}, {"iso8859-4", E_8859_4},
    {"iso88594", E_8859_4}, {"iso_8859-4", E_8859_4},
    {"csisolatin4", E_8859_4}, {"l4", E_8859_4}, {"latin4", E_8859_4},
    {"iso-8859-5", E_8859_5}, {"iso8859-5", E_8859_5},
    {"iso88595", E_8859_5}, {"iso_8859-5", E_8859_5},
    {"cyrillic", E_8859_5}, {"csisolatincyrillic", E_8859_5},
    {"iso-8859-6", E_8859_6}, {"iso8859-6", E_8859_6},
    {"iso88596", E_8859_6}, {"iso_8859-6", E_8859_6}, {"arabic", E_8859_6},
    {"asmo-708", E_8859_6}, {"ecma-114", E_8859_6},
    {"csisolatinarabic", E_8859_6},
    {"iso-8859-7", E_8859_7}, {"iso8859-7", E_8859_7},
    {"iso88597", E_8859_7}, {"iso_8859-7", E_8859_7}, {"greek", E_8859_7},
    {"greek8", E_8859_7}, {"ecma-118", E_8859_7}, {"elot_928", E_8859_7},
    {"csisolatingreek", E_8859_7}, {"sun_eu_greek", E_8859_7},
    {"iso-8859-8", E_8859_8}, {"iso8859-8", E_8859_8},
    {"iso88598", E_8859_8}, {"iso_8859-8", E_8859_8}, {"hebrew", E_8859_8},
    {"visual", E_8859_8}, {"iso-8859-8-i", E_8859_8}, {"logical", E_8859_8},
    {"csiso88598i", E_8859_8}, {"csisolatinhebrew", E_8859_8},
    {"iso-8859-10", E_8859_10}, {"iso8859-10", E_8859_10},
    {"iso885910", E_8859_10}, {"csisolatin6", E_8859_10},
    {"l6", E_8859_10}, {"latin6", E_8859_10},
    {"iso-8859-13", E_8859_13}, {"iso8859-13", E_8859_13},
    {"iso885913", E_8859_13},
    {"iso-8859-14", E_8859_14}, {"iso8859-14", E_8859_14},
    {"iso885914", E_8859_14},
    {"iso-8859-15", E_8859_15}, {"iso8859-15", E_8859_15},
    {"iso885915", E_8859_15}, {"iso_8859-15", E_8859_15},
    {"csisolatin9", E_8859_15}, {"l9", E_8859_15},
    {"iso-8859-16", E_8859_16},
    {"koi8-r", E_KOI8R}, {"koi8_r", E_KOI8R}, {"koi8", E_KOI8R},
    {"koi", E_KOI8R}, {"cskoi8r", E_KOI8R},
    {"koi8-u", E_KOI8U}, {"koi8-ru", E_KOI8U},
    {"macintosh", E_MAC}, {"mac", E_MAC}, {"csmacintosh", E_MAC},
    {"x-mac-roman", E_MAC},
    {"x-mac-cyrillic", E_MACCYR}, {"x-mac-ukrainian", E_MACCYR},
    {"ibm866", E_866}, {"866", E_866}, {"cp866", E_866},
    {"csibm866", E_866},
    {"gb18030", E_GB18030}, {"gbk", E_GB18030}, {"gb2312", E_GB18030},
    {"gb_2312", E_GB18030}, {"gb_2312-80", E_GB18030},
    {"chinese", E_GB18030}, {"csgb2312", E_GB18030},
    {"csiso58gb231280", E_GB18030}, {"iso-ir-58", E_GB18030},
    {"x-gbk", E_GB18030}, {"cp936", E_GB18030},
    {"big5", E_BIG5}, {"big5-hkscs", E_BIG5}, {"cn-big5", E_BIG5},
    {"csbig5", E_BIG5}, {"x-x-big5", E_BIG5},
    {"euc-jp", E_EUCJP}, {"x-euc-jp", E_EUCJP},
    {"cseucpkdfmtjapanese", E_EUCJP},
    {"iso-2022-jp", E_2022JP}, {"csiso2022jp", E_2022JP},
    {"shift_jis", E_SJIS}, {"shift-jis", E_SJIS}, {"sjis", E_SJIS},
    {"x-sjis", E_SJIS}, {"ms932", E_SJIS}, {"ms_kanji", E_SJIS},
    {"windows-31j", E_SJIS}, {"csshiftjis", E_SJIS},
    {"euc-kr", E_EUCKR}, {"cseuckr", E_EUCKR}, {"korean", E_EUCKR},
    {"ks_c_5601-1987", E_EUCKR}, {"ks_c_5601-1989", E_EUCKR},
    {"ksc5601", E_EUCKR}, {"ksc_5601", E_EUCKR},
    {"csksc56011987", E_EUCKR}, {"iso-ir-149", E_EUCKR},
    {"windows-949", E_EUCKR},
};

/* Label to encoding index, or -1.  Case-insensitive, surrounding
 * whitespace and quotes ignored (labels come from attributes). */
static int label_lookup(const char *s, size_t len)
{
    while (len && (th__is_space((unsigned char)*s) || *s == '"' ||
                   *s == '\''))
        s++, len--;
    while (len && (th__is_space((unsigned char)s[len - 1]) ||
                   s[len - 1] == '"' || s[len - 1] == '\''))
        len--;
    if (len == 0 || len > 32)
        return -1;
    char low[33];
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        low[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    low[len] = '\0';
    for (size_t i = 0; i < sizeof g_labels / sizeof g_labels[0]; i++)
        if (strcmp(g_labels[i].label, low) == 0)
            return g_labels[i].e;
    return -1;
}

/* ------------------------------------------------ UTF-8 validation ---- */

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Scans s[0..len): returns true when it is valid UTF-8 (NUL bytes
 * allowed; *nul tells whether there was one).  *multi counts the multi-byte
 * sequences seen (up to the first error).
 * ASCII runs go 64 then 16 bytes a step (SSE2; eight at a time with the
 * has-zero-byte trick otherwise), jumping straight to the first NUL or
 * high byte; a run of multi-byte sequences is walked without returning to
 * the ASCII test after each one. */
static bool utf8_scan(const char *str, size_t len, size_t *multi,
                      bool *nul)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, m = 0;
    *nul = false;
    while (i < len) {
#ifdef __SSE2__
        /* 64 plain ASCII bytes (no NUL, no byte >= 0x80) per step */
        __m128i z = _mm_setzero_si128();
        while (i + 64 <= len) {
            const __m128i *q = (const __m128i *)(const void *)(s + i);
            __m128i a = _mm_loadu_si128(q), b = _mm_loadu_si128(q + 1);
            __m128i c2 = _mm_loadu_si128(q + 2), d = _mm_loadu_si128(q + 3);
            __m128i hi = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c2, d));
            __m128i nz = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(a, z), _mm_cmpeq_epi8(b, z)),
                _mm_or_si128(_mm_cmpeq_epi8(c2, z), _mm_cmpeq_epi8(d, z)));
            if (_mm_movemask_epi8(_mm_or_si128(hi, nz)))
                break;
            i += 64;
        }
        /* 16 at a time, stopping on the first NUL or high byte */
        while (i + 16 <= len) {
            __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            unsigned mask = (unsigned)_mm_movemask_epi8(
                _mm_or_si128(a, _mm_cmpeq_epi8(a, z)));
            if (mask) {
                i += (size_t)__builtin_ctz(mask);
                goto special;
            }
            i += 16;
        }
#endif
        while (i + 8 <= len) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (((v | ((v - ONES) & ~v)) & HIGHS) != 0)
                break;
            i += 8;
        }
        while (i < len && s[i] != 0 && s[i] < 0x80)
            i++;
        if (i >= len)
            break;
#ifdef __SSE2__
    special:
#endif
        if (s[i] == 0) {
            *nul = true;
            i++;
            continue;
        }
        /* a run of multi-byte sequences */
        do {
            size_t n = th__utf8_seq(s + i, len - i);
            if (!n) {
                *multi = m;
                return false;
            }
            m++;
            i += n;
#ifdef __SSE2__
            /* copies of the sequence just read (w3m draws a rule as a
             * line of U+2501): when sixteen bytes equal the sixteen n
             * before them, they are 16 / n more copies (and a part) */
            while (i + 16 <= len &&
                   _mm_movemask_epi8(_mm_cmpeq_epi8(
                       _mm_loadu_si128((const __m128i *)(const void *)(s + i)),
                       _mm_loadu_si128((const __m128i *)(const void *)(s + i - n)))) ==
                       0xFFFF) {
                m += 16 / n;
                i += 16 / n * n;
            }
#endif
        } while (i < len && s[i] >= 0x80);
    }
    *multi = m;
    return true;
}

static bool is_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* windows-1252 bytes 0x80..0x9F (0 = undefined there). */
static const uint16_t g_cp1252_hi[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0};

/*
 * Repairs text that is mostly UTF-8: valid sequences are copied, NUL bytes
 * dropped, and each invalid byte becomes U+FFFD -- except a lone byte
 * between two ASCII bytes, which is read as windows-1252 ("Mitgef\xFChl"
 * is a stray Latin-1 letter in a UTF-8 page far more often than anything
 * else).  A lead byte followed by punctuation is a sequence cut short
 * and stays U+FFFD.
 */
static char *repair_mixed(th_arena *a, const char *str, size_t len,
                          size_t *outlen)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len > (SIZE_MAX - 1) / 3)
        return NULL;
    char *out = th__arena_alloc(a, len * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c)
                out[o++] = (char)c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = th__utf8_decode(str + i, len - i, &cp);
        if (cp == 0xFFFD && !(n == 3 && c == 0xEF && s[i + 1] == 0xBF &&
                              s[i + 2] == 0xBD)) {
            bool prev_ascii = i == 0 || s[i - 1] < 0x80;
            bool next_ascii = i + 1 < len && s[i + 1] < 0x80;
            uint32_t v = 0xFFFD;
            /* A UTF-8 lead byte before punctuation is a sequence cut
             * short ("papieros\xC3..."), not a Latin-1 letter. */
            bool lead = c >= 0xC2 && c <= 0xF4;
            if (lead && next_ascii && !is_alpha(s[i + 1]))
                next_ascii = false;
            if (prev_ascii && next_ascii) {
                if (c >= 0xA0)
                    v = c;
                else if (g_cp1252_hi[c - 0x80])
                    v = g_cp1252_hi[c - 0x80];
            }
            o += (size_t)th__utf8_encode(v, out + o);
            i += v == 0xFFFD ? n : 1;
            continue;
        }
        memcpy(out + o, str + i, n);
        o += n;
        i += n;
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

/* ----------------------------------------------------------- prescan -- */

static bool ieq(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

/* Finds "charset=VALUE" in a Content-Type value; returns the encoding
 * index or -1. */
static int charset_from_content(const char *s, size_t len)
{
    for (size_t i = 0; i + 7 <= len; i++) {
        if (!ieq(s + i, 7, "charset"))
            continue;
        size_t j = i + 7;
        while (j < len && th__is_space((unsigned char)s[j]))
            j++;
        if (j >= len || s[j] != '=')
            continue;
        j++;
        while (j < len && th__is_space((unsigned char)s[j]))
            j++;
        size_t k = j;
        if (k < len && (s[k] == '"' || s[k] == '\'')) {
            char q = s[k++];
            j = k;
            while (k < len && s[k] != q)
                k++;
        } else {
            while (k < len && s[k] != ';' && s[k] != ',' &&
                   !th__is_space((unsigned char)s[k]))
                k++;
        }
        return label_lookup(s + j, k - j);
    }
    return -1;
}

typedef struct attr_span {
    const char *name, *value;
    size_t nlen, vlen;
} attr_span;

/* Reads one attribute at s[*pos..len) (WHATWG "get an attribute").
 * Returns false at '>' or the end (then *pos is past the '>'). */
static bool get_attr(const char *s, size_t len, size_t *pos, attr_span *at)
{
    size_t i = *pos;
    while (i < len && (th__is_space((unsigned char)s[i]) || s[i] == '/'))
        i++;
    if (i >= len || s[i] == '>') {
        *pos = i < len ? i + 1 : len;
        return false;
    }
    at->name = s + i;
    while (i < len && s[i] != '=' && s[i] != '>' && s[i] != '/' &&
           !th__is_space((unsigned char)s[i]))
        i++;
    at->nlen = (size_t)(s + i - at->name);
    at->value = s + i;
    at->vlen = 0;
    while (i < len && th__is_space((unsigned char)s[i]))
        i++;
    if (i >= len || s[i] != '=') {
        *pos = i;
        return true;
    }
    i++;
    while (i < len && th__is_space((unsigned char)s[i]))
        i++;
    if (i < len && (s[i] == '"' || s[i] == '\'')) {
        char q = s[i++];
        at->value = s + i;
        while (i < len && s[i] != q)
            i++;
        at->vlen = (size_t)(s + i - at->value);
        if (i < len)
            i++;
    } else {
        at->value = s + i;
        while (i < len && s[i] != '>' && !th__is_space((unsigned char)s[i]))
            i++;
        at->vlen = (size_t)(s + i - at->value);
    }
    *pos = i;
    return true;
}

/* The WHATWG <meta> prescan over the first `limit` bytes.  Returns the
 * encoding index or -1.  UTF-16 labels mean UTF-8 here (a page that could
 * be read as ASCII to find its <meta> is not UTF-16). */
static int prescan(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        const char *lt = memchr(s + i, '<', len - i);
        if (!lt)
            break;
        i = (size_t)(lt - s);
        if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            size_t j = i + 4;
            while (j + 3 <= len && memcmp(s + j, "-->", 3) != 0)
                j++;
            i = j + 3;
            continue;
        }
        if (len - i >= 6 && ieq(s + i, 5, "<meta") &&
            (th__is_space((unsigned char)s[i + 5]) || s[i + 5] == '/')) {
            size_t pos = i + 5;
            attr_span at;
            int charset = -1, content = -1;
            bool got_charset = false, http_ct = false;
            while (get_attr(s, len, &pos, &at)) {
                if (ieq(at.name, at.nlen, "charset") && !got_charset) {
                    got_charset = true;
                    charset = label_lookup(at.value, at.vlen);
                } else if (ieq(at.name, at.nlen, "http-equiv")) {
                    if (ieq(at.value, at.vlen, "content-type"))
                        http_ct = true;
                } else if (ieq(at.name, at.nlen, "content") &&
                           content < 0) {
                    content = charset_from_content(at.value, at.vlen);
                }
            }
            int e = got_charset ? charset : (http_ct ? content : -1);
            if (e == E_UTF16LE || e == E_UTF16BE)
                e = E_UTF8;
            if (e >= 0)
                return e;
            i = pos > i ? pos : i + 1;
            continue;
        }
        if (len - i >= 2 &&
            (is_alpha((unsigned char)s[i + 1]) ||
             (s[i + 1] == '/' && len - i >= 3 &&
              is_alpha((unsigned char)s[i + 2])))) {
            /* A tag: skip its name, then its attributes, so a '>' inside a
             * quoted value does not end it early. */
            size_t pos = i + 1;
            while (pos < len && !th__is_space((unsigned char)s[pos]) &&
                   s[pos] != '>')
                pos++;
            attr_span at;
            while (get_attr(s, len, &pos, &at))
                ;
            i = pos;
            continue;
        }
        if (len - i >= 2 && (s[i + 1] == '!' || s[i + 1] == '/' ||
                             s[i + 1] == '?')) {
            const char *gt = memchr(s + i, '>', len - i);
            i = gt ? (size_t)(gt - s) + 1 : len;
            continue;
        }
        i++;
    }
    return -1;
}

/* --------------------------------------------------------- detection -- */

/*
 * Guesses the encoding of bytes that are not valid UTF-8 and declare
 * nothing.  Looks only at bytes >= 0x80 and how they cluster:
 *  - Latin text in a single-byte code page has isolated high bytes
 *    (one accented letter inside an ASCII word);
 *  - Cyrillic in windows-1251 has whole words of high bytes, of any length,
 *    mostly in 0xC0-0xFF;
 *  - CJK double-byte codes have high bytes in pairs: EUC-KR and GB2312 keep
 *    both bytes in 0xA1-0xFE (Korean leads rarely pass 0xC8), Shift_JIS
 *    leads with 0x81-0x9F/0xE0-0xEF and often has an ASCII-range trail byte.
 * Anything unclear is windows-1252, the web's most common legacy encoding.
 */
/* Mostly UTF-8: over the first 256 kB, at least 16 valid multi-byte
 * sequences and at most one invalid byte per 50 of them.  Text dumps cut
 * or re-joined by a crawler (lynx splitting a CJK character at a line
 * wrap, a truncated fetch) keep a few broken sequences in otherwise
 * UTF-8 text; read as windows-1252, every other character of the page
 * would be mojibake.  Legacy 8-bit or double-byte text almost never
 * forms 16 valid sequences with so few errors. */
static bool utf8_mostly(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t lim = len < (size_t)256 * 1024 ? len : (size_t)256 * 1024;
    size_t ok = 0, bad = 0;
    for (size_t i = 0; i < lim;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = th__utf8_seq(s + i, lim - i);
        if (n) {
            ok++;
            i += n;
        } else {
            bad++;
            i++;
        }
    }
    return ok >= 16 && bad * 50 <= ok;
}

static int detect(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t lim = len < (size_t)256 * 1024 ? len : (size_t)256 * 1024;
    size_t high = 0, runs = 0, odd_runs = 0, long_runs = 0, cyr = 0;
    size_t gb_ok = 0, gb_bad = 0, kr_lead = 0, cn_lead = 0;
    size_t sj_ok = 0, sj_bad = 0, sj_kana = 0;
    for (size_t i = 0; i < lim;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < lim && s[j] >= 0x80)
            j++;
        size_t run = j - i;
        runs++;
        high += run;
        if (run & 1)
            odd_runs++;
        if (run >= 3)
            long_runs++;
        for (size_t k = i; k < j; k++)
            if (s[k] >= 0xC0)
                cyr++;
        i = j;
    }
    if (high == 0)
        return E_1252;
    /* Double-byte structure checks over the whole sample. */
    for (size_t i = 0; i + 1 < lim;) {
        unsigned char c = s[i], d = s[i + 1];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x81 && c <= 0xFE && d >= 0x40 && d != 0x7F && d != 0xFF) {
            gb_ok++;
            if (c >= 0xB0 && c <= 0xC8 && d >= 0xA1)
                kr_lead++;
            else if (c > 0xC8 && c <= 0xF7 && d >= 0xA1)
                cn_lead++;
        } else {
            gb_bad++;
        }
        i += 2;
    }
    for (size_t i = 0; i + 1 < lim;) {
        unsigned char c = s[i], d = s[i + 1];
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xA1 && c <= 0xDF) { /* half-width katakana */
            sj_kana++;
            i++;
            continue;
        }
        if (((c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC)) &&
            d >= 0x40 && d <= 0xFC && d != 0x7F) {
            sj_ok++;
            if (c == 0x82 || c == 0x83) /* hiragana, katakana */
                sj_kana += 4;
        } else {
            sj_bad++;
        }
        i += 2;
    }
    bool paired = runs > 0 && odd_runs * 5 < runs; /* < 20% odd runs */
    if (sj_ok > 8 && sj_bad * 20 < sj_ok && sj_kana > sj_ok &&
        !(paired && kr_lead + cn_lead > sj_ok / 2))
        return E_SJIS;
    if (paired && gb_ok > 8 && gb_bad * 20 < gb_ok) {
        if (kr_lead > 8 * cn_lead + 4)
            return E_EUCKR;
        return E_GB18030;
    }
    if (long_runs * 2 > runs && cyr * 10 > high * 8)
        return E_1251;
    return E_1252;
}

/* ---------------------------------------------------------- convert ---- */

/* Converts with iconv into arena memory; every byte iconv rejects becomes
 * U+FFFD.  Returns NULL on ENOMEM or when iconv lacks the encoding (then
 * *unsupported is set). */
static char *convert(th_arena *a, const char *data, size_t len, int e,
                     size_t *outlen, bool *unsupported)
{
    *unsupported = false;
    iconv_t cd = iconv_open("UTF-8", g_enc[e].iconv);
    if (cd == (iconv_t)-1) {
        *unsupported = true;
        return NULL;
    }
    /* Worst case 3 output bytes per input byte (a single-byte code page
     * mapping to U+0800.., or U+FFFD per byte); start smaller and grow. */
    if (len > (SIZE_MAX - 16) / 3) {
        iconv_close(cd);
        return NULL;
    }
    size_t maxcap = len * 3 + 16;
    size_t cap = len + len / 2 + 64;
    if (cap > maxcap)
        cap = maxcap;
    char *out = th__arena_alloc(a, cap);
    if (!out) {
        iconv_close(cd);
        return NULL;
    }
    char *in = (char *)(uintptr_t)data;
    size_t inleft = len, o = 0;
    for (;;) {
        char *op = out + o;
        size_t oleft = cap - o - 1; /* room for the NUL */
        size_t r = iconv(cd, inleft ? &in : NULL, &inleft, &op, &oleft);
        int err = errno;
        o = (size_t)(op - out);
        if (r != (size_t)-1) {
            if (inleft == 0)
                break;
            continue;
        }
        if (err == E2BIG || (cap - o - 1) < 4) {
            size_t ncap = cap * 2 < maxcap ? cap * 2 : maxcap;
            if (ncap <= cap)
                ncap = cap + 64; /* cannot happen: maxcap bounds output */
            char *n = th__arena_realloc(a, out, cap, ncap);
            if (!n) {
                iconv_close(cd);
                return NULL;
            }
            out = n;
            cap = ncap;
            if (err == E2BIG)
                continue;
        }
        if (err == EILSEQ || err == EINVAL) {
            /* EILSEQ: skip one byte; EINVAL: an incomplete sequence at the
             * end.  Either way one U+FFFD and go on. */
            o += (size_t)th__utf8_encode(0xFFFD, out + o);
            if (err == EINVAL) {
                inleft = 0;
                break;
            }
            in++;
            inleft--;
            iconv(cd, NULL, NULL, NULL, NULL); /* reset shift state */
            if (inleft == 0)
                break;
            continue;
        }
        break; /* unexpected errno: keep what was converted */
    }
    iconv_close(cd);
    /* Drop NUL characters (U+0000 decodes to a 0 byte). */
    if (memchr(out, '\0', o)) {
        size_t w = 0;
        for (size_t r = 0; r < o; r++)
            if (out[r])
                out[w++] = out[r];
        o = w;
    }
    out[o] = '\0';
    *outlen = o;
    return out;
}

/* ------------------------------------------------------------- entry --- */

static th_status decode(th_arena *a, const char *data, size_t len,
                        const char *hint, int is_html, bool view,
                        const char **out, size_t *outlen, const char **name)
{
    const unsigned char *u = (const unsigned char *)data;
    int e = -1;
    bool from_bom = false;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        e = E_UTF8;
        data += 3;
        len -= 3;
        from_bom = true;
    } else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
        e = E_UTF16LE;
        data += 2;
        len -= 2;
        from_bom = true;
    } else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
        e = E_UTF16BE;
        data += 2;
        len -= 2;
        from_bom = true;
    }
    if (e < 0 && hint)
        e = label_lookup(hint, strlen(hint));
    if (e < 0 && is_html)
        e = prescan(data, len < 65536 ? len : 65536);

    size_t multi = 0;
    bool valid = true, nul = false;
    if (e != E_UTF16LE && e != E_UTF16BE)
        valid = utf8_scan(data, len, &multi, &nul);
    /* Valid UTF-8 with real multi-byte text is UTF-8 whatever the label:
     * legacy text almost never forms valid sequences by chance, while
     * stale labels on re-encoded pages are common. */
    if (!from_bom && valid && multi > 0)
        e = E_UTF8;
    if (e < 0)
        e = valid || utf8_mostly(data, len) ? E_UTF8 : detect(data, len);

    *name = g_enc[e].name;
    char *p;
    if (valid && !nul &&
        (e == E_UTF8 || (multi == 0 && e != E_UTF16LE && e != E_UTF16BE &&
                         e != E_2022JP))) {
        /* The common case: valid UTF-8 (or pure ASCII in an ASCII-
         * compatible encoding) is one validation pass, and a copy only
         * when the caller needs a NUL-terminated string of its own. */
        if (view) {
            *out = data;
            *outlen = len;
            return TH_OK;
        }
        p = th__arena_strndup(a, data, len);
        if (!p)
            return TH_ENOMEM;
        *out = p;
        *outlen = len;
        return TH_OK;
    }
    if (e == E_UTF8) {
        *out = repair_mixed(a, data, len, outlen);
        return *out ? TH_OK : TH_ENOMEM;
    }
    bool unsupported = false;
    p = convert(a, data, len, e, outlen, &unsupported);
    if (!p && unsupported) {
        /* iconv without this encoding: fall back to repairing as UTF-8. */
        *name = g_enc[E_UTF8].name;
        *out = repair_mixed(a, data, len, outlen);
        return *out ? TH_OK : TH_ENOMEM;
    }
    if (!p)
        return TH_ENOMEM;
    /* iconv's output is UTF-8 by construction; check cheaply anyway so a
     * broken converter can never leak invalid bytes downstream. */
    size_t m2;
    bool nul2;
    if (!utf8_scan(p, *outlen, &m2, &nul2) || nul2) {
        p = th__utf8_repair(a, p, *outlen, outlen);
        if (!p)
            return TH_ENOMEM;
    }
    *out = p;
    return TH_OK;
}

th_status th__charset_decode(th_arena *a, const char *data, size_t len,
                             const char *hint, int is_html, char **out,
                             size_t *outlen, const char **name)
{
    const char *o = NULL;
    th_status st = decode(a, data, len, hint, is_html, false, &o, outlen, name);
    *out = (char *)o; /* an arena copy: decode only aliases data when viewing */
    return st;
}

th_status th__charset_view(th_arena *a, const char *data, size_t len,
                           const char *hint, int is_html, const char **out,
                           size_t *outlen, const char **name)
{
    return decode(a, data, len, hint, is_html, true, out, outlen, name);
}
