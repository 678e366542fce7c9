/*
 * json.c -- tolerant JSON reader (see json.h).  Recursive descent with a
 * depth cap of JSON_MAX_DEPTH: values nested deeper are skipped by a flat
 * bracket counter, so the C stack stays bounded whatever the input.  Every
 * error ends the current container and keeps what was read; the caller
 * gets a best-effort tree, never an error.
 */
#include "json.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

#define JSON_MAX_DEPTH 48

typedef struct parser {
    const char *s;
    size_t len, pos;
    th_arena *a;
    bool oom;
} parser;

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
            c == '\v') {
            p->pos++;
        } else if (c == 0xC2 && p->pos + 1 < p->len &&
                   (unsigned char)p->s[p->pos + 1] == 0xA0) {
            p->pos += 2; /* no-break space pasted into templates */
        } else if (c == '/' && p->pos + 1 < p->len &&
                   p->s[p->pos + 1] == '/') {
            while (p->pos < p->len && p->s[p->pos] != '\n')
                p->pos++;
        } else if (c == '/' && p->pos + 1 < p->len &&
                   p->s[p->pos + 1] == '*') {
            p->pos += 2;
            while (p->pos + 1 < p->len &&
                   !(p->s[p->pos] == '*' && p->s[p->pos + 1] == '/'))
                p->pos++;
            p->pos = p->pos + 2 < p->len ? p->pos + 2 : p->len;
        } else {
            break;
        }
    }
}

static th_json *node(parser *p, th_json_type t)
{
    th_json *n = th__arena_calloc(p->a, 1, sizeof *n);
    if (!n)
        p->oom = true;
    else
        n->type = t;
    return n;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static long hex4(const char *s, size_t avail)
{
    if (avail < 4)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Reads a string at p->pos (which is at its quote).  The unescaped text
 * is never longer than the source, so one allocation of the source span
 * suffices. */
static char *read_string(parser *p, size_t *outlen)
{
    char q = p->s[p->pos++];
    size_t start = p->pos, end = start;
    while (end < p->len && p->s[end] != q) {
        if (p->s[end] == '\\' && end + 1 < p->len)
            end++;
        end++;
    }
    size_t span = end - start;
    char *out = th__arena_alloc(p->a, span + 1);
    if (!out) {
        p->oom = true;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = start; i < end;) {
        char c = p->s[i];
        if (c != '\\') {
            out[o++] = c;
            i++;
            continue;
        }
        if (i + 1 >= end) {
            i++;
            continue;
        }
        char e = p->s[i + 1];
        i += 2;
        switch (e) {
        case 'n': out[o++] = '\n'; break;
        case 't': out[o++] = '\t'; break;
        case 'r': out[o++] = '\r'; break;
        case 'b': out[o++] = ' '; break;
        case 'f': out[o++] = ' '; break;
        case 'u': {
            long v = hex4(p->s + i, end - i);
            if (v < 0) {
                out[o++] = 'u';
                break;
            }
            i += 4;
            uint32_t cp = (uint32_t)v;
            if (cp >= 0xD800 && cp <= 0xDBFF && i + 6 <= end &&
                p->s[i] == '\\' && p->s[i + 1] == 'u') {
                long lo = hex4(p->s + i + 2, end - i - 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) +
                         ((uint32_t)lo - 0xDC00);
                    i += 6;
                }
            }
            if (cp == 0)
                cp = ' ';
            /* \uXXXX (6 bytes) is never shorter than its UTF-8 (<= 3),
             * and a pair (12 bytes) never shorter than 4. */
            o += (size_t)th__utf8_encode(cp, out + o);
            break;
        }
        default: out[o++] = e; break; /* \" \\ \/ and unknown escapes */
        }
    }
    out[o] = '\0';
    p->pos = end < p->len ? end + 1 : p->len;
    *outlen = o;
    return out;
}

/* Skips one value without building it (used past the depth cap). */
static void skip_value(parser *p)
{
    size_t depth = 0;
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c == '"' || c == '\'') {
            char q = c;
            p->pos++;
            while (p->pos < p->len && p->s[p->pos] != q) {
                if (p->s[p->pos] == '\\')
                    p->pos++;
                p->pos++;
            }
            p->pos++;
        } else if (c == '{' || c == '[') {
            depth++;
            p->pos++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return;
            depth--;
            p->pos++;
            if (depth == 0)
                return;
        } else if (depth == 0 && (c == ',' || c == ':')) {
            return;
        } else {
            p->pos++;
        }
    }
    if (p->pos > p->len)
        p->pos = p->len;
}

static th_json *parse_value(parser *p, unsigned depth);

static bool word_at(parser *p, const char *w)
{
    size_t n = strlen(w);
    return p->len - p->pos >= n && memcmp(p->s + p->pos, w, n) == 0;
}

static th_json *parse_container(parser *p, unsigned depth, bool obj)
{
    th_json *n = node(p, obj ? TH_JSON_OBJECT : TH_JSON_ARRAY);
    if (!n)
        return NULL;
    char close = obj ? '}' : ']';
    p->pos++; /* the opening bracket */
    th_json **tail = &n->child;
    while (!p->oom) {
        skip_ws(p);
        if (p->pos >= p->len)
            break;
        char c = p->s[p->pos];
        if (c == close) {
            p->pos++;
            break;
        }
        if (c == ',') {
            p->pos++;
            continue;
        }
        if (c == '}' || c == ']') { /* mismatched: end here */
            p->pos++;
            break;
        }
        const char *key = NULL;
        if (obj) {
            size_t kl;
            if (c == '"' || c == '\'') {
                key = read_string(p, &kl);
            } else {
                /* An unquoted key (JavaScript style). */
                size_t st = p->pos;
                while (p->pos < p->len && p->s[p->pos] != ':' &&
                       p->s[p->pos] != ',' && p->s[p->pos] != '}' &&
                       !th__is_space((unsigned char)p->s[p->pos]))
                    p->pos++;
                if (p->pos == st) {
                    p->pos++;
                    continue;
                }
                key = th__arena_strndup(p->a, p->s + st, p->pos - st);
                if (!key)
                    p->oom = true;
            }
            if (!key)
                break;
            skip_ws(p);
            if (p->pos < p->len && p->s[p->pos] == ':')
                p->pos++;
            else
                continue; /* a key without a value: drop it */
            skip_ws(p);
        }
        size_t before = p->pos;
        th_json *v = parse_value(p, depth + 1);
        if (p->pos == before) /* no progress: skip the offending byte */
            p->pos++;
        if (v) {
            v->key = key;
            *tail = v;
            tail = &v->next;
            n->n++;
        }
    }
    return n;
}

static th_json *parse_value(parser *p, unsigned depth)
{
    skip_ws(p);
    if (p->pos >= p->len)
        return NULL;
    char c = p->s[p->pos];
    if ((c == '{' || c == '[') && depth >= JSON_MAX_DEPTH) {
        skip_value(p);
        return NULL;
    }
    if (c == '{')
        return parse_container(p, depth, true);
    if (c == '[')
        return parse_container(p, depth, false);
    if (c == '"' || c == '\'') {
        th_json *n = node(p, TH_JSON_STRING);
        if (!n)
            return NULL;
        n->str = read_string(p, &n->len);
        return n->str ? n : NULL;
    }
    if (word_at(p, "true") || word_at(p, "false")) {
        th_json *n = node(p, TH_JSON_BOOL);
        if (n)
            n->b = c == 't';
        p->pos += c == 't' ? 4 : 5;
        return n;
    }
    if (word_at(p, "null")) {
        p->pos += 4;
        return node(p, TH_JSON_NULL);
    }
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
        size_t st = p->pos;
        while (p->pos < p->len &&
               strchr("+-.eE0123456789", p->s[p->pos]) && p->s[p->pos])
            p->pos++;
        th_json *n = node(p, TH_JSON_NUMBER);
        if (!n)
            return NULL;
        n->str = th__arena_strndup(p->a, p->s + st, p->pos - st);
        n->len = p->pos - st;
        if (!n->str) {
            p->oom = true;
            return NULL;
        }
        return n;
    }
    /* Garbage (an identifier, a template placeholder): skip to a
     * delimiter and yield nothing. */
    while (p->pos < p->len && !strchr(",:]}", p->s[p->pos]))
        p->pos++;
    return NULL;
}

th_json *th__jr_parse(th_arena *a, const char *s, size_t len, bool *oom)
{
    parser p = {s, len, 0, a, false};
    th_json *first = NULL, *arr = NULL, **tail = NULL;
    while (p.pos < p.len && !p.oom) {
        /* Skip junk up to the next value opener. */
        while (p.pos < p.len && p.s[p.pos] != '{' && p.s[p.pos] != '[') {
            /* "<![CDATA[" wrappers: their '[' opens no array */
            if (p.s[p.pos] == '<' && p.len - p.pos >= 9 &&
                memcmp(p.s + p.pos, "<![CDATA[", 9) == 0)
                p.pos += 8;
            p.pos++;
        }
        if (p.pos >= p.len)
            break;
        size_t before = p.pos;
        th_json *v = parse_value(&p, 0);
        if (p.pos == before)
            p.pos++;
        if (!v)
            continue;
        if (!first) {
            first = v;
            continue;
        }
        if (!arr) {
            arr = node(&p, TH_JSON_ARRAY);
            if (!arr)
                break;
            arr->child = first;
            arr->n = 1;
            tail = &first->next;
        }
        *tail = v;
        tail = &v->next;
        arr->n++;
    }
    if (oom)
        *oom = p.oom;
    if (p.oom)
        return NULL;
    return arr ? arr : first;
}

const th_json *th__jr_get(const th_json *obj, const char *key)
{
    if (!obj || obj->type != TH_JSON_OBJECT)
        return NULL;
    for (const th_json *c = obj->child; c; c = c->next)
        if (c->key && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

const char *th__jr_str(const th_json *v)
{
    return v && v->type == TH_JSON_STRING ? v->str : NULL;
}
