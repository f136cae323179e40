/* docpass.c - the document pass of the event coder: events are appended
 * here, repeats of (source, target, code, polarity, modality) merged into
 * one event with a mention count, agents of unknown country take the other
 * side's, a capital that acts is its government; event dates (the
 * sentence's, the pluperfect's open interval); TABARI's FORWARD story. */
#include "events.h"
#include "dates.h"
#include "words.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dyadi_date_str(dyad_coder *c, uint32_t ymd)
{
    char buf[16];
    unsigned y = ymd / 10000, m = (ymd / 100) % 100, d = ymd % 100;
    if (!ymd)
        return NULL;
    if (d)
        snprintf(buf, sizeof buf, "%04u-%02u-%02u", y, m, d);
    else
        snprintf(buf, sizeof buf, "%04u-%02u", y, m);
    return dyadi_arena_strndup(&c->arena, buf, strlen(buf));
}

/* The date a sentence gives its events, once per sentence: the date its
 * words name relative to the article's ("le 5 juillet dernier", "hier",
 * "last Tuesday", "two days ago": dates.c); the article's date otherwise
 * (0 when unknown). */
uint32_t dyadi_coder_sentence_date(const dyad_coder *c, uint32_t sfirst, uint32_t send)
{
    uint32_t named = dyadi_sentence_date(c->tokens.data, sfirst, send, c->date);
    return named ? named : c->date;
}

/* An event's date: the sentence's, unless the pluperfect ("avait soutenu",
 * "had supported") places it before the article: "../YYYY-MM" (ISO 8601-2
 * open interval), never an invented day. A date the sentence names ("le 5
 * juillet dernier, X avait signé") is kept. sdate_str is the sentence
 * date's string, made once per sentence. */
const char *dyadi_event_date(dyad_coder *c, const char *sdate_str, uint32_t sfirst,
                              uint32_t trig_first)
{
    uint32_t base = c->date;
    if (!base)
        return NULL;
    char bs[16];
    if (base % 100)
        snprintf(bs, sizeof bs, "%04u-%02u-%02u", base / 10000, base / 100 % 100, base % 100);
    else
        snprintf(bs, sizeof bs, "%04u-%02u", base / 10000, base / 100 % 100);
    if (sdate_str && strcmp(sdate_str, bs) != 0)
        return sdate_str;
    for (uint32_t i = trig_first; i > sfirst && i + 3 > trig_first; i--) {
        const char *k = dyadi_tok(c, i - 1)->norm;
        if (k && (strcmp(k, "avait") == 0 || strcmp(k, "avaient") == 0 || strcmp(k, "had") == 0 ||
                  strcmp(k, "étaient") == 0 || strcmp(k, "était") == 0)) {
            char buf[24];
            unsigned y = base / 10000, m = (base / 100) % 100;
            snprintf(buf, sizeof buf, "../%04u-%02u", y, m);
            return dyadi_arena_strndup(&c->arena, buf, strlen(buf));
        }
    }
    return sdate_str;
}

/* Two mentions with one code may still be two actors: "Hillary Clinton
 * critique Donald Trump" (USA, USA in 2016), "le Front al-Nosra a attaqué
 * l'Armée syrienne libre" (SYRREB, SYRREB). They are one actor when either
 * was resolved by coreference ("Russia said it ..."), they read the same, or
 * the code is a bare country (two names of one state).
 *
 * One coreference is no identity: an office followed by its holder's name,
 * which the lexicon does not know ("lashed out at the mayor Muriel Bowser",
 * "declined Prime Minister Oleksiy Honcharuk's offer", "le gouverneur
 * Sergueï Petrov"), took only its country and sector from the nearest
 * actor of that sector (actors.c, "coreference:agent"); the name says it
 * is a person of its own, so a president against his own mayor or minister
 * stays an event, as CAMEO codes it (USAGOV -> USAGOV). A bare office ("the
 * president", "son homologue") may be the other side itself or another
 * country's: still one actor. */
static int named_office(const dyad_coder *c, const cand *a)
{
    return a->how && strcmp(a->how, "coreference:agent") == 0 && a->end < c->tokens.len &&
           (dyadi_tok(c, a->end)->flags & DYAD_TOKF_CAPITAL);
}

int dyadi_distinct_same_code(const dyad_coder *c, const cand *a, const cand *b)
{
    /* bare country codes ("HTI" and "Port-au-Prince") are one state */
    if ((a->coref && !named_office(c, a)) || (b->coref && !named_office(c, b)) || !a->span.end ||
        !b->span.end || strlen(a->code) <= 3)
        return 0;
    size_t la = a->span.end - a->span.start, lb = b->span.end - b->span.start;
    return !(la == lb && memcmp(c->doc->text + a->span.start, c->doc->text + b->span.start, la) == 0);
}

static const char *fill_country(dyad_coder *c, const char *country, const char *sector)
{
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s%s", country, sector);
    if (n < 0 || (size_t)n >= sizeof buf)
        return NULL;
    return dyadi_arena_strndup(&c->arena, buf, (size_t)n);
}

/* FORWARD: a new story (its key from the document id) forgets the sources
 * of the previous one. */
void dyadi_forward_story(dyad_coder *c)
{
    char key[DYADI_OPT_FMT];
    if (!c->opts.forward)
        return;
    dyadi_options_story(&c->opts, c->doc->id, key, sizeof key);
    if (!key[0] || strcmp(key, c->fwd.story) != 0) {
        memset(&c->fwd, 0, sizeof c->fwd);
        snprintf(c->fwd.story, sizeof c->fwd.story, "%s", key);
    }
}


/* An event's side from its candidate: code, country, words, span, rule. */
static void event_actor(dyad_coder *c, dyad_event_actor *a, const cand *x)
{
    a->code = x->code;
    a->country = x->country;
    a->span = x->span;
    a->text = dyadi_arena_strndup(&c->arena, c->doc->text + x->span.start,
                                  x->span.end - x->span.start);
    a->resolved_by = x->how;
}

/* FORWARD: after a sentence, the actor (country part) of its first source
 * when the text named it; a sentence that used a forwarded or default
 * source leaves the story's first source to the next one, as the TABARI
 * suite expects ("secondary forwarding goes back to the original"). */
void dyadi_forward_update(dyad_coder *c, size_t events_before)
{
    if (!c->opts.forward || c->events.len <= events_before)
        return;
    /* the first source of the sentence: the first member of a compound */
    const dyad_event *e = &DYADI_VEC_AT(&c->events, dyad_event, events_before);
    for (size_t i = events_before + 1; i < c->events.len; i++) {
        const dyad_event *x = &DYADI_VEC_AT(&c->events, dyad_event, i);
        if (x->sent == e->sent && x->source.span.end && x->source.span.start < e->source.span.start)
            e = x;
    }
    if (!e->source.span.end) {
        c->fwd.last[0] = '\0';
        return;
    }
    const char *a = e->source.country && strlen(e->source.country) == 3 ? e->source.country
                                                                         : e->source.code;
    snprintf(c->fwd.last, sizeof c->fwd.last, "%.3s", a);
    if (!c->fwd.first[0])
        snprintf(c->fwd.first, sizeof c->fwd.first, "%s", c->fwd.last);
}

/* An event with a source and no target is output only where its kind
 * stands without a recipient (options.h, one_actor): "Russia declined to
 * comment", "the protesters marched", "militants attacked" yes; "Putin
 * flew" (a visit), "X promised" (aid to whom?), "X said" no: the target
 * was not found, and half an event is noise in a table of who did what to
 * whom. */
static int one_actor_kept(const dyad_coder *c, const char *code)
{
    int m = c->opts.one_actor;
    if (m == DYADI_ONE_AUTO)
        m = dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN ? DYADI_ONE_ALL : DYADI_ONE_KINDS;
    if (m != DYADI_ONE_KINDS)
        return m == DYADI_ONE_ALL;
    /* a bare statement (010, "X said ...") tells nothing of a relation:
     * its clause's own event, attributed to X, is what counts */
    if (strcmp(code, "010") == 0)
        return 0;
    static const char roots[][3] = {"01", "14", "15", "18", "19", "20"};
    for (size_t i = 0; i < sizeof roots / sizeof *roots; i++)
        if (code[0] == roots[i][0] && code[1] == roots[i][1])
            return 1;
    return 0;
}

/* CAMEO's violence: assault, fight, mass violence (18, 19, 20) */
static int violent(const char *code)
{
    return code[0] == '2' ? code[1] == '0' : code[0] == '1' && (code[1] == '8' || code[1] == '9');
}

/* The place of violence tgt suffered, named in the victims' own stretch
 * of words, no comma or clause boundary between them ("killed 23 people
 * as well as themselves ... in Tel Aviv"); not a speaker's ("killing 12
 * people, activists in Beirut said") */
static int victims_place(const dyad_coder *c, const cand *tgt, const cand *loc, const char *code)
{
    static const char *const COMMA[] = {",", NULL};
    if (!loc || !loc->span.end || !tgt->span.end || !violent(code) || !dyadi_nation_code(loc->country))
        return 0;
    uint32_t a = tgt->end <= loc->first ? tgt->end : loc->end;
    uint32_t b = tgt->end <= loc->first ? loc->first : tgt->first;
    for (uint32_t i = a; i < b; i++)
        if (has_class(c, i, W_BOUND) || dyadi_norm_in(c, i, COMMA))
            return 0;
    return 1;
}

static int push_event1(dyad_coder *c, uint32_t sent, const trig *t, const cand *src,
                       const cand *tgt, const char *code, int polarity, int modality,
                       const char *attr_text, const char *attr_code, const cand *loc,
                       const char *edate, const char *rule)
{
    /* An agent of unknown country ("---CVL": "urged residents to
     * evacuate") takes the country of the other side: a domestic event.
     * With no nation on either side there is no dyad: an organisation or
     * a bloc lends none ("U.N. helicopters evacuated the wounded" is no
     * IGOCVL). */
    cand sfill, tfill;
    /* a hostile agent ("hostile military forces") is the other side's
     * enemy, not one of its own */
    const int shostile = src->how && strcmp(src->how, "hostile-agent") == 0;
    const int thostile = tgt && tgt->how && strcmp(tgt->how, "hostile-agent") == 0;
    if (strncmp(src->code, "---", 3) == 0 && !c->opts.convert_agent && !(t->alone && !tgt)) {
        if (!tgt || strncmp(tgt->code, "---", 3) == 0 || !dyadi_nation_code(tgt->country) || shostile)
            return 0;
        sfill = *src;
        sfill.coref = 1; /* its country came from the other side */
        sfill.code = fill_country(c, tgt->country, src->code + 3);
        sfill.country = tgt->country;
        if (!sfill.code)
            return -1;
        src = &sfill;
    }
    if (tgt && strncmp(tgt->code, "---", 3) == 0 && !c->opts.convert_agent) {
        /* the victims of violence where the sentence places it are that
         * country's ("Palestinian bombers killed 23 people in Tel Aviv":
         * ISRCVL), not the attacker's */
        const char *home = victims_place(c, tgt, loc, code) ? loc->country : src->country;
        if (!dyadi_nation_code(home) || thostile)
            tgt = NULL;
        else {
            tfill = *tgt;
            tfill.coref = 1;
            tfill.code = fill_country(c, home, tgt->code + 3);
            tfill.country = home;
            if (!tfill.code)
                return -1;
            tgt = &tfill;
        }
    }
    /* a capital that acts ("Ankara a déclaré", "Moscow condemned",
     * "sanctions imposed by Washington") is its government, as CAMEO coders
     * read it; TABARI and PETRARCH dictionaries code their own way */
    cand smet;
    if (src->capital && !src->place && src->code && strlen(src->code) == 3 &&
        !(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN)) {
        smet = *src;
        smet.code = fill_country(c, src->code, "GOV");
        smet.how = "capital-as-government";
        if (!smet.code)
            return -1;
        src = &smet;
    }
    if (tgt && strcmp(src->code, tgt->code) == 0 && !dyadi_distinct_same_code(c, src, tgt))
        return 0;
    if (!tgt && !one_actor_kept(c, code))
        return 0;
    if (!(dyadi_lex_flags(c->lex) & DYADI_LEX_FOREIGN))
        code = dyadi_violence_code(code, src->code);
    const dyadi_cameo *cm = dyadi_lex_cameo(c->lex, code);
    size_t cl = strlen(code);
    if (!cm && cl >= 3 && cl <= 5 && code[cl - 1] >= 'A' && code[cl - 1] <= 'Z') {
        char digits[8];     /* TABARI's "174K": the taxonomy of 174 */
        memcpy(digits, code, cl - 1);
        digits[cl - 1] = '\0';
        cm = dyadi_lex_cameo(c->lex, digits);
    }
    /* merge repeats within the document */
    for (size_t i = 0; i < c->events.len; i++) {
        dyad_event *e = &DYADI_VEC_AT(&c->events, dyad_event, i);
        if (strcmp(e->code, code) == 0 && e->polarity == polarity && e->modality == modality &&
            strcmp(e->source.code, src->code) == 0 &&
            ((!e->target.code && !tgt) || (e->target.code && tgt && strcmp(e->target.code, tgt->code) == 0))) {
            if (e->sent != sent)
                e->mentions++;
            return 0;
        }
    }
    dyad_event *e = dyadi_vec_push(&c->events);
    if (!e)
        return -1;
    const char *text = c->doc->text;
    e->sent = sent;
    e->code = dyadi_arena_strndup(&c->arena, code, strlen(code));
    e->root = dyadi_arena_strndup(&c->arena, code, 2);
    e->quad = cm ? cm->quad : 0;
    e->goldstein = cm ? cm->goldstein : NAN;
    e->plover = cm ? cm->plover_type : NULL;
    event_actor(c, &e->source, src);
    if (tgt)
        event_actor(c, &e->target, tgt);
    e->polarity = (uint8_t)polarity;
    e->modality = (uint8_t)modality;
    e->attribution_text = attr_text;
    e->attribution_code = attr_code;
    e->lat = e->lon = NAN;
    e->location_id = e->location_type = e->location_rule = NULL;
    if (loc) {
        e->location = dyadi_arena_strndup(&c->arena, text + loc->span.start,
                                          loc->span.end - loc->span.start);
        e->location_country = loc->country;
        e->lat = loc->lat;
        e->lon = loc->lon;
        e->location_id = loc->entry;
        e->location_type = loc->ptype;
        e->location_rule = loc->how;
    }
    e->event_date = edate;
    e->trigger.start = dyadi_tok(c, t->first)->span.start;
    e->trigger.end = dyadi_tok(c, t->end - 1)->span.end;
    e->trigger_text = dyadi_arena_strndup(&c->arena, text + e->trigger.start,
                                          e->trigger.end - e->trigger.start);
    e->rule = rule;
    e->roles_by = t->roles_by;
    e->mentions = 1;
    return 0;
}

/* push_event1, once per member of a compound actor: a code "FRO/BIL/SAM"
 * (TABARI's [FRO/BIL/SAM], actors.c) gives one event per code. */
int dyadi_push_event(dyad_coder *c, uint32_t sent, const trig *t, const cand *src,
                      const cand *tgt, const char *code, int polarity, int modality,
                      const char *attr_text, const char *attr_code, const cand *loc,
                      const char *edate, const char *rule)
{
    for (int side = 0; side < 2; side++) {
        const cand *x = side == 0 ? src : tgt;
        if (!x || !x->code || !strchr(x->code, '/'))
            continue;
        cand part = *x;
        for (const char *p = x->code;;) {
            const char *q = strchr(p, '/');
            size_t l = q ? (size_t)(q - p) : strlen(p);
            part.code = dyadi_arena_strndup(&c->arena, p, l);
            part.country = dyadi_arena_strndup(&c->arena, p, l < 3 ? l : 3);
            if (!part.code || !part.country)
                return -1;
            if (l && dyadi_push_event(c, sent, t, side == 0 ? &part : src, side == 1 ? &part : tgt,
                                code, polarity, modality, attr_text, attr_code, loc, edate,
                                rule) != 0)
                return -1;
            if (!q)
                return 0;
            p = q + 1;
        }
    }
    return push_event1(c, sent, t, src, tgt, code, polarity, modality, attr_text, attr_code, loc,
                       edate, rule);
}
