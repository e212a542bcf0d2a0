// SPDX-License-Identifier: GPL-2.0
/*
 * The chassis consumer's command handling (IPMI v2.0 chapter 28): Get
 * Chassis Capabilities and Status, Chassis Control and Identify, Set Power
 * Restore Policy, Get System Restart Cause, Set/Get System Boot Options.
 * No I/O here: hooks are started through struct chassis_ops.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "chassis-logic.h"

const uint8_t chassis_cmds[8] = {
	CH_GET_CAPABILITIES, CH_GET_STATUS, CH_CONTROL, CH_IDENTIFY,
	CH_SET_RESTORE_POLICY, CH_GET_RESTART_CAUSE, CH_SET_BOOT_OPTIONS,
	CH_GET_BOOT_OPTIONS,
};

static const char *const hook_keys[CH_HOOK_COUNT] = {
	[CH_HOOK_POWER_ON]	= "power-on",
	[CH_HOOK_POWER_OFF]	= "power-off",
	[CH_HOOK_POWER_CYCLE]	= "power-cycle",
	[CH_HOOK_RESET]		= "reset",
	[CH_HOOK_SOFT_OFF]	= "soft-off",
	[CH_HOOK_DIAG]		= "diag",
	[CH_HOOK_IDENTIFY]	= "identify",
	[CH_HOOK_STATUS]	= "status",
};

const char *chassis_hook_key(enum chassis_hook hook)
{
	return hook < CH_HOOK_COUNT ? hook_keys[hook] : "?";
}

/* Configuration file */

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* The keys that are not hooks; seen[] has the hooks, then these. */
enum { KEY_INITIAL_POWER, KEY_STATE, KEY_STATUS_TIMEOUT, KEY_OTHERS };

static const char *const other_keys[KEY_OTHERS] = {
	[KEY_INITIAL_POWER]	= "initial-power",
	[KEY_STATE]		= "state",
	[KEY_STATUS_TIMEOUT]	= "status-timeout",
};

/*
 * The %-sequences of a value: %t %x %d %%, and %n in commands. 0, or -1
 * with a message.
 */
static int check_subst(const char *key, const char *val, bool command,
		       char *err, size_t errsize)
{
	for (; (val = strchr(val, '%')); val += 2) {
		if (val[1] && strchr(command ? "txdn%" : "txd%", val[1]))
			continue;
		if (val[1] == 'n')
			snprintf(err, errsize,
				 "%s: %%n is for commands, not paths", key);
		else if (!val[1])
			snprintf(err, errsize, "%s: %% at the end", key);
		else
			snprintf(err, errsize,
				 "%s: unknown %%%c (%%t, %%x, %%d, %%n or %%%%)",
				 key, val[1]);
		return -1;
	}
	return 0;
}

static bool names_target(const char *val)
{
	for (; val && (val = strchr(val, '%')); val += 2) {
		if (val[1] == 't' || val[1] == 'x' || val[1] == 'd')
			return true;
	}
	return false;
}

static int config_other(struct chassis_config *cfg, unsigned int key,
			const char *val, char *err, size_t errsize)
{
	unsigned long ms;
	char *end;

	switch (key) {
	case KEY_INITIAL_POWER:
		if (strcmp(val, "on") && strcmp(val, "off")) {
			snprintf(err, errsize,
				 "initial-power \"%s\": expected on or off", val);
			return -1;
		}
		cfg->initial_power = !strcmp(val, "on");
		return 0;
	case KEY_STATE:
		if (!*val) {
			snprintf(err, errsize, "state: empty path");
			return -1;
		}
		cfg->state_path = strdup(val);
		return cfg->state_path ? 0 : -1;
	default:
		errno = 0;
		ms = strtoul(val, &end, 10);
		if (!isdigit((unsigned char)*val) || *end || errno ||
		    ms < CH_STATUS_TIMEOUT_MIN_MS || ms > CH_STATUS_TIMEOUT_MAX_MS) {
			snprintf(err, errsize,
				 "status-timeout \"%s\": expected %d to %d (ms)",
				 val, CH_STATUS_TIMEOUT_MIN_MS,
				 CH_STATUS_TIMEOUT_MAX_MS);
			return -1;
		}
		cfg->status_timeout_ms = ms;
		return 0;
	}
}

static int config_line(struct chassis_config *cfg, char *line, bool *seen,
		       char *err, size_t errsize)
{
	char *eq = strchr(line, '='), *key, *val;
	unsigned int i, k, slot;

	if (!eq) {
		snprintf(err, errsize, "expected \"key = value\"");
		return -1;
	}
	*eq = '\0';
	key = trim(line);
	val = trim(eq + 1);
	for (i = 0; i < CH_HOOK_COUNT; i++) {
		if (!strcmp(key, hook_keys[i]))
			break;
	}
	for (k = 0; i == CH_HOOK_COUNT && k < KEY_OTHERS; k++) {
		if (!strcmp(key, other_keys[k]))
			break;
	}
	if (i == CH_HOOK_COUNT && k == KEY_OTHERS) {
		snprintf(err, errsize, "unknown key \"%s\"", key);
		return -1;
	}
	if (i < CH_HOOK_COUNT && !*val) {
		snprintf(err, errsize, "%s: empty command", key);
		return -1;
	}
	slot = i < CH_HOOK_COUNT ? i : CH_HOOK_COUNT + k;
	if (seen[slot]) {
		snprintf(err, errsize, "%s given twice", key);
		return -1;
	}
	seen[slot] = true;
	if ((i < CH_HOOK_COUNT || k == KEY_STATE) &&
	    check_subst(key, val, i < CH_HOOK_COUNT, err, errsize))
		return -1;

	if (i == CH_HOOK_COUNT)
		return config_other(cfg, k, val, err, errsize);
	cfg->hook[i] = strdup(val);
	return cfg->hook[i] ? 0 : -1;
}

/* "[target ADDR]", "[target LO-HI]", "[target *]": 0, or -1 and a message. */
static int section_header(char *line, uint8_t *lo, uint8_t *hi, char *err,
			  size_t errsize)
{
	unsigned long a, b;
	char *p, *end;

	p = trim(line + 1);
	end = p + strlen(p);
	if (end == p || end[-1] != ']')
		goto bad;
	*--end = '\0';
	p = trim(p);
	if (strncmp(p, "target", 6) || !isspace((unsigned char)p[6]))
		goto bad;
	p = trim(p + 6);
	if (!strcmp(p, "*")) {
		*lo = 0x01;
		*hi = 0xff;
		return 0;
	}
	errno = 0;
	a = strtoul(p, &end, 0);
	if (end == p || !isdigit((unsigned char)*p))
		goto bad;
	b = a;
	if (*end == '-') {
		p = end + 1;
		b = strtoul(p, &end, 0);
		if (end == p || !isdigit((unsigned char)*p))
			goto bad;
	}
	if (*end || errno || a < 1 || a > 0xff || b < a || b > 0xff)
		goto bad;
	if (a == 0x20 && b == 0x20) {
		snprintf(err, errsize, "0x20 is the BMC itself, not a target");
		return -1;
	}
	*lo = a;
	*hi = b;
	return 0;
bad:
	snprintf(err, errsize,
		 "expected [target ADDR], [target LO-HI] or [target *] (1..255)");
	return -1;
}

static int section_check(const struct chassis_section *sec, char *err,
			 size_t errsize)
{
	if (sec->lo != sec->hi && sec->cfg.state_path &&
	    !names_target(sec->cfg.state_path)) {
		snprintf(err, errsize,
			 "state: a section for several targets needs %%t, %%x or %%d in the path");
		return -1;
	}
	return 0;
}

int chassis_file_load(struct chassis_file *cf, FILE *f, const char *name,
		      char *err, size_t errsize)
{
	bool seen[CH_HOOK_COUNT + KEY_OTHERS] = { false };
	struct chassis_config *cfg = &cf->top;
	struct chassis_section *sec;
	char buf[4096], msg[256], *line;
	unsigned int n = 0, i, sec_line = 0;
	uint8_t lo, hi;

	memset(cf, 0, sizeof(*cf));
	cfg->status_timeout_ms = CH_STATUS_TIMEOUT_MS;
	while (fgets(buf, sizeof(buf), f)) {
		n++;
		if (!strchr(buf, '\n') && !feof(f)) {
			snprintf(err, errsize, "%s:%u: line too long", name, n);
			goto fail;
		}
		line = trim(buf);
		if (!*line || *line == '#')
			continue;
		msg[0] = '\0';
		if (*line == '[') {
			if (cf->n_sec && section_check(&cf->sec[cf->n_sec - 1],
						       msg, sizeof(msg))) {
				n = sec_line;
				goto bad;
			}
			if (section_header(line, &lo, &hi, msg, sizeof(msg)))
				goto bad;
			for (i = 0; lo == hi && i < cf->n_sec; i++) {
				if (cf->sec[i].lo == lo && cf->sec[i].hi == hi) {
					snprintf(msg, sizeof(msg),
						 "target 0x%02x has a section already",
						 lo);
					goto bad;
				}
			}
			sec = realloc(cf->sec, (cf->n_sec + 1) * sizeof(*sec));
			if (!sec)
				goto bad;
			cf->sec = sec;
			sec += cf->n_sec++;
			memset(sec, 0, sizeof(*sec));
			sec->lo = lo;
			sec->hi = hi;
			sec->cfg.status_timeout_ms = CH_STATUS_TIMEOUT_MS;
			cfg = &sec->cfg;
			memset(seen, 0, sizeof(seen));
			sec_line = n;
			continue;
		}
		if (!cf->n_sec)
			cf->top_keys = true;
		if (config_line(cfg, line, seen, msg, sizeof(msg)))
			goto bad;
	}
	if (ferror(f)) {
		snprintf(err, errsize, "%s: read error", name);
		goto fail;
	}
	if (cf->n_sec && section_check(&cf->sec[cf->n_sec - 1], msg,
				       sizeof(msg))) {
		n = sec_line;
		goto bad;
	}
	return 0;
bad:
	snprintf(err, errsize, "%s:%u: %s", name, n,
		 msg[0] ? msg : "out of memory");
fail:
	chassis_file_free(cf);
	return -1;
}

void chassis_file_free(struct chassis_file *cf)
{
	unsigned int i;

	chassis_config_free(&cf->top);
	for (i = 0; i < cf->n_sec; i++)
		chassis_config_free(&cf->sec[i].cfg);
	free(cf->sec);
	memset(cf, 0, sizeof(*cf));
}

const struct chassis_config *chassis_file_match(const struct chassis_file *cf,
					       uint8_t addr)
{
	const struct chassis_section *best = NULL, *sec;
	unsigned int i;

	if (addr == 0x20)
		return NULL;
	/* The narrowest section holding it (its own first); ties: the first. */
	for (i = 0; i < cf->n_sec; i++) {
		sec = &cf->sec[i];
		if (sec->lo <= addr && addr <= sec->hi &&
		    (!best || sec->hi - sec->lo < best->hi - best->lo))
			best = sec;
	}
	return best ? &best->cfg : NULL;
}

/* A value with its %-sequences replaced; NULL if none or no memory. */
static char *expand(const char *val, uint8_t addr, const char *name)
{
	size_t size = 0;
	char *out = NULL;
	const char *p;
	FILE *f;

	if (!val)
		return NULL;
	f = open_memstream(&out, &size);
	if (!f)
		return NULL;
	for (; *val; val++) {
		if (*val != '%' || !val[1]) {
			fputc(*val, f);
			continue;
		}
		switch (*++val) {
		case 't':
			fprintf(f, "0x%02x", addr);
			break;
		case 'x':
			fprintf(f, "%02x", addr);
			break;
		case 'd':
			fprintf(f, "%u", addr);
			break;
		case 'n':
			/* Quoted for sh: 'it'\''s' */
			fputc('\'', f);
			if (name && *name) {
				for (p = name; *p; p++) {
					if (*p == '\'')
						fputs("'\\''", f);
					else
						fputc(*p, f);
				}
			} else {
				fprintf(f, "0x%02x", addr);
			}
			fputc('\'', f);
			break;
		default:
			fputc(*val, f);
			break;
		}
	}
	if (fclose(f)) {
		free(out);
		return NULL;
	}
	return out;
}

int chassis_config_expand(struct chassis_config *out,
			  const struct chassis_config *tmpl, uint8_t addr,
			  const char *name)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	out->initial_power = tmpl->initial_power;
	out->status_timeout_ms = tmpl->status_timeout_ms;
	for (i = 0; i < CH_HOOK_COUNT; i++) {
		out->hook[i] = expand(tmpl->hook[i], addr, name);
		if (tmpl->hook[i] && !out->hook[i])
			goto nomem;
	}
	out->state_path = expand(tmpl->state_path, addr, NULL);
	if (tmpl->state_path && !out->state_path)
		goto nomem;
	return 0;
nomem:
	chassis_config_free(out);
	return -1;
}

int chassis_config_load(struct chassis_config *cfg, FILE *f,
			const char *name, char *err, size_t errsize)
{
	struct chassis_file cf;

	if (chassis_file_load(&cf, f, name, err, errsize))
		return -1;
	if (cf.n_sec) {
		snprintf(err, errsize, "%s: target sections are not allowed here",
			 name);
		chassis_file_free(&cf);
		return -1;
	}
	*cfg = cf.top;
	free(cf.sec);
	return 0;
}

void chassis_config_free(struct chassis_config *cfg)
{
	unsigned int i;

	for (i = 0; i < CH_HOOK_COUNT; i++)
		free(cfg->hook[i]);
	free(cfg->state_path);
	memset(cfg, 0, sizeof(*cfg));
}

/* State */

void chassis_init(struct chassis_state *st, const struct chassis_config *cfg,
		  const struct chassis_ops *ops)
{
	memset(st, 0, sizeof(*st));
	st->cfg = cfg;
	st->ops = *ops;
	st->power_on = cfg->initial_power;
}

/* A response that is only a completion code. */
static size_t cc_only(uint8_t *rsp, uint8_t cc)
{
	rsp[0] = cc;
	return 1;
}

static bool has_hook(const struct chassis_state *st, enum chassis_hook hook)
{
	return st->cfg->hook[hook] != NULL;
}

/* The identify state now: a temporary one ends after its interval. */
static uint8_t identify_state(struct chassis_state *st, uint64_t now)
{
	if (st->identify == 1 && now >= st->identify_until)
		st->identify = 0;
	return st->identify;
}

static size_t get_status(struct chassis_state *st,
			 const struct chassis_request *req, uint8_t *rsp)
{
	bool power_fault = false;
	int on;

	if (req->len)
		return cc_only(rsp, CC_BAD_LENGTH);
	/*
	 * A failing status hook is a power fault; a slow one only leaves the
	 * tracked state in place (the consumer logs both).
	 */
	if (has_hook(st, CH_HOOK_STATUS)) {
		on = st->ops.status(st->ops.ctx);
		if (on == CH_STATUS_FAILED)
			power_fault = true;
		else if (on >= 0)
			st->power_on = on;
	}
	rsp[0] = CC_OK;
	rsp[1] = (st->power_on ? 0x01 : 0) | (power_fault ? 0x08 : 0) |
		 (st->control_fault ? 0x10 : 0) | (st->restore_policy << 5);
	rsp[2] = st->last_on_by_ipmi ? 0x10 : 0;
	rsp[3] = 0x40 | identify_state(st, req->now) << 4;
	return 4;
}

/* A power-on of any kind: boot flags valid only once unless persistent. */
static void powered_on(struct chassis_state *st)
{
	st->power_on = true;
	st->last_on_by_ipmi = true;
	if ((st->boot_flags[0] & 0xc0) == 0x80) {
		st->boot_flags[0] &= ~0x80;
		st->dirty = true;
	}
}

static size_t control(struct chassis_state *st,
		      const struct chassis_request *req, uint8_t *rsp)
{
	static const struct {
		enum chassis_hook hook;
		const char *action;
	} acts[] = {
		{ CH_HOOK_POWER_OFF,	"off" },
		{ CH_HOOK_POWER_ON,	"on" },
		{ CH_HOOK_POWER_CYCLE,	"cycle" },
		{ CH_HOOK_RESET,	"reset" },
		{ CH_HOOK_DIAG,		"diag" },
		{ CH_HOOK_SOFT_OFF,	"soft-off" },
	};
	struct chassis_job job = { 0 };
	uint8_t c;
	bool ok;

	if (req->len != 1)
		return cc_only(rsp, CC_BAD_LENGTH);
	c = req->data[0];
	if (c > 5)
		return cc_only(rsp, CC_INVALID_FIELD);
	job.hook = acts[c].hook;
	job.action = acts[c].action;
	job.control = true;
	job.prev_power = st->power_on;

	/* A cycle without its own hook is power-off, then power-on. */
	ok = has_hook(st, job.hook) ||
	     (job.hook == CH_HOOK_POWER_CYCLE &&
	      has_hook(st, CH_HOOK_POWER_OFF) && has_hook(st, CH_HOOK_POWER_ON));
	if (!ok)
		return cc_only(rsp, CC_NOT_SUPPORTED);
	if (st->ops.start(st->ops.ctx, &job) < 0) {
		st->control_fault = true;
		return cc_only(rsp, CC_UNSPECIFIED);
	}

	switch (job.hook) {
	case CH_HOOK_POWER_ON:
	case CH_HOOK_POWER_CYCLE:
	case CH_HOOK_RESET:
		powered_on(st);
		break;
	case CH_HOOK_POWER_OFF:
	case CH_HOOK_SOFT_OFF:
		st->power_on = false;
		break;
	default:
		break;
	}
	st->restart_cause = 1;
	st->restart_channel = req->channel & 0x0f;
	return cc_only(rsp, CC_OK);
}

void chassis_job_done(struct chassis_state *st, const struct chassis_job *job,
		      bool ok)
{
	if (!job->control)
		return;
	if (ok) {
		st->control_fault = false;
		return;
	}
	st->control_fault = true;
	st->power_on = job->prev_power;
}

static size_t identify(struct chassis_state *st,
		       const struct chassis_request *req, uint8_t *rsp)
{
	struct chassis_job job = { .hook = CH_HOOK_IDENTIFY,
				   .action = "identify" };

	if (req->len > 2)
		return cc_only(rsp, CC_BAD_LENGTH);
	job.identify_seconds = req->len >= 1 ? req->data[0] : 15;
	job.identify_force = req->len >= 2 && (req->data[1] & 1);
	if (job.identify_force) {
		st->identify = 2;
	} else if (job.identify_seconds == 0) {
		st->identify = 0;
	} else {
		st->identify = 1;
		st->identify_until = req->now + job.identify_seconds * 1000ULL;
	}
	if (has_hook(st, CH_HOOK_IDENTIFY))
		st->ops.start(st->ops.ctx, &job);
	return cc_only(rsp, CC_OK);
}

static size_t set_restore_policy(struct chassis_state *st,
				 const struct chassis_request *req,
				 uint8_t *rsp)
{
	uint8_t p;

	if (req->len != 1)
		return cc_only(rsp, CC_BAD_LENGTH);
	p = req->data[0] & 7;
	if (p > 3)
		return cc_only(rsp, CC_INVALID_FIELD);
	if (p < 3 && p != st->restore_policy) {
		st->restore_policy = p;
		st->dirty = true;
	}
	rsp[0] = CC_OK;
	rsp[1] = 0x07;		/* all three policies supported */
	return 2;
}

static size_t restart_cause(struct chassis_state *st,
			    const struct chassis_request *req, uint8_t *rsp)
{
	if (req->len)
		return cc_only(rsp, CC_BAD_LENGTH);
	rsp[0] = CC_OK;
	rsp[1] = st->restart_cause;
	rsp[2] = st->restart_channel;
	return 3;
}

/* System boot options */

/* Data length of a parameter in Set (param 7: at least 2). */
static const uint8_t boot_len[CH_BOOT_PARAMS] = { 1, 1, 1, 1, 2, 5, 9, 17 };

static size_t set_boot(struct chassis_state *st,
		       const struct chassis_request *req, uint8_t *rsp)
{
	const uint8_t *d = req->data + 1;
	size_t n = req->len ? req->len - 1 : 0;
	uint8_t param, block;

	if (req->len < 1)
		return cc_only(rsp, CC_BAD_LENGTH);
	param = req->data[0] & 0x7f;
	if (param >= CH_BOOT_PARAMS)
		return cc_only(rsp, CC_PARAM_UNSUPPORTED);
	/* Marking a parameter invalid needs no data. */
	if (n == 0 && (req->data[0] & 0x80))
		goto mark;
	if (param == 7 ? n < 2 || n > boot_len[7] : n != boot_len[param])
		return cc_only(rsp, CC_BAD_LENGTH);

	switch (param) {
	case 0:
		if ((d[0] & 3) == 3)
			return cc_only(rsp, CC_INVALID_FIELD);
		st->boot_in_progress = d[0] & 3;
		break;
	case 1:
	case 2:
	case 3:
		st->boot_param[param] = d[0];
		break;
	case 4:
		st->boot_ack = (st->boot_ack & ~d[0]) | (d[1] & d[0]);
		break;
	case 5:
		memcpy(st->boot_flags, d, 5);
		break;
	case 6:
		memcpy(st->boot_initiator, d, 9);
		break;
	case 7:
		block = d[0];
		if (block >= CH_MAILBOX_BLOCKS)
			return cc_only(rsp, CC_INVALID_FIELD);
		memcpy(st->boot_mailbox[block], d + 1, n - 1);
		break;
	}
mark:
	if (req->data[0] & 0x80)
		st->boot_invalid |= 1U << param;
	else
		st->boot_invalid &= ~(1U << param);
	st->dirty = true;
	return cc_only(rsp, CC_OK);
}

static size_t get_boot(struct chassis_state *st,
		       const struct chassis_request *req, uint8_t *rsp)
{
	uint8_t param, block;
	size_t len = 3;

	if (req->len != 3)
		return cc_only(rsp, CC_BAD_LENGTH);
	param = req->data[0] & 0x7f;
	if (param >= CH_BOOT_PARAMS)
		return cc_only(rsp, CC_PARAM_UNSUPPORTED);
	rsp[0] = CC_OK;
	rsp[1] = 0x01;		/* parameter version */
	rsp[2] = param | (st->boot_invalid & (1U << param) ? 0x80 : 0);
	switch (param) {
	case 0:
		rsp[len++] = st->boot_in_progress;
		break;
	case 1:
	case 2:
	case 3:
		rsp[len++] = st->boot_param[param];
		break;
	case 4:
		rsp[len++] = 0x00;	/* the write mask reads back 0 */
		rsp[len++] = st->boot_ack;
		break;
	case 5:
		memcpy(rsp + len, st->boot_flags, 5);
		len += 5;
		break;
	case 6:
		memcpy(rsp + len, st->boot_initiator, 9);
		len += 9;
		break;
	case 7:
		block = req->data[2];
		if (block >= CH_MAILBOX_BLOCKS)
			return cc_only(rsp, CC_INVALID_FIELD);
		rsp[len++] = block;
		memcpy(rsp + len, st->boot_mailbox[block], 16);
		len += 16;
		break;
	}
	return len;
}

size_t chassis_handle(struct chassis_state *st,
		      const struct chassis_request *req, uint8_t *rsp)
{
	if (req->netfn != CH_NETFN)
		return cc_only(rsp, CC_INVALID_CMD);

	switch (req->cmd) {
	case CH_GET_CAPABILITIES:
		if (req->len)
			return cc_only(rsp, CC_BAD_LENGTH);
		rsp[0] = CC_OK;
		rsp[1] = 0x00;		/* no intrusion, lockout, interlock */
		rsp[2] = 0x20;		/* FRU info device */
		rsp[3] = 0x20;		/* SDR device */
		rsp[4] = 0x20;		/* SEL device */
		rsp[5] = 0x20;		/* system management device */
		return 6;
	case CH_GET_STATUS:
		return get_status(st, req, rsp);
	case CH_CONTROL:
		return control(st, req, rsp);
	case CH_IDENTIFY:
		return identify(st, req, rsp);
	case CH_SET_RESTORE_POLICY:
		return set_restore_policy(st, req, rsp);
	case CH_GET_RESTART_CAUSE:
		return restart_cause(st, req, rsp);
	case CH_SET_BOOT_OPTIONS:
		return set_boot(st, req, rsp);
	case CH_GET_BOOT_OPTIONS:
		return get_boot(st, req, rsp);
	}
	return cc_only(rsp, CC_INVALID_CMD);
}

/* Saved state: "key value" lines, byte strings in hex. */

static size_t put_hex(char *buf, size_t size, size_t off, const char *key,
		      const uint8_t *b, size_t n)
{
	size_t i;

	off += snprintf(off < size ? buf + off : NULL,
			off < size ? size - off : 0, "%s ", key);
	for (i = 0; i < n; i++)
		off += snprintf(off < size ? buf + off : NULL,
				off < size ? size - off : 0, "%02x", b[i]);
	off += snprintf(off < size ? buf + off : NULL,
			off < size ? size - off : 0, "\n");
	return off;
}

size_t chassis_state_format(const struct chassis_state *st, char *buf,
			    size_t size)
{
	uint8_t b[4] = { st->boot_in_progress, st->boot_param[1],
			 st->boot_param[2], st->boot_param[3] };
	char key[32];
	size_t off;
	int i;

	off = snprintf(buf, size, "# ipmi-lanctl chassis serve state\n"
		       "restore-policy %u\nboot-invalid %02x\n",
		       st->restore_policy, st->boot_invalid);
	off = put_hex(buf, size, off, "boot-0-3", b, 4);
	off = put_hex(buf, size, off, "boot-ack", &st->boot_ack, 1);
	off = put_hex(buf, size, off, "boot-flags", st->boot_flags, 5);
	off = put_hex(buf, size, off, "boot-initiator", st->boot_initiator, 9);
	for (i = 0; i < CH_MAILBOX_BLOCKS; i++) {
		snprintf(key, sizeof(key), "boot-mailbox-%d", i);
		off = put_hex(buf, size, off, key, st->boot_mailbox[i], 16);
	}
	return off;
}

/* Exactly n bytes of hex in s. */
static int get_hex(const char *s, uint8_t *b, size_t n)
{
	size_t i;

	if (strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < 2 * n; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return -1;
	}
	for (i = 0; i < n; i++) {
		char two[3] = { s[2 * i], s[2 * i + 1], '\0' };

		b[i] = strtoul(two, NULL, 16);
	}
	return 0;
}

static int state_line(struct chassis_state *st, char *key, char *val)
{
	uint8_t b[4];
	int block;

	if (!strcmp(key, "restore-policy")) {
		if (strlen(val) != 1 || val[0] < '0' || val[0] > '2')
			return -1;
		st->restore_policy = val[0] - '0';
		return 0;
	}
	if (!strcmp(key, "boot-invalid"))
		return get_hex(val, &st->boot_invalid, 1);
	if (!strcmp(key, "boot-0-3")) {
		if (get_hex(val, b, 4) || (b[0] & 3) == 3)
			return -1;
		st->boot_in_progress = b[0] & 3;
		memcpy(st->boot_param + 1, b + 1, 3);
		return 0;
	}
	if (!strcmp(key, "boot-ack"))
		return get_hex(val, &st->boot_ack, 1);
	if (!strcmp(key, "boot-flags"))
		return get_hex(val, st->boot_flags, 5);
	if (!strcmp(key, "boot-initiator"))
		return get_hex(val, st->boot_initiator, 9);
	if (!strncmp(key, "boot-mailbox-", 13) && key[13] >= '0' &&
	    key[13] < '0' + CH_MAILBOX_BLOCKS && !key[14]) {
		block = key[13] - '0';
		return get_hex(val, st->boot_mailbox[block], 16);
	}
	return -1;
}

int chassis_state_parse(struct chassis_state *st, const char *text)
{
	char line[256], *key, *val, *sp;
	const char *nl;
	int n = 0;
	size_t len;

	while (*text) {
		n++;
		nl = strchr(text, '\n');
		len = nl ? (size_t)(nl - text) : strlen(text);
		if (len >= sizeof(line))
			return n;
		memcpy(line, text, len);
		line[len] = '\0';
		text += len + (nl ? 1 : 0);

		key = line;
		while (isspace((unsigned char)*key))
			key++;
		if (!*key || *key == '#')
			continue;
		sp = strchr(key, ' ');
		if (!sp)
			return n;
		*sp = '\0';
		val = sp + 1;
		sp = val + strlen(val);
		while (sp > val && isspace((unsigned char)sp[-1]))
			*--sp = '\0';
		if (state_line(st, key, val))
			return n;
	}
	return 0;
}
