/*
 * seal_fixture.h -- the office the seal suites work in: an office
 * director, two clerks (the custodian and a proxy), a drafter and an
 * approver, one seal made through the register, and a document version
 * issued and ready to be sealed, its records written straight into the
 * store (the workflow is not under test here).
 *
 * Built on the accounts fixture: a fresh workspace, the clock fixed at
 * FX_T0 and a cheap KDF.
 */
#ifndef ESEAL_TESTS_CORE_SEAL_FIXTURE_H
#define ESEAL_TESTS_CORE_SEAL_FIXTURE_H

#include <stdint.h>

#include "core/accounts_fixture.h"
#include "core/core.h"

#define SFX_REGNO	"4401-2026-001"
/* The custodian's and the proxy's key passwords. */
#define SFX_KEY_PW	"Key-Pass-2026!"
#define SFX_PROXY_PW	"Proxy-Key-2026!"

enum sfx_who { SFX_DIRECTOR, SFX_CLERK, SFX_CLERK2, SFX_DRAFTER,
	SFX_APPROVER, SFX__COUNT };

struct sfx {
	uint64_t	 id[SFX__COUNT];
	struct session	*s[SFX__COUNT];
	uint64_t	 seal;		/* SFX_REGNO, custodian SFX_CLERK */
	uint64_t	 doc;		/* issued, version 1 */
	uint64_t	 version;	/* its version record */
};

extern struct sfx sfx;
extern const char *const sfx_names[SFX__COUNT];

void sfx_setup(void);
void sfx_teardown(void);

/* Set the clock to T and log everybody in again (a jump of days would
 * otherwise lock their sessions as idle). */
void sfx_clock(int64_t t);

/* A small picture standing for the impression (the core stores it as
 * given; the render layer makes and checks real ones). */
extern const unsigned char sfx_png[];
extern const unsigned long sfx_png_len;

/* Make the seal REGNO with ALG, custodian SFX_CLERK; returns its id. */
uint64_t sfx_add(const char *regno, enum crypto_alg alg);

/* The seal as stored, wrapped key included (rec_free after). */
void sfx_get_seal(uint64_t id, struct rec_seal *seal);

/* Write REC of KIND straight into the store (fixtures only). */
void sfx_put(enum rec_kind kind, void *rec);

/* A custody or grant record as stored (rec_free after). */
void sfx_get(enum rec_kind kind, uint64_t id, void *rec);

/* A document issued by SFX_APPROVER, version 1, COPIES copies, sent for
 * sealing; *VERSION gets its version record's id. */
uint64_t sfx_doc(uint32_t copies, uint64_t *version);

/* Seal version VERSION with the seal SEAL_ID as user WHO with key
 * password PW, in the sealing's three steps (a read transaction, the
 * signature, a write transaction); the signature goes to SIG
 * (free its data) and the result is returned. */
enum status sfx_sign(enum sfx_who who, uint64_t seal_id, uint64_t version,
    const char *pw, struct blob *sig);

/* The proxy custody of the fixture's seal for SFX_CLERK2 from FROM to TO,
 * requested and approved; returns its id. */
uint64_t sfx_proxy_approved(int64_t from, int64_t to);

/*
 * For other suites' fixtures that need a real seal (the workflow's):
 * register the seal REGNO in the custody of the clerk logged in as
 * CUSTODIAN, whose key password becomes PW, made with an office
 * director account created for the purpose.  Needs only the accounts
 * fixture.  Returns the seal's id.
 */
uint64_t sfx_register(const char *regno, struct session *custodian,
    const char *pw);

#endif
