/*
 * custodydlg.h -- proxy custody of a seal (Art. 6) on the seal
 * register: asking for a proxy, the office director's decision, and the
 * handover and early return made by custodian and proxy together.
 *
 * The dialogs run until answered; the core decides every rule and its
 * refusal is shown with what to do.
 */
#ifndef ESEAL_UI_CUSTODYDLG_H
#define ESEAL_UI_CUSTODYDLG_H

#include "core/core.h"
#include "ui/command.h"

/* The custody step CMD (CMD_CUSTODY_REQUEST, _APPROVE, _DENY, _HANDOVER
 * or _RETURN) on SEAL.  Returns 1 when a record changed. */
int custodydlg_run(const struct rec_seal *seal, enum command cmd);

/* SEAL's proxy custody still open (asked for, approved or held by the
 * proxy) into *OUT, without key material: 1, or 0 when there is none
 * (or it cannot be read). */
int custodydlg_find_open(const struct rec_seal *seal, struct rec_custody *out);

/* The state of custody C in the user's words (translated). */
const char *custodydlg_state_label(const struct rec_custody *c);

#endif
