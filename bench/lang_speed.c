/*
 * lang_speed.c -- speed (and accuracy on short texts) of the language
 * detectors, and the cost of the signals per MB of extraction.
 *
 *   build/bench/lang_speed [--lines OUT.tsv] PAGES...
 *   make lang-speed           (bench/lang_speed.sh: also fastText's CLI)
 *
 * Input texts come from the pages themselves: each page is extracted
 * once (untimed) and its body cut into comment-sized lines (windows of
 * 4-30 words, the size of reader comments).  The label of a line is the
 * page's declared language (manifest `html_lang_attr` is not read here:
 * the <html lang> is taken from the page, primary subtag), used only for
 * pages where the document-level detection agrees with it, so that pages
 * whose template declares the wrong language do not count against any
 * detector.
 *
 * Timed, on one core, CPU clock, best of 3:
 *   - CLD2 (through th__lang_detect) on the lines and on whole documents;
 *   - libexttextcat on the lines, when built with it (HAVE_EXTTEXTCAT);
 *   - th_extract alone, and th_extract + th__signals_compute, over the
 *     pages: the signals' share of the extraction time and their cost per
 *     MB of HTML.
 * --lines writes "label<TAB>line" rows for the fastText CLI run.
 * Bench code: may print and exit.
 */
#include "pages.h"

#include "doc.h"
#include "lang.h"
#include "signals.h"
#include "thresh.h"

#ifdef HAVE_EXTTEXTCAT
#include <libexttextcat/textcat.h>
#endif

typedef struct line {
    char *s;
    size_t n;
    char want[8];
} line;

static line *lines;
static size_t nlines, caplines;
static char **docs;
static size_t *doclen, ndocs;

static void add_line(const char *s, size_t n, const char *want)
{
    if (nlines == caplines) {
        caplines = caplines ? caplines * 2 : 1024;
        lines = realloc(lines, caplines * sizeof *lines);
        if (!lines)
            bench_die("out of memory", NULL);
    }
    line *l = &lines[nlines++];
    l->s = malloc(n + 1);
    if (!l->s)
        bench_die("out of memory", NULL);
    memcpy(l->s, s, n);
    l->s[n] = '\0';
    l->n = n;
    snprintf(l->want, sizeof l->want, "%s", want);
}

/* The page's <html lang="..">, primary subtag, or "". */
static void html_lang(const char *html, size_t len, char *out, size_t cap)
{
    out[0] = '\0';
    const char *h = NULL;
    for (size_t i = 0; i + 5 < len && i < 65536; i++)
        if ((html[i] == '<') && strncasecmp(html + i + 1, "html", 4) == 0) {
            h = html + i;
            break;
        }
    if (!h)
        return;
    const char *end = memchr(h, '>', len - (size_t)(h - html));
    if (!end)
        return;
    for (const char *p = h; p + 5 < end; p++)
        if (strncasecmp(p, " lang=", 6) == 0) {
            p += 6;
            if (*p == '"' || *p == '\'')
                p++;
            char tag[16];
            size_t k = 0;
            while (p < end && *p != '"' && *p != '\'' && *p != ' ' &&
                   k + 1 < sizeof tag)
                tag[k++] = *p++;
            tag[k] = '\0';
            th__lang_primary(tag, out, cap);
            return;
        }
}

static void prepare(bench_list *pl)
{
    docs = calloc(pl->n, sizeof *docs);
    doclen = calloc(pl->n, sizeof *doclen);
    if (!docs || !doclen)
        bench_die("out of memory", NULL);
    unsigned seed = 1;
    for (size_t i = 0; i < pl->n; i++) {
        th_doc *d = NULL;
        if (th_extract(pl->a[i].data, pl->a[i].len, NULL, &d) != TH_OK)
            continue;
        size_t n = 0;
        for (size_t b = 0; b < d->nblocks; b++)
            n += d->blocks[b].len + 1;
        char *t = malloc(n + 1), *q = t;
        if (!t)
            bench_die("out of memory", NULL);
        for (size_t b = 0; b < d->nblocks; b++) {
            memcpy(q, d->blocks[b].text, d->blocks[b].len);
            q += d->blocks[b].len;
            *q++ = '\n';
        }
        *q = '\0';
        docs[ndocs] = t;
        doclen[ndocs++] = (size_t)(q - t);
        char want[8];
        html_lang(pl->a[i].data, pl->a[i].len, want, sizeof want);
        const char *got = th__lang_of_doc(d, NULL, NULL);
        char gp[8];
        th__lang_primary(got, gp, sizeof gp);
        if (want[0] && strcmp(gp, want) == 0) {
            /* Windows of 4-30 words, one after the other. */
            const char *p = t, *e = q;
            while (p < e) {
                seed = seed * 1103515245u + 12345u;
                int words = 4 + (int)((seed >> 16) % 27);
                const char *s = p;
                int w = 0;
                while (p < e && w < words) {
                    while (p < e && (*p == ' ' || *p == '\n'))
                        p++;
                    while (p < e && *p != ' ' && *p != '\n')
                        p++;
                    w++;
                }
                while (s < p && (*s == ' ' || *s == '\n'))
                    s++;
                if (w == words && p > s) {
                    char buf[4096];
                    size_t n2 = (size_t)(p - s) < sizeof buf - 1
                                    ? (size_t)(p - s)
                                    : sizeof buf - 1;
                    memcpy(buf, s, n2);
                    for (size_t k = 0; k < n2; k++)
                        if (buf[k] == '\n' || buf[k] == '\t')
                            buf[k] = ' ';
                    add_line(buf, n2, want);
                }
            }
        }
        th_doc_free(d);
    }
}

static double mbps(size_t bytes, double secs)
{
    return secs > 0 ? (double)bytes / 1e6 / secs : 0;
}

int main(int argc, char **argv)
{
    bench_list pl = {0};
    const char *lines_out = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lines") == 0 && i + 1 < argc)
            lines_out = argv[++i];
        else
            bench_add_arg(&pl, argv[i]);
    }
    if (!pl.n)
        bench_die("usage: lang_speed [--lines OUT.tsv] PAGES...", NULL);
    size_t html_bytes = bench_load_all(&pl);
    prepare(&pl);
    size_t line_bytes = 0, doc_bytes = 0;
    for (size_t i = 0; i < nlines; i++)
        line_bytes += lines[i].n;
    for (size_t i = 0; i < ndocs; i++)
        doc_bytes += doclen[i];
    printf("pages %zu (%.1f MB HTML), documents %zu (%.1f MB text), "
           "lines %zu (%.2f MB, mean %zu bytes)\n",
           pl.n, html_bytes / 1e6, ndocs, doc_bytes / 1e6, nlines,
           line_bytes / 1e6, nlines ? line_bytes / nlines : 0);
    if (lines_out) {
        FILE *f = fopen(lines_out, "w");
        if (!f)
            bench_die("cannot write", lines_out);
        for (size_t i = 0; i < nlines; i++)
            fprintf(f, "%s\t%s\n", lines[i].want, lines[i].s);
        fclose(f);
    }

    /* CLD2 on lines: speed; accuracy with and without the letter bar. */
    double best = 1e9;
    size_t right = 0, undecided = 0, judged = 0, judged_right = 0;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = bench_cpu();
        right = undecided = judged = judged_right = 0;
        for (size_t i = 0; i < nlines; i++) {
            th_lang_result r;
            th__lang_detect(lines[i].s, lines[i].n, 1, &r);
            char p[8];
            th__lang_primary(r.code, p, sizeof p);
            bool ok = r.code && strcmp(p, lines[i].want) == 0;
            right += ok;
            undecided += !r.code;
            if (r.letters >= TH_LANG_MIN_COMMENT_LETTERS) {
                judged++;
                judged_right += ok;
            }
        }
        double t = bench_cpu() - t0;
        best = t < best ? t : best;
    }
    printf("CLD2 lines:      %7.2f MB/s  right %.1f%%  undecided %.1f%%  "
           "(lines >= %d letters: %zu, right %.1f%%)\n",
           mbps(line_bytes, best), 100.0 * right / (nlines ? nlines : 1),
           100.0 * undecided / (nlines ? nlines : 1),
           TH_LANG_MIN_COMMENT_LETTERS, judged,
           100.0 * judged_right / (judged ? judged : 1));

    best = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        double t0 = bench_cpu();
        for (size_t i = 0; i < ndocs; i++) {
            th_lang_result r;
            th__lang_detect(docs[i], doclen[i], 1, &r);
        }
        double t = bench_cpu() - t0;
        best = t < best ? t : best;
    }
    size_t scanned = 0;
    for (size_t i = 0; i < ndocs; i++)
        scanned += doclen[i] < TH_LANG_MAX_BYTES ? doclen[i]
                                                 : TH_LANG_MAX_BYTES;
    printf("CLD2 documents:  %7.2f MB/s of text looked at (%.2f MB/s of "
           "whole documents, first %d KiB each)\n",
           mbps(scanned, best), mbps(doc_bytes, best),
           TH_LANG_MAX_BYTES / 1024);

#ifdef HAVE_EXTTEXTCAT
    void *tc = special_textcat_Init("/usr/share/libexttextcat/fpdb.conf",
                                    "/usr/share/libexttextcat/");
    if (tc) {
        textcat_SetProperty(tc, TCPROP_UTF8AWARE, 1);
        double t0 = bench_cpu();
        size_t ok = 0, unk = 0;
        for (size_t i = 0; i < nlines; i++) {
            const char *r = textcat_Classify(tc, lines[i].s, lines[i].n);
            /* "[de]" or "[de][nl]" or "UNKNOWN"/"SHORT" */
            if (!r || r[0] != '[') {
                unk++;
                continue;
            }
            char p[8];
            th__lang_primary(r + 1, p, sizeof p);
            char *br = strchr(p, ']');
            if (br)
                *br = '\0';
            ok += strcmp(p, lines[i].want) == 0;
        }
        double t = bench_cpu() - t0;
        printf("exttextcat lines:%7.2f MB/s  right %.1f%%  undecided %.1f%%\n",
               mbps(line_bytes, t), 100.0 * ok / (nlines ? nlines : 1),
               100.0 * unk / (nlines ? nlines : 1));
        textcat_Done(tc);
    }
#endif

    /* Signals cost against extraction. */
    double ext = 1e9, sig = 1e9, lng = 1e9;
    for (int rep = 0; rep < 3; rep++) {
        double te = 0, ts = 0, tl = 0;
        for (size_t i = 0; i < pl.n; i++) {
            double t0 = bench_cpu();
            th_doc *d = NULL;
            if (th_extract(pl.a[i].data, pl.a[i].len, NULL, &d) != TH_OK)
                continue;
            double t1 = bench_cpu();
            th_signals s;
            th__signals_init(&s);
            th__signals_compute(d, &s);
            th__signals_cleanup(&s);
            double t2 = bench_cpu();
            th__lang_of_doc(d, NULL, NULL);
            for (size_t c = 0; c < d->ncomments; c++) {
                th_lang_result r;
                if (d->comments[c].text)
                    th__lang_detect(d->comments[c].text,
                                    strlen(d->comments[c].text),
                                    TH_LANG_MIN_COMMENT_LETTERS, &r);
            }
            double t3 = bench_cpu();
            te += t1 - t0;
            ts += t2 - t1;
            tl += t3 - t2;
            th_doc_free(d);
        }
        ext = te < ext ? te : ext;
        sig = ts < sig ? ts : sig;
        lng = tl < lng ? tl : lng;
    }
    printf("extract alone:   %7.2f MB/s of HTML\n", mbps(html_bytes, ext));
    printf("signals (lang + quality): %.1f ms per MB of HTML, %.1f ms per "
           "MB of text = %.1f%% of the extraction time\n",
           html_bytes ? 1000.0 * sig / (html_bytes / 1e6) : 0,
           doc_bytes ? 1000.0 * sig / (doc_bytes / 1e6) : 0,
           ext > 0 ? 100.0 * sig / ext : 0);
    printf("  of which language (document + comments): %.1f ms per MB of "
           "HTML\n",
           html_bytes ? 1000.0 * lng / (html_bytes / 1e6) : 0);
    return 0;
}
