/*
 * corpus_fixtures.h -- pages and WARC builders shared by unit_corpus.c and
 * unit_store.c (static helpers; not a test file of its own).  The articles
 * are written for these tests.
 */
#ifndef TH_CORPUS_FIXTURES_H
#define TH_CORPUS_FIXTURES_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"
#include "warc.h"

static const char *const ARTICLE_EN[] = {
    "The county council voted on Thursday evening to close the old stone "
    "bridge over the River Leane to all motor traffic from the first of "
    "March, after engineers found that two of its five arches had shifted "
    "by several centimetres since the autumn floods.",
    "Residents of the villages on the eastern bank said the decision would "
    "add almost half an hour to the school run and to journeys to the "
    "market town, where most of them work, shop and see a doctor. A petition "
    "asking for a temporary crossing gathered more than two thousand names "
    "in a week.",
    "The council's head of highways told the meeting that a footbridge "
    "would be installed within a month, and that a full repair of the "
    "arches, which date from the eighteenth century, could take two years "
    "and would need the agreement of the heritage agency before any stone "
    "is moved.",
    "Farmers who use the bridge to move cattle between summer and winter "
    "pasture asked for an exemption for livestock on foot, which the "
    "engineers said they would consider once the footbridge is in place and "
    "the load on the damaged arches can be measured again.",
};

static const char *const ARTICLE_DE[] = {
    "Die Stadtwerke haben am Montag angek\xc3\xbcndigt, die Preise f\xc3\xbcr "
    "Fernw\xc3\xa4rme zum Jahresbeginn um elf Prozent zu erh\xc3\xb6hen. "
    "Betroffen sind rund vierzigtausend Haushalte in der Innenstadt und in "
    "den neuen Wohngebieten am Hafen.",
    "Als Grund nannte der Gesch\xc3\xa4" "ftsf\xc3\xbchrer die gestiegenen "
    "Kosten f\xc3\xbcr Gas und Strom, mit denen das Heizkraftwerk betrieben "
    "wird. Der Mieterverein kritisierte, dass die Erh\xc3\xb6hung erst drei "
    "Wochen vor Inkrafttreten bekannt gegeben wurde.",
    "Im Stadtrat wollen mehrere Fraktionen nun einen Antrag stellen, nach "
    "dem Haushalte mit geringem Einkommen einen Zuschuss zu den Heizkosten "
    "erhalten sollen. \xc3\x9c" "ber den Antrag soll im Dezember abgestimmt "
    "werden.",
};

/* A news page: furniture, the article paragraphs, optional comments. */
static void page_html(char *out, size_t cap, const char *title,
                      const char *const *paras, size_t n, const char *date,
                      const char *comment, const char *furniture)
{
    size_t k = (size_t)snprintf(
        out, cap,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>%s</title>%s%s%s</head><body><nav><a href=\"/\">Home</a> "
        "<a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>"
        "<p class=\"promo\">%s</p><article><h1>%s</h1>",
        title, date ? "<meta property=\"article:published_time\" content=\"" : "",
        date ? date : "", date ? "\">" : "", furniture, title);
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(out + k, cap - k, "<p>%s</p>", paras[i]);
    k += (size_t)snprintf(out + k, cap - k, "</article>");
    if (comment)
        k += (size_t)snprintf(
            out + k, cap - k,
            "<section id=\"comments\" class=\"comments\"><h2>Comments</h2>"
            "<ol class=\"comment-list\"><li class=\"comment\" id=\"comment-1\">"
            "<div class=\"comment-author\">Reader One</div>"
            "<div class=\"comment-content\"><p>%s</p></div></li></ol></section>",
            comment);
    snprintf(out + k, cap - k,
             "<footer>Copyright the Valley Courier. All rights reserved.</footer>"
             "</body></html>");
}

/* Appends a response record holding `page` with the given HTTP head. */
static void warc_response(FILE *f, const char *uri, const char *head,
                         const char *page, size_t plen)
{
    size_t cap = plen + strlen(head) + 64;
    char *b = malloc(cap);
    size_t n = (size_t)snprintf(b, cap, "%s\r\n", head);
    memcpy(b + n, page, plen);
    CHECK(th__warc_write(f, true, "response", uri, NULL,
                         "application/http; msgtype=response", b,
                         n + plen) == TH_OK);
    free(b);
}

/* A fresh temporary directory (caller removes it with rm_tree). */
static char *tmp_dir(void)
{
    char *p = strdup("/tmp/thresh-test-XXXXXX");
    return mkdtemp(p) ? p : NULL;
}

static void rm_tree(char *dir)
{
    if (!dir)
        return;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

#endif
