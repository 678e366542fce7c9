/*
 * pages.h -- the page list and clocks the bench drivers share
 * (extract_bench.c, xml_parse.c).  Header-only, static functions: each
 * driver is one translation unit.
 *
 * A page list comes from the command line: a FILE, a DIRECTORY (its *.html
 * files, sorted by name) or @LIST (a text file with one path per line).
 * Pages are either loaded into memory before any timing (speed runs: the
 * clock then sees parsing and extraction only, never the disk) or read one
 * at a time (memory runs: nothing but the current page is held).
 *
 * This is bench code, not library code: it may print and exit.
 */
#ifndef TH_BENCH_PAGES_H
#define TH_BENCH_PAGES_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct bench_page {
    char *path;
    char *data; /* NULL until loaded */
    size_t len;
} bench_page;

typedef struct bench_list {
    bench_page *a;
    size_t n, cap;
} bench_list;

static inline void bench_die(const char *what, const char *arg)
{
    fprintf(stderr, "bench: %s%s%s\n", what, arg ? ": " : "", arg ? arg : "");
    exit(2);
}

static inline void bench_push(bench_list *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 256;
        l->a = realloc(l->a, l->cap * sizeof *l->a);
        if (!l->a)
            bench_die("out of memory", NULL);
    }
    l->a[l->n].path = strdup(path);
    l->a[l->n].data = NULL;
    l->a[l->n].len = 0;
    if (!l->a[l->n].path)
        bench_die("out of memory", NULL);
    l->n++;
}

static inline int bench_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static inline int bench_ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static inline void bench_add_dir(bench_list *l, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        bench_die("cannot open directory", dir);
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!bench_ends_with(e->d_name, ".html"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 256;
            names = realloc(names, cap * sizeof *names);
            if (!names)
                bench_die("out of memory", NULL);
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            bench_die("out of memory", NULL);
        snprintf(names[n], len, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, bench_cmp_str);
    for (size_t i = 0; i < n; i++) {
        bench_push(l, names[i]);
        free(names[i]);
    }
    free(names);
}

static inline void bench_add_listfile(bench_list *l, const char *file)
{
    FILE *f = fopen(file, "r");
    if (!f)
        bench_die("cannot open list", file);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n && line[0] != '#')
            bench_push(l, line);
    }
    fclose(f);
}

/* FILE, DIRECTORY or @LIST. */
static inline void bench_add_arg(bench_list *l, const char *arg)
{
    struct stat st;
    if (arg[0] == '@')
        bench_add_listfile(l, arg + 1);
    else if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        bench_add_dir(l, arg);
    else
        bench_push(l, arg);
}

/* Reads a whole file with stdio; the caller frees. */
static inline char *bench_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        bench_die("cannot read", path);
    size_t cap = 1 << 16, n = 0, r;
    char *p = malloc(cap);
    while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            cap *= 2;
            char *q = realloc(p, cap);
            if (!q)
                free(p);
            p = q;
        }
    }
    fclose(f);
    if (!p)
        bench_die("out of memory", path);
    *len = n;
    return p;
}

static inline size_t bench_load_all(bench_list *l)
{
    size_t total = 0;
    for (size_t i = 0; i < l->n; i++) {
        l->a[i].data = bench_read(l->a[i].path, &l->a[i].len);
        total += l->a[i].len;
    }
    return total;
}

static inline void bench_free_list(bench_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->a[i].path);
        free(l->a[i].data);
    }
    free(l->a);
    l->a = NULL;
    l->n = l->cap = 0;
}

/* CPU seconds of this process (immune to other jobs on a shared core,
 * unlike wall time, though not to their cache pressure). */
static inline double bench_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline double bench_wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size so far, in KiB (getrusage). */
static inline long bench_peak_rss_kb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss;
}

/* Current resident set size in KiB (/proc/self/statm), -1 if unknown. */
static inline long bench_cur_rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long size = 0, res = -1;
    if (!f)
        return -1;
    if (fscanf(f, "%ld %ld", &size, &res) != 2)
        res = -1;
    fclose(f);
    return res < 0 ? -1 : res * (sysconf(_SC_PAGESIZE) / 1024);
}

#endif
