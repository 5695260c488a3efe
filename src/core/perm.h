/*
 * perm.h -- the role check every core operation makes first (Art. 7), and
 * the names of roles for people and scripts.
 *
 * The only source of "who may do what" is the table in action.h; this
 * module applies it.  Finer rules (the custodian's own seal, the approver
 * at this level) are the operation's own business, after this check.
 */
#ifndef ESEAL_CORE_PERM_H
#define ESEAL_CORE_PERM_H

#include <stddef.h>
#include <stdint.h>

#include "core/action.h"
#include "store/records.h"
#include "util/status.h"

/*
 * STATUS_OK when ACTOR holds a role the table allows for ACT, else
 * STATUS_DENIED.  A missing or disabled actor, and system-only actions
 * (no roles in the table), are always denied.
 */
enum status perm_check(const struct rec_user *actor, enum action act);

/* The role ACTOR acts in for ACT (the lowest allowed bit it holds), or 0:
 * what the audit trail records as "acting as". */
uint32_t perm_acting_role(const struct rec_user *actor, enum action act);

/* The stable English id of one role bit ("drafter", "secadmin" ...), or
 * NULL for a bit that is no role. */
const char *perm_role_name(uint32_t role);

/* The translated name of one role bit, for screens. */
const char *perm_role_label(uint32_t role);

/* Parse a comma-separated list of role ids ("drafter,approver"; "" or
 * "none" for no role) into a bitmask.  STATUS_INVALID on an unknown id. */
enum status perm_roles_parse(const char *text, uint32_t *roles);

/* Write ROLES as a comma-separated list of ids ("none" for no role) into
 * BUF of SIZE bytes; returns BUF. */
char *perm_roles_format(uint32_t roles, char *buf, size_t size);

#endif
