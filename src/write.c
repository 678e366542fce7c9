/*
 * write.c -- the writers: a th_doc as one JSON object, as plain text (what
 * the evaluation scorers read), as Markdown, or as per-line labels of
 * flattened-text input; and the JSON error record of a page that failed.
 *
 * Every writer appends to one th_buf in a single pass over the document:
 * no intermediate strings, so rendering costs one copy of the output.  The
 * buffer's sticky error means the code appends without checking each call
 * and looks once at the end.  The writers do not extract or clean anything:
 * what the document holds is what they print.
 */
#include "write.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------- JSON ---- */

/* Whether a byte needs attention in a JSON string: '"', '\\', control
 * characters, and the bytes >= 0x80 (checked for validity, U+2028/9). */
static inline int json_special(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
}

/* Appends s[0..len) escaped for a JSON string, without quotes.  Plain
 * bytes and valid multi-byte sequences other than U+2028/9 stay in the
 * current run, which is appended in one piece. */
static void json_esc(th_buf *b, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < len) {
#ifdef __SSE2__
        if (len - i >= 16) {
            /* signed < 0x20: control bytes and every byte >= 0x80 */
            const __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
            __m128i sp = _mm_or_si128(
                _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
            unsigned m = (unsigned)_mm_movemask_epi8(sp);
            if (!m) {
                i += 16;
                continue;
            }
            i += (size_t)__builtin_ctz(m);
        }
#endif
        unsigned char c = u[i];
        if (!json_special(c)) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t q = th__utf8_seq(u + i, len - i);
            if (q && !(q == 3 && c == 0xE2 && u[i + 1] == 0x80 &&
                       (u[i + 2] == 0xA8 || u[i + 2] == 0xA9))) {
                i += q;
                continue;
            }
        }
        if (i > run)
            th__buf_append(b, s + run, i - run);
        if (c < 0x80) {
            char e[6] = {'\\', 0, 0, 0, 0, 0};
            size_t n = 2;
            switch (c) {
            case '"': e[1] = '"'; break;
            case '\\': e[1] = '\\'; break;
            case '\n': e[1] = 'n'; break;
            case '\r': e[1] = 'r'; break;
            case '\t': e[1] = 't'; break;
            case '\b': e[1] = 'b'; break;
            case '\f': e[1] = 'f'; break;
            default:
                e[1] = 'u';
                e[2] = '0';
                e[3] = '0';
                e[4] = hex[c >> 4];
                e[5] = hex[c & 15];
                n = 6;
            }
            th__buf_append(b, e, n);
            i++;
        } else {
            uint32_t cp;
            size_t n = th__utf8_decode(s + i, len - i, &cp);
            if (cp == 0x2028 || cp == 0x2029) {
                th__buf_puts(b, cp == 0x2028 ? "\\u2028" : "\\u2029");
            } else if (cp == 0xFFFD &&
                       !(n == 3 && (unsigned char)s[i] == 0xEF &&
                         (unsigned char)s[i + 1] == 0xBF &&
                         (unsigned char)s[i + 2] == 0xBD)) {
                th__buf_append(b, "\xEF\xBF\xBD", 3); /* invalid bytes */
            } else {
                th__buf_append(b, s + i, n);
            }
            i += n;
        }
        run = i;
    }
    if (len > run)
        th__buf_append(b, s + run, len - run);
}

th_status th__json_str(th_buf *b, const char *s, size_t len)
{
    th__buf_putc(b, '"');
    if (s)
        json_esc(b, s, len);
    return th__buf_putc(b, '"');
}

/* A NUL-terminated string, or null. */
static void json_opt(th_buf *b, const char *s)
{
    if (s)
        th__json_str(b, s, strlen(s));
    else
        th__buf_puts(b, "null");
}

/* ,"key": -- keys are literals that need no escaping. */
static void json_key(th_buf *b, const char *key)
{
    th__buf_putc(b, ',');
    th__buf_putc(b, '"');
    th__buf_puts(b, key);
    th__buf_puts(b, "\":");
}

const char *th__block_type_name(th_block_kind kind)
{
    switch (kind) {
    case TH_BLOCK_PARAGRAPH: return "p";
    case TH_BLOCK_HEADING: return "h";
    case TH_BLOCK_LIST_ITEM: return "li";
    case TH_BLOCK_QUOTE: return "quote";
    case TH_BLOCK_PRE: return "pre";
    case TH_BLOCK_TABLE: return "table";
    }
    return "p";
}

static void write_json(th_buf *b, const th_doc *doc, const char *source)
{
    th__buf_puts(b, "{\"source\":");
    json_opt(b, source);
    json_key(b, "kind");
    th__buf_puts(b, doc->kind == TH_INPUT_TEXT ? "\"text\"" : "\"html\"");
    json_key(b, "url");
    json_opt(b, doc->url);
    json_key(b, "title");
    json_opt(b, doc->title);
    json_key(b, "byline");
    json_opt(b, doc->byline);
    json_key(b, "authors");
    th__buf_putc(b, '[');
    for (size_t i = 0; i < doc->nauthors; i++) {
        if (i)
            th__buf_putc(b, ',');
        json_opt(b, doc->authors[i]);
    }
    th__buf_putc(b, ']');
    json_key(b, "date");
    json_opt(b, doc->date);
    json_key(b, "modified");
    json_opt(b, doc->modified);
    json_key(b, "site");
    json_opt(b, doc->site);
    json_key(b, "lang");
    json_opt(b, doc->lang);
    json_key(b, "description");
    json_opt(b, doc->description);
    json_key(b, "image");
    json_opt(b, doc->image);
    json_key(b, "charset");
    json_opt(b, doc->charset);

    /* The body as one string, escaped straight from the blocks. */
    json_key(b, "text");
    th__buf_putc(b, '"');
    for (size_t i = 0; i < doc->nblocks; i++) {
        if (i)
            th__buf_puts(b, "\\n\\n");
        json_esc(b, doc->blocks[i].text, doc->blocks[i].len);
    }
    th__buf_putc(b, '"');

    json_key(b, "blocks");
    th__buf_putc(b, '[');
    for (size_t i = 0; i < doc->nblocks; i++) {
        const th_block *k = &doc->blocks[i];
        if (i)
            th__buf_putc(b, ',');
        th__buf_puts(b, "{\"type\":\"");
        th__buf_puts(b, th__block_type_name(k->kind));
        th__buf_puts(b, "\",\"text\":");
        th__json_str(b, k->text, k->len);
        if (k->kind == TH_BLOCK_HEADING || k->kind == TH_BLOCK_LIST_ITEM)
            th__buf_printf(b, ",\"level\":%d", k->level);
        if (k->kind == TH_BLOCK_LIST_ITEM)
            th__buf_puts(b, k->ordered ? ",\"ordered\":true"
                                       : ",\"ordered\":false");
        th__buf_putc(b, '}');
    }
    th__buf_putc(b, ']');

    json_key(b, "captions");
    th__buf_putc(b, '[');
    for (size_t i = 0; i < doc->ncaptions; i++) {
        if (i)
            th__buf_putc(b, ',');
        json_opt(b, doc->captions[i]);
    }
    th__buf_putc(b, ']');

    json_key(b, "related");
    th__buf_putc(b, '[');
    for (size_t i = 0; i < doc->nrelated; i++) {
        if (i)
            th__buf_putc(b, ',');
        th__buf_puts(b, "{\"text\":");
        json_opt(b, doc->related[i].text);
        th__buf_puts(b, ",\"url\":");
        json_opt(b, doc->related[i].url);
        th__buf_putc(b, '}');
    }
    th__buf_putc(b, ']');

    json_key(b, "comments");
    th__buf_putc(b, '[');
    for (size_t i = 0; i < doc->ncomments; i++) {
        const th_comment *c = &doc->comments[i];
        if (i)
            th__buf_putc(b, ',');
        th__buf_puts(b, "{\"id\":");
        if (c->id)
            json_opt(b, c->id);
        else
            th__buf_printf(b, "\"c%zu\"", i + 1);
        th__buf_puts(b, ",\"parent\":");
        /* A parent must come before its reply; anything else is treated
         * as top level rather than pointing forward or at itself. */
        if (c->parent >= 0 && (size_t)c->parent < i) {
            const th_comment *p = &doc->comments[c->parent];
            if (p->id)
                json_opt(b, p->id);
            else
                th__buf_printf(b, "\"c%ld\"", c->parent + 1);
        } else {
            th__buf_puts(b, "null");
        }
        th__buf_printf(b, ",\"depth\":%d", c->depth);
        th__buf_puts(b, ",\"author\":");
        json_opt(b, c->author);
        th__buf_puts(b, ",\"date\":");
        json_opt(b, c->date);
        th__buf_puts(b, ",\"text\":");
        json_opt(b, c->text ? c->text : "");
        if (c->has_votes)
            th__buf_printf(b, ",\"votes\":%ld", c->votes);
        th__buf_putc(b, '}');
    }
    th__buf_puts(b, "]}");
}

/* ------------------------------------------------------------- text ---- */

static void write_text(th_buf *b, const th_doc *doc)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        if (i)
            th__buf_puts(b, "\n\n");
        th__buf_append(b, doc->blocks[i].text, doc->blocks[i].len);
    }
    if (doc->nblocks)
        th__buf_putc(b, '\n');
}

/* --------------------------------------------------------- Markdown ---- */

static int is_alnum_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Plain text as Markdown inline content: the characters that would start
 * emphasis, code, links or HTML are backslash-escaped, and so is a line
 * start that would read as a heading, quote, list item or rule. */
static void md_esc(th_buf *b, const char *s, size_t len)
{
    size_t run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int esc = 0;
        int bol = i == 0 || s[i - 1] == '\n';
        switch (c) {
        case '\\': case '`': case '*': case '[': case ']': case '<':
            esc = 1;
            break;
        case '_': /* intraword underscores are literal in CommonMark */
            esc = !(i > 0 && is_alnum_byte((unsigned char)s[i - 1]) &&
                    i + 1 < len && is_alnum_byte((unsigned char)s[i + 1]));
            break;
        case '#': case '>': case '=': case '|':
            esc = bol;
            break;
        case '-': case '+':
            esc = bol && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == c);
            break;
        case '.': case ')': {
            /* "1999. " at a line start would open an ordered list. */
            size_t j = i;
            while (j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9')
                j--;
            esc = j < i && (j == 0 || s[j - 1] == '\n') &&
                  (i + 1 == len || s[i + 1] == ' ');
            break;
        }
        default:
            break;
        }
        if (!esc)
            continue;
        if (i > run)
            th__buf_append(b, s + run, i - run);
        th__buf_putc(b, '\\');
        run = i;
    }
    if (len > run)
        th__buf_append(b, s + run, len - run);
}

/* Inline content of a block: its Markdown when a stage made one, else the
 * escaped plain text. */
static void md_inline(th_buf *b, const th_block *k)
{
    if (k->md)
        th__buf_append(b, k->md, k->md_len);
    else
        md_esc(b, k->text, k->len);
}

static void md_fenced(th_buf *b, const char *s, size_t len)
{
    /* The fence is longer than any run of backticks inside. */
    size_t longest = 0, cur = 0;
    for (size_t i = 0; i < len; i++) {
        cur = s[i] == '`' ? cur + 1 : 0;
        if (cur > longest)
            longest = cur;
    }
    size_t n = longest >= 3 ? longest + 1 : 3;
    for (size_t i = 0; i < n; i++)
        th__buf_putc(b, '`');
    th__buf_putc(b, '\n');
    th__buf_append(b, s, len);
    if (len && s[len - 1] != '\n')
        th__buf_putc(b, '\n');
    for (size_t i = 0; i < n; i++)
        th__buf_putc(b, '`');
}

#define MD_MAX_DEPTH 16

static void write_markdown(th_buf *b, const th_doc *doc)
{
    int wrote = 0;
    if (doc->title) {
        th__buf_puts(b, "# ");
        md_esc(b, doc->title, strlen(doc->title));
        wrote = 1;
    }
    /* Ordered-list counters per depth; reset by any non-list block. */
    unsigned long num[MD_MAX_DEPTH + 1] = {0};
    int prev_li = 0;
    for (size_t i = 0; i < doc->nblocks; i++) {
        const th_block *k = &doc->blocks[i];
        /* The page's own h1 usually repeats the title: print it once. */
        if (k->kind == TH_BLOCK_HEADING && doc->title && !prev_li &&
            i < 2 && k->len == strlen(doc->title) &&
            memcmp(k->text, doc->title, k->len) == 0)
            continue;
        int li = k->kind == TH_BLOCK_LIST_ITEM;
        if (wrote)
            th__buf_puts(b, li && prev_li ? "\n" : "\n\n");
        wrote = 1;
        switch (k->kind) {
        case TH_BLOCK_HEADING: {
            int lv = k->level < 1 ? 2 : k->level > 6 ? 6 : k->level;
            for (int j = 0; j < lv; j++)
                th__buf_putc(b, '#');
            th__buf_putc(b, ' ');
            md_inline(b, k);
            break;
        }
        case TH_BLOCK_LIST_ITEM: {
            int d = k->level < 1 ? 1 : k->level > MD_MAX_DEPTH ? MD_MAX_DEPTH
                                                                : k->level;
            if (!prev_li)
                memset(num, 0, sizeof num);
            for (int j = d + 1; j <= MD_MAX_DEPTH; j++)
                num[j] = 0;
            for (int j = 1; j < d; j++)
                th__buf_puts(b, "  ");
            if (k->ordered)
                th__buf_printf(b, "%lu. ", ++num[d]);
            else
                th__buf_puts(b, "- ");
            md_inline(b, k);
            break;
        }
        case TH_BLOCK_QUOTE: {
            /* "> " before every line of the quote. */
            const char *s = k->md ? k->md : k->text;
            size_t n = k->md ? k->md_len : k->len;
            th__buf_puts(b, "> ");
            size_t start = 0;
            for (size_t j = 0; j <= n; j++) {
                if (j < n && s[j] != '\n')
                    continue;
                if (start)
                    th__buf_puts(b, "\n> ");
                if (k->md)
                    th__buf_append(b, s + start, j - start);
                else
                    md_esc(b, s + start, j - start);
                start = j + 1;
            }
            break;
        }
        case TH_BLOCK_PRE:
            md_fenced(b, k->text, k->len);
            break;
        case TH_BLOCK_PARAGRAPH:
        case TH_BLOCK_TABLE:
        default:
            md_inline(b, k);
            break;
        }
        prev_li = li;
    }
    if (wrote)
        th__buf_putc(b, '\n');
}

/* ----------------------------------------------------------- labels ---- */

static th_status write_labels(th_buf *b, const th_doc *doc)
{
    if (doc->kind != TH_INPUT_TEXT)
        return TH_EINVAL;
    for (size_t i = 0; i < doc->nlines; i++) {
        const th_line *l = &doc->lines[i];
        th__buf_printf(b, "%zu\t%s\t", i + 1, th__label_name(l->label));
        /* Tabs and carriage returns inside a line would break the row. */
        size_t run = 0;
        for (size_t j = 0; j < l->len; j++) {
            char c = l->text[j];
            if (c != '\t' && c != '\r' && c != '\n' && c != '\v' &&
                c != '\f')
                continue;
            th__buf_append(b, l->text + run, j - run);
            th__buf_putc(b, ' ');
            run = j + 1;
        }
        th__buf_append(b, l->text + run, l->len - run);
        th__buf_putc(b, '\n');
    }
    return TH_OK;
}

/* ------------------------------------------------------------ entry ---- */

th_status th__write_doc(th_buf *b, const th_doc *doc, th_format fmt,
                        const char *source)
{
    switch (fmt) {
    case TH_FORMAT_JSON: write_json(b, doc, source); break;
    case TH_FORMAT_TEXT: write_text(b, doc); break;
    case TH_FORMAT_MARKDOWN: write_markdown(b, doc); break;
    case TH_FORMAT_LABELS: {
        th_status st = write_labels(b, doc);
        if (st)
            return st;
        break;
    }
    default:
        return TH_EINVAL;
    }
    return (th_status)b->err;
}

th_status th_doc_render(const th_doc *doc, th_format fmt, const char *source,
                        char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!doc || !out)
        return TH_EINVAL;
    th_buf b;
    th__buf_init(&b, 0);
    th_status st = th__write_doc(&b, doc, fmt, source);
    if (st) {
        th__buf_cleanup(&b);
        return st;
    }
    *out = th__buf_take(&b, len);
    return *out ? TH_OK : TH_ENOMEM;
}

static const char *status_name(th_status status)
{
    switch (status) {
    case TH_OK: return "OK";
    case TH_ENOMEM: return "ENOMEM";
    case TH_EINVAL: return "EINVAL";
    case TH_ETOOBIG: return "ETOOBIG";
    case TH_EPARSE: return "EPARSE";
    case TH_EIO: return "EIO";
    case TH_EDB: return "EDB";
    case TH_EEMPTY: return "EEMPTY";
    }
    return "EUNKNOWN";
}

th_status th_error_render(const char *source, th_status status,
                          const char *detail, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out)
        return TH_EINVAL;
    th_buf b;
    th__buf_init(&b, 0);
    th__buf_puts(&b, "{\"source\":");
    json_opt(&b, source);
    th__buf_puts(&b, ",\"error\":");
    json_opt(&b, detail ? detail : th_strerror(status));
    th__buf_puts(&b, ",\"status\":\"");
    th__buf_puts(&b, status_name(status));
    th__buf_puts(&b, "\"}");
    *out = th__buf_take(&b, len);
    return *out ? TH_OK : TH_ENOMEM;
}
