/*
 * doc_plant.c -- for the shell tests only: put a seal and printers into
 * a workspace, standing in for the commands the seal and printer
 * registers do not have yet.
 *
 *	doc_plant HOME seal REGNO DIRECTOR DIRECTOR_PW CLERK CLERK_PW KEY_PW
 *	doc_plant HOME printer NAME colour|mono [classified]
 *
 * The seal is made by the register itself (seal_add, with the office
 * director and the clerk who becomes its custodian logged in), with a
 * stand-in picture for its impression; the printer is written straight
 * into the store.  It must never be installed: it is built for "make
 * check" only.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "crypto/crypto.h"
#include "store/store.h"

/* The first bytes of a PNG: the register stores the picture as given. */
static const unsigned char plant_png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', 0, 0, 3, 0xe0, 0, 0, 3, 0xe0, 8, 6, 0, 0, 0, 0xb3, 0x2c,
	0x6e, 0x9b
};

static enum status
plant_seal(struct store *st, char **argv)
{
	struct session *director = NULL, *clerk = NULL;
	struct seal_spec spec;
	enum status rc;

	if ((rc = session_login(st, argv[4], argv[5], "test", &director)) !=
	    STATUS_OK || (rc = session_login(st, argv[6], argv[7], "test",
	    &clerk)) != STATUS_OK)
		goto out;
	memset(&spec, 0, sizeof spec);
	spec.regno = argv[3];
	spec.name = "示例市司法局";
	spec.owner_body = "示例市司法局";
	spec.impression = plant_png;
	spec.impression_len = sizeof plant_png;
	spec.diameter_mm = 42;
	rc = seal_add(director, clerk, &spec, argv[8], NULL);
out:
	session_free(director);
	session_free(clerk);
	return rc;
}

static enum status
plant_printer_txn(struct store_txn *txn, void *arg)
{
	char **argv = arg;
	struct rec_printer pr;

	memset(&pr, 0, sizeof pr);
	pr.name = argv[3];
	pr.queue = argv[3];
	pr.kind = PRINTER_FOLDER;
	pr.colour = strcmp(argv[4], "colour") == 0;
	pr.classified = argv[5] != NULL && strcmp(argv[5], "classified") == 0;
	return store_put(txn, REC_PRINTER, &pr);
}

int
main(int argc, char **argv)
{
	struct store *st;
	enum status rc;
	int seal = argc > 2 && strcmp(argv[2], "seal") == 0;

	if (seal ? argc != 9 : argc < 5 || argc > 6 ||
	    strcmp(argv[2], "printer") != 0) {
		fprintf(stderr, "usage: doc_plant HOME seal REGNO DIRECTOR "
		    "DIRECTOR_PW CLERK CLERK_PW KEY_PW\n"
		    "       doc_plant HOME printer NAME colour|mono "
		    "[classified]\n");
		return 2;
	}
	if ((rc = crypto_init()) != STATUS_OK ||
	    (rc = store_open(argv[1], 0, &st)) != STATUS_OK) {
		fprintf(stderr, "doc_plant: %s\n", status_name(rc));
		return 1;
	}
	audit_attach(st);
	if (seal)
		rc = plant_seal(st, argv);
	else
		rc = store_run(st, STORE_WRITE, plant_printer_txn, argv);
	audit_attach(NULL);
	store_close(st);
	if (rc != STATUS_OK) {
		fprintf(stderr, "doc_plant: %s\n", status_name(rc));
		return 1;
	}
	return 0;
}
