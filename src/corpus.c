/*
 * corpus.c -- a corpus run (th_corpus_run): input readers, worker threads,
 * the ordering stage, deduplication verdicts and the JSON Lines / SQLite
 * writers.  Design and guarantees: docs/internals/corpus.md.
 *
 * Threads: one reader turns the inputs (WARC/WARC.gz, directories, JSON
 * Lines, "-") into jobs numbered in input order; N workers extract, hash
 * and render each job into the result slot of its number; the calling
 * thread takes results strictly in number order (a reorder window of W
 * slots), decides duplicates, writes, and reports progress.  The reader
 * never runs more than W jobs ahead of the writer, so memory is bounded by
 * W records whatever the input size.  Verdicts are made in input order
 * only, so the output is the same for any number of workers.
 */
#define _GNU_SOURCE /* fopencookie: JSON Lines .gz read through zlib */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "clock.h"
#include "corpus_json.h"
#include "dedup.h"
#include "doc.h"
#include "mem.h"
#include "signals.h"
#include "store.h"
#include "thresh.h"
#include "utf8.h"
#include "warc.h"
#include "write.h"

static const char *const g_skip_names[TH_SKIP_COUNT] = {
    "too_big",     "gzip",     "warc_header", "bad_http",
    "http_status", "not_html", "invalid_utf8", "bad_json",
    "empty",       "extract",  "io"};

const char *th_skip_reason_name(int reason)
{
    if (reason >= 0 && reason < TH_SKIP_COUNT)
        return g_skip_names[reason];
    return "unknown";
}

void th_corpus_options_init(th_corpus_options *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->minhash_bands = 14;
    o->minhash_rows = 8;
    o->near_threshold = 0.75;
    o->max_record_bytes = (size_t)32 << 20;
    o->batch = 10000;
    o->progress_interval = 0.5;
    th_options_init(&o->extract);
}

/* ------------------------------------------------------ small tools ---- */

/* A set of 64-bit keys (0 is mapped to 1). */
typedef struct idset {
    uint64_t *k;
    size_t cap, n;
} idset;

static int set_add(idset *s, uint64_t key)
{
    key = key ? key : 1;
    if ((s->n + 1) * 10 > s->cap * 7) {
        size_t ncap = s->cap ? s->cap * 2 : 1024;
        uint64_t *nk = th__calloc(ncap, sizeof *nk);
        if (!nk)
            return -1;
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->k[i])
                continue;
            size_t j = (size_t)s->k[i] & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = s->k[i];
        }
        th__free(s->k);
        s->k = nk;
        s->cap = ncap;
    }
    size_t j = (size_t)key & (s->cap - 1);
    while (s->k[j]) {
        if (s->k[j] == key)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->k[j] = key;
    s->n++;
    return 1;
}

static bool set_has(const idset *s, uint64_t key)
{
    key = key ? key : 1;
    if (!s->cap)
        return false;
    for (size_t j = (size_t)key & (s->cap - 1);; j = (j + 1) & (s->cap - 1)) {
        if (!s->k[j])
            return false;
        if (s->k[j] == key)
            return true;
    }
}

static double now_sec(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t id_of(const char *source)
{
    return th__hash64nz(source, strlen(source), 0x1d);
}

/* "2024-03-01T12:30:00" -> 20240301123000; absent/unparsable: INT64_MAX
 * (undated documents sort after dated ones). */
static int64_t date_key(const char *d)
{
    if (!d)
        return INT64_MAX;
    int64_t v = 0;
    int digits = 0;
    for (const char *p = d; *p && digits < 14; p++) {
        if (*p >= '0' && *p <= '9') {
            v = v * 10 + (*p - '0');
            digits++;
        } else if (*p == '-' || *p == ':' || *p == 'T' || *p == ' ') {
            continue;
        } else {
            break;
        }
    }
    if (digits < 4)
        return INT64_MAX;
    while (digits < 14) {
        v *= 10;
        digits++;
    }
    return v;
}

/* ---------------------------------------------------------- the run ---- */

typedef struct job {
    char *data; /* payload (heap) */
    size_t len;
    char *source;   /* record identity */
    char *url;      /* WARC target / JSON url, or NULL */
    char *date;     /* JSON date, or NULL */
    char *meta;     /* extra metadata members, JSON text without braces */
    char charset[48];
    th_input_kind kind;
} job;

typedef struct slot {
    bool ready;
    int skip;          /* -1 or a th_skip_reason */
    uint64_t seq;
    th_doc *doc;
    char *source;
    uint64_t idhash;
    th_buf head;       /* JSON record up to the cluster fields */
    th_buf text;       /* article text */
    th_buf meta;       /* metadata JSON */
    th_buf signals;    /* signals JSON */
    th_buf ctext;      /* comment texts joined (FTS) */
    const char *lang;
    char *url, *date;  /* effective url/date (heap) */
    char site[256];
    uint64_t text_hash;
    bool has_mh;
    uint64_t *bandkeys;
    uint8_t *bbit;
    size_t ncomments;
    uint64_t *chash;    /* per comment: normalised hash or 0 */
    size_t *crep_off;   /* per comment: offset of "false" in head */
    bool *crep;         /* per comment: repeated verdict */
    size_t canon_cap;
} slot;

typedef struct run {
    const th_corpus_options *o;
    const char *const *inputs;
    size_t ninputs;
    unsigned nh; /* bands * rows */
    bool json;   /* JSON Lines output: workers render the record */

    pthread_mutex_t mu;
    pthread_cond_t cv_job, cv_space, cv_done;
    job *jobs;          /* ring of W */
    size_t jhead, jcount;
    uint64_t next_seq;  /* next job number the reader hands out */
    uint64_t next_take; /* next job number a worker takes */
    uint64_t next_write;
    bool reader_done, stop;
    slot *slots;        /* W */
    size_t W;

    idset stored;       /* resume: ids already in the store */
    th_corpus_stats st; /* guarded by mu (reader fields) */
    uint64_t bytes_done; /* bytes of finished inputs */
} run;

/* ------------------------------------------------------------ reader --- */

static void free_job(job *j)
{
    th__free(j->data);
    th__free(j->source);
    th__free(j->url);
    th__free(j->date);
    th__free(j->meta);
    memset(j, 0, sizeof *j);
}

static void count_skip(run *r, int reason)
{
    pthread_mutex_lock(&r->mu);
    r->st.records++;
    r->st.skipped[reason]++;
    pthread_mutex_unlock(&r->mu);
}

static void set_progress(run *r, uint64_t consumed)
{
    pthread_mutex_lock(&r->mu);
    r->st.bytes_read = r->bytes_done + consumed;
    pthread_mutex_unlock(&r->mu);
}

/* Hands a job to the workers (takes ownership of its fields).  Records
 * already stored are dropped here.  Returns false when the run stops. */
static bool submit(run *r, job *j)
{
    uint64_t id = id_of(j->source);
    pthread_mutex_lock(&r->mu);
    r->st.records++;
    if (set_has(&r->stored, id)) {
        r->st.resumed++;
        pthread_mutex_unlock(&r->mu);
        free_job(j);
        return true;
    }
    while (!r->stop && r->next_seq - r->next_write >= r->W)
        pthread_cond_wait(&r->cv_space, &r->mu);
    if (r->stop) {
        pthread_mutex_unlock(&r->mu);
        free_job(j);
        return false;
    }
    r->jobs[(r->jhead + r->jcount) % r->W] = *j;
    r->jcount++;
    r->next_seq++;
    pthread_cond_signal(&r->cv_job);
    pthread_mutex_unlock(&r->mu);
    memset(j, 0, sizeof *j);
    return true;
}

static bool stopped(run *r)
{
    pthread_mutex_lock(&r->mu);
    bool s = r->stop;
    pthread_mutex_unlock(&r->mu);
    return s;
}

static char *dup_str(const char *s)
{
    return s ? th__strndup(s, strlen(s)) : NULL;
}

static char *source_at(const char *input, uint64_t off)
{
    char tmp[64];
    snprintf(tmp, sizeof tmp, "@%llu", (unsigned long long)off);
    size_t a = strlen(input), b = strlen(tmp);
    char *p = th__malloc(a + b + 1);
    if (p) {
        memcpy(p, input, a);
        memcpy(p + a, tmp, b + 1);
    }
    return p;
}

/* Too many invalid sequences for a page that says it is UTF-8: a few
 * stray bytes are repaired by the extractor, a mostly-invalid page is
 * mislabelled or binary. */
static bool bad_utf8(const char *s, size_t n)
{
    /* Nearly every page is valid: checked sixteen bytes a step; only an
     * invalid one has its bad sequences counted byte by byte. */
    if (th__utf8_valid(s, n))
        return false;
    size_t bad = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = th__utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && c == 0xEF))
            bad++;
        i += k;
    }
    return bad > 16 && bad * 200 > n;
}

static void json_member(th_buf *b, const char *key, const char *val)
{
    if (!val)
        return;
    if (b->len)
        th__buf_putc(b, ',');
    th__json_str(b, key, strlen(key));
    th__buf_putc(b, ':');
    th__json_str(b, val, strlen(val));
}

static bool read_warc(run *r, FILE *f, const char *input)
{
    th_warc *w = th__warc_new(f, r->o->max_record_bytes);
    if (!w) {
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    th_buf body;
    th__buf_init(&body, r->o->max_record_bytes);
    bool ok = true;
    for (;;) {
        if (stopped(r)) {
            ok = false;
            break;
        }
        th_warc_record rec;
        int reason;
        th_warc_result res = th__warc_next(w, &rec, &reason);
        set_progress(r, th__warc_consumed(w));
        if (res == TH_WARC_END)
            break;
        if (res == TH_WARC_IOERR) {
            count_skip(r, TH_SKIP_IO);
            break;
        }
        if (res == TH_WARC_SKIP) {
            count_skip(r, reason);
            continue;
        }
        bool resp = strcmp(rec.type, "response") == 0;
        /* Resource records hold pages only when they have a web address:
         * crawlers also store their logs and arguments as resources
         * (metadata://..., text/plain). */
        bool resource = strcmp(rec.type, "resource") == 0 && rec.target_uri &&
                        (strncmp(rec.target_uri, "http://", 7) == 0 ||
                         strncmp(rec.target_uri, "https://", 8) == 0);
        if (!resp && !resource) {
            pthread_mutex_lock(&r->mu);
            r->st.other++;
            pthread_mutex_unlock(&r->mu);
            continue;
        }
        job j;
        memset(&j, 0, sizeof j);
        const char *payload;
        size_t plen;
        th_buf extra;
        th__buf_init(&extra, 0);
        if (resp) {
            th_http h;
            int rc = th__http_parse(rec.block, rec.block_len, &body, &h);
            if (rc) {
                count_skip(r, rc);
                continue;
            }
            if (h.status < 200 || h.status > 299) {
                count_skip(r, TH_SKIP_HTTP_STATUS);
                continue;
            }
            if (!th__http_is_html(h.mime)) {
                count_skip(r, TH_SKIP_NOT_HTML);
                continue;
            }
            payload = h.body;
            plen = h.body_len;
            snprintf(j.charset, sizeof j.charset, "%s", h.charset);
            j.kind = TH_INPUT_HTML;
            th__buf_printf(&extra, "\"http_status\":%d", h.status);
            json_member(&extra, "content_type", h.mime[0] ? h.mime : NULL);
        } else {
            th_http h;
            memset(&h, 0, sizeof h);
            /* A resource record: the block is the page; its type is the
             * record's Content-Type. */
            const char *ct = rec.content_type ? rec.content_type : "";
            size_t k = 0;
            while (ct[k] && ct[k] != ';' && ct[k] != ' ' && k + 1 < sizeof h.mime) {
                char c = ct[k];
                h.mime[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            h.mime[k] = '\0';
            if (!th__http_is_html(h.mime) && strcmp(h.mime, "text/plain") != 0) {
                count_skip(r, TH_SKIP_NOT_HTML);
                continue;
            }
            const char *cs = strstr(ct, "charset=");
            if (cs)
                snprintf(j.charset, sizeof j.charset, "%.*s",
                         (int)strcspn(cs + 8, "; \""), cs + 8);
            payload = rec.block;
            plen = rec.block_len;
            j.kind = strcmp(h.mime, "text/plain") == 0 ? TH_INPUT_TEXT
                                                       : TH_INPUT_HTML;
        }
        bool utf8 = strcmp(j.charset, "utf-8") == 0 ||
                    strcmp(j.charset, "utf8") == 0;
        if (utf8 && bad_utf8(payload, plen)) {
            th__buf_cleanup(&extra);
            count_skip(r, TH_SKIP_INVALID_UTF8);
            continue;
        }
        json_member(&extra, "warc_record_id", rec.record_id);
        json_member(&extra, "warc_date", rec.date);
        j.data = th__strndup(payload, plen);
        j.len = plen;
        j.source = rec.record_id ? dup_str(rec.record_id)
                                 : source_at(input, rec.offset);
        j.url = dup_str(rec.target_uri);
        j.meta = extra.data ? th__buf_take(&extra, NULL) : NULL;
        th__buf_cleanup(&extra);
        if (!j.data || !j.source) {
            free_job(&j);
            count_skip(r, TH_SKIP_IO);
            continue;
        }
        if (!submit(r, &j)) {
            ok = false;
            break;
        }
    }
    th__buf_cleanup(&body);
    th__warc_free(w);
    return ok;
}

/* Reads one line into b (capped).  Returns 1 line, 0 end, 2 too long (the
 * rest of the line is consumed). */
static int read_line(FILE *f, th_buf *b, uint64_t *off)
{
    th__buf_clear(b);
    int c;
    bool over = false;
    bool any = false;
    while ((c = getc_unlocked(f)) != EOF) {
        any = true;
        (*off)++;
        if (c == '\n')
            break;
        if (!over && th__buf_putc(b, (char)c) != TH_OK)
            over = true;
    }
    if (!any)
        return 0;
    return over ? 2 : 1;
}

static bool read_jsonl(run *r, FILE *f, const char *input)
{
    static const char *const keys[] = {"html", "text", "url", "date", "id",
                                       "title"};
    enum { K_HTML, K_TEXT, K_URL, K_DATE, K_ID, K_TITLE, NK };
    th_buf line, vals[NK];
    bool found[NK];
    th__buf_init(&line, r->o->max_record_bytes);
    for (int k = 0; k < NK; k++)
        th__buf_init(&vals[k], k <= K_TEXT ? r->o->max_record_bytes : 65536);
    uint64_t off = 0;
    bool ok = true;
    for (;;) {
        if (stopped(r)) {
            ok = false;
            break;
        }
        uint64_t start = off;
        int rc = read_line(f, &line, &off);
        set_progress(r, off);
        if (rc == 0)
            break;
        if (rc == 2) {
            count_skip(r, TH_SKIP_TOO_BIG);
            continue;
        }
        size_t n = line.len;
        while (n && (line.data[n - 1] == '\r' || th__is_space((unsigned char)line.data[n - 1])))
            n--;
        if (n == 0)
            continue; /* blank line */
        if (!th__utf8_valid(line.data, n)) {
            count_skip(r, TH_SKIP_INVALID_UTF8);
            continue;
        }
        if (th__json_fields(line.data, n, keys, NK, vals, found) ||
            (!found[K_HTML] && !found[K_TEXT])) {
            count_skip(r, TH_SKIP_BAD_JSON);
            continue;
        }
        job j;
        memset(&j, 0, sizeof j);
        int which = found[K_HTML] ? K_HTML : K_TEXT;
        j.kind = which == K_HTML ? TH_INPUT_HTML : TH_INPUT_TEXT;
        j.len = vals[which].len;
        j.data = th__strndup(vals[which].data ? vals[which].data : "", j.len);
        snprintf(j.charset, sizeof j.charset, "utf-8");
        j.source = source_at(input, start);
        if (found[K_URL])
            j.url = dup_str(vals[K_URL].data);
        if (found[K_DATE])
            j.date = dup_str(vals[K_DATE].data);
        th_buf extra;
        th__buf_init(&extra, 0);
        json_member(&extra, "input_id", found[K_ID] ? vals[K_ID].data : NULL);
        json_member(&extra, "input_title",
                    found[K_TITLE] ? vals[K_TITLE].data : NULL);
        j.meta = extra.data ? th__buf_take(&extra, NULL) : NULL;
        th__buf_cleanup(&extra);
        if (!j.data || !j.source) {
            free_job(&j);
            count_skip(r, TH_SKIP_IO);
            continue;
        }
        if (!submit(r, &j)) {
            ok = false;
            break;
        }
    }
    th__buf_cleanup(&line);
    for (int k = 0; k < NK; k++)
        th__buf_cleanup(&vals[k]);
    return ok;
}

/* One page from a stream already opened (the sniffed bytes first). */
static bool read_page(run *r, FILE *f, const char *pre, size_t npre,
                      const char *source, th_input_kind kind)
{
    th_buf b;
    th__buf_init(&b, r->o->max_record_bytes);
    th__buf_append(&b, pre, npre);
    char tmp[65536];
    size_t got;
    bool over = false;
    while ((got = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (!over && th__buf_append(&b, tmp, got) != TH_OK)
            over = true;
    if (over) {
        th__buf_cleanup(&b);
        count_skip(r, TH_SKIP_TOO_BIG);
        return true;
    }
    job j;
    memset(&j, 0, sizeof j);
    j.len = b.len;
    j.data = th__buf_take(&b, NULL);
    if (!j.data)
        j.data = th__strndup("", 0);
    j.source = dup_str(source);
    j.kind = kind;
    th__buf_cleanup(&b);
    if (!j.data || !j.source) {
        free_job(&j);
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    return submit(r, &j);
}

/* Whether name is something followed by suf, ASCII case ignored. */
static bool ends_ci(const char *name, const char *suf)
{
    size_t n = strlen(name), e = strlen(suf);
    return n > e && strcasecmp(name + n - e, suf) == 0;
}

/* The extension of a page file, a trailing ".gz" skipped (a crawler's
 * page.html.gz: th_extract inflates it), or NULL. */
static const char *page_ext(const char *name)
{
    size_t n = strlen(name);
    if (ends_ci(name, ".gz"))
        n -= 3;
    size_t d = n;
    while (d > 0 && name[d - 1] != '.' && name[d - 1] != '/')
        d--;
    if (d == 0 || name[d - 1] != '.')
        return NULL;
    static const char *const exts[] = {"html", "htm", "xhtml", "txt"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
        if (n - d == strlen(exts[i]) && strncasecmp(name + d, exts[i], n - d) == 0)
            return exts[i];
    return NULL;
}

static bool has_page_ext(const char *name) { return page_ext(name) != NULL; }

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool read_path(run *r, const char *path, int depth);

static bool read_dir(run *r, const char *path, int depth)
{
    if (depth > 32)
        return true;
    DIR *d = opendir(path);
    if (!d) {
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            char **nn = th__realloc(names, nc * sizeof *nn);
            if (!nn)
                break;
            names = nn;
            cap = nc;
        }
        names[n] = dup_str(e->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    bool ok = true;
    size_t plen = strlen(path);
    for (size_t i = 0; i < n && ok; i++) {
        size_t len = plen + strlen(names[i]) + 2;
        char *full = th__malloc(len);
        if (!full)
            continue;
        snprintf(full, len, "%s%s%s", path,
                 plen && path[plen - 1] == '/' ? "" : "/", names[i]);
        struct stat sb;
        if (stat(full, &sb) == 0) {
            if (S_ISDIR(sb.st_mode))
                ok = read_dir(r, full, depth + 1);
            else if (S_ISREG(sb.st_mode) && has_page_ext(names[i]))
                ok = read_path(r, full, depth);
        }
        th__free(full);
    }
    for (size_t i = 0; i < n; i++)
        th__free(names[i]);
    th__free(names);
    return ok;
}

/* JSON Lines compressed as a whole (data.jsonl.gz, the usual shape of a
 * dataset dump): the line reader reads through zlib via a cookie stream. */
typedef struct gz_cookie {
    gzFile g;
    bool err;
} gz_cookie;

static ssize_t gz_cookie_read(void *c, char *buf, size_t n)
{
    gz_cookie *z = c;
    int got = gzread(z->g, buf, n > (1u << 30) ? (1u << 30) : (unsigned)n);
    int zerr = Z_OK;
    if (got < 0 || (got == 0 && (gzerror(z->g, &zerr), zerr != Z_OK))) {
        z->err = true; /* cut short or damaged: what came before is kept */
        return -1;
    }
    return got;
}

static bool jsonl_gz_name(const char *name)
{
    return ends_ci(name, ".jsonl.gz") || ends_ci(name, ".ndjson.gz") ||
           ends_ci(name, ".json.gz");
}

static bool read_jsonl_gz(run *r, FILE *f, const char *input)
{
    int fd = fseeko(f, 0, SEEK_SET) == 0 ? dup(fileno(f)) : -1;
    gz_cookie z = {fd >= 0 ? gzdopen(fd, "rb") : NULL, false};
    if (!z.g) {
        if (fd >= 0)
            close(fd);
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    cookie_io_functions_t io = {gz_cookie_read, NULL, NULL, NULL};
    FILE *zf = fopencookie(&z, "r", io);
    if (!zf) {
        gzclose(z.g);
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    bool ok = read_jsonl(r, zf, input);
    fclose(zf);
    gzclose(z.g);
    if (z.err)
        count_skip(r, TH_SKIP_GZIP);
    return ok;
}

/* Sniffs a stream and reads it as WARC, JSON Lines or one page. */
static bool read_stream(run *r, FILE *f, const char *input, bool is_txt,
                        bool is_page)
{
    char pre[16];
    size_t n = fread(pre, 1, sizeof pre, f);
    /* gzip is a WARC.gz unless the file is named as a page (page.html.gz) */
    bool gz = n >= 2 && (unsigned char)pre[0] == 0x1f &&
              (unsigned char)pre[1] == 0x8b && !is_page;
    bool warc = n >= 5 && memcmp(pre, "WARC/", 5) == 0;
    size_t i = 0;
    while (i < n && th__is_space((unsigned char)pre[i]))
        i++;
    bool jsonl = i < n && pre[i] == '{';
    if (gz && jsonl_gz_name(input))
        return read_jsonl_gz(r, f, input);
    if (gz || warc || jsonl) {
        /* The WARC reader and the line reader need the stream from its
         * start: rewind files; for pipes, push the bytes back through a
         * small memory stream chained with the rest. */
        if (fseeko(f, 0, SEEK_SET) != 0) {
            /* Not seekable (stdin): copy the rest to a temporary file. */
            FILE *t = tmpfile();
            if (!t) {
                count_skip(r, TH_SKIP_IO);
                return true;
            }
            fwrite(pre, 1, n, t);
            char buf[65536];
            size_t got;
            while ((got = fread(buf, 1, sizeof buf, f)) > 0)
                fwrite(buf, 1, got, t);
            rewind(t);
            bool ok = gz || warc ? read_warc(r, t, input)
                                 : read_jsonl(r, t, input);
            fclose(t);
            return ok;
        }
        return gz || warc ? read_warc(r, f, input) : read_jsonl(r, f, input);
    }
    return read_page(r, f, pre, n, input,
                     is_txt ? TH_INPUT_TEXT : r->o->extract.kind);
}

static bool read_path(run *r, const char *path, int depth)
{
    if (strcmp(path, "-") == 0)
        return read_stream(r, stdin, "-", false, false);
    struct stat sb;
    if (stat(path, &sb) != 0) {
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    if (S_ISDIR(sb.st_mode))
        return read_dir(r, path, depth + 1);
    FILE *f = fopen(path, "rb");
    if (!f) {
        count_skip(r, TH_SKIP_IO);
        return true;
    }
    const char *ext = page_ext(path);
    bool txt = ext && strcmp(ext, "txt") == 0;
    bool gzpage = ext && ends_ci(path, ".gz");
    bool ok = read_stream(r, f, path, txt, gzpage);
    fclose(f);
    pthread_mutex_lock(&r->mu);
    r->bytes_done += (uint64_t)sb.st_size;
    r->st.bytes_read = r->bytes_done;
    pthread_mutex_unlock(&r->mu);
    return ok;
}

static void *reader_main(void *arg)
{
    run *r = arg;
    for (size_t i = 0; i < r->ninputs; i++)
        if (!read_path(r, r->inputs[i], 0))
            break;
    double cpu = r->o->timings ? th__thread_cpu() : 0;
    pthread_mutex_lock(&r->mu);
    r->st.cpu.read = cpu;
    r->reader_done = true;
    pthread_cond_broadcast(&r->cv_job);
    pthread_cond_broadcast(&r->cv_done);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* ----------------------------------------------------------- workers --- */

static void site_of(const char *url, char *out, size_t cap)
{
    out[0] = '\0';
    if (!url)
        return;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    const char *at = NULL;
    for (const char *q = p; *q && *q != '/' && *q != '?' && *q != '#'; q++)
        if (*q == '@')
            at = q;
    if (at)
        p = at + 1;
    if (strncasecmp(p, "www.", 4) == 0)
        p += 4;
    size_t k = 0;
    for (; p[k] && p[k] != '/' && p[k] != ':' && p[k] != '?' && p[k] != '#' &&
           k + 1 < cap;
         k++)
        out[k] = (char)(p[k] >= 'A' && p[k] <= 'Z' ? p[k] + 32 : p[k]);
    out[k] = '\0';
}

static void jstr_or_null(th_buf *b, const char *s)
{
    if (s)
        th__json_str(b, s, strlen(s));
    else
        th__buf_puts(b, "null");
}

/* ,"key":"val" -- nothing when val is NULL (metadata carries only what
 * the page gave). */
static void meta_str(th_buf *b, const char *key, const char *val)
{
    if (!val)
        return;
    th__buf_printf(b, ",\"%s\":", key);
    th__json_str(b, val, strlen(val));
}

static void render_meta(slot *s, const th_doc *doc, const job *j)
{
    th_buf *b = &s->meta;
    th__buf_puts(b, "{\"source\":");
    jstr_or_null(b, s->source);
    meta_str(b, "site", s->site[0] ? s->site : NULL);
    meta_str(b, "site_name", doc->site);
    meta_str(b, "canonical_url", doc->url);
    meta_str(b, "byline", doc->byline);
    if (doc->nauthors) {
        th__buf_puts(b, ",\"authors\":[");
        for (size_t i = 0; i < doc->nauthors; i++) {
            if (i)
                th__buf_putc(b, ',');
            jstr_or_null(b, doc->authors[i]);
        }
        th__buf_putc(b, ']');
    }
    meta_str(b, "lang", doc->lang);
    meta_str(b, "description", doc->description);
    meta_str(b, "image", doc->image);
    meta_str(b, "modified", doc->modified);
    meta_str(b, "page_date", doc->date);
    if (doc->ncaptions) {
        th__buf_puts(b, ",\"captions\":[");
        for (size_t i = 0; i < doc->ncaptions; i++) {
            if (i)
                th__buf_putc(b, ',');
            jstr_or_null(b, doc->captions[i]);
        }
        th__buf_putc(b, ']');
    }
    if (doc->nrelated) {
        th__buf_puts(b, ",\"related\":[");
        for (size_t i = 0; i < doc->nrelated; i++) {
            th__buf_puts(b, i ? ",{\"text\":" : "{\"text\":");
            jstr_or_null(b, doc->related[i].text);
            th__buf_puts(b, ",\"url\":");
            jstr_or_null(b, doc->related[i].url);
            th__buf_putc(b, '}');
        }
        th__buf_putc(b, ']');
    }
    th__buf_printf(b, ",\"input_kind\":\"%s\"",
                   doc->kind == TH_INPUT_TEXT ? "text" : "html");
    meta_str(b, "charset", doc->charset);
    if (j->meta) {
        th__buf_putc(b, ',');
        th__buf_puts(b, j->meta);
    }
    th__buf_putc(b, '}');
}

static void reset_slot(slot *s)
{
    th_doc_free(s->doc);
    s->doc = NULL;
    th__free(s->source);
    th__free(s->url);
    th__free(s->date);
    s->source = s->url = s->date = NULL;
    th__buf_clear(&s->head);
    th__buf_clear(&s->text);
    th__buf_clear(&s->meta);
    th__buf_clear(&s->signals);
    th__buf_clear(&s->ctext);
    s->ncomments = 0;
    s->has_mh = false;
    s->skip = -1;
    s->lang = NULL;
    s->site[0] = '\0';
}

/* After a slot is written: buffers grown by a big record are released, so
 * that the W slots do not each keep the largest record they ever held
 * (memory stays near W typical records, not W largest ones). */
static void trim_slot(slot *s)
{
    th_buf *bs[] = {&s->head, &s->text, &s->meta, &s->signals, &s->ctext};
    for (size_t i = 0; i < sizeof bs / sizeof *bs; i++)
        if (bs[i]->cap > ((size_t)256 << 10)) {
            th__buf_cleanup(bs[i]);
            th__buf_init(bs[i], 0);
        }
}

static int grow_comments(slot *s, size_t n)
{
    if (n <= s->canon_cap)
        return 0;
    size_t nc = n < 16 ? 16 : n;
    uint64_t *h = th__realloc(s->chash, nc * sizeof *h);
    if (!h)
        return -1;
    s->chash = h;
    size_t *o = th__realloc(s->crep_off, nc * sizeof *o);
    if (!o)
        return -1;
    s->crep_off = o;
    bool *rp = th__realloc(s->crep, nc * sizeof *rp);
    if (!rp)
        return -1;
    s->crep = rp;
    s->canon_cap = nc;
    return 0;
}

/* A worker's CPU seconds by stage (timings). */
typedef struct wtimes {
    double extract, signals, fields;
} wtimes;

/* t0: the thread's CPU clock when the record began (timings only). */
static void process_doc(run *r, job *j, slot *s, th_buf *norm, wtimes *tm,
                        double t0)
{
    const th_corpus_options *o = r->o;
    th_options opts = o->extract;
    opts.kind = j->kind;
    opts.url = j->url;
    opts.charset = j->charset[0] ? j->charset : NULL;
    if (!opts.max_bytes || opts.max_bytes > o->max_record_bytes)
        opts.max_bytes = o->max_record_bytes;
    th_doc *doc = NULL;
    th_status st = th_extract(j->data ? j->data : "", j->len, &opts, &doc);
    if (tm)
        tm->extract += th__thread_cpu() - t0;
    s->source = j->source;
    j->source = NULL;
    s->idhash = id_of(s->source);
    if (st) {
        /* EPARSE: binary data (an image, a PDF) or gzip that gives nothing */
        s->skip = st == TH_ETOOBIG  ? TH_SKIP_TOO_BIG
                  : st == TH_EPARSE ? TH_SKIP_NOT_HTML
                                    : TH_SKIP_EXTRACT;
        return;
    }
    s->doc = doc;
    for (size_t i = 0; i < doc->nblocks; i++) {
        if (i)
            th__buf_puts(&s->text, "\n\n");
        th__buf_append(&s->text, doc->blocks[i].text, doc->blocks[i].len);
    }
    if (!s->text.data)
        th__buf_puts(&s->text, "");
    if (s->text.len == 0 && doc->ncomments == 0) {
        s->skip = TH_SKIP_EMPTY;
        return;
    }
    /* Dedup fingerprints of the article text. */
    th__buf_clear(norm);
    th__dedup_normalize(s->text.data, s->text.len, norm);
    s->text_hash = th__hash64nz(norm->data ? norm->data : "", norm->len, 0xe7);
    uint32_t mins[TH_DEDUP_MAX_HASHES];
    s->has_mh = norm->len &&
                th__minhash(norm->data, norm->len, o->minhash_bands,
                            o->minhash_rows, mins, s->bandkeys, s->bbit);
    /* Fields. */
    s->url = dup_str(j->url ? j->url : doc->url);
    s->date = dup_str(j->date ? j->date : doc->date);
    site_of(s->url, s->site, sizeof s->site);
    render_meta(s, doc, j);
    double t1 = tm ? th__thread_cpu() : 0;
    th__signals_render(&s->signals, doc, s->text.data, s->text.len, &s->lang);
    if (tm)
        tm->signals += th__thread_cpu() - t1;
    /* Comments: hashes for the repeated-comment table. */
    if (grow_comments(s, doc->ncomments)) {
        s->skip = TH_SKIP_EXTRACT;
        return;
    }
    s->ncomments = doc->ncomments;
    for (size_t i = 0; i < doc->ncomments; i++) {
        const char *t = doc->comments[i].text ? doc->comments[i].text : "";
        th__buf_clear(norm);
        size_t words = th__dedup_normalize(t, strlen(t), norm);
        /* Short comments ("Thanks!", "+1") repeat innocently. */
        s->chash[i] = words >= 6 && norm->len >= 24
                          ? th__hash64nz(norm->data, norm->len, 0xc0)
                          : 0;
        s->crep[i] = false;
        if (i)
            th__buf_putc(&s->ctext, '\n');
        th__buf_puts(&s->ctext, t);
    }
    if (!r->json) {
        /* The store takes the fields as they are: no JSON record. */
        if (s->text.err || s->meta.err || s->signals.err || s->ctext.err)
            s->skip = TH_SKIP_EXTRACT; /* out of memory on this record */
        return;
    }
    /* The JSON record up to the fields the ordering stage decides. */
    th_buf *b = &s->head;
    th__buf_printf(b, "{\"id\":\"%016llx\",\"url\":",
                   (unsigned long long)s->idhash);
    jstr_or_null(b, s->url);
    th__buf_puts(b, ",\"date\":");
    jstr_or_null(b, s->date);
    th__buf_puts(b, ",\"title\":");
    jstr_or_null(b, doc->title);
    th__buf_puts(b, ",\"text\":");
    th__json_str(b, s->text.data, s->text.len);
    th__buf_puts(b, ",\"comments\":[");
    for (size_t i = 0; i < doc->ncomments; i++) {
        const th_comment *c = &doc->comments[i];
        th__buf_puts(b, i ? ",{\"id\":" : "{\"id\":");
        jstr_or_null(b, c->id);
        if (c->parent >= 0)
            th__buf_printf(b, ",\"parent\":%ld", c->parent);
        else
            th__buf_puts(b, ",\"parent\":null");
        th__buf_printf(b, ",\"depth\":%d,\"author\":", c->depth);
        jstr_or_null(b, c->author);
        th__buf_puts(b, ",\"date\":");
        jstr_or_null(b, c->date);
        th__buf_puts(b, ",\"text\":");
        jstr_or_null(b, c->text);
        if (c->has_votes)
            th__buf_printf(b, ",\"votes\":%ld", c->votes);
        else
            th__buf_puts(b, ",\"votes\":null");
        th__buf_puts(b, ",\"repeated\":");
        s->crep_off[i] = b->len;
        th__buf_puts(b, "false}");
    }
    th__buf_puts(b, "],\"metadata\":");
    th__buf_append(b, s->meta.data, s->meta.len);
    th__buf_puts(b, ",\"signals\":");
    th__buf_append(b, s->signals.data, s->signals.len);
    if (b->err || s->text.err || s->meta.err || s->signals.err ||
        s->ctext.err)
        s->skip = TH_SKIP_EXTRACT; /* out of memory on this record */
}

/* One record; with tm, its CPU time by stage ("fields": all but the
 * extraction and the signals). */
static void process(run *r, job *j, slot *s, th_buf *norm, wtimes *tm)
{
    if (!tm) {
        process_doc(r, j, s, norm, NULL, 0);
        return;
    }
    double t0 = th__thread_cpu(), e = tm->extract, g = tm->signals;
    process_doc(r, j, s, norm, tm, t0);
    tm->fields += th__thread_cpu() - t0 - (tm->extract - e) -
                  (tm->signals - g);
}

static void *worker_main(void *arg)
{
    run *r = arg;
    th_buf norm;
    th__buf_init(&norm, 0);
    wtimes tm = {0, 0, 0};
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->stop && r->jcount == 0 && !r->reader_done)
            pthread_cond_wait(&r->cv_job, &r->mu);
        if (r->stop || (r->jcount == 0 && r->reader_done))
            break;
        job j = r->jobs[r->jhead];
        r->jhead = (r->jhead + 1) % r->W;
        r->jcount--;
        uint64_t seq = r->next_take++;
        slot *s = &r->slots[seq % r->W];
        pthread_mutex_unlock(&r->mu);
        /* The slot is ours: the writer freed it before the reader could
         * hand out this number (seq - next_write < W). */
        reset_slot(s);
        s->seq = seq;
        process(r, &j, s, &norm, r->o->timings ? &tm : NULL);
        free_job(&j);
        pthread_mutex_lock(&r->mu);
        s->ready = true;
        /* Wake the writer for a run of ready results, not for each one
         * (each wake-up is two context switches when the threads share a
         * core): when the result it waits for is ready and a few more
         * are, or nothing else is queued (this worker may sleep next). */
        const slot *nw = &r->slots[r->next_write % r->W];
        if (nw->ready && nw->seq == r->next_write &&
            (seq - r->next_write >= 7 || r->jcount == 0 || r->reader_done))
            pthread_cond_signal(&r->cv_done);
    }
    r->st.cpu.extract += tm.extract;
    r->st.cpu.signals += tm.signals;
    r->st.cpu.fields += tm.fields;
    pthread_mutex_unlock(&r->mu);
    th__buf_cleanup(&norm);
    return NULL;
}

/* ------------------------------------------------------------ writer --- */

typedef struct cstate {
    int64_t best_date;
    uint32_t best_len;
    uint32_t best_idx; /* doc index of the current canonical */
    uint32_t size;
} cstate;

typedef struct writer {
    run *r;
    th_dedup *dd;
    FILE *out;         /* JSON Lines, or NULL */
    bool seekable;
    uint64_t out_off;  /* bytes written */
    th_store *store;
    long long run_id;
    unsigned in_batch;
    /* Per doc index (dedup numbering). */
    uint64_t *ids;
    cstate *cs;        /* meaningful for cluster representatives */
    uint64_t *canon_off; /* JSONL: file offset of the record's canonical
                            value, UINT64_MAX when unknown */
    size_t cap;
    th_buf tail;
    uint8_t *mhblob;
    char err[256];
} writer;

static int grow_docs(writer *w, size_t n)
{
    if (n < w->cap)
        return 0;
    size_t nc = w->cap ? w->cap * 2 : 4096;
    uint64_t *ids = th__realloc(w->ids, nc * sizeof *ids);
    if (!ids)
        return -1;
    w->ids = ids;
    cstate *cs = th__realloc(w->cs, nc * sizeof *cs);
    if (!cs)
        return -1;
    w->cs = cs;
    if (w->out) {
        uint64_t *co = th__realloc(w->canon_off, nc * sizeof *co);
        if (!co)
            return -1;
        w->canon_off = co;
    }
    w->cap = nc;
    return 0;
}

/* Resume: reload the dedup index and cluster states from the store. */
typedef struct loadctx {
    writer *w;
    idset byid;       /* not used for lookup by index: see idx map */
    uint64_t *idkeys; /* open addressing id -> doc index */
    uint32_t *idvals;
    size_t cap;
} loadctx;

static uint32_t lc_find(const loadctx *c, uint64_t id)
{
    if (!c->cap)
        return UINT32_MAX;
    for (size_t j = (size_t)id & (c->cap - 1);; j = (j + 1) & (c->cap - 1)) {
        if (!c->idkeys[j])
            return UINT32_MAX;
        if (c->idkeys[j] == id)
            return c->idvals[j];
    }
}

static int lc_put(loadctx *c, uint64_t id, uint32_t v, size_t n)
{
    if ((n + 1) * 10 > c->cap * 7) {
        size_t nc = c->cap ? c->cap * 2 : 4096;
        uint64_t *k = th__calloc(nc, sizeof *k);
        uint32_t *vv = th__malloc(nc * sizeof *vv);
        if (!k || !vv) {
            th__free(k);
            th__free(vv);
            return -1;
        }
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->idkeys[i])
                continue;
            size_t j = (size_t)c->idkeys[i] & (nc - 1);
            while (k[j])
                j = (j + 1) & (nc - 1);
            k[j] = c->idkeys[i];
            vv[j] = c->idvals[i];
        }
        th__free(c->idkeys);
        th__free(c->idvals);
        c->idkeys = k;
        c->idvals = vv;
        c->cap = nc;
    }
    size_t j = (size_t)id & (c->cap - 1);
    while (c->idkeys[j])
        j = (j + 1) & (c->cap - 1);
    c->idkeys[j] = id;
    c->idvals[j] = v;
    return 0;
}

static int load_one(void *ud, uint64_t idh, uint64_t text_hash,
                    const void *mh, size_t mhl, uint64_t cluster,
                    const char *date, size_t text_len, bool canonical)
{
    loadctx *c = ud;
    writer *w = c->w;
    unsigned bands = w->r->o->minhash_bands;
    size_t want = bands * sizeof(uint64_t) + w->r->nh;
    const uint64_t *keys = NULL;
    const uint8_t *bbit = NULL;
    uint64_t kb[TH_DEDUP_MAX_HASHES];
    if (mh && mhl == want) {
        memcpy(kb, mh, bands * sizeof(uint64_t));
        keys = kb;
        bbit = (const uint8_t *)mh + bands * sizeof(uint64_t);
    }
    uint32_t cl = lc_find(c, cluster ? cluster : 1);
    uint32_t idx = th__dedup_restore(w->dd, text_hash, keys, bbit, cl);
    if (idx == UINT32_MAX || grow_docs(w, idx + 1) ||
        lc_put(c, idh ? idh : 1, idx, idx) ||
        set_add(&w->r->stored, idh) < 0)
        return -1;
    w->ids[idx] = idh;
    int64_t dk = date_key(date);
    uint32_t len = text_len > UINT32_MAX ? UINT32_MAX : (uint32_t)text_len;
    if (cl == UINT32_MAX) {
        w->cs[idx] = (cstate){dk, len, idx, 1};
    } else {
        cstate *s = &w->cs[cl];
        s->size++;
        if (canonical) {
            s->best_date = dk;
            s->best_len = len;
            s->best_idx = idx;
        }
    }
    return 0;
}

static void hex16(char out[17], uint64_t v)
{
    snprintf(out, 17, "%016llx", (unsigned long long)v);
}

/* Processes one result in order. */
static th_status consume(writer *w, slot *s)
{
    run *r = w->r;
    if (s->skip >= 0) {
        pthread_mutex_lock(&r->mu);
        r->st.skipped[s->skip]++;
        pthread_mutex_unlock(&r->mu);
        return TH_OK;
    }
    th_dup_verdict v;
    uint32_t idx = th__dedup_add(w->dd, s->text_hash,
                                 s->has_mh ? s->bandkeys : NULL,
                                 s->has_mh ? s->bbit : NULL, &v);
    if (idx == UINT32_MAX || grow_docs(w, (size_t)idx + 1))
        return TH_ENOMEM;
    w->ids[idx] = s->idhash;
    int64_t dk = date_key(s->date);
    uint32_t len = s->text.len > UINT32_MAX ? UINT32_MAX : (uint32_t)s->text.len;
    bool canonical = true;
    uint32_t old = UINT32_MAX;
    cstate *cs = &w->cs[v.cluster];
    if (v.kind == TH_DUP_NONE) {
        *cs = (cstate){dk, len, idx, 1};
    } else {
        cs->size++;
        if (dk < cs->best_date || (dk == cs->best_date && len > cs->best_len)) {
            old = cs->best_idx;
            cs->best_date = dk;
            cs->best_len = len;
            cs->best_idx = idx;
        } else {
            canonical = false;
        }
    }
    char cid[17], matchid[17];
    hex16(cid, w->ids[v.cluster]);
    uint64_t nrep = 0;
    for (size_t i = 0; i < s->ncomments; i++) {
        s->crep[i] = th__dedup_comment(w->dd, s->chash[i], idx);
        if (s->crep[i]) {
            if (w->out)
                memcpy(s->head.data + s->crep_off[i], "true ", 5);
            nrep++;
        }
    }
    th_status st = TH_OK;
    if (w->out) {
        th_buf *t = &w->tail;
        th__buf_clear(t);
        th__buf_printf(t, ",\"cluster\":\"%s\",\"canonical\":", cid);
        size_t coff = s->head.len + t->len;
        th__buf_puts(t, canonical ? "true " : "false");
        if (v.kind == TH_DUP_NONE) {
            th__buf_puts(t, ",\"duplicate\":null,\"duplicate_of\":null}\n");
        } else {
            hex16(matchid, w->ids[v.match]);
            th__buf_printf(t, ",\"duplicate\":\"%s\",\"duplicate_of\":\"%s\"}\n",
                           v.kind == TH_DUP_EXACT ? "exact" : "near", matchid);
        }
        if (t->err)
            return TH_ENOMEM;
        w->canon_off[idx] = w->out_off + coff;
        if (old != UINT32_MAX && w->seekable &&
            w->canon_off[old] != UINT64_MAX) {
            /* The earlier canonical copy loses the flag: same width. */
            if (fflush(w->out) != 0 ||
                pwrite(fileno(w->out), "false", 5,
                       (off_t)w->canon_off[old]) != 5)
                return TH_EIO;
        }
        if (fwrite(s->head.data, 1, s->head.len, w->out) != s->head.len ||
            fwrite(t->data, 1, t->len, w->out) != t->len)
            return TH_EIO;
        w->out_off += s->head.len + t->len;
    } else {
        /* SQLite. */
        th_store_comment cm[1];
        th_store_comment *cms = s->ncomments ? th__malloc(s->ncomments * sizeof *cms) : cm;
        if (!cms)
            return TH_ENOMEM;
        for (size_t i = 0; i < s->ncomments; i++) {
            const th_comment *c = &s->doc->comments[i];
            cms[i] = (th_store_comment){c->id, c->parent, c->depth, c->author,
                                        c->date, c->text, c->votes,
                                        c->has_votes, s->chash[i], s->crep[i]};
        }
        size_t kb = r->o->minhash_bands * sizeof(uint64_t);
        if (s->has_mh) {
            memcpy(w->mhblob, s->bandkeys, kb);
            memcpy(w->mhblob + kb, s->bbit, r->nh);
        }
        th_store_doc d = {
            .id = s->idhash, .source = s->source, .url = s->url, .site = s->site[0] ? s->site : NULL,
            .date = s->date, .title = s->doc->title, .lang = s->lang,
            .text = s->text.data, .text_len = s->text.len,
            .metadata = s->meta.data, .signals = s->signals.data,
            .cluster = w->ids[v.cluster], .canonical = canonical,
            .dup = v.kind == TH_DUP_EXACT ? "exact" : v.kind == TH_DUP_NEAR ? "near" : NULL,
            .text_hash = s->text_hash,
            .minhash = s->has_mh ? w->mhblob : NULL,
            .minhash_len = s->has_mh ? kb + r->nh : 0,
            .comments = cms, .ncomments = s->ncomments,
            .comments_text = s->ctext.data};
        st = th__store_add(w->store, &d, w->run_id);
        if (cms != cm)
            th__free(cms);
        if (st == TH_OK && v.kind != TH_DUP_NONE)
            st = th__store_set_canonical(
                w->store, w->ids[v.cluster],
                old != UINT32_MAX ? w->ids[old] : 0, w->ids[cs->best_idx],
                cs->size);
        if (st == TH_OK && ++w->in_batch >= (r->o->batch ? r->o->batch : 10000)) {
            st = th__store_commit(w->store);
            w->in_batch = 0;
        }
        if (st)
            return st;
    }
    pthread_mutex_lock(&r->mu);
    r->st.extracted++;
    if (v.kind == TH_DUP_EXACT)
        r->st.dup_exact++;
    else if (v.kind == TH_DUP_NEAR)
        r->st.dup_near++;
    r->st.repeated_comments += nrep;
    pthread_mutex_unlock(&r->mu);
    return TH_OK;
}

/* ------------------------------------------------------------- run ----- */

static bool ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static void snapshot(run *r, double t0, th_corpus_stats *out)
{
    pthread_mutex_lock(&r->mu);
    *out = r->st;
    pthread_mutex_unlock(&r->mu);
    out->seconds = now_sec() - t0;
}

th_status th_corpus_run(const th_corpus_options *o,
                        const char *const *inputs, size_t ninputs,
                        const char *out, th_corpus_stats *stats, char *err,
                        size_t errlen)
{
    th_corpus_options def;
    if (!o) {
        th_corpus_options_init(&def);
        o = &def;
    }
    if (err && errlen)
        err[0] = '\0';
    if (stats)
        memset(stats, 0, sizeof *stats);
    if (!inputs || !ninputs || !out || !o->minhash_bands || !o->minhash_rows ||
        o->minhash_bands * o->minhash_rows > TH_DEDUP_MAX_HASHES) {
        if (err)
            snprintf(err, errlen, "bad arguments (inputs, output or "
                                  "MinHash bands x rows <= %d)",
                     TH_DEDUP_MAX_HASHES);
        return TH_EINVAL;
    }
    double t0 = now_sec();
    run r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.inputs = inputs;
    r.ninputs = ninputs;
    r.nh = o->minhash_bands * o->minhash_rows;
    unsigned jobs = o->jobs;
    if (!jobs) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (unsigned)n : 1;
    }
    if (jobs > 256)
        jobs = 256;
    r.W = (size_t)jobs * 32 + 32;
    writer w;
    memset(&w, 0, sizeof w);
    w.r = &r;
    double wcpu = 0; /* the writer's consume() CPU seconds (timings) */
    th__buf_init(&w.tail, 0);
    th_status st = TH_OK;
    bool sqlite = o->format == TH_CORPUS_SQLITE ||
                  (o->format == TH_CORPUS_AUTO && ends_with(out, ".db"));
    r.json = !sqlite;
    r.jobs = th__calloc(r.W, sizeof *r.jobs);
    r.slots = th__calloc(r.W, sizeof *r.slots);
    w.dd = th__dedup_new(o->minhash_bands, o->minhash_rows, o->near_threshold);
    w.mhblob = th__malloc(o->minhash_bands * sizeof(uint64_t) + r.nh);
    if (!r.jobs || !r.slots || !w.dd || !w.mhblob) {
        st = TH_ENOMEM;
        goto cleanup_early;
    }
    for (size_t i = 0; i < r.W; i++) {
        slot *s = &r.slots[i];
        th__buf_init(&s->head, 0);
        th__buf_init(&s->text, 0);
        th__buf_init(&s->meta, 0);
        th__buf_init(&s->signals, 0);
        th__buf_init(&s->ctext, 0);
        s->bandkeys = th__malloc(o->minhash_bands * sizeof(uint64_t));
        s->bbit = th__malloc(r.nh);
        s->skip = -1;
        if (!s->bandkeys || !s->bbit) {
            st = TH_ENOMEM;
            goto cleanup_early;
        }
    }
    /* Total input size, for the ETA. */
    for (size_t i = 0; i < ninputs; i++) {
        struct stat sb;
        if (strcmp(inputs[i], "-") == 0 || stat(inputs[i], &sb) != 0 ||
            !S_ISREG(sb.st_mode)) {
            r.st.bytes_total = 0;
            break;
        }
        r.st.bytes_total += (uint64_t)sb.st_size;
    }
    /* The output. */
    if (sqlite) {
        char e[512];
        st = th__store_open_rw(out, &w.store, e, sizeof e);
        if (st) {
            if (err)
                snprintf(err, errlen, "%s: %s", out, e);
            goto cleanup_early;
        }
        loadctx lc;
        memset(&lc, 0, sizeof lc);
        lc.w = &w;
        st = th__store_each(w.store, load_one, &lc);
        th__free(lc.idkeys);
        th__free(lc.idvals);
        if (st) {
            if (err)
                snprintf(err, errlen, "%s: %s", out, th_store_errmsg(w.store));
            goto cleanup_early;
        }
        th_buf in;
        th__buf_init(&in, 0);
        for (size_t i = 0; i < ninputs; i++)
            th__buf_printf(&in, "%s%s", i ? " " : "", inputs[i]);
        w.run_id = th__store_run_begin(w.store, o->command, in.data ? in.data : "");
        th__buf_cleanup(&in);
    } else if (strcmp(out, "-") == 0) {
        w.out = stdout;
    } else {
        w.out = fopen(out, "wb");
        if (!w.out) {
            if (err)
                snprintf(err, errlen, "%s: %s", out, strerror(errno));
            st = TH_EIO;
            goto cleanup_early;
        }
    }
    if (w.out) {
        struct stat sb;
        w.seekable = fstat(fileno(w.out), &sb) == 0 && S_ISREG(sb.st_mode);
        w.out_off = w.seekable ? (uint64_t)ftello(w.out) : 0;
    }
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.cv_job, NULL);
    pthread_cond_init(&r.cv_space, NULL);
    pthread_cond_init(&r.cv_done, NULL);
    pthread_t reader, *workers = th__calloc(jobs, sizeof *workers);
    if (!workers) {
        st = TH_ENOMEM;
        goto cleanup_sync;
    }
    if (pthread_create(&reader, NULL, reader_main, &r) != 0) {
        th__free(workers);
        st = TH_ENOMEM;
        goto cleanup_sync;
    }
    unsigned started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&workers[started], NULL, worker_main, &r) != 0)
            break;
    double next_progress = t0 + o->progress_interval;
    pthread_mutex_lock(&r.mu);
    if (!started) {
        r.stop = true;
        st = TH_ENOMEM;
    }
    for (;;) {
        slot *s = &r.slots[r.next_write % r.W];
        while (!r.stop && !(s->ready && s->seq == r.next_write) &&
               !(r.reader_done && r.next_write == r.next_seq)) {
            if (o->progress) {
                struct timespec ts;
                clock_gettime(CLOCK_REALTIME, &ts);
                ts.tv_nsec += 200000000L;
                if (ts.tv_nsec >= 1000000000L) {
                    ts.tv_sec++;
                    ts.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&r.cv_done, &r.mu, &ts);
                break;
            }
            pthread_cond_wait(&r.cv_done, &r.mu);
        }
        if (r.stop)
            break;
        if (s->ready && s->seq == r.next_write) {
            pthread_mutex_unlock(&r.mu);
            double c0 = o->timings ? th__thread_cpu() : 0;
            st = consume(&w, s);
            if (o->timings)
                wcpu += th__thread_cpu() - c0;
            pthread_mutex_lock(&r.mu);
            s->ready = false;
            th_doc_free(s->doc);
            s->doc = NULL;
            trim_slot(s);
            r.next_write++;
            /* The reader, blocked on a full window, resumes when a
             * quarter of it has emptied (a burst of records per wake-up,
             * not one). */
            if (r.next_seq - r.next_write <= r.W - r.W / 4)
                pthread_cond_signal(&r.cv_space);
            if (st) {
                r.stop = true;
                pthread_cond_broadcast(&r.cv_job);
                pthread_cond_broadcast(&r.cv_space);
                if (err)
                    snprintf(err, errlen, "%s: %s", out,
                             w.store ? th_store_errmsg(w.store)
                                     : th_strerror(st));
                break;
            }
        } else if (r.reader_done && r.next_write == r.next_seq) {
            break;
        }
        if (o->progress && now_sec() >= next_progress) {
            pthread_mutex_unlock(&r.mu);
            th_corpus_stats snap;
            snapshot(&r, t0, &snap);
            o->progress(&snap, o->progress_ud);
            next_progress = now_sec() + o->progress_interval;
            pthread_mutex_lock(&r.mu);
        }
    }
    pthread_cond_broadcast(&r.cv_job);
    pthread_cond_broadcast(&r.cv_space);
    pthread_mutex_unlock(&r.mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(workers[i], NULL);
    pthread_join(reader, NULL);
    th__free(workers);
    /* Jobs left in the queue after a stop. */
    while (r.jcount) {
        free_job(&r.jobs[r.jhead]);
        r.jhead = (r.jhead + 1) % r.W;
        r.jcount--;
    }
cleanup_sync:
    pthread_cond_destroy(&r.cv_job);
    pthread_cond_destroy(&r.cv_space);
    pthread_cond_destroy(&r.cv_done);
    pthread_mutex_destroy(&r.mu);
cleanup_early:
    r.st.seconds = now_sec() - t0;
    r.st.index_bytes = th__dedup_memory(w.dd) +
                       w.cap * (sizeof *w.ids + sizeof *w.cs +
                                (w.canon_off ? sizeof *w.canon_off : 0)) +
                       r.stored.cap * sizeof *r.stored.k;
    double f0 = o->timings ? th__thread_cpu() : 0;
    if (w.store) {
        th_status s2 = TH_OK;
        if (st == TH_OK) {
            s2 = th__store_finish(w.store);
            if (s2 == TH_OK)
                s2 = th__store_run_end(w.store, w.run_id, &r.st);
            if (s2 && err)
                snprintf(err, errlen, "%s: %s", out, th_store_errmsg(w.store));
        }
        if (o->timings)
            th__store_cpu(w.store, &r.st.cpu.fts, &r.st.cpu.commit);
        double c0 = o->timings ? th__thread_cpu() : 0;
        th_store_close(w.store);
        if (o->timings) {
            /* closing may checkpoint what is left of the WAL */
            double c1 = th__thread_cpu();
            r.st.cpu.commit += c1 - c0;
            r.st.cpu.write = wcpu + (c1 - f0) - r.st.cpu.fts -
                             r.st.cpu.commit;
        }
        if (st == TH_OK)
            st = s2;
    }
    if (w.out) {
        if (o->timings)
            r.st.cpu.write = wcpu;
        if (fflush(w.out) != 0 && st == TH_OK) {
            st = TH_EIO;
            if (err)
                snprintf(err, errlen, "%s: %s", out, strerror(errno));
        }
        if (w.out != stdout)
            fclose(w.out);
    }
    if (o->progress && st == TH_OK)
        o->progress(&r.st, o->progress_ud);
    if (stats)
        *stats = r.st;
    if (r.slots) {
        for (size_t i = 0; i < r.W; i++) {
            slot *s = &r.slots[i];
            reset_slot(s);
            th__buf_cleanup(&s->head);
            th__buf_cleanup(&s->text);
            th__buf_cleanup(&s->meta);
            th__buf_cleanup(&s->signals);
            th__buf_cleanup(&s->ctext);
            th__free(s->bandkeys);
            th__free(s->bbit);
            th__free(s->chash);
            th__free(s->crep_off);
            th__free(s->crep);
        }
    }
    th__free(r.slots);
    th__free(r.jobs);
    th__free(r.stored.k);
    th__dedup_free(w.dd);
    th__free(w.ids);
    th__free(w.cs);
    th__free(w.canon_off);
    th__free(w.mhblob);
    th__buf_cleanup(&w.tail);
    return st;
}
