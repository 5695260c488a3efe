/*
 * status.c -- messages and names of status codes, and the errno mapping.
 */
#include <config.h>

#include <errno.h>

#include "util/i18n.h"
#include "util/status.h"

#define STATUS_MSG(name, msg) msg,
static const char *const status_messages[] = { STATUS_LIST(STATUS_MSG) };
#undef STATUS_MSG

#define STATUS_NAME(name, msg) #name,
static const char *const status_names[] = { STATUS_LIST(STATUS_NAME) };
#undef STATUS_NAME

const char *
status_message(enum status s)
{
	if ((unsigned) s >= STATUS__COUNT)
		return _("Unknown error.");
	return _(status_messages[s]);
}

const char *
status_name(enum status s)
{
	if ((unsigned) s >= STATUS__COUNT)
		return "STATUS_UNKNOWN";
	return status_names[s];
}

enum status
status_from_errno(int err)
{
	switch (err) {
	case 0:
		return STATUS_OK;
	case ENOMEM:
		return STATUS_NOMEM;
	case ENOSPC:
	case EDQUOT:
	case EFBIG:
		return STATUS_NO_SPACE;
	case EROFS:
		return STATUS_READ_ONLY;
	case EACCES:
	case EPERM:
		return STATUS_PERM_FS;
	case ENOENT:
	case ENOTDIR:
		return STATUS_NOT_FOUND;
	case EEXIST:
		return STATUS_EXISTS;
	case EINVAL:
		return STATUS_INVALID;
	default:
		return STATUS_IO;
	}
}
