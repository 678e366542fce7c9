/*
 * text_thread.c -- the comment region of a flattened page cut into
 * comments (bullets/indentation, name lines that sign the text after them,
 * numbered items, blank-line runs, widget lines) and threaded
 * (indentation, else reply cues: "@Name", quoted names, shared words).
 * See docs/internals/text.md.
 */
#include <stdlib.h>

#include "comments.h"
#include "text_int.h"

#include <pthread.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ------------------------------------------------------- comments ---- */

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
    bool bullets = nbul >= 2;
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
        if (!cur)
            return -1; /* not reached: no comment yet means start above */
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

#define ADDRESS_BACK 200 /* earlier comments searched for a name or quote */

/* Reply headers a comment system prints above a reply's text, followed
 * by the name answered ("In reply to Anna.", "Antwort an @Anna"). */
static const char *const reply_to[] = {
    "in reply to", "replying to", "reply to", "als antwort auf",
    "antwort an", "antwort auf", "en r\xc3\xa9ponse \xc3\xa0",
    "r\xc3\xa9ponse \xc3\xa0", "en respuesta a", "respuesta a",
    "in risposta a", "risposta a", "w odpowiedzi na", "em resposta a",
    "als reactie op", "reactie op"};

/* Where the name begins after a reply header opening s[b..e), or 0. */
static size_t reply_header(const char *s, size_t b, size_t e)
{
    /* every header opens with one of these letters */
    unsigned char c0 = fold((unsigned char)s[b]);
    if (c0 != 'i' && c0 != 'r' && c0 != 'a' && c0 != 'e' && c0 != 'w')
        return 0;
    for (size_t k = 0; k < sizeof reply_to / sizeof *reply_to; k++) {
        if ((unsigned char)reply_to[k][0] != c0)
            continue;
        const char *h = reply_to[k];
        size_t n = strlen(h), j = 0;
        while (j < n && b + j < e && fold((unsigned char)s[b + j]) == (unsigned char)h[j])
            j++;
        if (j < n || b + n >= e || s[b + n] != ' ')
            continue;
        size_t q = b + n;
        while (q < e && s[q] == ' ')
            q++;
        if (q < e && s[q] == '@')
            q++;
        return q < e ? q : 0;
    }
    return 0;
}
/* A comment that addresses an earlier commenter ("@Name ...", "Name, ...",
 * "Name: ..." or a reply header "In reply to Name" at its start, the name
 * an earlier comment's author,
 * case-insensitive) or opens by quoting an earlier comment's text answers
 * that comment (the latest such).  Returns its index, -2 when it opens by
 * quoting 16+ bytes found in no earlier comment (the article or another
 * source), else -1. */
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
    /* "In reply to Name." — a reply header naming an earlier author */
    size_t rq = reply_header(s, b, e);
    if (rq) {
        for (size_t j = i; j-- > lo;) {
            size_t nb, ne;
            if (cmt_author(x, &cb->c[j], &nb, &ne) &&
                starts_name(s, rq, e, nb, ne))
                return (long)j;
        }
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
                th__has_bytes(s + pl->cs, pl->ce - pl->cs, s + qb, qe - qb))
                return (long)j;
        }
    }
    return -2;
}

/* ------------------------------------------------- reply cues ---- */

/* Frequent words of the four main languages, ignored when comments are
 * compared (lowercase; looked up through g_stop_set below).  The English ones of
 * the lexicon's stop list are tested there too. */
static const char *const stop_multi[] = {
    "aber", "about", "after", "ahora", "algo", "alle", "alles", "alors",
    "als", "also", "anything", "aqu\xc3\xad", "auch", "aussi", "autre",
    "autres", "avec", "avez", "avoir", "bien", "cada", "cela", "cette",
    "ceux", "comme", "como", "con", "cosa", "cuando", "dabei", "damit",
    "dann", "dans", "dass", "davon", "dein", "deine", "dem\xc3\xa1s", "denen",
    "denn", "depuis", "desde", "diese", "diesen", "dieser", "dieses", "doch",
    "doit", "donc", "donde", "dort", "durante", "durch", "eben", "eine",
    "einem", "einen", "einer", "eines", "einfach", "ellas", "elle", "elles",
    "ellos", "encore", "entre", "esas", "esos", "esta", "estar", "este",
    "esto", "estos", "est\xc3\xa1", "est\xc3\xa1n", "etwas", "euch",
    "everyone", "faire", "fait", "faut", "from", "ganz", "gegen", "gibt",
    "going", "habe", "haben", "hace", "hacer", "hasta", "hatte", "have",
    "heute", "hier", "ihre", "ihren", "immer", "jetzt", "just", "kann",
    "kein", "keine", "k\xc3\xb6nnen", "leur", "leurs", "mais", "mehr", "mein",
    "meine", "menos", "mich", "mismo", "mucho", "muchos", "muss",
    "m\xc3\xaame", "nach", "nada", "nicht", "noch", "notre", "nous",
    "nuestro", "nunca", "oder", "only", "otra", "otro", "otros", "para",
    "people", "pero", "personne", "peut", "porque", "pour", "puede", "quand",
    "quel", "quelle", "qui\xc3\xa9n", "rien", "sans", "schon", "sehr", "sein",
    "seine", "selbst", "sich", "sido", "siempre", "sind", "sobre", "sollte",
    "solo", "something", "sont", "sous", "tambi\xc3\xa9n", "tanto", "thing",
    "things", "tiene", "tienen", "todas", "todo", "todos", "toujours", "tous",
    "tout", "toute", "tr\xc3\xa8s", "unsere", "unter", "viel", "viele",
    "votre", "vous", "wann", "want", "wants", "waren", "warum", "weil",
    "wenn", "werden", "where", "wieder", "wird", "worden", "wurde",
    "w\xc3\xa4re", "w\xc3\xbcrde", "your", "zwischen", "\xc3\xa9tait",
    "\xc3\xaatre", "\xc3\xbc" "ber"};

/* stop_multi as a set of 64-bit word hashes (open addressing, built
 * once): every content word of a thread is looked up, a bsearch of
 * strcmp calls cost more than the rest of the word statistics. */
#define STOP_SLOTS 1024
static uint64_t g_stop_set[STOP_SLOTS];
static pthread_once_t g_stop_once = PTHREAD_ONCE_INIT;

static inline uint64_t word_hash64(const char *w, size_t wl)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < wl; i++)
        h = (h ^ (unsigned char)w[i]) * 1099511628211ull;
    return h | 1u;
}

static void set_add(uint64_t *set, size_t nslots, uint64_t h)
{
    size_t j = (size_t)(h >> 20) & (nslots - 1);
    while (set[j] && set[j] != h)
        j = (j + 1) & (nslots - 1);
    set[j] = h;
}

static inline bool set_has(const uint64_t *set, size_t nslots, uint64_t h)
{
    for (size_t j = (size_t)(h >> 20) & (nslots - 1); set[j];
         j = (j + 1) & (nslots - 1))
        if (set[j] == h)
            return true;
    return false;
}

static void you_sets_build(void);

/* stop_multi's words of at most 8 bytes keyed by their packed bytes
 * (memcpy into a zeroed uint64_t) times an odd constant: exact, and no
 * byte loop for the common short word. */
static uint64_t g_stop8_set[STOP_SLOTS];
#define STOP8_MUL 0x9E3779B97F4A7C15ull

static void stop_set_build(void)
{
    for (size_t k = 0; k < sizeof stop_multi / sizeof *stop_multi; k++) {
        size_t n = strlen(stop_multi[k]);
        if (n <= 8) {
            uint64_t key = 0;
            memcpy(&key, stop_multi[k], n);
            set_add(g_stop8_set, STOP_SLOTS, key * STOP8_MUL);
        } else {
            set_add(g_stop_set, STOP_SLOTS, word_hash64(stop_multi[k], n));
        }
    }
    you_sets_build();
}

/* w holds the word's first bytes, lowercased, zero-padded to 8 bytes.
 * The sets are built (pthread_once) by wstat_build, the only caller's
 * caller. */
static bool stop_word(const char *w, size_t wl)
{
    if (wl <= 8) {
        uint64_t key;
        memcpy(&key, w, 8);
        if (th__tx_word8(key) & TXM(TX_STOP))
            return true;
        return set_has(g_stop8_set, STOP_SLOTS, key * STOP8_MUL);
    }
    if (wl > 16)
        return false;
    return set_has(g_stop_set, STOP_SLOTS, word_hash64(w, wl));
}

#define STEM_LEN 5    /* a word's first bytes stand for it ("upvot(ed)") */
#define STEM_MAX 160  /* distinct words kept per comment */
#define WORD_MAX 24   /* longer words are ignored */
#define WORD_KEEP 16  /* bytes of a word kept (stop words are shorter) */

/* The character at s[i]: its length in *k, and whether it is a word
 * letter (an ASCII letter, or a non-ASCII character that is not
 * punctuation, a symbol or a space: U+0080-U+00BF, U+2000-U+2BFF
 * (quotation marks, dashes, "..."), CJK punctuation, emoji). */
static bool letter_at(const char *s, size_t i, size_t e, size_t *k)
{
    unsigned char ch = (unsigned char)s[i];
    if (ch < 0x80) {
        *k = 1;
        return (ch | 32) >= 'a' && (ch | 32) <= 'z';
    }
    uint32_t cp;
    *k = dec(s, e, i, &cp);
    if (!*k) {
        *k = 1;
        return false;
    }
    return !th__tx_sep_cp(cp);
}

/* Byte classes of the word scans: 1 an ASCII letter, 2 a non-ASCII byte
 * (letter_at decides), 0 anything else. */
static const unsigned char wcls[256] = {
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
    ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
    ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
    ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1,
    ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
#define R16(b) [b] = 2, [b + 1] = 2, [b + 2] = 2, [b + 3] = 2, [b + 4] = 2, \
    [b + 5] = 2, [b + 6] = 2, [b + 7] = 2, [b + 8] = 2, [b + 9] = 2,      \
    [b + 10] = 2, [b + 11] = 2, [b + 12] = 2, [b + 13] = 2, [b + 14] = 2,  \
    [b + 15] = 2
    R16(0x80), R16(0x90), R16(0xA0), R16(0xB0), R16(0xC0), R16(0xD0),
    R16(0xE0), R16(0xF0)
#undef R16
};

/* The end of the run of ASCII letters at u[j] (j < e <= n, u readable
 * up to n): 16 bytes a step with SSE2 (no branch per letter). */
static inline size_t letter_run_end(const unsigned char *u, size_t j,
                                    size_t e, size_t n)
{
#ifdef __SSE2__
    while (j + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + j));
        __m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
        __m128i m = _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8(0x60)),
                                  _mm_cmplt_epi8(lo, _mm_set1_epi8(0x7B)));
        unsigned nl = ~(unsigned)_mm_movemask_epi8(m) & 0xFFFFu;
        if (nl) {
            size_t r = j + (unsigned)__builtin_ctz(nl);
            return r < e ? r : e;
        }
        j += 16;
        if (j >= e)
            return e;
    }
#else
    (void)n;
#endif
    while (j < e && wcls[u[j]] == 1)
        j++;
    return j;
}

/* The next word of s[*pi..e): its length in bytes in *wl, its first
 * WORD_KEEP bytes in w (ASCII lowercased; zero-padded to 8 bytes).
 * False at the end. */
static inline bool next_word(const char *s, size_t *pi, size_t e,
                             char *w, size_t *wl)
{
    size_t i = *pi, k;
    const unsigned char *u = (const unsigned char *)s;
    for (;;) {
        if (i >= e) {
            *pi = i;
            return false;
        }
        unsigned char c = wcls[u[i]];
        if (c == 1)
            break;
        if (c == 0) {
            i++;
            continue;
        }
        if (letter_at(s, i, e, &k))
            break;
        i += k;
    }
    uint64_t z = 0;
    memcpy(w, &z, 8);
    size_t n = 0;
    while (i < e) {
        unsigned char c = wcls[u[i]];
        if (c == 1) { /* the common case: a run of ASCII letters */
            size_t j = i;
            while (j < e && wcls[u[j]] == 1)
                j++;
            size_t m = n < WORD_KEEP ? WORD_KEEP - n : 0;
            if (m > j - i)
                m = j - i;
            for (size_t q = 0; q < m; q++)
                w[n + q] = (char)(u[i + q] | 32);
            n += j - i;
            i = j;
            continue;
        }
        if (c == 0 || !letter_at(s, i, e, &k))
            break;
        for (size_t q = 0; q < k; q++, n++)
            if (n < WORD_KEEP)
                w[n] = s[i + q];
        i += k;
    }
    *pi = i;
    *wl = n;
    return true;
}

static inline uint32_t stem_hash(const char *w, size_t wl)
{
    size_t stem = wl > STEM_LEN ? STEM_LEN : wl;
    uint32_t h = 2166136261u;
    for (size_t q = 0; q < stem; q++)
        h = (h ^ (unsigned char)w[q]) * 16777619u;
    return h | 1u;
}

/* Appends the stem hash of every content word of s[b..e) to out[n..cap):
 * words of 4+ bytes, lowercased (ASCII), not stop words; a stem is the
 * word's first STEM_LEN bytes.  Returns the new count. */
static size_t stems_text(const char *s, size_t slen, size_t b, size_t e,
                         uint32_t *out, size_t n, size_t cap)
{
    size_t i = b, wl;
    char w[WORD_KEEP + 8];
    const unsigned char *u = (const unsigned char *)s;
    while (n < cap && i < e) {
        unsigned char c = wcls[u[i]];
        if (c == 0) {
            i++;
            continue;
        }
        if (c == 1) {
            /* an ASCII word: copied only for the stop-word test */
            size_t st = i;
            i = letter_run_end(u, i, e, slen);
            if (i == e || wcls[u[i]] == 0) {
                wl = i - st;
                if (wl < 4 || wl > WORD_MAX)
                    continue;
                if (wl <= WORD_KEEP) {
                    uint64_t z = 0;
                    memcpy(w, &z, 8);
                    for (size_t q = 0; q < wl; q++)
                        w[q] = (char)(u[st + q] | 32);
                    if (stop_word(w, wl))
                        continue;
                }
                size_t sl = wl > STEM_LEN ? STEM_LEN : wl;
                uint32_t h = 2166136261u;
                for (size_t q = 0; q < sl; q++)
                    h = (h ^ (u[st + q] | 32u)) * 16777619u;
                out[n++] = h | 1u;
                continue;
            }
            i = st; /* a word going on in non-ASCII letters */
        }
        if (!next_word(s, &i, e, w, &wl))
            break;
        if (wl < 4 || wl > WORD_MAX || stop_word(w, wl))
            continue;
        out[n++] = stem_hash(w, wl);
    }
    return n;
}

/* Sorts a[0..n) ascending (n is at most 2 * STEM_MAX): quicksort down to
 * runs of 16, then one insertion pass; no comparator calls. */
static void u32_sort(uint32_t *a, size_t n)
{
    size_t stk[64][2];
    int sp = 0;
    size_t lo = 0, hi = n;
    for (;;) {
        while (hi - lo > 16) {
            size_t mid = lo + (hi - lo) / 2;
            /* median of three, sorted in place: a[lo] and a[hi - 1]
             * bound the scans, both parts are non-empty */
            uint32_t t;
            if (a[mid] < a[lo]) {
                t = a[mid]; a[mid] = a[lo]; a[lo] = t;
            }
            if (a[hi - 1] < a[mid]) {
                t = a[hi - 1]; a[hi - 1] = a[mid]; a[mid] = t;
                if (a[mid] < a[lo]) {
                    t = a[mid]; a[mid] = a[lo]; a[lo] = t;
                }
            }
            uint32_t piv = a[mid];
            size_t i = lo, j = hi - 1;
            for (;;) {
                while (a[i] < piv)
                    i++;
                while (a[j] > piv)
                    j--;
                if (i >= j)
                    break;
                t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
            /* [lo, j] <= piv <= [j + 1, hi) */
            size_t cut = j + 1, l1 = lo, h1 = cut, l2 = cut, h2 = hi;
            if (h1 - l1 > h2 - l2) { /* push the larger part */
                stk[sp][0] = l1;
                stk[sp][1] = h1;
                lo = l2;
                hi = h2;
            } else {
                stk[sp][0] = l2;
                stk[sp][1] = h2;
                lo = l1;
                hi = h1;
            }
            sp++;
        }
        if (!sp)
            break;
        sp--;
        lo = stk[sp][0];
        hi = stk[sp][1];
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t v = a[i];
        size_t j = i;
        while (j > 0 && a[j - 1] > v) {
            a[j] = a[j - 1];
            j--;
        }
        a[j] = v;
    }
}

/* The thread's word statistics: every comment's distinct stems (sorted)
 * and one table of stem -> number of comments using it, article flag. */
typedef struct wstat {
    uint32_t **w;    /* per comment, sorted distinct stems */
    uint32_t *nw;
    uint32_t *kv;    /* open addressing, pairs: key (stem), value (low
                      * 24 bits: comments; bit 31: in the article) */
    uint64_t *bloom; /* BLOOM_BITS: the stems present (one hash) */
    uint32_t mask;
    const ctx *x;
    uint32_t *tmp;   /* ART_MAX stems */
    bool art_done;   /* bit 31 set (on the first common stem) */
} wstat;

#define BLOOM_BITS 32768 /* 4 KB: stays in the L1 cache */
static inline uint32_t bloom_bit(uint32_t h)
{
    return (h * 0x9E3779B1u) >> 17;
}

static uint32_t *ws_slot(wstat *ws, uint32_t h)
{
    uint32_t k = (h * 2654435761u) & ws->mask;
    while (ws->kv[2 * k] && ws->kv[2 * k] != h)
        k = (k + 1) & ws->mask;
    ws->kv[2 * k] = h;
    return &ws->kv[2 * k + 1];
}

static const uint32_t *ws_find(const wstat *ws, uint32_t h)
{
    uint32_t k = (h * 2654435761u) & ws->mask;
    while (ws->kv[2 * k]) {
        if (ws->kv[2 * k] == h)
            return &ws->kv[2 * k + 1];
        k = (k + 1) & ws->mask;
    }
    return NULL;
}

#define ART_MAX 4096 /* article words looked at */
static bool wstat_build(ctx *x, const cbuild *cb, wstat *ws)
{
    pthread_once(&g_stop_once, stop_set_build);
    memset(ws, 0, sizeof *ws);
    size_t n = cb->n;
    ws->w = th__arena_alloc(x->scratch, n * sizeof *ws->w);
    ws->nw = th__arena_alloc(x->scratch, n * sizeof *ws->nw);
    uint32_t *tmp = th__arena_alloc(x->scratch, ART_MAX * sizeof *tmp);
    if (!ws->w || !ws->nw || !tmp)
        return false;
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const cmt *c = &cb->c[i];
        size_t m = 0;
        for (size_t k = c->first; k <= c->last && m < STEM_MAX * 2; k++)
            if (x->L[k].label == TH_LABEL_COMMENT)
                m = stems_text(x->s, x->n, x->L[k].cs, x->L[k].ce, tmp, m,
                               STEM_MAX * 2);
        u32_sort(tmp, m);
        size_t u = 0;
        for (size_t k = 0; k < m && u < STEM_MAX; k++)
            if (!u || tmp[k] != tmp[u - 1])
                tmp[u++] = tmp[k];
        ws->w[i] = th__arena_alloc(x->scratch, (u ? u : 1) * sizeof(uint32_t));
        if (!ws->w[i])
            return false;
        memcpy(ws->w[i], tmp, u * sizeof(uint32_t));
        ws->nw[i] = (uint32_t)u;
        total += u;
    }
    size_t cap = 64;
    while (cap < 2 * total)
        cap *= 2;
    ws->kv = th__arena_alloc(x->scratch, 2 * cap * sizeof *ws->kv);
    ws->bloom = th__arena_alloc(x->scratch, BLOOM_BITS / 8);
    if (!ws->kv || !ws->bloom)
        return false;
    memset(ws->kv, 0, 2 * cap * sizeof *ws->kv);
    memset(ws->bloom, 0, BLOOM_BITS / 8);
    ws->mask = (uint32_t)(cap - 1);
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < ws->nw[i]; k++) {
            uint32_t h = ws->w[i][k];
            (*ws_slot(ws, h))++;
            uint32_t b = bloom_bit(h);
            ws->bloom[b >> 6] |= 1ull << (b & 63);
        }
    ws->x = x;
    ws->tmp = tmp;
    ws->art_done = false;
    return true;
}

/* Sets the article flag of the comment stems (see below); run when a
 * comparison first meets a common stem (many threads never do). */
static void ws_article(wstat *ws)
{
    ws->art_done = true;
    uint32_t *tmp = ws->tmp;
    size_t cap = (size_t)ws->mask + 1;
    /* The article flag: the content stems of the first ART_MAX content
     * words of the article (title and body), needed only for stems some
     * comment uses (ws_sim looks up no others).  While the article has
     * at most ART_MAX words of 4+ bytes, every content word is within
     * the limit: a word is then checked for a stop word only when its
     * stem is in the table.  Longer articles take the exact count. */
    size_t raw = 0;
    char w[WORD_KEEP + 8];
    for (size_t i = 0; i < ws->x->nl && raw <= ART_MAX; i++) {
        const tl *l = &ws->x->L[i];
        if (l->label != TH_LABEL_BODY && l->label != TH_LABEL_TITLE)
            continue;
        const unsigned char *u = (const unsigned char *)ws->x->s;
        size_t j = l->cs, e = l->ce, wl;
        while (j < e) {
            unsigned char c = wcls[u[j]];
            if (c == 0) {
                j++;
                continue;
            }
            if (c == 1) {
                /* an ASCII word: hashed in place, copied only when its
                 * stem is a comment's */
                size_t st = j;
                j = letter_run_end(u, j, e, ws->x->n);
                if (j == e || wcls[u[j]] == 0) {
                    wl = j - st;
                    if (wl < 4 || wl > WORD_MAX)
                        continue;
                    if (++raw > ART_MAX)
                        break;
                    uint32_t h = 2166136261u;
                    size_t sl = wl > STEM_LEN ? STEM_LEN : wl;
                    for (size_t q = 0; q < sl; q++)
                        h = (h ^ (u[st + q] | 32u)) * 16777619u;
                    uint32_t b = bloom_bit(h | 1u);
                    if (!(ws->bloom[b >> 6] >> (b & 63) & 1))
                        continue; /* no comment has this stem */
                    uint32_t *v = (uint32_t *)ws_find(ws, h | 1u);
                    if (v && !(*v >> 31)) {
                        uint64_t z = 0;
                        memcpy(w, &z, 8);
                        size_t m = wl < WORD_KEEP ? wl : WORD_KEEP;
                        for (size_t q = 0; q < m; q++)
                            w[q] = (char)(u[st + q] | 32);
                        if (!stop_word(w, wl))
                            *v |= 1u << 31;
                    }
                    continue;
                }
                j = st; /* a word going on in non-ASCII letters */
            }
            if (!next_word(ws->x->s, &j, e, w, &wl))
                break;
            if (wl < 4 || wl > WORD_MAX)
                continue;
            if (++raw > ART_MAX)
                break;
            uint32_t *v = (uint32_t *)ws_find(ws, stem_hash(w, wl));
            if (v && !(*v >> 31) && !stop_word(w, wl))
                *v |= 1u << 31;
        }
    }
    if (raw > ART_MAX) {
        for (size_t k = 0; k < cap; k++)
            ws->kv[2 * k + 1] &= 0xffffffu;
        size_t am = 0;
        for (size_t i = 0; i < ws->x->nl && am < ART_MAX; i++)
            if (ws->x->L[i].label == TH_LABEL_BODY || ws->x->L[i].label == TH_LABEL_TITLE)
                am = stems_text(ws->x->s, ws->x->n, ws->x->L[i].cs, ws->x->L[i].ce, tmp, am, ART_MAX);
        for (size_t k = 0; k < am; k++) {
            uint32_t *v = (uint32_t *)ws_find(ws, tmp[k]);
            if (v)
                *v |= 1u << 31;
        }
    }
}

/* How much two comments share: a common word weighs 1 when at most
 * three comments use it, 2 / (users - 1) when more do, a quarter of that
 * when the article uses it. */
static float ws_sim(wstat *ws, size_t a, size_t b)
{
    const uint32_t *p = ws->w[a], *q = ws->w[b];
    uint32_t i = 0, j = 0, na = ws->nw[a], nb = ws->nw[b];
    float s = 0;
    while (i < na && j < nb) {
        if (p[i] < q[j])
            i++;
        else if (p[i] > q[j])
            j++;
        else {
            if (!ws->art_done)
                ws_article(ws);
            const uint32_t *v = ws_find(ws, p[i]);
            uint32_t df = v ? (*v & 0xffffffu) : 2;
            float w = df > 3 ? 2.0f / (float)(df - 1) : 1.0f;
            if (v && (*v >> 31))
                w *= 0.25f;
            s += w;
            i++;
            j++;
        }
    }
    return s;
}

/* What two comments of these sizes share by chance: long comments meet
 * on some words whatever they answer. */
static float ws_noise(const wstat *ws, size_t a, size_t b)
{
    return (float)ws->nw[a] * (float)ws->nw[b] / 2000.0f;
}

/* Names that sites print for comments nobody signed: no identity. */
static const char *const no_names[] = {
    "anonymous", "anon", "anonym", "anonyme", "an\xc3\xb3nimo", "anonimo",
    "guest", "gast", "invit\xc3\xa9", "invitado", "visitor", "besucher",
    "user", "utilisateur", "usuario", "unknown", "unbekannt", "deleted",
    "[deleted]", "gel\xc3\xb6scht", "supprim\xc3\xa9", "eliminado", NULL};

static bool placeholder_name(const char *s, size_t b, size_t e)
{
    for (int k = 0; no_names[k]; k++) {
        size_t n = strlen(no_names[k]), q = 0;
        if (n != e - b)
            continue;
        while (q < n && fold((unsigned char)s[b + q]) == (unsigned char)no_names[k][q])
            q++;
        if (q == n)
            return true;
    }
    return false;
}

/* The author names of two comments are the same (both signed, not a
 * placeholder like "Anonymous"). */
static bool same_author(const ctx *x, const cmt *a, const cmt *b)
{
    size_t ab, ae, bb, be;
    if (!cmt_author(x, a, &ab, &ae) || !cmt_author(x, b, &bb, &be))
        return false;
    return ae - ab == be - bb && starts_name(x->s, ab, ae, bb, be) &&
           !placeholder_name(x->s, ab, ae);
}

/* Reply words that open a comment, in any of its lines' lengths (the
 * lexicon's opener list is matched on short lines only). */
static const char *const open_words[] = {
    "yes", "yeah", "yep", "yup", "yea", "no", "nope", "nah", "exactly",
    "agreed", "true", "indeed", "correct", "wrong", "nonsense", "rubbish",
    "bullshit", "lol", "haha", "thanks", "ja", "jein", "nein", "genau",
    "stimmt", "richtig", "falsch", "quatsch", "danke", "oui", "non",
    "exactement", "exact", "faux", "merci", "absolument", "claro", "exacto",
    "cierto", "falso", "gracias", "jaja", NULL};

static bool opens_reply(const char *s, size_t b, size_t e)
{
    char w[16];
    size_t wl = 0, i = b;
    while (i < e && wl < sizeof w) {
        unsigned char ch = (unsigned char)s[i];
        if (!(ch >= 0x80 || ((ch | 32) >= 'a' && (ch | 32) <= 'z')))
            break;
        w[wl++] = (char)(ch >= 0x80 ? ch : (ch | 32));
        i++;
    }
    if (!wl || wl == sizeof w)
        return false;
    /* the word stands alone: a comma, stop, '!', '?' or the end follows */
    if (i < e && s[i] != ',' && s[i] != '.' && s[i] != '!' && s[i] != '?' &&
        s[i] != ' ' && s[i] != ':' && (unsigned char)s[i] != 0xE2)
        return false;
    for (int k = 0; open_words[k]; k++)
        if (strlen(open_words[k]) == wl && !memcmp(open_words[k], w, wl))
            return true;
    return false;
}

/* The comment opens with a sentence of at most three words ("Not
 * really.", "Stimmt nicht!", "It won't.") and goes on: a reaction.  A
 * lone short word before a stop ("Mr.", "Dr.") or a number ("1.") is no
 * sentence. */
static bool short_first_sentence(const char *s, size_t b, size_t e)
{
    int words = 0, letters = 0, wlen0 = 0;
    bool inw = false;
    for (size_t i = b; i < e && i - b < 40; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '.' || ch == '!' || ch == '?') {
            if (inw)
                words++;
            if (words < 1 || words > 3 || !letters)
                return false;
            if (words == 1 && ch == '.' && wlen0 <= 3)
                return false;
            size_t j = i + 1;
            while (j < e && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
                j++;
            return j < e && s[j] == ' ' && j + 1 < e;
        }
        if (ch == ' ') {
            if (inw)
                words++;
            inw = false;
        } else if (ch == ',' || ch == ':' || ch == ';' || ch == '(') {
            return false;
        } else {
            inw = true;
            if (words == 0)
                wlen0++;
            if (ch >= 0x80 || ((ch | 32) >= 'a' && (ch | 32) <= 'z'))
                letters++;
        }
    }
    return false;
}

/* Agreeing or disagreeing with someone, anywhere in a comment: it answers
 * another comment ("I agree with his analysis", "Da hast du recht"). */
static const char *const agree_phrases[] = {
    "i agree", "i disagree", "i totally agree", "you are right",
    "you're right", "good point", "well said", "ich stimme", "stimme dir",
    "stimme ihnen", "hast recht", "haben recht", "sehe ich auch so",
    "sehe ich anders", "je suis d'accord", "je suis d\xe2\x80\x99" "accord",
    "pas d'accord", "pas d\xe2\x80\x99" "accord", "tu as raison",
    "vous avez raison", "bien dit", "estoy de acuerdo", "no estoy de acuerdo",
    "tienes raz\xc3\xb3n", "tiene raz\xc3\xb3n", "bien dicho", NULL};

#define AGREE_N (sizeof agree_phrases / sizeof *agree_phrases - 1)
/* agree_phrases by first byte: g_agree_at[c] .. g_agree_at[c + 1] index
 * g_agree_ix; lengths in g_agree_len (built once). */
static uint8_t g_agree_len[AGREE_N], g_agree_ix[AGREE_N];
static uint8_t g_agree_at[257];
static pthread_once_t g_agree_once = PTHREAD_ONCE_INIT;

static void agree_build(void)
{
    size_t n = 0;
    for (unsigned c = 0; c < 256; c++) {
        g_agree_at[c] = (uint8_t)n;
        for (size_t k = 0; k < AGREE_N; k++)
            if ((unsigned char)agree_phrases[k][0] == c)
                g_agree_ix[n++] = (uint8_t)k;
    }
    g_agree_at[256] = (uint8_t)n;
    for (size_t k = 0; k < AGREE_N; k++)
        g_agree_len[k] = (uint8_t)strlen(agree_phrases[k]);
}

/* Does an agree phrase start at u[i] (i < e)? */
static inline bool agree_at(const unsigned char *u, size_t i, size_t e)
{
    unsigned char c0 = fold(u[i]);
    for (unsigned r = g_agree_at[c0]; r < g_agree_at[c0 + 1]; r++) {
        const char *ph = agree_phrases[g_agree_ix[r]];
        size_t n = g_agree_len[g_agree_ix[r]], q = 1;
        if (n > e - i)
            continue;
        while (q < n && fold(u[i + q]) == (unsigned char)ph[q])
            q++;
        if (q == n && (i + n == e || !(fold(u[i + n]) >= 'a' &&
                                       fold(u[i + n]) <= 'z')))
            return true;
    }
    return false;
}

/* Does s[b..e) contain one of agree_phrases (ASCII case-insensitive),
 * starting a word (after a byte that is neither a letter nor non-ASCII)?
 * Looks at the first 400 bytes; s is readable up to slen.  Every phrase
 * starts with an ASCII letter, so with SSE2 only word starts (16 bytes a
 * step) are tried. */
static bool has_agree(const char *s, size_t slen, size_t b, size_t e)
{
    pthread_once(&g_agree_once, agree_build);
    if (e - b > 400)
        e = b + 400;
    const unsigned char *u = (const unsigned char *)s;
    size_t i = b;
#ifdef __SSE2__
    unsigned prevnl = 1; /* s[i - 1] is no letter (or i == b) */
    while (i < e && i + 16 <= slen) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        __m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
        unsigned L = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8(0x60)),
                          _mm_cmplt_epi8(lo, _mm_set1_epi8(0x7B))));
        unsigned H = (unsigned)_mm_movemask_epi8(v);
        unsigned nl = ~(L | H) & 0xFFFFu; /* ASCII, not a letter */
        unsigned cand = L & (((nl << 1) | prevnl) & 0xFFFFu);
        if (e - i < 16)
            cand &= (1u << (e - i)) - 1u;
        while (cand) {
            if (agree_at(u, i + (unsigned)__builtin_ctz(cand), e))
                return true;
            cand &= cand - 1;
        }
        prevnl = (nl >> 15) & 1u;
        i += 16;
    }
#endif
    for (; i < e; i++) {
        if (i > b) {
            unsigned char pc = fold(u[i - 1]);
            if ((pc >= 'a' && pc <= 'z') || pc >= 0x80)
                continue;
        }
        if (agree_at(u, i, e))
            return true;
    }
    return false;
}

/* Second-person words of en/de/fr/es/pl.  German "du" is also the French
 * article ("au bord du fleuve"): it counts only in a comment with German
 * function words. */
static const char *const you_words[] = {
    "you", "your", "yours", "yourself", "youre", "dir", "dich", "dein",
    "deine", "deinen", "deinem", "deiner", "euch", "euer", "eure", "tu",
    "toi", "vous", "votre", "vos", "te", "t\xc3\xba", "usted", "ustedes",
    "vosotros", "contigo", "ty", "ciebie", "tobie", "tw\xc3\xb3j", "twoja",
    NULL};
static const char *const de_words[] = {
    "und", "ich", "nicht", "ist", "das", "auch", "mit", "sich", "aber",
    "wenn", "hast", "bist", "kannst", "musst", "willst", NULL};

#define YOU_SLOTS 128
static uint64_t g_you_set[YOU_SLOTS], g_de_set[YOU_SLOTS];

static void you_sets_build(void)
{
    /* every word of both lists has at most 8 bytes: keyed by its packed
     * bytes, as the short stop words */
    for (int k = 0; you_words[k]; k++) {
        uint64_t key = 0;
        memcpy(&key, you_words[k], strlen(you_words[k]));
        set_add(g_you_set, YOU_SLOTS, key * STOP8_MUL);
    }
    for (int k = 0; de_words[k]; k++) {
        uint64_t key = 0;
        memcpy(&key, de_words[k], strlen(de_words[k]));
        set_add(g_de_set, YOU_SLOTS, key * STOP8_MUL);
    }
}

/* One word of at most 8 bytes (lowercased, zero-padded in kb) for
 * you_count. */
static inline void you_word(const unsigned char kb[8], size_t wl, int *you,
                            int *du, bool *german)
{
    if (wl == 2 && kb[0] == 'd' && kb[1] == 'u') {
        (*du)++;
        return;
    }
    uint64_t key;
    memcpy(&key, kb, 8);
    key *= STOP8_MUL;
    if (set_has(g_you_set, YOU_SLOTS, key))
        (*you)++;
    else if (!*german && set_has(g_de_set, YOU_SLOTS, key))
        *german = true;
}

/* Second-person words in the comment's lines (the first 600 bytes of
 * each). */
static int you_count(const ctx *x, const cmt *c)
{
    int you = 0, du = 0;
    bool german = false;
    pthread_once(&g_stop_once, stop_set_build);
    for (size_t k = c->first; k <= c->last; k++) {
        const tl *l = &x->L[k];
        if (l->label != TH_LABEL_COMMENT)
            continue;
        const char *s = x->s;
        size_t e = l->ce - l->cs > 600 ? l->cs + 600 : l->ce, i = l->cs, n;
        while (i < e) {
            unsigned char c0 = wcls[(unsigned char)s[i]];
            if (c0 == 0) {
                i++;
                continue;
            }
            if (c0 == 2 && !letter_at(s, i, e, &n)) {
                i += n;
                continue;
            }
            const unsigned char *u = (const unsigned char *)s;
            if (c0 == 1) { /* an ASCII word, read in place */
                size_t st = i;
                i = letter_run_end(u, i, e, x->n);
                if (i == e || wcls[u[i]] == 0) {
                    size_t wl = i - st, upper = 0;
                    if (wl > 8)
                        continue;
                    unsigned char kb[8] = {0};
                    for (size_t q = 0; q < wl; q++) {
                        upper += u[st + q] <= 'Z';
                        kb[q] = (unsigned char)(u[st + q] | 32);
                    }
                    if (wl > 1 && upper == wl)
                        continue; /* an acronym ("TU 154") */
                    you_word(kb, wl, &you, &du, &german);
                    continue;
                }
                i = st; /* a word going on in non-ASCII letters */
            }
            char w[16] = {0};
            size_t wl = 0, upper = 0;
            while (i < e) {
                unsigned char ch = (unsigned char)s[i];
                if (ch < 0x80) { /* the common case: one ASCII letter */
                    if (!((ch | 32) >= 'a' && (ch | 32) <= 'z'))
                        break;
                    upper += ch <= 'Z';
                    if (wl < sizeof w)
                        w[wl] = (char)(ch | 32);
                    wl++;
                    i++;
                    continue;
                }
                if (!letter_at(s, i, e, &n))
                    break;
                for (size_t q = 0; q < n; q++, wl++)
                    if (wl < sizeof w)
                        w[wl] = s[i + q];
                i += n;
            }
            if (wl > 8 || (wl > 1 && upper == wl))
                continue; /* long, or an acronym ("TU 154") */
            unsigned char kb[8] = {0};
            memcpy(kb, w, wl);
            you_word(kb, wl, &you, &du, &german);
        }
    }
    return you + (german ? du : 0);
}

#define PATH_MAX_UP 16 /* ancestors of the previous comment compared */
#define SIM_REPLY 0.75f /* shared rare words (beyond chance) that make a reply */

/* Threads flat comments (no bullets).  The list is in reading order, so a
 * reply answers the previous comment or one of its ancestors (the open
 * path).  See docs/internals/text.md "Threading flat comment lists". */
void th__text_thread_flat(ctx *x, cbuild *cb)
{
    tl *L = x->L;
    wstat ws;
    bool have_ws = false, ws_tried = false;
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
        for (size_t k = fl; k <= c->last; k++)
            if (L[k].label == TH_LABEL_COMMENT)
                chars += L[k].nchars;
        long to = addressed(x, cb, i, t);
        bool extquote = to == -2;
        if (to >= 0) {
            c->parent = to;
            c->depth = cb->c[to].depth + 1;
            continue;
        }
        if (!ws_tried) {
            ws_tried = true;
            have_ws = wstat_build(x, cb, &ws);
        }
        size_t pl = p->last;
        int second = you_count(x, c);
        bool opener = (t->flags & F_OPENER) || opens_reply(x->s, t->cs, t->ce) ||
                      short_first_sentence(x->s, t->cs, t->ce);
        bool agree = false;
        for (size_t k = fl; k <= c->last && !agree; k++)
            if (L[k].label == TH_LABEL_COMMENT)
                agree = has_agree(x->s, x->n, L[k].cs, L[k].ce);
        /* a conversation: c's author wrote an ancestor of p (answering
         * back), p's author wrote one of its own ancestors (an exchange
         * going on), or p's author answers c next (ping-pong) */
        bool talk = false;
        {
            long a = p->parent;
            /* a third party (signed, not on the path) is not the other
             * side of p's exchange */
            size_t nb, ne;
            bool anon = !cmt_author(x, c, &nb, &ne) ||
                        placeholder_name(x->s, nb, ne);
            for (int up = 0; a >= 0 && up < PATH_MAX_UP && !talk;
                 up++, a = cb->c[a].parent)
                talk = same_author(x, c, &cb->c[a]) ||
                       (anon && same_author(x, p, &cb->c[a]));
            if (!talk && i + 1 < cb->n && cb->c[i + 1].indent < 0 &&
                same_author(x, &cb->c[i + 1], p) && !same_author(x, c, p))
                talk = true;
        }
        float sp = have_ws ? ws_sim(&ws, i, i - 1) - ws_noise(&ws, i, i - 1) : 0;
        /* p ends by asking something: a question closing a short comment
         * (at the end of a long one it is mostly rhetorical) */
        uint32_t pchars = 0;
        for (size_t k = p->first; k <= p->last; k++)
            if (L[k].label == TH_LABEL_COMMENT)
                pchars += L[k].nchars;
        bool asked = L[pl].label == TH_LABEL_COMMENT && (L[pl].flags & F_QUEST) &&
                     L[pl].endp == E_SENT && x->s[L[pl].ce - 1] == '?' &&
                     pchars <= 280;
        /* a short fragment or question ("self upvoted?", "of course not"),
         * not a short statement ("Don't trust them!") */
        bool fragment = false;
        if (chars < 40) {
            size_t lk = c->last;
            while (lk > fl && L[lk].label != TH_LABEL_COMMENT)
                lk--;
            const tl *ll = &L[lk];
            unsigned char lc = (unsigned char)x->s[ll->ce - 1];
            fragment = (t->flags & F_LOWER) || lc == '?' ||
                       !(lc == '.' || lc == '!' || lc == 0xA6 /* "..." */);
        }
        bool reply = opener || agree || second > 0 || fragment || talk || asked ||
                     (sp >= SIM_REPLY && !extquote);
        /* a long run of blank lines: a new thread (removed embeds) */
        if (c->gap >= 4 && !opener && !second)
            reply = false;
        long target = (long)(i - 1);
        if (have_ws && !talk && (reply || c->gap < 4) && !extquote) {
            /* an ancestor of p it plainly answers instead; without another
             * cue it takes two rare words, and a quarter of its own words,
             * to make a reply */
            float best = 0, need = SIM_REPLY;
            if (!reply) {
                need = 0.25f * (float)ws.nw[i];
                if (need < 2 * SIM_REPLY)
                    need = 2 * SIM_REPLY;
            }
            long a = p->parent;
            for (int up = 0; a >= 0 && up < PATH_MAX_UP; up++, a = cb->c[a].parent) {
                float s = ws_sim(&ws, i, (size_t)a) - ws_noise(&ws, i, (size_t)a);
                if (s > best) {
                    best = s;
                    if (s >= need && s >= 2 * (sp > 0 ? sp : 0) + 0.5f) {
                        target = a;
                        reply = true;
                    }
                }
            }
        }
        if (reply) {
            c->parent = target;
            c->depth = cb->c[target].depth + 1;
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
        /* lynx's placeholder for an image without alt text: its file
         * name in brackets, a query string kept ("[a.png?q=20]") */
        j = i + 1;
        size_t qm = 0;
        while (j < e && j - i < 200 && s[j] != ']' && s[j] != ' ') {
            if (s[j] == '?' && !qm)
                qm = j;
            j++;
        }
        if (j < e && s[j] == ']' && th__text_image_ext(s + i + 1, (qm ? qm : j) - i - 1)) {
            i = j + 1;
            while (i < e && s[i] == ' ' && o && out[o - 1] == ' ')
                i++;
            continue;
        }
        out[o++] = s[i++];
    }
    return o;
}

/* -------------------------------------------------- comment dates ---- */

/* Comment dates come out as in HTML mode: ISO 8601 through
 * th__date_parse when the line holds a whole date, else the line's own
 * words (never dropped).  Relative dates ("3 hours ago", "vor 2 Tagen",
 * "hace una hora") stay raw: they count back from the moment the page was
 * rendered, which a flattened dump does not record, and the page's own
 * date is its publication, which the comments follow; resolving against
 * it would date every such comment before the article it answers.
 * docs/internals/text.md "Comment dates (session 4)". */

#define DATE_SPAN_MAX 240 /* longer spans are no date header */

/* th__date_parse on s[b..e) with lynx "[12]" link numbers dropped first
 * ("[7]March 3, 2024" would read the 7 as the day). */
static bool date_span(const char *s, size_t b, size_t e, char *iso)
{
    if (e <= b || e - b > DATE_SPAN_MAX)
        return false;
    char tmp[DATE_SPAN_MAX + 1];
    size_t n = th__text_clean_copy(s, b, e, tmp);
    return th__date_parse(tmp, n, iso);
}

/* Where line l's words begin: its content, or the number the line
 * reader took for a list number ("19. Juni 2019 / 6:16", "5. November
 * 2023 um 11:54 Uhr": the day). */
static size_t date_line_start(const ctx *x, const tl *l)
{
    if (l->bullet != B_NUM)
        return l->cs;
    size_t b = l->off;
    while (b < l->cs && (x->s[b] == ' ' || x->s[b] == '\t'))
        b++;
    return b;
}

/* The date of a comment from s[b..e) of line l: ISO 8601 when it can be
 * read (the content first, then with a number taken for a list number),
 * else the words as written.  NULL only when out of memory. */
static char *comment_date(ctx *x, const tl *l, size_t b, size_t e)
{
    char iso[32];
    size_t lb = b == l->cs ? date_line_start(x, l) : b;
    if (date_span(x->s, b, e, iso) ||
        (lb < b && date_span(x->s, lb, e, iso)))
        return th__arena_strndup(x->scratch, iso, strlen(iso));
    return th__arena_strndup(x->scratch, x->s + lb, e - lb);
}

/* Is the word w[0..n) in one of the lexicon's lists in mask? */
static bool lex_word(const char *w, size_t n, uint32_t mask)
{
    char norm[64];
    if (n == 0 || n >= sizeof norm)
        return false;
    size_t k = th__tx_norm(w, n, norm);
    return k && (th__tx_lookup(norm, k) & mask);
}

/* Is the word w[0..n) a month or weekday name, a time-ago word or a
 * date filler ("le", "am", "on") of the lexicon? */
static bool date_word(const char *w, size_t n)
{
    return lex_word(w, n, TXM(TX_DATEW) | TXM(TX_TIMEW) | TXM(TX_DATEFILL));
}

/* The first name/date separator in s[b..e) at or after i: a middle dot,
 * " | ", a spaced hyphen, en or em dash, ", ".  *ne is where the name
 * ends (spaces dropped), *db where the date begins. */
static bool next_sep(const char *s, size_t i, size_t e, size_t b, size_t *ne,
                     size_t *db)
{
    for (; i + 2 < e; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t k = 0;
        if (c == 0xC2 && (unsigned char)s[i + 1] == 0xB7)
            k = 2;
        else if (c == ' ' && (s[i + 1] == '|' || s[i + 1] == '-') && s[i + 2] == ' ')
            k = 3;
        else if (c == ' ' && i + 4 < e && (unsigned char)s[i + 1] == 0xE2 &&
                 (unsigned char)s[i + 2] == 0x80 &&
                 ((unsigned char)s[i + 3] == 0x93 ||
                  (unsigned char)s[i + 3] == 0x94) &&
                 s[i + 4] == ' ')
            k = 5;
        else if (c == ',' && s[i + 1] == ' ')
            k = 2;
        if (!k)
            continue;
        size_t n = i, d = i + k;
        while (n > b && s[n - 1] == ' ')
            n--;
        while (d < e && s[d] == ' ')
            d++;
        if (n > b && d < e) {
            *ne = n;
            *db = d;
            return true;
        }
    }
    return false;
}

/* A name line that also carries the date ("Rarst · March 10, 2017 at
 * 1:26 AM", "Anna | 05.07.2015 // 17:07"): the first separator after
 * which a date begins, with no date before it.  "Begins": the date read
 * from the tail differs once the tail's first word is gone (so "Mayer,
 * Hans 05.07.2015" keeps "Mayer, Hans" whole), or that word is a
 * lowercase date word of the lexicon ("le mercredi 15 mai"; a capital
 * one may be a name: "Smith, Jan 05.07.2015").  Without a separator, a
 * date opening with a number may end the line ("Mayer, Hans 05.07.2015
 * // 17:07"), by the same test.  A line the lexer marked
 * name + separator + date (F_NAMEDATE) splits at its first separator
 * also when the date is relative ("Anna · vor 2 Tagen").  s[b..e) is the
 * name line; *ne ends the name, *db starts the date. */
static bool split_name_date(const ctx *x, const tl *a, size_t b, size_t e,
                            size_t *ne, size_t *db)
{
    const char *s = x->s;
    char iso[32], iso2[32];
    bool first = true;
    size_t n, d;
    if (e - b > 2 * DATE_SPAN_MAX)
        return false; /* a paragraph, not a name line */
    if (!(a->flags & F_NAMEDATE)) {
        /* th__date_parse reads no date without a digit (the year) */
        size_t k = b;
        while (k < e && !(s[k] >= '0' && s[k] <= '9'))
            k++;
        if (k == e)
            return false;
    }
    for (size_t i = b + 1; next_sep(s, i, e, b, &n, &d); i = d, first = false) {
        if (date_span(s, b, n, iso))
            return false; /* a date before the separator already */
        bool ok = false;
        if (date_span(s, d, e, iso)) {
            size_t w = d;
            while (w < e && s[w] != ' ')
                w++;
            ok = !date_span(s, w, e, iso2) || strcmp(iso, iso2) != 0 ||
                 (!(s[d] >= 'A' && s[d] <= 'Z') && date_word(s + d, w - d));
        } else {
            ok = first && (a->flags & F_NAMEDATE);
        }
        if (ok) {
            *ne = n;
            *db = d;
            return true;
        }
    }
    /* no separator: a date opening with a number ends the line
     * ("Mayer, Hans 05.07.2015 // 17:07") */
    for (size_t i = b + 1; i < e; i++) {
        if (s[i - 1] != ' ' || !(s[i] >= '0' && s[i] <= '9'))
            continue;
        if (date_span(s, b, i, iso))
            return false;
        if (!date_span(s, i, e, iso))
            continue;
        size_t w = i;
        while (w < e && s[w] != ' ')
            w++;
        if (date_span(s, w, e, iso2) && !strcmp(iso, iso2))
            continue; /* the number is not part of the date */
        n = i;
        while (n > b && s[n - 1] == ' ')
            n--;
        *ne = n;
        *db = i;
        return true;
    }
    return false;
}

/* Drops date words ("am", "Le", "on", "Sábado") and separators ending
 * the name s[b..*e) that stood before a date; *e may reach b. */
static void trim_name_end(const char *s, size_t b, size_t *e)
{
    for (;;) {
        while (*e > b && (s[*e - 1] == ' ' || s[*e - 1] == ',' ||
                          s[*e - 1] == '|' || s[*e - 1] == '-'))
            (*e)--;
        size_t w = *e;
        while (w > b && s[w - 1] != ' ')
            w--;
        if (*e == b || !date_word(s + w, *e - w))
            return;
        *e = w;
    }
}

/* The author and date strings of comment c (NULL when it has none);
 * -1 when out of memory.  A name line carrying a date gives both; a
 * date line opening with a name ("Rarst · March 10, 2017 at 1:26 AM",
 * "Anna 05.07.2015 // 17:07") names an unsigned comment's author, and
 * stays whole when another name signs the comment (nothing dropped). */
static int comment_fields(ctx *x, const cmt *c, char **author, char **date)
{
    const char *s = x->s;
    size_t nb = 0, ne = 0; /* the author's name, s[nb..ne) */
    *author = *date = NULL;
    if (c->author != SIZE_MAX) {
        const tl *a = &x->L[c->author];
        size_t ae = a->ce;
        if (a->flags & F_SIGN) {
            /* drop "says:" */
            while (ae > a->cs && s[ae - 1] != ' ')
                ae--;
            while (ae > a->cs && s[ae - 1] == ' ')
                ae--;
        }
        size_t n, db;
        if (split_name_date(x, a, a->cs, ae, &n, &db)) {
            if (c->date == SIZE_MAX) {
                *date = comment_date(x, a, db, ae);
                if (!*date)
                    return -1;
            }
            ae = n;
        }
        nb = a->cs;
        ne = ae;
    }
    if (c->date != SIZE_MAX) {
        const tl *d = &x->L[c->date];
        size_t b = d->cs, n, db, w = d->cs;
        while (w < d->ce && s[w] != ' ')
            w++;
        /* a line opening with a number has no name first ("12.03.2024,
         * 18:40"); under a name line, neither has one opening with a
         * month or weekday and a number ("March 3, 2024 at 10:41 am":
         * what a split would find is date words, so the line is the
         * date either way; saves the parses) */
        bool named = !(s[d->cs] >= '0' && s[d->cs] <= '9') &&
                     !(c->author != SIZE_MAX && w + 1 < d->ce &&
                       s[w + 1] >= '0' && s[w + 1] <= '9' &&
                       lex_word(s + d->cs, w - d->cs, TXM(TX_DATEW)));
        if (named && split_name_date(x, d, d->cs, d->ce, &n, &db)) {
            size_t he = n;
            trim_name_end(s, d->cs, &he);
            if (he == d->cs && c->author != SIZE_MAX) {
                /* only date words before it ("Sábado 23 de abril"): the
                 * line is the date.  Under no name line they may be a
                 * name ("Jan 05.07.2015"): the last branch keeps it */
            } else if (c->author == SIZE_MAX && he > d->cs) {
                nb = d->cs;
                ne = he;
                b = db;
            } else if (c->author != SIZE_MAX && ne - nb == he - d->cs &&
                       starts_name(s, d->cs, he, nb, ne)) {
                b = db;
            } else {
                b = SIZE_MAX; /* another name: the line as written */
            }
        }
        *date = b == SIZE_MAX
                    ? th__arena_strndup(x->scratch, s + date_line_start(x, d),
                                        d->ce - date_line_start(x, d))
                    : comment_date(x, d, b, d->ce);
        if (!*date)
            return -1;
    }
    if (ne > nb) {
        *author = th__arena_strndup(x->scratch, s + nb, ne - nb);
        if (!*author)
            return -1;
    }
    return 0;
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
                /* lines of a hard-wrapped paragraph join with a space */
                if (k == prevk + 1 && th__text_wraps_on(x, prevk))
                    buf[o++] = ' ';
                else
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
        if (comment_fields(x, c, &author, &date) < 0)
            return -1;
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
