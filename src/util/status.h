/*
 * status.h -- the one status code every layer below the UI returns.
 *
 * Each entry carries its user-facing message, marked for translation.
 * Library codes (Berkeley DB, libgcrypt, CUPS, errno) are converted to one
 * of these at the edge of the layer that calls the library, so nothing
 * above the store knows what a DB_LOCK_DEADLOCK is.  Add entries at the end
 * of a group; the numeric values are not stored anywhere persistent.
 */
#ifndef ESEAL_UTIL_STATUS_H
#define ESEAL_UTIL_STATUS_H

#define STATUS_LIST(X) \
	X(STATUS_OK,		N_("Done.")) \
	X(STATUS_NOMEM,		N_("Out of memory; close other programs and try again.")) \
	X(STATUS_INVALID,	N_("Invalid input.")) \
	X(STATUS_NOT_FOUND,	N_("No such record.")) \
	X(STATUS_EXISTS,	N_("A record with that name already exists.")) \
	X(STATUS_IO,		N_("Could not read or write a file; check the disk and the permissions.")) \
	X(STATUS_NO_SPACE,	N_("The disk or medium is full; free some space and try again.")) \
	X(STATUS_READ_ONLY,	N_("The disk or medium is read-only.")) \
	X(STATUS_PERM_FS,	N_("Permission denied by the file system.")) \
	X(STATUS_NO_WORKSPACE,	N_("No workspace at that place; create one with 'esealctl init'.")) \
	X(STATUS_WORKSPACE_LIVE, N_("A workspace is already there; add --force to overwrite it.")) \
	X(STATUS_CORRUPT,	N_("A database file is damaged; run 'esealctl check' and restore from a backup.")) \
	X(STATUS_SCHEMA_NEWER,	N_("The workspace was written by a newer version of eseal; upgrade the program.")) \
	X(STATUS_SCHEMA_OLDER,	N_("The workspace needs an upgrade; run 'esealctl upgrade'.")) \
	X(STATUS_BUSY,		N_("The workspace is busy; try again in a moment.")) \
	X(STATUS_RECOVER,	N_("The workspace needed recovery after a crash; try the action again.")) \
	X(STATUS_DB,		N_("The database reported an error; see the log.")) \
	X(STATUS_CRYPTO,	N_("The cryptographic library reported an error.")) \
	X(STATUS_BAD_SIGNATURE,	N_("The signature does not verify.")) \
	X(STATUS_BAD_PASSWORD,	N_("Wrong user name or password.")) \
	X(STATUS_LOCKED,	N_("The account is locked after too many failed logins; wait or ask the security administrator.")) \
	X(STATUS_DISABLED,	N_("The account is disabled.")) \
	X(STATUS_PW_EXPIRED,	N_("The password has expired; choose a new one.")) \
	X(STATUS_PW_MUST_CHANGE, N_("This is an initial password; choose your own before going on.")) \
	X(STATUS_PW_WEAK,	N_("The password is too weak for this workstation's policy.")) \
	X(STATUS_PW_REUSED,	N_("The password was used recently; choose another.")) \
	X(STATUS_PW_HAS_NAME,	N_("The password must not contain the user name.")) \
	X(STATUS_DENIED,	N_("Your roles do not allow this action (Art. 7).")) \
	X(STATUS_ROLE_CONFLICT,	N_("That role combination is not allowed: the three administrators are separate, and hold no business role.")) \
	X(STATUS_STATE,		N_("The document is not in a state that allows this.")) \
	X(STATUS_REFUSED_KIND,	N_("Documents that did not flow through the system, and Party-group documents, are not e-sealed (Art. 2).")) \
	X(STATUS_ENCODING,	N_("The text is not valid UTF-8 or GB18030.")) \
	X(STATUS_CANCELLED,	N_("Cancelled.")) \
	X(STATUS_UNSUPPORTED,	N_("Not supported.")) \
	X(STATUS_MALFORMED,	N_("The data is damaged or not in the expected format.")) \
	X(STATUS_POLICY_FLOOR,	N_("The policy cannot be set looser than this workstation's classification allows.")) \
	X(STATUS_LAST_ADMIN,	N_("That would leave the workspace without an enabled system administrator, security administrator or auditor.")) \
	X(STATUS_SESSION_IDLE,	N_("The session was locked after a period of inactivity; enter your password to go on.")) \
	X(STATUS_WORKSPACE_EXISTS, N_("A workspace already exists there; choose another directory.")) \
	X(STATUS_AUDIT_BROKEN,	N_("The audit trail does not verify: entries were altered, removed, inserted or reordered.")) \
	X(STATUS_AUDIT_RETENTION, N_("Audit entries younger than the retention period cannot be archived.")) \
	X(STATUS_AUDIT_SPACE,	N_("The audit trail has passed its space threshold; the security auditor should archive old entries.")) \
	X(STATUS_AUDIT_NO_KEY,	N_("The workstation's audit signing key is missing or unreadable.")) \
	X(STATUS_FORM_SYNTAX,	N_("A form definition is malformed; the message names the file and line.")) \
	X(STATUS_RENDER_FONT,	N_("No Chinese font is installed for documents and seals; install the fonts-noto-cjk package or the bureau's fonts.")) \
	X(STATUS_RENDER,	N_("Drawing the document or the seal impression failed; see the log.")) \
	X(STATUS_IMPRESSION_NAME, N_("The name does not fit around a seal of that size; shorten it or make the seal larger.")) \
	X(STATUS_IMPRESSION_NOT_PNG, N_("The impression file is not a readable PNG picture.")) \
	X(STATUS_IMPRESSION_NO_SIZE, N_("The impression picture does not record its physical size (no pHYs resolution); give its diameter in millimetres.")) \
	X(STATUS_IMPRESSION_LOW_RES, N_("The impression picture is below 600 dpi at its physical size; scan or export it at 600 dpi or more.")) \
	X(STATUS_IMPRESSION_OPAQUE, N_("The impression picture's background is not transparent: the corners outside the seal's circle must be clear. Export the seal as red ink on a transparent background (PNG with an alpha channel).")) \
	X(STATUS_IMPRESSION_NOT_RED, N_("The impression picture is not red ink on a transparent background (Art. 5: seals are red).")) \
	X(STATUS_IMPORT_FORMAT,	N_("The file is not in the document format: a header of 'key: value' lines, a blank line, then the body.")) \
	X(STATUS_CHAIN_LEVEL,	N_("This step of the approval chain needs a higher leader: a section chief or deputy, the bureau leader in charge, or a bureau leader for special-number documents (Flow 1).")) \
	X(STATUS_NOT_ISSUER,	N_("Only an approver with issuing authority for this kind of document can sign it off (Art. 9).")) \
	X(STATUS_NOT_ISSUED,	N_("The document was not signed off by a person with issuing authority; it cannot be sealed or printed (Art. 9).")) \
	X(STATUS_REASON_REQUIRED, N_("A written reason is required.")) \
	X(STATUS_SELF_APPROVAL,	N_("You cannot approve or decide on your own document, or act twice on one version.")) \
	X(STATUS_REFUSED_MODE,	N_("The drafter chose the traditional seal: this document is sealed on paper, never electronically (Art. 10).")) \
	X(STATUS_FROZEN,	N_("The document was sent for e-sealing and can no longer be edited; a change needs a reprint, which restarts approval (Art. 10).")) \
	X(STATUS_SEAL_CUSTODY,	N_("You are not the custodian of that seal (Art. 6).")) \
	X(STATUS_SEAL_INACTIVE,	N_("That seal is suspended, revoked or outside its validity period.")) \
	X(STATUS_COPIES,	N_("The number of copies is not the approved number (Art. 11).")) \
	X(STATUS_COPIES_EXCEEDED, N_("That is more copies than remain approved for printing (Art. 11).")) \
	X(STATUS_PRINTER_COLOUR, N_("Sealed documents print only on a colour printer (Flow 2).")) \
	X(STATUS_PRINTER_CLASSIFIED, N_("Classified documents print only on a classified printer (Art. 13).")) \
	X(STATUS_STATION_CLASSIFIED, N_("This workstation is not classified for this document: classified documents are made and printed only on a classified machine (Art. 13).")) \
	X(STATUS_RECALL_PENDING, N_("Every printed copy of the earlier sealed version must first be recalled and recorded as destroyed (Flow 4).")) \
	X(STATUS_SUPERSEDED,	N_("That sealed version was superseded by a reprint and can no longer be printed (Flow 4).")) \
	X(STATUS_PRINT_BUSY,	N_("A print job for this document is still in progress; complete it first.")) \
	X(STATUS_COPY_NUMBER,	N_("No printed copy has that number, or it was already recorded.")) \
	X(STATUS_WITNESS_REQUIRED, N_("The destruction of recalled copies needs a witness (Flow 4).")) \
	X(STATUS_PRINTER_DISABLED, N_("That printer is disabled.")) \
	X(STATUS_DIR_NOT_EMPTY,	N_("The directory is not empty; choose a new or empty directory.")) \
	X(STATUS_NO_BACKUP,	N_("There is no eseal backup in that directory.")) \
	X(STATUS_CLEARANCE,	N_("Your clearance does not cover this document's classification (Art. 13).")) \
	X(STATUS_CERT_UNTRUSTED, N_("The certificate does not lead to a trusted root certificate; import the issuing body's root with 'esealctl seal import-root'.")) \
	X(STATUS_CERT_EXPIRED,	N_("The certificate was not valid at the signing time.")) \
	X(STATUS_CERT_REVOKED,	N_("The certificate was revoked or suspended before the signing time.")) \
	X(STATUS_CERT_NO_CRL,	N_("There is no current revocation list from the certificate's issuer; import one with 'esealctl seal import-crl'.")) \
	X(STATUS_CERT_USAGE,	N_("The certificate's key usage does not allow signing.")) \
	X(STATUS_CERT_NOT_IN_SEAL, N_("The signer's certificate is not among the seal's certificates.")) \
	X(STATUS_DATA_HASH,	N_("The file is not the data that was signed: its hash differs.")) \
	X(STATUS_SEAL_EXPIRED,	N_("The seal was not valid at the signing time.")) \
	X(STATUS_NOT_ORIGINAL,	N_("This file is not the signed original; a copy or a conversion has no legal effect (Art. 4).")) \
	X(STATUS_SEAL_NO_GRANT,	N_("You hold no current grant to use that seal, or its allowed uses are spent.")) \
	X(STATUS_CUSTODY_PERIOD, N_("That is outside the approved period of the proxy custody (Art. 6).")) \
	X(STATUS_SEAL_NO_CA,	N_("The office's root certificate is missing or unreadable; seals cannot be made or checked.")) \
	X(STATUS_SEAL_TWO_PEOPLE, N_("This needs two different people: the office director with the custodian, or the custodian with the proxy (Art. 5, 6).")) \
	X(STATUS_REPORT_PERIOD,	N_("The report period is not valid: give dates as YYYY-MM-DD, the first not after the last.")) \
	X(STATUS_MEDIUM_UNREGISTERED, N_("That medium is not registered for exports; the security administrator registers removable media by their file-system UUID.")) \
	X(STATUS_MEDIUM_ABSENT,	N_("That medium is not mounted; insert it and try again.")) \
	X(STATUS_MEDIUM_GONE,	N_("The medium was removed during the export; nothing on it is marked complete. Insert it and export again.")) \
	X(STATUS_MEDIUM_MISMATCH, N_("What was read back from the medium differs from what was written; the medium may be faulty. Export again, or use another medium.")) \
	X(STATUS_MANIFEST_MISMATCH, N_("A file listed in the manifest is missing or differs from what was exported.")) \
	X(STATUS_PRINTER_USED,	N_("That printer is named in the print log and cannot be removed; disable it instead.")) \
	X(STATUS_PRINTER_QUEUE,	N_("That printer's print queue does not exist; ask the system administrator to check the printer register.")) \
	X(STATUS_PRINTER_STOPPED, N_("That printer's print queue is stopped or not accepting jobs; start it, then print again.")) \
	X(STATUS_PRINT_SERVICE,	N_("The print service (CUPS) is not running or cannot be reached.")) \
	X(STATUS_PRINT_ABORTED,	N_("The printer could not print the job; the copies that did not print may be printed again.")) \
	X(STATUS_PRINT_CANCELLED, N_("The print job was cancelled at the printer; the copies that did not print may be printed again.")) \
	X(STATUS_PRINT_ORIGINAL, N_("The document no longer draws exactly as it was sealed (were the fonts changed?); it cannot be printed until it does.")) \
	/* Standalone seals (Art. 14). */ \
	X(STATUS_SA_NO_PACKAGE,	N_("There is no standalone seal on this medium.")) \
	X(STATUS_SA_PERSON,	N_("This standalone seal was issued to another person.")) \
	X(STATUS_SA_SECRET,	N_("The one-time secret is wrong.")) \
	X(STATUS_SA_STATION,	N_("This standalone seal may seal only its own work station's documents.")) \
	X(STATUS_SA_NOT_YET,	N_("The standalone seal's period of use has not begun.")) \
	X(STATUS_SA_EXPIRED,	N_("The standalone seal's period of use is over; return it to the office.")) \
	X(STATUS_SA_USED_UP,	N_("Every use the standalone seal allows has been made; return it to the office.")) \
	X(STATUS_SA_PACKAGE_TAMPERED, N_("The standalone seal was altered after the office signed it.")) \
	X(STATUS_SA_LOG_EDITED,	N_("An entry of the standalone seal's use log was altered.")) \
	X(STATUS_SA_LOG_REMOVED, N_("An entry was removed from the standalone seal's use log.")) \
	X(STATUS_SA_LOG_REORDERED, N_("The entries of the standalone seal's use log are out of order.")) \
	X(STATUS_SA_LOG_TRUNCATED, N_("The standalone seal's use log is cut off inside an entry.")) \
	X(STATUS_SA_LOG_OLDER,	N_("The standalone seal's use log is an older copy: uses recorded after it are missing.")) \
	X(STATUS_SA_APPROVALS,	N_("A standalone seal needs the approval of both the work station's director and the office director.")) \
	/* Verifying files (Art. 4). */ \
	X(STATUS_NO_FILE,	N_("There is no such file.")) \
	X(STATUS_NO_SIGNATURE,	N_("No signature was found for this file: there is no .sig file beside it, and the workspace keeps none for a file of that name.")) \
	X(STATUS_IS_COPY,	N_("This file is a printed copy, not the signed original: only the original carries the seal's signature (Art. 4); compare the copy with the original.")) \
	/* The workspace as a whole. */ \
	X(STATUS_WORKSPACE_OPEN,	N_("Another program (eseal or esealctl) has the workspace open; close it first.")) \
	X(STATUS_TOO_LARGE,	N_("That is too large to keep: a document's text and attachments together may hold at most 960 KiB.")) \
	X(STATUS_UNPRINTABLE,	N_("The text holds a character that the document and seal fonts cannot draw; write it with another character.")) \
	X(STATUS_NAME_CHARS,	N_("A name must not hold control characters, escape sequences or invisible characters; type it again.")) \
	X(STATUS_SA_PERIOD,	N_("The standalone seal's period must end after it begins and must not be over already.")) \
	X(STATUS_SA_PERIOD_SEAL, N_("The standalone seal's period must lie within the seal's own validity.")) \
	X(STATUS_SA_USES,	N_("A standalone seal allows from 1 to 999 uses.")) \
	X(STATUS_SA_PERSON_STATION, N_("The designated person must be an enabled account of that work station, and the station a work station.")) \
	X(STATUS_NOT_REGULAR,	N_("That is not an ordinary file (a folder, a device or a pipe); give the path of a file.")) \
	X(STATUS_SA_NO_PERSON,	N_("Type the designated person's user name or name.")) \
	X(STATUS_SA_LOG_NO_HEAD, N_("The head of the standalone seal's use log is missing from the medium.")) \
	X(STATUS_VERIFY_TOO_LARGE, N_("That file is over 256 MiB, larger than any sealed document can be; it was not checked.")) \
	X(STATUS_BACKUP_NOT_DIR, N_("A backup goes into a new or empty folder, and that path is a file, a device or a pipe; give a new or empty folder.")) \
	X(STATUS_SEAL_WITH_PROXY, N_("The seal is with its proxy during an approved proxy custody (Art. 6); the seal register shows who holds it and until when. Use it again once the custody is returned or its period ends.")) \
	X(STATUS_CUSTODY_RETURNED, N_("The seal was taken back before the end of the proxy custody (Art. 6); it is with its custodian again.")) \
	X(STATUS_KEY_PASSWORD,	N_("That is not the seal's key password. Type the key password set when you took custody of the seal (or when it was handed over to you), not your login password.")) \
	X(STATUS_SEAL_DIAMETER,	N_("A bureau seal is round and 42 mm across (Art. 5): the diameter can only be 42.")) \
	X(STATUS_CUSTODY_BAD_PERIOD, N_("The period must end after it begins, must not be over already, and must lie within the seal's validity period.")) \
	X(STATUS_CUSTODY_OPEN,	N_("This seal already has a proxy custody asked for, approved or running: it must be decided, or the seal taken back, first.")) \
	X(STATUS_CUSTODY_STATE,	N_("The proxy custody is not in a state that allows this: it is decided, handed over or ended already, or not approved yet. The seal's custody list shows its state.")) \
	X(STATUS_CUSTODY_PROXY_ROLE, N_("The proxy must be an enabled account with the clerk role: choose another clerk.")) \
	X(STATUS_SEAL_REGNO,	N_("This registration number cannot be used: at most 32 letters, digits, '-', '.' or '/'.")) \
	X(STATUS_IMPRESSION_FILLED, N_("The impression picture is filled inside its circle: at least 40 % of the circle must be clear (transparent), so that the text under the seal shows through. Export only the red ink on a transparent background, without the paper.")) \
	X(STATUS_RECOVER_READONLY, N_("The workspace must be recovered after a crash, which needs write access to its folder: open it once as the account that owns it.")) \
	X(STATUS_SEAL_CHANGED,	N_("The document, the seal or your right to use it changed while the signature was being made, so nothing was sealed: look at the document again and seal it again.")) \
	X(STATUS_REVISE_KIND,	N_("A revision keeps the document's kind (the \"kind:\" line) and whether it is a batch of blank forms: put them back as they were, or draft a new document of the other kind.")) \
	X(STATUS_DB_LOCKS,	N_("The operation was too large for the database's lock table and was undone; nothing of it was recorded. Try it in smaller parts, and report it to the system administrator."))

#define STATUS_ENUM(name, msg) name,
enum status {
	STATUS_LIST(STATUS_ENUM)
	STATUS__COUNT
};
#undef STATUS_ENUM

/* The translated message for S (never NULL). */
const char *status_message(enum status s);

/* The symbolic name of S, e.g. "STATUS_DENIED", for logs and tests. */
const char *status_name(enum status s);

/* Map an errno value to the closest status. */
enum status status_from_errno(int err);

#endif
