/*
 * util.h -- the util layer's facade: status codes, logging, memory, text,
 * time and byte buffers.  Depends on nothing but libc (and iconv in it).
 */
#ifndef ESEAL_UTIL_H
#define ESEAL_UTIL_H

#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/log.h"
#include "util/media.h"
#include "util/mem.h"
#include "util/safefile.h"
#include "util/status.h"
#include "util/testhook.h"
#include "util/text.h"

#endif
