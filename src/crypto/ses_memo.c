/*
 * ses_memo.c -- what a trust has already found about who issued which
 * certificate or revocation list, so that verifying many signatures of
 * the same seals checks each issuer's signature once instead of four
 * times a file.
 *
 * A verdict is kept by the SM3 of the whole signed object (certificate
 * or list, DER) and the index of the root it was checked against; the
 * roots of a trust are only ever added, so an index keeps its meaning.
 * The same bytes under the same root always give the same verdict, so
 * nothing a check reports can change.  The trust is shared read-only by
 * the threads of verify_files: the memo is the one part that changes,
 * under its own lock.  It must not keep a verdict about anything but the
 * exact bytes checked.
 */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/ses_private.h"

#define SES_MEMO_MAX	256	/* a workspace has a handful of seals */

struct ses_memo_entry {
	unsigned char	 h[CRYPTO_SM3_LEN];
	size_t		 root;
	enum status	 verdict;
};

struct ses_memo {
	pthread_mutex_t		 lock;
	struct ses_memo_entry	 e[SES_MEMO_MAX];
	size_t			 n;
};

struct ses_memo *
ses_memo_new(void)
{
	struct ses_memo *m = xcalloc(1, sizeof *m);

	pthread_mutex_init(&m->lock, NULL);
	return m;
}

void
ses_memo_free(struct ses_memo *m)
{
	if (m == NULL)
		return;
	pthread_mutex_destroy(&m->lock);
	free(m);
}

/* Non-zero when a verdict for (H, ROOT) is kept; it goes to *VERDICT. */
static int
ses_memo_get(struct ses_memo *m, const unsigned char *h, size_t root,
    enum status *verdict)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&m->lock);
	for (i = 0; i < m->n && !found; i++)
		if (m->e[i].root == root && memcmp(m->e[i].h, h,
		    CRYPTO_SM3_LEN) == 0) {
			*verdict = m->e[i].verdict;
			found = 1;
		}
	pthread_mutex_unlock(&m->lock);
	return found;
}

static void
ses_memo_put(struct ses_memo *m, const unsigned char *h, size_t root,
    enum status verdict)
{
	pthread_mutex_lock(&m->lock);
	if (m->n < SES_MEMO_MAX) {	/* full: just check every time */
		memcpy(m->e[m->n].h, h, CRYPTO_SM3_LEN);
		m->e[m->n].root = root;
		m->e[m->n].verdict = verdict;
		m->n++;
	}
	pthread_mutex_unlock(&m->lock);
}

enum status
ses_memo_cert_issued(const struct ses_trust *t, const struct x509_cert *c,
    size_t root)
{
	unsigned char h[CRYPTO_SM3_LEN];
	enum status verdict;

	if (t->memo == NULL ||
	    crypto_sm3(c->der, c->der_len, h) != STATUS_OK)
		return x509_cert_check_issued(c, &t->roots[root]);
	if (ses_memo_get(t->memo, h, root, &verdict))
		return verdict;
	verdict = x509_cert_check_issued(c, &t->roots[root]);
	ses_memo_put(t->memo, h, root, verdict);
	return verdict;
}

enum status
ses_memo_crl_issued(const struct ses_trust *t, const struct x509_crl *crl,
    size_t root)
{
	unsigned char h[CRYPTO_SM3_LEN];
	enum status verdict;

	if (t->memo == NULL ||
	    crypto_sm3(crl->der, crl->der_len, h) != STATUS_OK)
		return x509_crl_check_issued(crl, &t->roots[root]);
	if (ses_memo_get(t->memo, h, root, &verdict))
		return verdict;
	verdict = x509_crl_check_issued(crl, &t->roots[root]);
	ses_memo_put(t->memo, h, root, verdict);
	return verdict;
}
