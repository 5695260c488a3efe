/*
 * rec_user.c -- how the store keeps an account (struct rec_user): its
 * fields, its index by login name, and the rule on role sets (Art. 7).
 *
 * The tags are part of the on-disk format (codec.c): never renumber or
 * reuse one; a new field takes the next free tag.  No rule about when a
 * record may change belongs here: that is src/core's.
 */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/codec.h"

/* The English role ids of MISSION's table, bit by bit (enum role). */
static const struct {
	uint32_t	 bit;
	const char	*name;
} rec_user_roles[] = {
	{ ROLE_DRAFTER, "drafter" },
	{ ROLE_APPROVER, "approver" },
	{ ROLE_CLERK, "clerk" },
	{ ROLE_PRINTER, "printer" },
	{ ROLE_OFFICE_DIRECTOR, "office-director" },
	{ ROLE_STATION_DIRECTOR, "station-director" },
	{ ROLE_IT_STAFF, "it-staff" },
	{ ROLE_SYSADMIN, "sysadmin" },
	{ ROLE_SECADMIN, "secadmin" },
	{ ROLE_AUDITOR, "auditor" }
};

#define ROLE_KNOWN_MASK	(ROLE_BUSINESS_MASK | ROLE_ADMIN_MASK)

/*
 * Art. 7 and the rules for classified systems: the system administrator,
 * the security administrator and the auditor are three different people,
 * and none of them holds a business role.  Bits no version defines are
 * refused too, so an unknown role can never slip past a permission check.
 * Bits 7-15 are kept free for business roles a later version may add.
 */
int
role_set_valid(uint32_t roles)
{
	uint32_t admin = roles & ROLE_ADMIN_MASK;

	if (roles & ~ROLE_KNOWN_MASK)
		return 0;
	if (admin == 0)
		return 1;
	if (admin & (admin - 1))
		return 0;	/* two administrator roles */
	return (roles & ROLE_BUSINESS_MASK) == 0;
}

static enum status
rec_user_validate(const void *rec)
{
	const struct rec_user *u = rec;

	return role_set_valid(u->roles) ? STATUS_OK : STATUS_ROLE_CONFLICT;
}

char *
rec_user_roles_text(uint32_t roles)
{
	struct buf b;
	char *hex;
	size_t i;

	buf_init(&b);
	for (i = 0; i < sizeof rec_user_roles / sizeof rec_user_roles[0]; i++) {
		if (!(roles & rec_user_roles[i].bit))
			continue;
		if (b.len > 0)
			buf_add(&b, ",", 1);
		buf_add(&b, rec_user_roles[i].name, strlen(rec_user_roles[i].name));
	}
	hex = xasprintf("%s(0x%x)", b.len > 0 ? " " : "", (unsigned) roles);
	buf_add(&b, hex, strlen(hex) + 1);
	free(hex);
	return (char *) b.data;
}

static const struct field rec_user_fields[] = {
	FIELD(1, FT_STR, 0, rec_user, name),
	FIELD(2, FT_STR, 0, rec_user, full_name),
	FIELD(3, FT_U64, 0, rec_user, dept_id),
	FIELD(4, FT_U32, FF_ROLES, rec_user, roles),
	FIELD(5, FT_U32, 0, rec_user, issuing_kinds),
	FIELD(6, FT_U8, 0, rec_user, leader_level),
	FIELD_ENUM(7, FT_U8, rec_user, clearance, rec_class_names),
	FIELD(8, FT_U8, 0, rec_user, disabled),
	FIELD(9, FT_U8, 0, rec_user, pw_must_change),
	FIELD(10, FT_BLOB, FF_SECRET, rec_user, pw_hash),
	FIELD(11, FT_BLOB, FF_SECRET, rec_user, pw_history),
	FIELD(12, FT_I64, FF_TIME, rec_user, pw_changed),
	FIELD(13, FT_U32, 0, rec_user, failed_logins),
	FIELD(14, FT_I64, FF_TIME, rec_user, locked_until),
	FIELD(15, FT_I64, FF_TIME, rec_user, created),
};

const struct rec_type rec_user_type = {
	REC_USER, "user", sizeof (struct rec_user),
	rec_user_fields, sizeof rec_user_fields / sizeof rec_user_fields[0],
	rec_user_validate, NULL
};

/* IDX_USER_NAME: the name, unique, to the id. */
const struct index_def rec_user_idx_name = {
	IDX_USER_NAME, REC_USER, "user-by-name.db", 1, 1,
	{ { offsetof(struct rec_user, name), FT_STR, 0 } }, 0
};
