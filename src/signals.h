/*
 * signals.h -- per-document signals for corpus runs (issue 4): the
 * `signals` object of each record.  Language (lang.h) and Gopher / C4 /
 * FineWeb-style quality statistics with a default rule set that sets
 * `quality_pass` and lists the rules that failed.  Definitions, where they
 * deviate from the papers, and the measurements behind the defaults:
 * docs/internals/signals.md.
 *
 * Everything is computed from the extracted document (body blocks; title
 * only for language), in linear passes over its words with open-addressing
 * hash tables; scratch arrays (words, lines, n-gram tables) allocated per
 * call and freed before returning.
 */
#ifndef TH_SIGNALS_H
#define TH_SIGNALS_H
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"
#include "lang.h"

/* Words beyond this many are not looked at by the n-gram statistics (the
 * counts still see them): bounds the scratch memory on huge inputs. */
#define TH_SIGNALS_MAX_WORDS 200000

/* The quality rules, in the order of the `quality_failed` list. */
typedef enum th_qrule {
    TH_QR_MIN_WORDS = 0,
    TH_QR_MAX_WORDS,
    TH_QR_MEAN_WORD_LENGTH,
    TH_QR_HASH_RATIO,
    TH_QR_ELLIPSIS_RATIO,
    TH_QR_BULLET_LINES,
    TH_QR_ELLIPSIS_LINES,
    TH_QR_ALPHA_WORDS,
    TH_QR_STOP_WORDS,
    TH_QR_DUP_LINES,
    TH_QR_DUP_PARAGRAPHS,
    TH_QR_DUP_LINE_CHARS,
    TH_QR_DUP_PARAGRAPH_CHARS,
    TH_QR_TOP_2GRAM,
    TH_QR_TOP_3GRAM,
    TH_QR_TOP_4GRAM,
    TH_QR_DUP_5GRAM,
    TH_QR_DUP_6GRAM,
    TH_QR_DUP_7GRAM,
    TH_QR_DUP_8GRAM,
    TH_QR_DUP_9GRAM,
    TH_QR_DUP_10GRAM,
    TH_QR_LINE_PUNCT,
    TH_QR_LOREM_IPSUM,
    TH_QR_COUNT
} th_qrule;

/* The rule's name as written in `quality_failed` ("min_words", ...). */
const char *th__qrule_name(th_qrule r);

typedef struct th_signals {
    /* Language of the document (lang.h). */
    const char *lang;          /* chosen code, or NULL */
    th_lang_source lang_source;
    th_lang_result detected;   /* the detector on title + body */
    const char *lang_declared; /* doc->lang as the page said it, or NULL */

    /* Counts over the body. */
    size_t chars;      /* code points of the body text */
    size_t words;      /* whitespace tokens holding a non-punctuation char */
    size_t sentences;
    size_t lines;      /* non-empty lines (a block is one or more lines) */
    size_t paragraphs; /* non-empty blocks */

    /* Gopher quality statistics (fractions 0..1). */
    double mean_word_length; /* code points, punctuation stripped */
    double hash_ratio;       /* '#' per word */
    double ellipsis_ratio;   /* "..." and U+2026 per word */
    double bullet_lines;     /* lines starting with a bullet or list items */
    double ellipsis_lines;   /* lines ending in "..." or U+2026 */
    double alpha_words;      /* words with at least one letter */
    size_t stop_words;       /* tokens in the language's stop-word list */
    size_t stop_words_distinct;
    bool stop_words_known;   /* a list exists for the language */
    double dup_lines, dup_line_chars;           /* repeats after the first */
    double dup_paragraphs, dup_paragraph_chars; /* idem */
    double top_ngram[3];     /* n = 2,3,4: chars of the most frequent */
    double dup_ngram[6];     /* n = 5..10: chars inside repeated n-grams */

    /* C4 / FineWeb line statistics. */
    double line_punct;  /* lines ending in terminal punctuation */
    double short_lines; /* lines under 30 code points */
    bool lorem_ipsum;

    /* Comments. */
    size_t comment_words;
    size_t ncomments;
    const char **comment_lang; /* [ncomments]: own language or NULL */

    /* Verdict of the default rule set. */
    bool quality_pass;
    unsigned failed; /* bit (1u << th_qrule) per failed rule */
} th_signals;

/* Zeroes s.  Pair with th__signals_cleanup. */
void th__signals_init(th_signals *s);
/* Frees what compute allocated (comment_lang); s can be computed again. */
void th__signals_cleanup(th_signals *s);

/*
 * Computes the signals of doc into *out (initialised, or computed before:
 * the old contents are released).  Returns TH_OK, TH_EINVAL (NULL doc or
 * out) or TH_ENOMEM (out is then zeroed).
 */
th_status th__signals_compute(const th_doc *doc, th_signals *out);

/* Appends the `signals` JSON object for s to b.  Returns b's status. */
th_status th__signals_json(th_buf *b, const th_signals *s);

/*
 * The corpus hook: computes the signals of doc and appends the JSON object
 * to b.  text[0..len) is the article text the record carries (blocks
 * joined by blank lines); it is used only when doc is NULL.  *lang (may be
 * NULL) receives the document's language (static or borrowed from doc) or
 * NULL.  Returns b's status, or TH_ENOMEM.
 */
th_status th__signals_render(th_buf *b, const th_doc *doc, const char *text,
                             size_t len, const char **lang);

#endif
