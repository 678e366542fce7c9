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
 * Input starting with a gzip header is inflated first (a cut-short
 * stream as far as it goes).  Returns TH_OK, TH_EINVAL (out or data NULL
 * with len > 0), TH_ETOOBIG (len, or the inflated size, over
 * opts->max_bytes), TH_EPARSE (binary data -- an image, a PDF, an archive,
 * random bytes -- or a gzip stream that gives nothing), TH_ENOMEM.  An
 * empty or text-less page is not an error: it yields a document with no
 * blocks.  Free with th_doc_free().
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

/*
 * Language identification from the document's own text (title + body; CLD2,
 * docs/internals/lang.md).  th_doc_detect_lang() stores the detected code
 * (th_doc_lang_detected) and, when the page declared no language, also sets
 * th_doc_lang to it.  Texts under ~40 letters are not judged (NULL).
 * Returns TH_OK or TH_EINVAL.  Codes are static strings ("en", "zh-Hant").
 */
TH_API th_status th_doc_detect_lang(th_doc *doc);
TH_API const char *th_doc_lang_detected(const th_doc *doc);

/*
 * Language and quality signals of a document as one JSON object -- the
 * `signals` of corpus records: counts, `lang` with `lang_source` ("text",
 * "declared", "none"), Gopher/C4/FineWeb statistics, per-comment languages,
 * `quality_pass` and `quality_failed` (fields and default rules in
 * docs/internals/signals.md).  Does not change doc.  *out receives a
 * NUL-terminated string the caller frees with th_free; *len (may be NULL)
 * its length.  Returns TH_OK, TH_EINVAL, TH_ENOMEM.
 */
TH_API TH_NODISCARD th_status th_doc_signals_json(const th_doc *doc,
                                                  char **out, size_t *len);

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


/* ---------------------------------------------------------- corpus ---- */
/*
 * Corpus runs (thresh corpus): many pages in (WARC/WARC.gz, a directory of
 * pages, JSON Lines with `html` or `text`, or "-"), documents out as JSON
 * Lines or into an SQLite store, deduplicated (exact and near duplicates).
 * See docs/internals/corpus.md.
 */

/* Why a record was skipped; counted in th_corpus_stats.skipped[]. */
typedef enum th_skip_reason {
    TH_SKIP_TOO_BIG = 0,  /* record or payload over max_record_bytes */
    TH_SKIP_GZIP,         /* truncated or corrupt gzip member */
    TH_SKIP_WARC_HEADER,  /* malformed WARC header */
    TH_SKIP_BAD_HTTP,     /* unparsable HTTP response, chunking, encoding */
    TH_SKIP_HTTP_STATUS,  /* HTTP status other than 2xx */
    TH_SKIP_NOT_HTML,     /* not a page: Content-Type, or binary data */
    TH_SKIP_INVALID_UTF8, /* declared (or required) UTF-8 but invalid */
    TH_SKIP_BAD_JSON,     /* JSON line unparsable or without html/text */
    TH_SKIP_EMPTY,        /* nothing extracted (no text, no comments) */
    TH_SKIP_EXTRACT,      /* th_extract failed */
    TH_SKIP_IO,           /* an input (file, directory entry) unreadable */
    TH_SKIP_COUNT
} th_skip_reason;

/* A short static name for a skip reason ("too_big", ...); never NULL. */
TH_API const char *th_skip_reason_name(int reason);

typedef struct th_corpus_stats {
    uint64_t records;    /* page records read (WARC response/resource
                            records, files, JSON lines) */
    uint64_t extracted;  /* documents written */
    uint64_t dup_exact;  /* written documents that are exact duplicates */
    uint64_t dup_near;   /* ... near duplicates (not exact) */
    uint64_t resumed;    /* records already in the store (rerun): skipped */
    uint64_t other;      /* WARC records of other types (request, ...) */
    uint64_t repeated_comments; /* comments seen on an earlier page */
    uint64_t skipped[TH_SKIP_COUNT];
    uint64_t bytes_read;  /* input bytes consumed so far */
    uint64_t bytes_total; /* sum of the inputs' sizes; 0 when unknown */
    uint64_t index_bytes; /* memory of the dedup index (end of run) */
    double seconds;       /* wall time so far */
    /* CPU seconds by stage, summed over threads, when opts.timings (else
     * 0); final at the end of the run. */
    struct {
        double read;      /* reader: decompression, WARC and HTTP parsing */
        double extract;   /* workers: th_extract */
        double signals;   /* workers: language and quality signals */
        double fields;    /* workers: dedup fingerprints, record fields */
        double write;     /* ordering thread: dedup verdicts, output rows */
        double fts;       /* ordering thread: full-text index rows */
        double commit;    /* ordering thread: commits and the last
                             checkpoint (FTS5 writes pending terms here) */
    } cpu;
} th_corpus_stats;

/* Called from the run's ordering thread, about every progress_interval
 * seconds and once at the end. */
typedef void (*th_progress_fn)(const th_corpus_stats *stats, void *ud);

typedef enum th_corpus_format {
    TH_CORPUS_AUTO = 0, /* SQLite when OUT ends in ".db", else JSON Lines */
    TH_CORPUS_JSONL,
    TH_CORPUS_SQLITE
} th_corpus_format;

/*
 * Run options; th_corpus_options_init() fills the defaults: jobs 0 (one
 * worker per core), AUTO format, 14 bands x 8 rows, near_threshold 0.75,
 * max_record_bytes 32 MiB, batch 10000, th_options_init() for extract.
 */
typedef struct th_corpus_options {
    unsigned jobs;
    th_corpus_format format;
    unsigned minhash_bands, minhash_rows;
    double near_threshold;   /* estimated Jaccard that confirms a candidate */
    size_t max_record_bytes; /* bigger records: TH_SKIP_TOO_BIG */
    unsigned batch;          /* documents per store transaction */
    th_options extract;      /* url and charset are set per record */
    th_progress_fn progress; /* or NULL */
    void *progress_ud;
    double progress_interval; /* seconds; default 0.5 */
    const char *command;     /* recorded in the store's runs table, or NULL */
    int timings;             /* nonzero: fill th_corpus_stats.cpu (a clock read
                                per stage and record: ~2 us a record) */
} th_corpus_options;

TH_API void th_corpus_options_init(th_corpus_options *opts);

/*
 * Runs a corpus: reads every input in order, extracts with worker threads,
 * deduplicates and writes documents in input order to `out` (a path; "-"
 * is standard output, JSON Lines).  With an SQLite store the run is
 * resumable: records already stored are skipped.  *stats (may be NULL)
 * gets the counts; err (may be NULL) a message on failure.
 * Returns TH_OK (bad records are counted, not errors), TH_EINVAL, TH_EIO
 * (an output could not be written), TH_EDB, TH_ENOMEM.
 */
TH_API TH_NODISCARD th_status th_corpus_run(const th_corpus_options *opts,
                                            const char *const *inputs,
                                            size_t ninputs, const char *out,
                                            th_corpus_stats *stats,
                                            char *err, size_t errlen);

/* ----------------------------------------------------------- store ---- */

typedef struct th_store th_store;

/* Opens a corpus database read-only for queries; *out gets the handle on
 * TH_OK (close with th_store_close), NULL otherwise.  TH_EDB when the file
 * is missing or is not a thresh store. */
TH_API TH_NODISCARD th_status th_store_open(const char *path, th_store **out);
TH_API void th_store_close(th_store *store);
/* The last error message of the handle; never NULL, valid until the next
 * call on the handle. */
TH_API const char *th_store_errmsg(const th_store *store);

typedef struct th_search_options {
    const char *site;  /* only documents of this site (host), or NULL */
    const char *since; /* date >= since (ISO 8601 prefix), or NULL */
    const char *until; /* date <= until, or NULL */
    const char *lang;  /* language code, or NULL */
    unsigned limit;    /* results; default 10 */
    int json;          /* 1: JSON Lines results, 0: text for a terminal */
} th_search_options;

TH_API void th_search_options_init(th_search_options *opts);

/* Full-text search (FTS5 query syntax; plain words are ANDed), ranked by
 * bm25, with snippets.  *out (th_free) gets the rendered results.
 * TH_EINVAL for a bad query (th_store_errmsg says why), TH_EDB. */
TH_API TH_NODISCARD th_status th_store_search(th_store *store,
                                              const char *query,
                                              const th_search_options *opts,
                                              char **out, size_t *len);

/* One document by id with its comment thread as an indented tree (json:
 * the JSON record instead).  TH_EEMPTY when there is no such id. */
TH_API TH_NODISCARD th_status th_store_show(th_store *store, const char *id,
                                            int json, char **out,
                                            size_t *len);

#ifdef __cplusplus
}
#endif
#endif /* THRESH_H */
