/* SPDX-License-Identifier: MIT */
/* Unit test of slof/devices/net-package.c and slof/devices/net-dev.c on the
 * fake machine: a NIC node with a loopback interface behind
 * struct net_dev_ops, opened, written, read and closed through the client
 * interface as GRUB's ofnet does it (open path with device arguments). */
#include <stdint.h>
#include <string.h>

#include "devices/net-dev.h"
#include "devices/net-package.h"
#include "fake-machine.h"
#include "tree/tree.h"
#include "unit.h"

#define FRAME_MAX 1600

/* The loopback: one frame queued by send, handed back by receive. */
struct loop {
	struct net_dev dev;
	uint8_t frame[FRAME_MAX];
	size_t len;
	unsigned ups, downs;
	bool refuse_up;
};

static int loop_send(void *ctx, const void *frame, size_t len)
{
	struct loop *l = ctx;

	if (len > FRAME_MAX)
		return -1;
	memcpy(l->frame, frame, len);
	l->len = len;
	return 0;
}

static int loop_receive(void *ctx, void *buf, size_t cap)
{
	struct loop *l = ctx;
	size_t n = l->len;

	if (!n || n > cap)
		return 0;
	memcpy(buf, l->frame, n);
	l->len = 0;
	return (int)n;
}

static uint64_t loop_now(void *ctx)
{
	(void)ctx;
	return 0;
}

static int loop_up(struct net_dev *dev, const char **why)
{
	struct loop *l = dev->priv;
	static const uint8_t mac[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };

	if (l->refuse_up) {
		*why = "device offers no MAC address";
		return -1;
	}
	l->ups++;
	memcpy(dev->mac, mac, 6);
	dev->net = (struct net_ops){ loop_send, loop_receive, loop_now, l };
	return 0;
}

static void loop_down(struct net_dev *dev)
{
	((struct loop *)dev->priv)->downs++;
}

static const struct net_dev_ops loop_ops = { .up = loop_up, .down = loop_down };

static struct loop good, bad;

static void add_nic(struct loop *l, const char *name)
{
	struct of_node *n = of_node_add(of_root(), name, strlen(name));

	of_set_string(n, "name", "ethernet");
	of_assign_phandle(n);
	memset(l, 0, sizeof(*l));
	l->dev.ops = &loop_ops;
	l->dev.priv = l;
	l->dev.kind = "loopback";
	CHECK(net_dev_register(n, &l->dev) == 0);
}

int main(void)
{
	struct fake_fdt_opts o = { .ram_size = FM_RAM_DEFAULT };
	uint8_t frame[60];
	uint32_t ih, buf, type;
	char dt[16] = "";

	CHECK_EQ_U64(fm_boot(&o), FAKE_EXIT_CONSOLE_IDLE);
	net_package_register();
	add_nic(&good, "ethernet@1");
	add_nic(&bad, "ethernet@2");
	bad.refuse_up = true;

	/* Registration sets device_type "network", which GRUB looks for. */
	type = fm_buf(sizeof(dt), 0);
	CHECK_EQ_U64(fm_call("getprop", 4, 1, fm_ph("/ethernet@1"), fm_str("device_type"), type,
			     (uint32_t)sizeof(dt)).ret[0], 8);
	memcpy(dt, fm_ptr(type, 8), 8);
	CHECK_STR(dt, "network");

	/* open with GRUB's device arguments brings the interface up. */
	fake_console_clear();
	ih = fm_call("open", 1, 1,
		     fm_str("/ethernet@1:speed=auto,duplex=auto,1.1.1.1,dummy,1.1.1.1,1.1.1.1,5,5,1.1.1.1,512"))
		     .ret[0];
	CHECK(ih != 0);
	CHECK_EQ_U64(good.ups, 1);
	CHECK(fake_console_contains("net: /ethernet@1 opened by the client (loopback)"));

	/* Nothing received yet: read answers 0 at once. */
	buf = fm_buf(FRAME_MAX, 0);
	CHECK_EQ_U64(fm_call("read", 3, 1, ih, buf, FRAME_MAX).ret[0], 0);

	/* write sends one frame; read gives it back whole. */
	for (unsigned i = 0; i < sizeof(frame); i++)
		frame[i] = (uint8_t)(i * 7 + 1);
	CHECK_EQ_U64(fm_call("write", 3, 1, ih, fm_bytes(frame, sizeof(frame)),
			     (uint32_t)sizeof(frame)).ret[0], sizeof(frame));
	CHECK_EQ_U64(fm_call("read", 3, 1, ih, buf, FRAME_MAX).ret[0], sizeof(frame));
	CHECK(memcmp(fm_ptr(buf, sizeof(frame)), frame, sizeof(frame)) == 0);
	CHECK_EQ_U64(fm_call("read", 3, 1, ih, buf, FRAME_MAX).ret[0], 0);

	/* An unknown method is refused (catch-result -1 is the CI's). */
	CHECK(fm_call("call-method", 2, 1, fm_str("frobnicate"), ih).ret[0] != 0);

	/* close stops the interface; the stale ihandle fails. */
	CHECK_EQ_U64(fm_call("close", 1, 0, ih).rc, 0);
	CHECK_EQ_U64(good.downs, 1);
	CHECK_EQ_U64(fm_call("read", 3, 1, ih, buf, FRAME_MAX).ret[0], 0xffffffffu);

	/* A NIC that cannot come up: open fails (0) and says why. */
	fake_console_clear();
	CHECK_EQ_U64(fm_call("open", 1, 1, fm_str("/ethernet@2")).ret[0], 0);
	CHECK(fake_console_contains("net: error: /ethernet@2: open: device offers no MAC address"));
	CHECK_EQ_U64(bad.downs, 0);

	/* Quiesce stops what is up, once. */
	ih = fm_call("open", 1, 1, fm_str("/ethernet@1")).ret[0];
	CHECK(ih != 0);
	net_dev_quiesce_all();
	net_dev_quiesce_all();
	CHECK_EQ_U64(good.downs, 2);

	fm_teardown();
	return unit_done("test-net-package");
}
