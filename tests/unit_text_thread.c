/*
 * unit_text_thread.c -- comments of flattened-text mode (src/text_thread.c):
 * dates in ISO 8601 through th__date_parse as in HTML mode (relative and
 * year-less dates kept as written, name + date lines split) and reply
 * headers ("In reply to Name") threading, on small pages written for
 * these tests in several languages.
 */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "test.h"

static th_doc *run(const char *s)
{
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_TEXT;
    th_doc *d = NULL;
    if (th_extract(s, strlen(s), &o, &d) != TH_OK)
        return NULL;
    return d;
}

/* Comment i's author and date equal a and dt (NULL: none). */
static bool fields_are(const th_doc *d, size_t i, const char *a, const char *dt)
{
    if (i >= d->ncomments)
        return false;
    const th_comment *c = &d->comments[i];
    bool ok_a = a ? (c->author && !strcmp(c->author, a)) : !c->author;
    bool ok_d = dt ? (c->date && !strcmp(c->date, dt)) : !c->date;
    if (!ok_a || !ok_d)
        printf("  comment %zu: author \"%s\" date \"%s\"\n", i,
               c->author ? c->author : "(null)", c->date ? c->date : "(null)");
    return ok_a && ok_d;
}

TEST(text_thread_dates_en)
{
    /* "Name says:" then a date line: ISO with the time (12-hour clock
     * read); "3 hours ago" stays as written (no rendering time known) */
    const char *p =
        "Harbour ferry timetable changes from Monday\n"
        "\n"
        "The harbour authority will run the morning ferry every twenty minutes from Monday, after a survey found that most passengers travel before nine.\n"
        "\n"
        "Evening crossings are cut from four an hour to three, and the last boat now leaves the north pier at half past eleven.\n"
        "\n"
        "The authority said the change saves fuel and lets the crews take their breaks at the same time each day.\n"
        "\n"
        "Season tickets bought before the change stay valid until the end of the year, and refunds are available at both piers.\n"
        "\n"
        "3 Comments\n"
        "\n"
        "Leave a Reply\n"
        "\n"
        "Margaret Holloway says:\n"
        "March 3, 2024 at 10:41 am\n"
        "\n"
        "The early boats were always full, so this is welcome news for anyone who works in the old town.\n"
        "\n"
        "Reply\n"
        "\n"
        "Tom Easton says:\n"
        "March 3, 2024 at 2:05 pm\n"
        "\n"
        "Cutting the evening service will hurt the restaurants on the north side, they rely on the late crowd.\n"
        "\n"
        "Reply\n"
        "\n"
        "Ruth Abbott says:\n"
        "3 hours ago\n"
        "\n"
        "Will the bicycle spaces on the deck stay the same on the new boats?\n"
        "\n"
        "Reply\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 3);
    CHECK(fields_are(d, 0, "Margaret Holloway", "2024-03-03T10:41"));
    CHECK(fields_are(d, 1, "Tom Easton", "2024-03-03T14:05"));
    CHECK(fields_are(d, 2, "Ruth Abbott", "3 hours ago"));
    th_doc_free(d);
}

TEST(text_thread_dates_de)
{
    /* "5. Juni 2024" reads as a numbered line: the day comes back; a name
     * line ending in a date with no separator loses the date to the date
     * field; "vor 2 Tagen" stays as written */
    const char *p =
        "Stadtbibliothek verlängert Öffnungszeiten am Samstag\n"
        "\n"
        "Die Stadtbibliothek öffnet ab dem kommenden Monat auch am Samstagnachmittag bis 18 Uhr, wie die Verwaltung am Dienstag mitteilte.\n"
        "\n"
        "Bisher schloss das Haus am Samstag bereits um 13 Uhr, was viele Familien und Berufstätige bemängelt hatten.\n"
        "\n"
        "Für die zusätzlichen Stunden werden zwei Teilzeitstellen geschaffen, die aus dem Kulturhaushalt bezahlt werden.\n"
        "\n"
        "Die Ausleihe über die Automaten im Foyer bleibt wie bisher rund um die Uhr möglich.\n"
        "\n"
        "4 Kommentare\n"
        "\n"
        "Sabine Krüger\n"
        "5. Juni 2024 um 18:40 Uhr\n"
        "\n"
        "Endlich! Samstags nach dem Einkauf noch in Ruhe Bücher aussuchen zu können, habe ich mir lange gewünscht.\n"
        "\n"
        "Antworten\n"
        "\n"
        "Mayer, Hans 06.06.2024 // 09:12\n"
        "\n"
        "Schade, dass der Sonntag weiterhin nicht in Frage kommt, gerade für Schichtarbeiter wäre das wichtig.\n"
        "\n"
        "Antworten\n"
        "\n"
        "Jürgen Weber\n"
        "vor 2 Tagen\n"
        "\n"
        "Die Automaten funktionieren leider oft nicht, das sollte man zuerst reparieren.\n"
        "\n"
        "Antworten\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 3);
    CHECK(fields_are(d, 0, "Sabine Krüger", "2024-06-05T18:40"));
    CHECK(fields_are(d, 1, "Mayer, Hans", "2024-06-06T09:12"));
    CHECK(fields_are(d, 2, "Jürgen Weber", "vor 2 Tagen"));
    th_doc_free(d);
}

TEST(text_thread_dates_fr)
{
    /* "Par Name, le mardi 4 juin 2024 à 09h15": the name keeps "Par",
     * the date leaves it ("le" and the weekday belong to the date) */
    const char *p =
        "La ville plante trois cents arbres le long du canal\n"
        "\n"
        "La municipalité a commencé lundi à planter trois cents arbres le long du canal, un chantier qui doit durer jusqu'à la fin du mois de mars.\n"
        "\n"
        "Les essences choisies, tilleuls et érables pour la plupart, doivent mieux supporter les étés secs des dernières années.\n"
        "\n"
        "Les riverains pourront suivre les travaux lors de deux visites guidées organisées par le service des espaces verts.\n"
        "\n"
        "Le coût total du projet s'élève à 450 000 euros, dont une partie est financée par la région.\n"
        "\n"
        "Réactions\n"
        "\n"
        "Par Claire Dubois, le mardi 4 juin 2024 à 09h15\n"
        "\n"
        "Très bonne nouvelle, le quai était devenu une vraie fournaise en été.\n"
        "\n"
        "Par Marc Lefèvre, le mardi 4 juin 2024 à 11h02\n"
        "\n"
        "Espérons qu'on pensera aussi à arroser ces arbres les premières années.\n"
        "\n"
        "Par Julie Martin, Le 12/02 à 11:30\n"
        "\n"
        "Les travaux vont encore bloquer la piste cyclable pendant des semaines.\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT(d->ncomments >= 2);
    CHECK(fields_are(d, 0, "Par Claire Dubois", "2024-06-04T09:15"));
    CHECK(fields_are(d, 1, "Par Marc Lefèvre", "2024-06-04T11:02"));
    th_doc_free(d);
}

TEST(text_thread_dates_fr_raw)
{
    /* no year ("Le 12/02"), relative ("il y a 2 heures"): as written */
    const char *p =
        "La ville plante trois cents arbres le long du canal\n"
        "\n"
        "La municipalité a commencé lundi à planter trois cents arbres le long du canal, un chantier qui doit durer jusqu'à la fin du mois de mars.\n"
        "\n"
        "Les essences choisies, tilleuls et érables pour la plupart, doivent mieux supporter les étés secs des dernières années.\n"
        "\n"
        "Les riverains pourront suivre les travaux lors de deux visites guidées organisées par le service des espaces verts.\n"
        "\n"
        "2 commentaires\n"
        "\n"
        "Julie Martin\n"
        "Le 12/02 à 11:30\n"
        "\n"
        "Les travaux vont encore bloquer la piste cyclable pendant des semaines.\n"
        "\n"
        "Paul Renaud\n"
        "il y a 2 heures\n"
        "\n"
        "Il était temps, les anciens platanes étaient malades depuis longtemps.\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 2);
    CHECK(fields_are(d, 0, "Julie Martin", "Le 12/02 à 11:30"));
    CHECK(fields_are(d, 1, "Paul Renaud", "il y a 2 heures"));
    th_doc_free(d);
}

TEST(text_thread_dates_es)
{
    /* a date line opening with a name ("Name · 12 de marzo de 2024,
     * 21:05") signs an unsigned comment; "hace 3 horas" as written */
    const char *p =
        "El mercado central reabre tras dos años de obras\n"
        "\n"
        "El mercado central de la ciudad reabrió este sábado sus puertas después de dos años de obras de rehabilitación que han costado cuatro millones de euros.\n"
        "\n"
        "La nueva cubierta deja pasar la luz natural y el edificio cuenta ahora con ascensores y una zona de restauración en la planta alta.\n"
        "\n"
        "Los comerciantes que se trasladaron a la carpa provisional de la plaza han vuelto a sus puestos de siempre.\n"
        "\n"
        "El ayuntamiento prevé abrir también los domingos por la mañana durante el verano.\n"
        "\n"
        "Comentarios\n"
        "\n"
        "Lucía Fernández · 12 de marzo de 2024, 21:05\n"
        "\n"
        "Por fin, la carpa provisional era un horno en verano y un congelador en invierno.\n"
        "\n"
        "Andrés Molina · hace 3 horas\n"
        "\n"
        "¿Alguien sabe si el aparcamiento subterráneo también está abierto ya?\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 2);
    CHECK(fields_are(d, 0, "Lucía Fernández", "2024-03-12T21:05"));
    CHECK(fields_are(d, 1, "Andrés Molina", "hace 3 horas"));
    th_doc_free(d);
}

TEST(text_thread_dates_es_weekday)
{
    /* only date words before the date under a name line: ISO */
    const char *p =
        "Feria del libro\n"
        "\n"
        "El ayuntamiento organiza la feria del libro en la plaza mayor durante todo el fin de semana con cuarenta casetas.\n"
        "\n"
        "Las editoriales locales presentan sus novedades y habrá firmas de autores por la tarde.\n"
        "\n"
        "Comentarios\n"
        "\n"
        "Pedro Gil\n"
        "Sábado 23 de abril del 2022\n"
        "\n"
        "Que buena idea, iremos con los niños el domingo por la mañana.\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 1);
    CHECK(fields_are(d, 0, "Pedro Gil", "2022-04-23"));
    th_doc_free(d);
}

TEST(text_thread_dates_pl_weekday)
{
    /* a Polish weekday before the date is a date word like the Spanish
     * one above: ISO; a plain date line is ISO too */
    const char *p =
        "Nowa linia tramwajowa na Pradze otwarta\n"
        "\n"
        "W sobotę pasażerowie po raz pierwszy pojechali nową linią tramwajową, która łączy dworzec z osiedlami na północy dzielnicy.\n"
        "\n"
        "Budowa trwała dwa lata i kosztowała ponad trzysta milionów złotych, w większości z funduszy unijnych.\n"
        "\n"
        "Tramwaje kursują co dziesięć minut w szczycie i co kwadrans w pozostałych godzinach.\n"
        "\n"
        "Komentarze\n"
        "\n"
        "Robs\n"
        "wtorek, 11 maja 2021, 23:13\n"
        "\n"
        "Wreszcie, czekaliśmy na ten tramwaj od lat.\n"
        "\n"
        "Anka Nowak\n"
        "12 maja 2021, 08:05\n"
        "\n"
        "Szkoda, że w nocy nie jeździ ani jeden kurs.\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 2);
    CHECK(fields_are(d, 0, "Robs", "2021-05-11T23:13"));
    CHECK(fields_are(d, 1, "Anka Nowak", "2021-05-12T08:05"));
    th_doc_free(d);
}

TEST(text_thread_dates_lynx_links)
{
    /* lynx link numbers ("[15]March 3") are no day; the name before the
     * middle dot becomes the author */
    const char *p =
        "Harbour ferry timetable changes from Monday\n"
        "\n"
        "The harbour authority will run the morning ferry every twenty minutes from Monday, after a survey found that most passengers travel before nine.\n"
        "\n"
        "Evening crossings are cut from four an hour to three, and the last boat now leaves the north pier at half past eleven.\n"
        "\n"
        "The authority said the change saves fuel and lets the crews take their breaks at the same time each day.\n"
        "\n"
        "2 Comments\n"
        "\n"
        "   [14]Margaret Holloway · [15]March 3, 2024 at 10:41 am\n"
        "\n"
        "   The early boats were always full, so this is welcome news for anyone who works in the old town.\n"
        "\n"
        "   [16]Tom Easton · [17]March 4, 2024 at 2:05 pm\n"
        "\n"
        "   Cutting the evening service will hurt the restaurants on the north side, they rely on the late crowd.\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 2);
    CHECK(fields_are(d, 0, "Margaret Holloway", "2024-03-03T10:41"));
    CHECK(fields_are(d, 1, "Tom Easton", "2024-03-04T14:05"));
    th_doc_free(d);
}

/* ------------------------------------------------- reply headers ---- */

TEST(text_thread_reply_header_en)
{
    /* "In reply to Name." above a reply's text: the latest comment by
     * that name is the parent, past a comment in between */
    const char *p =
        "Council approves new cycle bridge over the river\n"
        "\n"
        "The city council approved plans on Thursday for a new cycle and foot bridge linking the station with the university campus on the east bank.\n"
        "\n"
        "Construction is due to start next spring and should take around eighteen months, with the main span lifted into place in one piece.\n"
        "\n"
        "The bridge will be closed to motor traffic except for emergency vehicles, and will be lit at night by low lamps set into the railings.\n"
        "\n"
        "4 Comments\n"
        "\n"
        "Helen Carter\n"
        "March 5, 2024 at 9:12 am\n"
        "\n"
        "Finally some investment on the east side, the old footpath along the rail line is flooded half the year.\n"
        "\n"
        "Reply\n"
        "\n"
        "Sam Whitfield\n"
        "March 5, 2024 at 10:30 am\n"
        "\n"
        "Eighteen months sounds optimistic given how long the tram works took on the high street last year.\n"
        "\n"
        "Reply\n"
        "\n"
        "Greg Bowman\n"
        "March 5, 2024 at 11:02 am\n"
        "In reply to Helen Carter.\n"
        "\n"
        "The flooding was fixed two winters ago, they raised the path by half a metre after the complaints.\n"
        "\n"
        "Reply\n"
        "\n"
        "Nina Patel\n"
        "March 5, 2024 at 12:45 pm\n"
        "\n"
        "Will there be anywhere to lock bikes at the station end of the bridge?\n"
        "\n"
        "Reply\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 4);
    ASSERT_EQ(d->comments[2].parent, 0);
    ASSERT_EQ(d->comments[2].depth, 1);
    ASSERT_EQ(d->comments[3].parent, -1);
    th_doc_free(d);
}

TEST(text_thread_reply_header_de)
{
    /* "Antwort an Name:" answers Name; "Antwort auf die Frage ..."
     * names nobody and threads as before (not to Katrin or Thomas) */
    const char *p =
        "Neue Radbrücke über die Elbe beschlossen\n"
        "\n"
        "Der Stadtrat hat am Donnerstag den Bau einer neuen Brücke für Radfahrer und Fußgänger zwischen dem Bahnhof und dem Campus am Ostufer beschlossen.\n"
        "\n"
        "Die Bauarbeiten sollen im kommenden Frühjahr beginnen und rund achtzehn Monate dauern.\n"
        "\n"
        "Autos dürfen die Brücke nicht benutzen, nur Rettungsfahrzeuge erhalten eine Ausnahme.\n"
        "\n"
        "4 Kommentare\n"
        "\n"
        "Katrin Vogel\n"
        "5. März 2024 um 09:12 Uhr\n"
        "\n"
        "Endlich wird auch einmal auf der Ostseite investiert, der alte Weg an der Bahnlinie steht das halbe Jahr unter Wasser.\n"
        "\n"
        "Antworten\n"
        "\n"
        "Thomas Berger\n"
        "5. März 2024 um 10:30 Uhr\n"
        "\n"
        "Achtzehn Monate halte ich für sehr optimistisch, die Straßenbahn in der Innenstadt hat doppelt so lange gedauert.\n"
        "\n"
        "Antworten\n"
        "\n"
        "Lena Hoffmann\n"
        "5. März 2024 um 11:02 Uhr\n"
        "\n"
        "Antwort an Katrin Vogel: Der Weg wurde vor zwei Wintern um einen halben Meter angehoben, seitdem ist er trocken.\n"
        "\n"
        "Antworten\n"
        "\n"
        "Paul Neumann\n"
        "5. März 2024 um 12:45 Uhr\n"
        "\n"
        "Antwort auf die Frage nach den Kosten gibt es bisher keine, der Haushalt ist noch nicht beschlossen.\n"
        "\n"
        "Antworten\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 4);
    ASSERT_EQ(d->comments[1].parent, -1);
    ASSERT_EQ(d->comments[2].parent, 0);
    CHECK(d->comments[3].parent != 0 && d->comments[3].parent != 1);
    th_doc_free(d);
}

TEST(text_thread_reply_header_fr)
{
    /* "En réponse à Name" on its own line above the text */
    const char *p =
        "Une passerelle cyclable votée au conseil municipal\n"
        "\n"
        "Le conseil municipal a voté jeudi la construction d'une passerelle pour les cyclistes et les piétons entre la gare et le campus de la rive est.\n"
        "\n"
        "Les travaux doivent commencer au printemps prochain et durer environ dix-huit mois.\n"
        "\n"
        "La passerelle sera interdite aux voitures, seuls les véhicules de secours pourront l'emprunter.\n"
        "\n"
        "3 commentaires\n"
        "\n"
        "Claire Dubois\n"
        "5 mars 2024 à 09:12\n"
        "\n"
        "Enfin un investissement sur la rive est, le vieux chemin le long de la voie ferrée est inondé la moitié de l'année.\n"
        "\n"
        "Répondre\n"
        "\n"
        "Marc Lefèvre\n"
        "5 mars 2024 à 10:30\n"
        "\n"
        "Dix-huit mois, cela me paraît bien optimiste vu la durée des travaux du tramway en centre-ville.\n"
        "\n"
        "Répondre\n"
        "\n"
        "Julie Martin\n"
        "5 mars 2024 à 11:02\n"
        "\n"
        "En réponse à Claire Dubois\n"
        "Le chemin a été surélevé d'un demi-mètre il y a deux hivers, il ne déborde plus depuis.\n"
        "\n"
        "Répondre\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 3);
    ASSERT_EQ(d->comments[1].parent, -1);
    ASSERT_EQ(d->comments[2].parent, 0);
    th_doc_free(d);
}

TEST(text_thread_reply_header_es)
{
    /* "En respuesta a @Name:" (the handle mark skipped) */
    const char *p =
        "El pleno aprueba una pasarela ciclista sobre el río\n"
        "\n"
        "El pleno municipal aprobó el jueves la construcción de una pasarela para ciclistas y peatones entre la estación y el campus de la orilla este.\n"
        "\n"
        "Las obras empezarán la próxima primavera y durarán unos dieciocho meses.\n"
        "\n"
        "La pasarela estará cerrada al tráfico de coches, salvo para los vehículos de emergencia.\n"
        "\n"
        "3 comentarios\n"
        "\n"
        "Lucía Fernández\n"
        "5 de marzo de 2024, 09:12\n"
        "\n"
        "Por fin invierten en la orilla este, el camino junto a la vía del tren se inunda medio año.\n"
        "\n"
        "Responder\n"
        "\n"
        "Andrés Molina\n"
        "5 de marzo de 2024, 10:30\n"
        "\n"
        "Dieciocho meses me parece muy optimista, las obras del tranvía en el centro duraron el doble.\n"
        "\n"
        "Responder\n"
        "\n"
        "Carmen Ruiz\n"
        "5 de marzo de 2024, 11:02\n"
        "\n"
        "En respuesta a @Lucía Fernández: el camino se elevó medio metro hace dos inviernos y ya no se inunda.\n"
        "\n"
        "Responder\n";
    th_doc *d = run(p);
    ASSERT(d);
    ASSERT_EQ(d->ncomments, 3);
    ASSERT_EQ(d->comments[1].parent, -1);
    ASSERT_EQ(d->comments[2].parent, 0);
    th_doc_free(d);
}

/* Found by fuzz_text (session 4): a date line ending the input with
 * "5:06 p" -- the am/pm word one letter long, the last byte of a buffer
 * that is not NUL-terminated.  The date parser read the byte after
 * it.  The page sits in a heap buffer of exactly its size, so ASan sees
 * any read past the end. */
TEST(text_thread_date_at_end_of_input)
{
    /* the fuzzer's input, as small as it found it */
    static const char page[] = "ii44T\x01March 3, 2065 at 5:06 p";
    size_t n = sizeof page - 1;
    char *buf = malloc(n);
    ASSERT(buf);
    memcpy(buf, page, n);
    th_options o;
    th_options_init(&o);
    o.kind = TH_INPUT_TEXT;
    th_doc *doc = NULL;
    th_status st = th_extract(buf, n, &o, &doc);
    free(buf);
    ASSERT_EQ(st, TH_OK);
    ASSERT(doc);
    th_doc_free(doc);
}
