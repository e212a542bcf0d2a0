#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Turn the KTAP that KUnit prints into the harness's result lines.
#
# Usage: ktap.sh [LOGFILE]      (stdin when no file is given)
#
# Input: a kernel log (dmesg with or without timestamps, serial console,
# or /sys/kernel/debug/kunit/<suite>/results). Output, one line per test:
#
#   ok kunit-<suite>-<case>
#   not ok kunit-<suite>-<case>
#   skip kunit-<suite>-<case>
#
# Counting rule: one result per test case of a suite (the lines one level
# below the suite). Parameterized cases count once, by their own summary
# line; their parameters (one level deeper) are not counted individually.
# A suite without cases is counted by its own result as kunit-<suite>. A
# suite that passed all its cases but itself ended "not ok" (suite init or
# exit failure) adds "not ok kunit-<suite>". A suite that started but never
# ended (crash, hang) adds "not ok kunit-<suite>-incomplete".
#
# Exit status: 0 if at least one result was printed and none failed, 1 if
# any failed, 2 if there was no KTAP at all.

set -euo pipefail

awk '
function strip(s) {
	sub(/\r$/, "", s)
	if (s ~ /^[0-9]+,[0-9]+,[0-9]+,[^;]*;/)
		sub(/^[^;]*;/, "", s)
	sub(/^<[0-9]+>/, "", s)
	sub(/^\[ *[0-9]+\.[0-9]+\] /, "", s)
	sub(/^\[ *[TC][0-9]+\] /, "", s)
	gsub(/\t/, "        ", s)
	return s
}
function clean(n) {
	gsub(/[^A-Za-z0-9_.+-]/, "_", n)
	return n
}
function emit(res, name) {
	print res " " name
	printed++
	if (res == "not ok")
		failed++
}
{
	line = strip($0)
	match(line, /^ */)
	depth = int(RLENGTH / 4)
	body = substr(line, RLENGTH + 1)

	if (body ~ /^# Subtest: /) {
		if (depth == 1) {
			suite = clean(substr(body, 12))
			cases = 0
			casefail = 0
			open[suite] = 1
			order[++nsuites] = suite
		}
		next
	}
	if (body !~ /^(not )?ok [0-9]+/)
		next

	res = (body ~ /^not ok/) ? "not ok" : "ok"
	rest = body
	sub(/^(not )?ok [0-9]+ *(- )?/, "", rest)
	directive = ""
	if (index(rest, " # ")) {
		directive = substr(rest, index(rest, " # ") + 3)
		rest = substr(rest, 1, index(rest, " # ") - 1)
	} else if (rest ~ /^# /) {
		directive = substr(rest, 3)
		rest = ""
	}
	if (toupper(directive) ~ /^SKIP/)
		res = "skip"
	name = clean(rest)

	if (depth == 1 && suite != "") {
		cases++
		if (res == "not ok")
			casefail++
		emit(res, "kunit-" suite "-" name)
	} else if (depth == 0) {
		s = (name != "") ? name : suite
		if (s == "")
			next
		if (!(s in open) || cases == 0 || s != suite)
			emit(res, "kunit-" s)
		else if (res == "not ok" && casefail == 0)
			emit("not ok", "kunit-" s)
		delete open[s]
		if (s == suite)
			suite = ""
	}
}
END {
	for (i = 1; i <= nsuites; i++)
		if (order[i] in open) {
			emit("not ok", "kunit-" order[i] "-incomplete")
			delete open[order[i]]
		}
	if (!printed)
		exit 2
	exit failed ? 1 : 0
}' "${1:--}"
