/*
 * doc.h -- the document model every stage fills and every writer reads.
 *
 * A th_doc owns one arena; every string and array below lives in it and
 * dies with th_doc_free.  Stages add to the document through the th__doc_*
 * calls, which copy their input into the arena, so callers may pass
 * borrowed or temporary strings.  All text is valid UTF-8 with whitespace
 * collapsed inside a block (pre blocks keep their newlines).
 */
#ifndef TH_DOC_H
#define TH_DOC_H
#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "thresh.h"

typedef struct th_block {
    th_block_kind kind;
    int level;        /* heading 1-6; list item depth from 1; else 0 */
    bool ordered;     /* list item of an ordered list */
    const char *text; /* plain text */
    size_t len;
    const char *md;   /* inline Markdown (links, emphasis), or NULL: text */
    size_t md_len;
} th_block;

typedef struct th_link {
    const char *text;
    const char *url; /* may be NULL */
} th_link;

typedef struct th_comment {
    const char *id;     /* the page's id, or "c<N>" */
    long parent;        /* index into comments of the parent, -1 top level */
    int depth;          /* 0 for top level */
    const char *author; /* NULL when anonymous */
    const char *date;   /* ISO 8601 when it could be parsed, else raw; NULL */
    const char *text;   /* paragraphs separated by "\n\n" */
    long votes;
    bool has_votes;
} th_comment;

/* Line labels for flattened-text input (--format labels). */
typedef enum th_label {
    TH_LABEL_BLANK = 0,
    TH_LABEL_TITLE,
    TH_LABEL_BYLINE,
    TH_LABEL_BODY,
    TH_LABEL_CAPTION,
    TH_LABEL_RELATED,
    TH_LABEL_BOILER,
    TH_LABEL_COMMENT_AUTHOR,
    TH_LABEL_COMMENT
} th_label;

const char *th__label_name(th_label label);

typedef struct th_line {
    const char *text; /* the input line, UTF-8 repaired, without newline */
    size_t len;
    th_label label;
} th_line;

/* th_doc.title_src */
typedef enum th_title_src {
    TH_TITLE_SRC_NONE = 0,
    TH_TITLE_SRC_HEADING,  /* a visible heading agreeing with metadata */
    TH_TITLE_SRC_LONE_H1,  /* the only h1, agreeing with nothing */
    TH_TITLE_SRC_META,     /* a declared headline, site name cut */
    TH_TITLE_SRC_TAG,      /* <title>, site name cut */
    TH_TITLE_SRC_H1        /* the first h1, nothing else */
} th_title_src;

struct th_doc {
    th_arena arena;
    th_input_kind kind;      /* HTML or TEXT: what the input was taken as */
    const char *charset;     /* the encoding the input was decoded from */

    /* metadata (NULL = unknown) */
    const char *title;
    const char *byline;      /* authors joined by ", " */
    const char **authors;
    size_t nauthors, cap_authors;
    const char *date;        /* published, ISO 8601 */
    const char *modified;    /* modified, ISO 8601 */
    const char *site;
    const char *url;         /* canonical URL */
    const char *lang;
    const char *description;
    const char *image;

    th_block *blocks;
    size_t nblocks, cap_blocks;
    const char **captions;
    size_t ncaptions, cap_captions;
    th_link *related;
    size_t nrelated, cap_related;
    th_comment *comments;
    size_t ncomments, cap_comments;
    /* where meta took the title from (th_title_src), and whether the page
     * declares a headline (JSON-LD, og:/twitter:/dc: title): lets a later
     * stage weigh the title against the article's own heading. */
    int title_src;
    bool title_declared;
    /* the page has no visible h1 and no h2 outside furniture: its
     * headline, if any, is set at a lower level */
    bool title_no_heads;

    th_line *lines;          /* text input only, when labels are kept */
    size_t nlines, cap_lines;

    /* language detected from title + body (th_doc_detect_lang, lang.c):
     * a static code or NULL; lang_from_text when `lang` was empty and was
     * filled with it. */
    const char *lang_detected;
    bool lang_from_text;

    bool oom;                /* sticky: an allocation failed in some stage */
};

/* A new empty document with its own arena; NULL on ENOMEM. */
th_doc *th__doc_new(void);

/* Copies s[0..len) into the arena with whitespace collapsed and invalid
 * UTF-8 repaired; NULL (and doc->oom) on ENOMEM.  Returns NULL for a string
 * that is empty after collapsing when `null_if_empty`. */
const char *th__doc_str(th_doc *doc, const char *s, size_t len,
                        bool null_if_empty);

/* Each returns 0, or -1 on ENOMEM (and sets doc->oom).  Strings are copied
 * (whitespace collapsed, except PRE text). Empty text is ignored. */
int th__doc_add_block(th_doc *doc, th_block_kind kind, int level,
                      bool ordered, const char *text, size_t len,
                      const char *md, size_t md_len);
int th__doc_add_caption(th_doc *doc, const char *text, size_t len);
int th__doc_add_related(th_doc *doc, const char *text, size_t len,
                        const char *url);
int th__doc_add_author(th_doc *doc, const char *name, size_t len);
/* Appends a comment (copied); returns its index or -1 on ENOMEM. */
long th__doc_add_comment(th_doc *doc, const th_comment *c);

#endif
