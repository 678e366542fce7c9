/*
 * extract.c -- `thresh extract [options] INPUT...`: reads each page (file,
 * directory walk or standard input), runs th_extract and writes the chosen
 * format to standard output (JSON Lines for several pages) or to one file
 * per page under -o DIR.  A page that fails is reported and the batch goes
 * on; the exit status says whether any failed.
 *
 * Memory stays bounded by the largest page: one input buffer is reused for
 * every page and never grows past --max-bytes + 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "thresh.h"

void cli_extract_usage(FILE *f)
{
    fputs(
        "usage: thresh extract [options] INPUT...\n"
        "\n"
        "Extracts the article of each news page: title, byline, dates, the\n"
        "body as blocks, image captions, related links and reader comments,\n"
        "with navigation, share widgets and other furniture left out.\n"
        "\n"
        "INPUT is an HTML file, a directory (walked recursively for *.html\n"
        "and *.htm, or *.txt with --from text, in sorted path order, each\n"
        "also as .gz), or - for standard input.  Gzip-compressed input is\n"
        "inflated; binary files (images, PDFs, archives) fail as EPARSE.\n"
        "thresh does not fetch URLs: save the page first (curl -o p.html\n"
        "URL) and give the address with --url.\n"
        "\n"
        "Options:\n"
        "  --format FMT      json (default), text, markdown or labels:\n"
        "                      json      one object per page; several pages\n"
        "                                give JSON Lines (one per line)\n"
        "                      text      the body, paragraphs separated by\n"
        "                                blank lines\n"
        "                      markdown  \"# title\", then headings, lists,\n"
        "                                quotes, code and links\n"
        "                      labels    flattened-text input only: one row\n"
        "                                per input line, N<TAB>LABEL<TAB>text\n"
        "  --from KIND       auto (default: sniffed per page), html or text;\n"
        "                    --format labels makes text the default;\n"
        "                    html or text reads even binary-looking data\n"
        "  -o, --output DIR  one file per page in DIR (created if needed):\n"
        "                    page.html gives DIR/page.json, .txt, .md or\n"
        "                    .labels.tsv; pages found by walking a directory\n"
        "                    keep their path below it, others their base\n"
        "                    name, standard input is named stdin\n"
        "  --no-comments     skip reader comments\n"
        "  --url URL         the page's address (only with one INPUT)\n"
        "  --max-bytes N     fail pages over N bytes; suffix k, M or G\n"
        "                    (default 256M)\n"
        "  -q, --quiet       no progress line, no per-page messages on stderr\n"
        "  -h, --help        print this help and exit\n"
        "\n"
        "Without -o the results go to standard output in input order; with\n"
        "several pages, text, markdown and labels documents are separated by\n"
        "a line holding only a form feed (\\f).\n"
        "\n"
        "A page that fails (unreadable, too big, ...) is named on stderr with\n"
        "the reason; in JSON it also gives an error record\n"
        "{\"source\":...,\"error\":...,\"status\":...} in its place.  The other\n"
        "pages go on.  Exit status: 0 all pages done, 1 some page failed,\n"
        "2 usage error.\n"
        "\n"
        "Examples:\n"
        "  thresh extract page.html\n"
        "  thresh extract --format text -o out/ pages/\n"
        "  thresh extract --url https://example.com/a/1 - < page.html\n"
        "  thresh extract --from text --format labels -o out/ dumps/\n",
        f);
}

typedef struct config {
    th_format fmt;
    th_input_kind from;
    int from_given;
    const char *outdir;
    int no_comments;
    const char *url;
    size_t max_bytes;
    int quiet;
} config;

/* ------------------------------------------------------ arguments ---- */

static int usage_error(const char *fmt, const char *arg)
{
    fputs("thresh extract: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'thresh extract --help'.\n", stderr);
    return CLI_USAGE;
}

/* "123", "64k", "10M", "1G" (binary multiples); 0 on error. */
static size_t parse_size(const char *s)
{
    if (!*s || *s == '-')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s)
        return 0;
    unsigned long long mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1024ULL, end++;
    else if (*end == 'm' || *end == 'M')
        mul = 1024ULL * 1024, end++;
    else if (*end == 'g' || *end == 'G')
        mul = 1024ULL * 1024 * 1024, end++;
    if (*end || v == 0 || v > (unsigned long long)(SIZE_MAX / 2) / mul)
        return 0;
    return (size_t)(v * mul);
}

/* Matches "--name VALUE" and "--name=VALUE" (and a short alias). */
static int opt_value(int argc, char **argv, int *i, const char *name,
                     const char *alias, const char **val, int *missing)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    if (strcmp(a, name) == 0 || (alias && strcmp(a, alias) == 0)) {
        if (*i + 1 >= argc) {
            *missing = 1;
            return 1;
        }
        *val = argv[++*i];
        return 1;
    }
    if (strncmp(a, name, n) == 0 && a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    return 0;
}

static int parse_args(int argc, char **argv, config *cf, char ***inputs,
                      int *ninputs)
{
    memset(cf, 0, sizeof *cf);
    cf->fmt = TH_FORMAT_JSON;
    cf->from = TH_INPUT_AUTO;
    char **in = cli_xmalloc((size_t)argc * sizeof *in);
    int n = 0, opts_done = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        int missing = 0;
        if (opts_done || a[0] != '-' || strcmp(a, "-") == 0) {
            in[n++] = argv[i];
            continue;
        }
        if (strcmp(a, "--") == 0) {
            opts_done = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            free(in);
            cli_extract_usage(stdout);
            return -1;
        } else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
            cf->quiet = 1;
        } else if (strcmp(a, "--no-comments") == 0) {
            cf->no_comments = 1;
        } else if (opt_value(argc, argv, &i, "--format", NULL, &v, &missing)) {
            if (missing)
                goto missing_value;
            if (strcmp(v, "json") == 0)
                cf->fmt = TH_FORMAT_JSON;
            else if (strcmp(v, "text") == 0 || strcmp(v, "txt") == 0)
                cf->fmt = TH_FORMAT_TEXT;
            else if (strcmp(v, "markdown") == 0 || strcmp(v, "md") == 0)
                cf->fmt = TH_FORMAT_MARKDOWN;
            else if (strcmp(v, "labels") == 0)
                cf->fmt = TH_FORMAT_LABELS;
            else
                goto bad_value;
        } else if (opt_value(argc, argv, &i, "--from", NULL, &v, &missing)) {
            if (missing)
                goto missing_value;
            cf->from_given = 1;
            if (strcmp(v, "auto") == 0)
                cf->from = TH_INPUT_AUTO;
            else if (strcmp(v, "html") == 0)
                cf->from = TH_INPUT_HTML;
            else if (strcmp(v, "text") == 0)
                cf->from = TH_INPUT_TEXT;
            else
                goto bad_value;
        } else if (opt_value(argc, argv, &i, "--output", "-o", &v,
                             &missing)) {
            if (missing)
                goto missing_value;
            if (!*v)
                goto bad_value;
            cf->outdir = v;
        } else if (opt_value(argc, argv, &i, "--url", NULL, &v, &missing)) {
            if (missing)
                goto missing_value;
            cf->url = v;
        } else if (opt_value(argc, argv, &i, "--max-bytes", NULL, &v,
                             &missing)) {
            if (missing)
                goto missing_value;
            cf->max_bytes = parse_size(v);
            if (!cf->max_bytes)
                goto bad_value;
        } else {
            free(in);
            return usage_error("unknown option '%s'", a);
        }
        continue;
    missing_value:
        free(in);
        return usage_error("option '%s' needs a value", a);
    bad_value:
        free(in);
        return usage_error("bad value in '%s'", a);
    }
    if (n == 0) {
        free(in);
        return usage_error("%sno INPUT given (a file, a directory or -)", "");
    }
    if (cf->url && n > 1) {
        free(in);
        return usage_error("%s--url needs exactly one INPUT", "");
    }
    if (cf->fmt == TH_FORMAT_LABELS && !cf->from_given)
        cf->from = TH_INPUT_TEXT;
    *inputs = in;
    *ninputs = n;
    return 0;
}

/* -------------------------------------------------------- reading ---- */

typedef struct reader {
    char *buf;
    size_t cap;
} reader;

/* Reads all of fd into r->buf (reused).  Returns 0 with *len set, or an
 * errno; EFBIG when the input is over max bytes. */
static int read_fd(int fd, reader *r, size_t max, size_t *len)
{
    size_t n = 0, limit = max + 1, want = 65536;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > max)
            return EFBIG;
        want = (size_t)st.st_size + 1; /* +1 sees EOF in one pass */
    }
    if (want > limit)
        want = limit;
    if (r->cap < want) {
        r->buf = cli_xrealloc(r->buf, want);
        r->cap = want;
    }
    for (;;) {
        if (n == r->cap) {
            if (r->cap >= limit)
                return EFBIG;
            size_t ncap = r->cap * 2;
            if (ncap > limit)
                ncap = limit;
            r->buf = cli_xrealloc(r->buf, ncap);
            r->cap = ncap;
        }
        ssize_t got = read(fd, r->buf + n, r->cap - n);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (got == 0)
            break;
        n += (size_t)got;
        if (n > max)
            return EFBIG;
    }
    *len = n;
    return 0;
}

/* ------------------------------------------------------- writing ---- */

/* mkdir -p of the directory part of path (path itself is a file). */
static int make_parents(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int rc = mkdir(path, 0777);
        int e = errno;
        *p = '/';
        if (rc != 0 && e != EEXIST)
            return e;
    }
    return 0;
}

static const char *format_ext(th_format fmt)
{
    switch (fmt) {
    case TH_FORMAT_TEXT: return ".txt";
    case TH_FORMAT_MARKDOWN: return ".md";
    case TH_FORMAT_LABELS: return ".labels.tsv";
    case TH_FORMAT_JSON: break;
    }
    return ".json";
}

/* DIR/REL with REL's extension replaced by the format's. */
static char *output_path(const config *cf, const char *rel)
{
    size_t nd = strlen(cf->outdir), nr = strlen(rel);
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    size_t nb = strlen(base);
    if (nb > 3 && strcasecmp(base + nb - 3, ".gz") == 0)
        nr -= 3; /* page.html.gz gives page.json, as page.html does */
    const char *dot = NULL;
    for (const char *q = base; q < rel + nr; q++)
        if (*q == '.')
            dot = q;
    if (dot && dot > base)
        nr = (size_t)(dot - rel);
    const char *ext = format_ext(cf->fmt);
    size_t ne = strlen(ext);
    char *p = cli_xmalloc(nd + 1 + nr + ne + 1);
    memcpy(p, cf->outdir, nd);
    size_t k = nd;
    if (!nd || p[nd - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, rel, nr);
    memcpy(p + k + nr, ext, ne + 1);
    return p;
}

static int write_all(FILE *f, const char *s, size_t n)
{
    return n == 0 || fwrite(s, 1, n, f) == n ? 0 : -1;
}

/* Writes one result into its own file; returns 0 or an errno, with *what
 * naming the failed step. */
static int write_file(const char *inpath, char *outpath, const char *s,
                      size_t n, int newline, const char **what)
{
    *what = "cannot create output";
    int e = make_parents(outpath);
    if (e)
        return e;
    /* -o pointing into the input tree must not overwrite an input. */
    struct stat si, so;
    if (strcmp(inpath, "-") != 0 && stat(inpath, &si) == 0 &&
        stat(outpath, &so) == 0 && si.st_dev == so.st_dev &&
        si.st_ino == so.st_ino) {
        *what = "output would overwrite the input";
        return EEXIST;
    }
    FILE *f = fopen(outpath, "wb");
    if (!f)
        return errno;
    *what = "cannot write output";
    int bad = write_all(f, s, n) || (newline && fputc('\n', f) == EOF);
    e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    return bad ? (e ? e : EIO) : 0;
}

/* ----------------------------------------------------------- run ---- */

typedef struct run {
    const config *cf;
    th_options opts;
    reader rd;
    size_t ndone, nfailed, total;
    int progress;           /* show a progress line on stderr */
    struct timespec last;   /* when it was last drawn */
    int stdout_failed;
} run;

static void report(run *r, const char *source, const char *msg,
                   const char *detail)
{
    if (r->cf->quiet)
        return;
    if (r->progress)
        fputs("\r\033[K", stderr);
    if (detail)
        fprintf(stderr, "thresh: %s: %s: %s\n", source, msg, detail);
    else
        fprintf(stderr, "thresh: %s: %s\n", source, msg);
}

/* A failed page: a message on stderr, and in JSON its error record (on
 * stdout, or as the page's output file under -o). */
static void fail(run *r, const cli_input *in, th_status st, const char *msg,
                 const char *detail)
{
    r->nfailed++;
    report(r, in->path, msg, detail);
    if (r->cf->fmt != TH_FORMAT_JSON)
        return;
    char full[1024];
    if (detail)
        snprintf(full, sizeof full, "%s: %s", msg, detail);
    else
        snprintf(full, sizeof full, "%s", msg);
    char *rec = NULL;
    size_t n = 0;
    if (th_error_render(in->path, st, full, &rec, &n) != TH_OK) {
        fputs("thresh: out of memory\n", stderr);
        exit(CLI_FAILED);
    }
    if (r->cf->outdir) {
        char *op = output_path(r->cf, in->rel);
        const char *what;
        int e = write_file(in->path, op, rec, n, 1, &what);
        if (e)
            report(r, op, what, strerror(e));
        free(op);
    } else if (write_all(stdout, rec, n) || fputc('\n', stdout) == EOF) {
        r->stdout_failed = 1;
    }
    th_free(rec);
}

static void do_page(run *r, const cli_input *in)
{
    const config *cf = r->cf;
    if (in->err) {
        fail(r, in, TH_EIO, "cannot read directory", strerror(in->err));
        return;
    }
    int fd = strcmp(in->path, "-") == 0 ? STDIN_FILENO
                                         : open(in->path, O_RDONLY);
    if (fd < 0) {
        int e0 = errno;
        if (e0 == ENOENT && (strncmp(in->path, "http://", 7) == 0 ||
                             strncmp(in->path, "https://", 8) == 0))
            fail(r, in, TH_EIO, "cannot open",
                 "no such file; thresh reads saved pages, it does not fetch "
                 "URLs (curl -o page.html URL, then thresh extract --url URL "
                 "page.html)");
        else
            fail(r, in, TH_EIO, "cannot open", strerror(e0));
        return;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (fd != STDIN_FILENO)
            close(fd);
        fail(r, in, TH_EIO, "cannot read", strerror(EISDIR));
        return;
    }
    size_t len = 0;
    int e = read_fd(fd, &r->rd, r->opts.max_bytes, &len);
    if (fd != STDIN_FILENO)
        close(fd);
    if (e == EFBIG) {
        char lim[64];
        snprintf(lim, sizeof lim, "larger than --max-bytes %zu",
                 r->opts.max_bytes);
        fail(r, in, TH_ETOOBIG, th_strerror(TH_ETOOBIG), lim);
        return;
    }
    if (e) {
        fail(r, in, TH_EIO, "cannot read", strerror(e));
        return;
    }
    th_doc *doc = NULL;
    th_status st2 = th_extract(r->rd.buf ? r->rd.buf : "", len, &r->opts,
                               &doc);
    if (st2 != TH_OK) {
        fail(r, in, st2, th_strerror(st2), NULL);
        return;
    }
    char *out = NULL;
    size_t n = 0;
    st2 = th_doc_render(doc, cf->fmt, in->path, &out, &n);
    th_doc_free(doc);
    if (st2 == TH_EINVAL && cf->fmt == TH_FORMAT_LABELS) {
        fail(r, in, st2, "labels need flattened-text input",
             "the page is HTML (try --from text)");
        return;
    }
    if (st2 != TH_OK) {
        fail(r, in, st2, th_strerror(st2), NULL);
        return;
    }
    int newline = cf->fmt == TH_FORMAT_JSON;
    if (cf->outdir) {
        char *op = output_path(cf, in->rel);
        const char *what;
        e = write_file(in->path, op, out, n, newline, &what);
        if (e) {
            r->nfailed++;
            report(r, op, what, strerror(e));
        }
        free(op);
    } else {
        /* Several text-like documents: a form-feed line between them. */
        if (cf->fmt != TH_FORMAT_JSON && r->total > 1 && r->ndone > 0 &&
            fputs("\f\n", stdout) == EOF)
            r->stdout_failed = 1;
        if (write_all(stdout, out, n) || (newline && fputc('\n', stdout) == EOF))
            r->stdout_failed = 1;
    }
    th_free(out);
}

static double since(const struct timespec *a)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - a->tv_sec) +
           (double)(now.tv_nsec - a->tv_nsec) / 1e9;
}

static void draw_progress(run *r, int final)
{
    if (!r->progress)
        return;
    if (!final && since(&r->last) < 0.2)
        return;
    clock_gettime(CLOCK_MONOTONIC, &r->last);
    if (final)
        fputs("\r\033[K", stderr);
    else
        fprintf(stderr, "\r\033[Kthresh: %zu/%zu pages, %zu failed",
                r->ndone, r->total, r->nfailed);
    fflush(stderr);
}

int cli_extract_main(int argc, char **argv)
{
    config cf;
    char **args = NULL;
    int nargs = 0;
    int rc = parse_args(argc, argv, &cf, &args, &nargs);
    if (rc)
        return rc < 0 ? CLI_OK : rc;

    static const char *const html_exts[] = {".html", ".htm", ".html.gz",
                                            ".htm.gz", NULL};
    static const char *const text_exts[] = {".txt", ".txt.gz", NULL};
    const char *const *exts =
        cf.from == TH_INPUT_TEXT ? text_exts : html_exts;
    cli_inputs inputs = {0};
    for (int i = 0; i < nargs; i++) {
        size_t before = inputs.n;
        cli_inputs_add(&inputs, args[i], exts);
        if (inputs.n == before && !cf.quiet)
            fprintf(stderr, "thresh: %s: no %s files found\n", args[i],
                    cf.from == TH_INPUT_TEXT ? "*.txt" : "*.html/*.htm");
    }
    free(args);

    run r;
    memset(&r, 0, sizeof r);
    r.cf = &cf;
    th_options_init(&r.opts);
    r.opts.kind = cf.from;
    /* Only JSON prints comments: the other formats skip building them
     * (comment regions are still found, so they stay out of the body). */
    if (cf.no_comments || cf.fmt != TH_FORMAT_JSON)
        r.opts.flags |= TH_OPT_NO_COMMENTS;
    if (cf.fmt == TH_FORMAT_LABELS)
        r.opts.flags |= TH_OPT_KEEP_LABELS;
    if (cf.max_bytes)
        r.opts.max_bytes = cf.max_bytes;
    r.opts.url = cf.url;
    r.total = inputs.n;
    /* The progress line is for a person watching a long batch, and only
     * when it cannot tangle with results printed on the same terminal. */
    r.progress = !cf.quiet && inputs.n >= 20 && isatty(STDERR_FILENO) &&
                 (cf.outdir || !isatty(STDOUT_FILENO));
    clock_gettime(CLOCK_MONOTONIC, &r.last);

    for (size_t i = 0; i < inputs.n && !r.stdout_failed; i++) {
        do_page(&r, &inputs.v[i]);
        r.ndone++;
        draw_progress(&r, 0);
    }
    draw_progress(&r, 1);
    cli_inputs_free(&inputs);
    free(r.rd.buf);

    if (fflush(stdout) != 0 || ferror(stdout) || r.stdout_failed) {
        fprintf(stderr, "thresh: writing to standard output: %s\n",
                strerror(errno ? errno : EIO));
        return CLI_FAILED;
    }
    return r.nfailed ? CLI_FAILED : CLI_OK;
}
