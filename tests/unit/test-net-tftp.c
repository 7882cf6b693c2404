/* SPDX-License-Identifier: MIT */
/* lib/net TFTP: packet bytes (RRQ, ACK, ERROR), packet parsing with each
 * refusal named, and the client state machine driven packet by packet:
 * OACK, option refusal, duplicates, block-number rollover, limits, server
 * errors and timeouts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "be.h"
#include "status/status.h"
#include "net/tftp-client.h"
#include "unit.h"

static void test_build(void)
{
	static const uint8_t rrq[] = "\x00\x01" "vmlinux\0octet\0blksize\0" "1468\0tsize\0" "0";
	static const uint8_t plain[] = "\x00\x01" "a\0octet";
	char long_name[300];
	uint8_t b[400];

	CHECK_EQ_U64(tftp_build_rrq(b, sizeof(b), "vmlinux", 1468, true), sizeof(rrq));
	CHECK(memcmp(b, rrq, sizeof(rrq)) == 0);
	CHECK_EQ_U64(tftp_build_rrq(b, sizeof(b), "a", 0, false), sizeof(plain));
	CHECK(memcmp(b, plain, sizeof(plain)) == 0);
	CHECK_EQ_U64(tftp_build_rrq(b, sizeof(rrq) - 1, "vmlinux", 1468, true), 0);
	CHECK_EQ_U64(tftp_build_rrq(b, sizeof(b), "", 0, false), 0);
	memset(long_name, 'n', 256);
	long_name[256] = 0;
	CHECK_EQ_U64(tftp_build_rrq(b, sizeof(b), long_name, 0, false), 0);
	long_name[255] = 0;
	CHECK_EQ_U64(tftp_build_rrq(b, sizeof(b), long_name, 0, false), 2 + 256 + 6);

	CHECK_EQ_U64(tftp_build_ack(b, 0xbeef), 4);
	CHECK(memcmp(b, "\x00\x04\xbe\xef", 4) == 0);
	CHECK_EQ_U64(tftp_build_error(b, sizeof(b), 3, "full"), 9);
	CHECK(memcmp(b, "\x00\x05\x00\x03" "full", 9) == 0);
	CHECK_EQ_U64(tftp_build_error(b, 7, 3, "full"), 7);
	CHECK(memcmp(b, "\x00\x05\x00\x03" "fu", 7) == 0);
}

static int parse(const char *bytes, size_t len, struct tftp_packet *t, const char **why)
{
	*why = NULL;
	return tftp_parse((const uint8_t *)bytes, len, t, why);
}

#define PARSE(s) parse(s, sizeof(s) - 1, &t, &why)

static void test_parse(void)
{
	struct tftp_packet t;
	const char *why;

	CHECK_EQ_U64(PARSE("\x00\x03\x01\x02" "abc"), STATUS_OK);
	CHECK(t.opcode == TFTP_DATA && t.block == 0x102 && t.data_len == 3 && memcmp(t.data, "abc", 3) == 0);
	CHECK_EQ_U64(PARSE("\x00\x03\x00\x01"), STATUS_OK);
	CHECK_EQ_U64(t.data_len, 0);
	CHECK_EQ_U64(PARSE("\x00\x05\x00\x01" "File not found"), STATUS_OK);
	CHECK(t.error_code == 1);
	CHECK_STR(t.error_msg, "File not found");
	/* Control characters are not passed on to a console. */
	CHECK_EQ_U64(PARSE("\x00\x05\x00\x02" "a\x1b[2Jb"), STATUS_OK);
	CHECK_STR(t.error_msg, "a?[2Jb");
	CHECK_EQ_U64(PARSE("\x00\x06" "BLKSIZE\0" "1428\0tsize\0" "123456789012\0"), STATUS_OK);
	CHECK(t.has_blksize && t.blksize == 1428 && t.has_tsize && t.tsize == 123456789012ull);
	CHECK_EQ_U64(PARSE("\x00\x06"), STATUS_OK);
	CHECK(!t.has_blksize && !t.has_tsize);

	CHECK_EQ_U64(PARSE("\x00"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: packet shorter than its 2-byte opcode");
	CHECK_EQ_U64(PARSE("\x00\x03\x00"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: DATA packet shorter than 4 bytes");
	CHECK_EQ_U64(PARSE("\x00\x05\x00"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: ERROR packet shorter than 4 bytes");
	CHECK_EQ_U64(PARSE("\x00\x04\x00\x01"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: a server sent a request or an ACK to a reading client");
	CHECK_EQ_U64(PARSE("\x00\x07\x00\x01"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: unknown opcode");
	CHECK_EQ_U64(PARSE("\x00\x06" "blksize\0" "512"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK option value is not NUL-terminated");
	CHECK_EQ_U64(PARSE("\x00\x06" "blksize"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK option has no NUL-terminated value");
	CHECK_EQ_U64(PARSE("\x00\x06" "blksize\0" "5x\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK option value is not a decimal number");
	CHECK_EQ_U64(PARSE("\x00\x06" "tsize\0" "\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK option value is not a decimal number");
	CHECK_EQ_U64(PARSE("\x00\x06" "tsize\0" "99999999999999999999\0"),
		     (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK option value is not a decimal number");
	CHECK_EQ_U64(PARSE("\x00\x06" "blksize\0" "7\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK block size is outside 8..65464");
	CHECK_EQ_U64(PARSE("\x00\x06" "blksize\0" "65465\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK block size is outside 8..65464");
	CHECK_EQ_U64(PARSE("\x00\x06" "timeout\0" "5\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: OACK names an option the client did not ask for");

	CHECK_STR(tftp_error_name(1), "file not found");
	CHECK_STR(tftp_error_name(8), "option negotiation refused");
	CHECK_STR(tftp_error_name(9), "unknown error code");
}

/* ---- the client, packet by packet ---- */

static uint8_t file[70000];
static uint8_t got[70000];

static int data(struct tftp_client *c, uint16_t port, uint16_t block, const uint8_t *d, size_t n)
{
	uint8_t p[1500];
	const char *why = NULL;

	be16_write(p, TFTP_DATA);
	be16_write(p + 2, block);
	memcpy(p + 4, d, n);
	return tftp_client_input(c, port, p, 4 + n, &why);
}

static int input(struct tftp_client *c, uint16_t port, const char *p, size_t n, const char **why)
{
	*why = NULL;
	return tftp_client_input(c, port, (const uint8_t *)p, n, why);
}

#define IN(port, s) input(&c, port, s, sizeof(s) - 1, &why)

static bool out_is_ack(const struct tftp_client *c, uint16_t block)
{
	return c->out_len == 4 && be16_read(c->out) == TFTP_ACK && be16_read(c->out + 2) == block;
}

static void test_oack_transfer(void)
{
	struct tftp_client c;
	const char *why;

	CHECK_EQ_U64(tftp_client_start(&c, "k", got, sizeof(got), 1024, 3, &why), STATUS_OK);
	CHECK(c.out_len == 2 + 2 + 6 + 8 + 5 + 6 + 2 && memcmp(c.out + 4, "octet", 6) == 0);
	CHECK_EQ_U64(IN(3000, "\x00\x06" "blksize\0" "1000\0tsize\0" "2500\0"),
		     TFTP_STEP_SEND);
	CHECK(out_is_ack(&c, 0));
	CHECK_EQ_U64(c.blksize, 1000);
	/* The OACK again (our ACK 0 was lost): ACK 0 again. */
	CHECK_EQ_U64(IN(3000, "\x00\x06" "blksize\0" "1000\0tsize\0" "2500\0"),
		     TFTP_STEP_SEND);
	CHECK(out_is_ack(&c, 0));
	/* A packet from another port is someone else's. */
	CHECK_EQ_U64(data(&c, 3001, 1, file, 1000), TFTP_STEP_WAIT);
	CHECK_EQ_U64(data(&c, 3000, 1, file, 1000), TFTP_STEP_SEND);
	CHECK(out_is_ack(&c, 1));
	/* Block 1 again: acknowledged again, not stored twice. */
	CHECK_EQ_U64(data(&c, 3000, 1, file, 1000), TFTP_STEP_SEND);
	CHECK(out_is_ack(&c, 1));
	/* A block from the future is ignored. */
	CHECK_EQ_U64(data(&c, 3000, 3, file, 1000), TFTP_STEP_WAIT);
	CHECK_EQ_U64(data(&c, 3000, 2, file + 1000, 1000), TFTP_STEP_SEND);
	CHECK_EQ_U64(data(&c, 3000, 3, file + 2000, 500), TFTP_STEP_DONE);
	CHECK(out_is_ack(&c, 3));
	CHECK_EQ_U64(c.received, 2500);
	CHECK(memcmp(got, file, 2500) == 0);
	CHECK_EQ_U64(c.state, TFTP_CLIENT_FINISHED);
}

static void test_options_ignored_and_refused(void)
{
	struct tftp_client c;
	const char *why;

	/* The server ignores the options: DATA 1 with 512 bytes at most. */
	tftp_client_start(&c, "k", got, sizeof(got), 1468, 3, &why);
	CHECK_EQ_U64(data(&c, 69, 1, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(c.blksize, 512);
	CHECK_EQ_U64(data(&c, 69, 2, file + 512, 0), TFTP_STEP_DONE);
	CHECK_EQ_U64(c.received, 512);

	/* ERROR 8 to the RRQ: ask again without options. */
	tftp_client_start(&c, "k", got, sizeof(got), 1468, 3, &why);
	CHECK_EQ_U64(IN(4000, "\x00\x05\x00\x08" "no\0"), TFTP_STEP_SEND);
	CHECK(c.out_len == 2 + 2 + 6 && c.server_port == 0);
	/* A second ERROR 8 is final. */
	CHECK_EQ_U64(IN(4001, "\x00\x05\x00\x08" "no\0"), (uint64_t)STATUS_EREFUSED);
	CHECK_STR(why, "TFTP: option negotiation refused (server error 8: no)");

	/* An OACK to a request without options, and a larger block size than
	 * asked, are refused with ERROR 8 for the server. */
	tftp_client_start(&c, "k", got, sizeof(got), 0, 3, &why);
	CHECK_EQ_U64(IN(5000, "\x00\x06" "blksize\0" "512\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: server sent an OACK to a request without options");
	CHECK(c.out_len > 4 && be16_read(c.out) == TFTP_ERROR && be16_read(c.out + 2) == 8);
	tftp_client_start(&c, "k", got, sizeof(got), 512, 3, &why);
	CHECK_EQ_U64(IN(5000, "\x00\x06" "blksize\0" "1024\0"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: server chose block size 1024, above the 512 asked for");
}

static void test_errors_and_limits(void)
{
	struct tftp_client c;
	const char *why;

	tftp_client_start(&c, "grub.cfg", got, sizeof(got), 1468, 3, &why);
	CHECK_EQ_U64(IN(69, "\x00\x05\x00\x01" "File not found\0"),
		     (uint64_t)STATUS_EREFUSED);
	CHECK_STR(why, "TFTP: file not found (server error 1: File not found)");
	CHECK_EQ_U64(c.out_len, 0);
	/* After the failure nothing is taken any more. */
	CHECK_EQ_U64(data(&c, 69, 1, file, 10), TFTP_STEP_WAIT);

	/* tsize above the limit: stop before the first block. */
	tftp_client_start(&c, "big", got, 1000, 1468, 3, &why);
	CHECK_EQ_U64(IN(69, "\x00\x06" "tsize\0" "1001\0"), (uint64_t)STATUS_ETOOBIG);
	CHECK_STR(why, "TFTP: \"big\" is 1001 bytes, more than the 1000-byte limit");
	CHECK(be16_read(c.out) == TFTP_ERROR);
	/* Without tsize, the block that crosses the limit stops it. */
	tftp_client_start(&c, "big", got, 1000, 0, 3, &why);
	CHECK_EQ_U64(data(&c, 69, 1, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(data(&c, 69, 2, file, 489), (uint64_t)STATUS_ETOOBIG);
	CHECK_STR(c.reason, "TFTP: \"big\" is larger than the 1000-byte limit");
	CHECK(be16_read(c.out) == TFTP_ERROR && be16_read(c.out + 2) == TFTP_ERR_DISK_FULL);
	/* Exactly at the limit is fine. */
	tftp_client_start(&c, "big", got, 1000, 0, 3, &why);
	CHECK_EQ_U64(data(&c, 69, 1, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(data(&c, 69, 2, file, 488), TFTP_STEP_DONE);
	/* A block longer than the block size. */
	tftp_client_start(&c, "k", got, sizeof(got), 0, 3, &why);
	CHECK_EQ_U64(data(&c, 69, 1, file, 513), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(c.reason, "TFTP: DATA block 1 carries 513 bytes, more than the block size 512");
	/* The file ends short of the announced tsize. */
	tftp_client_start(&c, "k", got, sizeof(got), 512, 3, &why);
	IN(69, "\x00\x06" "tsize\0" "600\0");
	CHECK_EQ_U64(data(&c, 69, 1, file, 100), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(c.reason, "TFTP: \"k\" ended after 100 bytes, but the server announced 600 (tsize)");
	/* Garbage once the server is known ends the transfer; before, it is
	 * ignored (it may come from anyone). */
	tftp_client_start(&c, "k", got, sizeof(got), 0, 3, &why);
	CHECK_EQ_U64(IN(69, "\x00\x09"), TFTP_STEP_WAIT);
	CHECK_EQ_U64(data(&c, 69, 1, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(IN(69, "\x00\x09"), (uint64_t)STATUS_EMALFORMED);
	CHECK_STR(why, "TFTP: unknown opcode");

	CHECK_EQ_U64(tftp_client_start(&c, "", got, 1, 0, 3, &why), (uint64_t)STATUS_EINVAL);
	CHECK_STR(why, "TFTP: file name is empty or longer than 255 bytes");
	CHECK_EQ_U64(tftp_client_start(&c, "k", got, 1, 7, 3, &why), (uint64_t)STATUS_EINVAL);
	CHECK_STR(why, "TFTP: block size below 8");
	CHECK_EQ_U64(tftp_client_start(&c, "k", got, 1, 0, 0, &why), (uint64_t)STATUS_EINVAL);
	CHECK_STR(why, "TFTP: the number of tries must be at least 1");
}

static void test_timeouts(void)
{
	struct tftp_client c;
	const char *why;

	tftp_client_start(&c, "vmlinux", got, sizeof(got), 0, 3, &why);
	CHECK_EQ_U64(tftp_client_timeout(&c, &why), TFTP_STEP_SEND);
	CHECK_EQ_U64(be16_read(c.out), TFTP_RRQ);
	CHECK_EQ_U64(tftp_client_timeout(&c, &why), TFTP_STEP_SEND);
	CHECK_EQ_U64(tftp_client_timeout(&c, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "TFTP: no answer to the request for \"vmlinux\" after 3 tries");

	tftp_client_start(&c, "vmlinux", got, sizeof(got), 0, 2, &why);
	CHECK_EQ_U64(data(&c, 69, 1, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(tftp_client_timeout(&c, &why), TFTP_STEP_SEND);
	CHECK(out_is_ack(&c, 1));
	/* Progress restarts the count. */
	CHECK_EQ_U64(data(&c, 69, 2, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(tftp_client_timeout(&c, &why), TFTP_STEP_SEND);
	/* A duplicate is not progress. */
	CHECK_EQ_U64(data(&c, 69, 2, file, 512), TFTP_STEP_SEND);
	CHECK_EQ_U64(tftp_client_timeout(&c, &why), (uint64_t)STATUS_ETIMEDOUT);
	CHECK_STR(why, "TFTP: no DATA block 3 of \"vmlinux\" after 2 tries (1024 bytes received)");
}

static void test_rollover(void)
{
	static uint8_t big[65540 * 8];
	struct tftp_client c;
	const char *why;
	uint32_t n;
	int step = 0;

	for (n = 0; n < sizeof(big); n++)
		big[n] = (uint8_t)(n * 7 + (n >> 9));
	tftp_client_start(&c, "k", got, sizeof(got), 8, 3, &why);
	CHECK_EQ_U64(IN(69, "\x00\x06" "blksize\0" "8\0"), TFTP_STEP_SEND);
	/* 65540 full blocks of 8 bytes numbered 1..65535, 0, 1, 2, 3, 4,
	 * then an empty one. got[] is too small: use a bigger buffer. */
	c.buf = malloc(sizeof(big));
	c.limit = sizeof(big);
	for (n = 1; n <= 65540 && step >= 0; n++) {
		step = data(&c, 69, (uint16_t)n, big + (n - 1) * 8, 8);
		if (step != TFTP_STEP_SEND)
			break;
		/* Block 65536 is numbered 0; sent again, it is a duplicate. */
		if (n == 65536) {
			CHECK(out_is_ack(&c, 0));
			CHECK_EQ_U64(data(&c, 69, 0, big, 8), TFTP_STEP_SEND);
			CHECK(out_is_ack(&c, 0));
			CHECK_EQ_U64(c.received, 65536 * 8);
		}
	}
	CHECK_EQ_U64(n, 65541);
	CHECK_EQ_U64(data(&c, 69, (uint16_t)65541, big, 0), TFTP_STEP_DONE);
	CHECK_EQ_U64(c.received, sizeof(big));
	CHECK(memcmp(c.buf, big, sizeof(big)) == 0);
	free(c.buf);
}

int main(void)
{
	for (size_t i = 0; i < sizeof(file); i++)
		file[i] = (uint8_t)(i * 13 + 5);
	test_build();
	test_parse();
	test_oack_transfer();
	test_options_ignored_and_refused();
	test_errors_and_limits();
	test_timeouts();
	test_rollover();
	return unit_done("test-net-tftp");
}
