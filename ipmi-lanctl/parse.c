// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the command parsers: numbers, on/off, privilege
 * levels, forms of bridged answers, user ids, target addresses, names and
 * secrets read from a file or standard input.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/ipmi_lan.h>

#include "ipmi-lanctl.h"
#include "print.h"

int parse_uint(const char *s, bool hex_ok, uint32_t min, uint32_t max,
	       uint32_t *value)
{
	unsigned long long v;
	int base = 10;
	char *end;

	if (hex_ok && (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))) {
		base = 16;
		s += 2;
		if (!isxdigit((unsigned char)s[0]))
			return -1;
	} else if (!isdigit((unsigned char)s[0])) {
		return -1;	/* no sign, no space, not empty */
	}
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || v < min || v > max)
		return -1;
	*value = v;
	return 0;
}

int parse_on_off(const char *s)
{
	if (matches(s, "on"))
		return 1;
	if (matches(s, "off"))
		return 0;
	return -1;
}

static const char *const priv_names[] = {
	[1] = "callback",
	[2] = "user",
	[3] = "operator",
	[4] = "administrator",
	[5] = "oem",
	[IPMI_LAN_PRIV_NO_ACCESS] = "no-access",
};

#define N_PRIV_NAMES ARRAY_SIZE(priv_names)

int parse_privilege(const char *s, bool no_access_ok)
{
	unsigned int i;

	if (matches(s, "admin"))
		return 4;
	for (i = 1; i < N_PRIV_NAMES; i++) {
		if (priv_names[i] && matches(s, priv_names[i]))
			break;
	}
	if (i == N_PRIV_NAMES ||
	    (i == IPMI_LAN_PRIV_NO_ACCESS && !no_access_ok))
		return -1;
	return i;
}

const char *privilege_name(unsigned int level, char *buf, size_t size)
{
	if (level < N_PRIV_NAMES && priv_names[level])
		return priv_names[level];
	snprintf(buf, size, "%u", level);	/* from a newer kernel */
	return buf;
}

static const char *const bridge_names[] = {
	[IPMI_LAN_BRIDGE_SEPARATE] = "separate",
	[IPMI_LAN_BRIDGE_EMBEDDED] = "embedded",
	[IPMI_LAN_BRIDGE_CHANNEL] = "channel",
};

int parse_bridge(const char *cmd, const char *s, bool channel_ok, int *mode)
{
	if (matches(s, "embedded"))
		*mode = IPMI_LAN_BRIDGE_EMBEDDED;
	else if (matches(s, "separate"))
		*mode = IPMI_LAN_BRIDGE_SEPARATE;
	else if (channel_ok && matches(s, "channel"))
		*mode = IPMI_LAN_BRIDGE_CHANNEL;
	else if (channel_ok)
		return usage_error("%s: bridge \"%s\": expected embedded, separate or channel",
				   cmd, s);
	else
		return usage_error("%s: bridge \"%s\": expected embedded or separate",
				   cmd, s);
	return EXIT_OK;
}

const char *bridge_name(unsigned int mode, char *buf, size_t size)
{
	if (mode < ARRAY_SIZE(bridge_names))
		return bridge_names[mode];
	snprintf(buf, size, "%u", mode);	/* from a newer kernel */
	return buf;
}

int parse_user_id(const char *cmd, const char *s, uint8_t *id)
{
	uint32_t v;

	if (parse_uint(s, false, IPMI_LAN_USER_MIN_ID, IPMI_LAN_USER_MAX_ID,
		       &v))
		return usage_error("%s: user ID \"%s\": expected a number in %d..%d",
				   cmd, s, IPMI_LAN_USER_MIN_ID,
				   IPMI_LAN_USER_MAX_ID);
	*id = v;
	return EXIT_OK;
}

int parse_target_addr(const char *cmd, const char *s, bool bmc_ok,
		      uint8_t *addr)
{
	uint32_t v;

	if (parse_uint(s, true, 1, 255, &v))
		return usage_error("%s: target address \"%s\": expected a number in 1..255 (decimal or 0x hex)",
				   cmd, s);
	if (v == IPMI_LAN_BMC_ADDR && !bmc_ok)
		return usage_error("%s: target address \"%s\": 0x20 is the BMC itself, not a bridged target",
				   cmd, s);
	*addr = v;
	return EXIT_OK;
}

int check_name(const char *cmd, const char *name, size_t max)
{
	size_t i, len = strlen(name);

	if (len < 1 || len > max)
		return usage_error("%s: name \"%s\": expected 1 to %zu characters",
				   cmd, name, max);
	for (i = 0; i < len; i++) {
		if (name[i] <= ' ' || name[i] > '~')
			return usage_error("%s: name \"%s\": only printable ASCII characters, no spaces",
					   cmd, name);
	}
	return EXIT_OK;
}

int parse_choice(const char *cmd, const char *key, const char *val,
		 const char *on, const char *off, int *flag)
{
	if (*flag >= 0)
		return usage_error("%s: %s given twice", cmd, key);
	*flag = matches(val, on) ? 1 : matches(val, off) ? 0 : -1;
	if (*flag < 0)
		return usage_error("%s: %s \"%s\": expected %s or %s", cmd,
				   key, val, on, off);
	return EXIT_OK;
}

/*
 * Read a secret: at most sizeof(data) bytes (20, then room for "\r\n" and
 * one byte more to tell a longer file), until end of file. One trailing
 * "\n" or "\r\n" is dropped; what remains must be 1..20 bytes.
 */
static int secret_read_fd(struct secret *sec, int fd)
{
	ssize_t n;

	sec->len = 0;
	while (sec->len < sizeof(sec->data)) {
		n = read(fd, sec->data + sec->len, sizeof(sec->data) - sec->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0;
		sec->len += n;
	}
	return -EMSGSIZE;
}

int secret_read(struct secret *sec, const char *what)
{
	bool std = !sec->path || matches(sec->path, "-");
	int fd, ret;

	fd = std ? STDIN_FILENO : open(sec->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return usage_error("%s: cannot open \"%s\": %s", what,
				   sec->path, strerror(errno));
	ret = secret_read_fd(sec, fd);
	if (!std)
		close(fd);
	if (ret && ret != -EMSGSIZE) {
		secret_wipe(sec);
		return usage_error("%s: cannot read %s: %s", what,
				   std ? "standard input" : sec->path,
				   strerror(-ret));
	}

	if (!ret && sec->len && sec->data[sec->len - 1] == '\n') {
		sec->len--;
		if (sec->len && sec->data[sec->len - 1] == '\r')
			sec->len--;
	}
	if (ret || sec->len < 1 || sec->len > IPMI_LAN_PASSWORD_LEN) {
		secret_wipe(sec);
		return usage_error("%s must be 1 to %d bytes", what,
				   IPMI_LAN_PASSWORD_LEN);
	}
	return EXIT_OK;
}

void secret_wipe(struct secret *sec)
{
	explicit_bzero(sec->data, sizeof(sec->data));
	sec->len = 0;
}

static const struct {
	const char *name;
	uint8_t netfn;
} netfn_names[] = {
	{ "chassis",	0x00 },
	{ "bridge",	0x02 },
	{ "sensor",	0x04 },
	{ "app",	0x06 },
	{ "firmware",	0x08 },
	{ "storage",	0x0a },
	{ "transport",	0x0c },
	{ "group",	0x2c },
	{ "oem",	0x2e },
};

int parse_netfn(const char *s, uint8_t *netfn)
{
	uint32_t v;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(netfn_names); i++) {
		if (matches(s, netfn_names[i].name)) {
			*netfn = netfn_names[i].netfn;
			return 0;
		}
	}
	if (parse_uint(s, true, 0, 0x3e, &v) || (v & 1))
		return -1;
	*netfn = v;
	return 0;
}

const char *netfn_name(unsigned int netfn)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(netfn_names); i++) {
		if (netfn_names[i].netfn == netfn)
			return netfn_names[i].name;
	}
	return NULL;
}
