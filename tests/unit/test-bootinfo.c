/* SPDX-License-Identifier: MIT */
/* Unit tests for lib/iso9660/bootinfo.c: the boot program and arguments of
 * a CHRP <boot-script>, as grub-mkrescue, yaboot and others write it. */
#include <stdlib.h>
#include <string.h>

#include "iso9660/bootinfo.h"
#include "unit.h"

static struct bootinfo bi;

static const char *parse(const char *text)
{
	const char *why = NULL;

	return bootinfo_parse(text, strlen(text), &bi, &why) == 0 ? "ok" : why;
}

static void test_good(void)
{
	/* grub-mkrescue 2.06 (the icon bitmap shortened) */
	CHECK_STR(parse("<chrp-boot>\n<description>grub 2.06</description>\n"
			"<os-name>grub 2.06</os-name>\n"
			"<boot-script>boot &device;:\\boot\\grub\\powerpc.elf</boot-script>\n"
			"<icon size=64,64 color-space=3,3,2>\n<bitmap>\nFF FF</bitmap>\n</icon>\n"
			"</chrp-boot>\n"), "ok");
	CHECK_STR(bi.path, "\\boot\\grub\\powerpc.elf");
	CHECK_STR(bi.partition, "");
	CHECK_STR(bi.args, "");

	/* yaboot style: partition, arguments, upper-case tags, CRLF */
	CHECK_STR(parse("<CHRP-BOOT>\r\n<BOOT-SCRIPT>\r\n\" screen\" output\r\n"
			"load &device;:1,\\etc\\yaboot.conf\r\n"
			"boot &device;:2,\\ppc\\chrp\\yaboot conf=&device;:1,\\etc\\yaboot.conf  \r\n"
			"</BOOT-SCRIPT>\r\n</CHRP-BOOT>"), "ok");
	CHECK_STR(bi.partition, "2");
	CHECK_STR(bi.path, "\\ppc\\chrp\\yaboot");
	CHECK_STR(bi.args, "conf=&device;:1,\\etc\\yaboot.conf");

	/* forward slashes, no leading separator, &DEVICE; in capitals */
	CHECK_STR(parse("<boot-script>  BOOT   &DEVICE;:boot/grub/core.elf quiet splash\n"
			"</boot-script>"), "ok");
	CHECK_STR(bi.path, "\\boot\\grub\\core.elf");
	CHECK_STR(bi.args, "quiet splash");

	/* "bootx" and "reboot" are not "boot" */
	CHECK_STR(parse("<boot-script>reboot &device;:\\no bootx &device;:\\no\n"
			"boot &device;:\\yes</boot-script>"), "ok");
	CHECK_STR(bi.path, "\\yes");

	/* a NUL ends the text */
	{
		static const char t[] = "<boot-script>boot &device;:\\a</boot-script>\0garbage";
		const char *why;

		CHECK(bootinfo_parse(t, sizeof(t), &bi, &why) == 0);
		CHECK_STR(bi.path, "\\a");
	}
	/* partition digits without a comma are part of the path */
	CHECK_STR(parse("<boot-script>boot &device;:12\\x</boot-script>"), "ok");
	CHECK_STR(bi.path, "\\12\\x");
	CHECK_STR(bi.partition, "");
}

static void test_bad(void)
{
	CHECK_STR(parse(""), "bootinfo.txt has no <boot-script>");
	CHECK_STR(parse("<chrp-boot><boot-script>boot &device;:\\x"),
		  "bootinfo.txt <boot-script> is not closed by </boot-script>");
	CHECK_STR(parse("<boot-script></boot-script><boot-script>boot &device;:\\x</boot-script>"),
		  "bootinfo.txt <boot-script> has no \"boot &device;:\" command");
	CHECK_STR(parse("<boot-script>boot cdrom:\\x</boot-script>"),
		  "bootinfo.txt <boot-script> has no \"boot &device;:\" command");
	CHECK_STR(parse("<boot-script>load &device;:\\x</boot-script>"),
		  "bootinfo.txt <boot-script> has no \"boot &device;:\" command");
	CHECK_STR(parse("<boot-script>boot &device;: \\x</boot-script>"),
		  "bootinfo.txt boot command names no file after &device;:");
	CHECK_STR(parse("<boot-script>boot &device;:1,</boot-script>"),
		  "bootinfo.txt boot command names no file after &device;:");
	CHECK_STR(parse("<boot-script>boot &device;:\\</boot-script>"),
		  "bootinfo.txt boot command names no file after &device;:");
	CHECK_STR(parse("<boot-script>boot &device;:123456789,\\x</boot-script>"),
		  "bootinfo.txt partition number is too long");
	CHECK_STR(parse("<boot-script>boot</boot-script>"),
		  "bootinfo.txt <boot-script> has no \"boot &device;:\" command");
	CHECK_STR(parse("<boot-script>boot &devi</boot-script>"),
		  "bootinfo.txt <boot-script> has no \"boot &device;:\" command");
	{
		char t[700];

		strcpy(t, "<boot-script>boot &device;:\\");
		memset(t + strlen(t), 'p', 300);
		strcpy(t + 28 + 300, "</boot-script>");
		CHECK_STR(parse(t), "bootinfo.txt boot path is longer than 255 bytes");
		strcpy(t, "<boot-script>boot &device;:\\x ");
		memset(t + strlen(t), 'a', 300);
		strcpy(t + 30 + 300, "</boot-script>");
		CHECK_STR(parse(t), "bootinfo.txt boot arguments are longer than 255 bytes");
	}
}

/* Truncations of a good script never read past their length. */
static void test_truncated(void)
{
	static const char good[] = "<boot-script>boot &device;:1,\\boot\\x.elf a b</boot-script>";

	for (size_t n = 0; n < sizeof(good) - 1; n++) {
		char *copy = malloc(n ? n : 1);
		const char *why = NULL;

		memcpy(copy, good, n);
		CHECK(bootinfo_parse(copy, n, &bi, &why) == STATUS_EMALFORMED && why != NULL);
		free(copy);
	}
}

int main(void)
{
	test_good();
	test_bad();
	test_truncated();
	return unit_done("test-bootinfo");
}
