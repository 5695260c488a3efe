/*
 * custody.h -- who holds a seal (Art. 6): the custodian, and proxy
 * custody while the custodian is away.
 *
 * The proxy's way, each step a record (rec_custody) and an audit entry:
 *
 *   custody_request()   a clerk asks that a proxy hold the seal for a
 *                       period, with a reason            -> REQUESTED
 *   custody_decide()    the office director approves     -> APPROVED
 *                       or denies                        -> DENIED
 *   custody_handover()  custodian and proxy, both present, confirm; the
 *                       key is re-wrapped under the proxy's own key
 *                       password only now, and the proxy is granted the
 *                       seal for the period              -> ACTIVE
 *   custody_return()    both confirm the return before the end, or the
 *                       period simply ends (noticed at the next use or
 *                       custody step); the proxy's copy of the key is
 *                       destroyed                        -> RETURNED
 *
 * While a proxy custody is active and its period has begun, only the
 * proxy may use the seal; outside the period the proxy is refused with
 * STATUS_CUSTODY_PERIOD.  Every use also needs a current grant
 * (grant.h).
 */
#ifndef ESEAL_CORE_CUSTODY_H
#define ESEAL_CORE_CUSTODY_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "store/store.h"
#include "util/util.h"

/*
 * Ask that PROXY (a clerk's login, not the custodian) hold the seal
 * REGNO from FROM to TO for REASON (ACT_CUSTODY_REQUEST).  The seal must
 * be active and have no other open proxy custody (STATUS_CUSTODY_OPEN);
 * the period must end after it begins, not be over and lie within the
 * seal's validity (STATUS_CUSTODY_BAD_PERIOD); the proxy must be an
 * enabled clerk (STATUS_CUSTODY_PROXY_ROLE).  *ID gets the request's id.
 * A custody in the wrong state for custody_decide(), custody_handover()
 * or custody_return() gives STATUS_CUSTODY_STATE.
 */
enum status custody_request(struct session *s, const char *regno,
    const char *proxy, int64_t from, int64_t to, const char *reason,
    uint64_t *id);

/* The office director approves (APPROVE non-zero) or denies request ID
 * (ACT_CUSTODY_APPROVE); a denial needs a REASON.  The director may not
 * decide a custody of their own (STATUS_SELF_APPROVAL). */
enum status custody_decide(struct session *s, uint64_t id, int approve,
    const char *reason);

/*
 * The handover of approved custody ID (ACT_CUSTODY_CONFIRM, both): the
 * seal's CUSTODIAN with their key password CUSTODIAN_PW and the PROXY
 * with the key password they choose now, PROXY_PW (held to the password
 * policy).  STATUS_BAD_PASSWORD when the custodian's does not open the
 * key; STATUS_CUSTODY_PERIOD when the period is over.
 */
enum status custody_handover(struct session *custodian, struct session *proxy,
    uint64_t id, const char *custodian_pw, const char *proxy_pw);

/* Both confirm the early return of active custody ID
 * (ACT_CUSTODY_CONFIRM); the proxy's copy of the key is destroyed. */
enum status custody_return(struct session *custodian, struct session *proxy,
    uint64_t id);

/* Every custody record of the seal REGNO, oldest first, without key
 * material (ACT_SEAL_READ); ended periods are shown as returned.  Free
 * with custody_list_free(). */
enum status custody_list(struct session *s, const char *regno,
    struct rec_custody **list, size_t *n);
void custody_list_free(struct rec_custody *list, size_t n);

/* Every proxy custody of any seal waiting for the office director's
 * decision (state REQUESTED), oldest first, without key material
 * (ACT_SEAL_READ): what the office director's queue shows.  Free with
 * custody_list_free(). */
enum status custody_pending(struct session *s, struct rec_custody **list,
    size_t *n);

/* Who holds a seal as its proxy now, and until when. */
struct custody_proxy {
	uint64_t	 custody_id;
	char		*login;
	char		*full_name;
	int64_t		 until;		/* the end of the custody's period */
};

/* The proxy holding the seal REGNO now: a proxy custody handed over
 * whose period has begun and not ended (ACT_SEAL_READ).  What a
 * custodian refused with STATUS_SEAL_WITH_PROXY is told.
 * STATUS_NOT_FOUND when nobody does.  Free with custody_proxy_free(). */
enum status custody_proxy_now(struct session *s, const char *regno,
    struct custody_proxy *out);
void custody_proxy_free(struct custody_proxy *p);

/* The refusal STATUS_SEAL_WITH_PROXY saying who holds the seal REGNO
 * (full name and login) and until when, in the user's language: a new
 * string in *TEXT.  STATUS_NOT_FOUND (and *TEXT NULL) when nobody holds
 * it as proxy now; the status's own message serves then. */
enum status custody_proxy_refusal(struct session *s, const char *regno,
    char **text);

/* The stable English name of a custody state ("requested" ...). */
const char *custody_state_name(unsigned state);

/*
 * For the act of sealing, inside its transaction TXN: may USER use SEAL
 * now?  Checks the seal's status and validity, custody (the custodian,
 * or the proxy within an active custody's period) and the grant, and
 * counts the use.  On STATUS_OK *WRAPPED is a copy of the wrapped key
 * USER's key password opens (free its data) and *CUSTODY_ID the proxy
 * custody acted in (0 for the custodian).  Refusals:
 * STATUS_SEAL_INACTIVE, STATUS_SEAL_CUSTODY, STATUS_SEAL_WITH_PROXY (the
 * custodian, while a proxy holds it), STATUS_CUSTODY_PERIOD,
 * STATUS_CUSTODY_RETURNED (the proxy, after an early return),
 * STATUS_SEAL_NO_GRANT.
 */
enum status custody_use(struct store_txn *txn, const struct rec_seal *seal,
    const struct rec_user *user, struct blob *wrapped, uint64_t *custody_id);

/* The same decision as custody_use(), writing nothing (for a read
 * transaction: the sealing's preparation, sealing.h): no use is counted
 * and no custody whose period ran out is ended. */
enum status custody_check(struct store_txn *txn, const struct rec_seal *seal,
    const struct rec_user *user, struct blob *wrapped, uint64_t *custody_id);

#endif
