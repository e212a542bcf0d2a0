/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One printing path for text and JSON output, after iproute2's json_print.h:
 * print_*(type, key, fmt, value) prints fmt with value in text mode and
 * "key": value in JSON mode, depending on which bits of type are set.
 */
#ifndef IPMI_LANCTL_PRINT_H
#define IPMI_LANCTL_PRINT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

enum output_type {
	PRINT_FP = 1,		/* text only */
	PRINT_JSON = 2,		/* JSON only */
	PRINT_ANY = PRINT_FP | PRINT_JSON,
};

void print_init(bool json, bool pretty);

/*
 * Open the one top-level JSON value of a command's output, an object (or
 * an array, for lists), and close it (and anything left open).
 */
void print_start(void);
void print_start_array(void);
int print_end(void);

/* A NULL key makes an array element (or the top-level value). */
void open_json_object(const char *key);
void close_json_object(void);
void open_json_array(const char *key);
void close_json_array(void);

void print_string(enum output_type t, const char *key, const char *fmt,
		  const char *value);
void print_u64(enum output_type t, const char *key, const char *fmt,
	       uint64_t value);
void print_bool(enum output_type t, const char *key, const char *fmt,
		bool value);
/* JSON null; in text mode fmt with text. */
void print_null(enum output_type t, const char *key, const char *fmt,
		const char *text);

/* Error messages: "ipmi-lanctl: " fmt "\n" on stderr. */
void pr_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pr_verr(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif /* IPMI_LANCTL_PRINT_H */
