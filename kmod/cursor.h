/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded reader over bytes from the network. Every read checks that the
 * bytes are there; a failed read leaves the cursor empty, so a parser can
 * chain reads and test once (cursor_failed()) at the end.
 */

#ifndef _IPMI_LAN_CURSOR_H
#define _IPMI_LAN_CURSOR_H

#include <linux/types.h>

struct cursor {
	const u8 *p;
	size_t len;
	bool failed;
};

static inline void cursor_init(struct cursor *c, const void *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->failed = false;
}

static inline bool cursor_failed(const struct cursor *c)
{
	return c->failed;
}

static inline size_t cursor_left(const struct cursor *c)
{
	return c->len;
}

/* Takes n bytes; returns a pointer to them, or NULL if they are not there. */
static inline const u8 *cursor_pull(struct cursor *c, size_t n)
{
	const u8 *p = c->p;

	if (c->failed || n > c->len) {
		c->failed = true;
		c->len = 0;
		return NULL;
	}
	c->p += n;
	c->len -= n;
	return p;
}

static inline u8 cursor_u8(struct cursor *c)
{
	const u8 *p = cursor_pull(c, 1);

	return p ? *p : 0;
}

static inline u16 cursor_le16(struct cursor *c)
{
	const u8 *p = cursor_pull(c, 2);

	return p ? (u16)p[0] | (u16)p[1] << 8 : 0;
}

static inline u32 cursor_le32(struct cursor *c)
{
	const u8 *p = cursor_pull(c, 4);

	return p ? (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24 : 0;
}

static inline u32 cursor_be32(struct cursor *c)
{
	const u8 *p = cursor_pull(c, 4);

	return p ? (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | (u32)p[3] : 0;
}

#endif /* _IPMI_LAN_CURSOR_H */
