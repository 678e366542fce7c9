/*
 * corpus_json.c -- a minimal JSON object reader for JSON Lines input (see
 * corpus_json.h).  Recursive descent over the top-level object; nested
 * values are skipped iteratively with a depth counter, so hostile nesting
 * cannot exhaust the stack.
 */
#include "corpus_json.h"

#include <string.h>

#include "utf8.h"

typedef struct jp {
    const char *s;
    size_t len, i;
} jp;

static void ws(jp *p)
{
    while (p->i < p->len && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                             p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int hex4(jp *p, unsigned *out)
{
    if (p->len - p->i < 4)
        return -1;
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = p->s[p->i++];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v * 16 + (unsigned)d;
    }
    *out = v;
    return 0;
}

/* Parses a string at p->i (on the quote); appends the decoded bytes to out
 * when out is not NULL.  Returns 0 or -1. */
static int str(jp *p, th_buf *out)
{
    p->i++; /* opening quote */
    for (;;) {
        size_t start = p->i;
        while (p->i < p->len && p->s[p->i] != '"' && p->s[p->i] != '\\' &&
               (unsigned char)p->s[p->i] >= 0x20)
            p->i++;
        if (out && p->i > start &&
            th__buf_append(out, p->s + start, p->i - start) != TH_OK)
            return -1;
        if (p->i >= p->len || (unsigned char)p->s[p->i] < 0x20)
            return -1;
        if (p->s[p->i] == '"') {
            p->i++;
            return 0;
        }
        p->i++; /* backslash */
        if (p->i >= p->len)
            return -1;
        char c = p->s[p->i++];
        char one = 0;
        switch (c) {
        case '"': one = '"'; break;
        case '\\': one = '\\'; break;
        case '/': one = '/'; break;
        case 'b': one = '\b'; break;
        case 'f': one = '\f'; break;
        case 'n': one = '\n'; break;
        case 'r': one = '\r'; break;
        case 't': one = '\t'; break;
        case 'u': {
            unsigned cp;
            if (hex4(p, &cp))
                return -1;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                size_t save = p->i;
                if (p->len - p->i >= 6 && p->s[p->i] == '\\' &&
                    p->s[p->i + 1] == 'u') {
                    p->i += 2;
                    if (hex4(p, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    else {
                        p->i = save;
                        cp = 0xFFFD;
                    }
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            if (cp == 0)
                cp = 0xFFFD; /* keep strings NUL-free */
            if (out) {
                char u[4];
                int n = th__utf8_encode(cp, u);
                if (th__buf_append(out, u, (size_t)n) != TH_OK)
                    return -1;
            }
            continue;
        }
        default:
            return -1;
        }
        if (out && th__buf_putc(out, one) != TH_OK)
            return -1;
    }
}

static int scalar(jp *p, th_buf *out)
{
    size_t start = p->i;
    while (p->i < p->len) {
        char c = p->s[p->i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' ||
            c == '+' || c == '.' || (c >= 'A' && c <= 'Z'))
            p->i++;
        else
            break;
    }
    size_t n = p->i - start;
    if (n == 0)
        return -1;
    const char *t = p->s + start;
    if (n == 4 && memcmp(t, "null", 4) == 0)
        return 1; /* absent */
    if (!((n == 4 && memcmp(t, "true", 4) == 0) ||
          (n == 5 && memcmp(t, "false", 5) == 0) ||
          t[0] == '-' || (t[0] >= '0' && t[0] <= '9')))
        return -1;
    if (out && th__buf_append(out, t, n) != TH_OK)
        return -1;
    return 0;
}

/* Skips any value (nested objects and arrays with a depth counter). */
static int skip_value(jp *p)
{
    int depth = 0;
    for (;;) {
        ws(p);
        if (p->i >= p->len)
            return -1;
        char c = p->s[p->i];
        if (c == '{' || c == '[') {
            depth++;
            p->i++;
            ws(p);
            if (p->i < p->len && (p->s[p->i] == '}' || p->s[p->i] == ']')) {
                if ((c == '{') != (p->s[p->i] == '}'))
                    return -1;
                p->i++;
                depth--;
                goto after;
            }
            if (c == '{') {
                if (p->i >= p->len || p->s[p->i] != '"' || str(p, NULL))
                    return -1;
                ws(p);
                if (p->i >= p->len || p->s[p->i] != ':')
                    return -1;
                p->i++;
            }
            continue;
        }
        if (c == '"') {
            if (str(p, NULL))
                return -1;
        } else if (scalar(p, NULL) < 0) {
            return -1;
        }
    after:
        /* After a value: a separator or closers. */
        for (;;) {
            if (depth == 0)
                return 0;
            ws(p);
            if (p->i >= p->len)
                return -1;
            c = p->s[p->i];
            if (c == '}' || c == ']') {
                p->i++;
                depth--;
                continue;
            }
            if (c != ',')
                return -1;
            p->i++;
            ws(p);
            /* Inside an object the next member needs its key.  We do not
             * track which container we are in; a key-shaped string
             * followed by ':' is taken as a key. */
            if (p->i < p->len && p->s[p->i] == '"') {
                size_t save = p->i;
                if (str(p, NULL))
                    return -1;
                ws(p);
                if (p->i < p->len && p->s[p->i] == ':') {
                    p->i++;
                } else {
                    p->i = save;
                }
            }
            break;
        }
    }
}

int th__json_fields(const char *s, size_t len, const char *const *keys,
                    size_t nkeys, th_buf *vals, bool *found)
{
    for (size_t k = 0; k < nkeys; k++) {
        th__buf_clear(&vals[k]);
        vals[k].err = 0;
        found[k] = false;
    }
    jp p = {s, len, 0};
    ws(&p);
    if (p.i >= p.len || s[p.i] != '{')
        return -1;
    p.i++;
    ws(&p);
    if (p.i < p.len && s[p.i] == '}') {
        p.i++;
        goto end;
    }
    th_buf key;
    th__buf_init(&key, 4096);
    for (;;) {
        ws(&p);
        if (p.i >= p.len || s[p.i] != '"')
            goto bad;
        th__buf_clear(&key);
        if (str(&p, &key))
            goto bad;
        ws(&p);
        if (p.i >= p.len || s[p.i] != ':')
            goto bad;
        p.i++;
        ws(&p);
        if (p.i >= p.len)
            goto bad;
        size_t which = nkeys;
        for (size_t k = 0; k < nkeys; k++)
            if (key.len == strlen(keys[k]) &&
                memcmp(key.data, keys[k], key.len) == 0)
                which = k;
        char c = s[p.i];
        if (which < nkeys && (c == '"' || (c != '{' && c != '['))) {
            th__buf_clear(&vals[which]);
            int rc = c == '"' ? str(&p, &vals[which]) : scalar(&p, &vals[which]);
            if (rc < 0)
                goto bad;
            found[which] = rc == 0;
            if (rc == 0 && !vals[which].data)
                th__buf_putc(&vals[which], 0), vals[which].len = 0;
        } else if (skip_value(&p)) {
            goto bad;
        }
        ws(&p);
        if (p.i < p.len && s[p.i] == ',') {
            p.i++;
            continue;
        }
        if (p.i < p.len && s[p.i] == '}') {
            p.i++;
            break;
        }
        goto bad;
    }
    th__buf_cleanup(&key);
end:
    ws(&p);
    return p.i == p.len ? 0 : -1;
bad:
    th__buf_cleanup(&key);
    return -1;
}
