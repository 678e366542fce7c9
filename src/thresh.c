/*
 * thresh.c -- the one-call pipeline behind th_extract: sniff the input
 * kind, decode to UTF-8, then either parse HTML (html) and run the DOM
 * stages (meta, comments, extract) or segment flattened text (text).  Also
 * the small public odds and ends: status strings, version, option defaults.
 */
#include <stdbool.h>
#include <string.h>

#include "charset.h"
#include "comments.h"
#include "doc.h"
#include "extract.h"
#include "html.h"
#include "mem.h"
#include "meta.h"
#include "text.h"
#include "thresh.h"
#include "unzip.h"
#include "utf8.h"

const char *th_strerror(th_status status)
{
    switch (status) {
    case TH_OK: return "success";
    case TH_ENOMEM: return "out of memory";
    case TH_EINVAL: return "invalid argument";
    case TH_ETOOBIG: return "input over the size limit";
    case TH_EPARSE:
        return "not a page: binary data (an image, PDF, archive?) or damaged gzip";
    case TH_EIO: return "input/output error";
    case TH_EDB: return "database error";
    case TH_EEMPTY: return "empty input";
    }
    return "unknown error";
}

const char *th_version(void) { return TH_VERSION_STRING; }

void th_options_init(th_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->kind = TH_INPUT_AUTO;
    opts->max_bytes = (size_t)256 * 1024 * 1024;
    opts->max_depth = 512;
    opts->max_attrs = 256;
}

static int ieq_prefix(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return 0;
    }
    return 1;
}

/* HTML when the first non-space bytes open markup, or a well-known tag
 * appears early.  Flattened text rarely has "<tag" sequences at all. */
static th_input_kind sniff(const char *s, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)s[0] == 0xEF &&
        (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
        i = 3;
    if (len >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
                     ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF)))
        return TH_INPUT_HTML; /* UTF-16: only HTML pages come that way */
    while (i < len && th__is_space((unsigned char)s[i]))
        i++;
    if (i < len && s[i] == '<') {
        const char *p = s + i + 1;
        size_t n = len - i - 1;
        if (n && (p[0] == '!' || p[0] == '?' || p[0] == '/' ||
                  (p[0] >= 'a' && p[0] <= 'z') || (p[0] >= 'A' && p[0] <= 'Z')))
            return TH_INPUT_HTML;
    }
    static const char *const tags[] = {"<html", "<body", "<head", "<div",
                                       "<p>", "<p ", "<meta", "<!doctype",
                                       "<article", "<br", "<script"};
    size_t lim = len < 8192 ? len : 8192;
    for (size_t k = i; k < lim; k++) {
        if (s[k] != '<')
            continue;
        for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++)
            if (ieq_prefix(s + k, lim - k, tags[t]))
                return TH_INPUT_HTML;
    }
    return TH_INPUT_TEXT;
}

static bool has_prefix(const char *s, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(s, magic, n) == 0;
}

/* Whether the input is binary data (an image, a PDF, an archive, random
 * bytes) rather than a page in some text encoding; asked only when the
 * caller left the kind to sniffing (a forced kind is read best effort,
 * whatever the bytes).  Markup from the first byte is a page.  Then two
 * tests: the signatures of formats crawls hold next to pages (some start
 * with printable bytes, like "%PDF-"), then the share of C0 control bytes
 * in the first 4 KiB, which text does not use except tab, newlines, form
 * feed and ESC (ISO-2022-JP).  Random bytes hold ~11% of them; the cut is
 * 5%, with at least 8 seen, so a page with a few stray NULs is still a
 * page.  UTF-16 with a BOM is text (charset.c decodes it); without one it
 * reads as binary, as it would have come out as noise. */
static bool looks_binary(const char *s, size_t len)
{
    static const struct { const char *m; size_t n; } sig[] = {
        {"%PDF-", 5},        {"\x89PNG\r\n\x1a\n", 8}, {"\xff\xd8\xff", 3},
        {"GIF87a", 6},       {"GIF89a", 6},           {"PK\x03\x04", 4},
        {"\x7f" "ELF", 4},    {"7z\xbc\xaf\x27\x1c", 6}, {"\xfd" "7zXZ", 5},
        {"\x28\xb5\x2f\xfd", 4}, {"OggS", 4},           {"\x1a\x45\xdf\xa3", 4},
    };
    if (has_prefix(s, len, "\xff\xfe", 2) || has_prefix(s, len, "\xfe\xff", 2))
        return false;
    /* markup from the first byte (after spaces) is a page, NULs or not */
    size_t k = 0;
    while (k < len && k < 64 && th__is_space((unsigned char)s[k]))
        k++;
    if (k + 1 < len && s[k] == '<' &&
        (s[k + 1] == '!' || s[k + 1] == '?' ||
         ((s[k + 1] | 0x20) >= 'a' && (s[k + 1] | 0x20) <= 'z')))
        return false;
    for (size_t i = 0; i < sizeof sig / sizeof sig[0]; i++)
        if (has_prefix(s, len, sig[i].m, sig[i].n))
            return true;
    if (has_prefix(s, len, "RIFF", 4) && len >= 12 &&
        (memcmp(s + 8, "WEBP", 4) == 0 || memcmp(s + 8, "WAVE", 4) == 0 ||
         memcmp(s + 8, "AVI ", 4) == 0))
        return true;
    size_t n = len < 4096 ? len : 4096, ctrl = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        ctrl += (c < 0x20 && c != '\t' && c != '\n' && c != '\v' &&
                 c != '\f' && c != '\r' && c != 0x1b) ||
                c == 0x7f;
    }
    return ctrl >= 8 && ctrl * 20 > n;
}

/* Meta runs before the body is found, so it cannot see the article's own
 * heading.  When the title came only from a weak source (the <title> tag,
 * a lone h1) and the page declares no headline, the heading that opens
 * the extracted article (one of its first blocks, or the h1/h2 just above
 * its first block) is the better title: a section-label h1 ("News") or a
 * "Page - Site" <title> stands above the article's real headline.  A
 * title heading found only below the article's first paragraph (a share
 * box) yields to the h1/h2 the article opens with, whatever declared it. */
/* Whether a title still holds a " - ", " | ", " – ", " — ", " · " or
 * " / " between segments: a "Page - Site" whose site name meta could not
 * tell apart. */
static bool has_separator(const char *t)
{
    static const char *const seps[] = {" - ", " | ", " \xe2\x80\x93 ",
                                       " \xe2\x80\x94 ", " \xc2\xb7 ",
                                       " / "};
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++)
        if (strstr(t, seps[i]))
            return true;
    return false;
}

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether `h` contains, ignoring ASCII case, a word of `t` of five or more
 * bytes: the heading names what the title names ("Downloading Python"
 * under "Download - Wiki"). */
static bool shares_word(const char *t, const char *h)
{
    size_t hl = strlen(h);
    for (const char *p = t; *p;) {
        while (*p && (*p == ' ' || *p == '-' || *p == '|' || *p == '/' ||
                      *p == ':' || *p == ','))
            p++;
        const char *w = p;
        while (*p && !(*p == ' ' || *p == '-' || *p == '|' || *p == '/' ||
                       *p == ':' || *p == ','))
            p++;
        size_t wl = (size_t)(p - w);
        if (wl < 5 || wl > hl)
            continue;
        for (size_t i = 0; i + wl <= hl; i++) {
            size_t k = 0;
            while (k < wl && lower_ascii((unsigned char)h[i + k]) ==
                                 lower_ascii((unsigned char)w[k]))
                k++;
            if (k == wl)
                return true;
        }
    }
    return false;
}

/* Whether two strings have the same ASCII letters and digits, ignoring
 * case (bytes >= 0x80 compared as they are): "ICON Magazine" and
 * "Icon-Magazine". */
static bool same_alnum(const char *a, const char *b)
{
    for (;;) {
        while (*a && !((*a >= '0' && *a <= '9') ||
                       (lower_ascii((unsigned char)*a) >= 'a' &&
                        lower_ascii((unsigned char)*a) <= 'z') ||
                       (unsigned char)*a >= 0x80))
            a++;
        while (*b && !((*b >= '0' && *b <= '9') ||
                       (lower_ascii((unsigned char)*b) >= 'a' &&
                        lower_ascii((unsigned char)*b) <= 'z') ||
                       (unsigned char)*b >= 0x80))
            b++;
        if (!*a || !*b)
            return !*a && !*b;
        if (lower_ascii((unsigned char)*a) != lower_ascii((unsigned char)*b))
            return false;
        a++, b++;
    }
}

/* Whether a paragraph is a short line set in bold or italics as a whole
 * ("**Davor und Danach**"): a heading an editor styled by hand.  At most
 * 12 words, not ending a sentence. */
static bool styled_line(const th_block *b)
{
    if (b->kind != TH_BLOCK_PARAGRAPH || !b->md || b->md_len < 3 ||
        b->len < 4 || b->len > 120)
        return false;
    char f = b->md[0];
    if ((f != '*' && f != '_') || b->md[b->md_len - 1] != f)
        return false;
    char last = b->text[b->len - 1];
    if (last == '.' || last == ',' || last == ';')
        return false;
    size_t words = 1;
    for (size_t i = 0; i < b->len; i++)
        if (b->text[i] == ' ')
            words++;
    return words <= 12;
}

/* Whether block b can stand for the article's heading: an h1/h2 of
 * headline length. */
static bool opening_heading(const th_block *b)
{
    return b->kind == TH_BLOCK_HEADING && b->level <= 2 && b->len >= 4 &&
           b->len <= 200;
}

static void retitle_from_body(th_doc *doc, const th_dom *dom)
{
    if (!doc->title)
        return;
    /* The heading the title came from stands only below the article's
     * first text block (a share box repeating the headline after the
     * text), and the article opens with its own h1/h2: that one heads
     * it. */
    if ((doc->title_src == TH_TITLE_SRC_HEADING ||
         doc->title_src == TH_TITLE_SRC_LONE_H1 ||
         doc->title_src == TH_TITLE_SRC_H1) &&
        doc->nblocks >= 2 && opening_heading(&doc->blocks[0]) &&
        doc->blocks[1].kind != TH_BLOCK_HEADING &&
        !same_alnum(doc->blocks[0].text, doc->title)) {
        th_body_heads bh;
        th__meta_body_heads(doc, dom, doc->blocks[1].text, true, &bh);
        if (bh.title_below) {
            doc->title = doc->blocks[0].text;
            return;
        }
    }
    /* A title that only names the site (og:title = og:site_name on an
     * article page) names no article, declared or not: the article's
     * opening heading does. */
    bool site_only = doc->site && same_alnum(doc->title, doc->site);
    if (doc->title_declared && !site_only)
        return;
    /* A <title> that shares no word with the page's own description is
     * the site's line, not the page's: a heading that the description
     * names replaces it ("Ausflugtipps Niederrhein und Ruhrgebiet" above
     * "Essen-Westviertel", described as "Das Westviertel ist ein
     * Stadtteil von Essen"). */
    bool off_desc = false;
    /* On a page without any h1 or h2 the headline is set at a lower
     * level; a <title> cut to a label shorter than 15 bytes (Readability's
     * "too short to be a title") yields to the heading that opens the
     * article, whatever its level ("Gaspreise" above an h6 headline). */
    bool short_label = false;
    if (site_only) {
        /* any source */
    } else if (doc->title_src == TH_TITLE_SRC_TAG) {
        off_desc = doc->description &&
                   !shares_word(doc->title, doc->description);
        short_label = doc->title_no_heads && strlen(doc->title) < 15;
        if (!has_separator(doc->title) && !off_desc && !short_label)
            return;
    } else if (doc->title_src != TH_TITLE_SRC_H1) {
        return;
    }
    const char *head = NULL;
    size_t hlen = 0;
    for (size_t i = 0; i < doc->nblocks && i < 3 && !head; i++) {
        const th_block *b = &doc->blocks[i];
        /* with no article title at all, the article's first line set in
         * bold or italics stands for its heading */
        if (site_only && i == 0 && styled_line(b) &&
            !same_alnum(b->text, doc->title)) {
            doc->title = b->text;
            return;
        }
        if (b->kind != TH_BLOCK_HEADING)
            continue;
        if (b->level > 2 && !doc->title_no_heads)
            return;
        head = b->text, hlen = b->len;
    }
    /* No heading opens the body: the article's heading may stand just
     * above the block the body starts with, outside the container the
     * body was taken from (a header with the date and category between) */
    if (!head && doc->nblocks) {
        th_body_heads bh;
        th__meta_body_heads(doc, dom, doc->blocks[0].text, false, &bh);
        head = bh.above, hlen = head ? strlen(head) : 0;
    }
    if (!head || hlen < 4 || hlen > 200)
        return;
    if (site_only && same_alnum(head, doc->title))
        return; /* "[> Site" is no better */
    if (site_only || doc->title_src == TH_TITLE_SRC_H1 ||
        shares_word(doc->title, head) || short_label ||
        (off_desc && shares_word(head, doc->description) &&
         !(doc->site && same_alnum(head, doc->site))))
        doc->title = head;
}

/* A short label above the headline: a section kicker ("Environment",
 * "Sequía"), at most four words and 40 bytes, no sentence end. */
static bool kicker_block(const th_block *b)
{
    if (b->kind == TH_BLOCK_PRE || b->len == 0 || b->len > 40)
        return false;
    char last = b->text[b->len - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':')
        return false;
    int words = 0;
    for (size_t i = 0; i < b->len; i++)
        if (b->text[i] != ' ' && (i == 0 || b->text[i - 1] == ' '))
            words++;
    return words <= 4;
}

/* Takes blocks [at, at + n) out of the body. */
static void remove_blocks(th_doc *doc, size_t at, size_t n)
{
    memmove(doc->blocks + at, doc->blocks + at + n,
            (doc->nblocks - at - n) * sizeof doc->blocks[0]);
    doc->nblocks -= n;
}

/* The body opens with the page's headline (the article's own header
 * taken in for its lead): the title is the document's `title`, so the
 * heading that repeats it leaves the body, with the section kicker
 * standing above it.  The lead below stays. */
static void drop_title_echo(th_doc *doc)
{
    if (!doc->title)
        return;
    for (size_t h = 0; h < doc->nblocks && h < 3; h++) {
        const th_block *b = &doc->blocks[h];
        if (b->kind == TH_BLOCK_HEADING && same_alnum(b->text, doc->title)) {
            size_t n = h + 1;
            if (n >= doc->nblocks)
                return; /* the headline is all there is: keep it */
            remove_blocks(doc, 0, n);
            break;
        }
        if (!kicker_block(b))
            break;
    }
    /* The byline line of that header ("Lucía Montero Gil · 21/12/2023
     * 10:15") among the first blocks: the document has it as byline (and
     * date).  A short block holding the byline and little else. */
    if (!doc->byline)
        return;
    size_t bl = strlen(doc->byline);
    for (size_t i = 0; i < doc->nblocks && i < 3; i++) {
        const th_block *b = &doc->blocks[i];
        if (b->kind == TH_BLOCK_PARAGRAPH && b->len <= bl + 40 &&
            doc->nblocks > 1 && strstr(b->text, doc->byline)) {
            remove_blocks(doc, i, 1);
            return;
        }
    }
}

static th_status extract_html(th_doc *doc, const char *data, size_t len,
                              const th_options *opts)
{
    th_arena scratch;
    th__arena_init(&scratch);
    const char *utf8 = NULL; /* may point into data: the parser reads bytes */
    size_t n = 0;
    const char *cs = NULL;
    th_status st = th__charset_view(&scratch, data, len, opts->charset, 1,
                                    &utf8, &n, &cs);
    if (st)
        goto done;
    doc->charset = cs;
    th_dom dom;
    st = th__html_parse(&dom, &scratch, utf8, n, opts);
    if (st)
        goto done;
    if (!(opts->flags & TH_OPT_NO_META)) {
        st = th__meta_extract(doc, &dom, opts);
        if (st)
            goto done;
    }
    th__comments_mark(&dom);
    st = th__extract_body(doc, &dom, opts);
    if (st)
        goto done;
    if (!(opts->flags & TH_OPT_NO_META))
        retitle_from_body(doc, &dom);
    if (!(opts->flags & TH_OPT_NO_META))
        drop_title_echo(doc);
    if (!(opts->flags & TH_OPT_NO_COMMENTS))
        st = th__comments_extract(doc, &dom, opts);
done:
    th__arena_cleanup(&scratch);
    return st;
}

static th_status extract_text(th_doc *doc, const char *data, size_t len,
                              const th_options *opts)
{
    th_arena scratch;
    th__arena_init(&scratch);
    /* th__text_extract reads (utf8, n) as bytes and never past n: clean
     * UTF-8 input is read in place, without a copy */
    const char *utf8 = NULL;
    size_t n = 0;
    const char *cs = NULL;
    th_status st = th__charset_view(&scratch, data, len, opts->charset, 0,
                                    &utf8, &n, &cs);
    if (st == TH_OK) {
        doc->charset = cs;
        st = th__text_extract(doc, utf8, n, opts);
    }
    th__arena_cleanup(&scratch);
    return st;
}

th_status th_extract(const char *data, size_t len, const th_options *opts,
                     th_doc **out)
{
    if (!out)
        return TH_EINVAL;
    *out = NULL;
    if (!data && len)
        return TH_EINVAL;
    th_options def;
    if (!opts) {
        th_options_init(&def);
        opts = &def;
    }
    if (opts->max_bytes && len > opts->max_bytes)
        return TH_ETOOBIG;
    /* A saved page.html.gz, or an HTTP body kept with its Content-
     * Encoding: inflated whole (bounded by max_bytes), a cut-short stream
     * read as far as it goes. */
    char *inflated = NULL;
    if (data && th__is_gzip(data, len)) {
        size_t n = 0;
        bool damaged = false;
        th_status st = th__gunzip_all(data, len, opts->max_bytes, &inflated,
                                      &n, &damaged);
        if (st)
            return st;
        data = inflated;
        len = n;
    }
    if (opts->kind == TH_INPUT_AUTO && data && looks_binary(data, len)) {
        th__free(inflated);
        return TH_EPARSE;
    }
    th_doc *doc = th__doc_new();
    if (!doc) {
        th__free(inflated);
        return TH_ENOMEM;
    }
    th_input_kind kind = opts->kind;
    if (kind == TH_INPUT_AUTO)
        kind = sniff(data ? data : "", len);
    doc->kind = kind;
    th_status st = kind == TH_INPUT_TEXT
                       ? extract_text(doc, data ? data : "", len, opts)
                       : extract_html(doc, data ? data : "", len, opts);
    th__free(inflated); /* the document holds copies, never the input */
    if (st == TH_OK && doc->oom)
        st = TH_ENOMEM;
    if (st) {
        th_doc_free(doc);
        return st;
    }
    *out = doc;
    return TH_OK;
}
