/* SPDX-License-Identifier: MIT */
/* A minimal IPv4 host over a network device given as three operations:
 * it answers ARP for its address, resolves the next hop, sends and
 * receives UDP, and runs DHCP (net_dhcp) and TFTP (net_tftp_get) on top.
 * Every wait is bounded by the device's millisecond clock and every
 * failure ends with a reason sentence. No allocation, no globals. */
#ifndef LIB_NET_NET_STACK_H
#define LIB_NET_NET_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/arp.h"
#include "net/dhcp.h"
#include "net/eth.h"

/* The network device, as the firmware's driver (virtio-net, spapr-vlan)
 * or a test's fake provides it. */
struct net_ops {
	/* Sends one Ethernet frame (header included, no FCS): 0 or a
	 * negative enum status. */
	int (*send)(void *ctx, const void *frame, size_t len);
	/* Copies one received frame into buf (cap bytes) without waiting:
	 * returns its length, 0 when none is pending, a negative enum status
	 * on a device error. */
	int (*receive)(void *ctx, void *buf, size_t cap);
	/* Milliseconds since any fixed point; never goes backwards. */
	uint64_t (*now_ms)(void *ctx);
	void *ctx;
};

/* Retry policy; net_config_default gives the values used in a boot. */
struct net_config {
	unsigned arp_tries;		/* ARP requests before giving up */
	unsigned arp_timeout_ms;	/* wait after each */
	unsigned dhcp_tries;		/* DISCOVERs (and REQUESTs) sent */
	unsigned dhcp_timeout_ms;	/* first wait; doubled per try up to 4x */
	unsigned tftp_tries;		/* sends of one packet without progress */
	unsigned tftp_timeout_ms;	/* wait after each */
	uint16_t tftp_blksize;		/* asked for; 0 sends no options */
};

void net_config_default(struct net_config *cfg);

/* A UDP datagram delivered to the caller by net_stack_poll. */
struct net_udp_rx {
	uint32_t src_ip, dst_ip;
	uint16_t src_port, dst_port;
	const uint8_t *data;	/* points into the stack's receive buffer */
	size_t len;
};

struct net_stack {
	struct net_ops ops;
	struct net_config cfg;
	uint8_t mac[ETH_ALEN];
	uint32_t ip, netmask, router;	/* 0 until configured */
	struct arp_cache arp;
	uint16_t ip_id;
	uint16_t next_port;		/* local UDP port for the next transfer */
	const char *last_drop;		/* why the last bad packet was dropped */
	uint8_t rx[ETH_FRAME_MAX];
	uint8_t tx[ETH_FRAME_MAX];
	char reason[400];		/* the sentence of the last failure */
};

/* Sets up s for the device ops with hardware address mac (cfg NULL for
 * net_config_default). The address stays 0.0.0.0 until net_dhcp or
 * net_stack_configure. */
void net_stack_init(struct net_stack *s, const struct net_ops *ops, const uint8_t mac[ETH_ALEN],
		    const struct net_config *cfg);

/* Sets a static address (netmask and router may be 0). */
void net_stack_configure(struct net_stack *s, uint32_t ip, uint32_t netmask, uint32_t router);

/* Takes at most one frame from the device: answers an ARP request for
 * our address, learns ARP replies, and drops what is not for us (the
 * reason of a damaged packet is kept in s->last_drop). Returns 1 when a
 * UDP datagram for us is in *rx, 0 when nothing was pending or the frame
 * was handled or dropped, STATUS_EDEVICE with *reason on a device error. */
int net_stack_poll(struct net_stack *s, struct net_udp_rx *rx, const char **reason);

/* Sends payload[0..len) (at most ETH_MTU - 28 bytes) from our address and
 * src_port to dst_ip:dst_port; 255.255.255.255 goes to the Ethernet
 * broadcast, anything else to the next hop's MAC, resolved by ARP first
 * when not cached (bounded by cfg.arp_*). Returns STATUS_OK, or
 * STATUS_ETIMEDOUT / STATUS_EDEVICE / STATUS_EINVAL with *reason. */
int net_stack_send_udp(struct net_stack *s, uint32_t dst_ip, uint16_t src_port,
		       uint16_t dst_port, const void *payload, size_t len, const char **reason);

/* Resolves ip (on our subnet) to its MAC: the cache, or ARP requests
 * bounded by cfg.arp_tries x cfg.arp_timeout_ms. STATUS_OK or STATUS_ETIMEDOUT
 * with *reason ("ARP: no reply from 10.0.2.2 after 3 tries"). */
int net_stack_resolve(struct net_stack *s, uint32_t ip, uint8_t mac[ETH_ALEN],
		      const char **reason);

/* The outcome of net_dhcp. */
struct net_lease {
	struct dhcp_reply reply;	/* the ACK, decoded */
	uint32_t tftp_server;		/* dhcp_reply_tftp_server() */
	uint8_t ack[DHCP_MSG_MAX];	/* the ACK's bytes (UDP payload), for
					 * /chosen bootp-response */
	size_t ack_len;
};

/* DISCOVER, OFFER, REQUEST, ACK; then the stack has the leased address,
 * netmask and router. Each phase sends up to cfg.dhcp_tries times. Returns
 * STATUS_OK and fills *lease; STATUS_ETIMEDOUT ("DHCP: no offer after 4 tries"),
 * STATUS_EREFUSED (a NAK, with the server's message) or STATUS_EDEVICE with
 * *reason (pointing into s). */
int net_dhcp(struct net_stack *s, struct net_lease *lease, const char **reason);

/* Reads filename from the TFTP server into buf[0..limit) and sets *size.
 * Returns STATUS_OK, or STATUS_EREFUSED (server error, named), STATUS_ETOOBIG,
 * STATUS_ETIMEDOUT, STATUS_EMALFORMED, STATUS_EDEVICE, STATUS_EINVAL with *reason
 * (pointing into s). */
int net_tftp_get(struct net_stack *s, uint32_t server, const char *filename, void *buf,
		 size_t limit, size_t *size, const char **reason);

#endif
