/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The chassis consumer's IPMI command handling, without any I/O: requests
 * in, response bytes out, hooks to run through callbacks. chassis.c does
 * the /dev/ipmiN, netlink and process side; tests/chassis-test.c drives
 * this file alone.
 */
#ifndef IPMI_LANCTL_CHASSIS_LOGIC_H
#define IPMI_LANCTL_CHASSIS_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CH_NETFN		0x00

/* The commands served (netfn 00h). */
#define CH_GET_CAPABILITIES	0x00
#define CH_GET_STATUS		0x01
#define CH_CONTROL		0x02
#define CH_IDENTIFY		0x04
#define CH_SET_RESTORE_POLICY	0x06
#define CH_GET_RESTART_CAUSE	0x07
#define CH_SET_BOOT_OPTIONS	0x08
#define CH_GET_BOOT_OPTIONS	0x09

extern const uint8_t chassis_cmds[8];

/* Completion codes. */
#define CC_OK			0x00
#define CC_PARAM_UNSUPPORTED	0x80	/* boot options: unknown parameter */
#define CC_INVALID_CMD		0xc1
#define CC_BAD_LENGTH		0xc7
#define CC_INVALID_FIELD	0xcc
#define CC_NOT_SUPPORTED	0xd6	/* hook not configured */
#define CC_UNSPECIFIED		0xff

/* Hooks, in the order of the configuration keys. */
enum chassis_hook {
	CH_HOOK_POWER_ON,
	CH_HOOK_POWER_OFF,
	CH_HOOK_POWER_CYCLE,
	CH_HOOK_RESET,
	CH_HOOK_SOFT_OFF,
	CH_HOOK_DIAG,
	CH_HOOK_IDENTIFY,
	CH_HOOK_STATUS,
	CH_HOOK_COUNT
};

/* The configuration key of a hook ("power-on"). */
const char *chassis_hook_key(enum chassis_hook hook);

struct chassis_config {
	char *hook[CH_HOOK_COUNT];	/* NULL: not configured */
	bool initial_power;		/* initial-power = on */
	char *state_path;		/* state = PATH, or NULL */
	unsigned int status_timeout_ms;	/* status-timeout = MS */
};

/* The status hook's deadline: the default and the bounds of status-timeout. */
#define CH_STATUS_TIMEOUT_MS		300
#define CH_STATUS_TIMEOUT_MIN_MS	10
#define CH_STATUS_TIMEOUT_MAX_MS	5000

/* What the status hook said, besides 1 (on) and 0 (off). */
#define CH_STATUS_FAILED	(-1)
#define CH_STATUS_SLOW		(-2)

/*
 * Parse a configuration file. 0, or -1 with a message ("FILE:LINE: ...")
 * in err. name is the file's name for the messages.
 */
int chassis_config_load(struct chassis_config *cfg, FILE *f,
			const char *name, char *err, size_t errsize);
void chassis_config_free(struct chassis_config *cfg);

/*
 * A file that serves bridged targets too: the keys before the first
 * section are the BMC's; "[target ADDR]", "[target LO-HI]" and
 * "[target *]" (01h..FFh) start the sections of targets. A target uses
 * the narrowest section holding its address (its own, if it has one; the
 * first of two as narrow).
 * Values may name the target: %t (0x72), %x (72), %d (114), %n (its name,
 * or %t without one, quoted for the shell; not in state), %% (%).
 */
struct chassis_section {
	uint8_t lo, hi;
	struct chassis_config cfg;
};

struct chassis_file {
	struct chassis_config top;
	bool top_keys;			/* a key came before any section */
	struct chassis_section *sec;
	unsigned int n_sec;
};

int chassis_file_load(struct chassis_file *cf, FILE *f, const char *name,
		      char *err, size_t errsize);
void chassis_file_free(struct chassis_file *cf);

/* The section for a target's address; NULL if none. */
const struct chassis_config *chassis_file_match(const struct chassis_file *cf,
					       uint8_t addr);

/*
 * out = tmpl with its values expanded for the target addr (0x20: the
 * BMC) named name (NULL or "": none). 0, or -1 if out of memory; out is
 * freed with chassis_config_free().
 */
int chassis_config_expand(struct chassis_config *out,
			  const struct chassis_config *tmpl, uint8_t addr,
			  const char *name);

/*
 * A hook to start in the background. action is the value of
 * IPMI_LAN_ACTION; a cycle without a power-cycle hook runs power-off,
 * then power-on (chassis.c). identify_seconds and identify_force are for
 * the identify hook.
 */
struct chassis_job {
	enum chassis_hook hook;
	const char *action;
	bool control;			/* Chassis Control: fault on failure */
	bool prev_power;		/* the tracked state before it */
	unsigned int identify_seconds;
	bool identify_force;
};

/* What the logic needs from the outside. */
struct chassis_ops {
	/* Start job; 0 once the child runs, -1 if it could not be started. */
	int (*start)(void *ctx, const struct chassis_job *job);
	/*
	 * Run the status hook: 1 on, 0 off, CH_STATUS_FAILED, or
	 * CH_STATUS_SLOW when it missed its deadline.
	 */
	int (*status)(void *ctx);
	void *ctx;
};

#define CH_MAILBOX_BLOCKS	5
#define CH_BOOT_PARAMS		8

struct chassis_state {
	const struct chassis_config *cfg;
	struct chassis_ops ops;

	bool power_on;			/* tracked */
	bool control_fault;		/* a control hook failed */
	bool last_on_by_ipmi;
	uint8_t restore_policy;		/* 0 off, 1 previous, 2 on */
	uint8_t restart_cause;		/* 0 unknown, 1 chassis control */
	uint8_t restart_channel;
	uint8_t identify;		/* 0 off, 1 temporary, 2 indefinite */
	uint64_t identify_until;	/* ms, for the temporary state */

	/* System boot options (parameters 0..7). */
	uint8_t boot_in_progress;
	uint8_t boot_param[4];		/* 1, 2, 3 at their index */
	uint8_t boot_ack;		/* parameter 4's data byte */
	uint8_t boot_flags[5];
	uint8_t boot_initiator[9];
	uint8_t boot_mailbox[CH_MAILBOX_BLOCKS][16];
	uint8_t boot_invalid;		/* bit n: parameter n marked invalid */

	bool dirty;			/* the saved state changed */
};

void chassis_init(struct chassis_state *st, const struct chassis_config *cfg,
		  const struct chassis_ops *ops);

struct chassis_request {
	uint8_t netfn, cmd;
	const uint8_t *data;
	size_t len;
	uint8_t channel;		/* of the requester's address */
	uint64_t now;			/* monotonic milliseconds */
};

#define CH_RSP_MAX	32

/*
 * Handle a request; rsp gets the completion code and the response data.
 * Returns the response length (at least 1).
 */
size_t chassis_handle(struct chassis_state *st,
		      const struct chassis_request *req, uint8_t *rsp);

/* A job's child ended; ok if it exited 0. */
void chassis_job_done(struct chassis_state *st, const struct chassis_job *job,
		      bool ok);

/*
 * The saved state (restore policy, boot options) as text, and back.
 * format returns the length it needs (like snprintf); parse returns 0, or
 * the number of the first line it could not use (nothing after it is
 * applied).
 */
size_t chassis_state_format(const struct chassis_state *st, char *buf,
			    size_t size);
int chassis_state_parse(struct chassis_state *st, const char *text);

#endif /* IPMI_LANCTL_CHASSIS_LOGIC_H */
