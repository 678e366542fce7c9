/*
 * main.c -- the `thresh` command: finds the subcommand and hands over.
 * Each subcommand lives in its own file (cli/extract.c, ...) and is one row
 * of g_commands; adding one means adding a row and a file.
 */
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "thresh.h"

typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
    void (*usage)(FILE *f);
} command;

static const command g_commands[] = {
    {"extract", "extract articles from pages (JSON, text, Markdown, labels)",
     cli_extract_main, cli_extract_usage},
    {"corpus", "corpus run: WARC/dirs/JSONL in, deduplicated JSONL or SQLite out",
     cli_corpus_main, cli_corpus_usage},
    {"search", "full-text search of a corpus store", cli_search_main,
     cli_search_usage},
    {"show", "one document of a corpus store with its comments",
     cli_show_main, cli_show_usage},
};

#define NCOMMANDS (sizeof g_commands / sizeof g_commands[0])

static void usage(FILE *f)
{
    fputs("usage: thresh COMMAND [options] [ARGS]\n"
          "\n"
          "thresh turns crawled news pages (HTML, or text flattened by a\n"
          "crawler) into structured documents: title, byline, dates, the\n"
          "article body, captions, related links and reader comments.\n"
          "\n"
          "Commands:\n",
          f);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-9s %s\n", g_commands[i].name, g_commands[i].summary);
    fputs("  help      help on a command: thresh help extract\n"
          "\n"
          "Options:\n"
          "  --version   print the version and exit\n"
          "  -h, --help  print this help and exit\n",
          f);
}

static const command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(g_commands[i].name, name) == 0)
            return &g_commands[i];
    return NULL;
}

/* thresh runs page after page: each page's memory is freed and the next
 * needs about as much again.  By default glibc hands the freed top of the
 * heap back to the kernel after a page (and maps buffers over 128 KiB
 * afresh), so the next page takes the same memory back one page fault
 * per 4 KiB: 25,500 faults and ~11% of `thresh extract`'s time over the
 * 632 dev pages (docs/internals/api.md "Allocator settings").  Keeping up
 * to 64 MiB of free heap, and mapping only buffers over 32 MiB, ends that;
 * the peak memory is unchanged.  A host embedding libthresh chooses its
 * own settings: the library never changes them. */
static void tune_allocator(void)
{
#if defined(__GLIBC__) && defined(M_TRIM_THRESHOLD) && defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
}

int main(int argc, char **argv)
{
    tune_allocator();
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("thresh %s\n", th_version());
        return CLI_OK;
    }
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
        strcmp(cmd, "help") == 0) {
        if (argc > 2 && strcmp(cmd, "help") == 0) {
            const command *c = find(argv[2]);
            if (!c) {
                fprintf(stderr, "thresh: no command '%s'\n", argv[2]);
                usage(stderr);
                return CLI_USAGE;
            }
            c->usage(stdout);
            return CLI_OK;
        }
        usage(stdout);
        return CLI_OK;
    }
    const command *c = find(cmd);
    if (!c) {
        fprintf(stderr, "thresh: unknown command '%s'\n\n", cmd);
        usage(stderr);
        return CLI_USAGE;
    }
    return c->run(argc - 1, argv + 1);
}
