/*
 * main.c -- PLACEHOLDER thresh command: `thresh extract FILE`.  Uses only
 * the public API (include/thresh.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "thresh.h"

int main(int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[1], "extract") != 0) {
        fprintf(stderr, "usage: thresh extract FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    char *buf = NULL;
    size_t n = 0, cap = 0, r;
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
        }
        r = fread(buf + n, 1, cap - n, f);
        n += r;
    } while (r > 0);
    fclose(f);
    th_doc *doc;
    th_status st = th_extract(buf, n, NULL, &doc);
    free(buf);
    if (st) {
        fprintf(stderr, "%s: %s\n", argv[2], th_strerror(st));
        return 1;
    }
    char *out;
    if (th_doc_render(doc, TH_FORMAT_JSON, argv[2], &out, NULL) == TH_OK) {
        puts(out);
        th_free(out);
    }
    th_doc_free(doc);
    return 0;
}
