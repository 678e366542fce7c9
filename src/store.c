/*
 * store.c -- the SQLite corpus store (see store.h, docs/internals/store.md).
 *
 * Writes go through prepared statements inside batched transactions (the
 * corpus run commits every `batch` documents and at the end).  A document,
 * its comments, its FTS row and its cluster update are in the same
 * transaction, so a crash loses whole documents only.  A document's id (the
 * hash of its source) is unique in the store: the writer keeps every
 * stored id in memory (id -> rowid), so no random-key B-tree is written
 * per commit; `thresh show` finds an id through the fts_id index (an
 * FTS5 index of one token per document, i.e. log-structured: appends
 * and merges, never random page updates).
 */
#include "store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "clock.h"
#include "mem.h"
#include "write.h"

#define SCHEMA_VERSION "4"
#define SEARCH_CANDIDATES 3000 /* matches ranked per query, newest first */
/* WAL frames (16 KiB pages) after which the WAL is copied into the
 * database: 128 MB (pages rewritten by every commit, b-tree interior
 * pages and FTS5's structure record, are copied once per checkpoint). */
#define CHECKPOINT_PAGES 8192

/* FTS rows wait here and go in together (fts_flush), in the document's
 * transaction: a burst of FTS5 inserts finds its pending-terms hash in
 * the CPU cache, while one insert per document, between two page
 * extractions, found it evicted (FTS indexing took 150 ms of a 770 ms
 * one-worker run on the dev WARC; in bursts ~60 ms).  128 rather than
 * 256 (session 5): the same CPU on one core (10 alternated runs, min
 * 596 vs 598 ms; 64 costs more), and with 2 workers the last burst, run
 * while the workers have nothing left to do, is half as long (8 runs,
 * wall median 361 vs 371 ms). */
#define FTS_PENDING_DOCS 128
#define FTS_PENDING_BYTES ((size_t)4 << 20)
#define NO_STR SIZE_MAX
/* FTS5's automerge for a new store's two FTS tables (see open_rw). */
#define FTS_AUTOMERGE "16"

typedef struct fts_row {
    sqlite3_int64 rowid;
    uint64_t id;
    size_t title, body, comments, site, lang; /* offsets in fts_buf */
    size_t body_len;
} fts_row;

/* id -> rowid, open addressing; rowid 0 marks a free slot (stored
 * documents have rowids >= 1). */
typedef struct id_slot {
    uint64_t id;
    sqlite3_int64 rowid;
} id_slot;

struct th_store {
    sqlite3 *db;
    int schema; /* meta.schema of the file (3 or 4) */
    bool in_tx;
    bool broken; /* a document of the open transaction is half written */
    sqlite3_stmt *ins_doc, *ins_cmt, *ins_fts, *ins_fts_id, *upd_canon,
        *ups_cluster;
    /* Writer: every stored document's id (uniqueness, canonical updates
     * by rowid), loaded with th__store_each or on the first write. */
    id_slot *ids;
    size_t ids_n, ids_cap;
    bool ids_loaded;
    /* Writer: checkpoints run in their own thread and connection (see
     * ckpt_main); ckpt_on when it runs, else SQLite's autocheckpoint. */
    bool ckpt_on, ckpt_want, ckpt_busy, ckpt_stop;
    bool ckpt_tail; /* the next commit finishes a checkpoint */
    int ckpt_pages; /* CHECKPOINT_PAGES (tests set fewer) */
    pthread_t ckpt_thread;
    pthread_mutex_t ckpt_mu;
    pthread_cond_t ckpt_cv;
    sqlite3 *ckpt_db;
    fts_row *fts_rows;
    size_t fts_n, fts_cap;
    th_buf fts_buf;
    /* Writer CPU seconds: FTS rows inserted (fts_flush), and commits
     * (where FTS5 writes the rest of its pending terms) with the end of
     * run's checkpoint. */
    double cpu_fts, cpu_commit;
    char err[512];
};

static const char *const SCHEMA =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
    "CREATE TABLE IF NOT EXISTS runs("
    " id INTEGER PRIMARY KEY, started TEXT, finished TEXT, command TEXT,"
    " inputs TEXT, records INTEGER, extracted INTEGER, dup_exact INTEGER,"
    " dup_near INTEGER, resumed INTEGER, skipped TEXT, seconds REAL);"
    "CREATE TABLE IF NOT EXISTS documents("
    " rowid INTEGER PRIMARY KEY,"
    " id INTEGER NOT NULL,"
    " source TEXT NOT NULL,"
    " url TEXT, site TEXT, date TEXT, title TEXT, lang TEXT,"
    " text TEXT NOT NULL, text_len INTEGER NOT NULL,"
    " metadata TEXT, signals TEXT,"
    " cluster INTEGER NOT NULL, canonical INTEGER NOT NULL, dup TEXT,"
    " text_hash INTEGER, minhash BLOB, run INTEGER);"
    /* Duplicates only: a cluster's first document is the one whose id is
     * the cluster id; singletons (most documents) stay out of the index. */
    "CREATE INDEX IF NOT EXISTS documents_cluster ON documents(cluster)"
    " WHERE dup IS NOT NULL;"
    "CREATE TABLE IF NOT EXISTS comments("
    " doc INTEGER NOT NULL, idx INTEGER NOT NULL, cid TEXT, parent INTEGER,"
    " depth INTEGER, author TEXT, date TEXT, text TEXT, votes INTEGER,"
    " hash INTEGER, repeated INTEGER NOT NULL DEFAULT 0,"
    " PRIMARY KEY(doc, idx)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS comments_hash ON comments(hash) WHERE hash != 0;"
    "CREATE TABLE IF NOT EXISTS clusters("
    " id INTEGER PRIMARY KEY, canonical INTEGER NOT NULL,"
    " size INTEGER NOT NULL);"
    /* The FTS index keeps no copy of the text: its content is this view
     * (external content), read back only for snippets. */
    "CREATE VIEW IF NOT EXISTS fts_src(rowid, title, body, comments, site,"
    " lang) AS SELECT d.rowid, d.title, d.text, (SELECT group_concat(c.text,"
    " char(10)) FROM comments c WHERE c.doc = d.rowid), d.site, d.lang"
    " FROM documents d;"
    /* site and lang are indexed too, so --site/--lang are posting-list
     * intersections inside FTS5 instead of a join per match. */
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5("
    " title, body, comments, site, lang,"
    " content='fts_src', content_rowid='rowid',"
    " tokenize='unicode61 remove_diacritics 2');"
    /* documents.id -> rowid for `thresh show`: each document's id as one
     * 16-hex-digit token (rowid = documents.rowid).  Not a B-tree index on
     * documents.id: ids are hashes, so such an index takes random inserts,
     * and a commit of 10000 documents into a store of a million dirtied
     * nearly every page of it (~18 MB written per commit, growing with
     * the store).  FTS5 writes a segment per commit and merges segments
     * in the background: the cost per document stays ~constant. */
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts_id USING fts5(key,"
    " content='', detail=none, columnsize=0, tokenize='ascii');"
    "INSERT OR IGNORE INTO meta VALUES('schema', '" SCHEMA_VERSION "');";

static th_status db_err(th_store *s, const char *what)
{
    snprintf(s->err, sizeof s->err, "%s: %s", what,
             s->db ? sqlite3_errmsg(s->db) : "no database");
    return TH_EDB;
}

static void finalize_all(th_store *s)
{
    sqlite3_finalize(s->ins_doc);
    sqlite3_finalize(s->ins_cmt);
    sqlite3_finalize(s->ins_fts);
    sqlite3_finalize(s->ins_fts_id);
    sqlite3_finalize(s->upd_canon);
    sqlite3_finalize(s->ups_cluster);
    s->ins_doc = s->ins_cmt = s->ins_fts = s->ins_fts_id = s->upd_canon =
        s->ups_cluster = NULL;
}

static th_status fts_flush(th_store *s);

/* meta.schema as a number: 0 when the file has no meta table or no
 * schema row (a new file), -1 when it is not a number. */
static int read_schema(sqlite3 *db)
{
    sqlite3_stmt *q;
    int v = 0;
    if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='schema'",
                           -1, &q, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(q) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(q, 0);
        v = -1;
        if (t && *t >= '1' && *t <= '9' && t[1] == '\0')
            v = *t - '0';
    }
    sqlite3_finalize(q);
    return v;
}

/*
 * The checkpointer.  A checkpoint copies the WAL's pages into the database
 * file, and in a growing store most of those are new pages of the file,
 * i.e. new page-cache memory, which can cost far more CPU than rewriting
 * cached pages (on the VM where the store was measured, ~13x: 128 MB
 * written into new page cache took 0.27 s of CPU, into cached pages
 * 0.02 s).  Done by the writer (SQLite's autocheckpoint), that cost grew
 * during a run and made the ingest slow down.  Here the bulk of it runs
 * beside the writer, in its own thread and connection (SQLite's
 * documented way to keep checkpoints out of the write path):
 *  1. a commit leaves >= CHECKPOINT_PAGES in the WAL: the checkpointer
 *     copies them (PASSIVE: never blocks the writer) while the writer
 *     fills its next transaction;
 *  2. the next commit: the writer copies that commit's own pages (the
 *     checkpointer is done by then; if not, the writer waits for it).
 *     The WAL is then wholly in the database, so the writer's next
 *     transaction starts the WAL over from its beginning — which needs a
 *     moment with no pages left to copy, and a checkpointer racing the
 *     writer alone never finds one (the WAL grew without end).
 * The writer's share is one commit's pages in every ~5.
 */
static void *ckpt_main(void *arg)
{
    th_store *s = arg;
    pthread_mutex_lock(&s->ckpt_mu);
    for (;;) {
        while (!s->ckpt_want && !s->ckpt_stop)
            pthread_cond_wait(&s->ckpt_cv, &s->ckpt_mu);
        if (s->ckpt_stop)
            break;
        s->ckpt_want = false;
        s->ckpt_busy = true;
        pthread_mutex_unlock(&s->ckpt_mu);
        sqlite3_wal_checkpoint_v2(s->ckpt_db, NULL,
                                  SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&s->ckpt_mu);
        s->ckpt_busy = false;
        pthread_cond_broadcast(&s->ckpt_cv);
    }
    pthread_mutex_unlock(&s->ckpt_mu);
    return NULL;
}

/* After every commit of the writer (SQLite's WAL hook). */
static int ckpt_hook(void *ud, sqlite3 *db, const char *name, int pages)
{
    th_store *s = ud;
    if (s->ckpt_tail) {
        pthread_mutex_lock(&s->ckpt_mu);
        while (s->ckpt_want || s->ckpt_busy)
            pthread_cond_wait(&s->ckpt_cv, &s->ckpt_mu);
        pthread_mutex_unlock(&s->ckpt_mu);
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL,
                                  NULL);
        s->ckpt_tail = false;
    } else if (pages >= s->ckpt_pages) {
        pthread_mutex_lock(&s->ckpt_mu);
        s->ckpt_want = true;
        pthread_cond_broadcast(&s->ckpt_cv);
        pthread_mutex_unlock(&s->ckpt_mu);
        s->ckpt_tail = true;
    }
    return SQLITE_OK;
}

/* Starts the checkpointer; without it (no thread, no second connection)
 * the writer checkpoints itself. */
static void ckpt_start(th_store *s, const char *path)
{
    s->ckpt_pages = CHECKPOINT_PAGES;
    sqlite3_wal_autocheckpoint(s->db, CHECKPOINT_PAGES);
    if (sqlite3_open_v2(path, &s->ckpt_db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        sqlite3_close(s->ckpt_db);
        s->ckpt_db = NULL;
        return;
    }
    sqlite3_busy_timeout(s->ckpt_db, 5000);
    /* A first read opens the WAL in this connection (until then it would
     * not know the file is in WAL mode, and checkpoint nothing). */
    if (sqlite3_exec(s->ckpt_db, "SELECT 1 FROM meta LIMIT 1", NULL, NULL,
                     NULL) != SQLITE_OK)
        goto no_thread;
    if (pthread_mutex_init(&s->ckpt_mu, NULL))
        goto no_thread;
    if (pthread_cond_init(&s->ckpt_cv, NULL)) {
        pthread_mutex_destroy(&s->ckpt_mu);
        goto no_thread;
    }
    if (pthread_create(&s->ckpt_thread, NULL, ckpt_main, s)) {
        pthread_cond_destroy(&s->ckpt_cv);
        pthread_mutex_destroy(&s->ckpt_mu);
        goto no_thread;
    }
    s->ckpt_on = true;
    sqlite3_wal_hook(s->db, ckpt_hook, s); /* replaces the autocheckpoint */
    return;
no_thread:
    sqlite3_close(s->ckpt_db);
    s->ckpt_db = NULL;
}

static void ckpt_stop(th_store *s)
{
    if (!s->ckpt_on)
        return;
    pthread_mutex_lock(&s->ckpt_mu);
    s->ckpt_stop = true;
    pthread_cond_broadcast(&s->ckpt_cv);
    pthread_mutex_unlock(&s->ckpt_mu);
    pthread_join(s->ckpt_thread, NULL);
    pthread_cond_destroy(&s->ckpt_cv);
    pthread_mutex_destroy(&s->ckpt_mu);
    sqlite3_close(s->ckpt_db);
    s->ckpt_db = NULL;
    s->ckpt_on = false;
    sqlite3_wal_autocheckpoint(s->db, s->ckpt_pages);
}

void th__store_checkpoint_pages(th_store *s, int pages)
{
    s->ckpt_pages = pages > 0 ? pages : CHECKPOINT_PAGES;
    if (!s->ckpt_on)
        sqlite3_wal_autocheckpoint(s->db, s->ckpt_pages);
}

void th_store_close(th_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        /* Documents are committed whole, with their comments and FTS
         * rows, or not at all (the rerun adds them). */
        sqlite3_exec(s->db,
                     !s->broken && fts_flush(s) == TH_OK ? "COMMIT"
                                                         : "ROLLBACK",
                     NULL, NULL, NULL);
    s->in_tx = false;
    ckpt_stop(s);
    finalize_all(s);
    sqlite3_close(s->db);
    th__free(s->fts_rows);
    th__free(s->ids);
    th__buf_cleanup(&s->fts_buf);
    th__free(s);
}

const char *th_store_errmsg(const th_store *s)
{
    if (!s)
        return "no store";
    return s->err[0] ? s->err : "no error";
}

th_status th__store_open_rw(const char *path, th_store **out, char *err,
                            size_t errlen)
{
    *out = NULL;
    th_store *s = th__calloc(1, sizeof *s);
    if (!s)
        return TH_ENOMEM;
    th__buf_init(&s->fts_buf, 0);
    th_status st = TH_EDB;
    if (sqlite3_open_v2(path, &s->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        NULL) != SQLITE_OK) {
        db_err(s, "open");
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    char *e = NULL;
    if (sqlite3_exec(s->db,
                     /* 16 KiB pages (a new file only): a document row
                      * (text, metadata, signals, MinHash) of 1-3 KB then
                      * fits in its page instead of spilling into
                      * half-empty overflow pages. */
                     "PRAGMA page_size=16384;"
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                     "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY;"
                     /* Reads of pages outside the cache (FTS5 segment
                      * merges, index pages) without a copy per read. */
                     "PRAGMA mmap_size=1073741824;",
                     NULL, NULL, &e) != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "schema: %s", e ? e : "?");
        sqlite3_free(e);
        goto fail;
    }
    s->schema = read_schema(s->db);
    if (s->schema != 0 && s->schema != 3 && s->schema != 4) {
        snprintf(s->err, sizeof s->err,
                 "schema: the store has schema version %d; this thresh "
                 "writes version " SCHEMA_VERSION " (and upgrades 3): "
                 "write to a new store",
                 s->schema);
        goto fail;
    }
    if (sqlite3_exec(s->db, SCHEMA, NULL, NULL, &e) != SQLITE_OK ||
        /* A new store: FTS5 merges 16 segments of a level at a time
         * (default 4).  Each merge rewrites the merged doclists, and with
         * 4 a segment's postings were rewritten about once per level:
         * ~20 ms of the ~95 ms FTS5 costs on the dev WARC.  Queries read
         * up to 15 segments per level instead of 3 (store.md). */
        (s->schema == 0 &&
         sqlite3_exec(s->db,
                      "INSERT INTO fts(fts, rank) VALUES('automerge', "
                      FTS_AUTOMERGE ");"
                      "INSERT INTO fts_id(fts_id, rank) VALUES('automerge', "
                      FTS_AUTOMERGE ");",
                      NULL, NULL, &e) != SQLITE_OK) ||
        /* Version 3 -> 4: ids into fts_id (one pass over documents, one
         * transaction: a kill leaves version 3, and the next run redoes
         * it).  A version-3 file keeps its UNIQUE index on documents.id,
         * which nothing reads any more. */
        (s->schema == 3 &&
         sqlite3_exec(s->db,
                      "BEGIN;"
                      "INSERT INTO fts_id(fts_id) VALUES('delete-all');"
                      "INSERT INTO fts_id(rowid, key) SELECT rowid,"
                      " printf('%016x', id) FROM documents;"
                      "UPDATE meta SET value='" SCHEMA_VERSION "'"
                      " WHERE key='schema';"
                      "COMMIT;",
                      NULL, NULL, &e) != SQLITE_OK)) {
        snprintf(s->err, sizeof s->err, "schema: %s", e ? e : "?");
        sqlite3_free(e);
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        goto fail;
    }
    s->schema = 4;
    ckpt_start(s, path);
    if (sqlite3_prepare_v2(
            s->db,
            "INSERT INTO documents(id, source, url, site, date, title, lang,"
            " text, text_len, metadata, signals, cluster, canonical, dup,"
            " text_hash, minhash, run) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,"
            "?10,?11,?12,?13,?14,?15,?16,?17)",
            -1, &s->ins_doc, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            s->db,
            "INSERT INTO comments(doc, idx, cid, parent, depth, author, date,"
            " text, votes, hash, repeated) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,"
            "?10,?11)",
            -1, &s->ins_cmt, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            s->db,
            "INSERT INTO fts(rowid, title, body, comments, site, lang)"
            " VALUES(?1,?2,?3,?4,?5,?6)",
            -1, &s->ins_fts, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO fts_id(rowid, key) VALUES(?1, ?2)",
                           -1, &s->ins_fts_id, NULL) != SQLITE_OK ||
        /* One row per statement (by rowid): a statement that may write
         * several rows opens a statement journal, and with the FTS table
         * in the transaction that is a savepoint on it, which flushes
         * FTS5's pending terms into a new small segment (one per
         * duplicate, all merged again later). */
        sqlite3_prepare_v2(
            s->db, "UPDATE documents SET canonical = ?2 WHERE rowid = ?1",
            -1, &s->upd_canon, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            s->db,
            "INSERT INTO clusters(id, canonical, size) VALUES(?1, ?2, ?3)"
            " ON CONFLICT(id) DO UPDATE SET canonical = ?2, size = ?3",
            -1, &s->ups_cluster, NULL) != SQLITE_OK) {
        db_err(s, "prepare");
        goto fail;
    }
    *out = s;
    return TH_OK;
fail:
    if (err)
        snprintf(err, errlen, "%s", s->err);
    th_store_close(s);
    return st;
}

static void iso_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long th__store_run_begin(th_store *s, const char *command,
                              const char *inputs)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO runs(started, command, inputs)"
                           " VALUES(?1, ?2, ?3)",
                           -1, &st, NULL) != SQLITE_OK) {
        db_err(s, "runs");
        return -1;
    }
    char now[32];
    iso_now(now, sizeof now);
    sqlite3_bind_text(st, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, command, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, inputs, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        db_err(s, "runs");
        return -1;
    }
    return sqlite3_last_insert_rowid(s->db);
}

th_status th__store_run_end(th_store *s, long long run,
                            const th_corpus_stats *c)
{
    th_status st = th__store_commit(s);
    if (st)
        return st;
    th_buf sk;
    th__buf_init(&sk, 0);
    th__buf_putc(&sk, '{');
    int first = 1;
    for (int i = 0; i < TH_SKIP_COUNT; i++) {
        if (!c->skipped[i])
            continue;
        th__buf_printf(&sk, "%s\"%s\":%llu", first ? "" : ",",
                       th_skip_reason_name(i),
                       (unsigned long long)c->skipped[i]);
        first = 0;
    }
    th__buf_putc(&sk, '}');
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE runs SET finished=?2, records=?3,"
                           " extracted=?4, dup_exact=?5, dup_near=?6,"
                           " resumed=?7, skipped=?8, seconds=?9 WHERE id=?1",
                           -1, &q, NULL) != SQLITE_OK) {
        th__buf_cleanup(&sk);
        return db_err(s, "runs");
    }
    char now[32];
    iso_now(now, sizeof now);
    sqlite3_bind_int64(q, 1, run);
    sqlite3_bind_text(q, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)c->records);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)c->extracted);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)c->dup_exact);
    sqlite3_bind_int64(q, 6, (sqlite3_int64)c->dup_near);
    sqlite3_bind_int64(q, 7, (sqlite3_int64)c->resumed);
    sqlite3_bind_text(q, 8, sk.data ? sk.data : "{}", -1, SQLITE_TRANSIENT);
    sqlite3_bind_double(q, 9, c->seconds);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    th__buf_cleanup(&sk);
    return rc == SQLITE_DONE ? TH_OK : db_err(s, "runs");
}

/* ------------------------------------------------- id -> rowid map --- */

static size_t id_slot_of(uint64_t id, size_t cap)
{
    return (size_t)((id * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
}

/* The rowid of the stored document with this id, 0 when none. */
static sqlite3_int64 ids_find(const th_store *s, uint64_t id)
{
    if (!s->ids_cap)
        return 0;
    for (size_t j = id_slot_of(id, s->ids_cap);; j = (j + 1) & (s->ids_cap - 1)) {
        if (!s->ids[j].rowid)
            return 0;
        if (s->ids[j].id == id)
            return s->ids[j].rowid;
    }
}

/* Room for one more id (load <= 0.7), so that ids_put cannot fail. */
static th_status ids_reserve(th_store *s)
{
    if ((s->ids_n + 1) * 10 <= s->ids_cap * 7)
        return TH_OK;
    size_t nc = s->ids_cap ? s->ids_cap * 2 : 1024;
    id_slot *n = th__calloc(nc, sizeof *n);
    if (!n) {
        snprintf(s->err, sizeof s->err, "ids: out of memory");
        return TH_ENOMEM;
    }
    for (size_t i = 0; i < s->ids_cap; i++) {
        if (!s->ids[i].rowid)
            continue;
        size_t j = id_slot_of(s->ids[i].id, nc);
        while (n[j].rowid)
            j = (j + 1) & (nc - 1);
        n[j] = s->ids[i];
    }
    th__free(s->ids);
    s->ids = n;
    s->ids_cap = nc;
    return TH_OK;
}

static void ids_put(th_store *s, uint64_t id, sqlite3_int64 rowid)
{
    size_t j = id_slot_of(id, s->ids_cap);
    while (s->ids[j].rowid) {
        if (s->ids[j].id == id)
            return; /* first stored copy wins (none in a store we wrote) */
        j = (j + 1) & (s->ids_cap - 1);
    }
    s->ids[j] = (id_slot){id, rowid};
    s->ids_n++;
}

static void ids_clear(th_store *s)
{
    th__free(s->ids);
    s->ids = NULL;
    s->ids_n = s->ids_cap = 0;
    s->ids_loaded = false;
}

/* One stored document into the map (rowids of documents are >= 1). */
static th_status ids_load_row(th_store *s, uint64_t id, sqlite3_int64 rowid)
{
    if (rowid <= 0) {
        snprintf(s->err, sizeof s->err, "load: document rowid %lld",
                 (long long)rowid);
        return TH_EDB;
    }
    th_status st = ids_reserve(s);
    if (st == TH_OK)
        ids_put(s, id, rowid);
    return st;
}

/* The map, when th__store_each has not built it (a writer that does not
 * resume). */
static th_status ids_load(th_store *s)
{
    if (s->ids_loaded)
        return TH_OK;
    ids_clear(s);
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db, "SELECT rowid, id FROM documents", -1, &q,
                           NULL) != SQLITE_OK)
        return db_err(s, "load");
    int rc;
    th_status st = TH_OK;
    while (st == TH_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
        st = ids_load_row(s, (uint64_t)sqlite3_column_int64(q, 1),
                          sqlite3_column_int64(q, 0));
    sqlite3_finalize(q);
    if (st == TH_OK && rc != SQLITE_DONE)
        st = db_err(s, "load");
    if (st)
        ids_clear(s);
    s->ids_loaded = st == TH_OK;
    return st;
}

th_status th__store_each(th_store *s, th_store_each_fn fn, void *ud)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id, text_hash, minhash, cluster, date,"
                           " text_len, canonical, rowid FROM documents"
                           " ORDER BY rowid",
                           -1, &q, NULL) != SQLITE_OK)
        return db_err(s, "load");
    ids_clear(s);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        uint64_t id = (uint64_t)sqlite3_column_int64(q, 0);
        th_status st = ids_load_row(s, id, sqlite3_column_int64(q, 7));
        if (st) {
            sqlite3_finalize(q);
            ids_clear(s);
            return st;
        }
        uint64_t h = (uint64_t)sqlite3_column_int64(q, 1);
        const void *mh = sqlite3_column_blob(q, 2);
        size_t mhl = (size_t)sqlite3_column_bytes(q, 2);
        uint64_t cl = (uint64_t)sqlite3_column_int64(q, 3);
        const char *date = (const char *)sqlite3_column_text(q, 4);
        size_t tl = (size_t)sqlite3_column_int64(q, 5);
        bool canon = sqlite3_column_int(q, 6) != 0;
        if (fn(ud, id, h, mh, mhl, cl, date, tl, canon)) {
            sqlite3_finalize(q);
            ids_clear(s);
            snprintf(s->err, sizeof s->err, "load: out of memory");
            return TH_ENOMEM;
        }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) {
        ids_clear(s);
        return db_err(s, "load");
    }
    s->ids_loaded = true;
    return TH_OK;
}

static th_status begin(th_store *s)
{
    if (s->in_tx)
        return TH_OK;
    if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        return db_err(s, "begin");
    s->in_tx = true;
    return TH_OK;
}

th_status th__store_commit(th_store *s)
{
    if (!s->in_tx)
        return TH_OK;
    if (s->broken) {
        /* A half-written document: the transaction cannot be kept. */
        s->in_tx = false;
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        ids_clear(s); /* it holds the rolled-back ids: reload if needed */
        return TH_EDB;
    }
    th_status st = fts_flush(s);
    if (st)
        return st;
    s->in_tx = false;
    double t0 = th__thread_cpu();
    int rc = sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    s->cpu_commit += th__thread_cpu() - t0;
    if (rc != SQLITE_OK)
        return db_err(s, "commit");
    return TH_OK;
}

void th__store_cpu(const th_store *s, double *fts, double *commit)
{
    *fts = s ? s->cpu_fts : 0;
    *commit = s ? s->cpu_commit : 0;
}

static void bind_str(sqlite3_stmt *q, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(q, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, i);
}

/* A copy of v (NUL-terminated, n bytes) in fts_buf: its offset, or NO_STR
 * for NULL. */
static size_t fts_keep(th_store *s, const char *v, size_t n)
{
    if (!v)
        return NO_STR;
    size_t at = s->fts_buf.len;
    th__buf_append(&s->fts_buf, v, n);
    th__buf_putc(&s->fts_buf, '\0');
    return at;
}

static void bind_kept(th_store *s, sqlite3_stmt *q, int i, size_t at, int n)
{
    if (at == NO_STR)
        sqlite3_bind_null(q, i);
    else
        sqlite3_bind_text(q, i, s->fts_buf.data + at, (int)n, SQLITE_STATIC);
}

static th_status fts_flush_rows(th_store *s);

/* Inserts the waiting FTS rows. */
static th_status fts_flush(th_store *s)
{
    double t0 = th__thread_cpu();
    th_status st = fts_flush_rows(s);
    s->cpu_fts += th__thread_cpu() - t0;
    return st;
}

static th_status fts_flush_rows(th_store *s)
{
    th_status st = TH_OK;
    sqlite3_stmt *q = s->ins_fts;
    for (size_t i = 0; i < s->fts_n && st == TH_OK; i++) {
        const fts_row *r = &s->fts_rows[i];
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, r->rowid);
        bind_kept(s, q, 2, r->title, -1);
        bind_kept(s, q, 3, r->body, (int)r->body_len);
        bind_kept(s, q, 4, r->comments, -1);
        bind_kept(s, q, 5, r->site, -1);
        bind_kept(s, q, 6, r->lang, -1);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE) {
            st = db_err(s, "insert fts");
            break;
        }
        char key[17];
        snprintf(key, sizeof key, "%016llx", (unsigned long long)r->id);
        sqlite3_stmt *k = s->ins_fts_id;
        sqlite3_reset(k);
        sqlite3_bind_int64(k, 1, r->rowid);
        sqlite3_bind_text(k, 2, key, 16, SQLITE_TRANSIENT);
        rc = sqlite3_step(k);
        sqlite3_reset(k);
        if (rc != SQLITE_DONE)
            st = db_err(s, "insert fts_id");
    }
    sqlite3_clear_bindings(q);
    s->fts_n = 0;
    th__buf_clear(&s->fts_buf);
    if (s->fts_buf.cap > FTS_PENDING_BYTES * 2) {
        th__buf_cleanup(&s->fts_buf);
        th__buf_init(&s->fts_buf, 0);
    }
    return st;
}

th_status th__store_add(th_store *s, const th_store_doc *d, long long run)
{
    th_status st = ids_load(s);
    if (st)
        return st;
    if (ids_find(s, d->id))
        return TH_OK; /* already stored (the same source twice) */
    if ((st = ids_reserve(s)) != TH_OK || (st = begin(s)) != TH_OK)
        return st;
    sqlite3_stmt *q = s->ins_doc;
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, (sqlite3_int64)d->id);
    bind_str(q, 2, d->source);
    bind_str(q, 3, d->url);
    bind_str(q, 4, d->site);
    bind_str(q, 5, d->date);
    bind_str(q, 6, d->title);
    bind_str(q, 7, d->lang);
    sqlite3_bind_text(q, 8, d->text ? d->text : "", (int)d->text_len,
                      SQLITE_STATIC);
    sqlite3_bind_int64(q, 9, (sqlite3_int64)d->text_len);
    bind_str(q, 10, d->metadata);
    bind_str(q, 11, d->signals);
    sqlite3_bind_int64(q, 12, (sqlite3_int64)d->cluster);
    sqlite3_bind_int(q, 13, d->canonical);
    bind_str(q, 14, d->dup);
    sqlite3_bind_int64(q, 15, (sqlite3_int64)d->text_hash);
    if (d->minhash)
        sqlite3_bind_blob(q, 16, d->minhash, (int)d->minhash_len,
                          SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 16);
    sqlite3_bind_int64(q, 17, run);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return db_err(s, "insert document");
    sqlite3_int64 rowid = sqlite3_last_insert_rowid(s->db);
    ids_put(s, d->id, rowid);
    for (size_t i = 0; i < d->ncomments; i++) {
        const th_store_comment *c = &d->comments[i];
        q = s->ins_cmt;
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, rowid);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i);
        bind_str(q, 3, c->cid);
        if (c->parent >= 0)
            sqlite3_bind_int64(q, 4, c->parent);
        else
            sqlite3_bind_null(q, 4);
        sqlite3_bind_int(q, 5, c->depth);
        bind_str(q, 6, c->author);
        bind_str(q, 7, c->date);
        bind_str(q, 8, c->text);
        if (c->has_votes)
            sqlite3_bind_int64(q, 9, c->votes);
        else
            sqlite3_bind_null(q, 9);
        sqlite3_bind_int64(q, 10, (sqlite3_int64)c->hash);
        sqlite3_bind_int(q, 11, c->repeated);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE) {
            s->broken = true;
            return db_err(s, "insert comment");
        }
    }
    /* The FTS row waits for the next burst (same transaction). */
    if (s->fts_n == s->fts_cap) {
        size_t nc = s->fts_cap ? s->fts_cap * 2 : 64;
        fts_row *nr = th__realloc(s->fts_rows, nc * sizeof *nr);
        if (!nr) {
            snprintf(s->err, sizeof s->err, "insert fts: out of memory");
            s->broken = true;
            return TH_ENOMEM;
        }
        s->fts_rows = nr;
        s->fts_cap = nc;
    }
    fts_row *r = &s->fts_rows[s->fts_n];
    r->rowid = rowid;
    r->id = d->id;
    r->title = fts_keep(s, d->title, d->title ? strlen(d->title) : 0);
    r->body_len = d->text ? d->text_len : 0;
    r->body = fts_keep(s, d->text ? d->text : "", r->body_len);
    r->comments = fts_keep(s, d->comments_text,
                           d->comments_text ? strlen(d->comments_text) : 0);
    r->site = fts_keep(s, d->site, d->site ? strlen(d->site) : 0);
    r->lang = fts_keep(s, d->lang, d->lang ? strlen(d->lang) : 0);
    if (s->fts_buf.err) {
        snprintf(s->err, sizeof s->err, "insert fts: out of memory");
        s->broken = true;
        return TH_ENOMEM;
    }
    s->fts_n++;
    if (s->fts_n >= FTS_PENDING_DOCS || s->fts_buf.len >= FTS_PENDING_BYTES)
        return fts_flush(s);
    return TH_OK;
}

th_status th__store_set_canonical(th_store *s, uint64_t cluster,
                                  uint64_t old_id, uint64_t new_id,
                                  uint64_t size)
{
    th_status st = ids_load(s);
    if (st || (st = begin(s)) != TH_OK)
        return st;
    sqlite3_stmt *q = s->upd_canon;
    /* old_id 0: the canonical copy did not change (new_id has the flag
     * already, the document just added was stored without it). */
    for (int k = 0; old_id && old_id != new_id && k < 2; k++) {
        sqlite3_int64 rowid = ids_find(s, k ? new_id : old_id);
        if (!rowid)
            continue;
        sqlite3_reset(q);
        sqlite3_bind_int64(q, 1, rowid);
        sqlite3_bind_int(q, 2, k);
        int rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return db_err(s, "canonical");
    }
    q = s->ups_cluster;
    sqlite3_reset(q);
    sqlite3_bind_int64(q, 1, (sqlite3_int64)cluster);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)new_id);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)size);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? TH_OK : db_err(s, "cluster");
}

th_status th__store_finish(th_store *s)
{
    th_status st = th__store_commit(s);
    if (st)
        return st;
    double t0 = th__thread_cpu();
    int rc = sqlite3_exec(s->db,
                          "UPDATE comments SET repeated = 1 WHERE repeated = 0"
                          " AND hash != 0 AND hash IN (SELECT hash FROM"
                          " comments WHERE hash != 0 GROUP BY hash"
                          " HAVING COUNT(DISTINCT doc) > 1);"
                          "PRAGMA wal_checkpoint(PASSIVE);",
                          NULL, NULL, NULL);
    s->cpu_commit += th__thread_cpu() - t0;
    if (rc != SQLITE_OK)
        return db_err(s, "finish");
    return TH_OK;
}

/* ---------------------------------------------------------- queries --- */

th_status th_store_open(const char *path, th_store **out)
{
    if (!out)
        return TH_EINVAL;
    *out = NULL;
    if (!path)
        return TH_EINVAL;
    th_store *s = th__calloc(1, sizeof *s);
    if (!s)
        return TH_ENOMEM;
    th__buf_init(&s->fts_buf, 0);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READONLY, NULL) !=
        SQLITE_OK) {
        th_store_close(s);
        return TH_EDB;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* Versions 3 and 4 are read (3: show looks ids up in documents.id's
     * UNIQUE index; 4: in fts_id). */
    s->schema = read_schema(s->db);
    if (s->schema != 3 && s->schema != 4) {
        th_store_close(s);
        return TH_EDB;
    }
    *out = s;
    return TH_OK;
}

void th_search_options_init(th_search_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->limit = 10;
}

static void json_col(th_buf *b, sqlite3_stmt *q, int col)
{
    const char *v = (const char *)sqlite3_column_text(q, col);
    if (v)
        th__json_str(b, v, (size_t)sqlite3_column_bytes(q, col));
    else
        th__buf_puts(b, "null");
}

/* A 64-bit id column as its 16 hex digits. */
static void json_id(th_buf *b, sqlite3_stmt *q, int col)
{
    th__buf_printf(b, "\"%016llx\"",
                   (unsigned long long)sqlite3_column_int64(q, col));
}

static const char *hexcol(sqlite3_stmt *q, int i, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)sqlite3_column_int64(q, i));
    return out;
}

static const char *col(sqlite3_stmt *q, int i)
{
    const char *v = (const char *)sqlite3_column_text(q, i);
    return v ? v : "";
}

/* A plain query made safe for FTS5: each whitespace-separated word quoted
 * (so "U.S." or "covid-19" are phrases, not syntax). */
static void quote_query(th_buf *b, const char *q)
{
    int first = 1;
    while (*q) {
        while (*q == ' ' || *q == '\t')
            q++;
        if (!*q)
            break;
        if (!first)
            th__buf_putc(b, ' ');
        first = 0;
        th__buf_putc(b, '"');
        while (*q && *q != ' ' && *q != '\t') {
            if (*q == '"')
                th__buf_putc(b, '"');
            th__buf_putc(b, *q++);
        }
        th__buf_putc(b, '"');
    }
}

/* Renders one result row (the second query of th_store_search). */
static void render_hit(th_buf *b, sqlite3_stmt *q, int n, double score,
                       bool json)
{
    if (json) {
        th__buf_puts(b, "{\"id\":");
        json_id(b, q, 0);
        th__buf_puts(b, ",\"title\":");
        json_col(b, q, 1);
        th__buf_puts(b, ",\"url\":");
        json_col(b, q, 2);
        th__buf_puts(b, ",\"site\":");
        json_col(b, q, 3);
        th__buf_puts(b, ",\"date\":");
        json_col(b, q, 4);
        th__buf_puts(b, ",\"lang\":");
        json_col(b, q, 5);
        th__buf_printf(b, ",\"score\":%.4f,\"snippet\":", -score);
        json_col(b, q, 6);
        th__buf_puts(b, ",\"cluster\":");
        json_id(b, q, 7);
        th__buf_printf(b, ",\"canonical\":%s}\n",
                       sqlite3_column_int(q, 8) ? "true" : "false");
        return;
    }
    char hx[17];
    th__buf_printf(b, "%d. %s\n   %s%s%s%s%s  [%s]\n", n,
                   *col(q, 1) ? col(q, 1) : "(no title)", col(q, 3),
                   *col(q, 3) && *col(q, 4) ? ", " : "", col(q, 4),
                   *col(q, 2) ? "  " : "", col(q, 2), hexcol(q, 0, hx));
    th__buf_printf(b, "   %s\n\n", col(q, 6));
}

/*
 * Two steps, so that snippets (which read the text back through the
 * fts_src view) are made for the results only, not for every match:
 * 1. rank: rowid and bm25 of the best `limit` matches (joining documents
 *    only when a filter needs it);
 * 2. for each of them, its fields and snippet (MATCH + rowid = ?).
 */
/* Appends ' AND {col} : "tok tok"' for a filter value (its words as one
 * phrase), so that FTS5 intersects posting lists. */
static void column_phrase(th_buf *b, const char *col, const char *v)
{
    th__buf_printf(b, " AND {%s} : \"", col);
    bool sep = false;
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        bool word = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                    (*p >= '0' && *p <= '9') || *p >= 0x80;
        if (word) {
            if (sep)
                th__buf_putc(b, ' ');
            th__buf_putc(b, (char)*p);
            sep = false;
        } else {
            sep = true;
        }
    }
    th__buf_putc(b, '"');
}

static th_status search_once(th_store *s, const char *query,
                             const th_search_options *o, th_buf *b,
                             bool *syntax)
{
    bool dates = o->since || o->until;
    /* Ranking is exact among the newest SEARCH_CANDIDATES matches (after
     * filters): FTS5 walks rowids newest first and stops there, so a word
     * found in most of a million documents costs milliseconds, not
     * seconds.  Site and language filters are part of the MATCH. */
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT r, s FROM (SELECT fts.rowid AS r,"
             " bm25(fts, 10.0, 1.0, 0.5, 0.0, 0.0) AS s FROM fts%s"
             " WHERE fts MATCH ?1%s ORDER BY fts.rowid DESC LIMIT %d)"
             " ORDER BY s LIMIT ?6",
             dates ? " JOIN documents d ON d.rowid = fts.rowid" : "",
             dates ? " AND (?3 IS NULL OR d.date >= ?3)"
                     " AND (?4 IS NULL OR substr(d.date, 1, length(?4)) <= ?4)"
                   : "",
             SEARCH_CANDIDATES);
    th_buf m;
    th__buf_init(&m, 1 << 17);
    th__buf_printf(&m, "(%s)", query);
    if (o->site)
        column_phrase(&m, "site", o->site);
    if (o->lang)
        column_phrase(&m, "lang", o->lang);
    if (m.err) {
        th__buf_cleanup(&m);
        return TH_ENOMEM;
    }
    sqlite3_stmt *q1 = NULL, *q2 = NULL;
    *syntax = false;
    if (sqlite3_prepare_v2(s->db, sql, -1, &q1, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(
            s->db,
            "SELECT d.id, d.title, d.url, d.site, d.date, d.lang,"
            " snippet(fts, -1, '[', ']', '...', 20), d.cluster, d.canonical"
            " FROM fts JOIN documents d ON d.rowid = fts.rowid"
            " WHERE fts MATCH ?1 AND fts.rowid = ?2",
            -1, &q2, NULL) != SQLITE_OK) {
        sqlite3_finalize(q1);
        th__buf_cleanup(&m);
        return db_err(s, "search");
    }
    sqlite3_bind_text(q1, 1, m.data, (int)m.len, SQLITE_STATIC);
    if (dates) {
        bind_str(q1, 3, o->since);
        bind_str(q1, 4, o->until);
    }
    sqlite3_bind_int(q1, 6, o->limit ? (int)o->limit : 10);
    /* Snippets from the user's query only (not the filter phrases):
     * m starts with "(query)". */
    sqlite3_bind_text(q2, 1, m.data, (int)strlen(query) + 2, SQLITE_STATIC);
    int rc, n = 0;
    th_status st = TH_OK;
    while ((rc = sqlite3_step(q1)) == SQLITE_ROW) {
        sqlite3_reset(q2);
        sqlite3_bind_int64(q2, 2, sqlite3_column_int64(q1, 0));
        if (sqlite3_step(q2) == SQLITE_ROW)
            render_hit(b, q2, ++n, sqlite3_column_double(q1, 1), o->json);
    }
    if (rc != SQLITE_DONE) {
        *syntax = strstr(sqlite3_errmsg(s->db), "syntax") != NULL ||
                  strstr(sqlite3_errmsg(s->db), "fts5") != NULL ||
                  strstr(sqlite3_errmsg(s->db), "no such column") != NULL;
        st = db_err(s, "search");
    }
    sqlite3_finalize(q1);
    sqlite3_finalize(q2);
    th__buf_cleanup(&m);
    return st;
}

th_status th_store_search(th_store *s, const char *query,
                          const th_search_options *o, char **out, size_t *len)
{
    if (!s || !query || !out)
        return TH_EINVAL;
    *out = NULL;
    th_search_options def;
    if (!o) {
        th_search_options_init(&def);
        o = &def;
    }
    th_buf b, qq;
    th__buf_init(&b, 0);
    th__buf_init(&qq, 1 << 16);
    bool syntax;
    th_status st = search_once(s, query, o, &b, &syntax);
    if (st && syntax) {
        /* "U.S.", "covid-19:" ... : retry with every word quoted. */
        th__buf_clear(&b);
        quote_query(&qq, query);
        st = search_once(s, qq.data ? qq.data : "\"\"", o, &b, &syntax);
        if (st && syntax)
            st = TH_EINVAL;
    }
    th__buf_cleanup(&qq);
    if (st == TH_OK && b.err)
        st = (th_status)b.err;
    if (st) {
        th__buf_cleanup(&b);
        return st;
    }
    if (!b.data)
        th__buf_puts(&b, "");
    *out = th__buf_take(&b, len);
    return *out ? TH_OK : TH_ENOMEM;
}

/* Appends text with every line indented by `ind` spaces. */
static void indented(th_buf *b, const char *t, int ind)
{
    if (*t && *t != '\n')
        th__buf_printf(b, "%*s", ind, "");
    for (; *t; t++) {
        th__buf_putc(b, *t);
        if (*t == '\n' && t[1] && t[1] != '\n')
            th__buf_printf(b, "%*s", ind, "");
    }
    th__buf_putc(b, '\n');
}

th_status th_store_show(th_store *s, const char *id, int json, char **out,
                        size_t *len)
{
    if (!s || !id || !out)
        return TH_EINVAL;
    *out = NULL;
    sqlite3_stmt *q, *c;
    /* Version 4: the id's token in fts_id gives the rowid (CROSS JOIN:
     * the FTS lookup first, there is no index on documents.id). */
    if (sqlite3_prepare_v2(
            s->db,
            s->schema >= 4
                ? "SELECT d.rowid, d.id, d.url, d.date, d.title, d.text,"
                  " d.metadata, d.signals, d.cluster, d.canonical, d.site,"
                  " d.dup, d.source FROM fts_id f CROSS JOIN documents d"
                  " ON d.rowid = f.rowid WHERE fts_id MATCH ?2 AND d.id = ?1"
                : "SELECT rowid, id, url, date, title, text, metadata,"
                  " signals, cluster, canonical, site, dup, source"
                  " FROM documents WHERE id = ?1",
            -1, &q, NULL) != SQLITE_OK)
        return db_err(s, "show");
    uint64_t idv = 0;
    int nd = 0;
    for (const char *p = id; *p; p++, nd++) {
        int d = *p >= '0' && *p <= '9'   ? *p - '0'
                : *p >= 'a' && *p <= 'f' ? *p - 'a' + 10
                : *p >= 'A' && *p <= 'F' ? *p - 'A' + 10
                                         : -1;
        if (d < 0 || nd >= 16) {
            nd = -1;
            break;
        }
        idv = idv * 16 + (uint64_t)d;
    }
    if (nd <= 0) {
        sqlite3_finalize(q);
        snprintf(s->err, sizeof s->err, "not a document id: %s", id);
        return TH_EEMPTY;
    }
    sqlite3_bind_int64(q, 1, (sqlite3_int64)idv);
    if (s->schema >= 4) {
        char key[19];
        snprintf(key, sizeof key, "\"%016llx\"", (unsigned long long)idv);
        sqlite3_bind_text(q, 2, key, -1, SQLITE_TRANSIENT);
    }
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(q);
        if (rc == SQLITE_DONE) {
            snprintf(s->err, sizeof s->err, "no document with id %s", id);
            return TH_EEMPTY;
        }
        return db_err(s, "show");
    }
    if (sqlite3_prepare_v2(s->db,
                           "SELECT cid, parent, depth, author, date, text,"
                           " votes, repeated FROM comments WHERE doc = ?1"
                           " ORDER BY idx",
                           -1, &c, NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return db_err(s, "show");
    }
    sqlite3_bind_int64(c, 1, sqlite3_column_int64(q, 0));
    th_buf b;
    th__buf_init(&b, 0);
    if (json) {
        th__buf_puts(&b, "{\"id\":");
        json_id(&b, q, 1);
        th__buf_puts(&b, ",\"url\":");
        json_col(&b, q, 2);
        th__buf_puts(&b, ",\"date\":");
        json_col(&b, q, 3);
        th__buf_puts(&b, ",\"title\":");
        json_col(&b, q, 4);
        th__buf_puts(&b, ",\"text\":");
        json_col(&b, q, 5);
        th__buf_puts(&b, ",\"comments\":[");
        int n = 0;
        while (sqlite3_step(c) == SQLITE_ROW) {
            th__buf_puts(&b, n++ ? ",{\"id\":" : "{\"id\":");
            json_col(&b, c, 0);
            th__buf_puts(&b, ",\"parent\":");
            if (sqlite3_column_type(c, 1) == SQLITE_NULL)
                th__buf_puts(&b, "null");
            else
                th__buf_printf(&b, "%lld", (long long)sqlite3_column_int64(c, 1));
            th__buf_printf(&b, ",\"depth\":%d,\"author\":",
                           sqlite3_column_int(c, 2));
            json_col(&b, c, 3);
            th__buf_puts(&b, ",\"date\":");
            json_col(&b, c, 4);
            th__buf_puts(&b, ",\"text\":");
            json_col(&b, c, 5);
            th__buf_puts(&b, ",\"votes\":");
            if (sqlite3_column_type(c, 6) == SQLITE_NULL)
                th__buf_puts(&b, "null");
            else
                th__buf_printf(&b, "%lld", (long long)sqlite3_column_int64(c, 6));
            th__buf_printf(&b, ",\"repeated\":%s}",
                           sqlite3_column_int(c, 7) ? "true" : "false");
        }
        th__buf_puts(&b, "],\"metadata\":");
        const char *m = col(q, 6);
        th__buf_puts(&b, *m ? m : "{}");
        th__buf_puts(&b, ",\"signals\":");
        m = col(q, 7);
        th__buf_puts(&b, *m ? m : "{}");
        th__buf_puts(&b, ",\"cluster\":");
        json_id(&b, q, 8);
        th__buf_printf(&b, ",\"canonical\":%s}\n",
                       sqlite3_column_int(q, 9) ? "true" : "false");
    } else {
        char h1[17], h2[17];
        th__buf_printf(&b, "%s\n", *col(q, 4) ? col(q, 4) : "(no title)");
        th__buf_printf(&b, "%s%s%s%s%s\n", col(q, 10),
                       *col(q, 10) && *col(q, 3) ? " | " : "", col(q, 3),
                       *col(q, 2) ? " | " : "", col(q, 2));
        th__buf_printf(&b, "id %s  cluster %s%s%s%s\n\n", hexcol(q, 1, h1),
                       hexcol(q, 8, h2),
                       sqlite3_column_int(q, 9) ? " (canonical)" : "",
                       *col(q, 11) ? "  duplicate: " : "", col(q, 11));
        th__buf_printf(&b, "%s\n", col(q, 5));
        int n = 0;
        while (sqlite3_step(c) == SQLITE_ROW) {
            if (n++ == 0)
                th__buf_puts(&b, "\n-- comments --\n");
            int depth = sqlite3_column_int(c, 2);
            if (depth < 0)
                depth = 0;
            if (depth > 20)
                depth = 20;
            int ind = 2 + depth * 4;
            th__buf_printf(&b, "\n%*s* %s", ind - 2, "",
                           *col(c, 3) ? col(c, 3) : "(anonymous)");
            if (*col(c, 4))
                th__buf_printf(&b, ", %s", col(c, 4));
            if (sqlite3_column_type(c, 6) != SQLITE_NULL)
                th__buf_printf(&b, " [%lld]", (long long)sqlite3_column_int64(c, 6));
            if (sqlite3_column_int(c, 7))
                th__buf_puts(&b, " (repeated elsewhere)");
            th__buf_putc(&b, '\n');
            indented(&b, col(c, 5), ind);
        }
    }
    sqlite3_finalize(c);
    sqlite3_finalize(q);
    if (b.err) {
        th_status st = (th_status)b.err;
        th__buf_cleanup(&b);
        return st;
    }
    *out = th__buf_take(&b, len);
    return *out ? TH_OK : TH_ENOMEM;
}
