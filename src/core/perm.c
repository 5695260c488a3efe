/*
 * perm.c -- applies the permission table of action.h to an account.
 *
 * It must not hold any permission of its own: a rule that is not in the
 * table does not exist here.  Role names are stable ids used on the
 * command line and in dumps; their translations are for screens only.
 */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "core/perm.h"
#include "util/util.h"

struct perm_role_row {
	uint32_t	 bit;
	const char	*id;
	const char	*label;
};

static const struct perm_role_row perm_roles[] = {
	{ ROLE_DRAFTER,		"drafter",		N_("drafter") },
	{ ROLE_APPROVER,	"approver",		N_("approver") },
	{ ROLE_CLERK,		"clerk",		N_("clerk (seal custodian)") },
	{ ROLE_PRINTER,		"printer",		N_("print room") },
	{ ROLE_OFFICE_DIRECTOR,	"office-director",	N_("office director") },
	{ ROLE_STATION_DIRECTOR, "station-director",	N_("work station director") },
	{ ROLE_IT_STAFF,	"it-staff",		N_("IT staff") },
	{ ROLE_SYSADMIN,	"sysadmin",		N_("system administrator") },
	{ ROLE_SECADMIN,	"secadmin",		N_("security administrator") },
	{ ROLE_AUDITOR,		"auditor",		N_("security auditor") },
	{ 0, NULL, NULL }
};

enum status
perm_check(const struct rec_user *actor, enum action act)
{
	if (actor == NULL || actor->disabled)
		return STATUS_DENIED;
	if ((actor->roles & action_roles(act)) == 0)
		return STATUS_DENIED;
	return STATUS_OK;
}

uint32_t
perm_acting_role(const struct rec_user *actor, enum action act)
{
	uint32_t both;

	if (actor == NULL)
		return 0;
	both = actor->roles & action_roles(act);
	return both & (~both + 1);	/* the lowest set bit */
}

static const struct perm_role_row *
perm_role_find(uint32_t role)
{
	const struct perm_role_row *r;

	for (r = perm_roles; r->id != NULL; r++)
		if (r->bit == role)
			return r;
	return NULL;
}

const char *
perm_role_name(uint32_t role)
{
	const struct perm_role_row *r = perm_role_find(role);

	return r != NULL ? r->id : NULL;
}

const char *
perm_role_label(uint32_t role)
{
	const struct perm_role_row *r = perm_role_find(role);

	return r != NULL ? _(r->label) : NULL;
}

enum status
perm_roles_parse(const char *text, uint32_t *roles)
{
	const struct perm_role_row *r;
	const char *p = text, *end;
	size_t n;

	*roles = 0;
	if (strcmp(text, "none") == 0)
		return STATUS_OK;

	while (*p != '\0') {
		end = strchr(p, ',');
		n = end != NULL ? (size_t) (end - p) : strlen(p);
		for (r = perm_roles; r->id != NULL; r++)
			if (strlen(r->id) == n && strncmp(r->id, p, n) == 0)
				break;
		if (r->id == NULL)
			return STATUS_INVALID;

		*roles |= r->bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return STATUS_OK;
}

char *
perm_roles_format(uint32_t roles, char *buf, size_t size)
{
	const struct perm_role_row *r;
	size_t used = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (r = perm_roles; r->id != NULL; r++) {
		if ((roles & r->bit) == 0)
			continue;
		used += (size_t) snprintf(buf + used, size - used, "%s%s",
		    used > 0 ? "," : "", r->id);
		if (used >= size)
			return buf;
	}
	if (used == 0)
		snprintf(buf, size, "none");
	return buf;
}
