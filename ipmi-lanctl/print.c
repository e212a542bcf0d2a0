// SPDX-License-Identifier: GPL-2.0
/*
 * Text and JSON output. The JSON writer is deliberately tiny: it knows
 * objects, arrays, strings, unsigned numbers, booleans and null, which is
 * all the netlink API carries.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipmi-lanctl.h"
#include "print.h"

#define JSON_MAX_DEPTH 16

static struct {
	bool json;
	bool pretty;
	int depth;			/* open containers */
	bool empty[JSON_MAX_DEPTH];	/* nothing written in container yet */
	char closer[JSON_MAX_DEPTH];	/* '}' or ']' */
} pr;

void print_init(bool json, bool pretty)
{
	pr.json = json;
	pr.pretty = pretty;
	pr.depth = 0;
}

void pr_verr(const char *fmt, va_list ap)
{
	fflush(stdout);
	fputs(PROG ": ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void pr_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pr_verr(fmt, ap);
	va_end(ap);
}

/* Length of the valid UTF-8 sequence at p, 0 if it is not one. */
static int utf8_len(const unsigned char *p)
{
	static const unsigned int min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned int cp;
	int n, i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if ((p[0] & 0xf0) == 0xe0)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return 0;

	cp = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* A JSON string; bytes that are not UTF-8 become U+FFFD. */
static void json_string(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n;

	putchar('"');
	while (*p) {
		switch (*p) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\b':
			fputs("\\b", stdout);
			break;
		case '\f':
			fputs("\\f", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\r':
			fputs("\\r", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		default:
			if (*p < 0x20) {
				printf("\\u%04x", *p);
				break;
			}
			if (*p < 0x80) {
				putchar(*p);
				break;
			}
			n = utf8_len(p);
			if (!n) {
				fputs("\\ufffd", stdout);
				break;
			}
			fwrite(p, 1, n, stdout);
			p += n - 1;
		}
		p++;
	}
	putchar('"');
}

static void json_newline(int depth)
{
	putchar('\n');
	while (depth-- > 0)
		fputs("    ", stdout);
}

/* Separator, indentation and key before a new value. */
static void json_value(const char *key)
{
	if (pr.depth > 0) {
		if (!pr.empty[pr.depth])
			putchar(',');
		pr.empty[pr.depth] = false;
		if (pr.pretty)
			json_newline(pr.depth);
	}
	if (key) {
		json_string(key);
		fputs(pr.pretty ? ": " : ":", stdout);
	}
}

static void json_open(const char *key, char c)
{
	if (pr.depth + 1 >= JSON_MAX_DEPTH)
		abort();	/* a bug in the caller */
	json_value(key);
	putchar(c);
	pr.empty[++pr.depth] = true;
	pr.closer[pr.depth] = c == '{' ? '}' : ']';
}

static void json_close(char c)
{
	if (pr.depth <= 0)
		return;
	if (pr.pretty && !pr.empty[pr.depth])
		json_newline(pr.depth - 1);
	pr.depth--;
	putchar(c);
}

void open_json_object(const char *key)
{
	if (pr.json)
		json_open(key, '{');
}

void close_json_object(void)
{
	if (pr.json)
		json_close('}');
}

void open_json_array(const char *key)
{
	if (pr.json)
		json_open(key, '[');
}

void close_json_array(void)
{
	if (pr.json)
		json_close(']');
}

void print_start(void)
{
	open_json_object(NULL);
}

void print_start_array(void)
{
	open_json_array(NULL);
}

int print_end(void)
{
	if (pr.json) {
		while (pr.depth > 0)
			json_close(pr.closer[pr.depth]);
		putchar('\n');
	}
	if (fflush(stdout) || ferror(stdout)) {
		pr_err("cannot write the output: %s", strerror(errno));
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_value(key);
		json_string(value);
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		printf(fmt, value);
	}
}

void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_value(key);
		printf("%" PRIu64, value);
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		printf(fmt, value);
	}
}

void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_value(key);
		fputs(value ? "true" : "false", stdout);
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		printf(fmt, value ? "true" : "false");
	}
}

void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text)
{
	if (pr.json && (t & PRINT_JSON)) {
		json_value(key);
		fputs("null", stdout);
	} else if (!pr.json && (t & PRINT_FP) && fmt) {
		printf(fmt, text);
	}
}
