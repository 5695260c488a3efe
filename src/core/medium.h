/*
 * medium.h -- the register of removable media (Art. 11: the office
 * carries its reports away on them).  The security administrator
 * registers a medium by its file-system UUID, and may revoke it; reports
 * are exported only to a registered medium that is mounted now.  Each
 * registration and revocation is audited.
 *
 * Test mode.  In a build configured with --enable-test-hooks, and only
 * while the environment sets ESEAL_TEST_MEDIA_DIRS, a medium may be
 * registered by an absolute directory path instead of a UUID; it counts
 * as mounted while the directory exists.  Production builds refuse such
 * a registration (STATUS_INVALID), so a clerk can never be offered an
 * ordinary directory.
 */
#ifndef ESEAL_CORE_MEDIUM_H
#define ESEAL_CORE_MEDIUM_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"
#include "util/util.h"

/* One medium: registered, mounted, or both. */
struct medium {
	uint64_t		 id;		/* in the register, or 0 */
	char			*uuid;
	char			*label;		/* registered, or the fs's */
	int			 revoked;
	int64_t			 registered_at;
	char			*registered_by;	/* login name */
	int			 mounted;
	struct media_info	 info;		/* where, size, free space */
};

/* Non-zero when ID may name a medium in the register: a file-system
 * UUID (hex digits and '-', as blkid prints it), or a directory in test
 * mode. */
int medium_id_valid(const char *id);

/*
 * Register the medium UUID with LABEL (may be NULL) for session S
 * (ACT_MEDIUM_REGISTER: the security administrator).  STATUS_EXISTS when
 * it is registered already; a revoked one is registered again.  Audited.
 */
enum status medium_register(struct session *s, const char *uuid,
    const char *label);

/* Revoke the registration of UUID (ACT_MEDIUM_REGISTER); STATUS_NOT_FOUND
 * when it is not registered or already revoked.  Audited. */
enum status medium_revoke(struct session *s, const char *uuid);

/* For the security administrator (ACT_MEDIUM_REGISTER): every medium
 * in the register, then every mounted removable medium that is not,
 * so that an inserted one can be registered by the UUID shown. */
enum status medium_list(struct session *s, struct medium **v, size_t *n);

/* For an export (ACT_EXPORT, ACT_REPORT_ACCOUNTS or ACT_AUDIT_EXPORT,
 * the auditor's export and archive of the trail): the registered,
 * unrevoked media mounted now: what the export screen offers. */
enum status medium_offered(struct session *s, struct medium **v, size_t *n);

void medium_list_free(struct medium *v, size_t n);

/* Where the medium UUID is mounted now, into INFO (media_info_free
 * after): STATUS_MEDIUM_ABSENT when it is not.  Checks no register. */
enum status medium_locate(const char *uuid, struct media_info *info);

/* The register's record of UUID in TXN, unrevoked, into REC (rec_free):
 * STATUS_MEDIUM_UNREGISTERED otherwise. */
enum status medium_find(struct store_txn *txn, const char *uuid,
    struct rec_medium *rec);

#endif
