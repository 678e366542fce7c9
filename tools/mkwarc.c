/*
 * mkwarc.c -- writes a WARC file from pages, for tests, benchmarks and the
 * dedup evaluation (build: make build/mkwarc).
 *
 *   mkwarc [options] OUT PAGE_OR_DIR...
 *     --plain        uncompressed WARC (default: one gzip member per record)
 *     --mix          vary the HTTP encoding of responses: identity, chunked,
 *                    gzip content-encoding, chunked+gzip (round robin)
 *     --no-request   do not write request records
 *     --url PREFIX   target URIs are PREFIX + the page's path (default
 *                    http://example.org/)
 *
 * Each page becomes a request record (unless --no-request) and a response
 * record "HTTP/1.1 200 OK" with Content-Type text/html (text/plain for
 * .txt).  A warcinfo record comes first.  Directories are walked in sorted
 * order; only .html/.htm/.txt files are taken.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "thresh.h"
#include "warc.h"

static int g_plain, g_mix, g_noreq, g_count;
static const char *g_prefix = "http://example.org/";

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, r;
    char *p = malloc(cap);
    while ((r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap)
            p = realloc(p, cap *= 2);
    }
    fclose(f);
    *len = n;
    return p;
}

static int add_page(FILE *out, const char *path)
{
    size_t len;
    char *page = slurp(path, &len);
    if (!page) {
        perror(path);
        return -1;
    }
    const char *dot = strrchr(path, '.');
    const char *ctype = dot && strcmp(dot, ".txt") == 0 ? "text/plain"
                                                        : "text/html";
    char uri[4096];
    snprintf(uri, sizeof uri, "%s%s", g_prefix, path[0] == '/' ? path + 1 : path);
    char req[4600];
    int rn = snprintf(req, sizeof req,
                      "GET /%s HTTP/1.1\r\nHost: example.org\r\n\r\n",
                      path[0] == '/' ? path + 1 : path);
    if (!g_noreq &&
        th__warc_write(out, !g_plain, "request", uri, NULL,
                       "application/http; msgtype=request", req,
                       (size_t)rn) != TH_OK)
        return -1;
    int mode = g_mix ? g_count % 4 : 0;
    g_count++;
    const char *body = page;
    size_t blen = len;
    char *z = NULL;
    if (mode >= 2) {
        size_t zn;
        if (th__gzip(page, len, &z, &zn) != TH_OK)
            return -1;
        body = z;
        blen = zn;
    }
    size_t cap = blen * 2 + 1024;
    char *resp = malloc(cap);
    int n = snprintf(resp, cap, "HTTP/1.1 200 OK\r\nContent-Type: %s\r\n%s%s",
                     ctype, mode >= 2 ? "Content-Encoding: gzip\r\n" : "",
                     mode & 1 ? "Transfer-Encoding: chunked\r\n\r\n"
                              : "\r\n");
    size_t k = (size_t)n;
    if (mode & 1) {
        /* Chunks of 1000 bytes. */
        for (size_t i = 0; i < blen; i += 1000) {
            size_t c = blen - i < 1000 ? blen - i : 1000;
            k += (size_t)snprintf(resp + k, cap - k, "%zx\r\n", c);
            memcpy(resp + k, body + i, c);
            k += c;
            memcpy(resp + k, "\r\n", 2);
            k += 2;
        }
        memcpy(resp + k, "0\r\n\r\n", 5);
        k += 5;
    } else {
        memcpy(resp + k, body, blen);
        k += blen;
    }
    th_status st = th__warc_write(out, !g_plain, "response", uri, NULL,
                                  "application/http; msgtype=response", resp,
                                  k);
    free(resp);
    th_free(z);
    free(page);
    return st == TH_OK ? 0 : -1;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_path(FILE *out, const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(sb.st_mode))
        return add_page(out, path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        names = realloc(names, (n + 1) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char full[4096];
        size_t pl = strlen(path);
        snprintf(full, sizeof full, "%s%s%s", path,
                 pl && path[pl - 1] == '/' ? "" : "/", names[i]);
        const char *dot = strrchr(names[i], '.');
        struct stat s2;
        if (stat(full, &s2) == 0 && S_ISDIR(s2.st_mode))
            rc |= add_path(out, full);
        else if (dot && (strcmp(dot, ".html") == 0 || strcmp(dot, ".htm") == 0 ||
                         strcmp(dot, ".txt") == 0))
            rc |= add_page(out, full);
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--plain") == 0)
            g_plain = 1;
        else if (strcmp(argv[i], "--mix") == 0)
            g_mix = 1;
        else if (strcmp(argv[i], "--no-request") == 0)
            g_noreq = 1;
        else if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
            g_prefix = argv[++i];
        else {
            fprintf(stderr, "mkwarc: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (argc - i < 2) {
        fprintf(stderr, "usage: mkwarc [--plain] [--mix] [--no-request] "
                        "[--url PREFIX] OUT PAGE_OR_DIR...\n");
        return 2;
    }
    FILE *out = strcmp(argv[i], "-") == 0 ? stdout : fopen(argv[i], "wb");
    if (!out) {
        perror(argv[i]);
        return 1;
    }
    static const char info[] = "software: thresh mkwarc\r\nformat: WARC File "
                               "Format 1.1\r\n";
    th__warc_write(out, !g_plain, "warcinfo", NULL, NULL,
                   "application/warc-fields", info, sizeof info - 1);
    int rc = 0;
    for (i++; i < argc; i++)
        rc |= add_path(out, argv[i]);
    if (out != stdout)
        fclose(out);
    return rc ? 1 : 0;
}
