/*
 * core.h -- facade of the core layer.  Other layers include only this header.
 *
 * It is only a list of the modules' own headers, one line each, so that
 * adding a module never touches another's line.
 */
#ifndef ESEAL_CORE_H
#define ESEAL_CORE_H

#include "util/util.h"

#include "core/account.h"
#include "core/action.h"
#include "core/audit.h"
#include "core/bulk.h"
#include "core/chain.h"
#include "core/doc.h"
#include "core/docnum.h"
#include "core/docview.h"
#include "core/export.h"
#include "core/import.h"
#include "core/keycheck.h"
#include "core/maint.h"
#include "core/printable.h"
#include "core/inbox.h"
#include "core/medium.h"
#include "core/printapp.h"
#include "core/printer.h"
#include "core/printjobs.h"
#include "core/printlog.h"
#include "core/recwords.h"
#include "core/report.h"
#include "core/reprint.h"
#include "core/sealing.h"
#include "core/seal.h"
#include "core/verify.h"
#include "core/custody.h"
#include "core/grant.h"
#include "core/workflow.h"
#include "core/form.h"
#include "core/perm.h"
#include "core/policy.h"
#include "core/session.h"
#include "core/standalone.h"

#endif
