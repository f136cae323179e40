/* reader.c - document readers: the first stage of the pipeline.
 *
 * A reader turns paths (files, directories walked in byte order of names,
 * or "-" for standard input) into dyad_doc records for the coder. Four
 * formats: the seed format (`date YYYY-MM[-DD]` then the article), plain
 * text (the whole file is one document), a web page (html.c picks its
 * article; asked for, never detected) and JSON Lines (one object per line,
 * read by a flat-record scanner below, jansson for what it leaves). Bad
 * input never stops the reader: every bad record is returned as an error status with "FILE:LINE: byte OFFSET: what"
 * and the next call goes on with the next record.
 *
 * Memory is bounded by max_record: input is read through a fixed 64 KiB
 * buffer, and a record is copied into the record buffer only while it fits
 * under the cap; past it the rest of the record is read through and dropped
 * (a 100 MB line costs max_record bytes, not 100 MB). Documents without an
 * id get the 64-bit FNV-1a hash of their text as 16 hex digits, so the same
 * text always gets the same id, whatever file it came from.
 *
 * Any file may be compressed with gzip or zstd, recognised by its magic
 * bytes whatever its name: it is decompressed as it is read, through the
 * same 64 KiB buffer, so every format reads the same compressed or not
 * (zlib and libzstd, streaming; concatenated gzip members and zstd frames
 * are read in turn). A corrupt or truncated stream ends its file: the
 * records decoded before are returned as usual, then one error names the
 * file, the line and byte reached in the decoded text and the byte of the
 * compressed file where decoding failed, and the reader goes on with the
 * next file.
 */
#include "dyad.h"
#include "html.h"
#include "warc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define DEFAULT_MAX_RECORD ((size_t)32 << 20)
#define INBUF_SIZE ((size_t)64 << 10)
#define SNIFF_SIZE ((size_t)8 << 10)   /* bytes looked at to detect format and binary data */
#define ERRMSG_SIZE 4096
#define ZIN_SIZE ((size_t)64 << 10)    /* compressed bytes read at a time */

enum { CODEC_NONE, CODEC_GZIP, CODEC_ZSTD };
#define WARC_HEAD_MAX ((size_t)64 << 10)   /* a WARC record header, all its lines */
#define MEMBER_RING 64                     /* gzip member starts remembered, for messages */
/* Records this large keep their buffer; a larger one is released after use so
 * that one huge record does not stay resident for the rest of the run. */
#define KEEP_REC_CAP ((size_t)1 << 20)

/* A directory being walked: its entries, sorted, and the next one to visit. */
typedef struct frame {
    char *dir;
    char **names;
    size_t n, i;
} frame;

struct dyad_reader {
    dyad_input_format format;   /* as asked; AUTO is resolved per file */
    const char *date;           /* borrowed default date */
    const char *lang;           /* borrowed forced language, NULL: per record */
    size_t max_record;

    frame *frames;              /* directory walk stack */
    size_t nframes, capframes;

    int fd;                     /* current file, -1 when none */
    int fd_owned;               /* 0 for standard input */
    char *file;                 /* display name of the current (or last) file */
    dyad_input_format fmt;      /* format of the current file */
    int is_regular;
    uint64_t line;              /* lines consumed in the current file */
    uint64_t offset;            /* bytes consumed in the current file */
    int eof;

    unsigned char *in;          /* input buffer (decoded bytes for a compressed file) */
    size_t in_pos, in_len;

    int codec;                  /* CODEC_*: the current file's compression */
    unsigned char *zin;         /* compressed bytes, ZIN_SIZE */
    size_t zin_pos, zin_len;
    int zin_eof;
    uint64_t zin_used;          /* compressed bytes handed to the decoder */
    z_stream zs;
    int zs_ready;               /* zs initialised (inflateInit2) */
    ZSTD_DStream *zd;
    int member_open;            /* a gzip member or zstd frame is not finished */
    char zerr[512];             /* a stream error to report after the file's records */
    /* WARC: CC-NEWS gzips each record as its own member. A corrupt member
     * does not end the file: decoding goes on at the next member, and
     * `gap` stops the data there until the WARC reader has reported it. */
    int resync;                 /* skip a corrupt gzip member instead of ending the file */
    int gap;                    /* the decoded data stops here: a corrupt member was skipped */
    char gapmsg[384];
    char gap_what[256];         /* the gap's cause, and its compressed byte */
    uint64_t gap_at;
    uint64_t dec_total;         /* decoded bytes made so far */
    uint64_t mdec[MEMBER_RING], mcomp[MEMBER_RING];  /* member starts: decoded, compressed */
    unsigned mcount;

    char *rec;                  /* current record (line or whole document) */
    size_t rec_len, rec_cap;

    json_t *json;               /* the last JSON record (jansson); its strings back *doc */
    char *dec;                  /* the last JSON record's strings (scanner); back *doc */
    dyadi_html html;            /* the last web page's title, date and text; back *doc */
    char *whdr;                 /* the WARC record header being read, WARC_HEAD_MAX bytes */
    size_t whdr_len;
    dyadi_warc_buf wbuf;        /* a decompressed HTTP body */
    int warc_lost;              /* looking for the next WARC record after a bad one */
    uint64_t skipped_records;   /* WARC records that are no HTML page */
    size_t dec_cap;
    uint64_t doc_line;
    uint64_t doc_offset;        /* byte offset of the last document's record */
    char id[24];
    char date_buf[11];
    char err[ERRMSG_SIZE];
};

/* ------------------------------------------------------------------------ */

static void set_err(dyad_reader *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
}

static int is_blank(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of a date "YYYY-MM" or "YYYY-MM-DD" at s (month 01-12, day 01-31),
 * or 0. The date must end at n or at a byte that is not a digit or '-'. */
static size_t date_len(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (n < 7 || !is_digit(u[0]) || !is_digit(u[1]) || !is_digit(u[2]) || !is_digit(u[3]) ||
        u[4] != '-' || !is_digit(u[5]) || !is_digit(u[6]))
        return 0;
    int month = (u[5] - '0') * 10 + (u[6] - '0');
    if (month < 1 || month > 12)
        return 0;
    size_t len = 7;
    if (n >= 10 && u[7] == '-' && is_digit(u[8]) && is_digit(u[9])) {
        int day = (u[8] - '0') * 10 + (u[9] - '0');
        if (day < 1 || day > 31)
            return 0;
        len = 10;
    }
    if (len < n && (is_digit(u[len]) || u[len] == '-'))
        return 0;
    return len;
}

/* The seed header: blanks, "date", blanks (no newline), a date, then a blank
 * or the end. On success *date and *dlen locate the date, *text is where the
 * article starts (after every following blank, newlines included). */
static int seed_header(const char *s, size_t n, size_t *date, size_t *dlen, size_t *text)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && is_blank((unsigned char)s[i]))
        i++;
    if (n - i < 5 || memcmp(s + i, "date", 4) != 0 || (s[i + 4] != ' ' && s[i + 4] != '\t'))
        return 0;
    i += 4;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    size_t l = date_len(s + i, n - i);
    if (l == 0 || (i + l < n && !is_blank((unsigned char)s[i + l])))
        return 0;
    *date = i;
    *dlen = l;
    i += l;
    while (i < n && is_blank((unsigned char)s[i]))
        i++;
    *text = i;
    return 1;
}

static void fnv1a_hex(const char *s, size_t n, char out[17])
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    static const char hex[] = "0123456789abcdef";
    for (int i = 15; i >= 0; i--) {
        out[i] = hex[h & 0xF];
        h >>= 4;
    }
    out[16] = '\0';
}

static int only_blanks(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_blank((unsigned char)s[i]))
            return 0;
    return 1;
}

/* ------------------------------------------------------------------------
 * Buffered input and the record buffer
 * ------------------------------------------------------------------------ */

/* read() that retries on EINTR. */
static ssize_t read_fd(int fd, void *buf, size_t n)
{
    for (;;) {
        ssize_t k = read(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        return k;
    }
}

static const char *codec_name(int codec)
{
    return codec == CODEC_GZIP ? "gzip" : "zstd";
}

/* The stream is corrupt or truncated: remember why (reported once the
 * file's records are read, by stream_failed) and end the file here. */
static void stream_error(dyad_reader *r, const char *what, uint64_t from)
{
    if (from == r->zin_used)
        snprintf(r->zerr, sizeof r->zerr, "%s stream %s at byte %llu of the compressed "
                 "file; the rest of the file is skipped", codec_name(r->codec), what,
                 (unsigned long long)from);
    else
        snprintf(r->zerr, sizeof r->zerr, "%s stream %s, found in bytes %llu to %llu of the "
                 "compressed file; the rest of the file is skipped", codec_name(r->codec), what,
                 (unsigned long long)from, (unsigned long long)r->zin_used);
    r->eof = 1;
}

/* A gzip member is corrupt (WARC): look for the next member's magic
 * (1f 8b 08) in the compressed bytes after the bad one and decode on from
 * there; the data stops (gap) until the reader has reported the loss. */
static void next_member(dyad_reader *r, const char *what)
{
    uint64_t bad = r->zin_used;
    int found = 0;
    for (;;) {
        const unsigned char *z = r->zin;
        size_t i = r->zin_pos;
        while (i + 3 <= r->zin_len && !(z[i] == 0x1f && z[i + 1] == 0x8b && z[i + 2] == 8))
            i++;
        r->zin_used += i - r->zin_pos;
        r->zin_pos = i;
        if (i + 3 <= r->zin_len) {
            found = 1;
            break;
        }
        size_t keep = r->zin_len - i;   /* under 3 bytes: maybe a magic cut in two */
        memmove(r->zin, r->zin + i, keep);
        r->zin_pos = 0;
        r->zin_len = keep;
        ssize_t k = r->zin_eof ? 0 : read_fd(r->fd, r->zin + keep, ZIN_SIZE - keep);
        if (k <= 0) {
            r->zin_used += keep;
            r->zin_pos = r->zin_len = 0;
            r->zin_eof = 1;
            break;
        }
        r->zin_len += (size_t)k;
    }
    r->member_open = 0;
    r->gap = 1;
    snprintf(r->gap_what, sizeof r->gap_what, "%s", what);
    r->gap_at = bad;
    if (found)
        snprintf(r->gapmsg, sizeof r->gapmsg, "gzip member %s at byte %llu of the "
                 "compressed file; reading on from the next member, at byte %llu", what,
                 (unsigned long long)bad, (unsigned long long)r->zin_used);
    else
        snprintf(r->gapmsg, sizeof r->gapmsg, "gzip member %s at byte %llu of the "
                 "compressed file, and no member follows", what, (unsigned long long)bad);
}

/* Decode up to n bytes into dst. Returns the count, 0 at the end of the
 * stream (or after a stream error, see zerr), -1 on a read error. */
static long decode(dyad_reader *r, unsigned char *dst, size_t n)
{
    size_t made = 0;
    while (made == 0) {
        if (r->zin_pos == r->zin_len && !r->zin_eof) {
            ssize_t k = read_fd(r->fd, r->zin, ZIN_SIZE);
            if (k < 0)
                return -1;
            r->zin_pos = 0;
            r->zin_len = (size_t)k;
            r->zin_eof = k == 0;
        }
        if (r->zin_pos == r->zin_len) {
            if (r->member_open)
                stream_error(r, "truncated", r->zin_used);
            return 0;
        }
        size_t before = r->zin_pos;
        if (r->codec == CODEC_GZIP) {
            if (!r->member_open && inflateReset(&r->zs) != Z_OK) {
                stream_error(r, "cannot be decoded", r->zin_used);
                return 0;
            }
            if (!r->member_open) {
                r->mdec[r->mcount % MEMBER_RING] = r->dec_total;
                r->mcomp[r->mcount % MEMBER_RING] = r->zin_used;
                r->mcount++;
            }
            r->member_open = 1;
            r->zs.next_in = r->zin + r->zin_pos;
            r->zs.avail_in = (uInt)(r->zin_len - r->zin_pos);
            r->zs.next_out = dst;
            r->zs.avail_out = (uInt)n;
            int rc = inflate(&r->zs, Z_NO_FLUSH);
            r->zin_pos = r->zin_len - r->zs.avail_in;
            made = n - r->zs.avail_out;
            if (rc == Z_STREAM_END) {
                r->member_open = 0;  /* another member may follow */
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                /* zlib stops at the bad byte: where it stopped is exact */
                r->zin_used += r->zin_pos - before;
                char what[256];
                snprintf(what, sizeof what, "corrupt (%s)", r->zs.msg ? r->zs.msg : "bad data");
                r->dec_total += made;
                if (r->resync) {
                    next_member(r, what);
                    return (long)made;
                }
                stream_error(r, what, r->zin_used);
                return (long)made;
            }
        } else {
            ZSTD_inBuffer zi = {r->zin, r->zin_len, r->zin_pos};
            ZSTD_outBuffer zo = {dst, n, 0};
            size_t rc = ZSTD_decompressStream(r->zd, &zo, &zi);
            r->zin_pos = zi.pos;
            made = zo.pos;
            if (ZSTD_isError(rc)) {
                /* zstd does not say which byte: the bytes it was given */
                uint64_t from = r->zin_used;
                r->zin_used += r->zin_len - before;
                char what[256];
                snprintf(what, sizeof what, "corrupt (%s)", ZSTD_getErrorName(rc));
                stream_error(r, what, from);
                return (long)made;
            }
            /* 0: a frame is complete and flushed; another may follow */
            r->member_open = rc != 0;
        }
        r->zin_used += r->zin_pos - before;
    }
    r->dec_total += made;
    return (long)made;
}

/* Read more input after the bytes already buffered. Returns the number of
 * bytes read, 0 at the end, -1 on a read error (errno set). */
static long fill(dyad_reader *r)
{
    if (r->eof)
        return 0;
    /* Callers consume everything buffered before refilling, except the
     * sniff at open, which only appends to a buffer started at 0. */
    if (r->in_pos == r->in_len)
        r->in_pos = r->in_len = 0;
    long k;
    if (r->codec != CODEC_NONE)
        k = decode(r, r->in + r->in_len, INBUF_SIZE - r->in_len);
    else
        k = (long)read_fd(r->fd, r->in + r->in_len, INBUF_SIZE - r->in_len);
    if (k < 0)
        return -1;
    if (k == 0 && !r->gap)
        r->eof = 1;
    r->in_len += (size_t)k;
    return k;
}

/* The first bytes of a file are gzip or zstd magic: move them to the
 * compressed buffer and decode from there on. 0, or -1 (message set). */
static int start_codec(dyad_reader *r)
{
    static const unsigned char gz[2] = {0x1f, 0x8b}, zst[4] = {0x28, 0xb5, 0x2f, 0xfd};
    int codec = r->in_len >= 2 && memcmp(r->in, gz, 2) == 0    ? CODEC_GZIP
              : r->in_len >= 4 && memcmp(r->in, zst, 4) == 0 ? CODEC_ZSTD
                                                              : CODEC_NONE;
    if (codec == CODEC_NONE)
        return 0;
    if (!r->zin && !(r->zin = malloc(ZIN_SIZE)))
        goto nomem;
    if (codec == CODEC_GZIP && !r->zs_ready) {
        memset(&r->zs, 0, sizeof r->zs);
        if (inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK)  /* 16: gzip wrapper only */
            goto nomem;
        r->zs_ready = 1;
    }
    if (codec == CODEC_ZSTD) {
        if (!r->zd && !(r->zd = ZSTD_createDStream()))
            goto nomem;
        ZSTD_DCtx_reset(r->zd, ZSTD_reset_session_only);
    }
    memcpy(r->zin, r->in, r->in_len);
    r->zin_pos = 0;
    r->zin_len = r->in_len;
    r->zin_eof = r->eof;
    r->zin_used = 0;
    r->dec_total = 0;
    r->mcount = 0;
    r->member_open = 0;
    r->in_pos = r->in_len = 0;
    r->eof = 0;
    r->codec = codec;
    /* a web archive (known only once decoded) reads on after a corrupt
     * member: open_file turns that off for every other format */
    r->resync = codec == CODEC_GZIP;
    return 0;
nomem:
    set_err(r, "%s:1: byte 0: out of memory", r->file);
    return -1;
}

/* Append to the record buffer; 0 when over the cap (nothing appended),
 * -1 when out of memory. */
static int rec_append(dyad_reader *r, const unsigned char *p, size_t n)
{
    if (n > r->max_record || r->rec_len > r->max_record - n)
        return 0;
    if (r->rec_len + n + 1 > r->rec_cap) {
        size_t cap = r->rec_cap ? r->rec_cap : 4096;
        while (cap < r->rec_len + n + 1)
            cap *= 2;
        if (cap > r->max_record + 1)
            cap = r->max_record + 1;
        char *nb = realloc(r->rec, cap);
        if (!nb)
            return -1;
        r->rec = nb;
        r->rec_cap = cap;
    }
    memcpy(r->rec + r->rec_len, p, n);
    r->rec_len += n;
    r->rec[r->rec_len] = '\0';
    return 1;
}

static void rec_release_if_large(dyad_reader *r)
{
    if (r->rec_cap > KEEP_REC_CAP) {
        free(r->rec);
        r->rec = NULL;
        r->rec_cap = 0;
    }
    if (r->dec_cap > KEEP_REC_CAP) {
        free(r->dec);
        r->dec = NULL;
        r->dec_cap = 0;
    }
    r->rec_len = 0;
}

static void close_file(dyad_reader *r)
{
    if (r->fd >= 0 && r->fd_owned)
        close(r->fd);
    r->fd = -1;
    r->fd_owned = 0;
    r->in_pos = r->in_len = 0;
    r->eof = 0;
    r->codec = CODEC_NONE;
    r->zin_pos = r->zin_len = 0;
    r->resync = r->gap = 0;
    r->warc_lost = 0;
}

/* A stream error kept for after the file's records: report it now, at
 * the line and byte the decoded text reached. */
static dyad_status stream_failed(dyad_reader *r, uint64_t line, uint64_t offset)
{
    set_err(r, "%s:%llu: byte %llu: %s", r->file, (unsigned long long)line,
            (unsigned long long)offset, r->zerr);
    r->zerr[0] = '\0';
    return DYAD_ERR_FORMAT;
}

static void drop_json(dyad_reader *r)
{
    if (r->json) {
        json_decref(r->json);
        r->json = NULL;
    }
}

static void pop_frame(dyad_reader *r)
{
    frame *f = &r->frames[--r->nframes];
    for (size_t i = 0; i < f->n; i++)
        free(f->names[i]);
    free(f->names);
    free(f->dir);
}

static void close_all(dyad_reader *r)
{
    close_file(r);
    while (r->nframes)
        pop_frame(r);
}

/* ------------------------------------------------------------------------
 * Opening files and walking directories
 * ------------------------------------------------------------------------ */

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir), nl = strlen(name);
    int slash = dl > 0 && dir[dl - 1] != '/';
    char *p = malloc(dl + (size_t)slash + nl + 1);
    if (!p)
        return NULL;
    memcpy(p, dir, dl);
    if (slash)
        p[dl] = '/';
    memcpy(p + dl + (size_t)slash, name, nl + 1);
    return p;
}

static dyad_status push_dir(dyad_reader *r, const char *path)
{
    DIR *d = NULL;
    frame f = {0};
    size_t cap = 0;
    if (r->nframes == r->capframes) {
        size_t nc = r->capframes ? r->capframes * 2 : 8;
        frame *nf = realloc(r->frames, nc * sizeof *nf);
        if (!nf)
            goto nomem;
        r->frames = nf;
        r->capframes = nc;
    }
    d = opendir(path);
    if (!d) {
        set_err(r, "%s: cannot open directory: %s", path, strerror(errno));
        return DYAD_ERR_IO;
    }
    f.dir = malloc(strlen(path) + 1);
    if (!f.dir)
        goto nomem;
    memcpy(f.dir, path, strlen(path) + 1);
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) {
                set_err(r, "%s: cannot read directory: %s", path, strerror(errno));
                goto fail_io;
            }
            break;
        }
        if (e->d_name[0] == '.')   /* hidden files, "." and ".." */
            continue;
        if (f.n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            char **nn = realloc(f.names, nc * sizeof *nn);
            if (!nn)
                goto nomem;
            f.names = nn;
            cap = nc;
        }
        size_t l = strlen(e->d_name);
        f.names[f.n] = malloc(l + 1);
        if (!f.names[f.n])
            goto nomem;
        memcpy(f.names[f.n++], e->d_name, l + 1);
    }
    closedir(d);
    if (f.n > 1)
        qsort(f.names, f.n, sizeof *f.names, cmp_names);
    r->frames[r->nframes++] = f;
    return DYAD_OK;
nomem:
    set_err(r, "%s: out of memory while listing the directory", path);
    if (d)
        closedir(d);
    for (size_t i = 0; i < f.n; i++)
        free(f.names[i]);
    free(f.names);
    free(f.dir);
    return DYAD_ERR_NOMEM;
fail_io:
    closedir(d);
    for (size_t i = 0; i < f.n; i++)
        free(f.names[i]);
    free(f.names);
    free(f.dir);
    return DYAD_ERR_IO;
}

static void set_file_name(dyad_reader *r, char *name)
{
    free(r->file);
    r->file = name;
}

/* Make `path` the current file (taking ownership of `name`): open it, read
 * the first bytes and settle its format. */
static dyad_status open_file(dyad_reader *r, char *name, int use_stdin)
{
    close_file(r);
    set_file_name(r, name);
    r->line = r->offset = 0;
    r->eof = 0;
    r->is_regular = 0;
    if (use_stdin) {
        r->fd = STDIN_FILENO;
        r->fd_owned = 0;
    } else {
        int fd = open(r->file, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            set_err(r, "%s: cannot open: %s", r->file, strerror(errno));
            return DYAD_ERR_IO;
        }
        r->fd = fd;
        r->fd_owned = 1;
    }
    struct stat st;
    memset(&st, 0, sizeof st);
    if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode))
        r->is_regular = 1;
    /* Sniff: compression, then the format and binary checks look at the
     * first bytes (decoded). */
    r->zerr[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        while (r->in_len < SNIFF_SIZE && !r->eof) {
            long k = fill(r);
            if (k < 0) {
                set_err(r, "%s:1: byte 0: read error: %s", r->file, strerror(errno));
                close_file(r);
                return DYAD_ERR_IO;
            }
            if (k == 0)
                break;   /* the end, or a corrupt gzip member (gap) */
        }
        if (pass == 0 && start_codec(r) != 0) {
            close_file(r);
            return DYAD_ERR_NOMEM;
        }
        if (r->codec == CODEC_NONE)
            break;
    }
    const char *s = (const char *)r->in;
    size_t n = r->in_len;
    r->fmt = r->format;
    if (r->fmt == DYAD_INPUT_AUTO) {
        size_t i = 0, a, b, c;
        if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
            i = 3;
        while (i < n && is_blank((unsigned char)s[i]))
            i++;
        if (i < n && s[i] == '{')
            r->fmt = DYAD_INPUT_JSONL;
        else if (n - i >= 7 && memcmp(s + i, "WARC/1.", 7) == 0)
            r->fmt = DYAD_INPUT_WARC;
        else if (seed_header(s, n, &a, &b, &c))
            r->fmt = DYAD_INPUT_SEED;
        else
            r->fmt = DYAD_INPUT_TEXT;
    }
    /* Only a web archive reads on after a corrupt gzip member: for the
     * others the file ends there, as it always did. */
    if (r->fmt != DYAD_INPUT_WARC) {
        r->resync = 0;
        if (r->gap) {
            r->gap = 0;
            snprintf(r->zerr, sizeof r->zerr, "gzip stream %s at byte %llu of the compressed "
                     "file; the rest of the file is skipped", r->gap_what,
                     (unsigned long long)r->gap_at);
            r->eof = 1;
        }
    }
    /* a web archive holds images and the like: its records say what they are */
    if (r->fmt != DYAD_INPUT_JSONL && r->fmt != DYAD_INPUT_WARC) {
        size_t m = n < SNIFF_SIZE ? n : SNIFF_SIZE, ctl = 0, nuls = 0;
        const unsigned char *nul = memchr(s, 0, m);
        for (size_t i = 0; i < m; i++) {
            unsigned char c = r->in[i];
            if (c == 0)
                nuls++;
            else if ((c < 0x20 && !is_blank(c) && c != 0x1B) || c == 0x7F)
                ctl++;
        }
        /* A stray NUL in a text is a coder warning (dyad.h), not a reason
         * to drop the document; binaries and UTF-16 are full of them. */
        if (nul && nuls * 64 > m + 64) {
            set_err(r, "%s:1: byte 0: binary file (%zu NUL bytes in the first %zu, the first "
                    "at byte %zu)", r->file, nuls, m, (size_t)(nul - r->in));
            close_file(r);
            return DYAD_ERR_BINARY;
        }
        if (ctl * 10 > m) {
            set_err(r, "%s:1: byte 0: binary file (%zu control bytes in the first %zu)",
                    r->file, ctl, m);
            close_file(r);
            return DYAD_ERR_BINARY;
        }
        if (r->is_regular && (uint64_t)st.st_size > (uint64_t)r->max_record) {
            set_err(r, "%s:1: byte 0: document of %lld bytes is over the %zu-byte limit",
                    r->file, (long long)st.st_size, r->max_record);
            close_file(r);
            return DYAD_ERR_TOOBIG;
        }
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------------------
 * Records
 * ------------------------------------------------------------------------ */

/* The whole current file as one document (seed or text format). */
static dyad_status read_whole(dyad_reader *r, dyad_doc *doc)
{
    dyad_status st = DYAD_OK;
    r->rec_len = 0;
    r->doc_line = 1;
    r->doc_offset = 0;
    for (;;) {
        if (r->in_pos < r->in_len) {
            int k = rec_append(r, r->in + r->in_pos, r->in_len - r->in_pos);
            if (k < 0) {
                set_err(r, "%s:1: byte 0: out of memory", r->file);
                st = DYAD_ERR_NOMEM;
                goto done;
            }
            if (k == 0) {
                set_err(r, "%s:1: byte 0: document is over the %zu-byte limit",
                        r->file, r->max_record);
                st = DYAD_ERR_TOOBIG;
                goto done;
            }
            r->offset += r->in_len - r->in_pos;
            r->in_pos = r->in_len;
        }
        long k = fill(r);
        if (k < 0) {
            set_err(r, "%s:1: byte %llu: read error: %s", r->file,
                    (unsigned long long)r->offset, strerror(errno));
            st = DYAD_ERR_IO;
            goto done;
        }
        if (k == 0)
            break;
    }
    if (r->zerr[0]) {
        st = stream_failed(r, 1, r->offset);
        goto done;
    }
    const char *s = r->rec ? r->rec : "";
    size_t n = r->rec_len, text = 0;
    /* the whole file's hash: a page's id does not move when the extraction
     * rules change */
    if (r->fmt == DYAD_INPUT_HTML)
        fnv1a_hex(s, n, r->id);
    memset(doc, 0, sizeof *doc);
    doc->date = r->date;
    if (r->fmt == DYAD_INPUT_SEED) {
        size_t d, dl;
        if (!seed_header(s, n, &d, &dl, &text)) {
            set_err(r, "%s:1: byte 0: a seed file starts with 'date YYYY-MM[-DD]'", r->file);
            st = DYAD_ERR_FORMAT;
            goto done;
        }
        memcpy(r->date_buf, s + d, dl);
        r->date_buf[dl] = '\0';
        doc->date = r->date_buf;
    } else if (r->fmt == DYAD_INPUT_HTML) {
        char why[256];
        st = dyadi_html_extract(s, n, &r->html, why, sizeof why);
        if (st != DYAD_OK) {
            set_err(r, "%s:1: byte 0: %s", r->file, why);
            goto done;
        }
        s = r->html.text;
        n = r->html.len;
        doc->title = r->html.title;
        if (r->html.date[0]) {
            memcpy(r->date_buf, r->html.date, sizeof r->date_buf);
            doc->date = r->date_buf;
        }
    } else if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        text = 3;   /* a byte-order mark is not part of the article */
    }
    /* The file's bytes whole, the header or mark as body: spans then
     * count from the file's first byte (docs/formats.md, "Spans"). */
    doc->text = s;
    doc->text_len = n;
    doc->body = text;
    if (only_blanks(s + text, n - text)) {
        set_err(r, "%s:1: byte 0: empty document", r->file);
        st = DYAD_ERR_EMPTY;
        goto done;
    }
    /* the article's hash: the same text has the same id in any format */
    if (r->fmt != DYAD_INPUT_HTML)
        fnv1a_hex(s + text, n - text, r->id);
    doc->id = r->id;
    doc->lang = r->lang;
done:
    close_file(r);
    if (st != DYAD_OK) {
        memset(doc, 0, sizeof *doc);
        rec_release_if_large(r);
    }
    return st;
}

/* Read the next line of the current file into the record buffer, without
 * its newline. *start is its byte offset. Returns DYAD_OK, DYAD_DONE at the
 * end of the file, DYAD_ERR_TOOBIG (the line was read through and dropped),
 * DYAD_ERR_IO or DYAD_ERR_NOMEM. */
static dyad_status read_line(dyad_reader *r, uint64_t *start)
{
    uint64_t got = 0;
    int toobig = 0;
    r->rec_len = 0;
    *start = r->offset;
    for (;;) {
        if (r->in_pos == r->in_len) {
            long k = fill(r);
            if (k < 0) {
                set_err(r, "%s:%llu: byte %llu: read error: %s", r->file,
                        (unsigned long long)r->line + 1, (unsigned long long)r->offset,
                        strerror(errno));
                return DYAD_ERR_IO;
            }
            if (k == 0) {
                if (got == 0)
                    return DYAD_DONE;
                break;
            }
        }
        const unsigned char *p = r->in + r->in_pos;
        size_t avail = r->in_len - r->in_pos;
        const unsigned char *nl = memchr(p, '\n', avail);
        size_t chunk = nl ? (size_t)(nl - p) : avail;
        if (!toobig) {
            int k = rec_append(r, p, chunk);
            if (k < 0) {
                set_err(r, "%s:%llu: byte %llu: out of memory", r->file,
                        (unsigned long long)r->line + 1, (unsigned long long)*start);
                return DYAD_ERR_NOMEM;
            }
            if (k == 0) {
                toobig = 1;
                rec_release_if_large(r);
            }
        }
        got += chunk;
        r->in_pos += chunk;
        r->offset += chunk;
        if (nl) {
            r->in_pos++;
            r->offset++;
            break;
        }
    }
    r->line++;
    if (toobig) {
        set_err(r, "%s:%llu: byte %llu: record of %llu bytes is over the %zu-byte limit",
                r->file, (unsigned long long)r->line, (unsigned long long)*start,
                (unsigned long long)got, r->max_record);
        return DYAD_ERR_TOOBIG;
    }
    return DYAD_OK;
}

/* ------------------------------------------------------------------------
 * JSON Lines records
 *
 * A record is a flat object; dyad uses seven of its members. The scanner
 * below reads such a line in one pass and decodes only those strings, in
 * place in the record buffer (a decoded string is never longer than its
 * JSON form), instead of building a jansson document per line, which was
 * 15% of `dyad code`'s time. It is strict: anything it does not accept as
 * valid JSON, or cannot handle (a nested object or array, an integer id
 * past 64 bits, a record that is not an object), goes to jansson, which
 * either reads it or says exactly what is wrong, so the messages are
 * jansson's as before.
 * ------------------------------------------------------------------------ */

enum { F_TEXT, F_TITLE, F_URL, F_SOURCE, F_LANG, F_DATE, F_ID, F_COUNT };
enum { K_ABSENT, K_NULL, K_STRING, K_INT, K_OTHER };
static const char *const field_names[F_COUNT] = {"text", "title", "url", "source",
                                                 "lang", "date", "id"};

typedef struct fields {
    int kind[F_COUNT];
    const char *str[F_COUNT];   /* K_STRING: NUL-terminated */
    size_t len[F_COUNT];
    long long num;              /* id, K_INT */
} fields;

typedef struct scan {
    const char *p, *end;
    char *o;                    /* decoded strings go here, one after another */
} scan;

static void skip_ws(scan *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static int hex4(const char *p, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < 4; i++) {
        char h = p[i];
        x <<= 4;
        if (h >= '0' && h <= '9')
            x |= (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f')
            x |= (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F')
            x |= (unsigned)(h - 'A' + 10);
        else
            return 0;
    }
    *v = x;
    return 1;
}

/* Length of the valid UTF-8 sequence at p (strict: no overlong forms, no
 * surrogates, at most U+10FFFF), 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
             : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (n == 0 || (size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
        (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
        return 0;
    return n;
}

static char *put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* A string at c->p (on its opening quote), decoded at c->o and
 * NUL-terminated: *out and *len. 0 when it is not valid JSON, or holds a
 * NUL (jansson refuses \u0000 too). */
static int scan_string(scan *c, const char **out, size_t *len)
{
    char *o = c->o, *start = o;
    c->p++;
    for (;;) {
        /* the common case: a run of plain ASCII, copied at once */
        const char *q = c->p;
        while (q < c->end && (unsigned char)*q >= 0x20 && (unsigned char)*q < 0x80 &&
               *q != '"' && *q != '\\')
            q++;
        memcpy(o, c->p, (size_t)(q - c->p));
        o += q - c->p;
        c->p = q;
        if (c->p >= c->end)
            return 0;
        unsigned char ch = (unsigned char)*c->p;
        if (ch == '"')
            break;
        if (ch < 0x20)
            return 0;
        if (ch == '\\') {
            if (c->end - c->p < 2)
                return 0;
            char e = c->p[1];
            c->p += 2;
            switch (e) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '/': *o++ = '/'; break;
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'n': *o++ = '\n'; break;
            case 'r': *o++ = '\r'; break;
            case 't': *o++ = '\t'; break;
            case 'u': {
                unsigned cp, lo;
                if (c->end - c->p < 4 || !hex4(c->p, &cp))
                    return 0;
                c->p += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return 0;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u' ||
                        !hex4(c->p + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return 0;
                    c->p += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (cp == 0)
                    return 0;
                o = put_utf8(o, cp);
                break;
            }
            default:
                return 0;
            }
            continue;
        }
        size_t k = utf8_seq((const unsigned char *)c->p, (const unsigned char *)c->end);
        if (k == 0)
            return 0;
        memcpy(o, c->p, k);
        o += k;
        c->p += k;
    }
    c->p++;
    *o = '\0';
    c->o = o + 1;
    *out = start;
    *len = (size_t)(o - start);
    return 1;
}

/* A number: JSON's grammar. *is_int and *v for an integer that fits. */
static int scan_number(scan *c, int *is_int, long long *v)
{
    const char *s = c->p;
    if (c->p < c->end && *c->p == '-')
        c->p++;
    if (c->p >= c->end || *c->p < '0' || *c->p > '9')
        return 0;
    if (*c->p == '0')
        c->p++;
    else
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
            c->p++;
    *is_int = 1;
    if (c->p < c->end && *c->p == '.') {
        *is_int = 0;
        c->p++;
        if (c->p >= c->end || *c->p < '0' || *c->p > '9')
            return 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
            c->p++;
    }
    if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
        *is_int = 0;
        c->p++;
        if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
            c->p++;
        if (c->p >= c->end || *c->p < '0' || *c->p > '9')
            return 0;
        while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
            c->p++;
    }
    if (*is_int) {
        char buf[24];
        size_t n = (size_t)(c->p - s);
        if (n >= sizeof buf)
            return 0;   /* past 64 bits: jansson says so */
        memcpy(buf, s, n);
        buf[n] = '\0';
        errno = 0;
        char *e = NULL;
        *v = strtoll(buf, &e, 10);
        if (errno == ERANGE || e != buf + n)
            return 0;
    }
    return 1;
}

static int scan_word(scan *c, const char *w, size_t n)
{
    if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n) != 0)
        return 0;
    c->p += n;
    return 1;
}

/* The record at s (n bytes) as a flat object: 1 and f filled, its strings
 * decoded into out (n + 1 bytes: a decoded string and its NUL are never
 * longer than the quoted JSON form), or 0 to leave it to jansson. */
static int scan_flat(const char *s, size_t n, char *out, fields *f)
{
    scan c = {s, s + n, out};
    memset(f, 0, sizeof *f);
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{')
        return 0;
    c.p++;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}') {
        c.p++;
        goto tail;
    }
    for (;;) {
        const char *key, *str = NULL;
        size_t klen, slen = 0;
        if (c.p >= c.end || *c.p != '"' || !scan_string(&c, &key, &klen))
            return 0;
        skip_ws(&c);
        if (c.p >= c.end || *c.p != ':')
            return 0;
        c.p++;
        skip_ws(&c);
        if (c.p >= c.end)
            return 0;
        int kind, is_int = 0;
        long long num = 0;
        char ch = *c.p;
        if (ch == '"') {
            if (!scan_string(&c, &str, &slen))
                return 0;
            kind = K_STRING;
        } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
            /* a real goes to jansson, which also knows when it overflows */
            if (!scan_number(&c, &is_int, &num) || !is_int)
                return 0;
            kind = K_INT;
        } else if (scan_word(&c, "null", 4)) {
            kind = K_NULL;
        } else if (scan_word(&c, "true", 4) || scan_word(&c, "false", 5)) {
            kind = K_OTHER;
        } else {
            return 0;   /* an object or array: jansson */
        }
        for (int i = 0; i < F_COUNT; i++)
            if (klen == strlen(field_names[i]) && memcmp(key, field_names[i], klen) == 0) {
                /* a repeated member: the last one counts, as in jansson */
                f->kind[i] = kind;
                f->str[i] = str;
                f->len[i] = slen;
                if (i == F_ID)
                    f->num = num;
            }
        skip_ws(&c);
        if (c.p < c.end && *c.p == ',') {
            c.p++;
            skip_ws(&c);
            continue;
        }
        if (c.p < c.end && *c.p == '}') {
            c.p++;
            break;
        }
        return 0;
    }
tail:
    skip_ws(&c);
    return c.p == c.end;
}

/* The same fields from a jansson document. */
static void json_fields(json_t *o, fields *f)
{
    memset(f, 0, sizeof *f);
    for (int i = 0; i < F_COUNT; i++) {
        json_t *v = json_object_get(o, field_names[i]);
        if (!v) {
            f->kind[i] = K_ABSENT;
        } else if (json_is_null(v)) {
            f->kind[i] = K_NULL;
        } else if (json_is_string(v)) {
            f->kind[i] = K_STRING;
            f->str[i] = json_string_value(v);
            f->len[i] = json_string_length(v);
        } else if (json_is_integer(v)) {
            f->kind[i] = K_INT;
            f->num = (long long)json_integer_value(v);
        } else {
            f->kind[i] = K_OTHER;
        }
    }
}

/* Room for n bytes of decoded strings. */
static int dec_reserve(dyad_reader *r, size_t n)
{
    if (n <= r->dec_cap)
        return 0;
    size_t cap = r->dec_cap ? r->dec_cap : 4096;
    while (cap < n)
        cap *= 2;
    char *d = realloc(r->dec, cap);
    if (!d)
        return -1;
    r->dec = d;
    r->dec_cap = cap;
    return 0;
}

/* Turn the line in the record buffer into a document. */
static dyad_status parse_jsonl(dyad_reader *r, uint64_t start, dyad_doc *doc)
{
    char *s = r->rec;
    size_t n = r->rec_len;
    unsigned long long ln = (unsigned long long)r->line, off = (unsigned long long)start;
    if (start == 0 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
        s += 3;
        n -= 3;
    }
    const char *nul = memchr(s, 0, n);
    if (nul) {
        set_err(r, "%s:%llu: byte %llu: NUL byte at column %zu", r->file, ln, off,
                (size_t)(nul - s) + 1);
        return DYAD_ERR_FORMAT;
    }
    fields f;
    if (dec_reserve(r, n + 1) != 0) {
        set_err(r, "%s:%llu: byte %llu: out of memory", r->file, ln, off);
        return DYAD_ERR_NOMEM;
    }
    if (!scan_flat(s, n, r->dec, &f)) {
        json_error_t je;
        json_t *o = json_loadb(s, n, 0, &je);
        if (!o) {
            set_err(r, "%s:%llu: byte %llu: invalid JSON at column %d: %s", r->file, ln, off,
                    je.column, je.text);
            return DYAD_ERR_FORMAT;
        }
        r->json = o;
        if (!json_is_object(o)) {
            set_err(r, "%s:%llu: byte %llu: record is not a JSON object", r->file, ln, off);
            return DYAD_ERR_FORMAT;
        }
        json_fields(o, &f);
    }
    const char *ferr = NULL;
    if (f.kind[F_TEXT] != K_STRING)
        ferr = f.kind[F_TEXT] == K_ABSENT ? "no \"text\" member" : "\"text\" is not a string";
    for (int i = F_TITLE; !ferr && i <= F_DATE; i++)
        if (f.kind[i] == K_INT || f.kind[i] == K_OTHER) {
            set_err(r, "%s:%llu: byte %llu: \"%s\" is not a string", r->file, ln, off,
                    field_names[i]);
            return DYAD_ERR_FORMAT;
        }
    if (ferr) {
        set_err(r, "%s:%llu: byte %llu: %s", r->file, ln, off, ferr);
        return DYAD_ERR_FORMAT;
    }
    memset(doc, 0, sizeof *doc);
    doc->text = f.str[F_TEXT];
    doc->text_len = f.len[F_TEXT];
    doc->title = f.str[F_TITLE];
    doc->url = f.str[F_URL];
    doc->source = f.str[F_SOURCE];
    const char *lang = f.str[F_LANG], *date = f.str[F_DATE];
    doc->lang = r->lang ? r->lang : (lang && lang[0] ? lang : NULL);
    doc->date = r->date;
    if (date && date[0]) {
        /* Timestamps are common in news feeds: keep their date part. */
        size_t vl = f.len[F_DATE];
        size_t dl = date_len(date, vl);
        if (dl == 0 && vl > 10 && (date[10] == 'T' || date[10] == ' '))
            dl = date_len(date, 10) == 10 ? 10 : 0;
        if (dl == 0) {
            set_err(r, "%s:%llu: byte %llu: \"date\" is not YYYY-MM[-DD]: \"%.40s\"", r->file, ln,
                    off, date);
            return DYAD_ERR_FORMAT;
        }
        memcpy(r->date_buf, date, dl);
        r->date_buf[dl] = '\0';
        doc->date = r->date_buf;
    }
    if (f.kind[F_ID] == K_STRING && f.len[F_ID] > 0) {
        doc->id = f.str[F_ID];
    } else if (f.kind[F_ID] == K_INT) {
        snprintf(r->id, sizeof r->id, "%lld", f.num);
        doc->id = r->id;
    } else if (f.kind[F_ID] == K_OTHER) {
        set_err(r, "%s:%llu: byte %llu: \"id\" is not a string or an integer", r->file, ln, off);
        return DYAD_ERR_FORMAT;
    }
    if (only_blanks(doc->text, doc->text_len)) {
        set_err(r, "%s:%llu: byte %llu: empty document", r->file, ln, off);
        return DYAD_ERR_EMPTY;
    }
    if (!doc->id) {
        fnv1a_hex(doc->text, doc->text_len, r->id);
        doc->id = r->id;
    }
    r->doc_line = r->line;
    r->doc_offset = start;
    return DYAD_OK;
}

static dyad_status next_jsonl(dyad_reader *r, dyad_doc *doc)
{
    for (;;) {
        uint64_t start;
        dyad_status st = read_line(r, &start);
        if (st == DYAD_DONE) {
            close_file(r);
            rec_release_if_large(r);
            if (r->zerr[0]) {
                r->doc_line = r->line + 1;
                r->doc_offset = r->offset;
                return stream_failed(r, r->doc_line, r->doc_offset);
            }
            return DYAD_DONE;
        }
        if (st == DYAD_ERR_IO)
            close_file(r);
        if (st != DYAD_OK)
            return st;
        if (only_blanks(r->rec, r->rec_len))
            continue;
        st = parse_jsonl(r, start, doc);
        if (st != DYAD_OK) {
            memset(doc, 0, sizeof *doc);
            drop_json(r);
        }
        return st;
    }
}

/* ------------------------------------------------------------------------
 * Web archives (WARC)
 *
 * A record is a header of lines up to a blank line, then Content-Length
 * bytes of block, then a blank line. The reader frames records here and
 * warc.c reads their insides. A response whose HTTP payload is an HTML
 * page becomes a document: id, url and source its WARC-Target-URI, date
 * its WARC-Date, the text what html.c extracts from the page. Every other
 * record (request, metadata, warcinfo, images, redirects) is read through
 * without being kept and counted (dyad_reader_skipped). Memory: a header
 * is kept up to WARC_HEAD_MAX bytes, a block up to the record cap; a
 * larger one is read through and reported. A record that is cut short
 * (the file ends, or a corrupt gzip member was skipped) or whose header
 * is not a WARC header is reported with its offset, and reading goes on
 * at the next line that starts a WARC record.
 * ------------------------------------------------------------------------ */

/* Bytes buffered, read when none are: > 0, 0 at the end of the data (end
 * of file, or a skipped gzip member: see r->gap), -1 on a read error. */
static long warc_avail(dyad_reader *r)
{
    if (r->in_pos < r->in_len)
        return (long)(r->in_len - r->in_pos);
    if (r->gap)
        return 0;
    return fill(r);
}

/* Move past n buffered bytes, counting lines. */
static void warc_consume(dyad_reader *r, size_t n)
{
    const unsigned char *p = r->in + r->in_pos, *e = p + n;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        r->line++;
        p++;
    }
    r->in_pos += n;
    r->offset += n;
}

/* Read one line (with its newline) onto the header buffer; past
 * WARC_HEAD_MAX bytes the rest is read through and *over set. 1: a line,
 * 3: a blank line (not kept), 2: the data ended inside a line, 0: the data
 * ended before it, -1: read error. */
static int warc_line(dyad_reader *r, int *over)
{
    size_t got = 0;
    int cr = 0;
    for (;;) {
        long k = warc_avail(r);
        if (k < 0)
            return -1;
        if (k == 0)
            return got ? 2 : 0;
        const unsigned char *p = r->in + r->in_pos;
        const unsigned char *nl = memchr(p, '\n', (size_t)k);
        size_t chunk = nl ? (size_t)(nl - p) + 1 : (size_t)k;
        if (got == 0 && p[0] == '\r')
            cr = 1;
        if (nl && got + chunk == (size_t)cr + 1) {
            warc_consume(r, chunk);
            return 3;
        }
        size_t room = WARC_HEAD_MAX - r->whdr_len;
        size_t keep = chunk < room ? chunk : room;
        if (keep < chunk)
            *over = 1;
        memcpy(r->whdr + r->whdr_len, p, keep);
        r->whdr_len += keep;
        got += chunk;
        warc_consume(r, chunk);
        if (nl)
            return 1;
    }
}

/* Read n bytes of block: into the record buffer when keep, else through.
 * Returns the bytes read (short when the data ended), or -1 on a read error. */
static long long warc_block(dyad_reader *r, uint64_t n, int keep)
{
    uint64_t got = 0;
    r->rec_len = 0;
    while (got < n) {
        long k = warc_avail(r);
        if (k < 0)
            return -1;
        if (k == 0)
            break;
        size_t chunk = (uint64_t)k < n - got ? (size_t)k : (size_t)(n - got);
        if (keep && rec_append(r, r->in + r->in_pos, chunk) <= 0)
            return -2;
        warc_consume(r, chunk);
        got += chunk;
    }
    return (long long)got;
}

/* "FILE:LINE: byte OFFSET" of the record that started at line, offset,
 * and the compressed byte of its gzip member when it starts one. */
static void warc_where(const dyad_reader *r, uint64_t line, uint64_t offset, char *buf,
                       size_t len)
{
    int n = snprintf(buf, len, "%s:%llu: byte %llu", r->file, (unsigned long long)line,
                     (unsigned long long)offset);
    if (n < 0 || (size_t)n >= len || r->codec != CODEC_GZIP)
        return;
    unsigned first = r->mcount > MEMBER_RING ? r->mcount - MEMBER_RING : 0;
    for (unsigned i = r->mcount; i-- > first;)
        if (r->mdec[i % MEMBER_RING] == offset) {
            snprintf(buf + n, len - (size_t)n, " (gzip member at byte %llu)",
                     (unsigned long long)r->mcomp[i % MEMBER_RING]);
            return;
        }
}

/* The data ended inside a record: say why and where. */
static dyad_status warc_cut(dyad_reader *r, const char *where, const char *what)
{
    if (r->gap) {
        set_err(r, "%s: %s: %s", where, what, r->gapmsg);
        r->gap = 0;
    } else if (r->zerr[0]) {
        set_err(r, "%s: %s: %s", where, what, r->zerr);
        r->zerr[0] = '\0';
    } else {
        set_err(r, "%s: %s: the file ends there", where, what);
    }
    return DYAD_ERR_FORMAT;
}

static dyad_status next_warc(dyad_reader *r, dyad_doc *doc)
{
    if (!r->whdr && !(r->whdr = malloc(WARC_HEAD_MAX))) {
        set_err(r, "%s: out of memory", r->file);
        return DYAD_ERR_NOMEM;
    }
    for (;;) {
        char where[600], why[512];
        uint64_t start = 0, line = 0;
        int over = 0, rc;
        /* the version line, after the blank lines between records; after
         * a bad record, the next line that starts one */
        for (;;) {
            r->whdr_len = 0;
            over = 0;
            start = r->offset;
            line = r->line + 1;
            rc = warc_line(r, &over);
            if (rc <= 0)
                break;
            if (rc == 3)
                continue;
            if (r->whdr_len >= 7 && memcmp(r->whdr, "WARC/1.", 7) == 0)
                break;
            if (!r->warc_lost) {
                r->warc_lost = 1;
                warc_where(r, line, start, where, sizeof where);
                set_err(r, "%s: not a WARC record header; skipped to the next record", where);
                r->doc_line = line;
                r->doc_offset = start;
                return DYAD_ERR_FORMAT;
            }
        }
        if (rc < 0) {
            set_err(r, "%s:%llu: byte %llu: read error: %s", r->file,
                    (unsigned long long)r->line + 1, (unsigned long long)r->offset,
                    strerror(errno));
            close_file(r);
            return DYAD_ERR_IO;
        }
        r->doc_line = line;
        r->doc_offset = start;
        warc_where(r, line, start, where, sizeof where);
        if (rc == 0) {
            if (r->gap) {
                /* nothing of a record was read: the loss is the member's */
                set_err(r, "%s: %s", where, r->gapmsg);
                r->gap = 0;
                return DYAD_ERR_FORMAT;
            }
            close_file(r);
            rec_release_if_large(r);
            if (r->zerr[0])
                return stream_failed(r, line, start);
            return DYAD_DONE;
        }
        r->warc_lost = 0;
        /* the header's other lines, to the blank one */
        while (rc == 1)
            rc = warc_line(r, &over);
        if (rc < 0) {
            set_err(r, "%s: read error: %s", where, strerror(errno));
            close_file(r);
            return DYAD_ERR_IO;
        }
        if (rc != 3) {
            r->warc_lost = 1;
            return warc_cut(r, where, "truncated WARC record (the header does not end)");
        }
        dyadi_warc_head h;
        if (over) {
            r->warc_lost = 1;
            set_err(r, "%s: WARC record header over %zu bytes; skipped to the next record",
                    where, WARC_HEAD_MAX);
            return DYAD_ERR_FORMAT;
        }
        if (!dyadi_warc_parse_head(r->whdr, r->whdr_len, &h, why, sizeof why)) {
            r->warc_lost = 1;
            set_err(r, "%s: %s; skipped to the next record", where, why);
            return DYAD_ERR_FORMAT;
        }
        int wanted = h.response && h.http;
        int keep = wanted && h.length <= (uint64_t)r->max_record;
        long long got = warc_block(r, h.length, keep);
        if (got == -1) {
            set_err(r, "%s: read error: %s", where, strerror(errno));
            close_file(r);
            return DYAD_ERR_IO;
        }
        if (got == -2) {
            set_err(r, "%s: out of memory", where);
            return DYAD_ERR_NOMEM;
        }
        if ((uint64_t)got < h.length) {
            char what[160];
            snprintf(what, sizeof what, "truncated WARC record (%llu of its %llu bytes)",
                     (unsigned long long)got, (unsigned long long)h.length);
            r->warc_lost = 1;
            rec_release_if_large(r);
            return warc_cut(r, where, what);
        }
        if (!wanted) {
            r->skipped_records++;
            continue;
        }
        if (!keep) {
            set_err(r, "%s: WARC record of %llu bytes is over the %zu-byte limit", where,
                    (unsigned long long)h.length, r->max_record);
            return DYAD_ERR_TOOBIG;
        }
        int kind = 0;
        const char *page = NULL;
        size_t plen = 0;
        dyad_status st = dyadi_warc_http(r->rec ? r->rec : (char *)"", r->rec_len,
                                         r->max_record, &r->wbuf, &kind, &page, &plen, why,
                                         sizeof why);
        /* the URI names the page in every message */
        char uri[200];
        snprintf(uri, sizeof uri, "%.*s", h.uri ? (int)(h.uri_len < 160 ? h.uri_len : 160) : 0,
                 h.uri ? h.uri : "");
        for (char *c = uri; *c; c++)
            if ((unsigned char)*c < 0x20 || (unsigned char)*c == 0x7f)
                *c = '?';
        if (st != DYAD_OK) {
            set_err(r, "%s: %s: %s", where, uri[0] ? uri : "response", why);
            rec_release_if_large(r);
            return st;
        }
        if (kind != DYADI_WARC_HTML) {
            r->skipped_records++;
            continue;
        }
        st = dyadi_html_extract(page, plen, &r->html, why, sizeof why);
        rec_release_if_large(r);
        if (r->wbuf.cap > KEEP_REC_CAP)
            dyadi_warc_buf_free(&r->wbuf);
        if (st != DYAD_OK) {
            set_err(r, "%s: %s: %s", where, uri[0] ? uri : "response", why);
            return st;
        }
        memset(doc, 0, sizeof *doc);
        doc->text = r->html.text;
        doc->text_len = r->html.len;
        doc->title = r->html.title;
        doc->lang = r->lang;
        doc->date = r->date;
        if (h.date && date_len(h.date, h.date_len < 10 ? h.date_len : 10) == 10) {
            memcpy(r->date_buf, h.date, 10);
            r->date_buf[10] = '\0';
            doc->date = r->date_buf;
        }
        if (only_blanks(doc->text, doc->text_len)) {
            memset(doc, 0, sizeof *doc);
            set_err(r, "%s: %s: empty document", where, uri[0] ? uri : "response");
            return DYAD_ERR_EMPTY;
        }
        if (h.uri && h.uri_len) {
            /* the header is ours: end the URI where it ends */
            char *u = (char *)(uintptr_t)h.uri;
            u[h.uri_len] = '\0';
            doc->id = doc->url = doc->source = u;
        } else {
            fnv1a_hex(doc->text, doc->text_len, r->id);
            doc->id = r->id;
        }
        return DYAD_OK;
    }
}

/* ------------------------------------------------------------------------
 * Public API
 * ------------------------------------------------------------------------ */

DYAD_API dyad_reader *dyad_reader_new(const dyad_reader_options *opts)
{
    dyad_reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->in = malloc(INBUF_SIZE);
    if (!r->in) {
        free(r);
        return NULL;
    }
    r->fd = -1;
    r->max_record = DEFAULT_MAX_RECORD;
    if (opts) {
        r->format = opts->format;
        r->date = opts->date;
        if (opts->lang && strcmp(opts->lang, "auto") != 0)
            r->lang = opts->lang;
        if (opts->max_record)
            r->max_record = opts->max_record;
    }
    return r;
}

DYAD_API void dyad_reader_free(dyad_reader *r)
{
    if (!r)
        return;
    close_all(r);
    drop_json(r);
    free(r->frames);
    free(r->file);
    free(r->rec);
    free(r->in);
    free(r->zin);
    free(r->dec);
    free(r->whdr);
    dyadi_warc_buf_free(&r->wbuf);
    dyadi_html_free(&r->html);
    if (r->zs_ready)
        inflateEnd(&r->zs);
    ZSTD_freeDStream(r->zd);
    free(r);
}

DYAD_API dyad_status dyad_reader_open(dyad_reader *r, const char *path)
{
    if (!r || !path)
        return DYAD_ERR_ARG;
    close_all(r);
    drop_json(r);
    r->err[0] = '\0';
    size_t pl = strlen(path);
    char *name = malloc(pl + 1);
    if (!name) {
        set_err(r, "%s: out of memory", path);
        return DYAD_ERR_NOMEM;
    }
    memcpy(name, path, pl + 1);
    if (strcmp(path, "-") == 0)
        return open_file(r, name, 1);
    struct stat st;
    if (stat(path, &st) != 0) {
        set_err(r, "%s: cannot open: %s", path, strerror(errno));
        set_file_name(r, name);
        return DYAD_ERR_IO;
    }
    if (S_ISDIR(st.st_mode)) {
        set_file_name(r, name);
        return push_dir(r, path);
    }
    return open_file(r, name, 0);
}

DYAD_API dyad_status dyad_reader_next(dyad_reader *r, dyad_doc *doc)
{
    if (!r || !doc)
        return DYAD_ERR_ARG;
    drop_json(r);
    r->err[0] = '\0';
    memset(doc, 0, sizeof *doc);
    for (;;) {
        if (r->fd >= 0) {
            if (r->fmt == DYAD_INPUT_JSONL || r->fmt == DYAD_INPUT_WARC) {
                dyad_status st = r->fmt == DYAD_INPUT_JSONL ? next_jsonl(r, doc)
                                                            : next_warc(r, doc);
                if (st != DYAD_DONE)
                    return st;
                continue;
            }
            return read_whole(r, doc);
        }
        if (r->nframes == 0)
            return DYAD_DONE;
        frame *f = &r->frames[r->nframes - 1];
        if (f->i == f->n) {
            pop_frame(r);
            continue;
        }
        char *path = join_path(f->dir, f->names[f->i++]);
        if (!path) {
            set_err(r, "%s: out of memory", f->dir);
            return DYAD_ERR_NOMEM;
        }
        struct stat st;
        if (lstat(path, &st) != 0) {
            set_err(r, "%s: cannot open: %s", path, strerror(errno));
            set_file_name(r, path);
            return DYAD_ERR_IO;
        }
        if (S_ISDIR(st.st_mode)) {
            dyad_status s = push_dir(r, path);
            set_file_name(r, path);
            if (s != DYAD_OK)
                return s;
            continue;
        }
        /* Links to files are followed; links to directories are not, so a
         * link cycle cannot trap the walk. */
        if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) {
            set_err(r, "%s: cannot open: %s", path, strerror(errno));
            set_file_name(r, path);
            return DYAD_ERR_IO;
        }
        if (!S_ISREG(st.st_mode)) {
            free(path);
            continue;
        }
        dyad_status s = open_file(r, path, 0);
        if (s != DYAD_OK)
            return s;
    }
}

DYAD_API const char *dyad_reader_errmsg(const dyad_reader *r)
{
    return r ? r->err : "";
}

DYAD_API const char *dyad_reader_file(const dyad_reader *r)
{
    return r && r->file ? r->file : "-";
}

DYAD_API uint64_t dyad_reader_line(const dyad_reader *r)
{
    return r ? r->doc_line : 0;
}

DYAD_API uint64_t dyad_reader_offset(const dyad_reader *r)
{
    return r ? r->doc_offset : 0;
}

DYAD_API uint64_t dyad_reader_skipped(const dyad_reader *r)
{
    return r ? r->skipped_records : 0;
}
