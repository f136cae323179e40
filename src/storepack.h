/* storepack.h - what keeps the event store small (storepack.c): document
 * text compressed in SQLite's "sqlar" format, and a map from the strings
 * the store interns to their row ids. Internal; used by store.c. */
#ifndef DYAD_STOREPACK_H
#define DYAD_STOREPACK_H
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* Register sqlar_compress(X) and sqlar_uncompress(X, SZ) on db, with the
 * meaning the sqlite3 shell gives them (so that `sqlite3 dyad.db` reads the
 * store's views too): X deflated with zlib when that makes it shorter, else
 * X itself; and back, given the original size SZ. Also dyad_hash_blob(X),
 * dyadi_pack_hash in SQL (X itself when it is not a hash), for migrating
 * version 2 stores. SQLITE_OK or an error. */
int dyadi_pack_register(sqlite3 *db);

/* The 16 bytes that the 32 lower-case hex digits of a content hash
 * (dyad_content_hash) spell, in out: 16, or 0 when hex is something else
 * (a hash written by hand), which is then stored as it is. */
size_t dyadi_pack_hash(const char *hex, unsigned char out[16]);

/* Deflate n bytes of text into a buffer the caller frees with free():
 * *out and *outlen, or the text itself (*out NULL) when deflating does not
 * make it shorter. 0, or -1 when out of memory. */
int dyadi_pack_text(const char *text, size_t n, unsigned char **out, size_t *outlen);

/* The same, reusing one zlib stream and one output buffer for every text
 * (the event store's writer deflates every document): the same bytes as
 * dyadi_pack_text. Caller frees with dyadi_packer_free. */
typedef struct dyadi_packer dyadi_packer;
dyadi_packer *dyadi_packer_new(void);
void dyadi_packer_free(dyadi_packer *p);
/* *out (owned by p, valid until its next call) and *outlen, or *out NULL
 * when deflating does not make the text shorter (then use the text). 0, or
 * -1 when out of memory. */
int dyadi_packer_pack(dyadi_packer *p, const char *text, size_t n, const unsigned char **out,
                      size_t *outlen);

/* Row ids of interned strings and actor forms, keyed by their bytes, for
 * the life of a store handle: a hit saves two statements per string. Ids
 * written in a transaction that is rolled back must be forgotten
 * (dyadi_intern_clear). */
typedef struct dyadi_intern dyadi_intern;
dyadi_intern *dyadi_intern_new(void);
void dyadi_intern_free(dyadi_intern *m);
void dyadi_intern_clear(dyadi_intern *m);
/* The id stored for key (n bytes), or -1. */
int64_t dyadi_intern_get(const dyadi_intern *m, const char *key, size_t n);
/* Remember key -> id; 0, or -1 when out of memory (nothing is lost: the
 * next lookup asks the database). */
int dyadi_intern_put(dyadi_intern *m, const char *key, size_t n, int64_t id);
#endif
