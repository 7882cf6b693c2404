/* SPDX-License-Identifier: MIT */
/* exec mode: runs QEMU with "-prom-env qemu,compat-caps=HEX" appended, so
 * libvirt or a script can use the helper as (part of) the emulator. A
 * command line that already sets qemu,compat-caps is left alone. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qemu-compat-caps.h"

#define EXEC_PROM_ENV_KEY COMPAT_CAPS_NVRAM_NAME "="

static char exec_prom_env_flag[] = "-prom-env";

/* QEMU takes -prom-env and --prom-env, its value as the next argument. */
static bool exec_is_prom_env(const char *arg)
{
	return strcmp(arg, "-prom-env") == 0 || strcmp(arg, "--prom-env") == 0;
}

bool exec_sets_caps(char **command)
{
	size_t i;

	for (i = 0; command[i] && command[i + 1]; i++)
		if (exec_is_prom_env(command[i]) &&
		    strncmp(command[i + 1], EXEC_PROM_ENV_KEY,
			    strlen(EXEC_PROM_ENV_KEY)) == 0)
			return true;
	return false;
}

void exec_qemu(char **command, const char *hex)
{
	char **argv = command;
	size_t n = 0;
	char *value = NULL;

	if (hex) {
		while (command[n])
			n++;
		argv = calloc(n + 3, sizeof(*argv));
		value = malloc(strlen(EXEC_PROM_ENV_KEY) + strlen(hex) + 1);
		if (!argv || !value) {
			diag("out of memory");
			free(argv);
			free(value);
			return;
		}
		strcpy(value, EXEC_PROM_ENV_KEY);
		strcat(value, hex);
		/* Appended: QEMU options are order-free, and the user's own
		 * arguments keep their positions. */
		memcpy(argv, command, n * sizeof(*argv));
		argv[n] = exec_prom_env_flag;
		argv[n + 1] = value;
		argv[n + 2] = NULL;
	}
	execvp(argv[0], argv);
	diag("cannot run %s: %s", argv[0], strerror(errno));
	if (hex) {
		free(argv);
		free(value);
	}
}
