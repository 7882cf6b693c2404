/* SPDX-License-Identifier: MIT */
/* A fake network for lib/net's host tests: one peer behind struct net_ops
 * playing QEMU user networking's roles (ARP for the server, a DHCP server
 * that answers like slirp's, a TFTP server), with a virtual millisecond
 * clock and injectable faults: lost, duplicated and corrupted frames,
 * DHCP silence and NAKs, TFTP error replies and option refusal. */
#ifndef TESTS_FAKES_NET_PEER_H
#define TESTS_FAKES_NET_PEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/eth.h"
#include "net/net-stack.h"

#define NET_PEER_QUEUE	32
#define NET_PEER_FILES	4

struct net_peer_file {
	const char *name;
	const uint8_t *data;
	size_t len;
};

struct net_peer {
	/* Set by the test (net_peer_init gives slirp's defaults). */
	uint8_t mac[ETH_ALEN];
	uint32_t server_ip, client_ip, netmask, dns_ip;
	const char *bootfile;		/* BOOTP file field (NULL: empty) */
	const char *bootfile_opt67;	/* option 67 (NULL: none) */
	const char *tftp_server_name;	/* option 66 (NULL: none) */
	const char *root_path;		/* option 17 (NULL: none) */
	bool overload_file;		/* option 52 = 1: options in the file field */
	uint32_t ack_server_id;		/* option 54 in ACKs (0: server_ip) */
	bool dhcp_silent, dhcp_nak, arp_silent, udp_no_checksum;
	bool tftp_reply_from_69;	/* slirp: replies come from port 69 */
	struct net_peer_file files[NET_PEER_FILES];
	unsigned n_files;
	uint16_t blksize_max;		/* 0: options ignored (plain DATA 1) */
	bool options_error8;		/* refuse options with ERROR 8 */
	uint16_t rrq_error;		/* answer every RRQ with this error ... */
	const char *rrq_error_msg;	/* ... and message (rrq_error 0: none) */
	unsigned stop_after_blocks;	/* server goes silent after N DATA (0: never) */
	unsigned oversize_block;	/* DATA block N carries one byte too many */
	unsigned repeat_block;		/* past block N, block N is sent again */
	/* Faults on frames to the client, by their index (0 = first). */
	uint64_t drop_mask, dup_mask, corrupt_mask;
	unsigned drop_every;		/* also drop every Nth frame (0: none) */
	uint64_t drop_from_client_mask;	/* frames from the client, by index */

	/* State, read by the tests. */
	uint64_t now;
	uint8_t queue[NET_PEER_QUEUE][ETH_FRAME_MAX];
	size_t queue_len[NET_PEER_QUEUE];
	unsigned q_head, q_count;
	unsigned frames_out, frames_in;
	unsigned bad_frames_from_client;	/* lib parsers refused them */
	unsigned discovers, requests, rrqs, acks, client_errors;
	uint16_t last_client_error;
	unsigned arp_requests;
	uint8_t client_mac[ETH_ALEN];
	uint8_t last_dhcp[600];		/* the client's last DHCP message */
	size_t last_dhcp_len;
	uint8_t last_rrq[600];
	size_t last_rrq_len;
	uint8_t last_arp_reply[ETH_FRAME_MAX];	/* the client's last ARP reply */
	size_t last_arp_reply_len;
	/* TFTP session */
	bool session;
	uint16_t client_port, session_port;
	const struct net_peer_file *file;
	uint16_t blksize;
	uint32_t sent_blocks;		/* DATA blocks sent (absolute) */
	size_t last_data_len;
	uint64_t last_send_ms;
	bool finished;			/* the last block was acknowledged */
};

/* slirp's numbers: server 10.0.2.2, guest 10.0.2.15, /24, DNS 10.0.2.3,
 * blksize up to 1428, replies from port 69. */
void net_peer_init(struct net_peer *p);
void net_peer_add_file(struct net_peer *p, const char *name, const uint8_t *data, size_t len);
/* The ops a net_stack uses to reach the peer. */
struct net_ops net_peer_ops(struct net_peer *p);
/* Queues an ARP request from the server asking for the client's address. */
void net_peer_ask_arp(struct net_peer *p);
/* Queues a raw frame to the client (no faults applied). */
void net_peer_queue_raw(struct net_peer *p, const void *frame, size_t len);

#endif
