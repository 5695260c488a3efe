/*
 * action.c -- names, descriptions and roles of the actions in action.h.
 *
 * Only reads the table; it must never grow a second list of permissions.
 */
#include <config.h>

#include "core/action.h"
#include "util/util.h"

#define ACTION_ROLES(name, roles, desc) (uint32_t) (roles),
static const uint32_t action_role_table[] = { ACTION_LIST(ACTION_ROLES) };
#undef ACTION_ROLES

#define ACTION_NAME(name, roles, desc) #name,
static const char *const action_names[] = { ACTION_LIST(ACTION_NAME) };
#undef ACTION_NAME

#define ACTION_DESC(name, roles, desc) desc,
static const char *const action_descs[] = { ACTION_LIST(ACTION_DESC) };
#undef ACTION_DESC

uint32_t
action_roles(enum action act)
{
	if ((unsigned) act >= ACT__COUNT)
		return 0;
	return action_role_table[act];
}

const char *
action_name(enum action act)
{
	if ((unsigned) act >= ACT__COUNT)
		return "ACT_UNKNOWN";
	return action_names[act];
}

const char *
action_describe(enum action act)
{
	if ((unsigned) act >= ACT__COUNT)
		return _("unknown action");
	return _(action_descs[act]);
}
