/*
 * unit_pathological.c -- hostile and degenerate pages through the public
 * th_extract (the whole pipeline: charset, parser, meta, comments, extract)
 * and th_doc_render in every format, after cmark's pathological_tests.py.
 *
 * Each case runs twice, with the default options (kind AUTO) and with kind
 * TEXT, and must: not crash (ASan/UBSan in `make check`), finish within a
 * CPU-time limit generous enough for a sanitizer build (quadratic behaviour
 * blows through it by orders of magnitude), return TH_OK with a document
 * (every input here is under the default max_bytes; a clear TH_ETOOBIG is
 * tested separately with a small limit), and render only valid UTF-8 whose
 * length matches strlen (no raw NUL).  A watchdog alarm turns a hang into a
 * failed test instead of a stuck CI job.
 *
 * Every test body runs in a forked child (isolated()), so one crash fails
 * one test and the rest still run.  Leaks are caught by counting the
 * library's live blocks through th_set_allocator around every case.
 *
 * The allocation-failure tests (STYLE.md §8.5) fail the Nth allocation for
 * every N over a small page and expect TH_ENOMEM or TH_OK, and no leak.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* ------------------------------------------------------------ helpers -- */

typedef struct pbuf {
    char *p;
    size_t n, cap;
} pbuf;

static void pb_grow(pbuf *b, size_t add)
{
    if (!b->p && b->cap == 0) {
        b->cap = 1 << 16;
        b->p = malloc(b->cap);
    }
    if (b->p && b->n + add + 1 > b->cap) {
        size_t cap = b->cap;
        while (b->n + add + 1 > cap)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q) {
            free(b->p);
            b->p = NULL;
        }
        b->p = q;
        b->cap = cap;
    }
    if (!b->p) {
        fprintf(stderr, "unit_pathological: out of memory\n");
        exit(2);
    }
}

static void pb_mem(pbuf *b, const char *s, size_t n)
{
    pb_grow(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void pb_str(pbuf *b, const char *s) { pb_mem(b, s, strlen(s)); }

static void pb_rep(pbuf *b, const char *s, size_t times)
{
    size_t n = strlen(s);
    pb_grow(b, n * times);
    for (size_t i = 0; i < times; i++)
        memcpy(b->p + b->n + i * n, s, n);
    b->n += n * times;
    b->p[b->n] = '\0';
}

static void pb_fmt(pbuf *b, const char *fmt, size_t v)
{
    char tmp[128];
    int k = snprintf(tmp, sizeof tmp, fmt, v);
    if (k > 0)
        pb_mem(b, tmp, (size_t)k < sizeof tmp ? (size_t)k : sizeof tmp - 1);
}

static void pb_free(pbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

/* xorshift64*: deterministic junk, the same on every machine. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t k;
        unsigned cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            k = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            k = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            k = 3;
            cp = c & 0x07;
        } else
            return 0;
        if (i + k >= n)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((p[i + j] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + j] & 0x3F);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += k + 1;
    }
    return 1;
}

static int str_ok(const char *s)
{
    return !s || utf8_valid(s, strlen(s));
}

/* A hang must fail the run, not hold CI: SIGALRM ends the process. */
static const char *g_case = "";
static void on_alarm(int sig)
{
    static const char m[] = "FAIL pathological: watchdog: a case hung (";
    (void)sig;
    ssize_t r = write(1, m, sizeof m - 1);
    r = write(1, g_case, strlen(g_case));
    r = write(1, ")\n", 2);
    (void)r;
    _exit(3);
}

/* A pass-through allocator that counts the library's live blocks: every
 * case must end with none (a leak check that works in a forked child). */
static long g_live;
static void *cnt_malloc(size_t n, void *ud)
{
    (void)ud;
    void *p = malloc(n);
    if (p)
        g_live++;
    return p;
}
static void *cnt_realloc(void *ptr, size_t n, void *ud)
{
    (void)ud;
    void *p = realloc(ptr, n);
    if (p && !ptr)
        g_live++;
    return p;
}
static void cnt_free(void *ptr, void *ud)
{
    (void)ud;
    if (ptr)
        g_live--;
    free(ptr);
}
static const th_allocator k_counting = {cnt_malloc, cnt_realloc, cnt_free, NULL};

static const th_format k_formats[] = {TH_FORMAT_JSON, TH_FORMAT_TEXT,
                                      TH_FORMAT_MARKDOWN, TH_FORMAT_LABELS};
static const char *const k_format_names[] = {"json", "text", "markdown",
                                             "labels"};

/*
 * Runs one input through th_extract with kind `kind` (AUTO = the default
 * options) and renders it in every format.  Fails the current test (and
 * returns 0) on a wrong status, a slow run or bad output.  `*text` (may be
 * NULL) receives the TEXT rendering for content checks; free() it.
 */
static int run_kind(const char *what, const char *data, size_t len,
                    th_input_kind kind, double limit, char **text)
{
    th_options o;
    th_options_init(&o);
    o.kind = kind;
    const char *kname = kind == TH_INPUT_TEXT ? "text" : "default";
    unsigned watchdog = (unsigned)(limit * 6 < 60 ? 60 : limit * 6);
    g_case = what;
    signal(SIGALRM, on_alarm);
    alarm(watchdog);

    g_live = 0;
    th_set_allocator(&k_counting);
    double spent = 0, t0 = cpu_now();
    th_doc *doc = (th_doc *)&o; /* must be overwritten */
    th_status st = th_extract(data, len, &o, &doc);
    spent += cpu_now() - t0;
    int ok = 1;
    if (st == TH_EPARSE && kind == TH_INPUT_AUTO && !doc) {
        /* sniffed as binary: a clear error, which is right for junk; the
         * caller runs the same bytes forced through the HTML parser */
        alarm(0);
        th_set_allocator(NULL);
        return 2;
    }
    if (st != TH_OK || !doc) {
        th_test_fail(__FILE__, __LINE__, "%s [%s]: th_extract: %s (doc %s)",
                     what, kname, th_strerror(st), doc ? "set" : "NULL");
        alarm(0);
        th_set_allocator(NULL);
        return 0;
    }
    if (!str_ok(th_doc_title(doc)) || !str_ok(th_doc_byline(doc)) ||
        !str_ok(th_doc_date(doc)) || !str_ok(th_doc_site(doc)) ||
        !str_ok(th_doc_url(doc)) || !str_ok(th_doc_lang(doc))) {
        th_test_fail(__FILE__, __LINE__, "%s [%s]: metadata not UTF-8", what,
                     kname);
        ok = 0;
    }
    size_t nb = th_doc_block_count(doc);
    for (size_t i = 0; i < nb && ok; i++) {
        const char *b = th_doc_block(doc, i, NULL, NULL);
        if (!b || !str_ok(b)) {
            th_test_fail(__FILE__, __LINE__, "%s [%s]: block %zu bad", what,
                         kname, i);
            ok = 0;
        }
    }
    for (size_t f = 0; f < sizeof k_formats / sizeof k_formats[0]; f++) {
        char *out = NULL;
        size_t n = 0;
        t0 = cpu_now();
        th_status rs = th_doc_render(doc, k_formats[f], "p.html", &out, &n);
        spent += cpu_now() - t0;
        if (rs != TH_OK) {
            /* Line labels exist for text input only. */
            if (!(k_formats[f] == TH_FORMAT_LABELS && rs == TH_EINVAL)) {
                th_test_fail(__FILE__, __LINE__, "%s [%s]: render %s: %s",
                             what, kname, k_format_names[f], th_strerror(rs));
                ok = 0;
            }
        } else if (!out || strlen(out) != n || !utf8_valid(out, n)) {
            th_test_fail(__FILE__, __LINE__,
                         "%s [%s]: render %s: %s", what, kname,
                         k_format_names[f],
                         !out ? "NULL" : strlen(out) != n ? "embedded NUL / bad length"
                                                          : "invalid UTF-8");
            ok = 0;
        }
        if (text && k_formats[f] == TH_FORMAT_TEXT && rs == TH_OK && out) {
            *text = malloc(n + 1);
            if (*text)
                memcpy(*text, out, n + 1);
        }
        th_free(out);
    }
    t0 = cpu_now();
    th_doc_free(doc);
    spent += cpu_now() - t0;
    alarm(0);
    th_set_allocator(NULL);
    if (g_live != 0) {
        th_test_fail(__FILE__, __LINE__, "%s [%s]: %ld blocks leaked", what,
                     kname, g_live);
        ok = 0;
    }
    if (spent > limit) {
        th_test_fail(__FILE__, __LINE__, "%s [%s]: %.2f s CPU > limit %.1f s",
                     what, kname, spent, limit);
        ok = 0;
    }
    return ok;
}

/* Default options, then kind TEXT.  Returns 1 if both passed. */
static int run_case(const char *what, const char *data, size_t len,
                    double limit)
{
    int a = run_kind(what, data, len, TH_INPUT_AUTO, limit, NULL);
    if (a == 2) /* rejected as binary: the parser must still cope */
        a = run_kind(what, data, len, TH_INPUT_HTML, limit, NULL);
    int b = run_kind(what, data, len, TH_INPUT_TEXT, limit, NULL);
    return a && b;
}

/*
 * Runs one test body in a forked child, so that a crash (or an ASan
 * report, or the watchdog) fails that test and the suite goes on; the
 * child's leak check runs at its exit.  THRESH_TEST_NOFORK=1 runs the body
 * in-process (for gdb).
 */
static void isolated(const char *name, void (*body)(void))
{
    if (getenv("THRESH_TEST_NOFORK")) {
        body();
        return;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        body();
        return;
    }
    if (pid == 0) {
        body();
        fflush(stdout);
        /* _exit: LeakSanitizer at exit would report what earlier tests in
         * the parent leaked.  run_kind counts the library's live blocks
         * itself, and the allocation-failure tests do too. */
        _exit(th_test_failed() ? 1 : 0);
    }
    int st = 0;
    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR) {
            th_test_fail(__FILE__, __LINE__, "%s: waitpid failed", name);
            return;
        }
    }
    if (WIFSIGNALED(st))
        th_test_fail(__FILE__, __LINE__, "%s: crashed (signal %d)", name,
                     WTERMSIG(st));
    else if (WIFEXITED(st) && WEXITSTATUS(st) == 3)
        th_test_fail(__FILE__, __LINE__, "%s: hung (watchdog)", name);
    else if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
        th_test_fail(__FILE__, __LINE__, "%s: failed in the child (exit %d, "
                     "see above)", name, WEXITSTATUS(st));
}

/* A paragraph of real prose so the extractor has something to keep. */
static const char k_para[] =
    "The harbour authority said on Tuesday that the new breakwater would be "
    "finished before the winter storms, after two years of delays caused by "
    "flooding, a shortage of granite and a dispute over the contract. "
    "Fishermen who moor their boats in the inner basin welcomed the news but "
    "said they would believe it when they saw it.";

/* ------------------------------------------------------ deep nesting -- */

static void deep_case(const char *name, const char *open, const char *close,
                      size_t depth, int check_text)
{
    pbuf b = {0};
    pb_str(&b, "<!DOCTYPE html><html><head><title>Deep</title></head><body>");
    pb_rep(&b, open, depth);
    pb_str(&b, "<p>");
    pb_str(&b, k_para);
    pb_str(&b, "</p><p>");
    pb_str(&b, k_para);
    pb_str(&b, " Zebrafish.</p>");
    pb_rep(&b, close, depth);
    pb_str(&b, "</body></html>");
    char *text = NULL;
    if (run_kind(name, b.p, b.n, TH_INPUT_AUTO, 5.0, &text) && check_text) {
        /* The depth cap attaches deeper elements at the cap: the words at
         * the bottom must survive. */
        if (!text || !strstr(text, "Zebrafish"))
            th_test_fail(__FILE__, __LINE__,
                         "%s: the text under the deep nesting was lost", name);
    }
    free(text);
    (void)run_kind(name, b.p, b.n, TH_INPUT_TEXT, 5.0, NULL);
    pb_free(&b);
}

static void case_deep_div(void) { deep_case("deep <div>", "<div>", "</div>", 100000, 1); }
TEST(patho_deep_div) { isolated("patho_deep_div", case_deep_div); }

static void case_deep_b(void) { deep_case("deep <b>", "<b>", "</b>", 100000, 1); }
TEST(patho_deep_b) { isolated("patho_deep_b", case_deep_b); }

/* Each <a> closes the previous one (adoption agency), and the paragraphs
 * end up as link text, which an extractor may rightly drop: no text check. */
static void case_deep_a(void)
{
    deep_case("deep <a>", "<a href=\"/x\">", "</a>", 100000, 0);
}
TEST(patho_deep_a) { isolated("patho_deep_a", case_deep_a); }

static void case_deep_table(void)
{
    deep_case("deep <table>", "<table><tr><td>", "</td></tr></table>", 100000,
              1);
}
TEST(patho_deep_table) { isolated("patho_deep_table", case_deep_table); }

static void case_deep_mixed(void)
{
    /* Unclosed, no end tags at all: EOF closes 100k elements. */
    pbuf b = {0};
    pb_str(&b, "<html><body>");
    for (size_t i = 0; i < 25000; i++)
        pb_str(&b, "<div><span><i><section>");
    pb_str(&b, k_para);
    run_case("deep mixed unclosed", b.p, b.n, 5.0);
    pb_free(&b);
}
TEST(patho_deep_mixed) { isolated("patho_deep_mixed", case_deep_mixed); }

static void case_deep_list(void)
{
    pbuf b = {0};
    pb_str(&b, "<html><body><article>");
    for (size_t i = 0; i < 100000; i++)
        pb_str(&b, i % 2 ? "<ol><li>item " : "<ul><li>punkt ");
    pb_str(&b, k_para);
    for (size_t i = 0; i < 100000; i++)
        pb_str(&b, i % 2 ? "</li></ul>" : "</li></ol>");
    pb_str(&b, "</article></body></html>");
    run_case("deep <ul>/<ol><li>", b.p, b.n, 5.0);
    pb_free(&b);
    /* Flat: 100k <li> without end tags (each closes the previous). */
    pb_str(&b, "<html><body><ul>");
    for (size_t i = 0; i < 100000; i++)
        pb_fmt(&b, "<li>Eintrag %zu", i);
    pb_str(&b, "</ul></body></html>");
    run_case("100k unclosed <li>", b.p, b.n, 5.0);
    pb_free(&b);
}
TEST(patho_deep_list) { isolated("patho_deep_list", case_deep_list); }

/* Distinct attributes defeat the Noah's Ark clause, so the active
 * formatting list holds them all; every </p><p> then reconstructs them
 * (quadratic in a naive tree builder, unbounded memory in a naive one). */
static void case_formatting_reconstruct(void)
{
    pbuf b = {0};
    pb_str(&b, "<html><body><p>");
    for (size_t i = 0; i < 5000; i++)
        pb_fmt(&b, "<b class=c%zu>", i);
    for (size_t i = 0; i < 2000; i++)
        pb_str(&b, "</p><p>Absatz mit Text.");
    pb_str(&b, "</body></html>");
    run_case("formatting reconstruction", b.p, b.n, 5.0);
    pb_free(&b);
}
TEST(patho_formatting_reconstruct) { isolated("patho_formatting_reconstruct", case_formatting_reconstruct); }

/* ----------------------------------------------------------- big data -- */

static void case_huge_text_node(void)
{
    static const char *const words[] = {
        "river ", "Straße ", "przystanek ", "café ", "natürlich ", "año ",
        "réseau ", "źródło ", "東京 ", "the ", "and ", "Bürgermeister, ",
        "said. ", "über ", "wieś ", "niño "};
    const size_t target = (size_t)100 * 1000 * 1000;
    pbuf b = {0};
    pb_grow(&b, target + 4096);
    pb_str(&b, "<html><head><title>Big</title></head><body><article><p>");
    uint64_t s = 42;
    while (b.n < target) {
        const char *w = words[rng_next(&s) % (sizeof words / sizeof words[0])];
        pb_mem(&b, w, strlen(w));
    }
    pb_str(&b, "</p></article></body></html>");
    char *text = NULL;
    if (run_kind("100 MB text node", b.p, b.n, TH_INPUT_AUTO, 20.0, &text)) {
        /* The article is that one paragraph.  A block cut at a documented
         * cap is acceptable; a silently empty body is not. */
        size_t got = text ? strlen(text) : 0;
        if (got < target / 2)
            th_test_fail(__FILE__, __LINE__,
                         "100 MB text node: %zu bytes of text came out", got);
    }
    free(text);
    (void)run_kind("100 MB text node", b.p, b.n, TH_INPUT_TEXT, 20.0, NULL);
    pb_free(&b);
}
TEST(patho_huge_text_node) { isolated("patho_huge_text_node", case_huge_text_node); }

static void case_many_attributes(void)
{
    pbuf b = {0};
    pb_str(&b, "<html><body><div");
    for (size_t i = 0; i < 1000000; i++)
        pb_fmt(&b, " a%zu=1", i);
    pb_str(&b, ">");
    pb_str(&b, k_para);
    pb_str(&b, "</div>");
    /* The same attribute a million times: duplicate detection must not be
     * quadratic either. */
    pb_str(&b, "<p");
    pb_rep(&b, " class=x", 1000000);
    pb_str(&b, ">");
    pb_str(&b, k_para);
    pb_str(&b, "</p></body></html>");
    run_case("1M attributes", b.p, b.n, 5.0);
    pb_free(&b);
}
TEST(patho_many_attributes) { isolated("patho_many_attributes", case_many_attributes); }

static void case_long_tokens(void)
{
    const size_t n = (size_t)4 * 1000 * 1000;
    static const struct {
        const char *name, *head, *fill, *tail;
    } shapes[] = {
        {"4 MB tag name", "<p>x</p><div", "q", ">text</div>"},
        {"4 MB attribute name", "<div ", "data", "=1>text</div>"},
        {"4 MB attribute value, quote never closed", "<a href=\"", "/path", ""},
        {"4 MB comment, never closed", "<p>a</p><!--", "-- ", ""},
        {"4 MB script", "<script>var a='", "<!--<script>", "</script><p>b</p>"},
        {"4 MB entity-like run", "<p>", "&amp", ";</p>"},
        {"4 MB numeric entities", "<p>", "&#99999999999;&#x0;&#xD800;", "</p>"},
        {"4 MB of <br>", "<p>", "<br>", "</p>"},
        {"4 MB one line of words", "", "word ", ""},
        {"4 MB newlines", "<pre>", "\n\r", "</pre>"},
        {"4 MB doctype", "<!DOCTYPE html PUBLIC \"", "-//W3C", "\">x"},
        {"4 MB CDATA in svg", "<svg><![CDATA[", "]] ", ""},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        pbuf b = {0};
        pb_str(&b, shapes[k].head);
        pb_rep(&b, shapes[k].fill, n / strlen(shapes[k].fill));
        pb_str(&b, shapes[k].tail);
        run_case(shapes[k].name, b.p, b.n, 5.0);
        pb_free(&b);
    }
}
TEST(patho_long_tokens) { isolated("patho_long_tokens", case_long_tokens); }

static void case_unclosed_p(void)
{
    pbuf b = {0};
    pb_str(&b, "<html><body>");
    for (size_t i = 0; i < 100000; i++)
        pb_fmt(&b, "<p>Paragraph number %zu of a long story", i);
    run_case("100k unclosed <p>", b.p, b.n, 5.0);
    pb_free(&b);
}
TEST(patho_unclosed_p) { isolated("patho_unclosed_p", case_unclosed_p); }

static void case_tiny_elements(void)
{
    pbuf b = {0};
    pb_str(&b, "<html><body><div>");
    pb_rep(&b, "<i>x</i>", 500000);
    pb_str(&b, "</div><div>");
    pb_rep(&b, "<span></span>", 300000);
    pb_rep(&b, "<img src=a.png>", 100000);
    pb_str(&b, "</div><table>");
    pb_rep(&b, "<tr><td>1</td><td>2</td></tr>", 50000);
    pb_str(&b, "</table></body></html>");
    run_case("1M tiny elements", b.p, b.n, 5.0);
    pb_free(&b);
    /* Text in a table is foster-parented, one run per formatting element. */
    pb_str(&b, "<html><body><table>");
    pb_rep(&b, "x<b>y", 100000);
    pb_str(&b, "</table></body></html>");
    run_case("foster-parented runs", b.p, b.n, 5.0);
    pb_free(&b);
}
TEST(patho_tiny_elements) { isolated("patho_tiny_elements", case_tiny_elements); }

/* ------------------------------------------------------- truncation -- */

static const char k_page[] =
    "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
    "<title>Neue Brücke über die Elbe eröffnet | Tageblatt</title>"
    "<meta property=\"og:title\" content=\"Neue Brücke über die Elbe\">"
    "<meta name=\"author\" content=\"Anna Müller\">"
    "<meta property=\"article:published_time\" content=\"2024-03-01T09:30:00+01:00\">"
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
    "\"headline\":\"Neue Brücke\",\"author\":{\"name\":\"Anna Müller\"}}</script>"
    "<style>p{margin:0}</style></head>\n<body><nav><ul><li><a href=\"/\">Start</a>"
    "<li><a href=\"/politik\">Politik</a><li><a href=\"/sport\">Sport</a></ul></nav>"
    "<article><h1>Neue Brücke über die Elbe eröffnet</h1>"
    "<p class=\"byline\">Von Anna Müller &middot; 1. März 2024</p>"
    "<p>Nach drei Jahren Bauzeit ist die neue Brücke am Freitag für den Verkehr "
    "freigegeben worden. Tausende Menschen kamen zur Eröffnung &amp; feierten.</p>"
    "<figure><img src=\"b.jpg\" alt=\"Brücke\"><figcaption>Die Brücke am Abend."
    "</figcaption></figure>"
    "<p>Der Bürgermeister sprach von einem &bdquo;historischen Tag&ldquo; &#8211; "
    "die Kosten lagen mit 48&nbsp;Millionen Euro im Plan.</p>"
    "<blockquote>Wir haben es geschafft.</blockquote>"
    "<ul><li>Länge: 420 m<li>Breite: 18 m</ul>"
    "<table><tr><th>Jahr<th>Kosten</tr><tr><td>2022<td>12 Mio.</tr></table>"
    "</article><aside><h2>Mehr zum Thema</h2><a href=\"/a\">Fähre eingestellt</a>"
    "</aside><section class=\"comments\"><h2>Kommentare</h2>"
    "<div class=\"comment\" id=\"c1\"><span class=\"author\">Jens</span>"
    "<p>Endlich! Schöne Brücke.</p><div class=\"comment\" id=\"c2\">"
    "<span class=\"author\">Eva</span><p>Und der Radweg?</p></div></div>"
    "</section><footer>&copy; 2024 Tageblatt <!-- end --></footer>"
    "<svg viewBox=\"0 0 1 1\"><path d=\"M0 0\"/></svg></body></html>\n";

/* The text a crawler stores after flattening a page (kind TEXT input). */
static const char k_flat[] =
    "Start | Politik | Sport\n"
    "Neue Brücke über die Elbe eröffnet\n"
    "Von Anna Müller · 1. März 2024\n"
    "\n"
    "Nach drei Jahren Bauzeit ist die neue Brücke am Freitag für den Verkehr "
    "freigegeben worden. Tausende Menschen kamen zur Eröffnung.\n"
    "\n"
    "Der Bürgermeister sprach von einem „historischen Tag“.\n"
    "Mehr zum Thema\n"
    "Fähre eingestellt\n"
    "Kommentare (2)\n"
    "Jens\n"
    "Endlich! Schöne Brücke.\n"
    "Eva antwortete Jens\n"
    "Und der Radweg?\n"
    "© 2024 Tageblatt\n";

static void case_truncated_at_every_byte(void)
{
    size_t n = sizeof k_page - 1;
    double t0 = cpu_now();
    for (size_t i = 0; i <= n; i++) {
        char what[64];
        snprintf(what, sizeof what, "page cut at byte %zu", i);
        /* An exact-size heap copy, so ASan sees any read past the end. */
        char *p = malloc(i ? i : 1);
        ASSERT(p);
        memcpy(p, k_page, i);
        int ok = run_case(what, p, i, 5.0);
        free(p);
        if (!ok)
            return;
    }
    double spent = cpu_now() - t0;
    if (spent > 30.0)
        th_test_fail(__FILE__, __LINE__, "%zu truncations took %.1f s", n, spent);
}
TEST(patho_truncated_at_every_byte) { isolated("patho_truncated_at_every_byte", case_truncated_at_every_byte); }

static void case_truncated_constructs(void)
{
    static const char *const cuts[] = {
        "<", "<d", "<div", "<div ", "<div class", "<div class=", "<div class=\"ab",
        "<div class='ab", "<div class=ab", "</", "</di", "</div", "<!", "<!-",
        "<!--", "<!-- x -", "<!-- x --", "<!DOCTYPE", "<!DOCTYPE html PUBLIC \"x",
        "<![CDATA[", "<svg><![CDATA[x]", "<?xml version=\"1.0\"", "&", "&am", "&amp",
        "&#", "&#x", "&#x4", "&#12", "<p>text<", "<p>text</", "<script>",
        "<script>var a = '</scr", "<script><!--<script>", "<style>", "<textarea>",
        "<title>x", "<title>x</tit", "<xmp>", "<plaintext>", "<iframe>", "<noscript>",
        "<table><tr><td", "<select><option>", "<math><mi", "<a href='", "<img src=x ",
        "<br/", "<p/", "\xEF\xBB\xBF<", "\xEF\xBB", "<meta charset=\"",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=",
    };
    /* UTF-16 byte order marks then a cut code unit (they hold NULs). */
    static const struct {
        const char *s;
        size_t n;
    } binary_cuts[] = {{"\xFF\xFE<\x00", 4}, {"\xFF\xFE<", 3},
                       {"\xFE\xFF\x00", 3}, {"\xFE\xFF\x00<\x00", 5}};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        size_t n = strlen(cuts[i]);
        char *p = malloc(n ? n : 1);
        ASSERT(p);
        memcpy(p, cuts[i], n);
        run_case(cuts[i], p, n, 5.0);
        free(p);
    }
    for (size_t i = 0; i < sizeof binary_cuts / sizeof binary_cuts[0]; i++) {
        char *p = malloc(binary_cuts[i].n);
        ASSERT(p);
        memcpy(p, binary_cuts[i].s, binary_cuts[i].n);
        run_case("UTF-16 cut", p, binary_cuts[i].n, 5.0);
        free(p);
    }
}
TEST(patho_truncated_constructs) { isolated("patho_truncated_constructs", case_truncated_constructs); }

/* ------------------------------------------------------------- bytes -- */

static void case_empty_input(void)
{
    static const th_input_kind kinds[] = {TH_INPUT_AUTO, TH_INPUT_HTML,
                                          TH_INPUT_TEXT};
    for (size_t k = 0; k < 3; k++) {
        th_options o;
        th_options_init(&o);
        o.kind = kinds[k];
        th_doc *doc = NULL;
        /* Documented: empty input is not an error, it is a document with
         * no blocks.  NULL with len 0 is allowed too. */
        ASSERT_EQ(th_extract("", 0, &o, &doc), TH_OK);
        ASSERT(doc);
        ASSERT_EQ(th_doc_block_count(doc), 0);
        th_doc_free(doc);
        doc = NULL;
        ASSERT_EQ(th_extract(NULL, 0, &o, &doc), TH_OK);
        ASSERT(doc);
        th_doc_free(doc);
    }
    run_case("0 bytes", "", 0, 5.0);
    run_case("whitespace only", " \n\t\r\n  ", 7, 5.0);
    run_case("markup, no text", "<html><head></head><body><div></div></body></html>",
             51, 5.0);
}
TEST(patho_empty_input) { isolated("patho_empty_input", case_empty_input); }

static void case_nul_bytes(void)
{
    /* NULs in text, tag names, attribute names and values, comments,
     * script, entities. */
    static const char page[] =
        "<html><bo\0dy><p>Te\0xt mit\0 NUL</p><d\0iv cl\0ass=\"a\0b\" id=x\0y>"
        "inhalt</div><!-- co\0mment --><script>var s='\0';</script>"
        "<p>&am\0p; &#0; &#x0; \0\0\0</p><title>\0</title><textarea>\0</textarea>"
        "<svg><text>\0</text></svg></body></html>";
    run_case("NULs in markup", page, sizeof page - 1, 5.0);

    const size_t n = (size_t)1 << 20;
    char *zeros = calloc(n, 1);
    ASSERT(zeros);
    run_case("1 MiB of NUL", zeros, n, 5.0);
    memcpy(zeros, "<p>", 3);
    run_case("<p> then 1 MiB of NUL", zeros, n, 5.0);
    free(zeros);
}
TEST(patho_nul_bytes) { isolated("patho_nul_bytes", case_nul_bytes); }

static void case_binary_junk(void)
{
    const size_t n = (size_t)1 << 20;
    char *p = malloc(n);
    ASSERT(p);
    static const char markup[] = "<<>>/=\"'&;#!-?abcdivpscript \n\t";
    for (uint64_t seed = 1; seed <= 3; seed++) {
        uint64_t s = seed * 0x9E3779B97F4A7C15ULL;
        for (size_t i = 0; i < n; i++)
            p[i] = (char)(rng_next(&s) >> 56);
        run_case("1 MiB random bytes", p, n, 5.0);
        /* Junk biased to markup characters reaches deeper parser states. */
        for (size_t i = 0; i < n; i++) {
            uint64_t r = rng_next(&s);
            p[i] = (r & 3) ? markup[(r >> 8) % (sizeof markup - 1)]
                           : (char)(r >> 56);
        }
        run_case("1 MiB markup-biased junk", p, n, 5.0);
    }
    free(p);
}
TEST(patho_binary_junk) { isolated("patho_binary_junk", case_binary_junk); }

static void case_too_big(void)
{
    th_options o;
    th_options_init(&o);
    o.max_bytes = 1000;
    char buf[2000];
    memset(buf, 'a', sizeof buf);
    th_doc *doc = (th_doc *)buf;
    ASSERT_EQ(th_extract(buf, sizeof buf, &o, &doc), TH_ETOOBIG);
    ASSERT(doc == NULL);
    o.kind = TH_INPUT_TEXT;
    doc = (th_doc *)buf;
    ASSERT_EQ(th_extract(buf, sizeof buf, &o, &doc), TH_ETOOBIG);
    ASSERT(doc == NULL);
    /* At the limit exactly: fine. */
    ASSERT_EQ(th_extract(buf, 1000, &o, &doc), TH_OK);
    th_doc_free(doc);
}
TEST(patho_too_big) { isolated("patho_too_big", case_too_big); }

/* ------------------------------------------------ allocation failure -- */

typedef struct fail_alloc {
    size_t calls;   /* allocations so far (malloc, and realloc) */
    size_t fail_at; /* 1-based allocation that fails; 0 = never */
    long live;      /* blocks currently held */
    size_t failed;  /* how many were failed */
} fail_alloc;

static int fa_should_fail(fail_alloc *fa)
{
    fa->calls++;
    if (fa->fail_at && fa->calls == fa->fail_at) {
        fa->failed++;
        return 1;
    }
    return 0;
}

static void *fa_malloc(size_t n, void *ud)
{
    fail_alloc *fa = ud;
    if (fa_should_fail(fa))
        return NULL;
    void *p = malloc(n);
    if (p)
        fa->live++;
    return p;
}

static void *fa_realloc(void *ptr, size_t n, void *ud)
{
    fail_alloc *fa = ud;
    if (fa_should_fail(fa))
        return NULL; /* ptr stays valid and owned, as realloc promises */
    void *p = realloc(ptr, n);
    if (p && !ptr)
        fa->live++;
    return p;
}

static void fa_free(void *ptr, void *ud)
{
    fail_alloc *fa = ud;
    if (ptr)
        fa->live--;
    free(ptr);
}

/* The pipeline and every writer once, under allocator `fa`. */
static th_status fa_run(const char *data, size_t len, th_input_kind kind)
{
    th_options o;
    th_options_init(&o);
    o.kind = kind;
    th_doc *doc = NULL;
    th_status st = th_extract(data, len, &o, &doc);
    if (st != TH_OK)
        return doc ? TH_EINVAL /* must be NULL on failure */ : st;
    for (size_t f = 0; f < sizeof k_formats / sizeof k_formats[0]; f++) {
        char *out = NULL;
        th_status rs = th_doc_render(doc, k_formats[f], "p.html", &out, NULL);
        if (rs == TH_OK)
            th_free(out);
        else if (rs != TH_ENOMEM && !(k_formats[f] == TH_FORMAT_LABELS &&
                                      rs == TH_EINVAL)) {
            th_doc_free(doc);
            return rs == TH_OK ? TH_EINVAL : rs;
        } else if (out)
            return TH_EINVAL; /* *out must be NULL when rendering failed */
    }
    th_doc_free(doc);
    return TH_OK;
}

static void alloc_fail_sweep(const char *what, const char *data, size_t len,
                             th_input_kind kind)
{
    fail_alloc fa = {0};
    th_allocator a = {fa_malloc, fa_realloc, fa_free, &fa};
    th_set_allocator(&a);
    th_status st = fa_run(data, len, kind);
    size_t total = fa.calls;
    long leaked = fa.live;
    th_set_allocator(NULL);
    if (st != TH_OK || leaked != 0) {
        th_test_fail(__FILE__, __LINE__, "%s: clean run: %s, %ld blocks leaked",
                     what, th_strerror(st), leaked);
        return;
    }
    if (total == 0) {
        th_test_fail(__FILE__, __LINE__, "%s: no allocation went through "
                     "the th_set_allocator hook", what);
        return;
    }
    if (getenv("THRESH_TEST_VERBOSE"))
        printf("note %s: %zu allocations in a clean run\n", what, total);
    /* Every N up to total, then one past it (no failure at all). */
    size_t step = total > 4000 ? total / 4000 + 1 : 1;
    double t0 = cpu_now();
    for (size_t n = 1;; n = n + step > total + 1 ? total + 1 : n + step) {
        fa.calls = 0;
        fa.live = 0;
        fa.failed = 0;
        fa.fail_at = n;
        th_set_allocator(&a);
        st = fa_run(data, len, kind);
        th_set_allocator(NULL);
        if (st != TH_OK && st != TH_ENOMEM) {
            th_test_fail(__FILE__, __LINE__,
                         "%s: allocation %zu of %zu failed: status %s", what, n,
                         total, th_strerror(st));
            return;
        }
        if (fa.live != 0) {
            th_test_fail(__FILE__, __LINE__,
                         "%s: allocation %zu of %zu failed: %ld blocks leaked",
                         what, n, total, fa.live);
            return;
        }
        if (n == total + 1 && st != TH_OK) {
            th_test_fail(__FILE__, __LINE__, "%s: no failure but %s", what,
                         th_strerror(st));
            return;
        }
        if (cpu_now() - t0 > 30.0) {
            th_test_fail(__FILE__, __LINE__, "%s: sweep over 30 s at N=%zu",
                         what, n);
            return;
        }
        if (n == total + 1)
            break;
    }
}

static void case_alloc_fail_html(void)
{
    alloc_fail_sweep("html page", k_page, sizeof k_page - 1, TH_INPUT_AUTO);
}
TEST(patho_alloc_fail_html) { isolated("patho_alloc_fail_html", case_alloc_fail_html); }

static void case_alloc_fail_text(void)
{
    alloc_fail_sweep("flattened text", k_flat, sizeof k_flat - 1,
                     TH_INPUT_TEXT);
}
TEST(patho_alloc_fail_text) { isolated("patho_alloc_fail_text", case_alloc_fail_text); }

static void case_alloc_fail_latin1(void)
{
    /* A legacy-encoded page goes through charset conversion first. */
    static const char latin1[] =
        "<html><head><meta charset=\"iso-8859-1\"><title>Stra\xDF" "e</title>"
        "</head><body><article><p>Gr\xFC\xDF" "e aus M\xFCnchen, sagte der "
        "B\xFCrgermeister am Montag vor dem Rathaus.</p></article></body></html>";
    alloc_fail_sweep("latin-1 page", latin1, sizeof latin1 - 1, TH_INPUT_AUTO);
}
TEST(patho_alloc_fail_latin1) { isolated("patho_alloc_fail_latin1", case_alloc_fail_latin1); }

static void case_alloc_fail_big(void)
{
    /* A page large enough that arenas add chunks, buffers regrow and
     * arrays double several times: more distinct failure points. */
    pbuf b = {0};
    pb_str(&b, "<html lang=\"en\"><head><title>Long read</title>"
               "<meta name=\"author\" content=\"Kim Park\"></head><body>"
               "<nav><a href=\"/\">Home</a></nav><article><h1>Long read</h1>");
    for (size_t i = 0; i < 300; i++) {
        pb_fmt(&b, "<h2>Part %zu</h2><p>", i);
        pb_str(&b, k_para);
        pb_fmt(&b, " <a href=\"/n/%zu\">More</a> <em>emphasis</em></p>", i);
        if (i % 25 == 0)
            pb_str(&b, "<figure><img src=\"x.jpg\"><figcaption>A caption."
                       "</figcaption></figure><ul><li>one<li>two</ul>");
    }
    pb_str(&b, "</article><section id=\"comments\"><ol>");
    for (size_t i = 0; i < 100; i++)
        pb_fmt(&b, "<li class=\"comment\" id=\"comment-%zu\"><div class=\"comment-"
                   "author\">reader</div><p>I agree with this.</p></li>", i);
    pb_str(&b, "</ol></section></body></html>");
    alloc_fail_sweep("big page", b.p, b.n, TH_INPUT_AUTO);
    pb_free(&b);
}
TEST(patho_alloc_fail_big) { isolated("patho_alloc_fail_big", case_alloc_fail_big); }
