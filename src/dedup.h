/*
 * dedup.h -- duplicate detection for corpus runs: text normalisation, a
 * 64-bit hash, MinHash signatures over word 5-grams with LSH banding, and
 * the in-memory index that the run's ordering stage feeds one document at a
 * time (so verdicts depend only on input order, never on thread timing).
 * Also the table of comment hashes that flags comments repeated across
 * pages.  See docs/internals/dedup.md for the maths and memory figures.
 */
#ifndef TH_DEDUP_H
#define TH_DEDUP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define TH_DEDUP_MAX_HASHES 1024 /* bands * rows */
#define TH_SHINGLE 5             /* words per shingle */

/* A 64-bit hash of p[0..n) (never 0 for callers that need a non-zero key:
 * use th__hash64nz). */
uint64_t th__hash64(const void *p, size_t n, uint64_t seed);
static inline uint64_t th__hash64nz(const void *p, size_t n, uint64_t seed)
{
    uint64_t h = th__hash64(p, n, seed);
    return h ? h : 1;
}

/* Appends the normalised form of text[0..len) to out: lower case (Latin,
 * Greek, Cyrillic), punctuation and symbols dropped, words separated by
 * one space, each CJK ideograph or kana its own word.  Returns the number
 * of words.  Invalid UTF-8 bytes are separators. */
size_t th__dedup_normalize(const char *text, size_t len, th_buf *out);

/*
 * MinHash of the word 5-grams of a normalised text (fewer than 5 words:
 * one shingle of them all).  Fills nh = bands*rows minima in mins, the
 * bands' keys in bandkeys[bands] and the low byte of each minimum in
 * bbit[nh] (the compact signature kept for verification).  Returns false
 * when the text has no words (nothing is filled).
 */
bool th__minhash(const char *norm, size_t len, unsigned bands, unsigned rows,
                 uint32_t *mins, uint64_t *bandkeys, uint8_t *bbit);

/* The Jaccard similarity estimated from two b-bit (8-bit) signatures of n
 * values (corrected for the 1/256 chance agreement), clamped to [0,1]. */
double th__bbit_jaccard(const uint8_t *a, const uint8_t *b, unsigned n);

typedef struct th_dedup th_dedup;

typedef enum th_dup_kind { TH_DUP_NONE = 0, TH_DUP_EXACT, TH_DUP_NEAR } th_dup_kind;

typedef struct th_dup_verdict {
    th_dup_kind kind;
    uint32_t match;   /* doc index of the earlier document matched */
    uint32_t cluster; /* doc index of the first member of the cluster */
    double jaccard;   /* estimated (1.0 for exact) */
} th_dup_verdict;

/* An empty index; NULL on ENOMEM or bad parameters. */
th_dedup *th__dedup_new(unsigned bands, unsigned rows, double threshold);
void th__dedup_free(th_dedup *d);

/*
 * Adds the next document (doc indexes count from 0 in call order) and
 * decides whether it duplicates an earlier one: the same text hash (exact),
 * else an LSH candidate in some band whose estimated Jaccard is at least
 * the threshold (near; the best candidate wins).  bandkeys/bbit may be NULL
 * for a document without words (only exact matching then).  Returns the
 * doc index, or UINT32_MAX on ENOMEM.
 */
uint32_t th__dedup_add(th_dedup *d, uint64_t text_hash,
                       const uint64_t *bandkeys, const uint8_t *bbit,
                       th_dup_verdict *v);

/* Re-adds a stored document (resume) with its known cluster (a doc index
 * already added, or its own new index when cluster == UINT32_MAX).
 * Returns the doc index or UINT32_MAX on ENOMEM. */
uint32_t th__dedup_restore(th_dedup *d, uint64_t text_hash,
                           const uint64_t *bandkeys, const uint8_t *bbit,
                           uint32_t cluster);

/* Records comment hash h as seen on doc; true when it was already seen on
 * another document (a repeated comment).  Hash 0 is ignored. */
bool th__dedup_comment(th_dedup *d, uint64_t h, uint32_t doc);

/* Bytes the index holds (tables and signatures). */
size_t th__dedup_memory(const th_dedup *d);
uint32_t th__dedup_count(const th_dedup *d);

#endif
