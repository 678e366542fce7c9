/*
 * unit_extract.c -- main-content extraction on pages written for these
 * tests: an English news article wrapped in navigation, share, newsletter,
 * related and footer furniture; a German article with a cookie banner and
 * an author box; figures with captions; a blog post with a comment
 * section; a front page with several stories; inline Markdown; block
 * kinds; hidden markup; a very deep tree.  Each asserts that the body text
 * is there, the furniture is not, and captions/related land apart.
 */
#include <stdlib.h>

#include "doc.h"
#include "test.h"

static th_doc *extract(const char *html)
{
    th_doc *doc = NULL;
    if (th_extract(html, strlen(html), NULL, &doc) != TH_OK)
        return NULL;
    return doc;
}

/* The body as text (blocks joined by "\n\n"); caller frees with th_free. */
static char *body(const th_doc *doc)
{
    char *out = NULL;
    if (th_doc_render(doc, TH_FORMAT_TEXT, NULL, &out, NULL) != TH_OK)
        return NULL;
    return out;
}

static char *markdown(const th_doc *doc)
{
    char *out = NULL;
    if (th_doc_render(doc, TH_FORMAT_MARKDOWN, NULL, &out, NULL) != TH_OK)
        return NULL;
    return out;
}

static bool has_caption(const th_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->ncaptions; i++)
        if (strstr(doc->captions[i], needle))
            return true;
    return false;
}

static bool has_related(const th_doc *doc, const char *needle)
{
    for (size_t i = 0; i < doc->nrelated; i++)
        if (strstr(doc->related[i].text, needle))
            return true;
    return false;
}

static const char *const NEWS =
    "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
    "<title>City council approves new riverside park | The Daily Ledger</title></head>"
    "<body><header class=site-header><a href=/>The Daily Ledger</a>"
    "<nav class=main-nav><ul><li><a href=/news>News</a></li><li><a href=/sport>Sport</a></li>"
    "<li><a href=/opinion>Opinion</a></li><li><a href=/weather>Weather</a></li></ul></nav></header>"
    "<div class=breadcrumbs><a href=/>Home</a> &rsaquo; <a href=/news>News</a> &rsaquo; Local</div>"
    "<main><article class=story>"
    "<h1>City council approves new riverside park</h1>"
    "<div class=byline>By <a href=/staff/jo>Jo Marsh</a>, March 3, 2024</div>"
    "<div class=share-bar><a href=#>Share on Facebook</a> <a href=#>Tweet this story</a> "
    "<a href=#>Email</a></div>"
    "<div class=article-body>"
    "<p>The city council voted seven to two on Tuesday night to turn the disused rail "
    "yard along the river into a public park, ending a debate that has run for almost a decade.</p>"
    "<p>The plan, drawn up by a panel of residents, landscape architects and engineers, includes "
    "a wetland that will hold back floodwater, a playground, and a cycle path linking the old "
    "town with the northern suburbs.</p>"
    "<h2>Costs and timeline</h2>"
    "<p>Construction is expected to start next spring and to cost about 14 million dollars, "
    "most of it covered by a state grant for flood protection, according to the council's own figures.</p>"
    "<aside class=newsletter-signup><h3>Get the morning briefing</h3>"
    "<p>Sign up for our newsletter and never miss a story from your neighbourhood.</p>"
    "<form><input type=email><button>Subscribe</button></form></aside>"
    "<p>Opponents had argued that the land should be sold to developers, which would have "
    "brought in tax revenue, but a majority of council members said the flood risk made housing there unwise.</p>"
    "</div>"
    "<div class=related-articles><h3>Related stories</h3><ul>"
    "<li><a href=/news/bridge-closure-2024>Old bridge to close for six months of repairs</a></li>"
    "<li><a href=/news/flood-defences>Flood defences tested after record rainfall</a></li>"
    "</ul></div>"
    "</article></main>"
    "<footer class=site-footer><p>&copy; 2024 The Daily Ledger. All rights reserved.</p>"
    "<a href=/privacy>Privacy policy</a> <a href=/contact>Contact us</a></footer>"
    "</body></html>";

TEST(extract_news_furniture)
{
    th_doc *doc = extract(NEWS);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT(t);
    ASSERT_CONTAINS(t, "voted seven to two on Tuesday night");
    ASSERT_CONTAINS(t, "a wetland that will hold back floodwater");
    ASSERT_CONTAINS(t, "Costs and timeline");
    ASSERT_CONTAINS(t, "the flood risk made housing there unwise");
    ASSERT_NOT_CONTAINS(t, "Sport");
    ASSERT_NOT_CONTAINS(t, "Share on Facebook");
    ASSERT_NOT_CONTAINS(t, "Sign up for our newsletter");
    ASSERT_NOT_CONTAINS(t, "Old bridge to close");
    ASSERT_NOT_CONTAINS(t, "All rights reserved");
    ASSERT_NOT_CONTAINS(t, "Home");
    ASSERT_NOT_CONTAINS(t, "By Jo Marsh");
    CHECK(has_related(doc, "Old bridge to close for six months"));
    CHECK(has_related(doc, "Flood defences tested"));
    /* The heading keeps its kind and level. */
    bool heading = false;
    for (size_t i = 0; i < th_doc_block_count(doc); i++) {
        th_block_kind k;
        int lv;
        const char *b = th_doc_block(doc, i, &k, &lv);
        if (strcmp(b, "Costs and timeline") == 0)
            heading = k == TH_BLOCK_HEADING && lv == 2;
    }
    CHECK(heading);
    th_free(t);
    th_doc_free(doc);
}

static const char *const GERMAN =
    "<!DOCTYPE html><html lang=de><head><meta charset=utf-8>"
    "<title>Neue Radwege für die Innenstadt – Stadtanzeiger</title></head><body>"
    "<div id=cookie-banner class=cookie-consent><p>Wir verwenden Cookies, um Ihnen das beste "
    "Nutzererlebnis zu bieten. Mit der Nutzung der Seite stimmen Sie der Verwendung zu.</p>"
    "<button>Alle akzeptieren</button><button>Einstellungen</button></div>"
    "<div class=seitenkopf><ul class=menu><li><a href=/>Startseite</a></li>"
    "<li><a href=/lokales>Lokales</a></li><li><a href=/kultur>Kultur</a></li></ul></div>"
    "<div id=inhalt><div class=artikel>"
    "<h1>Neue Radwege für die Innenstadt</h1>"
    "<p class=teaser-text>Die Stadt baut bis zum Herbst vier Kilometer geschützte Radwege, "
    "die Anwohner sind geteilter Meinung.</p>"
    "<div class=artikel-text>"
    "<p>Nach monatelangen Diskussionen hat der Stadtrat am Donnerstag beschlossen, die "
    "Hauptstraße zwischen Bahnhof und Marktplatz umzubauen. Künftig sollen Radfahrer auf "
    "einer eigenen, durch Poller abgetrennten Spur fahren.</p>"
    "<p>Die Kosten von rund 2,3 Millionen Euro trägt zu großen Teilen das Land, wie die "
    "Verwaltung mitteilte. Die Händler in der Innenstadt befürchten allerdings, dass "
    "Parkplätze wegfallen und Kunden ausbleiben.</p>"
    "<div class=teilen-leiste><a href=#>Auf Facebook teilen</a><a href=#>Per WhatsApp teilen</a></div>"
    "<p>Der Umbau beginnt im April und soll bis Oktober abgeschlossen sein, sagte die "
    "Baudezernentin bei der Vorstellung der Pläne.</p>"
    "</div>"
    "<div class=autor-box><img src=a.jpg><p><strong>Maria Huber</strong> ist Redakteurin "
    "im Lokalressort und schreibt seit 2015 über Verkehr und Stadtentwicklung.</p></div>"
    "<div class=schlagworte><a href=/t/verkehr>Verkehr</a> <a href=/t/radfahren>Radfahren</a></div>"
    "</div></div>"
    "<div class=fusszeile><a href=/impressum>Impressum</a> <a href=/datenschutz>Datenschutz</a></div>"
    "</body></html>";

TEST(extract_german_cookie_author)
{
    th_doc *doc = extract(GERMAN);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT(t);
    ASSERT_CONTAINS(t, "hat der Stadtrat am Donnerstag beschlossen");
    ASSERT_CONTAINS(t, "Die Kosten von rund 2,3 Millionen Euro");
    ASSERT_CONTAINS(t, "Der Umbau beginnt im April");
    ASSERT_NOT_CONTAINS(t, "Wir verwenden Cookies");
    ASSERT_NOT_CONTAINS(t, "Alle akzeptieren");
    ASSERT_NOT_CONTAINS(t, "ist Redakteurin im Lokalressort");
    ASSERT_NOT_CONTAINS(t, "Per WhatsApp teilen");
    ASSERT_NOT_CONTAINS(t, "Startseite");
    ASSERT_NOT_CONTAINS(t, "Impressum");
    th_free(t);
    th_doc_free(doc);
}

static const char *const FIGURES =
    "<html><head><title>Glacier retreat seen from above</title></head><body>"
    "<article><h1>Glacier retreat seen from above</h1>"
    "<p>Satellite images taken over thirty years show how far the glacier has pulled back, "
    "leaving a lake where there used to be ice more than a hundred metres thick.</p>"
    "<figure><img src=1985.jpg alt=''><figcaption>The glacier in 1985, filling the whole "
    "valley.</figcaption></figure>"
    "<p>Scientists at the regional institute say the speed of the retreat has doubled since the "
    "turn of the century, and that the trend matches rising summer temperatures in the Alps.</p>"
    "<div class='wp-caption aligncenter'><img src=2020.jpg><p class=wp-caption-text>The same "
    "valley in 2020: a lake and bare rock.</p></div>"
    "<p>Local guides have had to move their routes, because the ice that once carried hikers "
    "across the valley has become unstable and full of crevasses in late summer.</p>"
    "<div class=image-caption>Meltwater streams in August.</div>"
    "</article></body></html>";

TEST(extract_figure_captions)
{
    th_doc *doc = extract(FIGURES);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT(t);
    ASSERT_CONTAINS(t, "Satellite images taken over thirty years");
    ASSERT_CONTAINS(t, "Local guides have had to move their routes");
    ASSERT_NOT_CONTAINS(t, "The glacier in 1985");
    ASSERT_NOT_CONTAINS(t, "a lake and bare rock");
    ASSERT_NOT_CONTAINS(t, "Meltwater streams");
    CHECK(has_caption(doc, "The glacier in 1985, filling the whole valley."));
    CHECK(has_caption(doc, "The same valley in 2020: a lake and bare rock."));
    CHECK(has_caption(doc, "Meltwater streams in August."));
    ASSERT_EQ(doc->ncaptions, 3);
    th_free(t);
    th_doc_free(doc);
}

static const char *const COMMENTS =
    "<html><head><title>Baking sourdough at home</title></head><body>"
    "<div id=page><div class=entry-content>"
    "<p>Sourdough needs patience more than skill: the starter takes about a week to become "
    "active, and each loaf rises for twelve hours or more in a cool kitchen.</p>"
    "<p>Feed the starter once a day with equal weights of flour and water, and keep it in a "
    "glass jar so that you can watch the bubbles, which tell you when it is ready.</p>"
    "<p>For the first loaves, use a simple recipe with white flour, and only move on to rye "
    "or whole wheat once the crumb comes out open and even.</p>"
    "</div>"
    "<div id=comments class=comments-area><h2>3 comments</h2><ol class=comment-list>"
    "<li class=comment><div class=comment-author>Anna</div><div class=comment-content>"
    "<p>My starter died twice before I learned to keep it warm, thank you for the tips, "
    "they made all the difference for me.</p></div></li>"
    "<li class=comment><div class=comment-author>Ben</div><div class=comment-content>"
    "<p>Does this work with spelt flour as well, or does the starter need wheat to get "
    "going in the first week?</p></div></li></ol>"
    "<div id=respond><h3>Leave a reply</h3><form><textarea></textarea></form></div></div>"
    "<div class=plain-thread><div class=reply-body><p>Great article, I baked my first loaf "
    "yesterday and it turned out wonderful, my family loved it.</p></div></div>"
    "</div></body></html>";

TEST(extract_comment_section)
{
    th_doc *doc = extract(COMMENTS);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT(t);
    ASSERT_CONTAINS(t, "Sourdough needs patience more than skill");
    ASSERT_CONTAINS(t, "only move on to rye");
    ASSERT_NOT_CONTAINS(t, "My starter died twice");
    ASSERT_NOT_CONTAINS(t, "spelt flour");
    ASSERT_NOT_CONTAINS(t, "Leave a reply");
    ASSERT_NOT_CONTAINS(t, "3 comments");
    ASSERT_NOT_CONTAINS(t, "I baked my first loaf");
    th_free(t);
    th_doc_free(doc);
}

static const char *const MULTI =
    "<html><head><title>Evening edition</title></head><body>"
    "<nav><a href=/>Front page</a></nav><main>"
    "<article class=lead-story><h2><a href=/2024/05/harbour-strike>Harbour workers strike over "
    "pay</a></h2>"
    "<p>Dock workers walked out at dawn on Monday after talks with the port authority broke "
    "down over a proposed three-year pay freeze, halting the loading of container ships.</p>"
    "<p>The union said the strike would last at least until Friday, and warned that it could "
    "be extended if the authority did not return to the table with a better offer.</p>"
    "<p>Shipping companies have begun to divert vessels to other ports along the coast, which "
    "could raise prices for imported goods in the coming weeks, economists said.</p>"
    "<p>The port authority called the walkout irresponsible and said its offer was the best it "
    "could afford after two years of falling revenue.</p></article>"
    "<article class=brief><h3><a href=/2024/05/library-hours>Library extends opening "
    "hours</a></h3><p>The central library will stay open until nine.</p></article>"
    "<article class=brief><h3><a href=/2024/05/marathon-route>New marathon route "
    "announced</a></h3><p>The race will pass the old cathedral.</p></article>"
    "</main></body></html>";

TEST(extract_multi_story)
{
    th_doc *doc = extract(MULTI);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT(t);
    ASSERT_CONTAINS(t, "Dock workers walked out at dawn");
    ASSERT_CONTAINS(t, "its offer was the best it could afford");
    ASSERT_NOT_CONTAINS(t, "stay open until nine");
    ASSERT_NOT_CONTAINS(t, "old cathedral");
    CHECK(has_related(doc, "Library extends opening hours"));
    CHECK(has_related(doc, "New marathon route announced"));
    CHECK(!has_related(doc, "Harbour workers strike"));
    th_free(t);
    th_doc_free(doc);
}

static const char *const INLINE =
    "<html><head><title>Notes</title></head><body><div class=post-content>"
    "<p>The <a href=\"/docs/setup guide\">setup guide</a> explains the <em>first</em> steps "
    "and the <strong>important</strong> warnings, while the <a href='javascript:void(0)'>menu"
    "</a> does nothing useful for anyone reading the page today.</p>"
    "<p>Values like 2*3 and [brackets] are escaped in Markdown, and the rest of this "
    "paragraph is only here so that the extractor sees enough prose to work with.</p>"
    "<ol><li>First step of the recipe with enough words</li><li>Second step<ul><li>A nested "
    "note</li></ul></li></ol>"
    "<blockquote><p>Quoted words from a speech given at the opening ceremony.</p></blockquote>"
    "<pre>line one\n  line two</pre>"
    "<table><tr><th>Year</th><th>Visitors</th></tr><tr><td>2022</td><td>1,200</td></tr></table>"
    "</div></body></html>";

TEST(extract_inline_markdown_and_kinds)
{
    th_options o;
    th_options_init(&o);
    o.url = "https://example.org/blog/2024/notes.html";
    th_doc *doc = NULL;
    ASSERT_EQ(th_extract(INLINE, strlen(INLINE), &o, &doc), TH_OK);
    char *md = markdown(doc);
    ASSERT(md);
    ASSERT_CONTAINS(md, "[setup guide](https://example.org/docs/setup%20guide)");
    ASSERT_CONTAINS(md, "the *first* steps");
    ASSERT_CONTAINS(md, "the **important** warnings");
    ASSERT_CONTAINS(md, "while the menu does");
    ASSERT_CONTAINS(md, "2\\*3 and \\[brackets\\]");
    int saw = 0;
    for (size_t i = 0; i < th_doc_block_count(doc); i++) {
        th_block_kind k;
        int lv;
        const char *b = th_doc_block(doc, i, &k, &lv);
        const th_block *blk = &doc->blocks[i];
        if (strcmp(b, "First step of the recipe with enough words") == 0 &&
            k == TH_BLOCK_LIST_ITEM && lv == 1 && blk->ordered)
            saw |= 1;
        if (strcmp(b, "A nested note") == 0 && k == TH_BLOCK_LIST_ITEM && lv == 2 &&
            !blk->ordered)
            saw |= 2;
        if (k == TH_BLOCK_QUOTE && strstr(b, "Quoted words"))
            saw |= 4;
        if (k == TH_BLOCK_PRE && strcmp(b, "line one\n  line two") == 0)
            saw |= 8;
        if (k == TH_BLOCK_TABLE && strstr(b, "2022") && strstr(b, "1,200"))
            saw |= 16;
    }
    ASSERT_EQ(saw, 31);
    th_free(md);
    th_doc_free(doc);
}

static const char *const HIDDEN =
    "<html><head><title>Hidden parts</title></head><body><article>"
    "<p>This paragraph is visible to every reader and long enough to count as the article "
    "text that an extractor should keep in its output.</p>"
    "<p hidden>Secret paragraph that the page never shows to anybody.</p>"
    "<div style='display: none'>Invisible teaser text in a hidden box.</div>"
    "<div aria-hidden=true>Decorative text for screen readers to skip.</div>"
    "<p>A second visible paragraph follows here, again with enough words and a comma, "
    "so that it clearly belongs to the body.</p>"
    "<script>var notText = 'script text is never body';</script>"
    "</article></body></html>";

TEST(extract_hidden_markup)
{
    th_doc *doc = extract(HIDDEN);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT(t);
    ASSERT_CONTAINS(t, "This paragraph is visible");
    ASSERT_CONTAINS(t, "A second visible paragraph");
    ASSERT_NOT_CONTAINS(t, "Secret paragraph");
    ASSERT_NOT_CONTAINS(t, "Invisible teaser");
    ASSERT_NOT_CONTAINS(t, "Decorative text");
    ASSERT_NOT_CONTAINS(t, "script text");
    th_free(t);
    th_doc_free(doc);
}

TEST(extract_empty_and_textless)
{
    th_doc *doc = extract("<html><body><nav><a href=/>Home</a></nav></body></html>");
    ASSERT(doc);
    ASSERT_EQ(th_doc_block_count(doc), 0);
    th_doc_free(doc);
    doc = extract("<p>Just one short line.</p>");
    ASSERT(doc);
    ASSERT_EQ(th_doc_block_count(doc), 1);
    ASSERT_STR(th_doc_block(doc, 0, NULL, NULL), "Just one short line.");
    th_doc_free(doc);
}

TEST(extract_deep_tree)
{
    /* 100k nested elements: no recursion, linear time. */
    size_t depth = 100000;
    const char *open = "<div><span>", *close = "</span></div>";
    size_t lo = strlen(open), lc = strlen(close);
    const char *mid = "<p>Deep text, at the bottom of a very deep tree of boxes.</p>";
    size_t lm = strlen(mid);
    char *html = malloc(depth * (lo + lc) + lm + 1);
    ASSERT(html);
    char *p = html;
    for (size_t i = 0; i < depth; i++, p += lo)
        memcpy(p, open, lo);
    memcpy(p, mid, lm);
    p += lm;
    for (size_t i = 0; i < depth; i++, p += lc)
        memcpy(p, close, lc);
    *p = '\0';
    th_doc *doc = NULL;
    th_status st = th_extract(html, (size_t)(p - html), NULL, &doc);
    free(html);
    ASSERT_EQ(st, TH_OK);
    char *t = body(doc);
    ASSERT_CONTAINS(t, "Deep text, at the bottom");
    th_free(t);
    th_doc_free(doc);
}

TEST(extract_bare_body_text)
{
    /* Text straight in <body> (no <p>, no <div>): it is the body. */
    th_doc *doc = extract(
        "<html><head><title>Notiz</title></head><body>"
        "Der Gemeinderat hat am Dienstag beschlossen, die alte Br\xc3\xbc" "cke "
        "\xc3\xbc" "ber den Fluss bis zum Herbst zu sanieren. Die Kosten "
        "tr\xc3\xa4gt zur H\xc3\xa4lfte das Land.<br>Die Arbeiten beginnen im Mai."
        "</body></html>");
    ASSERT(doc);
    char *t = body(doc);
    ASSERT_CONTAINS(t, "Der Gemeinderat hat am Dienstag");
    ASSERT_CONTAINS(t, "Die Arbeiten beginnen im Mai.");
    th_free(t);
    th_doc_free(doc);
    /* Bare text beside a navigation bar: the text still wins. */
    doc = extract("<body><nav><a href=/a>Inicio</a> <a href=/b>Noticias</a></nav>"
                  "El ayuntamiento abrir\xc3\xa1 la biblioteca nueva el lunes, "
                  "con horario ampliado hasta las diez de la noche.</body>");
    ASSERT(doc);
    t = body(doc);
    ASSERT_CONTAINS(t, "El ayuntamiento abrir");
    ASSERT(!strstr(t, "Noticias"));
    th_free(t);
    th_doc_free(doc);
}

TEST(extract_titled_story_first)
{
    /* Infinite scroll: the page's own story first, longer ones appended
     * below it in the same wrappers.  The story titled like the page is
     * the body. */
    static const char *const page =
        "<html><head><title>Bendecir\xc3\xa1n veh\xc3\xad" "culos este s\xc3\xa1" "bado | Diario</title>"
        "<meta property=og:title content='Bendecir\xc3\xa1n veh\xc3\xad" "culos este s\xc3\xa1" "bado'>"
        "</head><body><main>"
        "<div class=scroll-item><article class=story><h1>Bendecir\xc3\xa1n veh\xc3\xad" "culos este "
        "s\xc3\xa1" "bado</h1><div class=story-text>"
        "<p>Los frailes de la parroquia del barrio bendecir\xc3\xa1n los autom\xc3\xb3viles, motos y "
        "bicicletas de los vecinos el s\xc3\xa1" "bado por la ma\xc3\xb1" "ana, frente al templo.</p>"
        "<p>La ceremonia, que se repite cada a\xc3\xb1o, incluye una charla sobre seguridad vial y "
        "el cuidado que se debe tener al conducir de noche.</p></div></article></div>"
        "<div class=scroll-item><article class=story><h1>El fiscal destac\xc3\xb3 la cooperaci\xc3\xb3n "
        "judicial</h1><div class=story-text>"
        "<p>El fiscal general visit\xc3\xb3 la capital para firmar un acuerdo de cooperaci\xc3\xb3n, "
        "con el objetivo de intercambiar informaci\xc3\xb3n sobre delitos transnacionales.</p>"
        "<p>Seg\xc3\xban el comunicado, ambos pa\xc3\xadses crear\xc3\xa1n equipos conjuntos de "
        "investigaci\xc3\xb3n, que trabajar\xc3\xa1n en casos de lavado de dinero, contrabando y "
        "tr\xc3\xa1" "fico de armas, con reuniones mensuales y un informe anual.</p>"
        "<p>La oposici\xc3\xb3n critic\xc3\xb3 que el acuerdo no pasara por el Congreso, y pidi\xc3\xb3 "
        "que los detalles se publiquen antes de fin de mes, para que puedan ser debatidos.</p>"
        "</div></article></div></main></body></html>";
    th_doc *doc = extract(page);
    ASSERT(doc);
    char *t = body(doc);
    ASSERT_CONTAINS(t, "Los frailes de la parroquia");
    ASSERT_CONTAINS(t, "seguridad vial");
    ASSERT_NOT_CONTAINS(t, "El fiscal general");
    th_free(t);
    th_doc_free(doc);
}

/* A related-stories box in an <aside> (tag furniture for the body) still
 * fills `related`, and none of it reaches the body. */
static const char *const ASIDE_RELATED =
    "<html><head><title>Council approves new cycle lanes</title></head><body>"
    "<article><h1>Council approves new cycle lanes</h1>"
    "<p>The city council voted on Tuesday to build four kilometres of "
    "protected cycle lanes along the river road, ending a two-year dispute "
    "between shop owners and commuter groups over parking spaces.</p>"
    "<p>Work is due to start in March and will take about eight months, the "
    "transport committee said, with the busiest junctions rebuilt first and "
    "temporary crossings in place while the kerbs are moved.</p></article>"
    "<aside class=\"related-posts\"><h2>Related stories</h2><ul>"
    "<li><a href=\"/2023/bridge-closure\">Bridge closure extended until "
    "spring</a></li><li><a href=\"/2023/bus-fares\">Bus fares to rise in "
    "January</a></li></ul></aside></body></html>";

TEST(extract_related_in_aside)
{
    th_doc *doc = extract(ASIDE_RELATED);
    ASSERT(doc != NULL);
    ASSERT(has_related(doc, "Bridge closure extended until spring"));
    ASSERT(has_related(doc, "Bus fares to rise in January"));
    char *b = body(doc);
    ASSERT_CONTAINS(b, "protected cycle lanes");
    ASSERT_NOT_CONTAINS(b, "Bus fares");
    free(b);
    th_doc_free(doc);
}

/* An article's own <header> with a header class holds the headline and
 * the lead: the lead is body.  The site header (links) and a chart's
 * header inside the story (no headline) stay out. */
static const char *const LEAD_HEADER =
    "<html><head><meta charset=utf-8><title>El Congreso aprueba la reforma "
    "del agua | Diario del Sur</title></head><body>"
    "<header class=\"site-header\"><a href=\"/\">Diario del Sur</a> "
    "<a href=\"/politica\">Política</a> <a href=\"/economia\">Economía</a> "
    "<a href=\"/deportes\">Deportes</a></header>"
    "<main><article><header class=\"article-header\">"
    "<h1>El Congreso aprueba la reforma del agua</h1>"
    "<p class=\"lead\">La nueva ley obliga a los municipios a medir las "
    "pérdidas de sus redes y a publicar cada año cuánta agua se desperdicia "
    "antes de llegar a los hogares.</p></header>"
    "<div class=\"article-body\"><p>La votación terminó con 201 votos a "
    "favor y 140 en contra, después de una sesión que se alargó hasta la "
    "madrugada por las enmiendas de los grupos regionales.</p>"
    "<section class=\"graphic\"><header class=\"graphic-header\"><p>Las "
    "pérdidas medias de las redes municipales superan el veinte por ciento "
    "del agua captada cada año.</p></header><div>gráfico</div></section>"
    "<p>Los ayuntamientos tendrán dos años para instalar contadores en los "
    "depósitos y en las principales conducciones, con ayudas del Estado "
    "para los municipios de menos de cinco mil habitantes.</p></div>"
    "</article></main></body></html>";

TEST(extract_lead_in_article_header)
{
    th_doc *doc = extract(LEAD_HEADER);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "obliga a los municipios a medir las");
    ASSERT_CONTAINS(b, "201 votos a favor");
    ASSERT_CONTAINS(b, "instalar contadores");
    ASSERT_NOT_CONTAINS(b, "Deportes");
    ASSERT_NOT_CONTAINS(b, "superan el veinte por ciento");
    th_free(b);
    th_doc_free(doc);
}

/* The headline (h1) and the lead in a wrapper of their own, just before the
 * body's wrapper: they open the article.  A teaser block further up
 * (not adjacent) stays out. */
static const char *const HEAD_BLOCK =
    "<html><head><meta charset=utf-8><title>Vendanges précoces en "
    "Bourgogne</title></head><body>"
    "<div class=\"promo-band\"><h2>Notre dossier vin</h2><p>Retrouvez tous "
    "nos reportages sur les vignobles de France, les caves coopératives et "
    "les nouveaux vignerons dans notre dossier spécial.</p></div>"
    "<div class=\"wrap\"><div class=\"intro\"><h1>Vendanges précoces en "
    "Bourgogne</h1><div class=\"chapo\"><p>La chaleur de l'été a avancé "
    "la récolte de près de trois semaines, du jamais vu depuis que les "
    "domaines tiennent des registres.</p></div></div>"
    "<div class=\"texte\">"
    "<p>Dans la côte de Beaune, les premiers raisins ont été coupés le 18 "
    "août, alors que la date moyenne des trente dernières années se situe "
    "autour du 10 septembre, selon la chambre d'agriculture.</p>"
    "<p>Les vignerons, pris de court, ont dû rappeler des saisonniers "
    "encore en vacances, et certaines caves ont loué des cuves "
    "supplémentaires pour accueillir une récolte abondante.</p>"
    "<p>Les œnologues s'inquiètent d'une acidité trop faible, qui pourrait "
    "rendre les vins moins aptes à la garde, même si les premiers jus "
    "sont jugés prometteurs par les négociants.</p>"
    "<p>La profession demande des aides pour replanter des cépages plus "
    "tardifs, une idée qui divise encore les appellations, attachées à "
    "leurs pinots noirs et à leurs chardonnays.</p>"
    "<p>Un colloque réunira en novembre à Dijon les chercheurs, les "
    "syndicats et les négociants pour discuter des calendriers, des "
    "cépages et des techniques de taille.</p></div></div>"
    "</body></html>";

TEST(extract_heading_block_before_body)
{
    th_doc *doc = extract(HEAD_BLOCK);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "avancé la récolte de près de trois semaines");
    ASSERT_CONTAINS(b, "les premiers raisins ont été coupés");
    ASSERT_CONTAINS(b, "techniques de taille");
    ASSERT_NOT_CONTAINS(b, "Retrouvez tous nos reportages");
    th_free(b);
    th_doc_free(doc);
}

/* Caption classes in other languages and spellings (Italian "dida",
 * "didascalia"; Spanish "pie de foto"; "imagedescription") are captions,
 * not body. */
static const char *const CAPTION_WORDS =
    "<html><head><meta charset=utf-8><title>Il ritorno del lupo "
    "sull'Appennino</title></head><body><div id=\"main\">"
    "<h1>Il ritorno del lupo sull'Appennino</h1>"
    "<p>Il censimento dell'inverno scorso ha contato nel parco almeno "
    "quindici branchi, due in più rispetto all'anno precedente, secondo i "
    "dati raccolti con le fototrappole e le tracce sulla neve.</p>"
    "<div class=\"foto\"><img src=\"lupo.jpg\"><div class=\"dida\">Un "
    "lupo ripreso da una fototrappola</div></div>"
    "<p>I ricercatori sottolineano che la presenza del lupo aiuta a "
    "contenere il numero di cinghiali, ma chiedono agli allevatori di "
    "proteggere le greggi con recinzioni e cani da guardiania.</p>"
    "<figure><img src=\"valle.jpg\"><p class=\"imagedescription\">La valle "
    "del Sangro all'alba</p></figure>"
    "<p>Un nuovo rapporto sarà pubblicato in primavera, con le stime "
    "aggiornate per tutta la dorsale appenninica e le regioni vicine.</p>"
    "<p class=\"pie-de-foto\">Foto: archivio del parco</p>"
    "</div></body></html>";

TEST(extract_caption_words)
{
    th_doc *doc = extract(CAPTION_WORDS);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "quindici branchi");
    ASSERT_CONTAINS(b, "recinzioni e cani");
    ASSERT_CONTAINS(b, "dorsale appenninica");
    ASSERT_NOT_CONTAINS(b, "ripreso da una fototrappola");
    ASSERT_NOT_CONTAINS(b, "del Sangro all'alba");
    ASSERT_NOT_CONTAINS(b, "archivio del parco");
    ASSERT(has_caption(doc, "Un lupo ripreso da una fototrappola"));
    ASSERT(has_caption(doc, "La valle del Sangro"));
    th_free(b);
    th_doc_free(doc);
}

/* A "read more" class on a paragraph without links (a collapsible
 * description) is text, while the related box of links stays out. */
static const char *const READMORE_TEXT =
    "<html><head><meta charset=utf-8><title>Dom nad jeziorem w "
    "Mazurach</title></head><body><div class=\"oferta\">"
    "<h1>Dom nad jeziorem w Mazurach</h1>"
    "<p>Drewniany dom dla sześciu osób stoi sto metrów od brzegu jeziora, "
    "na skraju lasu, z własnym pomostem, łódką i miejscem na ognisko.</p>"
    "<p class=\"opis js-readmore\">Wieś leży na szlaku rowerowym wokół "
    "jeziora, a do najbliższego sklepu i przystani jest niecałe dwa "
    "kilometry. Latem działa tu wypożyczalnia kajaków.</p>"
    "<p>Psy są mile widziane, a dzieci do lat trzech nocują bezpłatnie, "
    "jeśli śpią w łóżeczku, które gospodarze chętnie udostępniają.</p>"
    "</div><div class=\"related-offers\"><h2>Podobne oferty</h2><ul>"
    "<li><a href=\"/oferta/12\">Chata pod lasem w Beskidach dla "
    "rodzin</a></li><li><a href=\"/oferta/31\">Apartament z widokiem na "
    "morze w Sopocie</a></li></ul></div></body></html>";

TEST(extract_readmore_paragraph_is_text)
{
    th_doc *doc = extract(READMORE_TEXT);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "z własnym pomostem");
    ASSERT_CONTAINS(b, "wypożyczalnia kajaków");
    ASSERT_CONTAINS(b, "nocują bezpłatnie");
    ASSERT_NOT_CONTAINS(b, "Apartament z widokiem");
    th_free(b);
    th_doc_free(doc);
}

/* A lead in a box of its own (one paragraph, no links) just before the
 * body's wrapper opens the article. */
static const char *const LEAD_BOX =
    "<html><head><meta charset=utf-8><title>Minder zout in brood</title>"
    "</head><body><div class=\"kolom\">"
    "<div class=\"kop\"><h1>Minder zout in brood</h1></div>"
    "<div class=\"inleiding\"><p>Bakkers mogen vanaf volgend jaar nog maar "
    "anderhalve gram zout per honderd gram brood gebruiken, zo heeft de "
    "minister van Volksgezondheid besloten.</p></div>"
    "<div class=\"tekst\">"
    "<p>De nieuwe norm geldt voor alle broodsoorten die in winkels en "
    "supermarkten worden verkocht, ook voor brood dat in de winkel zelf "
    "wordt afgebakken.</p>"
    "<p>Volgens het voedingscentrum eten de meeste volwassenen bijna twee "
    "keer zoveel zout als goed voor hen is, en brood is na kaas de "
    "grootste bron daarvan.</p>"
    "<p>De bakkersvereniging noemt de termijn krap, maar zegt dat de "
    "meeste leden hun recepten al hebben aangepast en dat klanten het "
    "verschil nauwelijks proeven.</p>"
    "<p>Wie zich niet aan de norm houdt, riskeert een boete van de "
    "voedselautoriteit, die vanaf het voorjaar steekproeven gaat nemen "
    "bij bakkerijen in het hele land.</p>"
    "<p>De minister wil later ook afspraken maken over zout in soepen, "
    "sauzen en kant-en-klaarmaaltijden, waar het zoutgehalte vaak nog "
    "hoger ligt dan in brood.</p></div></div></body></html>";

TEST(extract_lead_box_before_body)
{
    th_doc *doc = extract(LEAD_BOX);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "anderhalve gram zout");
    ASSERT_CONTAINS(b, "grootste bron daarvan");
    ASSERT_CONTAINS(b, "kant-en-klaarmaaltijden");
    th_free(b);
    th_doc_free(doc);
}

/* A product page whose description sits inside the order <form>: the
 * description is the body; the newsletter form (a furniture class) and
 * the form's own controls are not. */
static const char *const PRODUCT_FORM =
    "<html><head><meta charset=utf-8><title>Manta de lã bordada</title>"
    "</head><body><div class=\"loja\"><h1>Manta de lã bordada</h1>"
    "<form class=\"encomenda\" action=\"/carrinho\" method=\"post\">"
    "<div class=\"descricao\"><p>Manta tecida à mão em lã de ovelha da "
    "Serra da Estrela, com bordado a ponto de cruz e franjas nas duas "
    "pontas, feita por artesãs de Manteigas.</p>"
    "<p>Cada peça mede cerca de cento e oitenta por cento e trinta "
    "centímetros e pode ser lavada à mão em água fria com sabão neutro.</p>"
    "</div><label>Cor</label><select name=\"cor\"><option>Cinzento</option>"
    "<option>Castanho</option></select>"
    "<button type=\"submit\">Adicionar ao carrinho</button></form></div>"
    "<form class=\"newsletter-signup\"><p>Receba todas as semanas as "
    "novidades da loja, descontos exclusivos e histórias das nossas "
    "artesãs diretamente no seu correio eletrónico.</p>"
    "<input type=\"email\"><button>Subscrever</button></form>"
    "<div class=\"sobre\"><ul><li>Envios em dois dias úteis</li>"
    "<li>Devoluções até trinta dias</li><li>Pagamento por MB Way</li>"
    "<li>Loja aberta de segunda a sábado</li><li>Rua Direita 12, "
    "Manteigas</li><li>Telefone 275 981 000</li><li>Tecelagem desde "
    "1987</li><li>Peças feitas à mão</li><li>Lã de ovelhas da serra</li>"
    "<li>Embrulho para oferta grátis</li><li>Vales de oferta</li>"
    "<li>Encomendas por medida</li></ul></div>"
    "</body></html>";

TEST(extract_description_in_product_form)
{
    th_doc *doc = extract(PRODUCT_FORM);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "lã de ovelha da Serra da Estrela");
    ASSERT_CONTAINS(b, "sabão neutro");
    ASSERT_NOT_CONTAINS(b, "Adicionar ao carrinho");
    ASSERT_NOT_CONTAINS(b, "Castanho");
    ASSERT_NOT_CONTAINS(b, "descontos exclusivos");
    th_free(b);
    th_doc_free(doc);
}

/* After a long article, the short fragments that close it without making
 * a sentence (agency initials, a source label) are not body; a short
 * closing line ending in a CJK character is kept. */
static const char *const TRAILING_LABELS =
    "<html><head><meta charset=utf-8><title>Sejm przyjął ustawę o "
    "retencji</title></head><body><div class=\"tresc-artykulu\">"
    "<h1>Sejm przyjął ustawę o retencji</h1>"
    "<p>Sejm przyjął w piątek ustawę, która zobowiązuje gminy do budowy "
    "zbiorników na wodę deszczową przy nowych osiedlach i szkołach, a "
    "właścicielom domów daje dopłaty do instalacji zbierających wodę.</p>"
    "<p>Za ustawą głosowało 412 posłów, przeciw było 21, a 9 wstrzymało "
    "się od głosu. Projekt trafi teraz do Senatu, który ma na jego "
    "rozpatrzenie trzydzieści dni.</p>"
    "<p>Według ministerstwa w ciągu pięciu lat powstanie ponad dwa "
    "tysiące małych zbiorników, które mają zmniejszyć skutki suszy na "
    "wsi i podtopień w miastach po gwałtownych burzach.</p>"
    "<p>Samorządowcy chwalą kierunek zmian, ale pytają o pieniądze na "
    "utrzymanie nowych urządzeń, bo dopłaty z budżetu państwa obejmą "
    "tylko koszt budowy, a nie późniejszą obsługę.</p>"
    "<p>Eksperci od gospodarki wodnej przypominają, że w Polsce "
    "zatrzymuje się zaledwie kilka procent wody opadowej, podczas gdy w "
    "wielu krajach Europy jest to kilkanaście procent.</p>"
    "<p>Ustawa wejdzie w życie po sześciu miesiącach od ogłoszenia, a "
    "pierwsze nabory wniosków o dopłaty ruszą na początku przyszłego "
    "roku w urzędach gmin i przez internet.</p>"
    "<p>aja/PAP</p><p>Źródło: PAP</p></div></body></html>";

static const char *const TRAILING_CJK =
    "<html><head><meta charset=utf-8><title>城市公园扩建</title></head>"
    "<body><div class=\"article\"><h1>城市公园扩建</h1>"
    "<p>市政府周三宣布，位于河东的城市公园将向北扩建约十二公顷，新增湿地、"
    "儿童游乐区和一条环湖步道，工程预计明年春天开工，后年秋天完工。</p>"
    "<p>规划部门表示，扩建区域原为废弃的仓库用地，土壤修复工作已经完成。"
    "新公园将种植两千多棵本地树木，并设置雨水花园收集地表径流。</p>"
    "<p>附近居民普遍欢迎这一计划，但也有人担心施工期间的噪音和交通问题。"
    "市政府承诺夜间停工，并在周边道路增设临时停车位。</p>"
    "<p>作者︱李明</p></div></body></html>";

TEST(extract_trailing_labels)
{
    th_doc *doc = extract(TRAILING_LABELS);
    ASSERT(doc != NULL);
    char *b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "zbiorników na wodę deszczową");
    ASSERT_CONTAINS(b, "kilkanaście procent");
    ASSERT_NOT_CONTAINS(b, "aja/PAP");
    ASSERT_NOT_CONTAINS(b, "Źródło: PAP");
    th_free(b);
    th_doc_free(doc);
    doc = extract(TRAILING_CJK);
    ASSERT(doc != NULL);
    b = body(doc);
    ASSERT(b != NULL);
    ASSERT_CONTAINS(b, "环湖步道");
    ASSERT_CONTAINS(b, "作者︱李明");
    th_free(b);
    th_doc_free(doc);
}

/* The article's own header taken in for its lead: the section kicker, the
 * headline (already the document's title) and the byline line leave the
 * body; the lead stays as its first paragraph (Swedish page). */
TEST(extract_header_echo_leaves_body)
{
    static const char page[] =
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\">"
        "<title>F\xc3\xa4rjan till Ven st\xc3\xa4lls in hela vintern | "
        "Sundsposten</title></head><body>"
        "<header class=\"site\"><a href=\"/\">Sundsposten</a><nav><a href=\"/\">"
        "Nyheter</a> <a href=\"/sport\">Sport</a></nav></header><main><article>"
        "<header class=\"article-header\"><a class=\"kicker\" href=\"/skane\">"
        "Sk\xc3\xa5ne</a><h1>F\xc3\xa4rjan till Ven st\xc3\xa4lls in hela vintern</h1>"
        "<p class=\"lead\">Rederiet tar sin enda f\xc3\xa4rja ur trafik i "
        "tre m\xc3\xa5nader f\xc3\xb6r motorbyte, och \xc3\xb6ns 370 inv\xc3\xa5nare "
        "f\xc3\xa5r klara sig med en mindre taxib\xc3\xa5t.</p>"
        "<p class=\"byline\">Av Elsa Lindqvist \xc2\xb7 12 november 2024</p>"
        "</header><div class=\"article-body\">"
        "<p>Beskedet kom p\xc3\xa5 m\xc3\xa5ndagen, bara tv\xc3\xa5 veckor innan "
        "motorbytet ska b\xc3\xb6rja p\xc3\xa5 varvet i Landskrona. Rederiet "
        "s\xc3\xa4ger att det inte finns n\xc3\xa5gon ers\xc3\xa4ttningsf\xc3\xa4rja "
        "att hyra under vintern.</p>"
        "<p>Taxib\xc3\xa5ten tar tolv passagerare och inga bilar. Skolbarnen "
        "som pendlar till B\xc3\xa4" "ckviken f\xc3\xa5r egna turer p\xc3\xa5 "
        "morgonen och eftermiddagen, lovar kommunen.</p>"
        "<p>Butiken p\xc3\xa5 \xc3\xb6n oroar sig f\xc3\xb6r leveranserna. "
        "\"Vi f\xc3\xa5r k\xc3\xb6ra varorna i sm\xc3\xa5 partier\", s\xc3\xa4ger "
        "f\xc3\xb6rest\xc3\xa5ndaren.</p></div></article></main></body></html>";
    th_doc *doc = extract(page);
    ASSERT(doc);
    ASSERT_STR(th_doc_title(doc), "F\xc3\xa4rjan till Ven st\xc3\xa4lls in hela vintern");
    ASSERT(th_doc_block_count(doc) >= 3);
    th_block_kind k;
    const char *first = th_doc_block(doc, 0, &k, NULL);
    ASSERT(first);
    ASSERT(strncmp(first, "Rederiet tar sin enda", 21) == 0);
    char *b = body(doc);
    ASSERT(b);
    ASSERT_NOT_CONTAINS(b, "st\xc3\xa4lls in hela vintern");
    ASSERT_NOT_CONTAINS(b, "Elsa Lindqvist");
    ASSERT_CONTAINS(b, "Taxib\xc3\xa5ten tar tolv passagerare");
    free(b);
    th_doc_free(doc);
}
