/*
 * unit_meta.c -- page metadata through th_extract: JSON-LD @graph, only
 * OpenGraph, a German page with a "Von ..." byline and a "1. März 2024"
 * dateline, broken JSON-LD, title suffixes, multi-author bylines, date
 * formats, and the tolerant JSON reader on its own.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "doc.h"
#include "json.h"
#include "test.h"

static th_doc *extract(const char *html)
{
    th_doc *doc = NULL;
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_HTML;
    if (th_extract(html, strlen(html), &o, &doc) != TH_OK)
        return NULL;
    return doc;
}

/* The tree builder (src/html.c) may still be a stub: skip, don't fail. */
static bool parser_ready(void)
{
    th_doc *d = extract("<html><head><title>Probe title</title></head></html>");
    bool ok = d && d->title && strcmp(d->title, "Probe title") == 0;
    th_doc_free(d);
    return ok;
}

#define NEED_PARSER() do { if (!parser_ready()) SKIP("HTML parser not ready"); } while (0)

TEST(meta_jsonld_graph)
{
    NEED_PARSER();
    const char *html =
        "<!doctype html><html lang=\"en-GB\"><head>"
        "<title>Council approves new harbour bridge | The Coastal Herald</title>"
        "<link rel=\"canonical\" href=\"https://www.coastalherald.example/news/bridge-approved\">"
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
        "\"@graph\":[{\"@type\":\"WebSite\",\"@id\":\"#site\",\"name\":\"The Coastal Herald\"},"
        "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Maria Lopez\"},"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Council approves new harbour bridge\","
        "\"datePublished\":\"2024-03-01T09:30:00+00:00\",\"dateModified\":\"2024-03-02T10:00:00Z\","
        "\"author\":[{\"@id\":\"#p1\"},{\"@type\":\"Person\",\"name\":\"Tom O'Neill\"}],"
        "\"publisher\":{\"@type\":\"Organization\",\"name\":\"The Coastal Herald\"},"
        "\"image\":{\"@type\":\"ImageObject\",\"url\":\"https://img.example/bridge.jpg\"}}]}"
        "</script></head><body><header><h1>Council approves new harbour bridge</h1>"
        "<p class=\"byline\">By Maria Lopez and Tom O'Neill</p></header>"
        "<article><p>The council voted on Friday to approve the bridge.</p></article>"
        "</body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Council approves new harbour bridge");
    ASSERT_STR(d->byline, "Maria Lopez, Tom O'Neill");
    ASSERT_EQ(d->nauthors, 2);
    ASSERT_STR(d->date, "2024-03-01T09:30:00+00:00");
    ASSERT_STR(d->modified, "2024-03-02T10:00:00Z");
    ASSERT_STR(d->site, "The Coastal Herald");
    ASSERT_STR(d->url, "https://www.coastalherald.example/news/bridge-approved");
    ASSERT_STR(d->lang, "en");
    ASSERT_STR(d->image, "https://img.example/bridge.jpg");
    th_doc_free(d);
}

TEST(meta_opengraph_only)
{
    NEED_PARSER();
    const char *html =
        "<html><head><meta charset=utf-8>"
        "<title>Les vendanges commencent tôt cette année - Le Journal du Vin</title>"
        "<meta property=\"og:title\" content=\"Les vendanges commencent tôt cette année\">"
        "<meta property=\"og:site_name\" content=\"Le Journal du Vin\">"
        "<meta property=\"og:url\" content=\"https://journalduvin.example/vendanges\">"
        "<meta property=\"og:locale\" content=\"fr_FR\">"
        "<meta property=\"og:description\" content=\"Chaleur et sécheresse avancent la récolte.\">"
        "<meta property=\"og:image\" content=\"https://journalduvin.example/v.jpg\">"
        "<meta property=\"article:published_time\" content=\"2023-08-14T06:00:00+02:00\">"
        "<meta property=\"article:author\" content=\"https://facebook.example/jdv\">"
        "<meta name=\"author\" content=\"Claire Martin\">"
        "</head><body><p>Texte.</p></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Les vendanges commencent tôt cette année");
    ASSERT_STR(d->site, "Le Journal du Vin");
    ASSERT_STR(d->url, "https://journalduvin.example/vendanges");
    ASSERT_STR(d->lang, "fr");
    ASSERT_STR(d->description, "Chaleur et sécheresse avancent la récolte.");
    ASSERT_STR(d->image, "https://journalduvin.example/v.jpg");
    ASSERT_STR(d->date, "2023-08-14T06:00:00+02:00");
    ASSERT_STR(d->byline, "Claire Martin"); /* article:author was a URL */
    th_doc_free(d);
}

TEST(meta_german_byline_dateline)
{
    NEED_PARSER();
    const char *html =
        "<html lang=\"de-DE\"><head><title>Stadtrat beschließt neuen Radweg :: "
        "Kreisbote</title></head><body><nav><a href=\"/\">Start</a> 12.12.2020</nav>"
        "<div class=\"content\"><h1>Stadtrat beschließt neuen Radweg</h1>"
        "<p>Von Anna Schmidt und Jörg Weber</p>"
        "<p>Weilheim, 1. März 2024 – Der Stadtrat hat am Donnerstag den Bau "
        "eines neuen Radwegs beschlossen.</p></div></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Stadtrat beschließt neuen Radweg");
    ASSERT_STR(d->byline, "Anna Schmidt, Jörg Weber");
    ASSERT_STR(d->date, "2024-03-01");
    ASSERT_STR(d->lang, "de");
    th_doc_free(d);
}

TEST(meta_broken_jsonld)
{
    NEED_PARSER();
    const char *html =
        "<html><head><title>Broken data, fine page</title>"
        "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
        "\"headline\": \"Broken data, fine page\", \"author\": {\"name\": "
        "\"Priya Natarajan\",}, // a comment\n \"datePublished\": "
        "\"2022-11-05\", \"image\": [\"a.jpg\", ,], \"x\": {{{{[[[ </script>"
        "<script type=\"application/ld+json\">not json at all ]]}}</script>"
        "</head><body><p>Body.</p></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Broken data, fine page");
    ASSERT_STR(d->byline, "Priya Natarajan");
    ASSERT_STR(d->date, "2022-11-05");
    th_doc_free(d);
}

TEST(meta_title_suffixes)
{
    NEED_PARSER();
    static const struct { const char *head, *want; } cases[] = {
        {"<title>Rain expected all week | Daily Weather</title>"
         "<meta property=og:site_name content=\"Daily Weather\">",
         "Rain expected all week"},
        {"<title>Daily Weather — Rain expected all week</title>"
         "<meta property=og:site_name content=\"Daily Weather\">",
         "Rain expected all week"},
        {"<title>A title: with a colon inside</title>",
         "A title: with a colon inside"},
        {"<title>Rain expected all week - dailyweather.example</title>"
         "<link rel=canonical href=\"https://www.dailyweather.example/x\">",
         "Rain expected all week"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[1024];
        snprintf(html, sizeof html, "<html><head>%s</head><body><p>x</p></body></html>",
                 cases[i].head);
        th_doc *d = extract(html);
        ASSERT(d);
        ASSERT_STR(d->title, cases[i].want);
        th_doc_free(d);
    }
}

TEST(meta_dates_multilingual)
{
    NEED_PARSER();
    static const struct { const char *text, *lang, *want; } cases[] = {
        {"Publié le 3 janvier 2021 à 10h", "fr", "2021-01-03"},
        {"Publicado el 15 de marzo de 2019", "es", "2019-03-15"},
        {"Opublikowano 7 października 2020", "pl", "2020-10-07"},
        {"Posted on March 1, 2024 by admin", "en", "2024-03-01"},
        {"Updated 01/03/2024", "en-US", "2024-01-03"},
        {"Stand: 01/03/2024", "de", "2024-03-01"},
        {"Erschienen am 05.11.2018", "de", "2018-11-05"},
        {"2017-06-30 08:00", "it", "2017-06-30T08:00:00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char html[1024];
        snprintf(html, sizeof html,
                 "<html lang=\"%s\"><body><h1>Headline of the story</h1>"
                 "<p>%s</p><p>Body text.</p></body></html>",
                 cases[i].lang, cases[i].text);
        th_doc *d = extract(html);
        ASSERT(d);
        ASSERT_STR(d->date, cases[i].want);
        th_doc_free(d);
    }
}

TEST(meta_time_and_itemprop)
{
    NEED_PARSER();
    const char *html =
        "<html><body><aside><time datetime=\"2001-01-01\">old</time></aside>"
        "<article itemscope itemtype=\"https://schema.org/Article\">"
        "<header><h1 itemprop=\"headline\">Lighthouse keepers return</h1>"
        "<span itemprop=\"author\" itemscope><span itemprop=\"name\">Ines Berg"
        "</span></span> <time datetime=\"2020-05-17T08:00:00+02:00\">17 May</time>"
        "</header><p>Text.</p></article></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Lighthouse keepers return");
    ASSERT_STR(d->byline, "Ines Berg");
    ASSERT_STR(d->date, "2020-05-17T08:00:00+02:00");
    th_doc_free(d);
}

TEST(meta_no_garbage_authors)
{
    NEED_PARSER();
    const char *html =
        "<html><head><meta name=author content=\"Staff\"></head><body>"
        "<h1>Ferry timetable changes</h1><div class=\"author\">"
        "Published 12 May 2021</div><p>Text.</p></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT(d->byline == NULL);
    ASSERT_EQ(d->nauthors, 0);
    th_doc_free(d);
}

/* A hidden section-label h1 ("Pressemitteilungen") and a visible short
 * one ("Aktuelles") lose to the h1 that agrees with og:title. */
TEST(meta_title_section_label_h1)
{
    NEED_PARSER();
    const char *html =
        "<html lang=de><head><title>Pressemitteilungen - Stadtwerke Talheim</title>"
        "<meta property=\"og:title\" content=\"Neue Buslinie verbindet Talheim mit dem Bahnhof\">"
        "<meta property=\"og:site_name\" content=\"Stadtwerke Talheim\"></head><body>"
        "<h1 class=\"sr-only\">Pressemitteilungen</h1>"
        "<nav><a href=\"/\">Start</a></nav><main><h1>Aktuelles</h1>"
        "<article><h1>Neue Buslinie verbindet Talheim mit dem Bahnhof</h1>"
        "<p>Ab Montag fährt die Linie 7 alle zwanzig Minuten.</p></article>"
        "</main></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Neue Buslinie verbindet Talheim mit dem Bahnhof");
    th_doc_free(d);
}

/* The headline in an h2 below a site-name h1; og:title agrees. */
TEST(meta_title_h2_under_label)
{
    NEED_PARSER();
    const char *html =
        "<html lang=fr><head><title>Opinion | Le Courrier du Lac</title>"
        "<meta property=\"og:title\" content=\"Pourquoi la retraite reste un choix politique | Le Courrier du Lac\">"
        "<meta property=\"og:site_name\" content=\"Le Courrier du Lac\"></head><body>"
        "<header><h1 class=\"logo\">Opinion</h1></header>"
        "<article><h2 class=\"title\">Pourquoi la retraite reste un choix politique</h2>"
        "<p>Le débat revient chaque année.</p></article></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Pourquoi la retraite reste un choix politique");
    th_doc_free(d);
}

/* A kicker span inside the h1 is not part of the headline; soft hyphens
 * are invisible. */
TEST(meta_title_kicker_child)
{
    NEED_PARSER();
    const char *html =
        "<html lang=nl><head><title>Gegevens van havenbedrijf gelekt | Omroep Noord</title>"
        "<meta property=\"og:title\" content=\"Gegevens van havenbedrijf gelekt - Interne stukken online\">"
        "</head><body><article><h1><span class=\"dachzeile\">Interne stukken online</span> "
        "<span class=\"headline\">Gege\xC2\xAD" "vens van haven\xC2\xAD" "bedrijf gelekt</span></h1>"
        "<p>De stukken stonden dagenlang open.</p></article></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Gegevens van havenbedrijf gelekt");
    th_doc_free(d);
}

/* A lone headline-length h1 beats a generic <title>. */
TEST(meta_title_lone_h1)
{
    NEED_PARSER();
    const char *html =
        "<html lang=en><head><title>Home</title></head><body>"
        "<h1>Time to close this little blog</h1><p>After ten years I stop "
        "writing here.</p></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, "Time to close this little blog");
    th_doc_free(d);
}

/* Labelled text bylines anywhere in the page: "Autor:" in its own
 * element, "Text:" at the end, "Posted by" with a single name; prose
 * starting with "Von" is not a byline. */
TEST(meta_author_text_labels)
{
    NEED_PARSER();
    const char *a =
        "<html lang=de><body><h1>Neue Radwege am Fluss</h1>"
        "<p>Von Berlin aus fährt man zwei Stunden.</p><p>Die Stadt baut.</p>"
        "<h5>Autor: </h5>Peter Beispielmann/SP-X<br><p>Mehr Text.</p></body></html>";
    th_doc *d = extract(a);
    ASSERT(d);
    ASSERT_STR(d->byline, "Peter Beispielmann, SP-X"); /* name, agency */
    th_doc_free(d);
    const char *b =
        "<html lang=de><body><h1>Feuerwehrfahrzeuge der Nachkriegszeit</h1>"
        "<p>Viele Fahrzeuge wurden umgebaut.</p><p>(wird fortgesetzt)<br>"
        "<strong>Text:</strong> Klausmartin Beispiel</p></body></html>";
    d = extract(b);
    ASSERT(d);
    ASSERT_STR(d->byline, "Klausmartin Beispiel");
    th_doc_free(d);
    const char *c =
        "<html lang=en><body><h1>Interning of small integers</h1>"
        "<p>Small integers are cached.</p><p>Posted by Konstantin @ 12:00 am</p>"
        "</body></html>";
    d = extract(c);
    ASSERT(d);
    ASSERT_STR(d->byline, "Konstantin");
    th_doc_free(d);
}

/* Agencies and newsrooms are authors: "Von Anna Muster, dpa", a JSON-LD
 * author "Redaktion"; "View all posts by" is not part of a name. */
TEST(meta_author_agencies)
{
    NEED_PARSER();
    const char *a =
        "<html lang=de><body><h1>Junge Anleger entdecken die Börse</h1>"
        "<byline>Von Anna Muster, dpa</byline><p>Niedrige Zinsen ziehen.</p>"
        "</body></html>";
    th_doc *d = extract(a);
    ASSERT(d);
    ASSERT_STR(d->byline, "Anna Muster, dpa");
    th_doc_free(d);
    const char *b =
        "<html lang=de><head><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Sperrung der Hauptstraße\","
        "\"author\":{\"@type\":\"Person\",\"name\":\"Redaktion\"}}</script></head>"
        "<body><h1>Sperrung der Hauptstraße</h1><p>Ab Montag.</p></body></html>";
    d = extract(b);
    ASSERT(d);
    ASSERT_STR(d->byline, "Redaktion");
    th_doc_free(d);
    const char *c =
        "<html lang=en><body><article><h1>Parsing JSON fast</h1>"
        "<span class=\"author vcard\"><a href=\"/author/x\">View all posts by Daniel Example</a></span>"
        "<p>Body.</p></article></body></html>";
    d = extract(c);
    ASSERT(d);
    ASSERT_STR(d->byline, "Daniel Example");
    th_doc_free(d);
}

/* Non-names: a comment form's "Name *", a weekday, a month. */
TEST(meta_author_non_names)
{
    NEED_PARSER();
    const char *html =
        "<html lang=de><body><h1>Blockhaus am See</h1><p>Text.</p>"
        "<div class=\"author-date\">Donnerstag</div>"
        "<form><p class=\"comment-form-author\"><label>Name *</label></p></form>"
        "</body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT(d->byline == NULL);
    th_doc_free(d);
}

/* A <time> inside the author box still dates the page; an article's
 * own <footer> is not furniture; the offset is kept as written. */
TEST(meta_date_time_in_byline_and_footer)
{
    NEED_PARSER();
    const char *a =
        "<html lang=fr><body><article><h1>Essai du nouveau break</h1>"
        "<div class=\"article-author vcard\">Par Marie Dupont "
        "<time datetime=\"2021-11-04T02:00:00+01:00\">jeudi 4 novembre 2021</time></div>"
        "<p>Le coffre est grand.</p></article></body></html>";
    th_doc *d = extract(a);
    ASSERT(d);
    ASSERT_STR(d->byline, "Marie Dupont");
    ASSERT_STR(d->date, "2021-11-04T02:00:00+01:00");
    th_doc_free(d);
    const char *b =
        "<html lang=en><body><article><h1>Parsing numbers</h1><p>Body.</p>"
        "<footer class=\"entry-footer\"><time class=\"published\" "
        "datetime=\"2019-08-02T15:57:41+00:00\">August 2, 2019</time></footer>"
        "</article><footer><p>&copy; 2024</p></footer></body></html>";
    d = extract(b);
    ASSERT(d);
    ASSERT_STR(d->date, "2019-08-02T15:57:41+00:00");
    th_doc_free(d);
}

/* A visible dateline after a long navigation block (beyond the first few
 * KB of text), and JSON-LD wrapped in CDATA. */
TEST(meta_date_far_dateline_and_cdata)
{
    NEED_PARSER();
    char page[40000];
    size_t o = 0;
    o += (size_t)snprintf(page + o, sizeof page - o,
                          "<html lang=de><body><div class=\"top\">");
    for (int i = 0; i < 300 && o + 100 < sizeof page; i++)
        o += (size_t)snprintf(page + o, sizeof page - o,
                              "<a href=\"/t/%d\">Themenseite Nummer %d</a> ", i, i);
    snprintf(page + o, sizeof page - o,
             "</div><h1>Förderprogramm wird gestoppt</h1>"
             "<p class=\"topline\"><span class=\"date\">24.01.2022</span></p>"
             "<p>Ab sofort keine Anträge.</p></body></html>");
    th_doc *d = extract(page);
    ASSERT(d);
    ASSERT(d->date && strncmp(d->date, "2022-01-24", 10) == 0);
    th_doc_free(d);
    const char *b =
        "<html><head><script type=\"application/ld+json\">\n<![CDATA[\n"
        "{\"@type\":\"Article\",\"name\":\"Neuseeland\",\"author\":{\"@type\":"
        "\"Organization\",\"name\":\"Beitragende der Wikimedia-Projekte\"},"
        "\"datePublished\":\"2001-10-29T01:59:14Z\"}\n]]>\n</script></head>"
        "<body><h1>Neuseeland</h1><p>Ein Inselstaat.</p></body></html>";
    d = extract(b);
    ASSERT(d);
    ASSERT_STR(d->date, "2001-10-29T01:59:14Z");
    ASSERT_STR(d->byline, "Beitragende der Wikimedia-Projekte");
    th_doc_free(d);
}

TEST(json_reader_tolerant)
{
    th_arena a;
    th__arena_init(&a);
    const char *s = "<!--\n{\"a\": [1, 2.5e3, true, null, 'single', ], "
                    "b: \"esc \\\"q\\\" \\u00e9 \\ud83d\\ude00\", /* c */ "
                    "\"n\": {\"x\": {\"y\": \"deep\"}}} {\"second\": 1} -->";
    bool oom = false;
    th_json *j = th__jr_parse(&a, s, strlen(s), &oom);
    ASSERT(j && !oom);
    ASSERT_EQ(j->type, TH_JSON_ARRAY); /* two top-level values */
    ASSERT_EQ(j->n, 2);
    const th_json *o = j->child;
    const th_json *arr = th__jr_get(o, "a");
    ASSERT(arr && arr->type == TH_JSON_ARRAY);
    ASSERT_EQ(arr->n, 5);
    ASSERT_STR(th__jr_str(th__jr_get(o, "b")), "esc \"q\" é 😀");
    ASSERT_STR(th__jr_str(th__jr_get(th__jr_get(th__jr_get(o, "n"), "x"), "y")),
               "deep");
    th__arena_cleanup(&a);
}

TEST(json_reader_hostile)
{
    th_arena a;
    th__arena_init(&a);
    /* 100k nested brackets, unterminated strings, lone escapes */
    static char deep[200001];
    for (int i = 0; i < 100000; i++)
        deep[i] = i % 2 ? '[' : '{';
    deep[100000] = '\0';
    bool oom = false;
    (void)th__jr_parse(&a, deep, strlen(deep), &oom);
    ASSERT(!oom);
    const char *bad[] = {"{\"a", "{\"a\":\"\\", "[\"\\u12", "{:::,,,}",
                         "{\"a\":tru}", "[-]", "{\"k\" \"v\"}", "]]]}}}{"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        (void)th__jr_parse(&a, bad[i], strlen(bad[i]), &oom);
    ASSERT(!oom);
    th__arena_cleanup(&a);
}

/* ---- round 3: title rules ---- */

static void title_is(const char *html, const char *want)
{
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->title, want);
    th_doc_free(d);
}

/* A CMS writes HTML references into JSON-LD; the h2 that is the
 * declared headline beats an h1 that only repeats <title>. */
TEST(meta_title_jsonld_entities)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"de\"><head><title>Schauspielerin und Musiker trennen "
        "sich: \"Schluss\"</title>"
        "<meta property=\"og:title\" content=\"&bdquo;Schluss&ldquo;: "
        "Schauspielerin und Musiker trennen sich\">"
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"&#8222;Schluss&#8220;: Schauspielerin und Musiker "
        "trennen sich\",\"datePublished\":\"2021-05-04\"}</script></head>"
        "<body><h1>Boulevard Abendblatt</h1><h1>Schauspielerin und Musiker "
        "trennen sich: \"Schluss\"</h1><article><h2>\xe2\x80\x9eSchluss"
        "\xe2\x80\x9c: Schauspielerin und Musiker trennen sich</h2>"
        "<p>Nach sieben Jahren ist Schluss.</p></article></body></html>",
        "\xe2\x80\x9eSchluss\xe2\x80\x9c: Schauspielerin und Musiker "
        "trennen sich");
}

/* A headline that mentions the site's domain is not the site name. */
TEST(meta_title_headline_names_site)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"de\"><head><title>bergblatt.ch - Tourennews - Neue "
        "Lawinenkarten auf Bergblatt.ch</title>"
        "<meta property=\"og:title\" content=\"bergblatt.ch - Tourennews - "
        "Neue Lawinenkarten auf Bergblatt.ch\">"
        "<meta property=\"og:site_name\" content=\"bergblatt.ch\"></head>"
        "<body><h1>Tourennews | Eintrag</h1>"
        "<h2>Neue Lawinenkarten auf Bergblatt.ch</h2>"
        "<p>Ab heute zeigen wir die Schneeh\xc3\xb6he tagesaktuell.</p>"
        "</body></html>",
        "Neue Lawinenkarten auf Bergblatt.ch");
}

/* "Headline - Subtitle : Site": the h1 holding the headline stays the
 * title although the subtitle h2 is the longer segment (French). */
TEST(meta_title_leading_segment)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"fr\"><head><title>Vu depuis le sol - Une romanci\xc3\xa8re "
        "tisse le local et le global dans son nouveau livre : critiques.fr"
        "</title></head><body><h1>Vu depuis le sol</h1>"
        "<h2>Une romanci\xc3\xa8re tisse le local et le global dans son "
        "nouveau livre</h2><p>Le roman commence dans un village.</p>"
        "</body></html>",
        "Vu depuis le sol");
}

/* "Kicker: Headline" metadata, the h1 the headline alone (Spanish). */
TEST(meta_title_kicker_colon)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"es\"><head><title>La mina de carb\xc3\xb3n y la "
        "empresa: el presidente enga\xc3\xb1\x61 a los activistas - "
        "diario.es</title><meta property=\"og:title\" content=\"La mina de "
        "carb\xc3\xb3n y la empresa: el presidente enga\xc3\xb1\x61 a los "
        "activistas\"></head><body><h1>El presidente enga\xc3\xb1\x61 a los "
        "activistas</h1><p>Texto.</p></body></html>",
        "El presidente enga\xc3\xb1\x61 a los activistas");
}

/* An h1 that only shares a word with the declared headline is the
 * blog's name, not the story (Italian). */
TEST(meta_title_weak_h1_loses)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"it\"><head><title>Calcio 2.3 - Il derby della "
        "Madonnina - Calcio Notizie</title>"
        "<meta property=\"og:title\" content=\"Calcio 2.3 - Il derby della "
        "Madonnina\">"
        "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\","
        "\"headline\":\"Calcio 2.3 - Il derby della Madonnina\"}</script>"
        "</head><body>"
        "<h1>Calcio Notizie</h1><h3>Calcio 2.3 - Il derby della Madonnina</h3>"
        "<p>La squadra ha vinto.</p></body></html>",
        "Calcio 2.3 - Il derby della Madonnina");
}

/* The page's own domain is the site even when the other end of the
 * title matches a publisher (a person); a leading "» " goes too. */
TEST(meta_title_domain_segment)
{
    NEED_PARSER();
    th_doc *d = NULL;
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_HTML;
    o.url = "http://raumarbeiten.example/anna-muster/";
    const char *html =
        "<html><head><title>raumarbeiten.example // \xc2\xbb Anna Muster"
        "</title><meta name=\"DC.Publisher\" content=\"Anna Muster\"></head>"
        "<body><div id=\"logo\"><a href=\"/\">raumarbeiten</a></div>"
        "<p>Arbeiten aus den Bereichen Raum und Interaktion.</p></body></html>";
    ASSERT(th_extract(html, strlen(html), &o, &d) == TH_OK && d);
    ASSERT_STR(d->title, "Anna Muster");
    th_doc_free(d);
}

/* Class words found anywhere in a class value, any case; a comment's
 * author box is no byline.  Portuguese month name in the dateline. */
TEST(meta_byline_class_case_and_month)
{
    NEED_PARSER();
    th_doc *d = extract(
        "<html lang=\"pt\"><head><title>Chuva forte no Porto</title></head>"
        "<body><h1>Chuva forte no Porto</h1>"
        "<div class=\"entryByLine\">Jo\xc3\xa3o Silva</div>"
        "<p>Publicado em 5 de outubro de 2021</p><p>Texto da not\xc3\xad" "cia."
        "</p><div class=\"Comment-Author\">Maria Souza</div></body></html>");
    ASSERT(d);
    ASSERT_STR(d->byline, "Jo\xc3\xa3o Silva");
    ASSERT(d->date && strncmp(d->date, "2021-10-05", 10) == 0);
    th_doc_free(d);
}

/* A picture credit in an author-class element is not the byline. */
TEST(meta_author_photo_credit)
{
    NEED_PARSER();
    th_doc *d = extract(
        "<html lang=\"en\"><head><title>Harbour ferry returns</title></head>"
        "<body><h1>Harbour ferry returns</h1><figure><img src=\"f.jpg\">"
        "<figcaption><span class=\"author\">Photo: Jane Roe</span>"
        "</figcaption></figure><p>By Peter Lane</p>"
        "<p>The ferry sailed again on Monday.</p></body></html>");
    ASSERT(d);
    ASSERT_STR(d->byline, "Peter Lane");
    th_doc_free(d);
}

/* Meta sees only the page: a section-label h1 and no declared headline.
 * The article found later opens with its own h2, which becomes the title;
 * a "Page - Site" <title> likewise yields to an opening heading that
 * names the same thing.  A declared headline is never overridden. */
TEST(meta_title_from_article_heading)
{
    NEED_PARSER();
    static const char body[] =
        "<article><h2>%s</h2>"
        "<p>Die Gemeinde hat am Dienstagabend beschlossen, die alte "
        "Steinbrücke über den Mühlbach bis zum Herbst zu sanieren. Die "
        "Arbeiten sollen im Mai beginnen und rund vier Monate dauern.</p>"
        "<p>Während der Bauzeit wird der Verkehr über die Umgehungsstraße "
        "geleitet; Fußgänger können einen provisorischen Steg benutzen, "
        "teilte das Bauamt mit.</p>"
        "<p>Die Kosten von knapp einer Million Euro trägt zur Hälfte das "
        "Land. Anwohner werden bei einer Versammlung im April informiert."
        "</p></article>";
    static const struct { const char *head, *h1, *h2, *want; } cases[] = {
        {"", "News", "Alte Steinbrücke wird bis zum Herbst saniert",
         "Alte Steinbrücke wird bis zum Herbst saniert"},
        {"<title>Steinbrücke - Gemeindeblatt</title>", "",
         "Sanierung der Steinbrücke beginnt im Mai",
         "Sanierung der Steinbrücke beginnt im Mai"},
        {"<meta property=og:title content=\"Brücke wird saniert\">", "News",
         "Alte Steinbrücke wird bis zum Herbst saniert",
         "Brücke wird saniert"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char art[2048], html[4096];
        snprintf(art, sizeof art, body, cases[i].h2);
        snprintf(html, sizeof html,
                 "<html lang=de><head>%s</head><body><header>"
                 "<h1>%s</h1></header><main>%s</main></body></html>",
                 cases[i].head, cases[i].h1, art);
        th_doc *d = extract(html);
        ASSERT(d);
        ASSERT_STR(d->title, cases[i].want);
        th_doc_free(d);
    }
}

/* No h1 agrees with any title the page declares (the header h1 is a
 * section line, the JSON-LD headline is stale): the article's h2 that is
 * the og:title or twitter:title, or one of them with a kicker in front,
 * is the headline (French, German). */
TEST(meta_title_h2_any_declared)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"fr\"><head><title>Le port de Brest change de cap"
        "</title><meta property=\"og:title\" content=\"Brest : les dockers "
        "votent la gr\xc3\xa8ve\"><script type=\"application/ld+json\">"
        "{\"@type\":\"NewsArticle\",\"headline\":\"Le port de Brest change "
        "de cap\"}</script></head><body><header><h1>Dossier : l'avenir des "
        "ports bretons</h1></header><article><h2>Brest : les dockers votent "
        "la gr\xc3\xa8ve</h2><p>Les dockers ont vot\xc3\xa9 mardi.</p>"
        "</article></body></html>",
        "Brest : les dockers votent la gr\xc3\xa8ve");
    title_is(
        "<html lang=\"de\"><head><title>Grenzpendler: Der lange Weg zur "
        "Arbeit</title><meta name=\"twitter:title\" content=\"Pendler, "
        "Kontrollen und die Angst vor dem Stau\"><script "
        "type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
        "\"headline\":\"Grenzpendler: Der lange Weg zur Arbeit\"}</script>"
        "</head><body><header><h1>Report aus dem Grenzgebiet</h1></header>"
        "<article><h2><span>Grenzkontrollen</span> Pendler, Kontrollen und "
        "die Angst vor dem Stau</h2><p>Jeden Morgen stehen sie an.</p>"
        "</article></body></html>",
        "Pendler, Kontrollen und die Angst vor dem Stau");
}

/* Nothing agrees with the metadata (a banner h1 made of image alt words,
 * a "blog | Site" <title>): the heading the markup names the headline
 * (class entry-title, headline, itemprop=headline) is the title (Spanish,
 * Polish, English). */
TEST(meta_title_named_heading)
{
    NEED_PARSER();
    title_is(
        "<html lang=\"es\"><head><title>blog | Vecinos por el Barrio"
        "</title><meta property=\"og:site_name\" content=\"Vecinos por el "
        "Barrio\"></head><body><div id=\"header\"><h1>Vecinos por el Barrio"
        "</h1></div><h1>camisetas barrio vecinos verano tienda online "
        "oferta</h1><div class=\"post\"><h2 class=\"entry-title\"><a "
        "href=\"/carta\">Carta a los vecinos de Europa</a></h2><p>Queridos "
        "vecinos, os escribimos desde Madrid.</p></div></body></html>",
        "Carta a los vecinos de Europa");
    title_is(
        "<html lang=\"pl\"><head><title>Aktualno\xc5\x9b" "ci</title></head>"
        "<body><h1>Serwis miejski og\xc5\x82oszenia i informacje dla "
        "mieszka\xc5\x84" "c\xc3\xb3w</h1><main><h2 itemprop=\"headline\">"
        "Nowy most na Wi\xc5\x9b" "le otwarty</h2><p>Most otwarto w "
        "sobot\xc4\x99.</p></main></body></html>",
        "Nowy most na Wi\xc5\x9b" "le otwarty");
    /* a related posts block's headline is not the page's */
    title_is(
        "<html lang=\"en\"><head><title>Into the new year</title></head>"
        "<body><article><p>The last evening of the year was quiet.</p>"
        "</article><div class=\"jp-relatedposts\"><h2 "
        "class=\"jp-relatedposts-headline\">Similar posts</h2></div>"
        "</body></html>",
        "Into the new year");
    /* a heading that agrees with the metadata is not overridden */
    title_is(
        "<html lang=\"en\"><head><title>Harbour ferry returns | Coast News"
        "</title></head><body><h1>Harbour ferry returns</h1><h2 "
        "class=\"headline\">More from the coast</h2><p>The ferry sailed "
        "again.</p></body></html>",
        "Harbour ferry returns");
}

/* og:title and the h1 only repeat the site's name: the page declares no
 * article title, so the article's opening heading is the title (Italian).
 * A page whose own title is the site name and whose article opens with
 * no heading keeps it. */
TEST(meta_title_site_name_only)
{
    NEED_PARSER();
    static const char art[] =
        "<p>Il consiglio comunale ha approvato marted\xc3\xac sera il "
        "restauro del vecchio ponte di pietra sul torrente. I lavori "
        "inizieranno a maggio e dureranno circa quattro mesi.</p>"
        "<p>Durante i lavori il traffico sar\xc3\xa0 deviato sulla "
        "circonvallazione; per i pedoni ci sar\xc3\xa0 una passerella "
        "provvisoria, ha comunicato l'ufficio tecnico.</p>"
        "<p>Il costo di quasi un milione di euro \xc3\xa8 coperto per "
        "met\xc3\xa0 dalla regione. I residenti saranno informati in "
        "un'assemblea ad aprile.</p>";
    char html[4096];
    snprintf(html, sizeof html,
             "<html lang=it><head><title>Rivista Valle</title>"
             "<meta property=og:title content=\"Rivista Valle\">"
             "<meta property=og:site_name content=\"Rivista Valle\">"
             "</head><body><header><h1>Rivista Valle</h1></header><main>"
             "<article><h2>Il ponte di pietra sar\xc3\xa0 restaurato</h2>%s"
             "</article></main></body></html>", art);
    title_is(html, "Il ponte di pietra sar\xc3\xa0 restaurato");
    snprintf(html, sizeof html,
             "<html lang=it><head><title>Rivista Valle</title>"
             "<meta property=og:site_name content=\"Rivista Valle\">"
             "</head><body><main><article>%s</article></main></body>"
             "</html>", art);
    title_is(html, "Rivista Valle");
}

/* "<noscript><div></noscript>": the parser must ignore that end tag, so
 * the rest of the page sits inside the noscript; the h1 there is still
 * the page's headline.  A small noscript is fallback content, and its
 * "enable JavaScript" h1 is no title (Italian, German). */
TEST(meta_title_noscript_swallowed_page)
{
    NEED_PARSER();
    static char html[32768];
    size_t o = (size_t)snprintf(html, sizeof html,
        "<html lang=it><head><title>ORSO MARSICANO: NUOVI CUCCIOLI | Ente "
        "Parco Regionale</title><meta property=og:title content=\"ORSO "
        "MARSICANO: NUOVI CUCCIOLI | Ente Parco Regionale\"></head><body>"
        "<noscript><div id=nojs></noscript><div id=menu><ul>");
    for (int i = 0; i < 160 && o < sizeof html - 400; i++)
        o += (size_t)snprintf(html + o, sizeof html - o,
                              "<li><a href=\"/p%d\">Voce %d</a></li>", i, i);
    snprintf(html + o, sizeof html - o,
             "</ul></div><div id=testo><h1><a id=top></a>ORSO MARSICANO: "
             "NUOVI CUCCIOLI</h1><p>Sono almeno nove le femmine che si "
             "sono riprodotte quest'anno.</p></div></body></html>");
    title_is(html, "ORSO MARSICANO: NUOVI CUCCIOLI");
    title_is(
        "<html lang=de><head><title>Neue Radwege in der Altstadt</title>"
        "</head><body><noscript><h1>Bitte aktivieren Sie JavaScript in "
        "Ihrem Browser</h1></noscript><main><p>Die Stadt baut drei neue "
        "Radwege.</p></main></body></html>",
        "Neue Radwege in der Altstadt");
}

/* The kicker is left out of the heading, and so is the separator that
 * stood between it and the headline (German, Spanish). */
TEST(meta_title_kicker_separator_dropped)
{
    NEED_PARSER();
    title_is(
        "<html lang=de><head><meta property=og:title content=\"Im ICE von "
        "Frankfurt nach Barcelona\"></head><body><article><h1><span "
        "class=\"headline-kicker\">Bahnreise</span> : <span>Im ICE von "
        "Frankfurt nach Barcelona</span></h1><p>Zw\xc3\xb6lf Stunden im Zug."
        "</p></article></body></html>",
        "Im ICE von Frankfurt nach Barcelona");
    title_is(
        "<html lang=es><head><meta property=og:title content=\"La sequ"
        "\xc3\xad" "a obliga a cerrar tres embalses\"></head><body><article>"
        "<h1><span class=\"topic\">Medio ambiente</span> \xe2\x80\x94 La "
        "sequ\xc3\xad" "a obliga a cerrar tres embalses</h1><p>El Gobierno "
        "lo anunci\xc3\xb3 ayer.</p></article></body></html>",
        "La sequ\xc3\xad" "a obliga a cerrar tres embalses");
}

/* A magazine page whose metadata only names the site, and whose article
 * opens with a line set in italics instead of a heading: that line is
 * the title (French).  A styled line that is a sentence is not. */
TEST(meta_title_site_name_only_styled_line)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=fr><head><title>REVUE \xe2\x80\xa2 Revue Magazine"
        "</title><meta property=og:title content=\"Revue Magazine\">"
        "<meta property=og:site_name content=\"Revue Magazine\"></head>"
        "<body><header><h1>Revue Magazine</h1></header><main><article>"
        "<div class=intro><p><em>%s</em></p></div>"
        "<p>Il y a des jours qui coupent une vie en deux, un avant et un "
        "apr\xc3\xa8s. Ce matin de septembre, tout a bascul\xc3\xa9 pour "
        "la com\xc3\xa9" "dienne, qui raconte aujourd'hui sa longue "
        "convalescence et son retour sur sc\xc3\xa8ne.</p>"
        "<p>Vingt ans plus tard, elle nous re\xc3\xa7oit chez elle, "
        "assise en tailleur sur le canap\xc3\xa9, et parle sans d\xc3\xa9"
        "tour de la fin de sa carri\xc3\xa8re.</p></article></main>"
        "</body></html>";
    char html[4096];
    snprintf(html, sizeof html, fmt, "L'avant et l'apr\xc3\xa8s");
    title_is(html, "L'avant et l'apr\xc3\xa8s");
    snprintf(html, sizeof html, fmt,
             "Elle a tout perdu en un jour, puis tout reconstruit.");
    title_is(html, "Revue Magazine");
}

/* A <title> that is the site's line ("Fietsroutes in de Achterhoek" on
 * every page) shares no word with the page's own description, while the
 * article's short opening h1 does: the h1 is the title (Dutch).  When
 * the description speaks of what the <title> names, the title stays. */
TEST(meta_title_off_description)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=nl><head><title>Fietsroutes in de Achterhoek</title>"
        "<meta name=description content=\"%s\"></head><body><div id=nav>"
        "<a href=\"/\">Home</a> <a href=\"/routes\">Routes</a></div><main>"
        "<h1>Hanzestad Zutphen</h1><p>Zutphen ligt aan de IJssel, waar de "
        "Berkel in de rivier uitmondt. De binnenstad telt meer dan "
        "vierhonderd monumenten en een middeleeuwse stadsmuur met "
        "poorten en torens.</p><p>De Walburgiskerk met haar beroemde "
        "librije is het hele jaar te bezoeken; in de zomer varen er "
        "rondvaartboten over de Berkel.</p><p>Vanaf het station is het "
        "tien minuten lopen naar de Houtmarkt, waar op donderdag de "
        "weekmarkt wordt gehouden.</p></main></body></html>";
    char html[4096];
    snprintf(html, sizeof html, fmt,
             "De Hanzestad Zutphen ligt aan de IJssel en heeft een "
             "middeleeuws centrum met vele monumenten.");
    title_is(html, "Hanzestad Zutphen");
    snprintf(html, sizeof html, fmt,
             "Fietsroutes door de Achterhoek langs kastelen, molens en "
             "oude stadjes.");
    title_is(html, "Fietsroutes in de Achterhoek");
}

/* og:title, twitter:title and <title> are three different sales lines
 * and no heading agrees with any of them; the JSON-LD breadcrumb names
 * the page itself, and the page shows that name as its heading: it is the
 * title (Spanish).  Without a breadcrumb the og:title stays. */
TEST(meta_title_breadcrumb_names_page)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=es><head><title>\xc2\xbfQu\xc3\xa9 nos distingue de "
        "otros proveedores?</title><meta property=og:title content=\"Externalizar "
        "las ventas - distintos a los dem\xc3\xa1s y bueno saberlo\">"
        "<meta name=twitter:title content=\"Ventas externas sin sorpresas\">"
        "%s</head><body><div class=page-title><h2 class=page-title-heading>"
        "Bueno saberlo</h2></div><main><h2>Sin pagos por adelantado</h2>"
        "<p>No cobramos nada por adelantado ni aplicamos costes de "
        "cancelaci\xc3\xb3n.</p></main></body></html>";
    static const char crumb[] =
        "<script type=\"application/ld+json\">{\"@context\":"
        "\"https://schema.org\",\"@type\":\"BreadcrumbList\","
        "\"itemListElement\":[{\"@type\":\"ListItem\",\"position\":1,"
        "\"item\":{\"@id\":\"https://ventas.example/\",\"name\":\"Inicio\"}},"
        "{\"@type\":\"ListItem\",\"position\":3,\"item\":{\"@id\":"
        "\"https://ventas.example/por-que/bueno-saberlo\",\"name\":\"Bueno "
        "saberlo\"}},{\"@type\":\"ListItem\",\"position\":2,\"item\":{"
        "\"@id\":\"https://ventas.example/por-que\",\"name\":\"Por qu\xc3\xa9 "
        "nosotros\"}}]}</script>";
    char html[4096];
    snprintf(html, sizeof html, fmt, crumb);
    title_is(html, "Bueno saberlo");
    snprintf(html, sizeof html, fmt, "");
    title_is(html, "Externalizar las ventas - distintos a los dem\xc3\xa1s "
                   "y bueno saberlo");
}

/* A page without any h1 or h2 sets its headline lower (an h6 here); its
 * <title> cut to a one-word section label ("Tarifas") yields to that
 * opening heading (Portuguese).  A <title> that reads as a headline
 * stays. */
TEST(meta_title_no_h1_h2_low_heading)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=pt><head><title>%s</title><meta property=og:site_name "
        "content=\"energia.pt\"></head><body><div id=menu><a href=\"/\">"
        "In\xc3\xad" "cio</a></div><div class=conteudo><p><a href=\"/tarifas\">"
        "voltar \xc3\xa0 lista</a></p><h6>Crise dos pre\xc3\xa7os da energia: "
        "apoios e direitos</h6><h5>Por Ana Costa</h5><p>Os consumidores "
        "recebem um aumento atr\xc3\xa1s do outro e os comercializadores "
        "recusam novos clientes ou oferecem-lhes tarifas muito caras.</p>"
        "<p>Explicamos que apoios existem, quem os pode pedir e que "
        "direitos t\xc3\xaam os clientes quando o contrato muda.</p><h6>1. "
        "Que apoios v\xc3\xa3o receber os consumidores?</h6><p>O governo "
        "aprovou um desconto na fatura de eletricidade e de g\xc3\xa1s para "
        "todas as fam\xc3\xadlias.</p></div></body></html>";
    char html[4096];
    snprintf(html, sizeof html, fmt, "energia.pt | Tarifas");
    title_is(html, "Crise dos pre\xc3\xa7os da energia: apoios e direitos");
    snprintf(html, sizeof html, fmt,
             "energia.pt | Governo aprova desconto na fatura da luz");
    title_is(html, "Governo aprova desconto na fatura da luz");
}

/* The h1 that agrees with og:title and JSON-LD stands in a share box
 * below the article's text; the article opens with its own h2 headline:
 * that is the title (French).  The same h1 above the article stays. */
TEST(meta_title_heading_below_body)
{
    NEED_PARSER();
    static const char head[] =
        "<html lang=fr><head><title>Les boulangers de Lyon contre la "
        "farine import\xc3\xa9" "e | Le Petit Rhodanien</title>"
        "<meta property=og:title content=\"Les boulangers de Lyon contre "
        "la farine import\xc3\xa9" "e\"><meta property=og:site_name "
        "content=\"Le Petit Rhodanien\"></head><body>";
    static const char h1[] =
        "<h1>Les boulangers de Lyon contre la farine import\xc3\xa9" "e</h1>";
    static const char fmt[] =
        "%s<div id=menu><a href=\"/\">Accueil</a></div>%s<div "
        "class=article><h2>La guerre du pain : cent boulangers lyonnais "
        "signent une lettre ouverte au ministre de l'Agriculture</h2>"
        "<ul><li>Ils demandent un label pour la farine locale et des "
        "contr\xc3\xb4les plus stricts</li><li>Le ministre doit "
        "r\xc3\xa9pondre avant la fin du mois</li></ul><p>Cent "
        "boulangers de la m\xc3\xa9tropole ont sign\xc3\xa9 la lettre, "
        "publi\xc3\xa9" "e lundi, qui d\xc3\xa9nonce une concurrence "
        "d\xc3\xa9loyale des farines venues de l'\xc3\xa9tranger.</p>"
        "<p>Selon eux, le prix de la baguette ne peut pas baisser sans "
        "que la qualit\xc3\xa9 ne suive, et les clients le savent.</p>"
        "<p>La chambre des m\xc3\xa9tiers soutient la d\xc3\xa9marche et "
        "organisera une r\xc3\xa9union publique le 12 mars.</p></div>"
        "%s</body></html>";
    static const char share[] =
        "<div class=share-tools><h3>Partager cet article</h3>%s"
        "<a href=\"/partage\">Facebook</a></div>";
    char box[512], html[8192];
    snprintf(box, sizeof box, share, h1);
    snprintf(html, sizeof html, fmt, head, "", box);
    title_is(html, "La guerre du pain : cent boulangers lyonnais signent "
                   "une lettre ouverte au ministre de l'Agriculture");
    snprintf(html, sizeof html, fmt, head, h1, "");
    title_is(html, "Les boulangers de Lyon contre la farine "
                   "import\xc3\xa9" "e");
}

/* A <title> that is a path of section names ("Page - Section - Page |
 * Site", no declared headline); the body was taken from the block below
 * the article's header, and its h2 headline stands just above, with only
 * a category and a date between: the h2 is the title (Italian).  The
 * sidebar's h2s above it are not; an h2 that names nothing the <title>
 * names is not either. */
TEST(meta_title_heading_above_body)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=it><head><title>Nuoto sincronizzato - Notizie - Nuoto "
        "sincronizzato | Federazione Italiana Nuoto</title></head><body>"
        "<div id=colonna1><h2>Trova una societ\xc3\xa0</h2><p><a "
        "href=\"/societa\">Cerca</a></p><h2>Prossimi eventi</h2><p><a "
        "href=\"/eventi\">Calendario</a></p></div><div id=colonna2>"
        "<h2>%s</h2><div class=testata><b>Nuoto sincronizzato</b><br>"
        "<span>01.02.2022</span> Categoria: Federazione</div><div "
        "class=testo><p>Le stelle marine danno il nome ai primi sei "
        "livelli del nuovo sistema con cui le atlete e gli atleti "
        "misurano i loro progressi in acqua e a terra.</p><p>In tutto i "
        "livelli sono dodici; per ognuno si chiedono esercizi in vasca e "
        "a secco, e nei primi anche qualche nozione di teoria.</p><p>Il "
        "passaporto si ordina per posta elettronica, per lettera o per "
        "telefono presso la segreteria federale.</p></div></div>"
        "<div id=piede><h1>Link rapidi</h1><p><a href=\"/contatti\">"
        "Contatti</a></p></div></body></html>";
    char html[8192];
    snprintf(html, sizeof html, fmt,
             "Da oggi si ordinano i passaporti di livello per il nuoto "
             "sincronizzato");
    title_is(html, "Da oggi si ordinano i passaporti di livello per il "
                   "nuoto sincronizzato");
    snprintf(html, sizeof html, fmt, "Una stagione da ricordare");
    title_is(html, "Nuoto sincronizzato - Notizie - Nuoto sincronizzato "
                   "| Federazione Italiana Nuoto");
}

/* dates (session 4) */

/* A UTC instant in JSON-LD is the same instant the article header writes
 * with the page's own offset: the local form gives the day its readers
 * saw (French page, published at half past midnight in Paris). */
TEST(meta_date_utc_instant_local_form)
{
    NEED_PARSER();
    const char *html =
        "<html lang=fr><head><title>Le conseil vote le budget</title>"
        "<script type=\"application/ld+json\">{\"@context\":"
        "\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":"
        "\"Le conseil vote le budget\",\"datePublished\":"
        "\"2021-03-12T23:30:00Z\"}</script></head><body><article><header>"
        "<h1>Le conseil vote le budget</h1><time datetime="
        "\"2021-03-13T00:30:00+01:00\">13 mars 2021</time></header>"
        "<p>Le conseil municipal a adopt\xc3\xa9 le budget dans la nuit, "
        "apr\xc3\xa8s un long d\xc3\xa9" "bat sur les \xc3\xa9" "coles.</p>"
        "</article></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2021-03-13T00:30:00+01:00");
    th_doc_free(d);
}

/* A UTC publication time names no day by itself: the day the page's
 * permalink states wins when a zone between UTC-10 and UTC+14 carries
 * the hour across midnight (English page).  A permalink no such zone
 * explains (10:41 UTC the day after) leaves the metadata alone. */
TEST(meta_date_utc_day_from_permalink)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=en><head><title>Mayor quits after budget row</title>"
        "<link rel=canonical href=\"https://news.example/2020/02/24/"
        "mayor-quits/\"><meta property=\"article:published_time\" "
        "content=\"%s\"></head><body><h1>Mayor quits after budget row"
        "</h1><p>The mayor resigned on Monday evening after the council "
        "rejected her budget for the second time this year.</p></body>"
        "</html>";
    char html[2048];
    snprintf(html, sizeof html, fmt, "2020-02-25T02:25:54+00:00");
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2020-02-24");
    th_doc_free(d);
    snprintf(html, sizeof html, fmt, "2020-02-25T10:41:09Z");
    d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2020-02-25T10:41:09Z");
    th_doc_free(d);
}

/* A date in the headline's own words names the event, not the page: the
 * dateline under the headline dates it (Italian).  A date in the h1's
 * kicker is the page's dateline (German). */
TEST(meta_date_headline_date_is_the_event)
{
    NEED_PARSER();
    const char *it =
        "<html lang=it><head><title>Risultati</title></head><body><h1>"
        "Risultati: campionato provinciale allievi, Cuneo, 19.5.2007</h1>"
        "<p><span class=autore>Marco Rossi</span> | <span class=data>20 "
        "maggio 2007</span></p><p>Ecco i risultati delle gare di sabato "
        "pomeriggio allo stadio comunale, con tutti i tempi.</p>"
        "</body></html>";
    th_doc *d = extract(it);
    ASSERT(d);
    ASSERT_STR(d->date, "2007-05-20");
    th_doc_free(d);
    const char *de =
        "<html lang=de><head><title>Absatz</title></head><body><h1><span "
        "class=topline><span class=date>27.01.2022</span></span>"
        "Mineral\xc3\xb6linfo November 2021</h1><ul><li><a href=\"/a\">"
        "Beratung (bis 31.12.2020)</a></li></ul><p>Die amtlichen Zahlen "
        "zum Absatz von Mineral\xc3\xb6lprodukten im November.</p>"
        "</body></html>";
    d = extract(de);
    ASSERT(d);
    ASSERT_STR(d->date, "2022-01-27");
    th_doc_free(d);
}

/* Without date metadata, the permalink's /YYYY/MM/DD/ dates the post
 * before a date the prose mentions (Spanish). */
TEST(meta_date_permalink_before_prose)
{
    NEED_PARSER();
    const char *html =
        "<html lang=es><head><title>Inaugurado el centro</title><link "
        "rel=canonical href=\"https://bomberos.example/2021/10/20/"
        "inaugurado-el-centro/\"></head><body><h1>Inaugurado el centro de "
        "formaci\xc3\xb3n</h1><p>En presencia de numerosos invitados, el "
        "centro fue inaugurado el 18 de octubre de 2021 en la sierra.</p>"
        "</body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2021-10-20");
    th_doc_free(d);
}

/* The dateline window counts text, not a template's indentation: a
 * page without an h1 whose dateline comes after 4 KB of whitespace
 * between its tags (Dutch). */
TEST(meta_date_window_counts_text_not_indentation)
{
    NEED_PARSER();
    char html[16384];
    size_t n = 0;
    n += (size_t)snprintf(html + n, sizeof html - n,
                          "<html lang=nl><head><title>Malaga</title></head>"
                          "<body><div class=menu><a href=\"/\">Home</a></div>");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<div>\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t</div>");
    snprintf(html + n, sizeof html - n,
             "<h2>Malaga, de levendige stad in Andalusi\xc3\xab</h2><p>"
             "Geplaatst op 22 november 2011</p><p>Malaga is veel meer dan "
             "een luchthaven voor de stranden van de Costa del Sol.</p>"
             "</body></html>");
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2011-11-22");
    th_doc_free(d);
}

/* A bare <meta name=date> is often the page's last change: the dateline
 * under the headline, when earlier, dates the article (German).  A
 * dateline later than the meta date leaves it alone (English). */
TEST(meta_date_generic_meta_after_dateline)
{
    NEED_PARSER();
    static const char fmt[] =
        "<html lang=%s><head><title>Daten gehackt</title><meta name=date "
        "content=\"%s\"></head><body><h1>Daten von Konzern gehackt</h1>"
        "<p class=stand>%s</p><p>Mehr als tausend interne Unterlagen "
        "kursieren im Netz, auch zu Fahrzeugen und Anlagen.</p>"
        "</body></html>";
    char html[2048];
    snprintf(html, sizeof html, fmt, "de", "2020-04-29T11:52:23",
             "Stand: 28.04.2020 18:00 Uhr");
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2020-04-28");
    th_doc_free(d);
    snprintf(html, sizeof html, fmt, "en", "2020-04-29T11:52:23",
             "Updated April 30, 2020");
    d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2020-04-29T11:52:23");
    th_doc_free(d);
}

/* "publication_date" is a publication-date meta name like the others
 * (search-appliance markup); it beats a date in the prose (French). */
TEST(meta_date_publication_date_meta)
{
    NEED_PARSER();
    const char *html =
        "<html lang=fr><head><title>Vaccination</title><meta "
        "name=publication_date content=\"2022-02-08T14:00:00\"></head><body>"
        "<h1>La vaccination continue dans les centres</h1><p>Les centres "
        "restent ouverts jusqu'au 28 f\xc3\xa9vrier 2022 au moins, annonce "
        "le canton.</p></body></html>";
    th_doc *d = extract(html);
    ASSERT(d);
    ASSERT_STR(d->date, "2022-02-08T14:00:00");
    th_doc_free(d);
}

/* Found by fuzz_extract (session 4): a heading longer than the walk's
 * 2 KiB copy, cut two bytes into a three-byte character (an em dash),
 * made the comparison skip the string's terminating NUL.  The long
 * heading sits in the article of the "heading below the body" page, so
 * the walk that compares headings with the title copies it. */
TEST(meta_long_heading_cut_mid_character)
{
    NEED_PARSER();
    static const char pre[] =
        "<html lang=fr><head><title>Les boulangers de Lyon contre la "
        "farine import\xc3\xa9" "e | Le Petit Rhodanien</title>"
        "<meta property=og:site_name content=\"Le Petit Rhodanien\">"
        "</head><body><div class=article><h2>La guerre du pain : cent "
        "boulangers lyonnais signent une lettre ouverte</h2>"
        "<p>Cent boulangers de la m\xc3\xa9tropole ont sign\xc3\xa9 la "
        "lettre, publi\xc3\xa9" "e lundi, qui d\xc3\xa9nonce une "
        "concurrence d\xc3\xa9loyale.</p><p>Selon eux, le prix de la "
        "baguette ne peut pas baisser sans que la qualit\xc3\xa9 ne "
        "suive.</p><h4>ABC";
    static const char post[] =
        "</h4></div><div class=share-tools><h1>Les boulangers de Lyon "
        "contre la farine import\xc3\xa9" "e</h1></div></body></html>";
    char html[8192];
    size_t n = strlen(pre);
    memcpy(html, pre, n);
    for (int i = 0; i < 900; i++) { /* "ABC" + 900 em dashes: 2048 - 3 = 3*681 + 2 */
        memcpy(html + n, "\xe2\x80\x94", 3);
        n += 3;
    }
    memcpy(html + n, post, sizeof post);
    th_doc *d = NULL;
    ASSERT_EQ(th_extract(html, strlen(html), NULL, &d), TH_OK);
    ASSERT(d);
    ASSERT(th_doc_title(d));
    th_doc_free(d);
}
