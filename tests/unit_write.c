/*
 * unit_write.c -- the writers on documents built by hand with th__doc_*:
 * JSON escaping and nulls, comment parent ids, text, Markdown and labels
 * byte for byte, and the error record.
 */
#include <stdlib.h>

#include "doc.h"
#include "test.h"
#include "write.h"

static char *render(const th_doc *doc, th_format fmt, const char *source)
{
    char *out = NULL;
    size_t len = 0;
    th_status st = th_doc_render(doc, fmt, source, &out, &len);
    if (st != TH_OK)
        return NULL;
    if (out && strlen(out) != len) {
        th_free(out);
        return NULL;
    }
    return out;
}

static char *json_of(const char *s, size_t len)
{
    th_buf b;
    th__buf_init(&b, 0);
    th__json_str(&b, s, len);
    return th__buf_take(&b, NULL);
}

#define JSON_OF(lit) json_of(lit, sizeof(lit) - 1)

TEST(write_json_escapes)
{
    char *j = JSON_OF("a\"b\\c/d");
    ASSERT_STR(j, "\"a\\\"b\\\\c/d\"");
    th_free(j);
    j = JSON_OF("l1\nl2\r\t\b\f\x01\x1f");
    ASSERT_STR(j, "\"l1\\nl2\\r\\t\\b\\f\\u0001\\u001f\"");
    th_free(j);
    /* An embedded NUL is data, not the end. */
    j = JSON_OF("a\0b");
    ASSERT_STR(j, "\"a\\u0000b\"");
    th_free(j);
    /* U+2028 and U+2029 are escaped; other non-ASCII passes through. */
    j = JSON_OF("x\xE2\x80\xA8y\xE2\x80\xA9z \xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80");
    ASSERT_STR(j, "\"x\\u2028y\\u2029z \xC3\xA4\xE2\x82\xAC\xF0\x9F\x98\x80\"");
    th_free(j);
    /* A real U+FFFD stays; invalid bytes become U+FFFD. */
    j = JSON_OF("\xEF\xBF\xBD|\xFF|\xC3|\xED\xA0\x80");
    ASSERT(j);
    ASSERT(strncmp(j, "\"\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|", 13) == 0);
    ASSERT_NOT_CONTAINS(j, "\xFF");
    ASSERT_NOT_CONTAINS(j, "\xED\xA0");
    th_free(j);
    j = json_of(NULL, 0);
    ASSERT_STR(j, "\"\"");
    th_free(j);
}

TEST(write_json_empty_doc_nulls)
{
    th_doc *doc = th__doc_new();
    ASSERT(doc);
    char *j = render(doc, TH_FORMAT_JSON, NULL);
    ASSERT_STR(j, "{\"source\":null,\"kind\":\"html\",\"url\":null,"
                  "\"title\":null,\"byline\":null,\"authors\":[],"
                  "\"date\":null,\"modified\":null,\"site\":null,"
                  "\"lang\":null,\"description\":null,\"image\":null,"
                  "\"charset\":null,\"text\":\"\",\"blocks\":[],"
                  "\"captions\":[],\"related\":[],\"comments\":[]}");
    th_free(j);
    /* Text and Markdown of an empty document are empty. */
    j = render(doc, TH_FORMAT_TEXT, NULL);
    ASSERT_STR(j, "");
    th_free(j);
    j = render(doc, TH_FORMAT_MARKDOWN, NULL);
    ASSERT_STR(j, "");
    th_free(j);
    th_doc_free(doc);
}

static th_doc *sample_doc(void)
{
    th_doc *doc = th__doc_new();
    if (!doc)
        return NULL;
    doc->title = th__doc_str(doc, "Storm \"Ida\" hits", 16, true);
    doc->byline = "Ann Lee, Bo Ma";
    th__doc_add_author(doc, "Ann Lee", 7);
    th__doc_add_author(doc, "Bo Ma", 5);
    doc->date = "2024-03-01";
    doc->lang = "en";
    doc->charset = "utf-8";
    th__doc_add_block(doc, TH_BLOCK_HEADING, 2, false, "Damage", 6, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, "Roofs   were\nlost.",
                      18, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_LIST_ITEM, 1, true, "North", 5, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_LIST_ITEM, 1, false, "South", 5, NULL, 0);
    th__doc_add_caption(doc, "A fallen tree.", 14);
    th__doc_add_related(doc, "Earlier storms", 14, "https://e.x/a");
    th__doc_add_related(doc, "No link", 7, NULL);
    th_comment c = {0};
    c.id = "comment-7";
    c.parent = -1;
    c.author = "kim";
    c.date = "2024-03-02";
    c.text = "First!\n\nSecond para.";
    c.votes = 3;
    c.has_votes = true;
    th__doc_add_comment(doc, &c);
    th_comment r = {0};
    r.id = NULL; /* no page id: the writer names it c<N> */
    r.parent = 0;
    r.depth = 1;
    r.text = "Reply";
    th__doc_add_comment(doc, &r);
    th_comment r2 = {0};
    r2.id = "x9";
    r2.parent = 1;
    r2.depth = 2;
    r2.author = "lo";
    r2.text = "Deeper";
    th__doc_add_comment(doc, &r2);
    return doc;
}

TEST(write_json_full_doc)
{
    th_doc *doc = sample_doc();
    ASSERT(doc && !doc->oom);
    char *j = render(doc, TH_FORMAT_JSON, "dir/page.html");
    ASSERT(j);
    const char *want =
        "{\"source\":\"dir/page.html\",\"kind\":\"html\",\"url\":null,"
        "\"title\":\"Storm \\\"Ida\\\" hits\",\"byline\":\"Ann Lee, Bo Ma\","
        "\"authors\":[\"Ann Lee\",\"Bo Ma\"],\"date\":\"2024-03-01\","
        "\"modified\":null,\"site\":null,\"lang\":\"en\",\"description\":null,"
        "\"image\":null,\"charset\":\"utf-8\","
        "\"text\":\"Damage\\n\\nRoofs were lost.\\n\\nNorth\\n\\nSouth\","
        "\"blocks\":[{\"type\":\"h\",\"text\":\"Damage\",\"level\":2},"
        "{\"type\":\"p\",\"text\":\"Roofs were lost.\"},"
        "{\"type\":\"li\",\"text\":\"North\",\"level\":1,\"ordered\":true},"
        "{\"type\":\"li\",\"text\":\"South\",\"level\":1,\"ordered\":false}],"
        "\"captions\":[\"A fallen tree.\"],"
        "\"related\":[{\"text\":\"Earlier storms\",\"url\":\"https://e.x/a\"},"
        "{\"text\":\"No link\",\"url\":null}],"
        "\"comments\":[{\"id\":\"comment-7\",\"parent\":null,\"depth\":0,"
        "\"author\":\"kim\",\"date\":\"2024-03-02\","
        "\"text\":\"First!\\n\\nSecond para.\",\"votes\":3},"
        "{\"id\":\"c2\",\"parent\":\"comment-7\",\"depth\":1,\"author\":null,"
        "\"date\":null,\"text\":\"Reply\"},"
        "{\"id\":\"x9\",\"parent\":\"c2\",\"depth\":2,\"author\":\"lo\","
        "\"date\":null,\"text\":\"Deeper\"}]}";
    ASSERT_STR(j, want);
    th_free(j);
    th_doc_free(doc);
}

TEST(write_json_bad_parent_is_top_level)
{
    th_doc *doc = th__doc_new();
    ASSERT(doc);
    th_comment c = {0};
    c.id = "a";
    c.parent = 5; /* forward / out of range */
    c.text = "t";
    th__doc_add_comment(doc, &c);
    c.id = "b";
    c.parent = 1; /* itself */
    th__doc_add_comment(doc, &c);
    char *j = render(doc, TH_FORMAT_JSON, NULL);
    ASSERT_CONTAINS(j, "{\"id\":\"a\",\"parent\":null");
    ASSERT_CONTAINS(j, "{\"id\":\"b\",\"parent\":null");
    th_free(j);
    th_doc_free(doc);
}

TEST(write_text_format)
{
    th_doc *doc = sample_doc();
    ASSERT(doc);
    char *t = render(doc, TH_FORMAT_TEXT, NULL);
    ASSERT_STR(t, "Damage\n\nRoofs were lost.\n\nNorth\n\nSouth\n");
    th_free(t);
    th_doc_free(doc);
}

TEST(write_markdown_format)
{
    th_doc *doc = sample_doc();
    ASSERT(doc);
    char *m = render(doc, TH_FORMAT_MARKDOWN, NULL);
    ASSERT_STR(m, "# Storm \"Ida\" hits\n\n## Damage\n\nRoofs were lost.\n\n"
                  "1. North\n- South\n");
    th_free(m);
    th_doc_free(doc);
}

TEST(write_markdown_lists_links_quotes_pre)
{
    th_doc *doc = th__doc_new();
    ASSERT(doc);
    doc->title = "Title";
    /* An h1 repeating the title is printed once. */
    th__doc_add_block(doc, TH_BLOCK_HEADING, 1, false, "Title", 5, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, "See the report.",
                      15, "See [the report](https://e.x/r).", 32);
    th__doc_add_block(doc, TH_BLOCK_LIST_ITEM, 1, true, "one", 3, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_LIST_ITEM, 2, false, "sub", 3, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_LIST_ITEM, 1, true, "two", 3, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_HEADING, 9, false, "Deep", 4, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_LIST_ITEM, 1, true, "again", 5, NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_QUOTE, 0, false, "We will rebuild.", 16,
                      NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_PRE, 0, false, "a ```\n  b", 9, NULL, 0);
    char *m = render(doc, TH_FORMAT_MARKDOWN, NULL);
    ASSERT_STR(m, "# Title\n\nSee [the report](https://e.x/r).\n\n"
                  "1. one\n  - sub\n2. two\n\n###### Deep\n\n1. again\n\n"
                  "> We will rebuild.\n\n````\na ```\n  b\n````\n");
    th_free(m);
    th_doc_free(doc);
}

TEST(write_markdown_escapes_plain_text)
{
    th_doc *doc = th__doc_new();
    ASSERT(doc);
    const char *p1 = "# not a heading *nor* [link] <b> snake_case _em_ a\\b";
    th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, p1, strlen(p1),
                      NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, "1999. A year.", 13,
                      NULL, 0);
    th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, "- dash", 6, NULL,
                      0);
    th__doc_add_block(doc, TH_BLOCK_PARAGRAPH, 0, false, "> gt 3.5 - x", 12,
                      NULL, 0);
    char *m = render(doc, TH_FORMAT_MARKDOWN, NULL);
    ASSERT_STR(m, "\\# not a heading \\*nor\\* \\[link\\] \\<b> snake_case "
                  "\\_em\\_ a\\\\b\n\n1999\\. A year.\n\n\\- dash\n\n"
                  "\\> gt 3.5 - x\n");
    th_free(m);
    th_doc_free(doc);
}

TEST(write_labels_format)
{
    th_doc *doc = th__doc_new();
    ASSERT(doc);
    doc->kind = TH_INPUT_TEXT;
    static const struct {
        const char *t;
        th_label l;
    } rows[] = {{"Big news", TH_LABEL_TITLE},
                {"", TH_LABEL_BLANK},
                {"  \xE2\x80\xA2 kim\tsaid", TH_LABEL_COMMENT_AUTHOR},
                {"Body line.", TH_LABEL_BODY}};
    for (size_t i = 0; i < 4; i++) {
        ASSERT(th__arena_grow(&doc->arena, (void **)&doc->lines, doc->nlines,
                              &doc->cap_lines, sizeof doc->lines[0]) == 0);
        doc->lines[doc->nlines].text = rows[i].t;
        doc->lines[doc->nlines].len = strlen(rows[i].t);
        doc->lines[doc->nlines].label = rows[i].l;
        doc->nlines++;
    }
    char *l = render(doc, TH_FORMAT_LABELS, NULL);
    ASSERT_STR(l, "1\tTITLE\tBig news\n2\tBLANK\t\n"
                  "3\tCOMMENT_AUTHOR\t  \xE2\x80\xA2 kim said\n"
                  "4\tBODY\tBody line.\n");
    th_free(l);
    /* Labels exist only for flattened-text input. */
    doc->kind = TH_INPUT_HTML;
    char *out = (char *)1;
    ASSERT_EQ(th_doc_render(doc, TH_FORMAT_LABELS, NULL, &out, NULL),
              TH_EINVAL);
    ASSERT(out == NULL);
    ASSERT_EQ(th_doc_render(doc, (th_format)99, NULL, &out, NULL), TH_EINVAL);
    ASSERT_EQ(th_doc_render(NULL, TH_FORMAT_JSON, NULL, &out, NULL),
              TH_EINVAL);
    th_doc_free(doc);
}

TEST(write_error_record)
{
    char *e = NULL;
    size_t n = 0;
    ASSERT_EQ(th_error_render("a\"b.html", TH_ETOOBIG, NULL, &e, &n), TH_OK);
    ASSERT_STR(e, "{\"source\":\"a\\\"b.html\",\"error\":"
                  "\"input over the size limit\",\"status\":\"ETOOBIG\"}");
    ASSERT_EQ(n, strlen(e));
    th_free(e);
    ASSERT_EQ(th_error_render(NULL, TH_EIO, "cannot open: No such file", &e,
                              NULL),
              TH_OK);
    ASSERT_STR(e, "{\"source\":null,\"error\":\"cannot open: No such file\","
                  "\"status\":\"EIO\"}");
    th_free(e);
}

/* The JSON of a whole extracted page parses as one object: a cheap
 * structural check (balanced brackets outside strings, no raw controls). */
TEST(write_json_structure_of_extracted_page)
{
    static const char page[] =
        "<html><head><title>T \"q\"</title></head><body><article><h1>T</h1>"
        "<p>Line\x01 one \xE2\x80\xA8 and \xFF bad.</p><ul><li>x</li></ul>"
        "</article></body></html>";
    th_doc *doc = NULL;
    ASSERT_EQ(th_extract(page, sizeof page - 1, NULL, &doc), TH_OK);
    char *j = render(doc, TH_FORMAT_JSON, "p.html");
    ASSERT(j);
    int depth = 0, in_str = 0;
    for (const char *p = j; *p; p++) {
        unsigned char c = (unsigned char)*p;
        ASSERT(c >= 0x20);
        if (in_str) {
            if (c == '\\')
                p++;
            else if (c == '"')
                in_str = 0;
        } else if (c == '"') {
            in_str = 1;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            depth--;
            ASSERT(depth >= 0);
        }
    }
    ASSERT_EQ(depth, 0);
    ASSERT(!in_str);
    ASSERT_NOT_CONTAINS(j, "\xE2\x80\xA8");
    th_free(j);
    th_doc_free(doc);
}
