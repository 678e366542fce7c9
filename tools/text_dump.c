/*
 * text_dump.c -- development driver for text mode until the CLI lands:
 *   text_dump OUTDIR FILE...
 * writes OUTDIR/NAME.labels.tsv, NAME.json (title, byline, text,
 * comments) and NAME.txt (body paragraphs) for each flattened page.
 * Reads the document model directly (src/doc.h); not installed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "thresh.h"

static void jstr(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: text_dump OUTDIR FILE...\n");
        return 2;
    }
    for (int a = 2; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f) {
            perror(argv[a]);
            continue;
        }
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        size_t got = fread(buf, 1, (size_t)n, f);
        fclose(f);
        th_options o;
        th_options_init(&o);
        o.kind = TH_INPUT_TEXT;
        o.flags = TH_OPT_KEEP_LABELS;
        th_doc *doc;
        if (th_extract(buf, got, &o, &doc)) {
            fprintf(stderr, "%s: failed\n", argv[a]);
            free(buf);
            continue;
        }
        free(buf);
        const char *base = strrchr(argv[a], '/');
        base = base ? base + 1 : argv[a];
        char name[1024], path[2048];
        snprintf(name, sizeof name, "%s", base);
        char *dot = strrchr(name, '.');
        if (dot)
            *dot = 0;
        snprintf(path, sizeof path, "%s/%s.labels.tsv", argv[1], name);
        FILE *o1 = fopen(path, "w");
        for (size_t i = 0; i < doc->nlines; i++)
            fprintf(o1, "%zu\t%s\t%s\n", i + 1, th__label_name(doc->lines[i].label),
                    doc->lines[i].text);
        fclose(o1);
        snprintf(path, sizeof path, "%s/%s.txt", argv[1], name);
        FILE *o2 = fopen(path, "w");
        for (size_t i = 0; i < doc->nblocks; i++)
            fprintf(o2, "%s%s\n", i ? "\n" : "", doc->blocks[i].text);
        fclose(o2);
        snprintf(path, sizeof path, "%s/%s.json", argv[1], name);
        FILE *o3 = fopen(path, "w");
        fputs("{\"title\": ", o3);
        jstr(o3, doc->title);
        fputs(", \"byline\": ", o3);
        jstr(o3, doc->byline);
        fputs(", \"text\": \"", o3);
        for (size_t i = 0; i < doc->nblocks; i++) {
            if (i)
                fputs("\\n\\n", o3);
            const char *s = doc->blocks[i].text;
            for (; *s; s++) {
                unsigned char c = (unsigned char)*s;
                if (c == '"' || c == '\\') fprintf(o3, "\\%c", c);
                else if (c < 0x20) fprintf(o3, "\\u%04x", c);
                else fputc(c, o3);
            }
        }
        fputs("\", \"comments\": [", o3);
        for (size_t i = 0; i < doc->ncomments; i++) {
            th_comment *c = &doc->comments[i];
            fprintf(o3, "%s{\"id\": ", i ? ", " : "");
            jstr(o3, c->id);
            fputs(", \"parent\": ", o3);
            jstr(o3, c->parent >= 0 ? doc->comments[c->parent].id : NULL);
            fprintf(o3, ", \"depth\": %d, \"author\": ", c->depth);
            jstr(o3, c->author);
            fputs(", \"date\": ", o3);
            jstr(o3, c->date);
            fputs(", \"text\": ", o3);
            jstr(o3, c->text);
            fputs("}", o3);
        }
        fputs("]}\n", o3);
        fclose(o3);
        th_doc_free(doc);
    }
    return 0;
}
