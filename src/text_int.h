/*
 * text_int.h -- what the parts of the flattened-text labeller share:
 * per-line features (tl), the page context (ctx) and the comments being
 * built (cmt, cbuild).  text.c finds regions and labels lines;
 * text_thread.c cuts the comment region into comments and threads them.
 */
#ifndef TH_TEXT_INT_H
#define TH_TEXT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "text_lex.h"

enum {
    K_BLANK = 0, K_PROSE, K_TEXT, K_NAV, K_FURN, K_WIDGET, K_CHEAD, K_DATE,
    K_NAME, K_CAPTION, K_RELHEAD, K_ABOUT, K_BYLINE, K_NUMERIC, K_SYMBOL
};
enum { E_NONE = 0, E_SENT, E_COLON, E_PUNCT, E_ALNUM };
enum { B_NONE = 0, B_SYM, B_NUM };
enum { R_HEAD = 0, R_ART, R_POST, R_CMT, R_FOOT, R_N };

/* flag bits */
#define F_NAMEISH 0x0001u  /* 1-4 name tokens, no final punctuation */
#define F_NAMESTR 0x0002u  /* name-ish with capitals/handles */
#define F_SIGN 0x0004u     /* "Name says:" */
#define F_LOWER 0x0008u    /* starts with a lowercase letter */
#define F_QUEST 0x0010u    /* has ? or ! */
#define F_QUOTE 0x0020u    /* starts with a quotation mark */
#define F_HEADING 0x0040u  /* heading-like: short, no sentence end */
#define F_REPEAT 0x0080u   /* the same letters occur on another line */
#define F_TITLEREP 0x0100u /* the title (once or repeated) */
#define F_URL 0x0200u
#define F_OPENER 0x0400u   /* starts with a reply opener */
#define F_ANCHOR 0x0800u   /* strong comment-section evidence */
#define F_NEAR 0x1000u     /* the same letters a few lines away (teaser, caption) */
#define F_RELLINE 0x2000u  /* "Read also: headline" on one line */
#define F_CREDIT 0x4000u   /* a picture credit (©) or a " | " separated line */
#define F_NAMEDATE 0x8000u /* "Name · March 10, 2017 at 3:19 am": a signature */

typedef struct tl {
    uint32_t off, len;  /* raw line in the input (no \r\n) */
    uint32_t cs, ce;    /* content (after indent and bullet) in the input */
    uint32_t indent;    /* leading columns */
    uint32_t nchars;    /* code points of the content */
    uint32_t nwords, ncap;
    uint32_t hash;      /* letters and digits, lowercased */
    uint32_t hlen;      /* how many letters were hashed */
    uint16_t flags;
    uint8_t kind, endp, bullet, first, second, blank_before;
    uint8_t label, region;
    uint8_t cjk;        /* ideographs/kana make up most of the content */
    float b;            /* body evidence */
    float c;            /* comment evidence */
} tl;

typedef struct cmt {
    size_t first, last; /* line range */
    long parent;
    int depth;
    int indent;         /* bullet/number indent, -1 flat */
    size_t author;      /* line index of the author line, or SIZE_MAX */
    size_t date;        /* line index of a date line, or SIZE_MAX */
    uint64_t bloom[4];  /* content words, filled on first use */
    bool bloom_done;
    uint32_t gap;       /* blank lines before the comment */
    bool has_text;
    bool reply_cue;
} cmt;

typedef struct ctx {
    const char *s;
    size_t n;
    tl *L;
    size_t nl;
    uint64_t *ch;       /* content hash per line (0: empty content) */
    th_arena *scratch;
    long title;         /* line index of the title or -1 */
    long related_from;
    size_t cmt_floor;   /* no comment region before this line */  /* first line of a related story printed in full */
    int body_indent;
    uint32_t wrapw; /* hard-wrap width of the dump, 0: not wrapped (fill_doc) */
    bool runs;          /* blank-line runs separate containers (see runs_layout) */
    int toc_n;          /* list items printed again later on their own */
    uint32_t toc[2][32];/* (list item, later line) pairs, the first 32 */
} ctx;

typedef struct cbuild {
    cmt *c;
    size_t n, cap;
} cbuild;

/* ------------------------------------------------ shared helpers ---- */

static inline bool quote_cp(uint32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D ||
           cp == 0x201E || cp == 0xAB || cp == 0xBB || cp == 0x2018 ||
           cp == 0x2019 || cp == 0x201A || cp == 0x2039 || cp == 0x203A;
}

/* Decodes the code point at s[i] without reading past n. */
static inline size_t dec(const char *s, size_t n, size_t i, uint32_t *cp)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    return th__tx_dec(s + i, n - i, cp);
}

static inline long next_nonblank(ctx *x, size_t i, size_t lim)
{
    for (size_t j = i; j < x->nl && j < lim; j++)
        if (x->L[j].kind != K_BLANK)
            return (long)j;
    return -1;
}

/* text_thread.c */
int th__text_build_comments(ctx *x, size_t b, size_t e, cbuild *cb);
void th__text_thread_flat(ctx *x, cbuild *cb);
int th__text_add_comment_docs(ctx *x, th_doc *doc, cbuild *cb);
size_t th__text_clean_copy(const char *s, size_t b, size_t e, char *out);
/* text.c: line i goes on at line i + 1 in a dump hard-wrapped at
 * x->wrapw columns (same indentation, no bullet, the next line's first
 * word would not have fitted). */
bool th__text_wraps_on(const ctx *x, size_t i);
/* text.c: p[0..n) ends in an image file extension (".jpg", ".png", ...) */
bool th__text_image_ext(const char *p, size_t n);

#endif
