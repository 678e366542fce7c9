/*
 * thresh.h -- the one public header of libthresh.
 *
 * thresh turns crawled news pages (HTML, or text already flattened by a
 * crawler) into structured documents: title, byline, date, site, the article
 * body as ordered blocks, image captions, related stories and reader comment
 * threads, with page furniture removed.  This header declares opaque types,
 * status codes, options and the functions the `thresh` command uses; nothing
 * else of the library is visible outside it.
 *
 * Conventions (see docs/internals/api.md):
 *  - Text input is always (const char *data, size_t len); no implicit NUL.
 *    Input bytes may be in any encoding (HTML) and may be invalid; invalid
 *    sequences become U+FFFD.  Every string the library returns is UTF-8.
 *  - A returned `const char *` is borrowed: it lives as long as the object
 *    it came from (for a document: until th_doc_free).
 *  - A returned `char *` belongs to the caller: free it with th_free().
 *  - Fallible calls return th_status; TH_OK is 0.
 */
#ifndef THRESH_H
#define THRESH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define TH_API __attribute__((visibility("default")))
#define TH_NODISCARD __attribute__((warn_unused_result))
#else
#define TH_API
#define TH_NODISCARD
#endif

#define TH_VERSION_STRING "0.1.0"
#define TH_VERSION_MAJOR 0
#define TH_VERSION_MINOR 1
#define TH_VERSION_PATCH 0

/* Status codes.  th_strerror() gives a sentence for each. */
typedef enum th_status {
    TH_OK = 0,
    TH_ENOMEM,  /* an allocation failed */
    TH_EINVAL,  /* a wrong argument (NULL where an object is needed, ...) */
    TH_ETOOBIG, /* the input is over a configured limit */
    TH_EPARSE,  /* the input could not be understood at all */
    TH_EIO,     /* reading or writing a file failed */
    TH_EDB,     /* the store reported an error */
    TH_EEMPTY   /* the input holds nothing to extract (0 bytes, no text) */
} th_status;

/* A static English sentence for a status; never NULL. */
TH_API const char *th_strerror(th_status status);

/* The library version, "MAJOR.MINOR.PATCH"; static. */
TH_API const char *th_version(void);

/* ---------------------------------------------------------- memory ---- */

/*
 * All memory the library takes goes through these three functions.  Call
 * th_set_allocator() before any other thresh function; NULL restores the C
 * library's malloc/realloc/free.  Tests use it to fail the Nth allocation.
 */
typedef struct th_allocator {
    void *(*malloc_fn)(size_t size, void *ud);
    void *(*realloc_fn)(void *ptr, size_t size, void *ud);
    void (*free_fn)(void *ptr, void *ud);
    void *ud;
} th_allocator;

TH_API void th_set_allocator(const th_allocator *alloc);

/* Frees a `char *` the library returned.  th_free(NULL) is a no-op. */
TH_API void th_free(void *ptr);

/* ---------------------------------------------------------- options --- */

/* What kind of input a call receives. */
typedef enum th_input_kind {
    TH_INPUT_AUTO = 0, /* sniff: HTML if it looks like markup, else text */
    TH_INPUT_HTML,
    TH_INPUT_TEXT      /* already-flattened text, like a crawler's dump */
} th_input_kind;

/* Flags for th_options.flags. */
#define TH_OPT_NO_COMMENTS (1u << 0) /* skip comment-thread extraction     */
#define TH_OPT_NO_META (1u << 1)     /* skip metadata (title, date, ...)   */
#define TH_OPT_KEEP_LABELS (1u << 2) /* text input: keep per-line labels   */

/*
 * Extraction options.  th_options_init() fills the documented defaults:
 * kind AUTO, no flags, max_bytes 256 MiB, max_depth 512 (deeper elements
 * are attached at that depth), max_attrs 256 per element.
 */
typedef struct th_options {
    th_input_kind kind;
    unsigned flags;
    size_t max_bytes;    /* larger input: TH_ETOOBIG */
    unsigned max_depth;  /* tree-depth cap of the HTML tree builder */
    unsigned max_attrs;  /* attributes kept per element */
    const char *url;     /* the page's URL if known (NUL-terminated) or NULL */
    const char *charset; /* an encoding the caller knows (HTTP header) or NULL */
} th_options;

TH_API void th_options_init(th_options *opts);

/* --------------------------------------------------------- document --- */

typedef struct th_doc th_doc;

/*
 * Extracts a document from one page.
 *   data, len  the page bytes (any encoding; need not be NUL-terminated)
 *   opts       options, or NULL for the defaults
 *   out        receives the document on TH_OK; set to NULL otherwise
 * Returns TH_OK, TH_EINVAL (out or data NULL with len > 0), TH_ETOOBIG
 * (len > opts->max_bytes), TH_ENOMEM.  An empty or text-less page is not an
 * error: it yields a document with no blocks.  Free with th_doc_free().
 */
TH_API TH_NODISCARD th_status th_extract(const char *data, size_t len,
                                         const th_options *opts, th_doc **out);

/* Frees a document and every string borrowed from it.  NULL: no-op. */
TH_API void th_doc_free(th_doc *doc);

/* Metadata; each is NULL when the page gave nothing.  Valid until
 * th_doc_free. Dates are ISO 8601 ("2024-03-01" or with time). */
TH_API const char *th_doc_title(const th_doc *doc);
TH_API const char *th_doc_byline(const th_doc *doc);
TH_API const char *th_doc_date(const th_doc *doc);
TH_API const char *th_doc_site(const th_doc *doc);
TH_API const char *th_doc_url(const th_doc *doc);
TH_API const char *th_doc_lang(const th_doc *doc);

/* The kinds of body block. */
typedef enum th_block_kind {
    TH_BLOCK_PARAGRAPH = 0,
    TH_BLOCK_HEADING,
    TH_BLOCK_LIST_ITEM,
    TH_BLOCK_QUOTE,
    TH_BLOCK_PRE,
    TH_BLOCK_TABLE
} th_block_kind;

TH_API size_t th_doc_block_count(const th_doc *doc);
/* Block i (0-based) as plain text; NULL if i is out of range.  *kind and
 * *level (heading level 1-6, list depth from 1, else 0) may be NULL. */
TH_API const char *th_doc_block(const th_doc *doc, size_t i,
                                th_block_kind *kind, int *level);
TH_API size_t th_doc_comment_count(const th_doc *doc);

/* ---------------------------------------------------------- writers --- */

typedef enum th_format {
    TH_FORMAT_JSON = 0, /* one JSON object, no trailing newline */
    TH_FORMAT_TEXT,     /* body paragraphs separated by blank lines */
    TH_FORMAT_MARKDOWN, /* headings, lists, quotes and links kept */
    TH_FORMAT_LABELS    /* text input: "line\tLABEL\ttext" rows */
} th_format;

/*
 * Renders a document.  *out receives a NUL-terminated UTF-8 string owned by
 * the caller (free with th_free), *len its length without the NUL (len may
 * be NULL).  `source` is a name to record in JSON (the input file) or NULL.
 * Returns TH_OK, TH_EINVAL, TH_ENOMEM.
 */
TH_API TH_NODISCARD th_status th_doc_render(const th_doc *doc, th_format fmt,
                                            const char *source, char **out,
                                            size_t *len);

/*
 * A JSON error record for a page that failed:
 * {"source": ..., "error": ..., "status": ...}.  Caller frees with th_free.
 */
TH_API TH_NODISCARD th_status th_error_render(const char *source,
                                              th_status status,
                                              const char *detail, char **out,
                                              size_t *len);

#ifdef __cplusplus
}
#endif
#endif /* THRESH_H */
