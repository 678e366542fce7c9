/*
 * walk.c -- turns command-line INPUT arguments into a list of pages: files
 * as they are, directories walked recursively for the wanted extensions
 * and sorted by path.  Walking never opens the files themselves; reading
 * errors are reported later, page by page, by the subcommand.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"

void *cli_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("thresh: out of memory\n", stderr);
        exit(CLI_FAILED);
    }
    return p;
}

void *cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("thresh: out of memory\n", stderr);
        exit(CLI_FAILED);
    }
    return q;
}

char *cli_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(cli_xmalloc(n), s, n);
}

static void push(cli_inputs *l, char *path, char *rel, int err)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->v = cli_xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n].path = path;
    l->v[l->n].rel = rel;
    l->v[l->n].err = err;
    l->n++;
}

static int has_ext(const char *name, const char *const *exts)
{
    size_t n = strlen(name);
    for (; *exts; exts++) {
        size_t e = strlen(*exts);
        if (n > e && strcasecmp(name + n - e, *exts) == 0)
            return 1;
    }
    return 0;
}

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int slash = na && a[na - 1] != '/';
    char *p = cli_xmalloc(na + (size_t)slash + nb + 1);
    memcpy(p, a, na);
    if (slash)
        p[na] = '/';
    memcpy(p + na + slash, b, nb + 1);
    return p;
}

/* Walks `dir` (whose path below the root is `rel`, "" at the root). */
static void walk(cli_inputs *l, const char *dir, const char *rel,
                 const char *const *exts)
{
    DIR *d = opendir(dir);
    if (!d) {
        push(l, cli_xstrdup(dir), cli_xstrdup(*rel ? rel : "."), errno);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2])))
            continue;
        char *path = join(dir, name);
        char *r = *rel ? join(rel, name) : cli_xstrdup(name);
        struct stat st;
        int isdir = 0, isreg = 0;
        if (lstat(path, &st) == 0) {
            if (S_ISLNK(st.st_mode)) {
                /* Follow links to files only: a link to a directory could
                 * make a cycle. */
                isreg = stat(path, &st) == 0 && S_ISREG(st.st_mode);
            } else {
                isdir = S_ISDIR(st.st_mode);
                isreg = S_ISREG(st.st_mode);
            }
        }
        if (isdir) {
            walk(l, path, r, exts);
            free(path);
            free(r);
        } else if (isreg && has_ext(name, exts)) {
            push(l, path, r, 0);
        } else {
            free(path);
            free(r);
        }
    }
    closedir(d);
}

static int by_rel(const void *a, const void *b)
{
    return strcmp(((const cli_input *)a)->rel, ((const cli_input *)b)->rel);
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

void cli_inputs_add(cli_inputs *l, const char *arg, const char *const *exts)
{
    struct stat st;
    if (strcmp(arg, "-") == 0) {
        push(l, cli_xstrdup("-"), cli_xstrdup("stdin"), 0);
    } else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t first = l->n;
        walk(l, arg, "", exts);
        if (l->n - first > 1)
            qsort(l->v + first, l->n - first, sizeof *l->v, by_rel);
    } else {
        const char *b = base_name(arg);
        push(l, cli_xstrdup(arg), cli_xstrdup(*b ? b : arg), 0);
    }
}

void cli_inputs_free(cli_inputs *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].rel);
    }
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
