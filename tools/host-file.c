/* SPDX-License-Identifier: MIT */
/* Host files under --root: every /proc, /sys and /dev path the detection
 * reads goes through here, which is how the tests give the tool a host. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "qemu-compat-caps.h"

int host_file_path(const char *root, const char *host_path, char *buf,
		   size_t buflen)
{
	size_t rlen = root ? strlen(root) : 0;
	int n;

	/* "DIR/" and "DIR" name the same root; "/" is the real host. */
	while (rlen > 0 && root[rlen - 1] == '/')
		rlen--;
	n = snprintf(buf, buflen, "%.*s%s", (int)rlen, rlen ? root : "",
		     host_path);
	if (n < 0 || (size_t)n >= buflen) {
		diag("path too long: %.*s%s", (int)rlen, rlen ? root : "",
		     host_path);
		return -1;
	}
	return 0;
}

long host_file_read(const char *path, void *buf, size_t cap)
{
	size_t got = 0;
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* /proc and /sys files come in pieces: read until EOF or full. */
	while (got < cap) {
		ssize_t n = read(fd, (char *)buf + got, cap - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	return (long)got;
}
