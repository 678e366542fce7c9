/*
 * text_lex.h -- multilingual word lists and line classifiers for the
 * flattened-text labeller (text.c).  Every classifier works on a
 * "normalised" short line: lowercase, punctuation turned into single
 * spaces, apostrophes kept (see th__tx_norm), split once into words
 * (th__tx_split).
 *
 * Matching: every phrase of every list (and every word-prefix of a multi-
 * word phrase) is one key of a single hash table built once (static
 * storage, pthread_once).  A key carries two bitmasks: the lists where it
 * is a whole phrase, and the lists where it is the start of a longer
 * phrase.  Matching at a word is therefore one walk that extends the
 * phrase word by word while some wanted list still has a longer phrase,
 * and yields the longest phrase of every wanted list at once.  Substring
 * lists (furniture and caption cues matched at word starts, possibly
 * ending inside a word: "advertis") use a small index on the first two
 * bytes.  Nothing here allocates.
 */
#ifndef TH_TEXT_LEX_H
#define TH_TEXT_LEX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "utf8.h"

#define TH_TX_NORM_MAX 320
#define TH_TX_MAXW (TH_TX_NORM_MAX / 2 + 1)

/* List ids (bit i of a mask is list i). */
enum {
    TX_WIDGET = 0, /* comment-widget words ("Reply", "Notify of") */
    TX_FURN,       /* nav/share/site furniture words */
    TX_CAP_PRE,    /* caption prefixes ("Foto:") */
    TX_RELATED,    /* related-block headings */
    TX_ABOUT,      /* about-box headings */
    TX_BYLINE,     /* byline prefixes ("By", "Von") */
    TX_CHEAD,      /* comment-section headings */
    TX_CHEAD_PRE,  /* "3 responses to ..." */
    TX_SIGN,       /* "Name says:" suffixes */
    TX_OPENER,     /* reply openers */
    TX_DATEW,      /* month and weekday names */
    TX_TIMEW,      /* time-ago words */
    TX_DATEFILL,   /* words that fill date lines ("at", "Uhr", "updated") */
    TX_FIRST,      /* first-person pronouns */
    TX_SECOND,     /* second-person pronouns */
    TX_STOP,       /* frequent words ignored when comparing comments */
    TX_FUNC,       /* articles, determiners, negations: no name starts so */
    TX_COPULA,     /* "is", "ist", "writes": "Name is a reporter ..." */
    TX_ROLE,       /* "reporter", "Redakteurin", "periodista": author bios */
    TX_MOREHEAD,   /* "More", "Weitere": "More Great Stories" */
    TX_MORETAIL,   /* "stories", "Artikel": "More Great Stories" */
    TX_NLISTS
};
#define TXM(id) (1u << (id))

/* Substring lists (th__tx_contains). */
enum { TX_SUB_FURN = 1, TX_SUB_CAP = 2 };

/* A normalised line split into words (at most TH_TX_MAXW).  Each word's
 * list masks (whole phrase / start of a longer phrase) are looked up once,
 * on first use. */
typedef struct th_tx_line {
    const char *s;
    size_t n;
    int nw;
    uint16_t ws[TH_TX_MAXW], we[TH_TX_MAXW]; /* word [start, end) */
    uint32_t full[TH_TX_MAXW], pre[TH_TX_MAXW]; /* TX_DONE in pre: known */
    uint8_t inq[TH_TX_MAXW]; /* inside quotation marks */
    bool pipe, copy;         /* a '|', a U+00A9 in the raw line */
    bool url;                /* a word starting "http" or the word "www" */
    int npc;                 /* words that may be pronouns (outside quotes, */
    uint8_t pc[TH_TX_MAXW];  /* first letter and length fit): th__tx_scan */
} th_tx_line;
#define TX_DONE (1u << 31)

/* A non-ASCII code point that separates words for the line normalisers
 * and word scans: Latin-1 punctuation and symbols (U+0080-U+00BF, U+00D7,
 * U+00F7), general punctuation and symbols (U+2000-U+2BFF: quotation
 * marks, dashes, "..."), CJK punctuation, U+FFFD, U+FEFF, emoji. */
static inline bool th__tx_sep_cp(uint32_t cp)
{
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 ||
           (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           cp == 0xFFFD || cp == 0xFEFF || (cp >= 0x1F000 && cp <= 0x1FAFF);
}

/* Latin-1 and Latin Extended-A capitals lowercased (same byte length in
 * UTF-8); other code points unchanged. */
static inline uint32_t th__tx_fold_latin(uint32_t cp)
{
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp + 0x20;
    if (cp >= 0x100 && cp <= 0x17F) {
        if ((cp <= 0x137 || (cp >= 0x14A && cp <= 0x177)) && !(cp & 1))
            return cp + 1;
        if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) &&
            (cp & 1))
            return cp + 1;
    }
    return cp;
}

/* Decodes the (non-ASCII) sequence at s[0..n): valid two- and three-
 * byte sequences inline, the rest through th__utf8_decode (same
 * results). */
static inline size_t th__tx_dec(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] >= 0xC2 && u[0] <= 0xDF && n >= 2 && (u[1] & 0xC0) == 0x80) {
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    }
    if (u[0] >= 0xE0 && u[0] <= 0xEF && n >= 3 && (u[1] & 0xC0) == 0x80 &&
        (u[2] & 0xC0) == 0x80) {
        uint32_t v = ((uint32_t)(u[0] & 0x0F) << 12) |
                     ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
            *cp = v;
            return 3;
        }
    }
    return th__utf8_decode(s, n, cp);
}

/* Builds the tables (idempotent, thread-safe); the functions below call
 * it themselves only through th__tx_split/th__tx_lookup callers' init. */
void th__tx_init(void);

/* Normalises s[0..n) into out (capacity >= n + 1): ASCII and Latin-1
 * letters lowercased, runs of spaces and punctuation collapsed to one
 * space, apostrophes (' and U+2019) kept as ', other non-ASCII letters
 * copied.  Returns the length (no leading or trailing space). */
size_t th__tx_norm(const char *s, size_t n, char *out);

/* Normalises s[0..n) (n <= TH_TX_NORM_MAX) into norm (as th__tx_norm;
 * capacity TH_TX_NORM_MAX + 1 whatever n: bytes past the result may be
 * written) and splits it into words, noting the words inside quotation
 * marks. */
void th__tx_scan(th_tx_line *t, const char *s, size_t n, char *norm);

/* Pronoun counts of a scanned line (words inside quotes left out). */
void th__tx_line_persons(th_tx_line *t, int *first, int *second);

/* Mask of the lists holding exactly the phrase p[0..n). */
uint32_t th__tx_lookup(const char *p, size_t n);

/* Longest phrase of every list in want starting at word p and ending by
 * word lim (exclusive): returns the mask of lists found and sets len[id]
 * (in words) for each. */
uint32_t th__tx_match(th_tx_line *t, int p, int lim, uint32_t want,
                      uint8_t len[TX_NLISTS]);

/* Mask of the lists holding word w alone as a phrase (looked up once
 * per word and line; the call only on the first look). */
uint32_t th__tx_word_lists_slow(th_tx_line *t, int w);
static inline uint32_t th__tx_word_lists(th_tx_line *t, int w)
{
    if (w >= 0 && w < t->nw && (t->pre[w] & TX_DONE))
        return t->full[w];
    return th__tx_word_lists_slow(t, w);
}

/* Length in bytes of words [p, p + k). */
static inline size_t th__tx_bytes(const th_tx_line *t, int p, int k)
{
    return k ? (size_t)(t->we[p + k - 1] - t->ws[p]) : 0;
}

/* Length in bytes of the longest phrase of list id at the line start. */
size_t th__tx_starts(th_tx_line *t, int id);

/* Every word is a phrase of list a or b or a number: returns how many
 * phrases of a matched; -1 when some word is in neither. */
int th__tx_all2(th_tx_line *t, int a, int b);

/* True when the line ends with a phrase of list id (not the whole line). */
bool th__tx_ends(const th_tx_line *t, int id);

/* Mask of TX_SUB_* lists with an entry starting at some word start (the
 * entry may end inside a word). */
unsigned th__tx_contains(const th_tx_line *t, unsigned which);

/* A date / time / time-ago line: most words are numbers, month or weekday
 * names, "ago"-phrases, am/pm, at/um/à.  Needs a number or a time word. */
bool th__tx_is_date(th_tx_line *t);
/* A comment-section heading ("Comments", "12 Kommentare", "Leave a
 * reply", "3 responses to ..."): 1; the counted form after up to three
 * words ("There are 12 comments"): 2; else 0. */
int th__tx_is_chead(th_tx_line *t);

/* Mask of the lists holding the single word whose bytes (at most 8) are
 * packed little-end first into k (memcpy into a zeroed uint64_t). */
uint32_t th__tx_word8(uint64_t k);

/* Counts of first- and second-person pronoun words in the raw text
 * s[0..n), words inside quotation marks left out (reader comments speak
 * as "I" and "you"; news prose does so inside quotes).  ASCII letters are
 * lowercased, typographic apostrophes read as '.  Once both are nonzero
 * the scan stops (the counts are then lower bounds). */
void th__tx_persons(const char *s, size_t n, int *first, int *second);

#endif
