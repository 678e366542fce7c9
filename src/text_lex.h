/*
 * text_lex.h -- small multilingual word lists and line classifiers for the
 * flattened-text labeller (text.c).  Every classifier works on a
 * "normalised" short line: lowercase, punctuation turned into single
 * spaces, apostrophes kept (see th__tx_norm).  Nothing here allocates;
 * callers pass lines of at most TH_TX_NORM_MAX bytes.
 */
#ifndef TH_TEXT_LEX_H
#define TH_TEXT_LEX_H
#include <stdbool.h>
#include <stddef.h>

#define TH_TX_NORM_MAX 320

/* Normalises s[0..n) into out (capacity >= n + 1): ASCII and Latin-1
 * letters lowercased, runs of spaces and punctuation collapsed to one
 * space, apostrophes (' and U+2019) kept as ', other non-ASCII letters
 * copied.  Returns the length (no leading or trailing space). */
size_t th__tx_norm(const char *s, size_t n, char *out);

/* Word lists (NULL-terminated, lowercase, words separated by one space). */
extern const char *const th__tx_widget[];   /* comment-widget words */
extern const char *const th__tx_furn[];     /* nav/share/site furniture */
extern const char *const th__tx_furn_sub[]; /* furniture substrings */
extern const char *const th__tx_cap_sub[];  /* caption substrings */
extern const char *const th__tx_cap_pre[];  /* caption prefixes */
extern const char *const th__tx_related[];  /* related-block headings */
extern const char *const th__tx_about[];    /* about-box headings */
extern const char *const th__tx_byline[];   /* byline prefixes */
extern const char *const th__tx_chead[];    /* comment-section headings */
extern const char *const th__tx_chead_pre[];/* "3 responses to ..." */
extern const char *const th__tx_sign[];     /* "Name says:" suffixes */
extern const char *const th__tx_opener[];   /* reply openers */

/* True when every word of norm is a phrase of lex or a number/symbol and
 * at least one phrase matched. */
bool th__tx_all_lex(const char *norm, size_t n, const char *const *lex);
/* Every word of norm is a phrase of a or b or a number: returns how many
 * phrases of a matched; -1 when some word is in neither. */
int th__tx_all_lex2(const char *norm, size_t n, const char *const *a,
                    const char *const *b);
/* Length of the longest phrase of lex that norm starts with (followed by
 * a space or the end), else 0. */
size_t th__tx_starts_lex(const char *norm, size_t n, const char *const *lex);
/* True when norm ends with a phrase of lex (preceded by a space). */
bool th__tx_ends_lex(const char *norm, size_t n, const char *const *lex);
/* True when some entry of lex occurs in norm as a substring. */
bool th__tx_contains_lex(const char *norm, size_t n, const char *const *lex);

/* A date / time / time-ago line: most words are numbers, month or weekday
 * names, "ago"-phrases, am/pm, at/um/à.  Needs a number or a time word. */
bool th__tx_is_date(const char *norm, size_t n);
/* A comment-section heading ("Comments", "12 Kommentare", "Leave a
 * reply", "3 responses to ..."). */
bool th__tx_is_chead(const char *norm, size_t n);

/* Counts of first- and second-person pronoun words in norm. */
void th__tx_persons(const char *norm, size_t n, int *first, int *second);

#endif
