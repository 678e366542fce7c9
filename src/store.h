/*
 * store.h -- the SQLite corpus store: schema, batched writes from a corpus
 * run, the state a resumed run reloads, and the queries behind `thresh
 * search` and `thresh show` (public side in thresh.h).  The only module
 * that includes sqlite3.h.  Schema and guarantees: docs/internals/store.md.
 */
#ifndef TH_STORE_H
#define TH_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "thresh.h"

typedef struct th_store_comment {
    const char *cid;    /* the page's comment id, or NULL */
    long parent;        /* index of the parent comment, -1 top level */
    int depth;
    const char *author, *date, *text;
    long votes;
    bool has_votes;
    uint64_t hash;      /* normalised-text hash, 0 when not tracked */
    bool repeated;
} th_store_comment;

typedef struct th_store_doc {
    uint64_t id;          /* hash of source (shown as 16 hex digits) */
    const char *source;   /* record identity */
    const char *url, *site, *date, *title, *lang; /* may be NULL */
    const char *text;
    size_t text_len;
    const char *metadata; /* JSON object text */
    const char *signals;  /* JSON object text */
    uint64_t cluster;     /* id of the cluster's first document */
    bool canonical;
    const char *dup;      /* "exact", "near" or NULL */
    uint64_t text_hash;
    const void *minhash;  /* band keys then b-bit signature */
    size_t minhash_len;
    const th_store_comment *comments;
    size_t ncomments;
    const char *comments_text; /* all comment texts, for the FTS index */
} th_store_doc;

/* Opens (creating if needed) a store for writing: WAL, schema.  *out gets
 * the handle.  On failure err gets a message.  TH_EDB / TH_ENOMEM. */
th_status th__store_open_rw(const char *path, th_store **out, char *err,
                            size_t errlen);

/* Records a run (the runs table); returns its id, or -1. */
long long th__store_run_begin(th_store *s, const char *command,
                              const char *inputs);
th_status th__store_run_end(th_store *s, long long run,
                            const th_corpus_stats *st);

/* Calls fn for every stored document in insertion order (resume). */
typedef int (*th_store_each_fn)(void *ud, uint64_t id, uint64_t text_hash,
                                const void *minhash, size_t minhash_len,
                                uint64_t cluster, const char *date,
                                size_t text_len, bool canonical);
th_status th__store_each(th_store *s, th_store_each_fn fn, void *ud);

/* Inserts a document with its comments and FTS row.  Opens a transaction
 * if none is open; th__store_commit ends it. */
th_status th__store_add(th_store *s, const th_store_doc *d, long long run);
/* The cluster's canonical document changed: old (0: none) loses the
 * flag, clusters row updated (size counts members). */
th_status th__store_set_canonical(th_store *s, uint64_t cluster,
                                  uint64_t old_id, uint64_t new_id,
                                  uint64_t size);
th_status th__store_commit(th_store *s);
/* WAL pages after which a checkpoint starts (default 8192 = 128 MB; tests
 * set a few to exercise the checkpointer). */
void th__store_checkpoint_pages(th_store *s, int pages);
/* Writer CPU seconds so far spent inserting FTS rows, and committing
 * (FTS5 writes its pending terms at commits too) with th__store_finish's
 * checkpoint. */
void th__store_cpu(const th_store *s, double *fts, double *commit);
/* End of a run: flags the first copies of repeated comments. */
th_status th__store_finish(th_store *s);

#endif
