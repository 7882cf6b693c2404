/* SPDX-License-Identifier: MIT */
/* Nodes and properties an OS expects of Open Firmware beyond QEMU's tree:
 * /openprom, /options, /aliases, /packages, /chosen stdin and stdout. */
#include <string.h>

#include "log/log.h"
#include "start/start.h"
#include "tree/instance.h"
#include "tree/tree.h"

static struct of_node *ensure_node(const char *name)
{
	struct of_node *n = of_find_child(of_root(), name);

	if (!n) {
		n = of_node_add(of_root(), name, strlen(name));
		if (n) {
			of_set_string(n, "name", name);
			of_assign_phandle(n);
		}
	}
	return n;
}

struct of_node *of_console_node(void)
{
	struct of_node *chosen = of_find_path("/chosen"), *vdev, *n = NULL;
	const char *path = of_get_string(chosen, "stdout-path");

	if (!path)
		path = of_get_string(chosen, "linux,stdout-path");
	if (path)
		n = of_find_device(path);
	if (n)
		return n;
	/* With a graphics device QEMU names no stdout-path; the firmware has
	 * no display driver, so the hypervisor console serves. */
	vdev = of_find_path("/vdevice");
	of_for_each_child(c, vdev) {
		const char *compat = of_get_string(c, "compatible");

		if ((compat && strcmp(compat, "hvterm1") == 0) || of_is_type(c, "serial"))
			return c;
	}
	return NULL;
}

static void open_console(struct of_node *chosen)
{
	struct of_node *con = of_console_node();
	char path[128];
	ihandle_t in, out;

	if (!con) {
		log_warning("of", "no console (no stdout-path and no vty): clients get no console");
		return;
	}
	of_node_path(con, path, sizeof(path));
	/* Two instances: Linux closes stdin before quiesce and keeps writing
	 * to stdout. */
	out = instance_open(path);
	in = instance_open(path);
	if (!out || !in) {
		log_error("of", "cannot open console %s", path);
		return;
	}
	of_set_u32(chosen, "stdout", out);
	of_set_u32(chosen, "stdin", in);
}

static void add_aliases(struct of_node *aliases)
{
	struct of_node *vdev = of_find_path("/vdevice");
	char path[128];

	if (!vdev)
		return;
	of_for_each_child(c, vdev) {
		const char *type = of_get_string(c, "device_type");

		if (!type)
			continue;
		of_node_path(c, path, sizeof(path));
		if (strcmp(type, "serial") == 0 && !of_has_prop(aliases, "hvterm"))
			of_set_string(aliases, "hvterm", path);
		else if (strcmp(type, "nvram") == 0 && !of_has_prop(aliases, "nvram"))
			of_set_string(aliases, "nvram", path);
		else if (strcmp(type, "network") == 0 && !of_has_prop(aliases, "net"))
			of_set_string(aliases, "net", path);
	}
}

int of_setup_tree(void)
{
	struct of_node *openprom = ensure_node("openprom");
	struct of_node *options = ensure_node("options");
	struct of_node *aliases = ensure_node("aliases");
	struct of_node *packages = ensure_node("packages");
	struct of_node *chosen = ensure_node("chosen");

	if (!openprom || !options || !aliases || !packages || !chosen)
		return -1;
	of_set_string(openprom, "model", OF_FIRMWARE_NAME "," OF_VERSION);
	of_set_string(openprom, "device_type", "BootROM");
	of_set_string(openprom, "firmware-version", OF_VERSION);
	of_set_prop(openprom, "relative-addressing", NULL, 0);
	add_aliases(aliases);
	open_console(chosen);
	return 0;
}
