/*
 * lang.h -- language identification of extracted text (issue 4).
 *
 * The detector is CLD2 (Debian's libcld2, C++), reached through the C
 * wrapper in lang_cld2.cc; this header and lang.c are plain C.  When the
 * build has no CLD2 (its header was missing at build time) every detection
 * answers "undecided" and documents fall back to their declared language.
 * Choice, measurements and thresholds: docs/internals/lang.md.
 *
 * Codes are lower-case ISO 639-1 where one exists ("en", "de"), with the
 * script for Chinese ("zh", "zh-Hant"); CLD2's legacy codes are mapped to
 * current ones ("iw" -> "he").  Every code returned is a static string.
 * All functions are thread-safe (CLD2's tables are read-only).
 */
#ifndef TH_LANG_H
#define TH_LANG_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Texts shorter than this many letters (code points of letters scored by
 * the detector, digits, spaces and punctuation excluded) are "too short":
 * a document falls back to its declared language, a comment gets none.
 * Measured in docs/internals/lang.md (eval/lang_eval). */
#define TH_LANG_MIN_LETTERS 40
/* The same bar for a comment to get its own language. */
#define TH_LANG_MIN_COMMENT_LETTERS 40

/* Only this many bytes of a document's text (title + body) are looked at
 * (from the start, cut at a character boundary): enough for a stable
 * answer, bounded cost.  CLD2's time is about linear in the bytes it
 * sees; 768 bytes answer as 1 and 2 KiB did on the 632 dev pages but
 * two lorem-ipsum fixtures, now undecided (docs/internals/lang.md
 * "Sample size"). */
#define TH_LANG_MAX_BYTES 768
/* The same for a comment: 512 bytes are ~80 words, far above the 40
 * letters from which a comment is judged. */
#define TH_LANG_COMMENT_MAX_BYTES 512

typedef struct th_lang_result {
    const char *code;  /* static language code, or NULL when undecided */
    int percent;       /* share of the scored text in that language 0-100 */
    bool reliable;     /* CLD2's own verdict (margin over the second) */
    size_t letters;    /* letters scored (code points) */
} th_lang_result;

/* Where a document's language came from. */
typedef enum th_lang_source {
    TH_LANG_SRC_NONE = 0, /* no text long enough and nothing declared */
    TH_LANG_SRC_TEXT,     /* detected from title + body */
    TH_LANG_SRC_DECLARED  /* text too short: the page's declared language */
} th_lang_source;

/* True for code points that count as letters (lang.c says which). */
bool th__lang_is_letter(uint32_t cp);

/* True when the build has a detector (CLD2). */
bool th__lang_available(void);

/*
 * Detects the language of text[0..len) (UTF-8; invalid bytes make the
 * answer undecided).  Fills *out; out->code is NULL when the detector
 * cannot say, or when out->letters < min_letters.  Returns 0, or -1 when
 * the detector failed (out of memory inside CLD2): out->code is NULL.
 */
int th__lang_detect(const char *text, size_t len, size_t min_letters,
                    th_lang_result *out);

/* th__lang_detect for a comment: the first TH_LANG_COMMENT_MAX_BYTES of
 * it, TH_LANG_MIN_COMMENT_LETTERS letters or more. */
int th__lang_detect_comment(const char *text, size_t len, th_lang_result *out);

/*
 * The language of a document: detected from its title and body blocks
 * when they hold at least TH_LANG_MIN_LETTERS letters, else the declared
 * doc->lang (primary subtag kept as declared).  *src says which.  Returns
 * a static code or doc->lang (borrowed, valid until th_doc_free), or NULL.
 * *res (may be NULL) receives the detection itself.
 */
const char *th__lang_of_doc(const th_doc *doc, th_lang_source *src,
                            th_lang_result *res);

/* "text", "declared" or "none". */
const char *th__lang_source_name(th_lang_source src);

/* The primary subtag of a language tag, lower-cased, into out (cap >= 4):
 * "en-US" -> "en", "de_AT" -> "de"; "" for NULL.  For comparisons. */
void th__lang_primary(const char *tag, char *out, size_t cap);

/* CLD2 wrapper (lang_cld2.cc).  Returns 0 and fills the outputs, or -1.
 * *code is CLD2's static code ("un" for unknown). */
int th__cld2_detect(const char *text, int len, const char **code,
                    int *percent, int *reliable, int *text_bytes);

#ifdef __cplusplus
}
#endif

#endif
