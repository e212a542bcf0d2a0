// SPDX-License-Identifier: GPL-2.0
/*
 * ipmi-lanctl -b[atch] FILE [ -force ]: one command a line, as "ip -batch"
 * runs them, through one netlink socket. Setting up 254 targets this way
 * is one process instead of 254 (each costs a process start, a socket and
 * a family lookup).
 *
 * A line is split into words at blanks; '...' quotes literally, "..."
 * quotes with \" and \\ as escapes, and a backslash outside quotes
 * escapes the next character. A word starting with # starts a comment.
 * Empty lines and comments are skipped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

#define BATCH_LINE_MAX	4096
#define BATCH_ARGS_MAX	128

/*
 * Split line in place into at most max words; the count, or -1 with a
 * reason in *why.
 */
int batch_split(char *line, char **argv, int max, const char **why)
{
	char *r = line, *w = line;
	int argc = 0;
	char quote;

	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		if (!*r || *r == '#')
			return argc;
		if (argc == max) {
			*why = "too many words";
			return -1;
		}
		argv[argc++] = w;
		quote = 0;
		while (*r) {
			if (quote == '\'') {
				if (*r == '\'')
					quote = 0;
				else
					*w++ = *r;
				r++;
			} else if (quote == '"') {
				if (*r == '"') {
					quote = 0;
				} else if (*r == '\\' &&
					   (r[1] == '"' || r[1] == '\\')) {
					*w++ = *++r;
				} else {
					*w++ = *r;
				}
				r++;
			} else if (*r == ' ' || *r == '\t' || *r == '\n' ||
				   *r == '\r') {
				break;
			} else if (*r == '\'' || *r == '"') {
				quote = *r++;
			} else if (*r == '\\') {
				if (!r[1] || r[1] == '\n') {
					*why = "backslash at the end of the line";
					return -1;
				}
				r++;
				*w++ = *r++;
			} else {
				*w++ = *r++;
			}
		}
		if (quote) {
			*why = "unterminated quote";
			return -1;
		}
		/* r is at a blank or the end, and w is never past r. */
		if (*r)
			r++;
		*w++ = '\0';
	}
}

int batch_run(const char *path, bool force, batch_fn fn)
{
	char line[BATCH_LINE_MAX];
	char *argv[BATCH_ARGS_MAX + 1];
	unsigned int n = 0;
	const char *why;
	int argc, ret, status = EXIT_OK;
	FILE *f;

	if (!strcmp(path, "-")) {
		f = stdin;
	} else {
		f = fopen(path, "r");
		if (!f)
			return usage_error("cannot open %s: %s", path,
					   strerror(errno));
	}
	while (fgets(line, sizeof(line), f)) {
		n++;
		if (!strchr(line, '\n') && !feof(f)) {
			pr_err("%s:%u: line too long", path, n);
			ret = EXIT_USAGE;
			goto failed;
		}
		argc = batch_split(line, argv, BATCH_ARGS_MAX, &why);
		if (argc < 0) {
			pr_err("%s:%u: %s", path, n, why);
			ret = EXIT_USAGE;
			goto failed;
		}
		if (!argc)
			continue;
		argv[argc] = NULL;
		ret = fn(argc, argv);
		explicit_bzero(line, sizeof(line));	/* may hold a secret */
		if (!ret)
			continue;
failed:
		pr_err("%s:%u: command failed", path, n);
		if (ret > status)
			status = ret;
		if (!force)
			break;
	}
	if (ferror(f) && !status) {
		pr_err("%s: read error", path);
		status = EXIT_USAGE;
	}
	if (f != stdin)
		fclose(f);
	return status;
}
