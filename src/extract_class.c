/*
 * extract_class.c -- what an element's class, id, role and itemprop say
 * about it: furniture kinds (share, newsletter, comments, navigation, ads,
 * related stories, author boxes, tag lists, hidden, ...), explicit
 * article-body containers, captions, and Readability's class weight.
 *
 * Each class/id value is split into tokens at whitespace; a token is
 * normalised (camelCase and '_' become '-', lower case, '-' runs collapse)
 * and matched three ways: stems anywhere in the token ("share" in
 * "socialshare-bar"), whole words between dashes ("ad" in "ad-slot" but not
 * in "shadow"), and whole tokens ("hidden").  Words are multilingual
 * (English, German, French, Spanish, Polish).  Results are cached per
 * distinct attribute string, since pages repeat the same classes.
 */
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "extract_int.h"
#include "utf8.h"

typedef struct pat {
    const char *s;
    unsigned kind;
} pat;

/* Stems: match anywhere inside a normalised token. */
static const pat g_stems[] = {
    {"comment", K_COMMENT},     {"kommentar", K_COMMENT},
    {"komentarz", K_COMMENT},   {"comentario", K_COMMENT},
    {"disqus", K_COMMENT},      {"wpdiscuz", K_COMMENT},
    {"respond", K_COMMENT},     {"replies", K_COMMENT},
    {"reply", K_COMMENT},       {"talkback", K_COMMENT},
    {"leserbrief", K_COMMENT},  {"reviews", K_COMMENT},
    {"review-widget", K_COMMENT}, {"user-review", K_COMMENT},  {"discussion", K_COMMENT},
    {"share", K_SHARE},         {"sharing", K_SHARE},
    {"shariff", K_SHARE},       {"social", K_SHARE},
    {"sociable", K_SHARE},      {"addthis", K_SHARE},
    {"teilen", K_SHARE},        {"compartir", K_SHARE},
    {"partage", K_SHARE},       {"udostepnij", K_SHARE},
    {"follow-us", K_SHARE},     {"followus", K_SHARE},
    {"facebook", K_SHARE},      {"twitter", K_SHARE},
    {"whatsapp", K_SHARE},      {"linkedin", K_SHARE},
    {"pinterest", K_SHARE},     {"newsletter", K_PROMO},
    {"subscri", K_PROMO},       {"suscri", K_PROMO},
    {"signup", K_PROMO},        {"sign-up", K_PROMO},
    {"call-to-action", K_PROMO},
    {"paywall", K_PROMO},       {"regwall", K_PROMO},
    {"donat", K_PROMO},         {"spende", K_PROMO},
    {"membership", K_PROMO},    {"login", K_PROMO},
    {"register", K_PROMO},      {"promo", K_PROMO},
    {"abonn", K_PROMO},         {"cookie", K_COOKIE},
    {"consent", K_COOKIE},      {"gdpr", K_COOKIE},
    {"advert", K_AD},           {"sponsor", K_AD},
    {"outbrain", K_AD},         {"taboola", K_AD},
    {"plista", K_AD},           {"adsense", K_AD},
    {"adslot", K_AD},           {"adunit", K_AD},
    {"adcontainer", K_AD},      {"adwrap", K_AD},
    {"werbung", K_AD},          {"anzeige", K_AD},
    {"publicidad", K_AD},       {"publicite", K_AD},
    {"reklama", K_AD},          {"affiliate", K_AD},
    {"shopping", K_AD},         {"breadcrumb", K_NAV},
    {"pagination", K_NAV},      {"paging", K_NAV},
    {"skiplink", K_NAV},        {"skip-link", K_NAV},
    {"toolbar", K_NAV},         {"masthead", K_HEADER},
    {"header", K_HEADER},          {"footer", K_NAV},
    {"sidebar", K_NAV},         {"side-bar", K_NAV},
    {"widget", 0},          {"topbar", K_NAV},
    {"top-bar", K_NAV},         {"sitemap", K_NAV},
    {"dropdown", K_NAV},        {"offcanvas", K_NAV},
    {"off-canvas", K_NAV},      {"menu", K_NAV},
    {"related", K_RELATED},     {"recommend", K_RELATED},
    {"empfehl", K_RELATED},     {"weitere", K_RELATED},
    {"verwandt", K_RELATED},    {"more-from", K_RELATED},
    {"morefrom", K_RELATED},    {"more-stories", K_RELATED},
    {"more-articles", K_RELATED}, {"more-news", K_RELATED},
    {"also-read", K_RELATED},   {"alsoread", K_RELATED},
    {"read-more", K_RELATED},   {"readmore", K_RELATED},
    {"weiterlesen", K_RELATED}, {"mehr-zum", K_RELATED},
    {"trending", K_RELATED},    {"popular", K_RELATED},
    {"most-read", K_RELATED},   {"mostread", K_RELATED},
    {"meistgelesen", K_RELATED}, {"top-stories", K_RELATED},
    {"recirc", K_RELATED},      {"you-may", K_RELATED},
    {"youmay", K_RELATED},      {"similar", K_RELATED},
    {"also-like", K_RELATED},   {"other-articles", K_RELATED},
    {"latest", K_RELATED},      {"polecane", K_RELATED},
    {"relacionad", K_RELATED},  {"connexe", K_RELATED},
    {"author", K_AUTHOR},       {"autor", K_AUTHOR},
    {"byline", K_AUTHOR},       {"contributor", K_AUTHOR},
    {"dateline", K_AUTHOR},     {"timestamp", K_AUTHOR},
    {"copyright", K_AUTHOR},    {"disclaimer", K_AUTHOR},
    {"impressum", K_AUTHOR},    {"imprint", K_AUTHOR},
    {"taglist", K_TAGS},        {"tag-list", K_TAGS},
    {"tagcloud", K_TAGS},       {"tag-cloud", K_TAGS},
    {"schlagw", K_TAGS},        {"etiquetas", K_TAGS},
    {"popup", K_MISC},          {"modal", K_MISC},
    {"overlay", K_MISC},        {"rating", K_MISC},
    {"survey", K_MISC},         {"searchform", K_MISC},
    {"search-form", K_MISC},
    {"notification", K_MISC},   {"tooltip", K_MISC},
    {"caption", K_CAPTION},     {"bildunterschrift", K_CAPTION},
    {"legende", K_CAPTION},     {"leyenda", K_CAPTION},
    {"didascalia", K_CAPTION},  {"bildtext", K_CAPTION},
    {"imagedesc", K_CAPTION},   {"image-desc", K_CAPTION},
    {"img-desc", K_CAPTION},    {"photo-desc", K_CAPTION},
    {"pie-de-foto", K_CAPTION}, {"piedefoto", K_CAPTION},
    {"articlebody", K_BODY},    {"article-body", K_BODY},
    {"article-content", K_BODY}, {"articlecontent", K_BODY},
    {"article-text", K_BODY},   {"articletext", K_BODY},
    {"entry-content", K_BODY},  {"entry-body", K_BODY},
    {"post-content", K_BODY},   {"postcontent", K_BODY},
    {"post-body", K_BODY},      {"postbody", K_BODY},
    {"post-text", K_BODY},      {"post-entry", K_BODY},
    {"story-body", K_BODY},     {"storybody", K_BODY},
    {"story-content", K_BODY},  {"story-text", K_BODY},
    {"body-text", K_BODY},      {"bodytext", K_BODY},
    {"main-text", K_BODY},      {"maintext", K_BODY},
    {"artikel-text", K_BODY},   {"artikeltext", K_BODY},
    {"field-name-body", K_BODY}, {"field-body", K_BODY},
    {"rich-text", K_BODY},      {"richtext", K_BODY},
    {"article", K_POS},         {"content", K_POS},
    {"entry", K_POS},           {"hentry", K_POS},
    {"h-entry", K_POS},         {"story", K_POS},
    {"artikel", K_POS},         {"beitrag", K_POS},
    {"inhalt", K_POS},          {"contenu", K_POS},
    {"contenido", K_POS},       {"cuerpo", K_POS},
    {"noticia", K_POS},         {"tresc", K_POS},
    {"blog", K_POS},            {"combx", K_NEG},
    {"contact", K_NEG},         {"shoutbox", K_NEG},
    {"skyscraper", K_NEG},      {"scroll", K_NEG},
    {"media", K_NEG},
};

/* Whole words between dashes. */
static const pat g_words[] = {
    {"ad", K_AD},          {"ads", K_AD},       {"adv", K_AD},
    {"adbox", K_AD},       {"dfp", K_AD},       {"banner", K_AD},
    {"nav", K_NAV},        {"navbar", K_NAV},   {"navi", K_NAV},
    {"navigation", K_NAV}, {"subnav", K_NAV},   {"topnav", K_NAV},
    {"mainnav", K_NAV},    {"pager", K_NAV},    {"skip", K_NAV},
    {"jump", K_NAV},       {"aside", K_NAV},    {"rail", K_NAV},
    {"bio", K_AUTHOR},     {"meta", K_AUTHOR},  {"date", K_AUTHOR},
    {"time", K_AUTHOR},    {"posted", K_AUTHOR}, {"published", K_AUTHOR},
    {"credit", K_AUTHOR},  {"credits", K_AUTHOR}, {"legal", K_AUTHOR},
    {"profile", K_AUTHOR}, {"tags", K_TAGS},    {"search", K_MISC},
    {"keywords", K_TAGS},  {"topics", K_TAGS},  {"themen", K_TAGS},
    {"categories", K_TAGS}, {"poll", K_MISC},
    {"form", K_MISC},      {"abo", K_PROMO},    {"jobs", K_MISC},
    {"cta", K_PROMO},      {"dida", K_CAPTION},
    {"lang", K_MISC},      {"language", K_MISC},     {"main", K_POS},     {"body", K_POS},
    {"text", K_POS},       {"post", K_POS},     {"page", K_POS},
};

/* Whole tokens. */
static const pat g_tokens[] = {
    {"is-hidden", K_HIDDEN},     {"visually-hidden", K_HIDDEN},
    {"visuallyhidden", K_HIDDEN}, {"sr-only", K_HIDDEN},
    {"screen-reader-text", K_HIDDEN}, {"screenreader", K_HIDDEN},
    {"invisible", K_HIDDEN},     {"d-none", K_HIDDEN},
    {"offscreen", K_HIDDEN},     {"element-invisible", K_HIDDEN},
    {"u-hidden", K_HIDDEN},     {"hidden", K_HIDDEN},
    {"hide", K_HIDDEN},     {"tag", K_TAGS},
};

#define TOKMAX 80
#define NSTEMS (sizeof g_stems / sizeof g_stems[0])
#define NWORDS (sizeof g_words / sizeof g_words[0])
#define NTOKENS (sizeof g_tokens / sizeof g_tokens[0])

/* Words indexed by their first two bytes (a-z, '-', anything else): a
 * word of a token costs one table load, and only words whose two bytes
 * start a listed word compare further.  Built once (pthread_once) with the
 * stem automaton below. */
#define NCH 28
#define NPAIR (NCH * NCH)
static uint16_t g_wstart[NPAIR + 1], g_witem[NWORDS];
static uint8_t g_wlen[NWORDS], g_tlen[NTOKENS];
static uint32_t g_tlens; /* bit L: some whole token is L bytes long */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static atomic_int g_ready; /* set (release) when the tables are built */

static uint8_t g_ch[256]; /* byte -> 0..25 (a-z), 26 ('-'), 27 (other) */

/* The stems as one automaton (Aho-Corasick, as a full transition table
 * over the 28 byte classes): one table step per byte of a token finds
 * every stem inside it.  A state's output is the OR of the kinds of every
 * stem that ends there, suffixes included.  No stem holds a byte of class
 * 27, so class-level matching is byte-exact.  At most one state per stem
 * byte, plus the root. */
#define AC_MAX 2048
static uint16_t g_ac[AC_MAX][NCH];
static uint16_t g_acout[AC_MAX];

static inline unsigned chidx(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') : c == '-' ? 26u : 27u;
}

static inline unsigned pair(const char *s)
{
    return chidx((unsigned char)s[0]) * NCH + chidx((unsigned char)s[1]);
}

static void index_list(const pat *ps, size_t n, uint8_t *lens, uint16_t *start,
                       uint16_t *item)
{
    uint16_t count[NPAIR + 1];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
        lens[i] = (uint8_t)strlen(ps[i].s);
        count[pair(ps[i].s)]++;
    }
    start[0] = 0;
    for (size_t b = 0; b < NPAIR; b++)
        start[b + 1] = (uint16_t)(start[b] + count[b]);
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++) {
        unsigned b = pair(ps[i].s);
        item[start[b] + count[b]++] = (uint16_t)i;
    }
}

static void build_automaton(void)
{
    static uint16_t fail[AC_MAX], queue[AC_MAX];
    unsigned nstates = 1;
    for (size_t i = 0; i < NSTEMS; i++) {
        unsigned st = 0;
        for (const char *p = g_stems[i].s; *p; p++) {
            unsigned c = g_ch[(unsigned char)*p];
            if (!g_ac[st][c]) {
                assert(nstates < AC_MAX);
                g_ac[st][c] = (uint16_t)nstates++;
            }
            st = g_ac[st][c];
        }
        g_acout[st] |= (uint16_t)g_stems[i].kind;
    }
    /* Breadth first: a state's failure state is shallower, so its row and
     * output are complete when the state is reached. */
    size_t qh = 0, qt = 0;
    for (unsigned c = 0; c < NCH; c++)
        if (g_ac[0][c]) {
            fail[g_ac[0][c]] = 0;
            queue[qt++] = g_ac[0][c];
        }
    while (qh < qt) {
        unsigned st = queue[qh++];
        for (unsigned c = 0; c < NCH; c++) {
            unsigned u = g_ac[st][c];
            unsigned f = g_ac[fail[st]][c];
            if (u) {
                fail[u] = (uint16_t)f;
                g_acout[u] |= g_acout[f];
                queue[qt++] = (uint16_t)u;
            } else {
                g_ac[st][c] = (uint16_t)f;
            }
        }
    }
}

static void build_index(void)
{
    for (unsigned c = 0; c < 256; c++)
        g_ch[c] = (uint8_t)chidx((unsigned char)c);
    build_automaton();
    index_list(g_words, NWORDS, g_wlen, g_wstart, g_witem);
    for (size_t i = 0; i < NTOKENS; i++) {
        g_tlen[i] = (uint8_t)strlen(g_tokens[i].s);
        g_tlens |= 1u << g_tlen[i];
    }
    atomic_store_explicit(&g_ready, 1, memory_order_release);
}

/* Normalises one token into out (NUL-terminated); returns its length. */
static size_t norm_token(const char *s, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o < TOKMAX - 1; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z') {
            if (i > 0 && s[i - 1] >= 'a' && s[i - 1] <= 'z' && o &&
                out[o - 1] != '-')
                out[o++] = '-';
            if (o < TOKMAX - 1)
                out[o++] = (char)(c - 'A' + 'a');
            continue;
        }
        if (c == '_' || c == '-' || c == '.' || c == ':') {
            if (o && out[o - 1] != '-')
                out[o++] = '-';
            continue;
        }
        out[o++] = (char)c;
    }
    while (o && out[o - 1] == '-')
        o--;
    out[o] = '\0';
    return o;
}

static inline bool same_tail(const char *a, const char *b, size_t n)
{
    for (size_t i = 2; i < n; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* t is NUL-terminated, so t[len] is readable for the pair at len-1. */
static unsigned match_token(const char *t, size_t len)
{
    unsigned k = 0;
    if (len < 32 && (g_tlens >> len) & 1u)
        for (size_t i = 0; i < NTOKENS; i++)
            if (g_tlen[i] == len && t[0] == g_tokens[i].s[0] &&
                memcmp(t, g_tokens[i].s, len) == 0)
                return g_tokens[i].kind;
    /* WordPress-style sidebar widgets ("widget", "widget_text"); other
     * tokens merely containing the word are page-builder wrappers. */
    if (len >= 6 && memcmp(t, "widget", 6) == 0 && (t[6] == '\0' || t[6] == '-'))
        k |= K_NAV;
    unsigned st = 0;
    for (size_t i = 0; i < len; i++) {
        st = g_ac[st][g_ch[(unsigned char)t[i]]];
        k |= g_acout[st];
    }
    /* Exceptions to stems. */
    if ((k & K_SHARE) && strstr(t, "shared") && !strstr(t, "social") &&
        !strstr(t, "sharing") && !strstr(t, "shariff"))
        k &= ~K_SHARE;
    /* States ("node--promoted", "is-promoted"), not promotion boxes. */
    if ((k & K_PROMO) && strstr(t, "promoted"))
        k &= ~K_PROMO;
    if ((k & K_COMMENT) && strstr(t, "commentary"))
        k &= ~K_COMMENT;
    if ((k & K_HEADER) && strstr(t, "subhead"))
        k &= ~K_HEADER;
    /* Words between dashes. */
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && t[j] != '-')
            j++;
        size_t wl = j - i;
        if (wl >= 2) {
            unsigned b = pair(t + i);
            for (unsigned q = g_wstart[b]; q < g_wstart[b + 1]; q++) {
                size_t wi = g_witem[q];
                if (g_wlen[wi] == wl && same_tail(t + i, g_words[wi].s, wl))
                    k |= g_words[wi].kind;
            }
        }
        i = j + 1;
    }
    return k;
}

/* Number of dash-separated words in a normalised token. */
static size_t nwords(const char *t)
{
    size_t w = *t ? 1 : 0;
    for (; *t; t++)
        w += *t == '-';
    return w;
}

/* ---- caches: attribute string -> kind bits, and token -> kind bits ----
 * Pages repeat whole class strings ("post-item card") and, across distinct
 * strings, the same tokens ("col-md-6", "wp-block-group"): a miss on the
 * string cache splits it and looks each token up in the token cache, so
 * each distinct token is normalised and matched once per page. */

#define CACHE_SIZE 1024
#define TCACHE_SIZE 2048

typedef struct centry { /* 16 bytes */
    const char *s;
    uint32_t hash;
    uint16_t len;  /* bit 15: an id value */
    uint16_t kind;
} centry;

#define IDBIT 0x8000u

static inline bool centry_is(const centry *e, uint32_t h, const char *v, size_t len,
                             bool is_id)
{
    return e->s && e->hash == h && e->len == (uint16_t)(len | (is_id ? IDBIT : 0)) &&
           memcmp(e->s, v, len) == 0;
}

static inline void centry_set(centry *e, uint32_t h, const char *v, size_t len,
                              bool is_id, unsigned kind)
{
    e->s = v;
    e->hash = h;
    e->len = (uint16_t)(len | (is_id ? IDBIT : 0));
    e->kind = (uint16_t)kind;
}

struct xclass_cache {
    centry e[CACHE_SIZE];
    centry t[TCACHE_SIZE];
};

xclass_cache *th__xclass_cache_new(th_arena *a)
{
    return th__arena_calloc(a, 1, sizeof(xclass_cache));
}

static inline bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* One raw token: normalised and matched.  ids made from heading text
 * ("how-to-share-a-repo") are slugs of prose, not names of page parts:
 * long ones are ignored. */
static unsigned classify_token(const char *v, size_t len, bool is_id)
{
    char tok[TOKMAX];
    size_t tl = norm_token(v, len, tok);
    /* State modifiers ("has-ad", "with-sidebar", "no-comments") describe
     * what a box holds or lacks, not what it is. */
    bool modifier = (tl >= 4 && memcmp(tok, "has-", 4) == 0) ||
                    (tl >= 5 && memcmp(tok, "with-", 5) == 0) ||
                    (tl >= 3 && memcmp(tok, "no-", 3) == 0);
    if (!tl || modifier || (is_id && nwords(tok) >= 4))
        return 0;
    return match_token(tok, tl);
}

static unsigned classify_value(xclass_cache *c, const char *v, size_t len, bool is_id)
{
    unsigned k = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && is_ws(v[i]))
            i++;
        size_t j = i;
        uint32_t h = 2166136261u ^ (is_id ? 0x5bd1e995u : 0);
        while (j < len && !is_ws(v[j])) {
            h = (h ^ (unsigned char)v[j]) * 16777619u;
            j++;
        }
        if (j == i)
            break;
        size_t tl = j - i;
        if (!c || tl > 256) {
            k |= classify_token(v + i, tl, is_id);
        } else {
            centry *e = &c->t[h & (TCACHE_SIZE - 1)];
            if (!centry_is(e, h, v + i, tl, is_id))
                centry_set(e, h, v + i, tl, is_id, classify_token(v + i, tl, is_id));
            k |= e->kind;
        }
        i = j;
    }
    return k;
}

static unsigned cached(xclass_cache *c, const char *v, size_t len, bool is_id)
{
    if (!c || len > 512)
        return classify_value(c, v, len, is_id);
    uint32_t h = (uint32_t)th__mem_hash(v, len, is_id ? 0x5bd1e995u : 0);
    centry *e = &c->e[h & (CACHE_SIZE - 1)];
    if (centry_is(e, h, v, len, is_id))
        return e->kind;
    unsigned k = classify_value(c, v, len, is_id);
    centry_set(e, h, v, len, is_id, k);
    return k;
}

static int weight_of(unsigned k)
{
    int w = 0;
    if (k & (K_JUNK | K_NEG))
        w -= 25;
    if (k & (K_POS | K_BODY))
        w += 25;
    return w;
}

static bool attr_ieq(const char *v, const char *lit)
{
    size_t i = 0;
    for (; v[i] && lit[i]; i++) {
        char c = v[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return v[i] == '\0' && lit[i] == '\0';
}

unsigned th__xclass(xclass_cache *cache, const th_node *el, int *weight)
{
    if (!atomic_load_explicit(&g_ready, memory_order_acquire))
        pthread_once(&g_once, build_index);
    unsigned k = 0;
    int w = 0;
    for (uint32_t i = 0; i < el->nattrs; i++) {
        const th_attr *a = &el->attrs[i];
        if (!a->value || !a->value_len)
            continue;
        if ((a->name_len == 5 && memcmp(a->name, "class", 5) == 0) ||
            (a->name_len == 2 && memcmp(a->name, "id", 2) == 0)) {
            unsigned kk = cached(cache, a->value, a->value_len, a->name_len == 2);
            k |= kk;
            w += weight_of(kk);
        } else if (a->name_len == 4 && memcmp(a->name, "role", 4) == 0) {
            const char *v = a->value;
            if (attr_ieq(v, "navigation") || attr_ieq(v, "menu") ||
                attr_ieq(v, "menubar") || attr_ieq(v, "complementary") ||
                attr_ieq(v, "banner") || attr_ieq(v, "contentinfo") ||
                attr_ieq(v, "search") || attr_ieq(v, "toolbar") ||
                attr_ieq(v, "tablist"))
                k |= K_NAV;
            else if (attr_ieq(v, "dialog") || attr_ieq(v, "alertdialog"))
                k |= K_MISC;
            else if (attr_ieq(v, "main") || attr_ieq(v, "article"))
                k |= K_POS;
        } else if (a->name_len == 8 && memcmp(a->name, "itemprop", 8) == 0) {
            const char *v = a->value;
            if (attr_ieq(v, "articlebody"))
                k |= K_BODY;
            else if (attr_ieq(v, "author") || attr_ieq(v, "publisher"))
                k |= K_AUTHOR;
        }
    }
    if (weight)
        *weight = w;
    return k;
}
