/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * ipmi_lan: an IPMI v2.0 LAN (RMCP/RMCP+) server in the kernel.
 *
 * Documentation
 * =============
 *
 * The generic netlink family is IPMI_LAN_GENL_NAME, version
 * IPMI_LAN_GENL_VERSION. Every command acts on the server instance of the
 * caller's network namespace and requires CAP_NET_ADMIN in the initial user
 * namespace (GENL_ADMIN_PERM). Attribute policies are strict: unknown
 * attributes and wrong lengths or values are rejected with an extended ack
 * message naming the offending attribute. A reply carries the command
 * number of its request.
 *
 * IPMI_LAN_CMD_GET_SERVER
 * -----------------------
 *
 * A do request with no attributes. The reply carries:
 *
 *    IPMI_LAN_A_SERVER_ENABLED: NLA_U8, 1 if the server is meant to listen
 *    IPMI_LAN_A_SERVER_PORT: NLA_U16, UDP port (host order), default 623
 *    IPMI_LAN_A_SERVER_LISTEN: NLA_NESTED, the configured addresses
 *        IPMI_LAN_LISTEN_A_V4: NLA_BE32 (4 bytes, network order), present if
 *                              IPv4 is in the configured listen set
 *        IPMI_LAN_LISTEN_A_V6: 16 bytes (struct in6_addr), present if
 *                              IPv6 is in the configured listen set
 *    IPMI_LAN_A_SERVER_LISTENING: NLA_U8, 1 if sockets are bound right now
 *
 * IPMI_LAN_CMD_SET_SERVER
 * -----------------------
 *
 * A do request; every attribute is optional and only the given ones change.
 * The whole request is validated before anything is applied, so a request
 * that fails changes nothing.
 *
 *    IPMI_LAN_A_SERVER_ENABLED: NLA_U8, 0 or 1; 1 binds the sockets
 *    IPMI_LAN_A_SERVER_PORT: NLA_U16, 1..65535
 *    IPMI_LAN_A_SERVER_LISTEN: NLA_NESTED, replaces the listen set; it must
 *                              hold at least one of:
 *        IPMI_LAN_LISTEN_A_V4: 4 bytes, an IPv4 address or 0.0.0.0
 *        IPMI_LAN_LISTEN_A_V6: 16 bytes, an IPv6 address or ::
 *    Multicast, broadcast, link-local and v4-mapped addresses are refused.
 *    IPMI_LAN_A_SERVER_LISTENING and IPMI_LAN_A_STATS are refused in
 *    requests. The reply is an empty ack.
 *
 * A fresh instance is disabled, with port 623 and the listen set
 * {0.0.0.0, ::}. If binding fails (address not local, port in use), the
 * request fails with that error and the old configuration stays in force;
 * the old sockets are bound again (if even that fails, for example because
 * another program took the port meanwhile, GET_SERVER reports the server
 * as enabled but not listening).
 *
 * IPMI_LAN_CMD_GET_STATS
 * ----------------------
 *
 * A do request with no attributes. The reply carries
 *
 *    IPMI_LAN_A_STATS: NLA_NESTED
 *        IPMI_LAN_STATS_A_RX_PACKETS: NLA_U64, datagrams received
 *        IPMI_LAN_STATS_A_RX_BYTES: NLA_U64, UDP payload bytes received
 *        IPMI_LAN_STATS_A_TX_PACKETS: NLA_U64, datagrams sent
 *        IPMI_LAN_STATS_A_TX_BYTES: NLA_U64, UDP payload bytes sent
 *        IPMI_LAN_STATS_A_DROPS: NLA_NESTED, one NLA_U64 per drop reason;
 *            the attribute type is the enum ipmi_lan_drop_reason value + 1
 *
 * Attribute type 0 inside IPMI_LAN_A_STATS and IPMI_LAN_STATS_A_DROPS is
 * padding for the 64-bit values (nla_put_u64_64bit) and carries nothing.
 * Unknown drop reasons from a newer kernel should be shown by number.
 *
 * Device identity (Get Device ID, Get System GUID) is part of the server:
 * GET_SERVER also carries, and SET_SERVER also takes,
 *
 *    IPMI_LAN_A_SERVER_DEVICE_ID: NLA_U8, default 0x20
 *    IPMI_LAN_A_SERVER_DEVICE_REVISION: NLA_U8, 0..15, default 1
 *    IPMI_LAN_A_SERVER_FW_MAJOR: NLA_U8, 0..127, default 1
 *    IPMI_LAN_A_SERVER_FW_MINOR: NLA_U8, 0..99 (sent as BCD), default 0
 *    IPMI_LAN_A_SERVER_MANUFACTURER: NLA_U32, IANA number, 0..0xfffff
 *                                    (default 0xffff: none)
 *    IPMI_LAN_A_SERVER_PRODUCT: NLA_U16, default 0
 *    IPMI_LAN_A_SERVER_AUX_FW: NLA_U32, auxiliary firmware revision
 *    IPMI_LAN_A_SERVER_GUID: 16 bytes, the system GUID as sent on the wire;
 *                            random when the instance is created
 *
 * IPMI_LAN_CMD_GET_USER
 * ---------------------
 *
 * A do request with IPMI_LAN_USER_A_ID inside IPMI_LAN_A_USER returns that
 * user; a dump returns every configured user, one message each. A user
 * message carries IPMI_LAN_A_USER, NLA_NESTED:
 *
 *    IPMI_LAN_USER_A_ID: NLA_U8, 2..63 (1 is the spec's null user)
 *    IPMI_LAN_USER_A_NAME: NLA_NUL_STRING, 1..16 bytes
 *    IPMI_LAN_USER_A_HAS_PASSWORD: NLA_U8, 1 if a password is set (the
 *                                  password itself is never returned)
 *    IPMI_LAN_USER_A_ENABLED: NLA_U8
 *    IPMI_LAN_USER_A_PRIVILEGE: NLA_U8, privilege limit on the LAN channel:
 *                               1 callback, 2 user, 3 operator,
 *                               4 administrator, 5 OEM, 15 no access
 *    IPMI_LAN_USER_A_IPMI_MSG: NLA_U8, enabled for IPMI messaging
 *    IPMI_LAN_USER_A_LINK_AUTH: NLA_U8, link authentication enabled
 *    IPMI_LAN_USER_A_LOCKED: NLA_U8, 1 while locked out after failed logins
 *    IPMI_LAN_USER_A_SOL: NLA_U8, 1 if the user may activate Serial-over-LAN
 *                         (the SOL payload; IPMI Set/Get User Payload
 *                         Access), checked at activation
 *    IPMI_LAN_USER_A_BRIDGE_EMBEDDED: NLA_U8, the form of the answers to
 *        the user's bridged requests (Send Message to a target):
 *        IPMI_LAN_BRIDGE_SEPARATE (0): in a message of their own after the
 *        Send Message response (what FreeIPMI needs);
 *        IPMI_LAN_BRIDGE_EMBEDDED (1): inside the Send Message response
 *        (what ruipmi needs); IPMI_LAN_BRIDGE_CHANNEL (2), the default:
 *        the channel's IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED, as it is when
 *        the request comes
 *
 * IPMI_LAN_CMD_SET_USER
 * ---------------------
 *
 * Creates or updates the user IPMI_LAN_USER_A_ID with the attributes given
 * (the same as above, plus IPMI_LAN_USER_A_PASSWORD: binary, 1..20 bytes,
 * write-only; IPMI_LAN_USER_A_HAS_PASSWORD and IPMI_LAN_USER_A_LOCKED are
 * refused). IPMI_LAN_USER_A_FLAGS (NLA_U32) takes:
 *
 *    IPMI_LAN_USER_F_CREATE: fail with EEXIST if the user exists
 *    IPMI_LAN_USER_F_UPDATE: fail with ENOENT if the user does not exist
 *    IPMI_LAN_USER_F_UNLOCK: clear a lockout and the failure counts
 *
 * A new user needs a name; names are unique. A user can be enabled only
 * with a name and a password. Defaults for a new user: disabled,
 * privilege 2 (user), IPMI messaging on, link authentication off, SoL on,
 * bridged answers in the channel's form (IPMI_LAN_BRIDGE_CHANNEL).
 * An attribute left out of an update leaves that setting as it is.
 *
 * IPMI_LAN_CMD_DEL_USER
 * ---------------------
 *
 * Deletes the user IPMI_LAN_USER_A_ID (ENOENT if there is none); its open
 * sessions are closed and its password is wiped.
 *
 * IPMI_LAN_CMD_GET_CHANNEL / IPMI_LAN_CMD_SET_CHANNEL
 * ---------------------------------------------------
 *
 * The LAN channel (channel 1). SET takes any subset; GET returns all, in
 * IPMI_LAN_A_CHANNEL, NLA_NESTED:
 *
 *    IPMI_LAN_CHANNEL_A_SUITES: NLA_U32, bitmap of enabled cipher suites
 *        (bit N = suite N). Only 1, 2, 3, 6, 7, 8, 11, 12, 15, 16 and 17
 *        can be enabled; suite 0 and the RC4 suites never. Default {3, 17}.
 *    IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE: 20 bytes, the maximum privilege
 *        per suite id (LAN parameter 24): 1..5. Defaults: 2 (user) for the
 *        suites without integrity (1, 6, 15), 4 for the others.
 *    IPMI_LAN_CHANNEL_A_PRIVILEGE: NLA_U8, channel privilege limit, 1..5,
 *        default 4 (administrator)
 *    IPMI_LAN_CHANNEL_A_KG: binary, 0..20 bytes, write-only; the BMC key
 *        K_G. Zero length clears it (the user's key is used, as if K_G
 *        were all zeroes).
 *    IPMI_LAN_CHANNEL_A_HAS_KG: NLA_U8, in replies
 *    IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT: NLA_U32, seconds of inactivity
 *        before an active session is closed, 5..3600, default 60
 *    IPMI_LAN_CHANNEL_A_MAX_SESSIONS: NLA_U8, active sessions, 1..63,
 *        default 32
 *    IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD: NLA_U8, failed logins (bad
 *        RAKP3) per user and source that lock the user out; 0 disables
 *        lockout (LAN parameter 26). Default 0.
 *    IPMI_LAN_CHANNEL_A_LOCKOUT_RESET: NLA_U16, seconds after which the
 *        failure count is forgotten, default 60
 *    IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL: NLA_U16, seconds a lockout
 *        lasts, default 300
 *    IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED: NLA_U8, the form of bridged
 *        answers for the users set to IPMI_LAN_BRIDGE_CHANNEL:
 *        IPMI_LAN_BRIDGE_SEPARATE (0, the default) or
 *        IPMI_LAN_BRIDGE_EMBEDDED (1)
 *
 * IPMI_LAN_CMD_GET_SESSIONS
 * -------------------------
 *
 * A dump of the active sessions, one IPMI_LAN_A_SESSION nest each:
 *
 *    IPMI_LAN_SESSION_A_HANDLE: NLA_U8
 *    IPMI_LAN_SESSION_A_ID: NLA_U32, the BMC session id
 *    IPMI_LAN_SESSION_A_USER_ID: NLA_U8
 *    IPMI_LAN_SESSION_A_PRIVILEGE: NLA_U8, current privilege
 *    IPMI_LAN_SESSION_A_SUITE: NLA_U8, cipher suite id
 *    IPMI_LAN_SESSION_A_PEER: binary, struct sockaddr_in or sockaddr_in6
 *
 * Counters are per server instance and are never reset while it exists.
 *
 * System interface and forwarding
 * ===============================
 *
 * At most one server instance on the system is registered with the
 * kernel's IPMI message handler as a system interface (it then has a
 * /dev/ipmiN). By default that is the initial namespace's instance, when
 * the module loads (module parameter attach_smi=0 turns this off).
 *
 * IPMI_LAN_CMD_SMI_ATTACH: a do request with no attributes. Registers the
 * caller's namespace's instance; EBUSY if another instance holds it, a
 * no-op if this one does.
 *
 * IPMI_LAN_CMD_SMI_DETACH: a do request with no attributes. Unregisters
 * the system interface of the caller's instance (ENOENT if it holds
 * none). Every /dev/ipmiN user of it is destroyed, forwarded requests in
 * flight are answered C3h, and the module can then be removed. The same
 * runs when the namespace goes away and when the module is removed.
 *
 * GET_SERVER carries, and SET_SERVER takes:
 *
 *    IPMI_LAN_A_SMI_IF_NUM: NLA_U32, the N of /dev/ipmiN; only in replies,
 *                           and only while this instance holds it
 *    IPMI_LAN_A_FORWARD_TIMEOUT: NLA_U32, milliseconds a forwarded request
 *                                waits for its reply before the console
 *                                gets C3h; 50..10000, default 800 (below
 *                                the 1 s after which clients retransmit)
 *
 * Which requests are forwarded. A request from a LAN session that the
 * module does not answer itself is handed to the message handler only if
 * the forward table names it; everything else is answered C1h at once.
 * The handler silently drops a LAN command nobody registered for, so a
 * table entry is a promise that a program serves it.
 *
 * IPMI_LAN_CMD_ADD_FORWARD / IPMI_LAN_CMD_DEL_FORWARD, do requests, and
 * IPMI_LAN_CMD_GET_FORWARD, a dump, with IPMI_LAN_A_FORWARD, NLA_NESTED:
 *
 *    IPMI_LAN_FORWARD_A_NETFN: NLA_U8, a request netfn: even, 0..0x3e
 *    IPMI_LAN_FORWARD_A_CMD: NLA_U8; absent means every command of the
 *                            netfn (an entry for the command itself wins)
 *    IPMI_LAN_FORWARD_A_PRIVILEGE: NLA_U8, 1..5, the least session
 *        privilege the command needs; absent on ADD means the IPMI
 *        specification's level for a standard command, else 4 (admin).
 *        Always present in dumps.
 *    IPMI_LAN_FORWARD_A_OWNED: NLA_U8; 1 on ADD ties the entry to the
 *        requesting netlink socket: it is removed when that socket is
 *        closed, so a consumer that dies stops being forwarded to.
 *    IPMI_LAN_FORWARD_A_TARGET: NLA_U8, the bridged target whose table
 *        this is (see below); absent or 0x20: the server's own. In dumps
 *        only for a target's entry; a dump lists every table.
 *
 * ADD fails with EEXIST if the (netfn, cmd) entry exists, ENOSPC beyond
 * IPMI_LAN_FORWARD_MAX entries. DEL removes exactly the (netfn, cmd)
 * entry (the netfn's wildcard entry if CMD is absent); ENOENT if none.
 *
 * GET_STATS also carries, inside IPMI_LAN_A_STATS, NLA_U64 each:
 *
 *    IPMI_LAN_STATS_A_FWD_REQUESTS: requests handed to the message handler
 *    IPMI_LAN_STATS_A_FWD_REPLIES: their replies sent to the console
 *    IPMI_LAN_STATS_A_FWD_TIMEOUTS: requests answered C3h
 *    IPMI_LAN_STATS_A_FWD_ABSORBED: retransmissions of a request in flight
 *    IPMI_LAN_STATS_A_FWD_UNMATCHED: replies that matched no request in
 *        flight (late, or for a closed session); dropped
 *    IPMI_LAN_STATS_A_LOCAL_REQUESTS: requests through /dev/ipmiN
 *    IPMI_LAN_STATS_A_EVENTS_DROPPED: Session Audit events dropped, the
 *        oldest first, because the event message buffer was full
 *
 * Bridged targets
 * ===============
 *
 * A server fronts up to 254 targets besides itself: controllers a LAN
 * console reaches with Send Message (App 34h) on channel 0, as
 * "ipmitool -t ADDR" does. Each target is a system interface of its own
 * (its own /dev/ipmiN, forward table and identity), registered when the
 * target is added and unregistered when it is deleted, in any namespace.
 *
 * IPMI_LAN_CMD_ADD_TARGET, IPMI_LAN_CMD_SET_TARGET, IPMI_LAN_CMD_DEL_TARGET
 * (do requests) and IPMI_LAN_CMD_GET_TARGET (a do request with the address,
 * or a dump) carry IPMI_LAN_A_TARGET, NLA_NESTED:
 *
 *    IPMI_LAN_TARGET_A_ADDR: NLA_U8, 0x01..0xff but 0x20 (the BMC itself);
 *        required in requests
 *    IPMI_LAN_TARGET_A_NAME: NLA_NUL_STRING, up to
 *        IPMI_LAN_TARGET_NAME_LEN - 1 bytes, printable, no spaces
 *    IPMI_LAN_TARGET_A_IDENTITY: NLA_NESTED, what the target answers to
 *        Get Device ID and Get System GUID: the IPMI_LAN_A_SERVER_DEVICE_ID
 *        .. IPMI_LAN_A_SERVER_GUID attributes of SET_SERVER (same types and
 *        ranges); on ADD, the server's identity with device ID 0 and a
 *        GUID of its own (random) for what is absent
 *    IPMI_LAN_TARGET_A_VIA: NLA_U8, a target reached through another (a
 *        transit: a target itself, on channel 0), as "ipmitool -T TRANSIT
 *        -b CHANNEL -t ADDR" reaches it with a Send Message inside a Send
 *        Message (ipmitool's -B is the channel to the transit, 0 here);
 *        0 (the default): on channel 0 itself
 *    IPMI_LAN_TARGET_A_VIA_CHANNEL: NLA_U8, 0..11, the transit's channel
 *        the target is on (with IPMI_LAN_TARGET_A_VIA)
 *    IPMI_LAN_TARGET_A_IF_NUM: NLA_U32, the N of its /dev/ipmiN (replies)
 *    IPMI_LAN_TARGET_A_STATS: NLA_NESTED, IPMI_LAN_STATS_A_FWD_* (replies)
 *
 * ADD fails with EEXIST for an address in use, ENOSPC if the message
 * handler has no interface number left (it has 256 /dev/ipmiN minors for
 * the whole system). DEL unregisters the interface as SMI_DETACH does:
 * its /dev/ipmiN users are destroyed, its requests in flight answered
 * C3h. The forward table operations take IPMI_LAN_FORWARD_A_TARGET to act
 * on a target's table instead of the server's own.
 *
 * Serial-over-LAN
 * ===============
 *
 * A tty is bound to SoL by setting the module's line discipline on it
 * (TIOCSETD with the number IPMI_LAN_SOL_A_LDISC reports; N_DEVELOPMENT,
 * 29, unless the module parameter sol_ldisc says otherwise). The binding
 * belongs to the server instance of the namespace of the process that sets
 * the discipline, and serves one target: the BMC itself (0x20), or the
 * bridged target an IPMI_LAN_CMD_SOL_ATTACH named for that tty just before.
 * TIOCSETD fails with EBUSY if the target has a tty already, ENXIO if the
 * target was deleted meanwhile. The binding lives until the discipline is
 * changed back or the tty is hung up or closed; deleting its target ends
 * it earlier (the tty then stays under the discipline, bound to nothing,
 * until it is changed back). Bytes from the tty go to the console of the
 * target's active SoL payload and back: a console activates SoL on a
 * bridged target with Activate Payload inside Send Message to it
 * (ipmitool -t ADDR sol activate); the SOL packets are the session's own.
 * Each target has one SOL instance, so one console at a time.
 *
 * IPMI_LAN_CMD_SOL_ATTACH: a do request that announces a binding, with
 * IPMI_LAN_A_SOL_TTY carrying
 *
 *    IPMI_LAN_SOL_TTY_A_TARGET: NLA_U8, 0x01..0xff, 0x20 the BMC itself
 *    IPMI_LAN_SOL_TTY_A_DEV_MAJOR, IPMI_LAN_SOL_TTY_A_DEV_MINOR: NLA_U32,
 *        the tty's device number (st_rdev of the tty's file)
 *
 * The next TIOCSETD of the discipline on that tty in the namespace, within
 * 5 seconds, binds it to the target; without an announcement a tty serves
 * the BMC. Fails with ENOENT if there is no such target, EBUSY if it has a
 * tty already (or 8 announcements are pending), with a message in extack.
 * A new announcement for the same tty replaces the old one.
 *
 * IPMI_LAN_CMD_GET_SOL: a do request with no attributes. The reply carries
 * IPMI_LAN_A_SOL, NLA_NESTED, with the SOL configuration parameters:
 *
 *    IPMI_LAN_SOL_A_LDISC: NLA_U32, the line discipline number (replies only)
 *    IPMI_LAN_SOL_A_LDISC_OK: NLA_U8, 1 if the discipline is registered
 *        (0: the number was taken by another discipline at load time)
 *    IPMI_LAN_SOL_A_ENABLED: NLA_U8, 0 or 1 (SOL parameter 1), default 1
 *    IPMI_LAN_SOL_A_FORCE_ENCRYPTION: NLA_U8, 0 or 1 (parameter 2 bit 7)
 *    IPMI_LAN_SOL_A_FORCE_AUTH: NLA_U8, 0 or 1 (parameter 2 bit 6)
 *    IPMI_LAN_SOL_A_PRIVILEGE: NLA_U8, 2..4, least privilege to activate
 *        (parameter 2 bits 3:0), default 2 (user)
 *    IPMI_LAN_SOL_A_ACCUMULATE: NLA_U8, 1..255, character accumulate
 *        interval in 5 ms units (parameter 3), default 12 (60 ms)
 *    IPMI_LAN_SOL_A_THRESHOLD: NLA_U8, 1..255, send threshold in
 *        characters (parameter 3), default 96
 *    IPMI_LAN_SOL_A_RETRY_COUNT: NLA_U8, 0..7 (parameter 4), default 7
 *    IPMI_LAN_SOL_A_RETRY_INTERVAL: NLA_U8, 0..255, in 10 ms units
 *        (parameter 4; 0 means 10 ms here), default 20 (200 ms)
 *    IPMI_LAN_SOL_A_BIT_RATE: NLA_U8, non-volatile bit rate (parameter 5):
 *        0 (the tty's own), 6 (9600), 7 (19200), 8 (38400), 9 (57600),
 *        10 (115200)
 *    IPMI_LAN_SOL_A_VOLATILE_BIT_RATE: NLA_U8, the same (parameter 6)
 *
 * IPMI_LAN_CMD_SET_SOL: a do request with IPMI_LAN_A_SOL carrying any of
 * the settable attributes above; validated whole before anything changes.
 * A new bit rate is applied to the bound tty's termios at once.
 *
 * IPMI_LAN_CMD_GET_SOL_TTYS: a dump, one IPMI_LAN_A_SOL_TTY nest per bound
 * tty:
 *
 *    IPMI_LAN_SOL_TTY_A_NAME: NLA_NUL_STRING, the tty's name ("ttyS1")
 *    IPMI_LAN_SOL_TTY_A_TARGET: NLA_U8, the target's address, 0x20: the
 *        BMC itself
 *    IPMI_LAN_SOL_TTY_A_ACTIVE: NLA_U8, 1 while a SoL payload is active
 *    IPMI_LAN_SOL_TTY_A_SESSION: NLA_U8, the owning session's handle
 *    IPMI_LAN_SOL_TTY_A_USER_ID: NLA_U8, the owning session's user
 *    IPMI_LAN_SOL_TTY_A_TX_BYTES, IPMI_LAN_SOL_TTY_A_RX_BYTES: NLA_U64,
 *        characters sent to consoles (acknowledged) and written to the tty
 *    IPMI_LAN_SOL_TTY_A_RETRIES: NLA_U64, packets sent again unanswered
 *    IPMI_LAN_SOL_TTY_A_NACKS_SENT, IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED:
 *        NLA_U64, packets refused for lack of room, each way
 *    IPMI_LAN_SOL_TTY_A_DROPPED: NLA_U64, tty characters dropped after the
 *        last retry (never acknowledged by the console)
 *    IPMI_LAN_SOL_TTY_A_DUPLICATES: NLA_U64, console packets received again
 *    IPMI_LAN_SOL_TTY_A_ACTIVATIONS: NLA_U64
 *
 * IPMI_LAN_SOL_TTY_A_PAD is padding for the 64-bit values and carries
 * nothing. The SOL configuration is the server's (channel 1's); SOL
 * parameter 8, the payload port, is the server's port.
 *
 * Events
 * ======
 *
 * Members of the multicast group IPMI_LAN_GENL_MCGRP_EVENTS ("events") of
 * the family get an IPMI_LAN_CMD_EVENT notification, in the namespace of
 * the server, when a session becomes active or closes and when a SoL
 * payload is activated or deactivated. It carries IPMI_LAN_A_EVENT,
 * NLA_NESTED:
 *
 *    IPMI_LAN_EVENT_A_KIND: NLA_U8, enum ipmi_lan_event_kind
 *    IPMI_LAN_EVENT_A_HANDLE: NLA_U8, the session's handle
 *    IPMI_LAN_EVENT_A_USER_ID: NLA_U8
 *    IPMI_LAN_EVENT_A_INSTANCE: NLA_U8, the SoL payload instance (SoL only)
 *    IPMI_LAN_EVENT_A_CAUSE: NLA_U8, enum ipmi_lan_close_cause (ends only)
 *    IPMI_LAN_EVENT_A_PEER: binary, struct sockaddr_in or sockaddr_in6
 *
 * The same events reach the IPMI message handler as Session Audit event
 * records (sensor type 2Ah) through the system interface's event message
 * buffer (Documentation/admin-guide.rst).
 */

#ifndef _UAPI_LINUX_IPMI_LAN_H
#define _UAPI_LINUX_IPMI_LAN_H

#define IPMI_LAN_GENL_NAME "ipmi_lan"
#define IPMI_LAN_GENL_VERSION 1
#define IPMI_LAN_GENL_MCGRP_EVENTS "events"

#define IPMI_LAN_DEFAULT_PORT 623

enum ipmi_lan_cmd {
	IPMI_LAN_CMD_UNSPEC,
	IPMI_LAN_CMD_GET_SERVER,
	IPMI_LAN_CMD_SET_SERVER,
	IPMI_LAN_CMD_GET_STATS,
	IPMI_LAN_CMD_GET_USER,
	IPMI_LAN_CMD_SET_USER,
	IPMI_LAN_CMD_DEL_USER,
	IPMI_LAN_CMD_GET_CHANNEL,
	IPMI_LAN_CMD_SET_CHANNEL,
	IPMI_LAN_CMD_GET_SESSIONS,
	IPMI_LAN_CMD_SMI_ATTACH,
	IPMI_LAN_CMD_SMI_DETACH,
	IPMI_LAN_CMD_GET_FORWARD,
	IPMI_LAN_CMD_ADD_FORWARD,
	IPMI_LAN_CMD_DEL_FORWARD,
	IPMI_LAN_CMD_GET_SOL,
	IPMI_LAN_CMD_SET_SOL,
	IPMI_LAN_CMD_GET_SOL_TTYS,
	IPMI_LAN_CMD_EVENT,
	IPMI_LAN_CMD_GET_TARGET,
	IPMI_LAN_CMD_ADD_TARGET,
	IPMI_LAN_CMD_SET_TARGET,
	IPMI_LAN_CMD_DEL_TARGET,
	IPMI_LAN_CMD_SOL_ATTACH,
	__IPMI_LAN_CMD_LAST
};

#define IPMI_LAN_CMD_MAX (__IPMI_LAN_CMD_LAST - 1)

enum ipmi_lan_attr {
	IPMI_LAN_A_UNSPEC,
	IPMI_LAN_A_SERVER_ENABLED,
	IPMI_LAN_A_SERVER_PORT,
	IPMI_LAN_A_SERVER_LISTEN,
	IPMI_LAN_A_SERVER_LISTENING,
	IPMI_LAN_A_STATS,
	IPMI_LAN_A_SERVER_DEVICE_ID,
	IPMI_LAN_A_SERVER_DEVICE_REVISION,
	IPMI_LAN_A_SERVER_FW_MAJOR,
	IPMI_LAN_A_SERVER_FW_MINOR,
	IPMI_LAN_A_SERVER_MANUFACTURER,
	IPMI_LAN_A_SERVER_PRODUCT,
	IPMI_LAN_A_SERVER_AUX_FW,
	IPMI_LAN_A_SERVER_GUID,
	IPMI_LAN_A_USER,
	IPMI_LAN_A_CHANNEL,
	IPMI_LAN_A_SESSION,
	IPMI_LAN_A_SMI_IF_NUM,
	IPMI_LAN_A_FORWARD_TIMEOUT,
	IPMI_LAN_A_FORWARD,
	IPMI_LAN_A_SOL,
	IPMI_LAN_A_SOL_TTY,
	IPMI_LAN_A_EVENT,
	IPMI_LAN_A_TARGET,
	__IPMI_LAN_A_LAST
};

#define IPMI_LAN_A_MAX (__IPMI_LAN_A_LAST - 1)

enum ipmi_lan_listen_attr {
	IPMI_LAN_LISTEN_A_UNSPEC,
	IPMI_LAN_LISTEN_A_V4,
	IPMI_LAN_LISTEN_A_V6,
	__IPMI_LAN_LISTEN_A_LAST
};

#define IPMI_LAN_LISTEN_A_MAX (__IPMI_LAN_LISTEN_A_LAST - 1)

enum ipmi_lan_user_attr {
	IPMI_LAN_USER_A_UNSPEC,
	IPMI_LAN_USER_A_ID,
	IPMI_LAN_USER_A_NAME,
	IPMI_LAN_USER_A_PASSWORD,
	IPMI_LAN_USER_A_HAS_PASSWORD,
	IPMI_LAN_USER_A_ENABLED,
	IPMI_LAN_USER_A_PRIVILEGE,
	IPMI_LAN_USER_A_IPMI_MSG,
	IPMI_LAN_USER_A_LINK_AUTH,
	IPMI_LAN_USER_A_LOCKED,
	IPMI_LAN_USER_A_FLAGS,
	IPMI_LAN_USER_A_SOL,
	IPMI_LAN_USER_A_BRIDGE_EMBEDDED,
	__IPMI_LAN_USER_A_LAST
};

#define IPMI_LAN_USER_A_MAX (__IPMI_LAN_USER_A_LAST - 1)

enum ipmi_lan_user_flag {
	IPMI_LAN_USER_F_CREATE = 1U << 0,
	IPMI_LAN_USER_F_UPDATE = 1U << 1,
	IPMI_LAN_USER_F_UNLOCK = 1U << 2,
	__IPMI_LAN_USER_F_ALL = IPMI_LAN_USER_F_CREATE |
				IPMI_LAN_USER_F_UPDATE |
				IPMI_LAN_USER_F_UNLOCK
};

#define IPMI_LAN_USER_MIN_ID 2
#define IPMI_LAN_USER_MAX_ID 63
#define IPMI_LAN_USER_NAME_LEN 16
#define IPMI_LAN_PASSWORD_LEN 20
#define IPMI_LAN_PRIV_NO_ACCESS 15

/* IPMI_LAN_USER_A_BRIDGE_EMBEDDED, IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED */
#define IPMI_LAN_BRIDGE_SEPARATE 0
#define IPMI_LAN_BRIDGE_EMBEDDED 1
#define IPMI_LAN_BRIDGE_CHANNEL 2	/* users only: the channel's form */

enum ipmi_lan_channel_attr {
	IPMI_LAN_CHANNEL_A_UNSPEC,
	IPMI_LAN_CHANNEL_A_SUITES,
	IPMI_LAN_CHANNEL_A_SUITE_PRIVILEGE,
	IPMI_LAN_CHANNEL_A_PRIVILEGE,
	IPMI_LAN_CHANNEL_A_KG,
	IPMI_LAN_CHANNEL_A_HAS_KG,
	IPMI_LAN_CHANNEL_A_SESSION_TIMEOUT,
	IPMI_LAN_CHANNEL_A_MAX_SESSIONS,
	IPMI_LAN_CHANNEL_A_LOCKOUT_THRESHOLD,
	IPMI_LAN_CHANNEL_A_LOCKOUT_RESET,
	IPMI_LAN_CHANNEL_A_LOCKOUT_INTERVAL,
	IPMI_LAN_CHANNEL_A_BRIDGE_EMBEDDED,
	__IPMI_LAN_CHANNEL_A_LAST
};

#define IPMI_LAN_CHANNEL_A_MAX (__IPMI_LAN_CHANNEL_A_LAST - 1)

/* Cipher suites 0..19 (bitmap bits); the ones that can be enabled. */
#define IPMI_LAN_SUITE_COUNT 20
#define IPMI_LAN_SUITES_SUPPORTED ((1U << 1) | (1U << 2) | (1U << 3) | \
				   (1U << 6) | (1U << 7) | (1U << 8) | \
				   (1U << 11) | (1U << 12) | (1U << 15) | \
				   (1U << 16) | (1U << 17))
#define IPMI_LAN_SUITES_DEFAULT ((1U << 3) | (1U << 17))

enum ipmi_lan_session_attr {
	IPMI_LAN_SESSION_A_UNSPEC,
	IPMI_LAN_SESSION_A_HANDLE,
	IPMI_LAN_SESSION_A_ID,
	IPMI_LAN_SESSION_A_USER_ID,
	IPMI_LAN_SESSION_A_PRIVILEGE,
	IPMI_LAN_SESSION_A_SUITE,
	IPMI_LAN_SESSION_A_PEER,
	__IPMI_LAN_SESSION_A_LAST
};

#define IPMI_LAN_SESSION_A_MAX (__IPMI_LAN_SESSION_A_LAST - 1)

enum ipmi_lan_stats_attr {
	IPMI_LAN_STATS_A_UNSPEC,
	IPMI_LAN_STATS_A_RX_PACKETS,
	IPMI_LAN_STATS_A_RX_BYTES,
	IPMI_LAN_STATS_A_TX_PACKETS,
	IPMI_LAN_STATS_A_TX_BYTES,
	IPMI_LAN_STATS_A_DROPS,
	IPMI_LAN_STATS_A_FWD_REQUESTS,
	IPMI_LAN_STATS_A_FWD_REPLIES,
	IPMI_LAN_STATS_A_FWD_TIMEOUTS,
	IPMI_LAN_STATS_A_FWD_ABSORBED,
	IPMI_LAN_STATS_A_FWD_UNMATCHED,
	IPMI_LAN_STATS_A_LOCAL_REQUESTS,
	IPMI_LAN_STATS_A_EVENTS_DROPPED,
	__IPMI_LAN_STATS_A_LAST
};

#define IPMI_LAN_STATS_A_MAX (__IPMI_LAN_STATS_A_LAST - 1)

enum ipmi_lan_forward_attr {
	IPMI_LAN_FORWARD_A_UNSPEC,
	IPMI_LAN_FORWARD_A_NETFN,
	IPMI_LAN_FORWARD_A_CMD,
	IPMI_LAN_FORWARD_A_PRIVILEGE,
	IPMI_LAN_FORWARD_A_OWNED,
	IPMI_LAN_FORWARD_A_TARGET,
	__IPMI_LAN_FORWARD_A_LAST
};

#define IPMI_LAN_FORWARD_A_MAX (__IPMI_LAN_FORWARD_A_LAST - 1)

#define IPMI_LAN_FORWARD_MAX 256
#define IPMI_LAN_FORWARD_TIMEOUT_DEFAULT 800
#define IPMI_LAN_FORWARD_TIMEOUT_MIN 50
#define IPMI_LAN_FORWARD_TIMEOUT_MAX 10000

enum ipmi_lan_target_attr {
	IPMI_LAN_TARGET_A_UNSPEC,
	IPMI_LAN_TARGET_A_ADDR,
	IPMI_LAN_TARGET_A_NAME,
	IPMI_LAN_TARGET_A_IDENTITY,
	IPMI_LAN_TARGET_A_IF_NUM,
	IPMI_LAN_TARGET_A_STATS,
	IPMI_LAN_TARGET_A_VIA,
	IPMI_LAN_TARGET_A_VIA_CHANNEL,
	__IPMI_LAN_TARGET_A_LAST
};

#define IPMI_LAN_TARGET_A_MAX (__IPMI_LAN_TARGET_A_LAST - 1)

#define IPMI_LAN_BMC_ADDR 0x20
#define IPMI_LAN_TARGET_NAME_LEN 32

enum ipmi_lan_sol_attr {
	IPMI_LAN_SOL_A_UNSPEC,
	IPMI_LAN_SOL_A_LDISC,
	IPMI_LAN_SOL_A_LDISC_OK,
	IPMI_LAN_SOL_A_ENABLED,
	IPMI_LAN_SOL_A_FORCE_ENCRYPTION,
	IPMI_LAN_SOL_A_FORCE_AUTH,
	IPMI_LAN_SOL_A_PRIVILEGE,
	IPMI_LAN_SOL_A_ACCUMULATE,
	IPMI_LAN_SOL_A_THRESHOLD,
	IPMI_LAN_SOL_A_RETRY_COUNT,
	IPMI_LAN_SOL_A_RETRY_INTERVAL,
	IPMI_LAN_SOL_A_BIT_RATE,
	IPMI_LAN_SOL_A_VOLATILE_BIT_RATE,
	__IPMI_LAN_SOL_A_LAST
};

#define IPMI_LAN_SOL_A_MAX (__IPMI_LAN_SOL_A_LAST - 1)

enum ipmi_lan_sol_tty_attr {
	IPMI_LAN_SOL_TTY_A_UNSPEC,
	IPMI_LAN_SOL_TTY_A_PAD,
	IPMI_LAN_SOL_TTY_A_NAME,
	IPMI_LAN_SOL_TTY_A_TARGET,
	IPMI_LAN_SOL_TTY_A_ACTIVE,
	IPMI_LAN_SOL_TTY_A_SESSION,
	IPMI_LAN_SOL_TTY_A_USER_ID,
	IPMI_LAN_SOL_TTY_A_TX_BYTES,
	IPMI_LAN_SOL_TTY_A_RX_BYTES,
	IPMI_LAN_SOL_TTY_A_RETRIES,
	IPMI_LAN_SOL_TTY_A_NACKS_SENT,
	IPMI_LAN_SOL_TTY_A_NACKS_RECEIVED,
	IPMI_LAN_SOL_TTY_A_DROPPED,
	IPMI_LAN_SOL_TTY_A_DUPLICATES,
	IPMI_LAN_SOL_TTY_A_ACTIVATIONS,
	IPMI_LAN_SOL_TTY_A_DEV_MAJOR,
	IPMI_LAN_SOL_TTY_A_DEV_MINOR,
	__IPMI_LAN_SOL_TTY_A_LAST
};

#define IPMI_LAN_SOL_TTY_A_MAX (__IPMI_LAN_SOL_TTY_A_LAST - 1)

enum ipmi_lan_event_attr {
	IPMI_LAN_EVENT_A_UNSPEC,
	IPMI_LAN_EVENT_A_KIND,
	IPMI_LAN_EVENT_A_HANDLE,
	IPMI_LAN_EVENT_A_USER_ID,
	IPMI_LAN_EVENT_A_INSTANCE,
	IPMI_LAN_EVENT_A_CAUSE,
	IPMI_LAN_EVENT_A_PEER,
	__IPMI_LAN_EVENT_A_LAST
};

#define IPMI_LAN_EVENT_A_MAX (__IPMI_LAN_EVENT_A_LAST - 1)

enum ipmi_lan_event_kind {
	IPMI_LAN_EVENT_SESSION_UP = 1,
	IPMI_LAN_EVENT_SESSION_DOWN,
	IPMI_LAN_EVENT_SOL_UP,
	IPMI_LAN_EVENT_SOL_DOWN,
};

/* Why a session or a SoL payload ended (the Session Audit event's cause). */
enum ipmi_lan_close_cause {
	IPMI_LAN_CLOSE_UNKNOWN,
	IPMI_LAN_CLOSE_COMMAND,		/* Close Session, Deactivate Payload */
	IPMI_LAN_CLOSE_TIMEOUT,
	IPMI_LAN_CLOSE_CONFIG,		/* a user, the tty or the server went */
};

/* SOL parameter 5/6 bit rate codes, and the BMC's own address. */
#define IPMI_LAN_SOL_RATE_DEFAULT 0
#define IPMI_LAN_SOL_RATE_9600 6
#define IPMI_LAN_SOL_RATE_115200 10
#define IPMI_LAN_SOL_TARGET_BMC 0x20
#define IPMI_LAN_SOL_TTY_NAME_LEN 64

/*
 * Why a received datagram was dropped without an answer. New reasons are
 * only ever appended; tools print unknown ones by number.
 */
enum ipmi_lan_drop_reason {
	IPMI_LAN_DROP_TRUNCATED,	/* shorter than its headers say */
	IPMI_LAN_DROP_OVERSIZE,		/* larger than any valid datagram */
	IPMI_LAN_DROP_RMCP_HEADER,	/* bad RMCP version, class or seq */
	IPMI_LAN_DROP_ASF,		/* ASF message other than a ping */
	IPMI_LAN_DROP_SESSION_HEADER,	/* bad IPMI 1.5 / RMCP+ session header */
	IPMI_LAN_DROP_MSG_HEADER,	/* bad IPMI message framing */
	IPMI_LAN_DROP_CHECKSUM,		/* bad IPMI message checksum */
	IPMI_LAN_DROP_UNKNOWN_SESSION,	/* session id not known */
	IPMI_LAN_DROP_NOT_ALLOWED,	/* command not allowed outside a session */
	IPMI_LAN_DROP_NOMEM,		/* no memory for the packet or its reply */
	IPMI_LAN_DROP_TX_ERROR,		/* the reply could not be routed */
	IPMI_LAN_DROP_RATELIMITED,	/* pre-session answer over the rate limit */
	IPMI_LAN_DROP_WINDOW,		/* sequence number out of the window */
	IPMI_LAN_DROP_INTEGRITY,	/* bad integrity check value (AuthCode) */
	IPMI_LAN_DROP_PAD,		/* bad integrity or confidentiality pad */
	IPMI_LAN_DROP_DOWNGRADE,	/* flags not those of the cipher suite */
	IPMI_LAN_DROP_STATE,		/* payload not allowed in this state */
	IPMI_LAN_DROP_BUSY,		/* no room for another pending session */
	IPMI_LAN_DROP_SOURCE,		/* handshake message not from the address
					 * that opened its session
					 */
	IPMI_LAN_DROP_CRYPTO,		/* a cryptographic operation failed */
	__IPMI_LAN_DROP_LAST
};

#define IPMI_LAN_DROP_MAX (__IPMI_LAN_DROP_LAST - 1)

#endif /* _UAPI_LINUX_IPMI_LAN_H */
