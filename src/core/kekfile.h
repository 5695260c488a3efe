/*
 * kekfile.h -- the secret that unwraps a workspace key which the program
 * must use without anyone's password: the audit trail's workstation key
 * (checkpoints are signed unattended) and the office authority's keys.
 *
 * The secret is 256 random bits, as hex, in a file of the workspace
 * directory created with mode 0600 and refused when it is not a regular
 * file private to the account running eseal.  The keys themselves stay
 * wrapped in the database, so a dump, a log or a backup of the database
 * carries nothing anyone can sign with.  See TODO for the limit of
 * guarding it by file mode alone.
 */
#ifndef ESEAL_CORE_KEKFILE_H
#define ESEAL_CORE_KEKFILE_H

#include "crypto/crypto.h"
#include "util/util.h"

/* Read HOME/NAME into secure memory (free with crypto_secure_free).
 * STATUS_NOT_FOUND when it is missing, short, or not private. */
enum status kekfile_read(const char *home, const char *name, char **kek);

/* Read HOME/NAME, or create it with a fresh secret when it is missing
 * (a transaction run again finds the file it made the first time). */
enum status kekfile_obtain(const char *home, const char *name, char **kek);

/* The wrapping parameters for keys under such a secret: a random 256-bit
 * secret needs no stretching, and the cheapest KDF keeps a transaction
 * that signs from holding its locks for long. */
void kekfile_params(struct crypto_kdf_params *p);

#endif
