/*
 * extract_dir.c -- development driver for the extraction stage: runs
 * th_extract on every HTML file given and writes OUT_DIR/<name>.txt in the
 * chosen format (text by default; -f json|md).  Used by eval/extract_eval.sh
 * before the real CLI could write directories, and handy for linking the
 * same pipeline against the gumbo oracle parser.
 *   extract_dir [-f text|json|md] OUT_DIR FILE.html...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thresh.h"

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, len = 0, r;
    char *buf = malloc(cap);
    while (buf && (r = fread(buf + len, 1, cap - len, f)) > 0) {
        len += r;
        if (len == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    *n = len;
    return buf;
}

int main(int argc, char **argv)
{
    th_format fmt = TH_FORMAT_TEXT;
    const char *ext = ".txt";
    int i = 1;
    if (argc > 2 && strcmp(argv[1], "-f") == 0) {
        if (strcmp(argv[2], "json") == 0) {
            fmt = TH_FORMAT_JSON;
            ext = ".json";
        } else if (strcmp(argv[2], "md") == 0) {
            fmt = TH_FORMAT_MARKDOWN;
            ext = ".md";
        }
        i = 3;
    }
    if (argc - i < 1) {
        fprintf(stderr, "usage: extract_dir [-f text|json|md] OUT_DIR FILE...\n");
        return 2;
    }
    const char *out = argv[i++];
    int bad = 0;
    for (; i < argc; i++) {
        size_t n;
        char *data = slurp(argv[i], &n);
        if (!data) {
            perror(argv[i]);
            bad = 1;
            continue;
        }
        th_doc *doc = NULL;
        th_status st = th_extract(data, n, NULL, &doc);
        free(data);
        const char *base = strrchr(argv[i], '/');
        base = base ? base + 1 : argv[i];
        size_t bl = strlen(base);
        if (bl > 5 && strcmp(base + bl - 5, ".html") == 0)
            bl -= 5;
        char path[4096];
        snprintf(path, sizeof path, "%s/%.*s%s", out, (int)bl, base, ext);
        FILE *f = fopen(path, "wb");
        if (!f) {
            perror(path);
            th_doc_free(doc);
            return 1;
        }
        char *s = NULL;
        size_t sl = 0;
        if (st == TH_OK && th_doc_render(doc, fmt, argv[i], &s, &sl) == TH_OK) {
            fwrite(s, 1, sl, f);
            th_free(s);
        } else {
            fprintf(stderr, "%s: %s\n", argv[i], th_strerror(st));
            bad = 1;
        }
        fclose(f);
        th_doc_free(doc);
    }
    return bad;
}
