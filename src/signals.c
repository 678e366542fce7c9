/*
 * signals.c -- language and quality signals of one document (signals.h;
 * definitions and deviations from the papers in docs/internals/signals.md).
 *
 * One pass over the body blocks splits them into lines and whitespace
 * tokens (64 bytes at a time from SSE2 class bit masks, or byte by byte)
 * and records, per word, a 64-bit hash and its length in code points,
 * and per line and paragraph a cheap key and a length.  Repetition
 * statistics then run over those arrays with one open-addressing table
 * (keys are 64-bit hashes, so equal keys are taken as equal strings; a
 * collision would need ~2^32 distinct n-grams), behind bit sets that let
 * only the possible repeats reach it.  Every pass is linear; the only
 * allocations are the scratch arrays, freed before returning.
 *
 * Not here: deciding what to do with a failing document (the corpus run
 * keeps it and records the verdict), and language detection itself
 * (lang.c).
 */
#include "signals.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dedup.h" /* th__hash64: lines and paragraphs, 8 bytes a step */
#include "mem.h"
#include "utf8.h"

/* ---------------------------------------------------- the rule set ---- */

/* Default thresholds (docs/internals/signals.md says where each comes
 * from).  A rule fails when the statistic is outside its bound. */
#define R_MIN_WORDS 20           /* Gopher: 50 */
#define R_MAX_WORDS 100000       /* Gopher */
#define R_MIN_MEAN_WORD 3.0      /* Gopher */
#define R_MAX_MEAN_WORD 10.0     /* Gopher */
#define R_MAX_SYMBOL_RATIO 0.1   /* Gopher, '#' and ellipsis each */
#define R_MAX_BULLET_LINES 0.9   /* Gopher */
#define R_MAX_ELLIPSIS_LINES 0.3 /* Gopher */
#define R_MIN_ALPHA_WORDS 0.8    /* Gopher */
#define R_MIN_STOP_WORDS 2       /* Gopher: 2 of its 8 English words */
#define R_MAX_DUP_LINES 0.3      /* Gopher */
#define R_MAX_DUP_PARAS 0.3      /* Gopher */
#define R_MAX_DUP_LINE_CHARS 0.2 /* Gopher */
#define R_MAX_DUP_PARA_CHARS 0.2 /* Gopher */
#define R_MIN_LINE_PUNCT 0.12    /* FineWeb */
/* FineWeb's line_punct is computed and reported but not in the default
 * set: with one line per block it failed 16 of the 502 real dev pages,
 * most of them plain articles whose last block is a table or a credit. */
#define DEFAULT_RULES (((1u << TH_QR_COUNT) - 1) & ~(1u << TH_QR_LINE_PUNCT))
static const double R_TOP_NGRAM[3] = {0.20, 0.18, 0.16};             /* 2-4 */
static const double R_DUP_NGRAM[6] = {0.15, 0.14, 0.13, 0.12, 0.11, 0.10};

static const char *const qrule_names[TH_QR_COUNT] = {
    "min_words",      "max_words",        "mean_word_length",
    "hash_ratio",     "ellipsis_ratio",   "bullet_lines",
    "ellipsis_lines", "alpha_words",      "stop_words",
    "dup_lines",      "dup_paragraphs",   "dup_line_chars",
    "dup_paragraph_chars", "top_2gram",   "top_3gram",
    "top_4gram",      "dup_5gram",        "dup_6gram",
    "dup_7gram",      "dup_8gram",        "dup_9gram",
    "dup_10gram",     "line_punct",       "lorem_ipsum",
};

const char *th__qrule_name(th_qrule r)
{
    return (unsigned)r < TH_QR_COUNT ? qrule_names[r] : "?";
}

/* ----------------------------------------------------- stop words ---- */

/* Gopher's English list, and lists in its spirit for other languages: the
 * articles, the commonest prepositions and conjunctions, "be" and "have".
 * Lower case; matched after lower-casing ASCII and Latin-1 letters. */
typedef struct stoplist {
    const char *lang;
    const char *words[14];
} stoplist;

static const stoplist stoplists[] = {
    {"en", {"the", "be", "to", "of", "and", "that", "have", "with"}},
    {"de", {"der", "die", "das", "und", "zu", "von", "mit", "sein", "haben",
            "dass", "ist", "nicht", "den", "ein"}},
    {"fr", {"le", "la", "les", "de", "et", "\xc3\xa0", "que", "avec",
            "\xc3\xaatre", "avoir", "est", "des", "un", "une"}},
    {"es", {"el", "la", "los", "de", "y", "a", "que", "con", "ser", "haber",
            "es", "en", "las", "un"}},
    {"it", {"il", "la", "di", "e", "che", "a", "con", "essere", "avere",
            "\xc3\xa8", "per", "un", "una", "non"}},
    {"pt", {"o", "a", "os", "de", "e", "que", "com", "ser", "ter",
            "\xc3\xa9", "para", "em", "um", "uma"}},
    {"nl", {"de", "het", "een", "en", "van", "te", "dat", "met", "zijn",
            "hebben", "is", "niet", "op", "in"}},
    {"pl", {"i", "w", "z", "na", "\xc5\xbc" "e", "do", "si\xc4\x99", "nie",
            "jest", "to", "by\xc4\x87", "mie\xc4\x87", "od", "a"}},
    {"cs", {"a", "v", "se", "na", "je", "\xc5\xbe" "e", "s", "z", "to",
            "b\xc3\xbdt", "m\xc3\xadt", "do", "o", "k"}},
    {"sv", {"och", "att", "det", "i", "en", "som", "med", "av", "vara",
            "ha", "\xc3\xa4r", "p\xc3\xa5", "f\xc3\xb6r", "den"}},
};

static const stoplist *stoplist_for(const char *lang)
{
    char p[8];
    th__lang_primary(lang, p, sizeof p);
    for (size_t i = 0; i < sizeof stoplists / sizeof stoplists[0]; i++)
        if (strcmp(stoplists[i].lang, p) == 0)
            return &stoplists[i];
    return NULL;
}

/* Languages written without spaces between words: word-based rules say
 * nothing there and are skipped. */
static bool unsegmented(const char *lang)
{
    char p[8];
    th__lang_primary(lang, p, sizeof p);
    static const char *const l[] = {"zh", "ja", "th", "lo", "km", "my", "bo"};
    for (size_t i = 0; i < sizeof l / sizeof l[0]; i++)
        if (strcmp(l[i], p) == 0)
            return true;
    return false;
}

/* Index in sl of w[0..n) lower-cased (ASCII and Latin-1), or -1. */
static int stop_index(const stoplist *sl, const char *w, size_t n)
{
    char low[16];
    if (n >= sizeof low)
        return -1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c >= 0x80 && c <= 0x9E && i > 0 &&
                 (unsigned char)w[i - 1] == 0xC3 && c != 0x97)
            c = (unsigned char)(c + 32); /* U+00C0-U+00DE but x */
        low[i] = (char)c;
    }
    low[n] = '\0';
    for (int i = 0; i < 14 && sl->words[i]; i++)
        if (sl->words[i][0] == low[0] && strcmp(sl->words[i], low) == 0)
            return i;
    return -1;
}

/* -------------------------------------------------- small helpers ---- */

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Byte classes for the tokenizer's fast path (punct_cp and
 * th__lang_is_letter restricted to ASCII; th__is_space; the bytes the
 * symbol counts look at; non-ASCII bytes; NUL, which ends a C string). */
#define AC_PUNCT 1
#define AC_LETTER 2
#define AC_SPACE 4
#define AC_SYMBOL 8 /* '#' and '.' */
#define AC_HIGH 16  /* >= 0x80 */
#define AC_NUL 32
static unsigned char ascii_class[256];
static pthread_once_t ascii_once = PTHREAD_ONCE_INIT;

/* Stop words as 64-bit keys (up to 8 bytes, little-endian, zero-padded):
 * an ASCII token is looked up with one compare per entry. */
#define STOP_KEY_MAX 8
static uint64_t stop_keys[10][14];
/* The same keys in a perfect hash table per list: a multiplier found at
 * start-up sends the list's keys to distinct slots of 64, so a lookup is
 * one multiply, one load and one compare, with no branch (most words are
 * not stop words, and which are is unpredictable).  Should no multiplier
 * be found (none of 4096 tried), the list is scanned (`perfect` false). */
#define STOP_SET 64
typedef struct stopset {
    uint64_t mul;
    bool perfect;
    uint64_t key[STOP_SET]; /* 0 = empty: no word's key is 0 */
    uint32_t bit[STOP_SET]; /* 1u << the entry's index */
} stopset;
static stopset stop_sets[10];

static unsigned stop_slot(const stopset *ss, uint64_t k)
{
    return (unsigned)((k * ss->mul) >> 58); /* 0..63 */
}

/* Fills ss from the keys of list l; false when two keys collide. */
static bool stop_set_try(stopset *ss, size_t l, uint64_t mul)
{
    memset(ss, 0, sizeof *ss);
    ss->mul = mul;
    for (int i = 0; i < 14 && stoplists[l].words[i]; i++) {
        uint64_t k = stop_keys[l][i];
        if (!k)
            continue;
        unsigned h = stop_slot(ss, k);
        if (ss->key[h] == k)
            continue; /* the same entry twice: the first wins, as the scan */
        if (ss->key[h])
            return false;
        ss->key[h] = k;
        ss->bit[h] = 1u << i;
    }
    return true;
}

static void stop_set_init(size_t l)
{
    uint64_t x = 0x2545F4914F6CDD1DULL;
    for (int j = 0; j < 4096; j++) {
        x += 0x9E3779B97F4A7C15ULL; /* splitmix64's sequence */
        uint64_t m = x;
        m = (m ^ (m >> 30)) * 0xbf58476d1ce4e5b9ULL;
        m = (m ^ (m >> 27)) * 0x94d049bb133111ebULL;
        m ^= m >> 31;
        if (stop_set_try(&stop_sets[l], l, m | 1)) {
            stop_sets[l].perfect = true;
            return;
        }
    }
    memset(&stop_sets[l], 0, sizeof stop_sets[l]);
}

static bool punct_cp(uint32_t c);

static uint64_t key8(const unsigned char *w, size_t n)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++)
        k |= (uint64_t)w[i] << (8 * i);
    return k;
}

static void sent_init(void);

static void ascii_init(void)
{
    sent_init();
    for (unsigned c = 0; c < 256; c++)
        ascii_class[c] = (unsigned char)(
            c >= 0x80 ? AC_HIGH
                      : (punct_cp(c) ? AC_PUNCT : 0) |
                            (th__lang_is_letter(c) ? AC_LETTER : 0) |
                            (th__is_space((unsigned char)c) ? AC_SPACE : 0) |
                            (c == '#' || c == '.' ? AC_SYMBOL : 0) |
                            (c == 0 ? AC_NUL : 0));
    for (size_t l = 0; l < sizeof stoplists / sizeof stoplists[0]; l++)
        for (int i = 0; i < 14 && stoplists[l].words[i]; i++) {
            const char *w = stoplists[l].words[i];
            size_t n = strlen(w);
            /* Longer entries: no key (none exists; stop_index would
             * still find them). */
            stop_keys[l][i] =
                n <= STOP_KEY_MAX ? key8((const unsigned char *)w, n) : 0;
        }
    for (size_t l = 0; l < sizeof stoplists / sizeof stoplists[0]; l++)
        stop_set_init(l);
}

/* stop_index for a token of ASCII bytes without NUL: the same answer.
 * Keys hold the lower-cased bytes; an entry is equal to the lower-cased
 * token exactly when their keys are (both zero-padded, neither has a
 * NUL byte). */
static int stop_index_ascii(const stoplist *sl, const unsigned char *w,
                            size_t n)
{
    if (n > STOP_KEY_MAX)
        return -1;
    uint64_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = w[i];
        c += (c - 'A' < 26u) << 5;
        k |= (uint64_t)c << (8 * i);
    }
    const uint64_t *keys = stop_keys[sl - stoplists];
    for (int i = 0; i < 14 && sl->words[i]; i++)
        if (keys[i] == k)
            return i;
    return -1;
}

/* Code points of s[0..n): bytes that are not continuation bytes
 * (10xxxxxx), counted 8 at a time (bit 7 set and bit 6 clear). */
/* Hash of an ASCII word of wl <= 8 bytes held in v (little-endian,
 * zero above the word): its length goes into the bytes' top bits, which
 * ASCII leaves clear, so distinct words of up to 8 bytes never share a
 * hash (mix64 is a bijection).  Word hashes are only compared with each
 * other (n-gram repeats), so any function of the word's bytes does. */
static uint64_t ascii_word_hash(uint64_t v, size_t wl)
{
    static const uint64_t len_bits[9] = {
        0, 0x80, 0x8000, 0x8080, 0x800000, 0x800080, 0x808000, 0x808080,
        0x80000000};
    return mix64(v | len_bits[wl]);
}

/* Hash of an ASCII word of more than 8 bytes, 8 bytes a step. */
static uint64_t ascii_word_hash_long(const unsigned char *w, size_t wl,
                                     size_t avail)
{
    /* avail >= wl bytes can be read at w: the last step loads 8 bytes
     * and masks them when it can (the same value as byte by byte). */
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ wl;
    size_t i = 0;
    for (; i + 8 <= wl; i += 8) {
        uint64_t k;
        memcpy(&k, w + i, 8);
        h = mix64(h ^ k) ^ 0x8080808080808080ULL;
    }
    if (i < wl) {
        uint64_t k;
        if (avail - i >= 8) {
            memcpy(&k, w + i, 8);
            k &= ~0ull >> (64 - 8 * (wl - i));
        } else {
            k = key8(w + i, wl - i);
        }
        h = mix64(h ^ k) ^ 0x8080808080808080ULL;
    }
    return mix64(h + wl);
}

/* ASCII letters A-Z of the 8 bytes of v lower-cased (bytes < 0x80). */
static uint64_t ascii_lower8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t ge_a = v + ones * (0x80 - 'A');     /* bit 7: byte >= 'A' */
    uint64_t gt_z = v + ones * (0x80 - 'Z' - 1); /* bit 7: byte > 'Z' */
    uint64_t up = ge_a & ~gt_z & (ones * 0x80);
    return v | (up >> 2);
}

/* stop_index_ascii for a lower-cased key of up to 8 bytes. */
static int stop_index_key(const stoplist *sl, uint64_t k)
{
    const uint64_t *keys = stop_keys[sl - stoplists];
    for (int i = 0; i < 14 && sl->words[i]; i++)
        if (keys[i] == k)
            return i;
    return -1;
}


/* Set bits of x (the base ISA has no popcount instruction). */
static inline unsigned popcount64(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ULL);
    x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

static size_t cp_count(const char *s, size_t n)
{
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        /* One bit per continuation byte (bit 7 set, bit 6 clear), summed
         * by a multiply (no popcount instruction in the base ISA). */
        uint64_t c = (v & ~(v << 1) & 0x8080808080808080ull) >> 7;
        cont += (size_t)((c * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

/* Punctuation that is stripped from the ends of a token (ASCII, Latin-1
 * punctuation, General Punctuation, CJK punctuation, full-width ASCII
 * punctuation). */
static bool punct_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
               (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    return (c >= 0xA1 && c <= 0xBF && c != 0xAA && c != 0xB5 &&
            c != 0xBA) ||
           c == 0xD7 || c == 0xF7 || (c >= 0x2010 && c <= 0x205E) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20);
}

/* Bullet characters a line may start with (Gopher counts such lines). */
static bool bullet_cp(uint32_t c)
{
    return c == '-' || c == '*' || c == 0x2022 || c == 0x2023 ||
           c == 0x2043 || c == 0x25AA || c == 0x25AB || c == 0x25CF ||
           c == 0x25CB || c == 0x25E6 || c == 0x25A0 || c == 0x25A1 ||
           c == 0x25BA || c == 0x25B6 || c == 0x27A2 || c == 0x2013 ||
           c == 0x2014 || c == 0xB7 || c == 0x2219 || c == 0x2713 ||
           c == 0x2714;
}

/* The code point that ends s[0..n) (n > 0), and its start in *at. */
static uint32_t last_cp(const char *s, size_t n, size_t *at)
{
    size_t i = n - 1;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && n - i < 4)
        i--;
    uint32_t cp = 0xFFFD;
    if (!th__utf8_decode(s + i, n - i, &cp))
        cp = (unsigned char)s[n - 1];
    *at = i;
    return cp;
}

static bool ends_with_ellipsis(const char *s, size_t n)
{
    return (n >= 3 && memcmp(s + n - 3, "...", 3) == 0) ||
           (n >= 3 && memcmp(s + n - 3, "\xe2\x80\xa6", 3) == 0);
}

/* Terminal punctuation for C4/FineWeb's "line ends in punctuation":
 * . ! ? and a closing quote after them, the ellipsis, and the CJK and
 * full-width stops. */
static bool ends_with_terminal(const char *s, size_t n)
{
    while (n > 0) {
        size_t at;
        uint32_t c = last_cp(s, n, &at);
        if (c == '"' || c == '\'' || c == 0x201D || c == 0x2019 ||
            c == 0xBB || c == 0x201C || c == ')') {
            n = at; /* look through closing quotes and brackets */
            continue;
        }
        return c == '.' || c == '!' || c == '?' || c == 0x2026 ||
               c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
    }
    return false;
}

static bool lorem_at(const char *s)
{
    return (s[1] | 0x20) == 'o' && strncasecmp(s, "lorem ipsum", 11) == 0;
}

/* "lorem ipsum" anywhere, any case.  Candidates are the bytes equal to
 * 'l' once 0x20 is set (only 'l' and 'L' are) followed by 'o' and, five
 * bytes on, 'i' (the same test), 16 at a time. */
static bool has_lorem(const char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i l = _mm_set1_epi8('l'), b20 = _mm_set1_epi8(0x20);
    for (; i + 16 + 10 <= n; i += 16) {
        /* 'l' with 'o' after it and 'i' five bytes on: 'l' alone is
         * common, and each candidate is a branch. */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i v1 =
            _mm_loadu_si128((const __m128i *)(const void *)(s + i + 1));
        __m128i v6 =
            _mm_loadu_si128((const __m128i *)(const void *)(s + i + 6));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_and_si128(
            _mm_cmpeq_epi8(_mm_or_si128(v, b20), l),
            _mm_and_si128(
                _mm_cmpeq_epi8(_mm_or_si128(v1, b20), _mm_set1_epi8('o')),
                _mm_cmpeq_epi8(_mm_or_si128(v6, b20), _mm_set1_epi8('i')))));
        for (; m; m &= m - 1)
            if (lorem_at(s + i + (unsigned)__builtin_ctz(m)))
                return true;
    }
#endif
    for (; i + 11 <= n; i++)
        if ((s[i] | 0x20) == 'l' && lorem_at(s + i))
            return true;
    return false;
}

/* Sentences in one block: runs ending at . ! ? (and their full-width
 * forms, the ideographic stop, the ellipsis) followed by a space, a
 * closing quote or the end of the line; a line with words and no ending
 * is one sentence. */
#define SC_SPECIAL 1 /* . ! ? newline, and the lead bytes E2 E3 EF */
#define SC_WORD 2    /* ASCII letters and digits, bytes >= 0xC0 */
static unsigned char sent_class[256];

static void sent_init(void)
{
    for (unsigned c = 0; c < 256; c++)
        sent_class[c] = (unsigned char)(
            (c == '.' || c == '!' || c == '?' || c == '\n' || c == 0xE2 ||
                     c == 0xE3 || c == 0xEF
                 ? SC_SPECIAL
                 : 0) |
            (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
                     (c >= '0' && c <= '9') || c >= 0xC0
                 ? SC_WORD
                 : 0));
}

/* The first byte at or after i that count_sentences must look at once a
 * word has been seen (SC_SPECIAL: . ! ? newline E2 E3 EF), or n. */
static size_t next_special(const char *t, size_t i, size_t n)
{
#ifdef __SSE2__
    const __m128i c1 = _mm_set1_epi8('.'), c2 = _mm_set1_epi8('!'),
                  c3 = _mm_set1_epi8('?'), c4 = _mm_set1_epi8('\n'),
                  c5 = _mm_set1_epi8((char)0xE2), c6 = _mm_set1_epi8((char)0xE3),
                  c7 = _mm_set1_epi8((char)0xEF);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c1),
                                      _mm_cmpeq_epi8(v, c2)),
                         _mm_or_si128(_mm_cmpeq_epi8(v, c3),
                                      _mm_cmpeq_epi8(v, c4))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c5),
                                      _mm_cmpeq_epi8(v, c6)),
                         _mm_cmpeq_epi8(v, c7)));
        unsigned bits = (unsigned)_mm_movemask_epi8(m);
        if (bits)
            return i + (unsigned)__builtin_ctz(bits);
    }
#endif
    while (i < n && !(sent_class[(unsigned char)t[i]] & SC_SPECIAL))
        i++;
    return i;
}

static size_t count_sentences(const char *t, size_t n)
{
    size_t sent = 0;
    bool since_end = false;
    for (size_t i = 0; i < n; i++) {
        if (since_end) {
            /* Until the next special byte nothing can change. */
            i = next_special(t, i, n);
            if (i >= n)
                break;
        }
        unsigned char c = (unsigned char)t[i];
        unsigned char k = sent_class[c];
        if (!(k & SC_SPECIAL)) {
            /* Most bytes: only "a word since the last end" changes. */
            since_end |= (k & SC_WORD) != 0;
            continue;
        }
        bool end = false;
        size_t skip = 0;
        if (c == '.' || c == '!' || c == '?') {
            end = true;
        } else if (c == 0xE3 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0x82) {
            end = true, skip = 2;
        } else if (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBC &&
                   ((unsigned char)t[i + 2] == 0x81 ||
                    (unsigned char)t[i + 2] == 0x9F)) {
            end = true, skip = 2;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
                   (unsigned char)t[i + 2] == 0xA6) {
            end = true, skip = 2;
        }
        if (end) {
            size_t j = i + skip + 1;
            while (j < n && (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
                j++;
            if ((j >= n || t[j] == ' ' || t[j] == '\n' || skip) && since_end) {
                sent++;
                since_end = false;
            }
            i += skip;
            continue;
        }
        if (c == '\n') {
            if (since_end)
                sent++;
            since_end = false;
            continue;
        }
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            since_end = true;
        else if ((c >= '0' && c <= '9') || c >= 0xC0)
            since_end = true;
    }
    return sent + since_end;
}

/* ------------------------------------------------------- scratch ---- */

/* A paragraph of input: a body block, or a "\n\n"-separated part of a
 * text when there is no document. */
typedef struct para {
    const char *s;
    size_t n;
    bool list; /* a list item: its first line counts as a bulleted line */
} para;

typedef struct unit { /* a line or a paragraph */
    uint64_t h;    /* unit_key, then th__hash64 when it is not unique */
    const char *s; /* its text, trimmed (the caller's, borrowed) */
    size_t n, chars;
    bool cand; /* its unit_key is not unique: compared by hash */
} unit;

typedef struct slot {
    uint64_t key; /* 0 = empty */
    uint32_t count;
    uint32_t first; /* the first word index of an n-gram */
} slot;

typedef struct scratch {
    uint64_t *wh;   /* word hashes */
    uint32_t *cum;  /* cum[i] = code points of words 0..i-1 (nw + 1) */
    size_t nw, capw, capc;
    size_t wlim; /* push_word stores while nw < wlim */
    unit *lines, *paras;
    size_t nl, capl, np, capp;
    slot *tab;
    size_t tabcap;   /* slots in use (a power of two) */
    size_t taballoc; /* slots allocated */
    size_t tabdirty; /* slots [tabdirty, taballoc) are all zero */
    bool oom;
} scratch;

static void *grow(void *p, size_t *cap, size_t need, size_t elem, bool *oom)
{
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *q = th__realloc(p, nc * elem);
    if (!q) {
        *oom = true;
        return p;
    }
    *cap = nc;
    return q;
}

static void push_unit(scratch *x, unit **arr, size_t *n, size_t *cap,
                      const char *s, size_t len, uint64_t key, size_t chars)
{
    *arr = grow(*arr, cap, *n + 1, sizeof **arr, &x->oom);
    if (*n < *cap) {
        unit *u = &(*arr)[*n];
        u->h = key;
        u->s = s;
        u->n = len;
        u->chars = chars;
        u->cand = false;
        (*n)++;
    }
}

/* A cheap key of a line or paragraph s[0..n) (n > 0): its length and its
 * first, middle and last 8 bytes.  Units with different keys differ, so
 * only those whose key is not unique are hashed whole (dup_units). */
static uint64_t unit_key(const char *s, size_t n)
{
    uint64_t a, b, c;
    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + (n - 8) / 2, 8);
        memcpy(&c, s + n - 8, 8);
    } else {
        a = key8((const unsigned char *)s, n);
        b = c = 0;
    }
    return mix64(mix64(mix64(a ^ n) ^ b) ^ c);
}

/* Room for every word of a line of n bytes (a word and the space after
 * it take two bytes or more), so that push_word needs no check but the
 * limit: x->wlim words fit. */
static void reserve_words(scratch *x, size_t n)
{
    size_t need = x->nw + n / 2 + 1;
    if (need > TH_SIGNALS_MAX_WORDS)
        need = TH_SIGNALS_MAX_WORDS;
    if (need <= x->wlim)
        return;
    x->wh = grow(x->wh, &x->capw, need, sizeof *x->wh, &x->oom);
    x->cum = grow(x->cum, &x->capc, need + 1, sizeof *x->cum, &x->oom);
    if (x->cum && x->capc)
        x->cum[0] = 0;
    size_t lim = x->capw < x->capc ? x->capw : x->capc - (x->capc > 0);
    x->wlim = lim < TH_SIGNALS_MAX_WORDS ? lim : TH_SIGNALS_MAX_WORDS;
}

static inline void push_word(scratch *x, uint64_t h, size_t chars)
{
    if (x->nw >= x->wlim)
        return;
    x->wh[x->nw] = h;
    x->cum[x->nw + 1] = x->cum[x->nw] + (uint32_t)chars;
    x->nw++;
}

/* Empties the table for up to n keys (load <= 1/2). */
static bool tab_reset(scratch *x, size_t n)
{
    size_t need = 16;
    while (need < 2 * n)
        need *= 2;
    if (need > x->taballoc) {
        th__free(x->tab);
        x->tab = th__malloc(need * sizeof *x->tab);
        x->taballoc = x->tab ? need : 0;
        x->tabcap = x->tabdirty = 0;
        if (!x->tab) {
            x->oom = true;
            return false;
        }
        memset(x->tab, 0, need * sizeof *x->tab);
    } else if (x->tabdirty) {
        /* Only what the last use may have written (none when it cleared
         * its own slots, as the n-gram levels do). */
        memset(x->tab, 0, x->tabdirty * sizeof *x->tab);
    }
    x->tabcap = need; /* probe only this part */
    x->tabdirty = need;
    return true;
}

/* The slot for key (inserted with count 0 when new). */
static slot *tab_get(scratch *x, uint64_t key, uint32_t first)
{
    if (key == 0)
        key = 1;
    size_t mask = x->tabcap - 1;
    for (size_t i = (size_t)key & mask;; i = (i + 1) & mask) {
        slot *s = &x->tab[i];
        if (s->key == key)
            return s;
        if (s->key == 0) {
            s->key = key;
            s->first = first;
            return s;
        }
    }
}

/* Marks h's bit (the top `bits` bits of a multiplicative hash) in seen,
 * and in twice when it was already set; returns the bit's index. */
static inline uint32_t mark_seen(uint64_t *seen, uint64_t *twice,
                                 unsigned bits, uint64_t h)
{
    uint32_t b = (uint32_t)((h * 0xD6E8FEB86659FD93ULL) >> (64 - bits));
    uint64_t bit = 1ull << (b & 63);
    twice[b >> 6] |= seen[b >> 6] & bit;
    seen[b >> 6] |= bit;
    return b;
}

/* Word n-gram statistics for n = 2..10, level by level.  ph[i] holds the
 * hash of the n-gram starting at word i, extended by one word per level:
 * H_n(i) = H_(n-1)(i) * P + w[i+n-1].  An n-gram can occur twice only if
 * the (n-1)-gram it starts with does, so level n looks only at the
 * positions whose (n-1)-gram occurred at least twice (`live`): the first
 * level sees every word, the later ones few (on clean text almost none).
 * Exact -- the values are those of separate passes, at a fraction of the
 * cost. */
#define NG_P 0x9E3779B97F4A7C15ULL

static void ngram_stats(scratch *x, size_t total, double top[3],
                        double dup[6])
{
    size_t nw = x->nw;
    memset(top, 0, 3 * sizeof *top);
    memset(dup, 0, 6 * sizeof *dup);
    if (nw < 2 || total == 0)
        return;
    /* Two bit sets of 2^bits bits (>= 16 per position): `seen` gets a
     * bit per n-gram, `twice` the bits seen again.  Every occurrence of an
     * n-gram that repeats finds its bit in `twice`, so only those
     * positions (and ~1/16 of the others, whose bit collides) go to the
     * exact table: at n = 2 that is a fraction of the words, and the
     * bit sets stay in the first-level cache where the table would not. */
    unsigned bits = 10;
    while (((size_t)1 << bits) < 16 * nw)
        bits++;
    size_t nbw = ((size_t)1 << bits) / 64;
    uint64_t *ph = th__malloc(nw * sizeof *ph);
    uint32_t *live = th__malloc(nw * sizeof *live);
    uint32_t *at = th__malloc(nw * sizeof *at); /* bit, then slot */
    uint64_t *seen = th__malloc(2 * nbw * sizeof *seen);
    if (!ph || !live || !at || !seen) {
        x->oom = true;
        goto out;
    }
    size_t nlive = nw;
    for (int n = 2; n <= 10 && nlive; n++) {
        /* Bit sets for this level's positions (fewer at each level). */
        bits = 10;
        while (((size_t)1 << bits) < 16 * nlive)
            bits++;
        nbw = ((size_t)1 << bits) / 64;
        uint64_t *twice = seen + nbw;
        memset(seen, 0, 2 * nbw * sizeof *seen);
        /* Extend the live n-grams by one word (dropping those past the
         * end) and mark their bits.  At n = 2 every position is live and
         * its 1-gram hash is the word's. */
        size_t m = 0;
        if (n == 2) {
            const uint64_t *wh = x->wh;
            for (size_t i = 0; i + 1 < nw; i++) {
                uint64_t h = wh[i] * NG_P + wh[i + 1];
                ph[i] = h;
                at[i] = mark_seen(seen, twice, bits, h);
            }
            m = nw - 1;
        } else {
            for (size_t k = 0; k < nlive; k++) {
                size_t i = live[k];
                if (i + (size_t)n > nw)
                    break; /* live is ascending */
                uint64_t h = ph[i] * NG_P + x->wh[i + n - 1];
                ph[i] = h;
                at[m] = mark_seen(seen, twice, bits, h);
                live[m++] = (uint32_t)i;
            }
        }
        nlive = m;
        m = 0;
        for (size_t k = 0; k < nlive; k++) { /* no branch to mispredict */
            uint32_t b = at[k];
            live[m] = n == 2 ? (uint32_t)k : live[k]; /* n = 2: all live */
            m += (size_t)(twice[b >> 6] >> (b & 63) & 1);
        }
        nlive = m;
        if (!nlive || !tab_reset(x, nlive))
            break;
        for (size_t k = 0; k < nlive; k++) {
            size_t i = live[k];
            slot *sl = tab_get(x, mix64(ph[i]), (uint32_t)i);
            sl->count++;
            at[k] = (uint32_t)(sl - x->tab);
        }
        /* Gopher: the share of characters in the most frequent n-gram
         * (count times its length), n <= 4; 0 when none occurs twice
         * (datatrove takes a single occurrence as the top n-gram, which
         * fails short texts -- not followed).  The largest (count,
         * characters) pair, found over the positions below: every
         * n-gram seen twice has positions there. */
        uint32_t best = 0;
        uint64_t best_chars = 0;
        /* Keep the positions whose n-gram occurs twice or more; from
         * n = 5 on, count the characters of the occurrences after the
         * first (as datatrove, whose counts FineWeb calibrated the
         * thresholds with), overlapping occurrences once. */
        uint64_t covered = 0;
        size_t covered_to = 0, keep = 0;
        for (size_t k = 0; k < nlive; k++) {
            size_t i = live[k];
            const slot *sl = &x->tab[at[k]];
            if (sl->count < 2)
                continue;
            live[keep++] = (uint32_t)i;
            if (n <= 4 && sl->count >= best) {
                uint64_t c = (uint64_t)x->cum[sl->first + n] -
                             x->cum[sl->first];
                if (sl->count > best || c > best_chars) {
                    best = sl->count;
                    best_chars = c;
                }
            }
            if (n >= 5 && sl->first != i) {
                size_t from = i > covered_to ? i : covered_to;
                covered += (uint64_t)x->cum[i + n] - x->cum[from];
                covered_to = i + (size_t)n;
            }
        }
        if (n <= 4) {
            double f = (double)best * (double)best_chars / (double)total;
            top[n - 2] = f > 1 ? 1 : f;
        }
        if (n >= 5) {
            double f = (double)covered / (double)total;
            dup[n - 5] = f > 1 ? 1 : f;
        }
        /* The slots this level wrote are those of its positions: clear
         * them rather than the whole table at the next reset. */
        for (size_t k = 0; k < nlive; k++)
            memset(&x->tab[at[k]], 0, sizeof *x->tab);
        x->tabdirty = 0;
        nlive = keep;
    }
out:
    th__free(ph);
    th__free(live);
    th__free(at);
    th__free(seen);
}

/* Repeats of lines or paragraphs after their first occurrence: the share
 * of units and of their characters. */
static void dup_units(scratch *x, unit *u, size_t n, double *frac,
                      double *char_frac)
{
    *frac = *char_frac = 0;
    if (n == 0 || !tab_reset(x, n))
        return;
    /* Units whose cheap key is unique have no equal; the others are
     * compared by their whole-text hash (th__hash64, as all were). */
    for (size_t i = 0; i < n; i++)
        tab_get(x, u[i].h, 0)->count++;
    size_t ncand = 0, chars = 0;
    for (size_t i = 0; i < n; i++) {
        chars += u[i].chars;
        if (tab_get(x, u[i].h, 0)->count > 1) {
            u[i].cand = true;
            u[i].h = th__hash64(u[i].s, u[i].n, 0x11);
            ncand++;
        }
    }
    size_t dup = 0, dup_chars = 0;
    if (ncand) {
        if (!tab_reset(x, ncand))
            return;
        for (size_t i = 0; i < n; i++) {
            if (!u[i].cand)
                continue;
            slot *s = tab_get(x, u[i].h, 0);
            if (s->count++) {
                dup++;
                dup_chars += u[i].chars;
            }
        }
    }
    *frac = (double)dup / (double)n;
    *char_frac = chars ? (double)dup_chars / (double)chars : 0;
}
/* ------------------------------------------------- the main pass ---- */

typedef struct tally {
    size_t words, word_chars, alpha, hashes, ellipses, stop;
    uint32_t stop_seen; /* bit per stop-list entry */
    size_t bullet_lines, ellipsis_lines, punct_lines, short_lines;
    size_t sentences, chars;
    bool lorem;
} tally;

/* Counts the word whose lower-cased key (<= 8 bytes, no NUL) is k. */
static inline void count_stop_key(tally *t, const stoplist *sl, uint64_t k)
{
    const stopset *ss = &stop_sets[sl - stoplists];
    if (ss->perfect) {
        unsigned h = stop_slot(ss, k);
        uint32_t hit = 0u - (uint32_t)(ss->key[h] == k);
        t->stop += hit & 1u;
        t->stop_seen |= ss->bit[h] & hit;
        return;
    }
    int si = stop_index_key(sl, k);
    if (si >= 0) {
        t->stop++;
        t->stop_seen |= 1u << si;
    }
}

/* One line; whole: the caller's paragraph is this line, trimmed, with
 * its hash and code points already counted (h, chars). */
/* An ASCII word s[b..b+wl) (punctuation stripped, 0 < wl), acc the
 * ascii_class bits of its token (AC_LETTER, AC_NUL are looked at): counts
 * it, looks it up in the stop list, and stores its hash. */
#if defined(__GNUC__)
#define HOT_INLINE inline __attribute__((always_inline))
#else
#define HOT_INLINE inline
#endif
/* Inlined by force: called once per word, with many arguments. */
static HOT_INLINE void ascii_word(scratch *x, tally *t, const stoplist *sl,
                                  const char *s, size_t n, size_t b,
                                  size_t wl, unsigned acc)
{
    const unsigned char *u = (const unsigned char *)s;
    t->words++;
    t->word_chars += wl;
    /* Stripping removes punctuation only: the letters of the
     * token are those of the word. */
    t->alpha += (acc & AC_LETTER) != 0;
    uint64_t wh;
    if (wl <= 8) {
        /* A short word as one 64-bit value (one load when 8
         * bytes can be read): its hash, and its lower-cased
         * stop-word key. */
        uint64_t v;
        if (n - b >= 8) {
            memcpy(&v, u + b, 8);
            v &= ~0ull >> (64 - 8 * wl);
        } else {
            v = key8(u + b, wl);
        }
        wh = ascii_word_hash(v, wl);
        if (sl && !(acc & AC_NUL)) {
            count_stop_key(t, sl, ascii_lower8(v));
        } else if (sl) {
            int si = stop_index(sl, s + b, wl);
            if (si >= 0) {
                t->stop++;
                t->stop_seen |= 1u << si;
            }
        }
    } else {
        wh = ascii_word_hash_long(u + b, wl, n - b);
        if (sl && wl <= 12) {
            int si = acc & AC_NUL ? stop_index(sl, s + b, wl)
                                  : stop_index_ascii(sl, u + b, wl);
            if (si >= 0) {
                t->stop++;
                t->stop_seen |= 1u << si;
            }
        }
    }
    push_word(x, wh, wl);
}

/* One token s[b..e) of a line s[0..n) (b < e), acc the OR of its bytes'
 * ascii_class bits: counts it, and stores the word it holds, if any. */
static inline void scan_token(scratch *x, tally *t, const stoplist *sl,
                              const char *s, size_t n, size_t b, size_t e,
                              unsigned acc)
{
    const unsigned char *u = (const unsigned char *)s;
    /* ASCII fast path: most tokens of most languages' text. */
    if (!(acc & AC_HIGH)) {
        if (acc & AC_SYMBOL) {
            for (size_t k = b; k < e; k++) {
                unsigned char c = u[k];
                if (c == '#')
                    t->hashes++;
                else if (c == '.' && k + 2 < e && s[k + 1] == '.' &&
                         s[k + 2] == '.') {
                    t->ellipses++;
                    k += 2;
                    while (k + 1 < e && s[k + 1] == '.')
                        k++;
                }
            }
        }
        if (acc & AC_PUNCT) {
            while (b < e && (ascii_class[u[b]] & AC_PUNCT))
                b++;
            while (b < e && (ascii_class[u[e - 1]] & AC_PUNCT))
                e--;
            if (b == e)
                return;
        }
        ascii_word(x, t, sl, s, n, b, e - b, acc);
        return;
    }
    for (size_t k = b; k < e; k++) {
        if (s[k] == '#')
            t->hashes++;
        else if (s[k] == '.' && k + 2 < e && s[k + 1] == '.' &&
                 s[k + 2] == '.') {
            t->ellipses++;
            k += 2;
            while (k + 1 < e && s[k + 1] == '.')
                k++;
        } else if ((unsigned char)s[k] == 0xE2 && k + 2 < e &&
                   (unsigned char)s[k + 1] == 0x80 &&
                   (unsigned char)s[k + 2] == 0xA6) {
            t->ellipses++;
            k += 2;
        }
    }
    /* Strip punctuation from both ends. */
    while (b < e) {
        uint32_t cp;
        size_t k = th__utf8_decode(s + b, e - b, &cp);
        if (!k || !punct_cp(cp))
            break;
        b += k;
    }
    while (b < e) {
        size_t at;
        uint32_t cp = last_cp(s + b, e - b, &at);
        if (!punct_cp(cp))
            break;
        e = b + at;
    }
    if (b == e)
        return;
    size_t wc = 0;
    bool alpha = false;
    for (size_t k = b; k < e;) {
        if (u[k] < 0x80) { /* as th__utf8_decode: one byte, itself */
            alpha = alpha || (ascii_class[u[k]] & AC_LETTER);
            wc++;
            k++;
            continue;
        }
        uint32_t cp;
        size_t l = th__utf8_decode(s + k, e - k, &cp);
        if (!l)
            l = 1, cp = 0xFFFD;
        alpha = alpha || th__lang_is_letter(cp);
        wc++;
        k += l;
    }
    t->words++;
    t->word_chars += wc;
    t->alpha += alpha;
    if (sl && e - b <= STOP_KEY_MAX && !memchr(s + b, 0, e - b)) {
        /* stop_index's lower-casing (ASCII, and Latin-1 after 0xC3) into
         * a key: without a NUL, equal keys are equal strings. */
        uint64_t k = 0;
        for (size_t i = b; i < e; i++) {
            unsigned c = u[i];
            if (c - 'A' < 26u || (c - 0x80 < 0x1Fu && c != 0x97 && i > b &&
                                  u[i - 1] == 0xC3))
                c += 32;
            k |= (uint64_t)c << (8 * (i - b));
        }
        count_stop_key(t, sl, k);
    } else if (sl && e - b <= 12) {
        int si = stop_index(sl, s + b, e - b);
        if (si >= 0) {
            t->stop++;
            t->stop_seen |= 1u << si;
        }
    }
    /* A word left all ASCII by the stripping hashes as on the ASCII
     * path: equal words, equal hashes, whichever path they took. */
    bool ascii = true;
    for (size_t k = b; k < e; k++)
        ascii = ascii && (unsigned char)s[k] < 0x80;
    uint64_t wh;
    if (!ascii) /* 8 bytes a step; only compared with other words */
        wh = th__hash64(s + b, e - b, 0x5157);
    else if (e - b <= 8)
        wh = ascii_word_hash(key8(u + b, e - b), e - b);
    else
        wh = ascii_word_hash_long(u + b, e - b, n - b);
    push_word(x, wh, wc);
}

/* The tokens of a line s[0..n): runs of bytes that are not th__is_space,
 * each with the OR of its bytes' ascii_class bits. */
#ifdef __SSE2__
/* With SSE2: the class bits of 64 bytes at a time as bit masks (one bit
 * per byte; the same classes as ascii_class, whose ASCII entries they
 * must equal), and the tokens found with count-trailing-zeros on them --
 * no loop over the bytes of a word, no mispredicted exit at its end. */
typedef struct cmask {
    uint64_t sp, hi, pu, hs, dt, le, nu; /* hs: '#', dt: '.' */
} cmask;

static inline __m128i in_range(__m128i v, char lo, char span)
{
    __m128i t = _mm_sub_epi8(v, _mm_set1_epi8(lo)); /* unsigned v-lo <= span */
    return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8(span)), t);
}

static inline void class16(const unsigned char *p, unsigned sh, cmask *m)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    /* ' ', and 9..13 but 11 (\t \n \f \r). */
    __m128i sp = _mm_or_si128(
        _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
        _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(11)),
                         in_range(v, 9, 4)));
    /* Letters: (c | 0x20) in a..z; no byte >= 0x80 gets there. */
    __m128i le = in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 25);
    /* Punctuation: 0x21..0x7E but letters and digits. */
    __m128i pu = _mm_andnot_si128(_mm_or_si128(le, in_range(v, '0', 9)),
                                  in_range(v, 0x21, 0x7E - 0x21));
    __m128i hs = _mm_cmpeq_epi8(v, _mm_set1_epi8('#'));
    __m128i dt = _mm_cmpeq_epi8(v, _mm_set1_epi8('.'));
    __m128i nu = _mm_cmpeq_epi8(v, _mm_setzero_si128());
    m->sp |= (uint64_t)(unsigned)_mm_movemask_epi8(sp) << sh;
    m->hi |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << sh;
    m->pu |= (uint64_t)(unsigned)_mm_movemask_epi8(pu) << sh;
    m->hs |= (uint64_t)(unsigned)_mm_movemask_epi8(hs) << sh;
    m->dt |= (uint64_t)(unsigned)_mm_movemask_epi8(dt) << sh;
    m->le |= (uint64_t)(unsigned)_mm_movemask_epi8(le) << sh;
    m->nu |= (uint64_t)(unsigned)_mm_movemask_epi8(nu) << sh;
}

/* The ascii_class bits of the bytes in r (a bit range of the block). */
static inline unsigned acc_of(const cmask *m, uint64_t r)
{
    return ((m->hi & r) ? AC_HIGH : 0u) | ((m->pu & r) ? AC_PUNCT : 0u) |
           (((m->hs | m->dt) & r) ? AC_SYMBOL : 0u) | ((m->le & r) ? AC_LETTER : 0u) |
           ((m->nu & r) ? AC_NUL : 0u);
}

/* A token that starts and ends in the block (bits b..e-1 of m): ASCII
 * ones are counted from the masks -- '#' and runs of three dots or more,
 * the punctuation stripped from both ends -- the others by scan_token. */
static HOT_INLINE void block_token(scratch *x, tally *t,
                                   const stoplist *sl, const char *s,
                                   size_t n, size_t base, const cmask *m,
                                   unsigned b, unsigned e)
{
    uint64_t r = (~0ull << b) & ((1ull << e) - 1);
    if ((m->hi | m->nu) & r) {
        scan_token(x, t, sl, s, n, base + b, base + e, acc_of(m, r));
        return;
    }
    uint64_t d = m->dt & r;
    if ((m->hs & r) | d) {
        for (uint64_t h = m->hs & r; h; h &= h - 1)
            t->hashes++;
        uint64_t r3 = d & (d >> 1) & (d >> 2); /* three dots start here */
        for (r3 &= ~(r3 << 1); r3; r3 &= r3 - 1) /* once per run */
            t->ellipses++;
    }
    uint64_t w = ~m->pu & r;
    if (!w)
        return; /* all punctuation: no word */
    unsigned wb = (unsigned)__builtin_ctzll(w);
    unsigned we = 64 - (unsigned)__builtin_clzll(w);
    ascii_word(x, t, sl, s, n, base + wb, we - wb,
               (m->le & r) ? AC_LETTER : 0u);
}

static void scan_tokens(scratch *x, tally *t, const stoplist *sl,
                        const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char pad[64];
    size_t base = 0;
    while (base < n) {
        const unsigned char *p = u + base;
        if (n - base < 64) { /* the tail, padded with spaces */
            memcpy(pad, p, n - base);
            memset(pad + (n - base), ' ', 64 - (n - base));
            p = pad;
        }
        cmask m = {0, 0, 0, 0, 0, 0, 0};
        class16(p, 0, &m);
        class16(p + 16, 16, &m);
        class16(p + 32, 32, &m);
        class16(p + 48, 48, &m);
        unsigned pos = 0;
        for (;;) {
            uint64_t w = ~m.sp & (~0ull << pos);
            if (!w) {
                base += 64;
                break;
            }
            unsigned b = (unsigned)__builtin_ctzll(w);
            uint64_t ends = m.sp & (~0ull << b);
            if (ends) {
                unsigned e = (unsigned)__builtin_ctzll(ends);
                block_token(x, t, sl, s, n, base, &m, b, e);
                pos = e;
                continue;
            }
            /* A token runs past the block: the next block starts at it,
             * so that tokens under 64 bytes lie in one block.  One of 64
             * bytes or more (a long URL) is read byte by byte. */
            if (b > 0) {
                base += b;
                break;
            }
            size_t e = base + 64;
            unsigned acc = acc_of(&m, ~0ull);
            for (unsigned char c; e < n && !((c = ascii_class[u[e]]) & AC_SPACE);
                 e++)
                acc |= c;
            scan_token(x, t, sl, s, n, base, e, acc);
            base = e;
            break;
        }
    }
}
#else
static void scan_tokens(scratch *x, tally *t, const stoplist *sl,
                        const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        while (i < n && (ascii_class[u[i]] & AC_SPACE))
            i++;
        size_t b = i;
        unsigned acc = 0;
        for (unsigned char c; i < n && !((c = ascii_class[u[i]]) & AC_SPACE);
             i++)
            acc |= c;
        if (b == i)
            break;
        scan_token(x, t, sl, s, n, b, i, acc);
    }
}
#endif

static void scan_line(scratch *x, tally *t, const stoplist *sl,
                      const char *s, size_t n, bool list_first, bool whole,
                      uint64_t h, size_t chars)
{
    if (!whole) {
        s = th__trim_space(s, &n);
        if (!n)
            return;
        chars = cp_count(s, n);
        h = unit_key(s, n);
    }
    push_unit(x, &x->lines, &x->nl, &x->capl, s, n, h, chars);
    reserve_words(x, n);
    uint32_t c0 = 0;
    if (!th__utf8_decode(s, n, &c0))
        c0 = (unsigned char)*s;
    t->bullet_lines += list_first || bullet_cp(c0);
    t->ellipsis_lines += ends_with_ellipsis(s, n);
    t->punct_lines += ends_with_terminal(s, n);
    t->short_lines += chars < 30;

    scan_tokens(x, t, sl, s, n);
}

static void scan_para(scratch *x, tally *t, const stoplist *sl,
                      const para *p)
{
    const char *s = p->s;
    size_t n = p->n;
    s = th__trim_space(s, &n);
    if (!n)
        return;
    size_t chars = cp_count(s, n);
    t->chars += chars;
    /* Lines and paragraphs are compared among their own kind only, so one
     * key function serves both: a one-line paragraph (most blocks) is
     * keyed and counted once. */
    uint64_t h = unit_key(s, n);
    push_unit(x, &x->paras, &x->np, &x->capp, s, n, h, chars);
    t->sentences += count_sentences(s, n);
    if (!t->lorem)
        t->lorem = has_lorem(s, n);
    if (!memchr(s, '\n', n)) {
        scan_line(x, t, sl, s, n, p->list, true, h, chars);
        return;
    }
    bool first = true;
    for (size_t i = 0; i <= n;) {
        size_t j = i;
        while (j < n && s[j] != '\n')
            j++;
        scan_line(x, t, sl, s + i, j - i, first && p->list, false, 0, 0);
        first = false;
        i = j + 1;
    }
}

/* Whitespace tokens of s[0..n): the non-space bytes after a space or at
 * the start; with SSE2, 64 bytes at a time from a space bit mask. */
static size_t count_tokens(const char *s, size_t n)
{
    size_t w = 0, i = 0;
    bool in = false;
#ifdef __SSE2__
    uint64_t prev = 1; /* bit 0: the byte before was a space (or none) */
    for (; i + 64 <= n; i += 64) {
        uint64_t sp = 0;
        for (unsigned j = 0; j < 64; j += 16) {
            __m128i v =
                _mm_loadu_si128((const __m128i *)(const void *)(s + i + j));
            __m128i m = _mm_or_si128(
                _mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
                _mm_andnot_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(11)),
                                 in_range(v, 9, 4)));
            sp |= (uint64_t)(unsigned)_mm_movemask_epi8(m) << j;
        }
        w += popcount64(~sp & ((sp << 1) | prev));
        prev = sp >> 63;
    }
    in = !prev;
#endif
    for (; i < n; i++) {
        bool sp = th__is_space((unsigned char)s[i]);
        w += !sp && !in;
        in = !sp;
    }
    return w;
}

void th__signals_init(th_signals *s)
{
    memset(s, 0, sizeof *s);
}

void th__signals_cleanup(th_signals *s)
{
    if (!s)
        return;
    th__free((void *)s->comment_lang);
    memset(s, 0, sizeof *s);
}

static void apply_rules(th_signals *o, bool unseg)
{
    unsigned f = 0;
#define FAIL(r, cond) \
    if (cond)         \
        f |= 1u << (r);
    FAIL(TH_QR_MIN_WORDS, !unseg && o->words < R_MIN_WORDS);
    FAIL(TH_QR_MAX_WORDS, o->words > R_MAX_WORDS);
    FAIL(TH_QR_MEAN_WORD_LENGTH,
         !unseg && o->words &&
             (o->mean_word_length < R_MIN_MEAN_WORD ||
              o->mean_word_length > R_MAX_MEAN_WORD));
    FAIL(TH_QR_HASH_RATIO, o->hash_ratio > R_MAX_SYMBOL_RATIO);
    FAIL(TH_QR_ELLIPSIS_RATIO, o->ellipsis_ratio > R_MAX_SYMBOL_RATIO);
    FAIL(TH_QR_BULLET_LINES, o->bullet_lines > R_MAX_BULLET_LINES);
    FAIL(TH_QR_ELLIPSIS_LINES, o->ellipsis_lines > R_MAX_ELLIPSIS_LINES);
    FAIL(TH_QR_ALPHA_WORDS, o->words && o->alpha_words < R_MIN_ALPHA_WORDS);
    FAIL(TH_QR_STOP_WORDS,
         o->stop_words_known && o->stop_words_distinct < R_MIN_STOP_WORDS);
    FAIL(TH_QR_DUP_LINES, o->dup_lines > R_MAX_DUP_LINES);
    FAIL(TH_QR_DUP_PARAGRAPHS, o->dup_paragraphs > R_MAX_DUP_PARAS);
    FAIL(TH_QR_DUP_LINE_CHARS, o->dup_line_chars > R_MAX_DUP_LINE_CHARS);
    FAIL(TH_QR_DUP_PARAGRAPH_CHARS,
         o->dup_paragraph_chars > R_MAX_DUP_PARA_CHARS);
    for (int i = 0; i < 3; i++)
        FAIL(TH_QR_TOP_2GRAM + i, o->top_ngram[i] > R_TOP_NGRAM[i]);
    for (int i = 0; i < 6; i++)
        FAIL(TH_QR_DUP_5GRAM + i, o->dup_ngram[i] > R_DUP_NGRAM[i]);
    FAIL(TH_QR_LINE_PUNCT, o->lines && o->line_punct < R_MIN_LINE_PUNCT);
    FAIL(TH_QR_LOREM_IPSUM, o->lorem_ipsum);
#undef FAIL
    /* No body at all: nothing to judge, and not a pass. */
    if (o->words == 0 && o->chars == 0)
        f |= 1u << TH_QR_MIN_WORDS;
    o->failed = f & DEFAULT_RULES;
    o->quality_pass = f == 0;
}

/* The work shared by compute (paragraphs from a document) and render
 * without a document (paragraphs from the text). */
static th_status compute_paras(const th_doc *doc, const para *ps, size_t np,
                               th_signals *o)
{
    th__signals_cleanup(o);
    o->lang = th__lang_of_doc(doc, &o->lang_source, &o->detected);
    o->lang_declared = doc && doc->lang && *doc->lang ? doc->lang : NULL;
    if (doc && doc->lang_from_text)
        o->lang_declared = NULL; /* doc->lang was filled by detection */
    const stoplist *sl = stoplist_for(o->lang);
    bool unseg = unsegmented(o->lang);

    pthread_once(&ascii_once, ascii_init);
    scratch x;
    memset(&x, 0, sizeof x);
    tally t;
    memset(&t, 0, sizeof t);
    for (size_t i = 0; i < np && !x.oom; i++)
        scan_para(&x, &t, sl, &ps[i]);

    o->chars = t.chars;
    o->words = t.words;
    o->sentences = t.sentences;
    o->lines = x.nl;
    o->paragraphs = x.np;
    if (t.words) {
        o->mean_word_length = (double)t.word_chars / (double)t.words;
        o->hash_ratio = (double)t.hashes / (double)t.words;
        o->ellipsis_ratio = (double)t.ellipses / (double)t.words;
        o->alpha_words = (double)t.alpha / (double)t.words;
    }
    if (x.nl) {
        o->bullet_lines = (double)t.bullet_lines / (double)x.nl;
        o->ellipsis_lines = (double)t.ellipsis_lines / (double)x.nl;
        o->line_punct = (double)t.punct_lines / (double)x.nl;
        o->short_lines = (double)t.short_lines / (double)x.nl;
    }
    o->stop_words_known = sl != NULL && !unseg;
    o->stop_words = t.stop;
    for (uint32_t m = t.stop_seen; m; m &= m - 1)
        o->stop_words_distinct++;
    o->lorem_ipsum = t.lorem;

    if (!x.oom) {
        dup_units(&x, x.lines, x.nl, &o->dup_lines, &o->dup_line_chars);
        dup_units(&x, x.paras, x.np, &o->dup_paragraphs,
                  &o->dup_paragraph_chars);
        /* As datatrove: n-gram characters (words without the spaces
         * between them) over all characters of the body. */
        size_t total = t.chars;
        ngram_stats(&x, total, o->top_ngram, o->dup_ngram);
    }
    th__free(x.wh);
    th__free(x.cum);
    th__free(x.lines);
    th__free(x.paras);
    th__free(x.tab);
    if (x.oom) {
        th__signals_cleanup(o);
        return TH_ENOMEM;
    }

    /* Comments: their words, and their own language when long enough. */
    if (doc && doc->ncomments) {
        o->comment_lang = th__calloc(doc->ncomments, sizeof(const char *));
        if (!o->comment_lang) {
            th__signals_cleanup(o);
            return TH_ENOMEM;
        }
        o->ncomments = doc->ncomments;
        for (size_t i = 0; i < doc->ncomments; i++) {
            const char *c = doc->comments[i].text;
            if (!c)
                continue;
            size_t n = strlen(c);
            o->comment_words += count_tokens(c, n);
            th_lang_result r;
            if (th__lang_detect_comment(c, n, &r) == 0)
                o->comment_lang[i] = r.code;
        }
    }
    apply_rules(o, unseg);
    return TH_OK;
}

th_status th__signals_compute(const th_doc *doc, th_signals *out)
{
    if (!doc || !out)
        return TH_EINVAL;
    para one = {"", 0, false};
    para *ps = doc->nblocks > 1 ? th__malloc(doc->nblocks * sizeof *ps) : &one;
    if (!ps) {
        th__signals_cleanup(out);
        return TH_ENOMEM;
    }
    for (size_t i = 0; i < doc->nblocks; i++) {
        ps[i].s = doc->blocks[i].text ? doc->blocks[i].text : "";
        ps[i].n = doc->blocks[i].text ? doc->blocks[i].len : 0;
        ps[i].list = doc->blocks[i].kind == TH_BLOCK_LIST_ITEM;
    }
    th_status st = compute_paras(doc, ps, doc->nblocks, out);
    if (ps != &one)
        th__free(ps);
    return st;
}

/* ----------------------------------------------------------- JSON ---- */

/* The object is written into a small local buffer, flushed to b in a few
 * appends, with numbers formatted here: printf was most of the cost of
 * the JSON.  The bytes are exactly those of the printf formats ("%zu",
 * "%d", "%.4g") -- tests/unit_signals.c `signals_json_numbers_as_printf`. */
typedef struct jw {
    th_buf *b;
    size_t n;
    char t[512];
} jw;

static void jw_flush(jw *w)
{
    if (w->n)
        th__buf_append(w->b, w->t, w->n);
    w->n = 0;
}

static void jw_put(jw *w, const char *s, size_t n)
{
    if (w->n + n > sizeof w->t) {
        jw_flush(w);
        if (n > sizeof w->t) {
            th__buf_append(w->b, s, n);
            return;
        }
    }
    memcpy(w->t + w->n, s, n);
    w->n += n;
}

#define JW_LIT(w, lit) jw_put((w), (lit), sizeof(lit) - 1)

static void jw_str(jw *w, const char *s)
{
    jw_put(w, s, strlen(s));
}

static void jw_uint(jw *w, unsigned long long v)
{
    char d[24];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    jw_put(w, d + i, sizeof d - i);
}

/* v as printf's "%.4g" into out[32]; returns the length.  Done here for
 * 1e-4 <= v < 1e4 (every fraction and mean word length) unless the
 * fifth significant digit is within 1e-9 of a tie, where the product
 * below could round the other way than printf's exact decimal
 * expansion: those, and everything else, go to snprintf. */
static size_t fmt_g4(char *out, double v)
{
    static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    if (v == 0 && !signbit(v)) {
        out[0] = '0';
        return 1;
    }
    if (v >= 1e-4 && v < 1e4) {
        /* k: the power of ten that brings v to 1000..9999, so 3 - k is
         * v's decimal exponent; e: the exponent of v rounded to 4
         * digits. */
        int k = 0;
        while (k < 7 && v * p10[k] < 1000)
            k++;
        double r = v * p10[k]; /* exact but for one rounding */
        double fl = floor(r), fr = r - fl;
        if (r >= 999 && r < 10000 && fabs(fr - 0.5) > 1e-9) {
            unsigned q = (unsigned)fl + (fr > 0.5);
            int e = 3 - k;
            if (q < 1000) { /* v just under a power of ten */
                q = 0;
            } else if (q == 10000) {
                /* rounds up to the next power of ten; from 9999.5 on,
                 * printf writes 1e+04: left to it */
                q = k > 0 ? 1000 : 0;
                e++;
            }
            if (q) {
                char dg[4];
                for (int i = 3; i >= 0; i--, q /= 10)
                    dg[i] = (char)('0' + q % 10);
                int nd = 4; /* significant digits left after stripping */
                while (nd > 1 && dg[nd - 1] == '0')
                    nd--;
                size_t o = 0;
                if (e >= 0) {
                    for (int i = 0; i <= e; i++)
                        out[o++] = dg[i];
                    if (nd > e + 1) {
                        out[o++] = '.';
                        for (int i = e + 1; i < nd; i++)
                            out[o++] = dg[i];
                    }
                } else {
                    out[o++] = '0';
                    out[o++] = '.';
                    for (int i = 0; i < -e - 1; i++)
                        out[o++] = '0';
                    for (int i = 0; i < nd; i++)
                        out[o++] = dg[i];
                }
                return o;
            }
        }
    }
    int n = snprintf(out, 32, "%.4g", v);
    return n > 0 && n < 32 ? (size_t)n : 0;
}

static void jnum(jw *w, const char *key, double v)
{
    /* Four significant digits: enough to compare with a threshold. */
    char t[32];
    JW_LIT(w, ",\"");
    jw_str(w, key);
    JW_LIT(w, "\":");
    jw_put(w, t, fmt_g4(t, v));
}

static void juint(jw *w, const char *key, unsigned long long v)
{
    JW_LIT(w, ",\"");
    jw_str(w, key);
    JW_LIT(w, "\":");
    jw_uint(w, v);
}

static void jcode(jw *w, const char *code)
{
    /* Codes are short ASCII tags; anything else is written as null. */
    for (const char *p = code; p && *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-' || *p == '_') ||
            p - code > 32)
            code = NULL;
    if (code && *code) {
        JW_LIT(w, "\"");
        jw_str(w, code);
        JW_LIT(w, "\"");
    } else {
        JW_LIT(w, "null");
    }
}

th_status th__signals_json(th_buf *b, const th_signals *s)
{
    jw w;
    w.b = b;
    w.n = 0;
    JW_LIT(&w, "{\"chars\":");
    jw_uint(&w, s->chars);
    juint(&w, "words", s->words);
    juint(&w, "sentences", s->sentences);
    juint(&w, "paragraphs", s->paragraphs);
    juint(&w, "lines", s->lines);
    juint(&w, "comment_words", s->comment_words);
    JW_LIT(&w, ",\"lang\":");
    jcode(&w, s->lang);
    JW_LIT(&w, ",\"lang_source\":\"");
    jw_str(&w, th__lang_source_name(s->lang_source));
    JW_LIT(&w, "\",\"lang_detected\":");
    jcode(&w, s->detected.code);
    JW_LIT(&w, ",\"lang_percent\":");
    if (s->detected.percent < 0) {
        JW_LIT(&w, "-");
        jw_uint(&w, 0ull - (unsigned long long)s->detected.percent);
    } else {
        jw_uint(&w, (unsigned long long)s->detected.percent);
    }
    if (s->detected.reliable)
        JW_LIT(&w, ",\"lang_reliable\":true");
    else
        JW_LIT(&w, ",\"lang_reliable\":false");
    JW_LIT(&w, ",\"lang_declared\":");
    jcode(&w, s->lang_declared);
    jnum(&w, "mean_word_length", s->mean_word_length);
    jnum(&w, "hash_ratio", s->hash_ratio);
    jnum(&w, "ellipsis_ratio", s->ellipsis_ratio);
    jnum(&w, "bullet_lines", s->bullet_lines);
    jnum(&w, "ellipsis_lines", s->ellipsis_lines);
    jnum(&w, "alpha_words", s->alpha_words);
    juint(&w, "stop_words", s->stop_words);
    juint(&w, "stop_words_distinct", s->stop_words_distinct);
    jnum(&w, "dup_lines", s->dup_lines);
    jnum(&w, "dup_line_chars", s->dup_line_chars);
    jnum(&w, "dup_paragraphs", s->dup_paragraphs);
    jnum(&w, "dup_paragraph_chars", s->dup_paragraph_chars);
    static const char *const top[3] = {"top_2gram", "top_3gram",
                                       "top_4gram"};
    for (int i = 0; i < 3; i++)
        jnum(&w, top[i], s->top_ngram[i]);
    static const char *const dup[6] = {"dup_5gram", "dup_6gram", "dup_7gram",
                                       "dup_8gram", "dup_9gram",
                                       "dup_10gram"};
    for (int i = 0; i < 6; i++)
        jnum(&w, dup[i], s->dup_ngram[i]);
    jnum(&w, "line_punct", s->line_punct);
    jnum(&w, "short_lines", s->short_lines);
    if (s->lorem_ipsum)
        JW_LIT(&w, ",\"lorem_ipsum\":true");
    else
        JW_LIT(&w, ",\"lorem_ipsum\":false");
    JW_LIT(&w, ",\"comment_langs\":[");
    for (size_t i = 0; i < s->ncomments; i++) {
        if (i)
            JW_LIT(&w, ",");
        jcode(&w, s->comment_lang ? s->comment_lang[i] : NULL);
    }
    if (s->quality_pass)
        JW_LIT(&w, "],\"quality_pass\":true,\"quality_failed\":[");
    else
        JW_LIT(&w, "],\"quality_pass\":false,\"quality_failed\":[");
    bool any = false;
    for (int r = 0; r < TH_QR_COUNT; r++)
        if (s->failed & (1u << r)) {
            if (any)
                JW_LIT(&w, ",");
            JW_LIT(&w, "\"");
            jw_str(&w, qrule_names[r]);
            JW_LIT(&w, "\"");
            any = true;
        }
    JW_LIT(&w, "]}");
    jw_flush(&w);
    /* As th__buf_puts of the last piece: b's status. */
    return th__buf_append(b, "", 0);
}

th_status th__signals_render(th_buf *b, const th_doc *doc, const char *text,
                             size_t len, const char **lang)
{
    th_signals s;
    th__signals_init(&s);
    th_status st;
    if (doc) {
        st = th__signals_compute(doc, &s);
    } else {
        /* No document: the text's "\n\n"-separated parts are paragraphs. */
        size_t n = 1;
        for (size_t i = 0; text && i + 1 < len; i++)
            n += text[i] == '\n' && text[i + 1] == '\n';
        para *ps = th__malloc(n * sizeof *ps);
        if (!ps)
            return TH_ENOMEM;
        size_t k = 0, start = 0;
        for (size_t i = 0; text && i <= len; i++) {
            if (i == len || (text[i] == '\n' && i + 1 < len &&
                             text[i + 1] == '\n')) {
                ps[k].s = text + start;
                ps[k].n = i - start;
                ps[k].list = false;
                k++;
                start = i + 2;
                i++;
            }
        }
        st = compute_paras(NULL, ps, k, &s);
        th__free(ps);
    }
    if (lang)
        *lang = st == TH_OK ? s.lang : (doc ? doc->lang : NULL);
    if (st == TH_OK)
        st = th__signals_json(b, &s);
    th__signals_cleanup(&s);
    return st;
}

/* -------------------------------------------------------- public ---- */

TH_API th_status th_doc_signals_json(const th_doc *doc, char **out,
                                     size_t *len)
{
    if (!out)
        return TH_EINVAL;
    *out = NULL;
    if (len)
        *len = 0;
    if (!doc)
        return TH_EINVAL;
    th_buf b;
    th__buf_init(&b, 0);
    th_status st = th__signals_render(&b, doc, NULL, 0, NULL);
    if (st == TH_OK && b.err)
        st = (th_status)b.err;
    if (st == TH_OK) {
        size_t n = 0;
        *out = th__buf_take(&b, &n);
        if (!*out)
            st = TH_ENOMEM;
        else if (len)
            *len = n;
    }
    th__buf_cleanup(&b);
    return st;
}

TH_API th_status th_doc_detect_lang(th_doc *doc)
{
    if (!doc)
        return TH_EINVAL;
    th_lang_source src;
    th_lang_result r;
    th__lang_of_doc(doc, &src, &r);
    doc->lang_detected = r.code;
    if (r.code && (!doc->lang || !*doc->lang)) {
        doc->lang = r.code;
        doc->lang_from_text = true;
    }
    return TH_OK;
}

TH_API const char *th_doc_lang_detected(const th_doc *doc)
{
    return doc ? doc->lang_detected : NULL;
}
