/*
 * text_thread.c -- the comment region of a flattened page cut into
 * comments (bullets/indentation, name lines that sign the text after them,
 * numbered items, blank-line runs, widget lines) and threaded
 * (indentation, else reply cues: "@Name", quoted names, shared words).
 * See docs/internals/text.md.
 */
#include "text_int.h"

/* ------------------------------------------------------- comments ---- */

static void bloom_add_text(const char *s, size_t b, size_t e, uint64_t bl[4])
{
    size_t i = b;
    while (i < e) {
        while (i < e && !(((unsigned char)s[i] | 32) >= 'a' &&
                          ((unsigned char)s[i] | 32) <= 'z') &&
               (unsigned char)s[i] < 0x80)
            i++;
        size_t ws = i;
        char w[16];
        size_t wl = 0;
        while (i < e && ((((unsigned char)s[i] | 32) >= 'a' &&
                          ((unsigned char)s[i] | 32) <= 'z') ||
                         (unsigned char)s[i] >= 0x80)) {
            if (wl < sizeof w)
                w[wl] = (char)((unsigned char)s[i] >= 0x80 ? s[i] : (s[i] | 32));
            wl++;
            i++;
        }
        if (i == ws) {
            i++;
            continue;
        }
        if (wl < 4 || wl > sizeof w)
            continue;
        if (wl <= 8) {
            uint64_t key = 0;
            memcpy(&key, w, wl);
            if (th__tx_word8(key) & TXM(TX_STOP))
                continue;
        }
        size_t stem = wl > 5 ? 5 : wl;
        uint32_t h = 2166136261u;
        for (size_t k = 0; k < stem; k++)
            h = (h ^ (unsigned char)w[k]) * 16777619u;
        bl[(h >> 6) & 3] |= 1ull << (h & 63);
    }
}

static int bloom_common(const uint64_t a[4], const uint64_t b[4])
{
    int n = 0;
    for (int k = 0; k < 4; k++)
        n += __builtin_popcountll(a[k] & b[k]);
    return n;
}

static cmt *new_cmt(ctx *x, cbuild *cb, size_t line, uint32_t gap)
{
    if (cb->n == cb->cap) {
        size_t nc = cb->cap ? cb->cap * 2 : 64;
        cmt *p = th__arena_realloc(x->scratch, cb->c, cb->cap * sizeof *p,
                                   nc * sizeof *p);
        if (!p)
            return NULL;
        cb->c = p;
        cb->cap = nc;
    }
    cmt *c = &cb->c[cb->n++];
    memset(c, 0, sizeof *c);
    c->first = c->last = line;
    c->parent = -1;
    c->indent = -1;
    c->author = SIZE_MAX;
    c->date = SIZE_MAX;
    c->gap = gap;
    return c;
}

/* Splits the comment region [b, e) into comments and labels its lines. */
int th__text_build_comments(ctx *x, size_t b, size_t e, cbuild *cb)
{
    tl *L = x->L;
    /* Layout: bullets/numbers, and blank-run statistics between text. */
    int nbul = 0, nnamebul = 0, runs1 = 0, runs2 = 0, nnames = 0;
    uint32_t run = 0;
    bool seen_text = false;
    for (size_t i = b; i < e; i++) {
        tl *l = &L[i];
        if (l->kind == K_BLANK) {
            run++;
            continue;
        }
        if (seen_text && run == 1)
            runs1++;
        else if (seen_text && run >= 2)
            runs2++;
        run = 0;
        seen_text = true;
        if (l->bullet) {
            nbul++;
            if (l->flags & F_NAMEISH)
                nnamebul++;
        }
        if ((l->flags & F_NAMESTR) && l->c > 0.5f)
            nnames++;
    }
    bool bullets = nbul >= 1;
    uint32_t gapthr = runs2 > 0 ? 2 : (nnames == 0 && !bullets ? 1 : 1000);
    (void)nnamebul;

    cmt *cur = NULL;
    bool ended = false;
    int stack_ind[64];
    long stack_idx[64];
    int sp = 0;
    size_t pending_date = SIZE_MAX;
    uint32_t gap = 0;
    int text_indent = -1;
    for (size_t i = b; i < e; i++) {
        tl *l = &L[i];
        if (l->kind == K_BLANK) {
            l->label = TH_LABEL_BLANK;
            gap++;
            continue;
        }
        uint32_t g = gap;
        gap = 0;
        switch (l->kind) {
        case K_CHEAD:
        case K_WIDGET:
        case K_NAV:
        case K_FURN:
        case K_NUMERIC:
        case K_SYMBOL:
        case K_RELHEAD:
        case K_ABOUT:
            l->label = TH_LABEL_BOILER;
            if (l->kind == K_WIDGET && cur && cur->has_text)
                ended = true;
            continue;
        case K_DATE:
            l->label = TH_LABEL_COMMENT_AUTHOR;
            if (cur && !cur->has_text && cur->date == SIZE_MAX)
                cur->date = i;
            else
                pending_date = i;
            continue;
        default:
            break;
        }
        bool item = l->bullet != B_NONE && (bullets);
        bool namel = (l->flags & F_NAMEISH) != 0;
        long nx = next_nonblank(x, i + 1, e);
        bool text_follows = nx >= 0 && (L[nx].kind == K_PROSE ||
                                        L[nx].kind == K_TEXT ||
                                        L[nx].kind == K_DATE ||
                                        L[nx].kind == K_CAPTION) &&
                            !(L[nx].bullet && L[nx].indent <= l->indent);
        bool author = false;
        if (item) {
            author = namel && (text_follows ? (L[nx].indent > l->indent ||
                                               L[nx].kind == K_DATE ||
                                               (L[nx].flags & F_NAMEISH) == 0)
                                            : true);
        } else if (namel && (l->flags & (F_NAMESTR | F_SIGN))) {
            author = text_follows || nx < 0 ||
                     (nx >= 0 && (L[nx].flags & F_NAMEISH) &&
                      (L[nx].flags & F_NAMESTR)) ||
                     (nx >= 0 && L[nx].kind != K_PROSE && L[nx].kind != K_TEXT);
            /* a short reply like "Ya right" signed by nobody stays text */
            if (author && cur && !cur->has_text && cur->author != SIZE_MAX &&
                text_indent < 0 && !item)
                author = true;
        } else if (namel && g >= 1 && text_follows && !item &&
                   L[nx].kind == K_DATE) {
            author = true;
        }
        bool start = false;
        if (item || author)
            start = true;
        else if (!cur || ended)
            start = true;
        else if (g >= gapthr && cur->has_text)
            start = true;
        else if (text_indent >= 0 && (int)l->indent < text_indent &&
                 cur->has_text && !bullets)
            start = true;
        if (start && !(author && cur && !cur->has_text && cur->author == SIZE_MAX &&
                       cur->date != SIZE_MAX)) {
            /* gap before the comment: blank lines since the last line of
             * the previous comment */
            cur = new_cmt(x, cb, i, g);
            if (!cur)
                return -1;
            ended = false;
            text_indent = -1;
            if (pending_date != SIZE_MAX) {
                cur->date = pending_date;
                pending_date = SIZE_MAX;
            }
            if (item) {
                int ind = (int)l->indent;
                while (sp > 0 && stack_ind[sp - 1] >= ind)
                    sp--;
                cur->parent = sp > 0 ? stack_idx[sp - 1] : -1;
                cur->depth = sp;
                cur->indent = ind;
                if (sp < 64) {
                    stack_ind[sp] = ind;
                    stack_idx[sp] = (long)(cb->n - 1);
                    sp++;
                }
            } else if (bullets && sp > 0) {
                /* unbulleted text in a bulleted thread: under the
                 * nearest shallower bullet */
                int ind = (int)l->indent;
                while (sp > 0 && stack_ind[sp - 1] >= ind)
                    sp--;
                cur->parent = sp > 0 ? stack_idx[sp - 1] : -1;
                cur->depth = sp;
                cur->indent = ind;
            }
        }
        cur->last = i;
        if (author && !cur->has_text && cur->author == SIZE_MAX) {
            cur->author = i;
            l->label = TH_LABEL_COMMENT_AUTHOR;
            continue;
        }
        l->label = TH_LABEL_COMMENT;
        if (!cur->has_text)
            text_indent = (int)l->indent;
        cur->has_text = true;
        if (l->flags & (F_OPENER))
            cur->reply_cue = true;
    }
    return 0;
}

/* The words of comment c, computed on first use. */
static const uint64_t *cmt_bloom(ctx *x, cmt *c)
{
    if (!c->bloom_done) {
        for (size_t k = c->first; k <= c->last; k++)
            if (x->L[k].label == TH_LABEL_COMMENT)
                bloom_add_text(x->s, x->L[k].cs, x->L[k].ce, c->bloom);
        c->bloom_done = true;
    }
    return c->bloom;
}

/* The article's words (body and title), computed on first use. */
static const uint64_t *article_bloom(ctx *x, uint64_t art[4], bool *done)
{
    if (!*done) {
        for (size_t i = 0; i < x->nl; i++)
            if (x->L[i].label == TH_LABEL_BODY || x->L[i].label == TH_LABEL_TITLE)
                bloom_add_text(x->s, x->L[i].cs, x->L[i].ce, art);
        *done = true;
    }
    return art;
}

/* The author name of comment c (its name line without "says:"), or
 * false when it has none. */
static bool cmt_author(const ctx *x, const cmt *c, size_t *b, size_t *e)
{
    if (c->author == SIZE_MAX)
        return false;
    const tl *a = &x->L[c->author];
    size_t ae = a->ce;
    if (a->flags & F_SIGN) {
        while (ae > a->cs && x->s[ae - 1] != ' ')
            ae--;
        while (ae > a->cs && x->s[ae - 1] == ' ')
            ae--;
    }
    *b = a->cs;
    *e = ae;
    return ae > a->cs;
}

static inline unsigned char fold(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch | 0x20) : ch;
}

/* Does s[b..e) start with the name s[nb..ne), case-insensitively, the
 * name ending at a word boundary? */
static bool starts_name(const char *s, size_t b, size_t e, size_t nb, size_t ne)
{
    size_t n = ne - nb;
    if (n < 2 || e - b < n)
        return false;
    for (size_t k = 0; k < n; k++)
        if (fold((unsigned char)s[b + k]) != fold((unsigned char)s[nb + k]))
            return false;
    if (b + n == e)
        return true;
    unsigned char nx = (unsigned char)s[b + n];
    return !(nx >= 0x80 || (nx >= '0' && nx <= '9') || (fold(nx) >= 'a' && fold(nx) <= 'z'));
}

/* Does h[0..hn) contain n[0..nn) (nn > 0)? */
static bool has_bytes(const char *h, size_t hn, const char *n, size_t nn)
{
    for (size_t k = 0; k + nn <= hn;) {
        const char *q = memchr(h + k, n[0], hn - nn + 1 - k);
        if (!q)
            return false;
        k = (size_t)(q - h);
        if (!memcmp(q, n, nn))
            return true;
        k++;
    }
    return false;
}

#define ADDRESS_BACK 200 /* earlier comments searched for a name or quote */
/* A comment that addresses an earlier commenter ("@Name ...", "Name, ..."
 * or "Name: ..." at its start, the name an earlier comment's author,
 * case-insensitive) or opens by quoting an earlier comment's text answers
 * that comment (the latest such).  Returns its index or -1. */
static long addressed(const ctx *x, const cbuild *cb, size_t i, const tl *t)
{
    const char *s = x->s;
    size_t b = t->cs, e = t->ce;
    if (e - b < 3)
        return -1;
    size_t lo = i > ADDRESS_BACK ? i - ADDRESS_BACK : 0;
    if (s[b] == '@') {
        for (size_t j = i; j-- > lo;) {
            size_t nb, ne;
            if (cmt_author(x, &cb->c[j], &nb, &ne) &&
                starts_name(s, b + 1, e, nb, ne))
                return (long)j;
        }
        return -1;
    }
    /* "Name," / "Name:" — at most three words before the mark */
    size_t m = b;
    int spaces = 0;
    while (m < e && m - b < 48 && s[m] != ',' && s[m] != ':') {
        if (s[m] == ' ' && ++spaces > 2)
            break;
        m++;
    }
    if (m < e && m > b + 1 && (s[m] == ',' || s[m] == ':')) {
        for (size_t j = i; j-- > lo;) {
            size_t nb, ne;
            if (cmt_author(x, &cb->c[j], &nb, &ne) && ne - nb == m - b &&
                starts_name(s, b, m, nb, ne))
                return (long)j;
        }
    }
    /* an opening quotation of an earlier comment's words */
    size_t qb = b, qe;
    uint32_t cp;
    size_t ql = dec(s, e, b, &cp);
    if (s[b] == '>')
        ql = 1;
    else if (!quote_cp(cp))
        return -1;
    qb = b + ql;
    while (qb < e && s[qb] == ' ')
        qb++;
    qe = qb;
    while (qe < e) {
        size_t k = dec(s, e, qe, &cp);
        if (quote_cp(cp))
            break;
        qe += k;
    }
    if (qe - qb < 16)
        return -1;
    if (qe - qb > 120)
        qe = qb + 120;
    for (size_t j = i; j-- > lo;) {
        const cmt *p = &cb->c[j];
        for (size_t k = p->first; k <= p->last; k++) {
            const tl *pl = &x->L[k];
            if (pl->label == TH_LABEL_COMMENT && pl->ce - pl->cs >= qe - qb &&
                has_bytes(s + pl->cs, pl->ce - pl->cs, s + qb, qe - qb))
                return (long)j;
        }
    }
    return -1;
}

/* Threads flat comments (no bullets): a comment that reads like a reply
 * (opener word, addresses "you", short, shares words with the previous
 * comment, alternating authors) answers the previous one; a long gap or a
 * self-contained statement starts a new thread. */
void th__text_thread_flat(ctx *x, cbuild *cb)
{
    tl *L = x->L;
    uint64_t art[4] = {0, 0, 0, 0};
    bool art_done = false;
    for (size_t i = 1; i < cb->n; i++) {
        cmt *c = &cb->c[i], *p = &cb->c[i - 1];
        if (c->indent >= 0 || p->indent >= 0)
            continue;
        if (!c->has_text)
            continue; /* no text to judge: top level */
        size_t fl = c->first;
        while (fl <= c->last && L[fl].label != TH_LABEL_COMMENT)
            fl++;
        if (fl > c->last)
            continue;
        tl *t = &L[fl];
        uint32_t chars = 0;
        int second = 0;
        for (size_t k = fl; k <= c->last; k++)
            if (L[k].label == TH_LABEL_COMMENT) {
                chars += L[k].nchars;
                second += L[k].second;
            }
        long to = addressed(x, cb, i, t);
        if (to >= 0) {
            c->parent = to;
            c->depth = cb->c[to].depth + 1;
            continue;
        }
        size_t pl = p->last;
        /* cheap cues first: the word blooms only when they are needed */
        bool reply = (t->flags & F_OPENER) || second > 0 || chars < 40 ||
                     (L[pl].label == TH_LABEL_COMMENT &&
                      (L[pl].flags & F_QUEST) && L[pl].endp == E_SENT &&
                      x->s[L[pl].ce - 1] == '?') ||
                     c->author != SIZE_MAX || p->author != SIZE_MAX ||
                     bloom_common(cmt_bloom(x, c), cmt_bloom(x, p)) >
                         bloom_common(cmt_bloom(x, c),
                                      article_bloom(x, art, &art_done));
        /* a long run of blank lines: a new thread (removed embeds) */
        if (c->gap >= 4 && !(t->flags & F_OPENER) && !second)
            reply = false;
        if (reply) {
            c->parent = (long)(i - 1);
            c->depth = p->depth + 1;
        }
    }
}

/* ----------------------------------------------------- document ---- */

/* Appends s[b..e) to buf with lynx "[12]" link numbers dropped. */
size_t th__text_clean_copy(const char *s, size_t b, size_t e, char *out)
{
    size_t o = 0;
    for (size_t i = b; i < e;) {
        const char *q = memchr(s + i, '[', e - i);
        size_t stop = q ? (size_t)(q - s) : e;
        memcpy(out + o, s + i, stop - i);
        o += stop - i;
        i = stop;
        if (i >= e)
            break;
        size_t j = i + 1;
        while (j < e && j - i < 7 && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j > i + 1 && j < e && s[j] == ']') {
            i = j + 1;
            continue;
        }
        out[o++] = s[i++];
    }
    return o;
}

int th__text_add_comment_docs(ctx *x, th_doc *doc, cbuild *cb)
{
    tl *L = x->L;
    size_t base = doc->ncomments;
    for (size_t i = 0; i < cb->n; i++) {
        cmt *c = &cb->c[i];
        size_t tot = 0;
        for (size_t k = c->first; k <= c->last; k++)
            if (L[k].label == TH_LABEL_COMMENT)
                tot += L[k].ce - L[k].cs + 2;
        char *buf = th__arena_alloc(x->scratch, tot + 1);
        if (!buf)
            return -1;
        size_t o = 0;
        size_t prevk = SIZE_MAX;
        for (size_t k = c->first; k <= c->last; k++) {
            if (L[k].label != TH_LABEL_COMMENT)
                continue;
            if (o) {
                buf[o++] = '\n';
                if (prevk != SIZE_MAX && k > prevk + 1)
                    buf[o++] = '\n';
            }
            memcpy(buf + o, x->s + L[k].cs, L[k].ce - L[k].cs);
            o += L[k].ce - L[k].cs;
            prevk = k;
        }
        buf[o] = '\0';
        char id[24];
        size_t idn = 0;
        {
            /* "c<N>" without printf */
            char tmp[20];
            size_t v = i, tn = 0;
            do {
                tmp[tn++] = (char)('0' + v % 10);
                v /= 10;
            } while (v);
            id[idn++] = 'c';
            while (tn)
                id[idn++] = tmp[--tn];
            id[idn] = '\0';
        }
        char *author = NULL, *date = NULL;
        if (c->author != SIZE_MAX) {
            tl *a = &L[c->author];
            size_t ae = a->ce;
            const char *as = x->s;
            if (a->flags & F_SIGN) {
                /* drop "says:" */
                while (ae > a->cs && as[ae - 1] != ' ')
                    ae--;
                while (ae > a->cs && as[ae - 1] == ' ')
                    ae--;
            }
            author = th__arena_strndup(x->scratch, as + a->cs, ae - a->cs);
            if (!author)
                return -1;
        }
        if (c->date != SIZE_MAX) {
            tl *d = &L[c->date];
            date = th__arena_strndup(x->scratch, x->s + d->cs, d->ce - d->cs);
            if (!date)
                return -1;
        }
        th_comment tc;
        memset(&tc, 0, sizeof tc);
        tc.id = id;
        tc.parent = c->parent >= 0 ? (long)base + c->parent : -1;
        tc.depth = c->depth;
        tc.author = author;
        tc.date = date;
        tc.text = buf;
        if (th__doc_add_comment(doc, &tc) < 0)
            return -1;
    }
    return 0;
}
