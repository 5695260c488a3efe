# cupsd.sh -- a private CUPS scheduler for the tests, listening only on a
# unix socket in a directory of the test's own, with PDF queues that
# write what they print into files.
#
# Sourced by shell tests:
#	. "$abs_top_srcdir/tests/lib/cupsd.sh"
#	cupsd_start DIR          start cupsd under DIR, export CUPS_SERVER
#	cupsd_queue NAME FILE    a queue printing into FILE (PDF)
#	cupsd_stop               stop it (also safe when not started)
# Run as a command by the C tests (tests/print/cupsd_fixture.c):
#	sh cupsd.sh exec DIR     write the configuration, then become cupsd
#	sh cupsd.sh queue DIR NAME FILE
#
# Facts measured with CUPS 2.4 that this relies on:
# - cupsd -f -c CONF -s FILES runs in the foreground with every path
#   under DIR; it is ready (the socket exists) in about 40 ms.
# - "User root" is refused ("Will not use User root (UID=0) ... for
#   security reasons"); as root the scheduler keeps its default user
#   (lp) for filters, so DIR and every directory above it must be
#   searchable by others: under a 0700 test directory the job "stopped
#   due to filter errors" and the queue wrote an empty file.  DIR gets
#   mode 0711 here; the caller opens its own test directory.  Run as an
#   ordinary user, everything runs as that user, and it works the same.
# - FileDevice Yes is needed for file: device URIs.
# - Printcap must be set, or cupsd writes /run/cups/printcap.
# - A queue with the Generic PDF Printer PPD of cups-filters writes a
#   real PDF; every document of a job is appended to the device file,
#   and the next job replaces it.  A raw queue with a file: device
#   writes nothing while reporting the job completed, so a test checks
#   the output file, never only the job state.
# - lpstat -r exits 0 even when the scheduler is down: readiness is the
#   socket answering "lpstat -o" (which fails when it is down, as
#   "lpstat -p" does with no queue at all).

# The Generic PDF Printer PPD of cups-filters.
cupsd_ppd() {
	for p in /usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd \
	    /usr/share/cups/model/Generic-PDF_Printer-PDF.ppd; do
		if [ -r "$p" ]; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# cupsd_conf DIR: the configuration files under DIR.
cupsd_conf() {
	mkdir -p "$1/etc" "$1/spool/tmp" "$1/cache" "$1/state" "$1/log" ||
	    return 1
	chmod 0711 "$1" "$1/spool" "$1/state"
	chmod 1777 "$1/spool/tmp"
	cat >"$1/etc/cupsd.conf" <<EOF
Listen $1/sock
LogLevel warn
WebInterface No
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
MaxLogSize 0
<Location />
Order allow,deny
Allow all
</Location>
<Policy default>
<Limit All>
Order deny,allow
</Limit>
</Policy>
EOF
	cat >"$1/etc/cups-files.conf" <<EOF
FileDevice Yes
ServerRoot $1/etc
RequestRoot $1/spool
TempDir $1/spool/tmp
CacheDir $1/cache
StateDir $1/state
ErrorLog $1/log/error_log
AccessLog $1/log/access_log
PageLog $1/log/page_log
Printcap $1/state/printcap
EOF
}

# cupsd_wait SOCKET: until the scheduler answers, at most 5 seconds.
cupsd_wait() {
	i=0
	while [ $i -lt 100 ]; do
		if [ -S "$1" ] &&
		    CUPS_SERVER="$1" lpstat -o >/dev/null 2>&1; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

cupsd_start() {
	CUPSD_DIR=$1
	cupsd_conf "$CUPSD_DIR" || return 1
	cupsd -f -c "$CUPSD_DIR/etc/cupsd.conf" \
	    -s "$CUPSD_DIR/etc/cups-files.conf" \
	    >"$CUPSD_DIR/log/stdout" 2>&1 &
	CUPSD_PID=$!
	CUPS_SERVER="$CUPSD_DIR/sock"
	export CUPS_SERVER
	cupsd_wait "$CUPS_SERVER"
}

cupsd_stop() {
	if [ -n "${CUPSD_PID:-}" ]; then
		kill "$CUPSD_PID" 2>/dev/null
		wait "$CUPSD_PID" 2>/dev/null
		CUPSD_PID=
	fi
}

# cupsd_queue NAME FILE: a PDF queue, enabled and accepting, into FILE.
cupsd_queue() {
	ppd=$(cupsd_ppd) || return 1
	dir=$(dirname "$2")
	mkdir -p "$dir" && chmod 0711 "$dir" || return 1
	lpadmin -p "$1" -E -v "file://$2" -P "$ppd" 2>/dev/null &&
	    cupsenable "$1" && cupsaccept "$1"
}

# As a command, for the C tests.
case "${1:-}" in
exec)
	cupsd_conf "$2" || exit 1
	exec cupsd -f -c "$2/etc/cupsd.conf" -s "$2/etc/cups-files.conf" \
	    >"$2/log/stdout" 2>&1
	;;
queue)
	CUPS_SERVER="$2/sock"
	export CUPS_SERVER
	cupsd_queue "$3" "$4"
	exit $?
	;;
esac
