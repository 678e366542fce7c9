/*
 * cli.h -- shared pieces of the `thresh` command: the subcommand entry
 * points (one file each), directory walking and small helpers that die on
 * out-of-memory (the command may; the library never does).  The command
 * uses only the public API, include/thresh.h.
 */
#ifndef TH_CLI_H
#define TH_CLI_H
#include <stddef.h>
#include <stdio.h>

/* Exit statuses of every subcommand. */
#define CLI_OK 0      /* everything done */
#define CLI_FAILED 1  /* some input failed; the others were processed */
#define CLI_USAGE 2   /* bad command line */

/* A subcommand: argv[0] is its name.  Returns a CLI_* status. */
int cli_extract_main(int argc, char **argv);
/* Writes the subcommand's --help text. */
void cli_extract_usage(FILE *f);
/* cli/corpus.c: thresh corpus, search, show. */
int cli_corpus_main(int argc, char **argv);
void cli_corpus_usage(FILE *f);
int cli_search_main(int argc, char **argv);
void cli_search_usage(FILE *f);
int cli_show_main(int argc, char **argv);
void cli_show_usage(FILE *f);

/* One input found on the command line or below a directory. */
typedef struct cli_input {
    char *path; /* the path to open, or "-" for standard input */
    char *rel;  /* output name: the path below the walked directory, or the
                 * file's base name, or "stdin" */
    int err;    /* an errno from walking (unreadable directory), else 0 */
} cli_input;

typedef struct cli_inputs {
    cli_input *v;
    size_t n, cap;
} cli_inputs;

/*
 * Adds `arg` to `list`: a directory is walked recursively and every
 * regular file whose name ends (case-insensitively) in one of `exts` (a
 * NULL-terminated list like {".html", ".htm", NULL}) is added, sorted by
 * path (bytewise) so runs are deterministic.  Symbolic links to files are
 * followed, links to directories are not (no cycles).  Anything else
 * (a file, "-", a missing path) is added as it is and fails when read.
 */
void cli_inputs_add(cli_inputs *list, const char *arg, const char *const *exts);
void cli_inputs_free(cli_inputs *list);

/* malloc/realloc/strdup that exit with a message when memory runs out. */
void *cli_xmalloc(size_t n);
void *cli_xrealloc(void *p, size_t n);
char *cli_xstrdup(const char *s);

#endif
