// SPDX-License-Identifier: GPL-2.0
/*
 * The device identity (what Get Device ID and Get System GUID answer),
 * shared by the server ("server set", "server show") and the bridged
 * targets ("target add|set", "target show"): the same keywords, parsers,
 * attributes and output.
 */
#include <ctype.h>
#include <inttypes.h>

#include "ipmi-lanctl.h"
#include "nl.h"
#include "print.h"

void identity_usage(FILE *f)
{
	fprintf(f,
		"IDENTITY := { device-id N | device-revision N | firmware MAJOR.MINOR |\n"
		"              manufacturer N | product N | aux-firmware N | guid UUID }\n"
		"device-id 0..255, device-revision 0..15, firmware 0..127.00..99,\n"
		"manufacturer 0..0xfffff, product 0..0xffff, aux-firmware 32 bits;\n"
		"numbers in decimal or 0x hex. UUID := xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\n");
}

/* Replies: each attribute optional (a kernel before the identity). */
void identity_read(struct nlattr **tb, struct identity_info *id)
{
	struct nlattr *a;

	memset(id, 0, sizeof(*id));
	a = tb[IPMI_LAN_A_SERVER_DEVICE_ID];
	id->has_device_id = a;
	if (a)
		id->device_id = nla_get_u8(a);
	a = tb[IPMI_LAN_A_SERVER_DEVICE_REVISION];
	id->has_device_revision = a;
	if (a)
		id->device_revision = nla_get_u8(a);
	if (tb[IPMI_LAN_A_SERVER_FW_MAJOR] && tb[IPMI_LAN_A_SERVER_FW_MINOR]) {
		id->has_firmware = true;
		id->fw_major = nla_get_u8(tb[IPMI_LAN_A_SERVER_FW_MAJOR]);
		id->fw_minor = nla_get_u8(tb[IPMI_LAN_A_SERVER_FW_MINOR]);
	}
	a = tb[IPMI_LAN_A_SERVER_MANUFACTURER];
	id->has_manufacturer = a;
	if (a)
		id->manufacturer = nla_get_u32(a);
	a = tb[IPMI_LAN_A_SERVER_PRODUCT];
	id->has_product = a;
	if (a)
		id->product = nla_get_u16(a);
	a = tb[IPMI_LAN_A_SERVER_AUX_FW];
	id->has_aux_firmware = a;
	if (a)
		id->aux_firmware = nla_get_u32(a);
	a = tb[IPMI_LAN_A_SERVER_GUID];
	id->has_guid = a;
	if (a)
		memcpy(id->guid, nla_data(a), sizeof(id->guid));
}

/* The canonical 8-4-4-4-12 form, the bytes in the order they are sent. */
static void guid_format(const uint8_t *g, char *buf)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int i;

	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*buf++ = '-';
		*buf++ = hex[g[i] >> 4];
		*buf++ = hex[g[i] & 0xf];
	}
	*buf = '\0';
}

/*
 * One field: in a block of lines ("  device-id: 32\n", server show) or
 * on a line (" device-id 32", target show); text is its keyword.
 */
static const char *field_fmt(char *fmt, size_t size, bool line,
			     const char *text, const char *conv)
{
	snprintf(fmt, size, line ? " %s %s" : "  %s: %s\n", text, conv);
	return fmt;
}

static void field_u64(bool line, const char *key, const char *text,
		      uint64_t value)
{
	char fmt[48];

	print_u64(PRINT_ANY, key,
		  field_fmt(fmt, sizeof(fmt), line, text, "%" PRIu64), value);
}

static void field_str(bool line, const char *key, const char *text,
		      const char *value)
{
	char fmt[48];

	print_string(PRINT_ANY, key,
		     field_fmt(fmt, sizeof(fmt), line, text, "%s"), value);
}

void identity_print(const struct identity_info *id, bool line)
{
	char buf[40], fmt[48];

	if (id->has_device_id)
		field_u64(line, "device_id", "device-id", id->device_id);
	if (id->has_device_revision)
		field_u64(line, "device_revision", "device-revision",
			  id->device_revision);
	if (id->has_firmware) {
		snprintf(buf, sizeof(buf), "%u.%02u", id->fw_major,
			 id->fw_minor);
		field_str(line, "firmware", "firmware", buf);
	}
	if (id->has_manufacturer)
		field_u64(line, "manufacturer", "manufacturer",
			  id->manufacturer);
	if (id->has_product)
		field_u64(line, "product", "product", id->product);
	if (id->has_aux_firmware) {
		snprintf(buf, sizeof(buf), "0x%08" PRIx32, id->aux_firmware);
		print_string(PRINT_FP, NULL,
			     field_fmt(fmt, sizeof(fmt), line, "aux-firmware",
				       "%s"), buf);
		print_u64(PRINT_JSON, "aux_firmware", NULL, id->aux_firmware);
	}
	if (id->has_guid) {
		guid_format(id->guid, buf);
		field_str(line, "guid", "guid", buf);
	}
}

/* Settings that are plain numbers, decimal or 0x hex. */
static const struct id_number {
	const char *key;
	int attr;
	int size;		/* of the attribute, bytes */
	uint32_t max;
	const char *range;
} id_numbers[] = {
	{ "device-id",	     IPMI_LAN_A_SERVER_DEVICE_ID,	1, 0xff,
	  "0..255" },
	{ "device-revision", IPMI_LAN_A_SERVER_DEVICE_REVISION, 1, 15,
	  "0..15" },
	{ "manufacturer",    IPMI_LAN_A_SERVER_MANUFACTURER,	4, 0xfffff,
	  "0..0xfffff" },
	{ "product",	     IPMI_LAN_A_SERVER_PRODUCT,		2, 0xffff,
	  "0..0xffff" },
	{ "aux-firmware",    IPMI_LAN_A_SERVER_AUX_FW,		4, 0xffffffff,
	  "0..0xffffffff" },
	{ NULL, 0, 0, 0, NULL }
};

static const struct id_number *id_number_find(const char *key)
{
	const struct id_number *n;

	for (n = id_numbers; n->key; n++) {
		if (matches(key, n->key))
			return n;
	}
	return NULL;
}

bool is_identity(const char *key)
{
	return id_number_find(key) || matches(key, "firmware") ||
	       matches(key, "guid");
}

/* MAJOR.MINOR: MAJOR 0..127, MINOR exactly two digits ("1.05"). */
static int parse_firmware(const char *s, uint8_t *major, uint8_t *minor)
{
	const char *dot = strchr(s, '.');
	char buf[8];
	uint32_t v;

	if (!dot || dot - s >= (long)sizeof(buf) || strlen(dot + 1) != 2 ||
	    !isdigit((unsigned char)dot[1]) || !isdigit((unsigned char)dot[2]))
		return -1;
	memcpy(buf, s, dot - s);
	buf[dot - s] = '\0';
	if (parse_uint(buf, false, 0, 127, &v))
		return -1;
	*major = v;
	*minor = (dot[1] - '0') * 10 + (dot[2] - '0');
	return 0;
}

static int hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' :
	       tolower((unsigned char)c) - 'a' + 10;
}

/* 8-4-4-4-12 hex digits; the bytes in the order the text reads. */
static int parse_guid(const char *s, uint8_t *guid)
{
	unsigned int i, n;

	if (strlen(s) != 36)
		return -1;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return -1;
		} else if (!isxdigit((unsigned char)s[i])) {
			return -1;
		}
	}
	for (i = 0, n = 0; n < 16; n++, i += 2) {
		if (s[i] == '-')
			i++;
		guid[n] = hexval(s[i]) << 4 | hexval(s[i + 1]);
	}
	return 0;
}

int identity_parse(struct identity_settings *set, const char *cmd,
		   const char *key, const char *val)
{
	const struct id_number *n = id_number_find(key);
	int attr;

	if (n)
		attr = n->attr;
	else if (matches(key, "firmware"))
		attr = IPMI_LAN_A_SERVER_FW_MAJOR;
	else
		attr = IPMI_LAN_A_SERVER_GUID;
	if (set->given[attr])
		return usage_error("%s: %s given twice", cmd, key);
	set->given[attr] = true;
	set->any = true;

	if (n && parse_uint(val, true, 0, n->max, &set->num[attr]))
		return usage_error("%s: %s \"%s\": expected a number in %s (decimal or 0x hex)",
				   cmd, key, val, n->range);
	if (attr == IPMI_LAN_A_SERVER_FW_MAJOR &&
	    parse_firmware(val, &set->fw_major, &set->fw_minor))
		return usage_error("%s: firmware \"%s\": expected MAJOR.MINOR, MAJOR 0..127, MINOR two digits (e.g. 1.05)",
				   cmd, val);
	if (attr == IPMI_LAN_A_SERVER_GUID && parse_guid(val, set->guid))
		return usage_error("%s: guid \"%s\": expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx (hex digits)",
				   cmd, val);
	return EXIT_OK;
}

int identity_put(struct nl_msg *msg, const struct identity_settings *set)
{
	const struct id_number *n;
	int ret = 0;

	for (n = id_numbers; n->key && ret >= 0; n++) {
		if (!set->given[n->attr])
			continue;
		if (n->size == 1)
			ret = nla_put_u8(msg, n->attr, set->num[n->attr]);
		else if (n->size == 2)
			ret = nla_put_u16(msg, n->attr, set->num[n->attr]);
		else
			ret = nla_put_u32(msg, n->attr, set->num[n->attr]);
	}
	if (ret >= 0 && set->given[IPMI_LAN_A_SERVER_FW_MAJOR]) {
		ret = nla_put_u8(msg, IPMI_LAN_A_SERVER_FW_MAJOR, set->fw_major);
		if (ret >= 0)
			ret = nla_put_u8(msg, IPMI_LAN_A_SERVER_FW_MINOR,
					 set->fw_minor);
	}
	if (ret >= 0 && set->given[IPMI_LAN_A_SERVER_GUID])
		ret = nla_put(msg, IPMI_LAN_A_SERVER_GUID, sizeof(set->guid),
			      set->guid);
	return ret;
}
