/*
 * grant.h -- a seal granted to a user for a period, optionally for a
 * number of uses.  Using a seal needs a grant that covers the moment and
 * has uses left; anything else is refused (STATUS_SEAL_NO_GRANT).
 *
 * Grants are made by the office director (ACT_GRANT), and by the
 * register itself where the rules already decided: the custodian's
 * standing grant for the seal's validity when the seal is made, the
 * proxy's grant for the approved period at the handover.  A grant ends
 * early by moving its end to now; nothing is deleted.
 */
#ifndef ESEAL_CORE_GRANT_H
#define ESEAL_CORE_GRANT_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"
#include "util/util.h"

/* Grant the seal REGNO to the user LOGIN from FROM to TO, for at most
 * MAX_USES uses (0: no limit).  ACT_GRANT, audited.  *ID may be NULL. */
enum status grant_add(struct session *s, const char *regno, const char *login,
    int64_t from, int64_t to, uint32_t max_uses, uint64_t *id);

/* End grant ID now, for REASON (ACT_GRANT, audited): periods include
 * their last second, so its end becomes the second before now.
 * STATUS_STATE when it has ended already. */
enum status grant_end(struct session *s, uint64_t id, const char *reason);

/* The grants of the seal REGNO (ACT_SEAL_READ), by user; free(). */
enum status grant_list(struct session *s, const char *regno,
    struct rec_grant **grants, size_t *n);

/* Inside TXN: find USER's grant of SEAL_ID covering NOW with a use left,
 * and count one use.  *GRANT_ID gets it (may be NULL).  The engine for
 * custody_use(); it checks no session. */
enum status grant_use(struct store_txn *txn, uint64_t seal_id,
    uint64_t user_id, int64_t now, uint64_t *grant_id);

/* The same finding as grant_use(), counting nothing (a read
 * transaction): STATUS_SEAL_NO_GRANT when there is none. */
enum status grant_check(struct store_txn *txn, uint64_t seal_id,
    uint64_t user_id, int64_t now);

/* Inside TXN: a grant made by the rules themselves (see above). */
enum status grant_put(struct store_txn *txn, uint64_t seal_id,
    uint64_t user_id, int64_t from, int64_t to, uint32_t max_uses,
    uint64_t *id);

/* Inside TXN: end at NOW the grants of USER_ID for SEAL_ID that run to
 * PERIOD_TO and have not ended (the grant a proxy custody came with). */
enum status grant_end_for(struct store_txn *txn, uint64_t user_id,
    uint64_t seal_id, int64_t period_to, int64_t now);

#endif
