/*
 * unit_comments.c -- reader comment threads: one authored page per system
 * (tests/data/comments/: WordPress, wpDiscuz, Disqus, Commento, Isso,
 * microdata, JSON-LD, generic German markup, and lists without comment
 * markup: heading_list, titlebar, reviews) with every comment's id,
 * parent, depth, author, date, text and votes checked, and no comment text
 * in the body; the date parser; and the bars on ../shared's trafilatura
 * pages with comment snippets (skipped when ../shared is absent).
 */
#include <dirent.h>
#include <stdlib.h>

#include "buf.h"
#include "charset.h"
#include "comments_int.h"
#include "doc.h"
#include "html.h"
#include "json.h"
#include "test.h"
#include "utf8.h"

typedef struct exp_c {
    const char *id;
    long parent; /* index, -1 top level */
    int depth;
    const char *author; /* NULL: anonymous */
    const char *date;   /* NULL: none */
    const char *text;
    long votes;         /* LONG_MIN: none shown */
} exp_c;

#define NOV (-999999)

static th_doc *extract_file(const char *path)
{
    size_t len;
    char *data = th_test_read(path, &len);
    if (!data)
        return NULL;
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_HTML;
    th_doc *doc = NULL;
    if (th_extract(data, len, &o, &doc) != TH_OK)
        doc = NULL;
    free(data);
    return doc;
}

static bool body_has(const th_doc *doc, const char *s, size_t n)
{
    for (size_t i = 0; i < doc->nblocks; i++) {
        const char *t = doc->blocks[i].text;
        size_t tl = doc->blocks[i].len;
        for (size_t k = 0; k + n <= tl; k++)
            if (!memcmp(t + k, s, n))
                return true;
    }
    return false;
}

/* Checks every comment, and that neither their paragraphs are in the body
 * nor the article's sentence is in a comment. */
static int check_page(const char *file, const exp_c *e, size_t n,
                      const char *article)
{
    char path[256];
    snprintf(path, sizeof path, "tests/data/comments/%s", file);
    th_doc *doc = extract_file(path);
    if (!doc) {
        th_test_fail(__FILE__, __LINE__, "%s: extraction failed", path);
        return -1;
    }
    int bad = 0;
    if (doc->ncomments != n) {
        th_test_fail(__FILE__, __LINE__, "%s: %zu comments, expected %zu", file,
                     doc->ncomments, n);
        bad = 1;
    }
    for (size_t i = 0; i < n && i < doc->ncomments && !bad; i++) {
        const th_comment *c = &doc->comments[i];
#define SAME(a, b) ((a) == NULL ? (b) == NULL : ((b) != NULL && !strcmp(a, b)))
        if (!SAME(e[i].id, c->id) || e[i].parent != c->parent ||
            e[i].depth != c->depth || !SAME(e[i].author, c->author) ||
            !SAME(e[i].date, c->date) || !SAME(e[i].text, c->text) ||
            (e[i].votes == NOV ? c->has_votes
                               : (!c->has_votes || c->votes != e[i].votes))) {
            th_test_fail(__FILE__, __LINE__,
                         "%s comment %zu: got id=%s parent=%ld depth=%d "
                         "author=%s date=%s votes=%s%ld text=\"%s\"",
                         file, i, c->id ? c->id : "(null)", c->parent, c->depth,
                         c->author ? c->author : "(null)",
                         c->date ? c->date : "(null)",
                         c->has_votes ? "" : "none/", c->votes,
                         c->text ? c->text : "(null)");
            bad = 1;
        }
        /* the comment's first paragraph must not be in the body */
        const char *t = c->text ? c->text : "";
        size_t pl = strcspn(t, "\n");
        if (pl > 12 && body_has(doc, t, pl)) {
            th_test_fail(__FILE__, __LINE__, "%s: comment %zu in the body", file, i);
            bad = 1;
        }
        if (article && strstr(t, article)) {
            th_test_fail(__FILE__, __LINE__, "%s: article text in comment %zu", file, i);
            bad = 1;
        }
#undef SAME
    }
    if (article && !body_has(doc, article, strlen(article))) {
        th_test_fail(__FILE__, __LINE__, "%s: article text missing from body", file);
        bad = 1;
    }
    th_doc_free(doc);
    return bad ? -1 : 0;
}

#define CHECK_PAGE(file, arr, article)                                         \
    do {                                                                       \
        if (check_page(file, arr, sizeof arr / sizeof arr[0], article))        \
            return;                                                            \
    } while (0)

TEST(comments_wordpress)
{
    static const exp_c e[] = {
        {"comment-101", -1, 0, "Jordan T.", "2024-03-04T10:02:11+00:00",
         "Finally! I ride Harbor Street every day and the traffic there is "
         "terrifying.\n\nSee the crash map for the numbers.", NOV},
        {"comment-102", 0, 1, "Priya N.", "2024-03-04T11:15:40+00:00",
         "the traffic there is terrifying\n\nAgreed, but what about the shops "
         "that need deliveries?", NOV},
        {"comment-103", 1, 2, "Maria Keller", "2024-03-04T12:01:00+00:00",
         "The plan includes two delivery zones:\n\nFifth Avenue corner\n\n"
         "Eighth Avenue corner", NOV},
        {"comment-106", 2, 3, "Priya N.", "2024-03-04T12:30:00+00:00",
         "Thanks, that answers it.", NOV},
        {"comment-104", -1, 0, NULL, "2024-03-05T08:00:00+00:00",
         "Who is paying for this?", NOV},
        {"comment-105", -1, 0, NULL, NULL, "This comment was deleted.", NOV},
    };
    CHECK_PAGE("wordpress.html", e, "protected bike lanes along Harbor Street");
}

TEST(comments_wpdiscuz)
{
    static const exp_c e[] = {
        {"wpd-comm-201_0", -1, 0, "Klaus Berger", "2024-02-12T14:05",
         "Der Rathausplatz war früher viel lebendiger. Schade, dass der Markt "
         "umzieht.", 5},
        {"wpd-comm-202_201", 0, 1, "Sabine Roth", "2024-02-12T15:20",
         "Der Markt zieht doch nur 200 Meter weiter, ans Flussufer.", 2},
        {"wpd-comm-203_202", 1, 2, "Klaus Berger", "2024-02-13T09:41",
         "Stimmt, aber die Buslinie 7 hält dort nicht.\n\nSiehe Fahrplan.", -1},
        {"wpd-comm-205_203", 2, 3, "Sabine Roth", "2024-02-13T10:02",
         "Ab April schon, laut Verkehrsbetrieb.", 0},
        {"wpd-comm-204_0", -1, 0, NULL, "2024-02-14T08:15",
         "Endlich mehr Parkplätze am Rathaus!", 0},
    };
    CHECK_PAGE("wpdiscuz.html", e, "Der Wochenmarkt verlässt nach über dreißig");
}

TEST(comments_disqus)
{
    static const exp_c e[] = {
        {"post-5512345001", -1, 0, "Hannah Nelson", "2024-05-07T08:14",
         "Great reporting. The chart on page two really helps.", NOV},
        {"post-5512345002", 0, 1, NULL, "2024-05-07T09:02",
         "Which chart? I only see one.", NOV},
        {"post-5512345003", 1, 2, "Hannah Nelson", "2024-05-07T09:30",
         "The one with the county totals, below the map.", NOV},
    };
    CHECK_PAGE("disqus.html", e, "place roughly 1,200 more homes");
}

TEST(comments_commento)
{
    static const exp_c e[] = {
        {"commento-card-a1b2c3", -1, 0, "Sam Okafor", "2024-06-01T14:22",
         "Does anyone know if the new schedule applies on public holidays?", 4},
        {"commento-card-d4e5f6", 0, 1, "Lena Fischer", "2024-06-01T15:03",
         "Yes, Sundays and holidays use the same timetable.", 2},
        {"commento-card-g7h8i9", 1, 2, NULL, "2024-06-02T07:45",
         "Thanks, that helps.", 1},
        {"commento-card-j1k2l3", -1, 0, "Marek Nowak", "2024-06-03T19:10",
         "Night bus N3 is missing from the PDF.", 0},
    };
    CHECK_PAGE("commento.html", e, "published its summer holiday schedule");
}

TEST(comments_isso)
{
    static const exp_c e[] = {
        {"isso-41", -1, 0, "Camille Durand", "2024-06-03T18:40:00Z",
         "Très bon article, merci.\n\nUne précision : la ligne 4 ne circule "
         "pas le dimanche.", 3},
        {"isso-42", 0, 1, NULL, "2024-06-04T07:12:00Z",
         "Si, depuis mars elle circule aussi le dimanche.", 0},
        {"isso-43", 1, 2, "Camille Durand", "2024-06-04T09:30:00Z",
         "Ah, merci pour l’info !", 1},
        {"isso-44", -1, 0, NULL, "2024-06-04T11:00:00Z",
         "Ce commentaire a été supprimé.", NOV},
    };
    CHECK_PAGE("isso.html", e, "a validé mardi le prolongement de la ligne 4");
}

TEST(comments_microdata)
{
    static const exp_c e[] = {
        {"op-1", -1, 0, "Lucía Gómez", "2024-02-10T08:30:00+01:00",
         "¡Por fin! Los domingos son el único día que puedo ir con mis hijos.", 7},
        {"op-2", 0, 1, "Andrés P.", "2024-02-10T09:05:00+01:00",
         "¿Y las salas de estudio? Eso es lo que más falta hace.", 2},
        {"op-3", 1, 2, "Lucía Gómez", "2024-02-10T10:40:00+01:00",
         "También abren, lo dice el último párrafo.", NOV},
        {"op-4", -1, 0, NULL, "2024-02-11T18:00:00+01:00",
         "Mejor que arreglen primero la calefacción.", -3},
    };
    CHECK_PAGE("microdata.html", e, "abrirán también los domingos");
}

TEST(comments_jsonld)
{
    static const exp_c e[] = {
        {"https://example.pl/most#k-1", -1, 0, "Agnieszka K.",
         "2024-04-20T09:15:00+02:00",
         "Wreszcie! Codziennie stałam w korku na starym moście.\n\nOby tylko "
         "nie zamknęli go zaraz na remont.", 12},
        {"https://example.pl/most#k-2", 0, 1, "Marek", "2024-04-20T10:02:00+02:00",
         "Stary most też zostaje otwarty, tylko dla autobusów.", NOV},
        {"https://example.pl/most#k-3", 1, 2, "Agnieszka K.",
         "2024-04-20T10:30:00+02:00", "Dzięki, nie wiedziałam.", NOV},
        {"https://example.pl/most#k-4", -1, 0, NULL, "2024-04-21T18:45:00+02:00",
         "Ile to kosztowało podatników?", 3},
    };
    CHECK_PAGE("jsonld.html", e, "nowy most drogowy na Wiśle");
}

TEST(comments_generic)
{
    static const exp_c e[] = {
        {"k-9001", -1, 0, "Heinz W.", "2024-02-03T17:45",
         "Sehr gute Nachricht! Letztes Jahr war das Bad bis Mitte Juni zu.", NOV},
        {"k-9002", 0, 1, "Gabi M.", "2024-02-03T18:10",
         "Hoffentlich wird es im Mai auch schon warm genug.", NOV},
        {"k-9003", 1, 2, "Heinz W.", "2024-02-03T19:02",
         "Das Becken ist beheizt, steht im Infokasten.", NOV},
        {"k-9004", -1, 0, NULL, "2024-02-04T07:30",
         "Dieser Kommentar wurde gelöscht.", NOV},
    };
    CHECK_PAGE("generic.html", e, "Das Freibad am Stadtwald");
}

/* Comment lists without comment markup: a Polish list under a
 * "Komentarze (3)" heading with a nested reply, a single French comment
 * after a "Commentaires" title bar, Spanish product reviews in a
 * "reviews" container (date in an attribute). */
TEST(comments_heading_list)
{
    static const exp_c e[] = {
        {NULL, -1, 0, "Marek", "2023-03-14T09:12",
         "Nareszcie ktoś o tym napisał. Most był zamknięty od miesięcy.", NOV},
        {NULL, 0, 1, "Ola_K", "2023-03-14T10:40",
         "Zgadzam się, objazd przez centrum to koszmar.", NOV},
        {NULL, -1, 0, "Piotr", "2023-03-15T18:05",
         "A kiedy otworzą ścieżkę rowerową po drugiej stronie?", NOV},
    };
    CHECK_PAGE("heading_list.html", e, "Remont mostu na Wiśle");
}

TEST(comments_titlebar_single)
{
    static const exp_c e[] = {
        {NULL, -1, 0, "Camille", "2022-11-05T21:30",
         "Merci pour ce compte rendu, j'étais au concert et c'était magnifique.", NOV},
    };
    /* The body of this tiny page is the extractor's business (with the
     * comment marked it currently finds no article: see comments.md). */
    CHECK_PAGE("titlebar.html", e, NULL);
}

TEST(comments_reviews)
{
    static const exp_c e[] = {
        {NULL, -1, 0, "Lucía R.", "2021-06-02",
         "Muy buena calidad, el café llegó en dos días y huele de maravilla.", NOV},
        {NULL, -1, 0, "Andrés", "2021-05-20",
         "Algo caro para mi gusto, pero el sabor es excelente.", NOV},
        {NULL, -1, 0, "María José", "2021-04-11",
         "Lo compro cada mes. Recomendado para cafetera italiana.", NOV},
    };
    CHECK_PAGE("reviews.html", e, "Café de Colombia en grano");
}

/* Under a comment heading: a policy list without dates and a list of
 * linked, dated teasers are not comments. */
TEST(comments_heading_not_lists)
{
    static const char page[] =
        "<html><body><article><h1>Neue Radwege</h1>"
        "<p>Die Stadt baut in diesem Jahr zwölf Kilometer neue Radwege, vor "
        "allem entlang der Ringstraße und am Flussufer.</p></article>"
        "<section><h2>Kommentare</h2><ul>"
        "<li><strong>Alle Kommentare werden moderiert</strong>. Bitte "
        "schreiben Sie sachlich und freundlich.</li>"
        "<li><strong>Keine Werbung</strong>. Links zu Shops werden ohne "
        "Rückfrage gelöscht.</li></ul></section>"
        "<section><h2>Reviews</h2>"
        "<div class='card'><h3><a href='/r1'>Bike lights tested</a></h3>"
        "<span>12 March 2024</span><p>Ten lights for city riders compared in "
        "the dark.</p></div>"
        "<div class='card'><h3><a href='/r2'>Folding locks</a></h3>"
        "<span>2 March 2024</span><p>Which folding lock keeps your bike "
        "where you left it?</p></div></section></body></html>";
    th_doc *doc = NULL;
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_HTML;
    ASSERT(th_extract(page, sizeof page - 1, &o, &doc) == TH_OK);
    ASSERT_EQ(doc->ncomments, 0);
    th_doc_free(doc);
}

/* A count link, "no comments" notes and a recent-comments widget are not
 * sections; nothing is marked and the body keeps its text. */
TEST(comments_not_sections)
{
    static const char page[] =
        "<html><body><article><h1>Title</h1>"
        "<p class='meta'><a class='comments-count' href='#c'>12 comments</a></p>"
        "<p>The article text is long enough to be the body of this page.</p>"
        "<p class='no-comments'>No comments yet.</p></article>"
        "<aside><ul id='recentcomments'><li class='recentcomments'>Ann on "
        "<a href='/a'>Post A</a></li><li class='recentcomments'>Bob on "
        "<a href='/b'>Post B</a></li></ul>"
        "<div class='teaser'><a href='/x'>X</a><span class='comment'>3</span></div>"
        "</aside></body></html>";
    th_doc *doc = NULL;
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_HTML;
    ASSERT(th_extract(page, sizeof page - 1, &o, &doc) == TH_OK);
    ASSERT_EQ(doc->ncomments, 0);
    th_doc_free(doc);
}

/* 100k nested elements: the walks are iterative. */
TEST(comments_deep_tree)
{
    size_t depth = 100000;
    size_t cap = depth * 40 + 256;
    char *p = malloc(cap);
    ASSERT(p);
    size_t n = 0;
    n += (size_t)snprintf(p + n, cap - n, "<div id='comments'><ol class='comment-list'>");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(p + n, cap - n, "<div class='comment'>x");
    p[n] = 0;
    th_doc *doc = NULL;
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_HTML;
    o.max_depth = 200000;
    th_status st = th_extract(p, n, &o, &doc);
    free(p);
    ASSERT(st == TH_OK);
    ASSERT(doc->ncomments > 0);
    th_doc_free(doc);
}

TEST(comments_dates)
{
    char b[32];
    ASSERT(cm__parse_date("March 4, 2024 at 10:02 pm", 25, b));
    ASSERT_STR(b, "2024-03-04T22:02");
    ASSERT(cm__parse_date("19. Oktober 2019 um 10:23", 25, b));
    ASSERT_STR(b, "2019-10-19T10:23");
    ASSERT(cm__parse_date("3 juin 2024 à 18 h 40", strlen("3 juin 2024 à 18 h 40"), b));
    ASSERT_STR(b, "2024-06-03T18:40");
    ASSERT(cm__parse_date("19 de octubre de 2019", 21, b));
    ASSERT_STR(b, "2019-10-19");
    ASSERT(cm__parse_date("03.02.2024, 17:45 Uhr", 21, b));
    ASSERT_STR(b, "2024-02-03T17:45");
    ASSERT(cm__parse_date("2024-06-03T18:40:00Z", 20, b));
    ASSERT_STR(b, "2024-06-03T18:40:00Z");
    ASSERT(cm__parse_date("12/31/2023", 10, b));
    ASSERT_STR(b, "2023-12-31");
    ASSERT(!cm__parse_date("vor 3 Tagen", 11, b));
    ASSERT(!cm__parse_date("", 0, b));
}

/* ------------------------------------------------ ../shared bars ---- */

static char *norm(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    th__collapse_space(p, n);
    return p;
}

/* Text of every text node outside script/style: is a snippet in the saved
 * page at all (comments loaded by JavaScript are not). */
static char *page_text(const char *data, size_t len)
{
    th_arena a;
    th__arena_init(&a);
    th_options o;
    th_options_init(&o);
    char *utf8, *out = NULL;
    size_t n;
    const char *cs;
    th_dom dom;
    if (!th__charset_decode(&a, data, len, NULL, 1, &utf8, &n, &cs) &&
        !th__html_parse(&dom, &a, utf8, n, &o)) {
        th_buf b;
        th__buf_init(&b, 0);
        for (th_node *x = dom.root; x;) {
            bool skip = x->type == TH_NODE_ELEMENT &&
                        (x->tag == TH_TAG_SCRIPT || x->tag == TH_TAG_STYLE);
            if (x->type == TH_NODE_TEXT) {
                th__buf_append(&b, x->text, x->text_len);
                th__buf_putc(&b, ' ');
            }
            x = th__dom_next(dom.root, x, skip);
        }
        out = norm(b.data ? b.data : "", b.len);
        th__buf_cleanup(&b);
    }
    th__arena_cleanup(&a);
    return out;
}

TEST(comments_trafilatura_bars)
{
    const char *sh = th_test_shared();
    if (!sh)
        SKIP("../shared absent");
    char dir[512];
    snprintf(dir, sizeof dir, "%s/eval/dev/trafilatura", sh);
    DIR *d = opendir(dir);
    if (!d)
        SKIP("trafilatura dev set absent");
    size_t total = 0, reach = 0, found = 0, found_reach = 0, leaked = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        size_t nl = strlen(de->d_name);
        if (nl < 15 || strcmp(de->d_name + nl - 14, ".snippets.json"))
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t jl;
        char *js = th_test_read(path, &jl);
        if (!js)
            continue;
        th_arena a;
        th__arena_init(&a);
        th_json *j = th__jr_parse(&a, js, jl, NULL);
        const th_json *cs = j ? th__jr_get(j, "comments") : NULL;
        const char *file = j ? th__jr_str(th__jr_get(j, "file")) : NULL;
        if (cs && cs->type == TH_JSON_ARRAY && cs->n && file) {
            snprintf(path, sizeof path, "%s/%s", dir, file);
            size_t hl;
            char *html = th_test_read(path, &hl);
            th_doc *doc = NULL;
            th_options o;
            th_options_init(&o);
            o.kind = TH_INPUT_HTML;
            if (html && th_extract(html, hl, &o, &doc) == TH_OK) {
                th_buf cb, bb;
                th__buf_init(&cb, 0);
                th__buf_init(&bb, 0);
                for (size_t i = 0; i < doc->ncomments; i++) {
                    /* the gold lists a few commenter names as snippets */
                    th__buf_puts(&cb, doc->comments[i].author ? doc->comments[i].author : "");
                    th__buf_putc(&cb, ' ');
                    th__buf_puts(&cb, doc->comments[i].text ? doc->comments[i].text : "");
                    th__buf_putc(&cb, ' ');
                }
                for (size_t i = 0; i < doc->nblocks; i++) {
                    th__buf_append(&bb, doc->blocks[i].text, doc->blocks[i].len);
                    th__buf_putc(&bb, ' ');
                }
                char *ct = norm(cb.data ? cb.data : "", cb.len);
                char *bt = norm(bb.data ? bb.data : "", bb.len);
                char *pt = page_text(html, hl);
                for (const th_json *s = cs->child; s; s = s->next) {
                    if (s->type != TH_JSON_STRING)
                        continue;
                    char *k = norm(s->str, s->len);
                    if (!k)
                        continue;
                    if (!*k) { /* three empty snippets: not counted */
                        free(k);
                        continue;
                    }
                    total++;
                    bool r = pt && strstr(pt, k);
                    bool f = ct && strstr(ct, k);
                    reach += r;
                    found += f;
                    found_reach += r && f;
                    leaked += *k && bt && strstr(bt, k);
                    free(k);
                }
                free(ct);
                free(bt);
                free(pt);
                th__buf_cleanup(&cb);
                th__buf_cleanup(&bb);
                th_doc_free(doc);
            }
            free(html);
        }
        th__arena_cleanup(&a);
        free(js);
    }
    closedir(d);
    printf("  comments on trafilatura dev: %zu snippets, %zu in the HTML; "
           "found %zu (%.1f%%), of reachable %zu (%.1f%%); leaked %zu\n",
           total, reach, found, total ? 100.0 * (double)found / (double)total : 0.0,
           found_reach,
           reach ? 100.0 * (double)found_reach / (double)reach : 0.0, leaked);
    ASSERT(total >= 150);
    /* Of the 156 non-empty snippets, 42 are not in the saved pages at all
     * (loaded by JavaScript; checked against visible text and scripts), so
     * the bar is taken on the 114 the HTML holds: 111 found (97.4%) when
     * this was written.  The 2 leaks are article sentences the gold also
     * lists as comment snippets (quoted by commenters). */
    ASSERT(found >= 108);
    ASSERT(found_reach * 100 >= reach * 95);
    ASSERT(leaked <= 2);
}
