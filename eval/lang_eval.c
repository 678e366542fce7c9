/*
 * lang_eval.c -- accuracy of thresh's language identification on the dev
 * pages (issue 4 bar: right on >= 95% of the pages whose language is
 * known).
 *
 *   build/eval/lang_eval [DEV_DIR...]      (default: the two dev sets in
 *                                           /work/shared/eval/dev)
 *   make lang-eval
 *
 * For every page whose manifest.jsonl record has `html_lang_attr`, the page
 * is extracted with th_extract and the document's language is taken the way
 * the corpus run takes it (lang.c: detected from title + body, the declared
 * language only when the text is too short).  Right = same primary subtag
 * as html_lang_attr.  Misses are listed.
 *
 * Second table: short texts.  From pages where the detector agrees with
 * the declared language, windows of N words of body text are cut (at
 * several offsets) and detected alone, as a comment would be; accuracy and
 * the share of "undecided" answers per window size, and per letter count,
 * are what TH_LANG_MIN_COMMENT_LETTERS is chosen from.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "lang.h"
#include "thresh.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = '\0';
        *len = (size_t)n;
    }
    return b;
}

/* The string value of "key": in a one-line JSON record (no escapes in the
 * values looked up here), or "" when absent or null. */
static void field(const char *line, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    const char *p = strstr(line, pat);
    out[0] = '\0';
    if (!p)
        return;
    p += strlen(pat);
    if (*p != '"')
        return;
    p++;
    size_t k = 0;
    while (*p && *p != '"' && k + 1 < cap)
        out[k++] = *p++;
    out[k] = '\0';
}

#define MAXL 64
typedef struct langstat {
    char code[8];
    int n, right;
} langstat;
static langstat stats[MAXL];
static int nstats;

static langstat *stat_for(const char *code)
{
    for (int i = 0; i < nstats; i++)
        if (strcmp(stats[i].code, code) == 0)
            return &stats[i];
    if (nstats == MAXL)
        return &stats[MAXL - 1];
    snprintf(stats[nstats].code, sizeof stats[nstats].code, "%s", code);
    return &stats[nstats++];
}

/* Short-text experiment. */
static const int WINDOWS[] = {1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30};
#define NWIN (int)(sizeof WINDOWS / sizeof WINDOWS[0])
static int win_n[NWIN], win_right[NWIN], win_undecided[NWIN];
/* by letters: buckets of 10 letters up to 100 */
#define NBUCK 11
static int let_n[NBUCK], let_right[NBUCK], let_undecided[NBUCK];

static void windows(const char *text, size_t len, const char *want)
{
    /* word starts */
    size_t starts[4096];
    size_t nw = 0;
    for (size_t i = 0; i < len && nw < 4096; i++)
        if (text[i] != ' ' && text[i] != '\n' &&
            (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n'))
            starts[nw++] = i;
    for (int w = 0; w < NWIN; w++) {
        int n = WINDOWS[w];
        /* up to 6 windows per page, spread over the text */
        for (int k = 0; k < 6; k++) {
            size_t first = (size_t)k * (nw / 6);
            if (first + (size_t)n > nw)
                break;
            size_t b = starts[first];
            size_t e = first + n < nw ? starts[first + n] : len;
            while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n'))
                e--;
            th_lang_result r;
            th__lang_detect(text + b, e - b, 1, &r);
            char p[8];
            th__lang_primary(r.code, p, sizeof p);
            bool ok = r.code && strcmp(p, want) == 0;
            win_n[w]++;
            win_right[w] += ok;
            win_undecided[w] += !r.code;
            size_t bk = r.letters / 10 < NBUCK - 1 ? r.letters / 10 : NBUCK - 1;
            let_n[bk]++;
            let_right[bk] += ok;
            let_undecided[bk] += !r.code;
        }
    }
}

int main(int argc, char **argv)
{
    const char *defaults[] = {"/work/shared/eval/dev/readability",
                              "/work/shared/eval/dev/trafilatura"};
    const char **dirs = argc > 1 ? (const char **)(argv + 1) : defaults;
    int ndirs = argc > 1 ? argc - 1 : 2;
    int total = 0, right = 0, by_src[3] = {0, 0, 0}, right_src[3] = {0, 0, 0};
    int unknown = 0;
    printf("detector: %s\n", th__lang_available() ? "CLD2" : "none");
    for (int d = 0; d < ndirs; d++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/manifest.jsonl", dirs[d]);
        FILE *m = fopen(path, "r");
        if (!m) {
            fprintf(stderr, "lang_eval: cannot read %s\n", path);
            continue;
        }
        char line[1 << 16];
        while (fgets(line, sizeof line, m)) {
            char id[256], declared[64], want[8];
            field(line, "id", id, sizeof id);
            field(line, "html_lang_attr", declared, sizeof declared);
            if (!declared[0]) {
                unknown++;
                continue;
            }
            th__lang_primary(declared, want, sizeof want);
            snprintf(path, sizeof path, "%s/%s.html", dirs[d], id);
            size_t len;
            char *html = slurp(path, &len);
            if (!html)
                continue;
            th_doc *doc = NULL;
            if (th_extract(html, len, NULL, &doc) != TH_OK) {
                free(html);
                continue;
            }
            th_lang_source src;
            th_lang_result r;
            const char *got = th__lang_of_doc(doc, &src, &r);
            char p[8];
            th__lang_primary(got, p, sizeof p);
            bool ok = got && strcmp(p, want) == 0;
            total++;
            right += ok;
            by_src[src]++;
            right_src[src] += ok;
            langstat *ls = stat_for(want);
            ls->n++;
            ls->right += ok;
            if (!ok)
                printf("  miss %s/%s: declared %s, got %s (%s, %d%%, %zu "
                       "letters%s)\n",
                       strrchr(dirs[d], '/') ? strrchr(dirs[d], '/') + 1
                                             : dirs[d],
                       id, declared, got ? got : "-",
                       th__lang_source_name(src), r.percent, r.letters,
                       r.reliable ? ", reliable" : "");
            if (ok && src == TH_LANG_SRC_TEXT) {
                /* body text for the short-window experiment */
                size_t n = 0;
                for (size_t i = 0; i < doc->nblocks; i++)
                    n += doc->blocks[i].len + 1;
                char *t = malloc(n + 1), *q = t;
                for (size_t i = 0; t && i < doc->nblocks; i++) {
                    memcpy(q, doc->blocks[i].text, doc->blocks[i].len);
                    q += doc->blocks[i].len;
                    *q++ = '\n';
                }
                if (t)
                    windows(t, (size_t)(q - t), want);
                free(t);
            }
            th_doc_free(doc);
            free(html);
        }
        fclose(m);
    }
    printf("\npages with a declared language: %d (without: %d)\n", total,
           unknown);
    printf("right (primary subtag): %d = %.1f%%\n", right,
           total ? 100.0 * right / total : 0);
    const char *names[3] = {"none", "text", "declared"};
    for (int s = 0; s < 3; s++)
        if (by_src[s])
            printf("  lang_source %-8s %4d pages, %4d right\n", names[s],
                   by_src[s], right_src[s]);
    printf("per declared language:");
    for (int i = 0; i < nstats; i++)
        printf(" %s %d/%d", stats[i].code, stats[i].right, stats[i].n);
    printf("\n\nshort texts (windows of body text, detected alone):\n");
    printf("  words  windows  right%%  undecided%%  wrong%%\n");
    for (int w = 0; w < NWIN; w++)
        if (win_n[w])
            printf("  %5d  %7d  %6.1f  %10.1f  %6.1f\n", WINDOWS[w], win_n[w],
                   100.0 * win_right[w] / win_n[w],
                   100.0 * win_undecided[w] / win_n[w],
                   100.0 * (win_n[w] - win_right[w] - win_undecided[w]) /
                       win_n[w]);
    printf("  letters   windows  right%%  undecided%%  wrong%%\n");
    for (int b = 0; b < NBUCK; b++)
        if (let_n[b])
            printf("  %3d%-4s  %7d  %6.1f  %10.1f  %6.1f\n", b * 10,
                   b == NBUCK - 1 ? "+" : "-", let_n[b],
                   100.0 * let_right[b] / let_n[b],
                   100.0 * let_undecided[b] / let_n[b],
                   100.0 * (let_n[b] - let_right[b] - let_undecided[b]) /
                       let_n[b]);
    return 0;
}
