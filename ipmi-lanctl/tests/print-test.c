// SPDX-License-Identifier: GPL-2.0
/*
 * Drives print.c with awkward strings and nesting; test-cli.py checks that
 * the output is valid JSON with the expected values. "-p" for pretty,
 * "-t" for text mode.
 */
#include <inttypes.h>
#include <string.h>

#include "ipmi-lanctl.h"
#include "print.h"

int main(int argc, char **argv)
{
	static const char *const strings[] = {
		"plain",
		"quote \" backslash \\ slash /",
		"\b\f\n\r\t\x01\x1f\x7f",
		"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",	/* é € 😀 */
		"bad \xff|\xc0\x80|\xed\xa0\x80|\xe2\x82|\xf4\x90\x80\x80|",
		"",
	};
	bool pretty = argc > 1 && !strcmp(argv[1], "-p");
	bool text = argc > 1 && !strcmp(argv[1], "-t");
	unsigned int i;

	print_init(!text, pretty);
	print_start();
	open_json_array("strings");
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		print_string(PRINT_ANY, NULL, "%s\n", strings[i]);
	close_json_array();
	print_string(PRINT_JSON, "key \"\n", NULL, "v");
	print_u64(PRINT_ANY, "max", "max %" PRIu64 "\n", UINT64_MAX);
	print_u64(PRINT_FP, "text-only", "text-only %" PRIu64 "\n", 1);
	print_bool(PRINT_ANY, "yes", "yes %s\n", true);
	print_bool(PRINT_JSON, "no", NULL, false);
	open_json_object("empty_object");
	close_json_object();
	open_json_array("empty_array");
	close_json_array();
	open_json_array("nested");
	open_json_object(NULL);
	open_json_array("a");
	print_u64(PRINT_JSON, NULL, NULL, 1);
	print_u64(PRINT_JSON, NULL, NULL, 2);
	close_json_array();
	close_json_object();
	open_json_object(NULL);
	close_json_object();
	close_json_array();
	return print_end();
}
