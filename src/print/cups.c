/*
 * cups.c -- the CUPS printer: one CUPS job per print job, one document
 * per copy, followed until CUPS says it completed, was aborted or was
 * cancelled.  The only file that includes <cups/cups.h>; libcups errors
 * become status codes here, and what CUPS said goes into the print log
 * as o->message (English, as CUPS speaks it to its log).
 *
 * The job is created held ("job-hold-until: indefinite") and released
 * only after its last copy is in.  So a job this program could not
 * finish sending -- a failure, a cancel between copies, a crash -- never
 * prints a part of its copies: CUPS would otherwise close a job whose
 * sender went quiet and print what it has.  The job title names only
 * the document's id and version, never its title: the queue's history is
 * not a place for a classified title.
 *
 * Facts this code relies on, measured on CUPS 2.4: a queue that does not
 * exist answers cupsCreateJob with "No such file or directory" (and
 * cupsGetNamedDest with not-found, even when the scheduler is down, so
 * the connection is tested first); a stopped queue accepts jobs and
 * leaves them pending with the reason "printer-stopped"; a queue that
 * cannot open its output stops the job (processing-stopped); a job
 * cancelled with cancel(1) reads "canceled".
 *
 * It must not decide which copies count as printed: job.c does, from
 * the status returned here.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cups/cups.h>

#include "print/print_int.h"

#define CUPS_CONNECT_MSEC	10000
/* Polling starts fast (a short job takes tens of milliseconds) and
 * slows down to once a second for a long one. */
#define CUPS_POLL_FIRST_MSEC	20
#define CUPS_POLL_MAX_MSEC	1000
/* How long a lost scheduler is waited for before the outcome of a job
 * already sent is declared unknown. */
#define CUPS_RECONNECT_TRIES	10

/* What CUPS says of a job. */
struct cups_job_state {
	int		 state;		/* ipp_jstate_t, 0 when unknown */
	char		 reasons[256];	/* job-state-reasons, comma-separated */
	char		 message[256];	/* job-printer-state-message */
};

/* "CUPS queue Q: " and what FMT says, as the job's message. */
static void __attribute__((format(printf, 2, 3)))
cups_say(struct print_out *o, const char *fmt, ...)
{
	char text[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	free(o->message);
	o->message = xasprintf("CUPS queue %s: %s", o->printer->queue, text);
}

static void
cups_sleep(unsigned msec)
{
	struct timespec ts = { msec / 1000, (long) (msec % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void
cups_printer_uri(const struct print_out *o, char *uri, size_t size)
{
	httpAssembleURIf(HTTP_URI_CODING_ALL, uri, (int) size, "ipp", NULL,
	    "localhost", ippPort(), "/printers/%s", o->printer->queue);
}

static http_t *
cups_connect(void)
{
	return httpConnect2(cupsServer(), ippPort(), NULL, AF_UNSPEC,
	    cupsEncryption(), 1, CUPS_CONNECT_MSEC, NULL);
}

/* -- Opening: the queue, then the job -------------------------------------- */

/* Whether the queue exists and takes jobs now. */
static enum status
cups_check_queue(struct print_out *o)
{
	const char *state, *accepting, *reasons;
	cups_dest_t *d;

	d = cupsGetNamedDest(o->http, o->printer->queue, NULL);
	if (d == NULL) {
		if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) {
			cups_say(o, "does not exist (%s)",
			    cupsLastErrorString());
			return STATUS_PRINTER_QUEUE;
		}
		cups_say(o, "%s", cupsLastErrorString());
		return STATUS_PRINT_SERVICE;
	}
	state = cupsGetOption("printer-state", d->num_options, d->options);
	accepting = cupsGetOption("printer-is-accepting-jobs",
	    d->num_options, d->options);
	reasons = cupsGetOption("printer-state-reasons", d->num_options,
	    d->options);
	if ((state != NULL && atoi(state) == IPP_PSTATE_STOPPED) ||
	    (accepting != NULL && strcmp(accepting, "false") == 0)) {
		cups_say(o, "stopped or rejecting jobs (%s)",
		    reasons != NULL ? reasons : "-");
		cupsFreeDests(1, d);
		return STATUS_PRINTER_STOPPED;
	}
	cupsFreeDests(1, d);
	return STATUS_OK;
}

/* The status for cupsCreateJob's failure. */
static enum status
cups_create_failed(struct print_out *o)
{
	ipp_status_t e = cupsLastError();
	const char *why = cupsLastErrorString();

	cups_say(o, "refused the job (%s)", why);
	if (e == IPP_STATUS_ERROR_NOT_FOUND ||
	    (why != NULL && strstr(why, strerror(ENOENT)) != NULL))
		return STATUS_PRINTER_QUEUE;
	if (e == IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS)
		return STATUS_PRINTER_STOPPED;
	if (e == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE)
		return STATUS_PRINT_SERVICE;
	return STATUS_PRINT_ABORTED;
}

enum status
cups_open(struct print_out *o)
{
	cups_option_t *opts = NULL;
	int nopts = 0, id;
	enum status rc;

	if ((o->http = cups_connect()) == NULL) {
		cups_say(o, "cannot reach the scheduler (%s)",
		    cupsLastErrorString());
		return STATUS_PRINT_SERVICE;
	}
	if ((rc = cups_check_queue(o)) != STATUS_OK)
		return rc;

	nopts = cupsAddOption("job-hold-until", "indefinite", nopts, &opts);
	/* The seal is red (Flow 2), and it sits where the standard puts it
	 * (Art. 12): no grey rendition, and A4 as drawn -- a queue whose
	 * default is Letter would otherwise shrink and shift the page, the
	 * seal with it (measured: 3 mm across, 6 mm up). */
	if (o->printer->colour)
		nopts = cupsAddOption("print-color-mode", "color", nopts,
		    &opts);
	nopts = cupsAddOption("media", "A4", nopts, &opts);
	nopts = cupsAddOption("print-scaling", "none", nopts, &opts);
	id = cupsCreateJob(o->http, o->printer->queue, o->name, nopts, opts);
	cupsFreeOptions(nopts, opts);
	if (id <= 0)
		return cups_create_failed(o);
	o->queue_job = (uint32_t) id;
	return STATUS_OK;
}

/* -- Sending the copies ---------------------------------------------------- */

static enum status cups_job_state(struct print_out *o,
    struct cups_job_state *js);

/* Why a copy could not be added: the job may have been cancelled from
 * outside meanwhile, or the queue deleted. */
static enum status
cups_copy_failed(struct print_out *o)
{
	ipp_status_t e = cupsLastError();
	struct cups_job_state js;
	char why[256];

	snprintf(why, sizeof why, "%s", cupsLastErrorString());
	if (cups_job_state(o, &js) == STATUS_OK &&
	    js.state == IPP_JSTATE_CANCELED) {
		o->cancelled = 1;
		o->finished = 1;
		cups_say(o, "cancelled at the printer while the "
		    "copies were sent (%s)", js.reasons);
		return STATUS_PRINT_CANCELLED;
	}
	cups_say(o, "sending a copy failed (%s)", why);
	return e == IPP_STATUS_ERROR_NOT_FOUND ? STATUS_PRINTER_QUEUE :
	    STATUS_PRINT_ABORTED;
}

enum status
cups_copy(struct print_out *o, uint32_t copy_no, const struct buf *pdf,
    int last)
{
	char doc[32];
	size_t off, n;

	snprintf(doc, sizeof doc, "copy %06u", (unsigned) copy_no);
	if (cupsStartDocument(o->http, o->printer->queue, (int) o->queue_job,
	    doc, CUPS_FORMAT_PDF, last) != HTTP_STATUS_CONTINUE)
		goto fail;
	for (off = 0; off < pdf->len; off += n) {
		n = pdf->len - off < 65536 ? pdf->len - off : 65536;
		if (cupsWriteRequestData(o->http, (const char *) pdf->data +
		    off, n) != HTTP_STATUS_CONTINUE) {
			cupsFinishDocument(o->http, o->printer->queue);
			goto fail;
		}
	}
	if (cupsFinishDocument(o->http, o->printer->queue) != IPP_STATUS_OK)
		goto fail;
	o->sent_last = last;
	return STATUS_OK;
fail:
	return cups_copy_failed(o);
}

/* One job operation (release, cancel) on our job. */
static ipp_status_t
cups_job_op(struct print_out *o, ipp_op_t op)
{
	char uri[HTTP_MAX_URI];
	ipp_t *rq;

	cups_printer_uri(o, uri, sizeof uri);
	rq = ippNewRequest(op);
	ippAddString(rq, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    uri);
	ippAddInteger(rq, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id",
	    (int) o->queue_job);
	ippAddString(rq, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	ippDelete(cupsDoRequest(o->http, rq, "/jobs/"));
	return cupsLastError();
}

void
cups_cancel(struct print_out *o)
{
	if (o->http == NULL || o->queue_job == 0 || o->finished)
		return;
	if (cupsCancelJob2(o->http, o->printer->queue, (int) o->queue_job,
	    0) != IPP_STATUS_OK)
		log_error("print: cancelling CUPS job %u on %s: %s",
		    (unsigned) o->queue_job, o->printer->queue,
		    cupsLastErrorString());
}

void
cups_close(struct print_out *o)
{
	if (o->http != NULL)
		httpClose(o->http);
	o->http = NULL;
}

/* -- Following the job ----------------------------------------------------- */

static void
cups_reasons(ipp_attribute_t *a, char *out, size_t size)
{
	size_t used = 0;
	int i;

	out[0] = '\0';
	for (i = 0; a != NULL && i < ippGetCount(a) && used < size; i++)
		used += (size_t) snprintf(out + used, size - used, "%s%s",
		    i > 0 ? "," : "", ippGetString(a, i, NULL));
}

static enum status
cups_job_state(struct print_out *o, struct cups_job_state *js)
{
	char uri[HTTP_MAX_URI];
	ipp_attribute_t *a;
	ipp_t *rq, *rs;

	memset(js, 0, sizeof *js);
	cups_printer_uri(o, uri, sizeof uri);
	rq = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(rq, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL,
	    uri);
	ippAddInteger(rq, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id",
	    (int) o->queue_job);
	ippAddString(rq, IPP_TAG_OPERATION, IPP_TAG_NAME,
	    "requesting-user-name", NULL, cupsUser());
	if ((rs = cupsDoRequest(o->http, rq, "/")) == NULL ||
	    cupsLastError() > IPP_STATUS_OK_EVENTS_COMPLETE) {
		ippDelete(rs);
		return STATUS_PRINT_SERVICE;
	}
	if ((a = ippFindAttribute(rs, "job-state", IPP_TAG_ENUM)) != NULL)
		js->state = ippGetInteger(a, 0);
	cups_reasons(ippFindAttribute(rs, "job-state-reasons",
	    IPP_TAG_KEYWORD), js->reasons, sizeof js->reasons);
	if ((a = ippFindAttribute(rs, "job-printer-state-message",
	    IPP_TAG_TEXT)) != NULL)
		snprintf(js->message, sizeof js->message, "%s",
		    ippGetString(a, 0, NULL));
	ippDelete(rs);
	return js->state != 0 ? STATUS_OK : STATUS_PRINT_SERVICE;
}

/* The job's state, reconnecting for a while if the scheduler went away
 * (it may be restarting); STATUS_PRINT_SERVICE when it stays away. */
static enum status
cups_poll(struct print_out *o, struct cups_job_state *js)
{
	int tries;

	for (tries = 0; tries < CUPS_RECONNECT_TRIES; tries++) {
		if (o->http != NULL && cups_job_state(o, js) == STATUS_OK)
			return STATUS_OK;
		cups_close(o);
		cups_sleep(500);
		o->http = cups_connect();
	}
	cups_say(o, "the scheduler stopped answering (%s)",
	    cupsLastErrorString());
	return STATUS_PRINT_SERVICE;
}

static const char *
cups_state_word(int state)
{
	switch (state) {
	case IPP_JSTATE_PENDING:	return "pending";
	case IPP_JSTATE_HELD:		return "held";
	case IPP_JSTATE_PROCESSING:	return "processing";
	case IPP_JSTATE_STOPPED:	return "stopped";
	case IPP_JSTATE_CANCELED:	return "canceled";
	case IPP_JSTATE_ABORTED:	return "aborted";
	case IPP_JSTATE_COMPLETED:	return "completed";
	default:			return "unknown";
	}
}

/*
 * What a state means for the job: STATUS_OK when it completed,
 * STATUS_BUSY while it is under way, else why it will not print.  A job
 * stuck on a stopped queue or held by someone is given up (job.c
 * cancels it), so that the print room hears of it now.
 */
static enum status
cups_judge(struct print_out *o, const struct cups_job_state *js,
    int we_cancelled)
{
	char what[600];

	snprintf(what, sizeof what, "%s: %s%s%s", cups_state_word(js->state),
	    js->reasons, js->message[0] != '\0' ? ": " : "", js->message);
	o->finished = js->state >= IPP_JSTATE_CANCELED;
	switch (js->state) {
	case IPP_JSTATE_COMPLETED:
		return STATUS_OK;
	case IPP_JSTATE_PROCESSING:
		return STATUS_BUSY;
	case IPP_JSTATE_PENDING:
		if (strstr(js->reasons, "printer-stopped") == NULL)
			return STATUS_BUSY;
		cups_say(o, "stopped with the job waiting (%s)",
		    what);
		return STATUS_PRINTER_STOPPED;
	case IPP_JSTATE_CANCELED:
		o->cancelled = 1;
		cups_say(o, "cancelled %s (%s)", we_cancelled ?
		    "by the print room" : "at the printer", what);
		return we_cancelled ? STATUS_CANCELLED : STATUS_PRINT_CANCELLED;
	case IPP_JSTATE_STOPPED:
		cups_say(o, "stopped the job (%s)", what);
		return STATUS_PRINTER_STOPPED;
	case IPP_JSTATE_HELD:
		if (we_cancelled)
			return STATUS_BUSY;
		cups_say(o, "holds the job (%s)", what);
		return STATUS_PRINT_ABORTED;
	default:
		cups_say(o, "could not print the job (%s)",
		    what);
		return STATUS_PRINT_ABORTED;
	}
}

enum status
cups_wait(struct print_out *o,
    int (*progress)(struct print_out *o, const char *state, void *arg),
    void *arg)
{
	unsigned msec = CUPS_POLL_FIRST_MSEC;
	struct cups_job_state js;
	int we_cancelled = 0;
	enum status rc;

	/* A job cancelled from outside cannot be released: its state,
	 * read below, says so. */
	if (cups_job_op(o, IPP_OP_RELEASE_JOB) != IPP_STATUS_OK)
		log_error("print: releasing CUPS job %u on %s: %s",
		    (unsigned) o->queue_job, o->printer->queue,
		    cupsLastErrorString());
	for (;;) {
		if ((rc = cups_poll(o, &js)) != STATUS_OK)
			return rc;
		if ((rc = cups_judge(o, &js, we_cancelled)) != STATUS_BUSY)
			return rc;
		if (!we_cancelled && progress != NULL &&
		    progress(o, cups_state_word(js.state), arg) != 0) {
			cups_cancel(o);
			we_cancelled = 1;
		}
		cups_sleep(msec);
		if (msec < CUPS_POLL_MAX_MSEC)
			msec *= 2;
	}
}
