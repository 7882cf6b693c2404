/* SPDX-License-Identifier: MIT */
/* Memory and control services: claim, release, milliseconds, quiesce,
 * exit, enter, boot, interpret, test. */
#include <string.h>

#include "board.h"
#include "client/ci.h"
#include "log/log.h"
#include "memory/claim.h"
#include "memory/client-mem.h"

#define CLIENT_LIMIT 0x100000000ull	/* cells are 32-bit */

static const struct ci_control *control;

void ci_set_control(const struct ci_control *c)
{
	control = c;
}

int ci_claim(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	uint64_t addr;

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (args[2] == 0) {
		if (claim_range(args[0], args[1]) == 0)
			rets[0] = args[0];
	} else if (claim_alloc(args[1], args[2], CLIENT_LIMIT, &addr) == 0) {
		rets[0] = (uint32_t)addr;
	}
	if (rets[0] != CI_FAIL)
		claim_mark_client(rets[0], args[1]);
	return 0;
}

int ci_release(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)nargs; (void)nret; (void)rets;
	/* The firmware's own memory is not the client's to give back: a
	 * later claim would hand it out. */
	if (!client_ptr_write(args[0], args[1]))
		log_line("ci", "release 0x%x+0x%x: not the client's memory", args[0], args[1]);
	else if (claim_release(args[0], args[1]) != 0)
		log_line("ci", "release 0x%x+0x%x: not claimed", args[0], args[1]);
	else
		claim_unmark_client(args[0], args[1]);
	return 0;
}

int ci_milliseconds(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)nargs; (void)args; (void)nret;
	rets[0] = (uint32_t)board->milliseconds();
	return 0;
}

int ci_quiesce(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)nargs; (void)args; (void)nret; (void)rets;
	control->quiesce();
	return 0;
}

int ci_exit(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)nargs; (void)args; (void)nret; (void)rets;
	control->exit("client called exit");
}

int ci_enter(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	(void)nargs; (void)args; (void)nret; (void)rets;
	control->enter();
	return 0;
}

int ci_boot(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char cmd[128];

	(void)nargs; (void)nret; (void)rets;
	if (client_read_string(args[0], cmd, sizeof(cmd)) < 0)
		cmd[0] = '\0';
	log_line("ci", "boot \"%s\" requested: resetting", cmd);
	board->reset();
}

/* No Forth here: the handful of phrases clients really send are understood;
 * anything else fails with catch-result -1 and a console line. */
int ci_interpret(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char text[128];

	(void)nargs;
	rets[0] = CI_FAIL;
	for (unsigned i = 1; i < nret; i++)
		rets[i] = 0;
	if (client_read_string(args[0], text, sizeof(text)) < 0)
		return 0;
	if (strcmp(text, "reset-all") == 0)
		board->reset();
	if (strcmp(text, "power-off") == 0 || strcmp(text, "shut-down") == 0 ||
	    strcmp(text, "poweroff") == 0)
		board->power_off();
	if (strcmp(text, "output-device output") == 0 || strcmp(text, "cursor-on") == 0 ||
	    strcmp(text, "cursor-off") == 0 || text[0] == '\0') {
		rets[0] = 0;
		return 0;
	}
	log_line("ci", "interpret: not supported: \"%s\"", text);
	return 0;
}

int ci_test(unsigned nargs, const uint32_t *args, unsigned nret, uint32_t *rets)
{
	char name[128];

	(void)nargs; (void)nret;
	rets[0] = CI_FAIL;
	if (client_read_string(args[0], name, sizeof(name)) >= 0)
		rets[0] = ci_find_service(name) ? 0 : 1;
	return 0;
}
