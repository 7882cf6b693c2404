#!/bin/bash
# SPDX-License-Identifier: MIT
# Proves the README's two commands on a fresh Debian 12 machine: debootstraps
# a minbase bookworm root, installs make (what the README asks for; and sudo
# for a user other than root), clones this repository's current branch into
# it, and runs `make run` then `make check` in a chroot, with one timed line
# per step.
# A developer tool (needs root, network and about 6 GB); not part of make check.
#
#   scripts/prove-fresh-debian.sh [ROOT]   (default /var/tmp/ofpseries-fresh)
#
# ROOT must lie outside the source tree (the Makefile searches build/ for *.d
# files and would walk the chroot's /proc). It is deleted first if it exists.
#
# Environment:
#   FRESH_MIRROR   Debian mirror for debootstrap (default: the machine's own,
#                  from /etc/apt/sources.list.d/debian.sources or sources.list)
#   FRESH_CACHE    tarball of the freshly debootstrapped root: made on the
#                  first run, unpacked instead of debootstrap afterwards
#                  (default ROOT.tar; empty: always debootstrap)
#   FRESH_USER=NAME  run the two commands as NAME, a user of group sudo
#                  (passwordless, as the run is unattended), instead of root;
#                  sudo is then installed along with make
#   FRESH_KEEP=1   keep ROOT after a successful proof (kept on failure anyway)
#   FRESH_RUN_TIMEOUT / FRESH_CHECK_TIMEOUT  seconds (default 1800 / 7200)
set -euo pipefail

step() { printf 'fresh: %s\n' "$*"; }
die() { printf 'fresh: ERROR: %s\n' "$*" >&2; exit 1; }
dur() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot)"
top=$(cd "$(dirname "$0")/.." && pwd)
root=$(realpath -m "${1:-/var/tmp/ofpseries-fresh}")
case "$root/" in
	/ | "$top"/*) die "ROOT $root must lie outside the source tree $top" ;;
esac
cache=${FRESH_CACHE-$root.tar}
for t in debootstrap git findmnt chroot timeout; do
	command -v "$t" >/dev/null || die "$t missing (apt-get install debootstrap git util-linux coreutils)"
done

# ---- what to prove: the current branch, as committed ----------------------
branch=$(git -C "$top" symbolic-ref -q --short HEAD) || die "HEAD is detached: check out a branch"
commit=$(git -C "$top" rev-parse HEAD)
[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
	step "WARNING: uncommitted changes in $top are not part of the proof"

# ---- the machine's Debian mirror ------------------------------------------
host_mirror() {
	local f=/etc/apt/sources.list.d/debian.sources
	if [ -r "$f" ]; then   # deb822: the URIs of the stanza whose Suites has "bookworm"
		awk 'BEGIN { RS = "" } {
			u = ""; s = 0; n = split($0, l, "\n")
			for (i = 1; i <= n; i++) {
				if (l[i] ~ /^URIs:/) { split(l[i], w, /[ \t]+/); u = w[2] }
				if (l[i] ~ /^Suites:/ && (l[i] " ") ~ /[ \t]bookworm[ \t]/) s = 1
			}
			if (u != "" && s) { print u; exit }
		}' "$f"
	elif [ -r /etc/apt/sources.list ]; then
		awk '$1 == "deb" { for (i = 2; i < NF; i++)
			if ($i ~ /^[a-z]+:\/\// && $(i + 1) == "bookworm") { print $i; exit } }' /etc/apt/sources.list
	fi
}
mirror=${FRESH_MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}

# ---- mounts and the running make: undone on every exit ----------------------
mounted() { findmnt -rn -o TARGET | awk -v r="$root" '$0 == r || index($0, r "/") == 1'; }
unmount_all() {
	[ -n "$(mounted)" ] || return 0
	umount -R "$root/dev/pts" "$root/dev" "$root/sys" "$root/proc" 2>/dev/null || true
	if [ -n "$(mounted)" ]; then   # still busy: detach (the tree is then safe to remove)
		step "WARNING: busy mounts under $root, detaching them lazily"
		mounted | sort -r | xargs -r -d '\n' umount -l || true
	fi
	[ -z "$(mounted)" ] || { step "ERROR: still mounted under $root:"; mounted; return 1; }
}
in_chroot() {   # the processes running in the root (all started by us)
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && echo "${p#/proc/}"
	done
	return 0
}
job=
cleanup() {
	local rc=$? i
	if [ -n "$job" ]; then   # timeout passes the signal on to the make below it
		kill -TERM "$job" 2>/dev/null || true
		wait "$job" 2>/dev/null || true
		for i in $(seq 20); do
			[ -n "$(in_chroot)" ] || break
			[ "$i" -eq 10 ] && { in_chroot | xargs -r kill -KILL 2>/dev/null || true; }
			sleep 1
		done
	fi
	unmount_all || rc=1
	exit "$rc"
}
trap cleanup EXIT
trap 'step "interrupted"; exit 130' INT TERM

# ---- 1. a fresh root --------------------------------------------------------
[ -z "$(mounted)" ] || die "something is mounted under $root: unmount it first"
if [ -e "$root" ]; then
	step "removing the previous root $root"
	rm -rf --one-file-system "$root"
fi
mkdir -p "$root"
t0=$SECONDS
if [ -n "$cache" ] && [ -f "$cache" ]; then
	tar -C "$root" -xf "$cache"
	step "root: unpacked $cache ($(dur $((SECONDS - t0))))"
else
	debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 ||
		die "debootstrap failed, see $root.debootstrap.log"
	step "root: debootstrap --variant=minbase bookworm $mirror ($(dur $((SECONDS - t0))))"
	if [ -n "$cache" ]; then
		tar -C "$root" -cf "$cache.new" . && mv "$cache.new" "$cache"
		step "root: cached as $cache"
	fi
fi

# The machine's network settings: DNS, its host name (sudo resolves it), and
# apt's Acquire:: settings that differ from apt's defaults (a proxy, a
# snapshot mirror's validity checks).
cp -L /etc/resolv.conf /etc/hosts "$root/etc/"
mkdir -p "$root/tmp/apt-defaults-parts"
printf 'Dir::Etc::parts "/tmp/apt-defaults-parts";\nDir::Etc::main "/dev/null";\n' > "$root/tmp/apt-defaults.conf"
acq=$(comm -13 <(APT_CONFIG=$root/tmp/apt-defaults.conf apt-config dump 2>/dev/null | grep -E '^Acquire::' | LC_ALL=C sort) \
	<(apt-config dump 2>/dev/null | grep -E '^Acquire::' | LC_ALL=C sort) |
	grep -v '^Acquire::IndexTargets::' || true)
rm -rf "$root/tmp/apt-defaults-parts" "$root/tmp/apt-defaults.conf"
if [ -n "$acq" ]; then
	printf '// the host'\''s Acquire:: settings (scripts/prove-fresh-debian.sh)\n%s\n' "$acq" \
		> "$root/etc/apt/apt.conf.d/99host-acquire"
	step "root: host apt settings: $(echo "$acq" | sed 's/ .*//' | paste -sd' ')"
fi

mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"

# ---- 2. as a user would: make, a clone, the README's two commands -----------
user=${FRESH_USER:-root}
[[ "$user" =~ ^[a-z][a-z0-9-]*$ ]] || die "FRESH_USER=$user: not a user name"
home=/root; [ "$user" = root ] || home=/home/$user
# (the environment of a login, nothing of ours)
login() {   # USER HOME
	[ "$1" = root ] || printf '%s\n' /usr/sbin/runuser -u "$1" --
	printf '%s\n' /usr/bin/env -i HOME="$2" USER="$1" LOGNAME="$1" SHELL=/bin/bash \
		TERM="${TERM:-dumb}" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
}
in_root() {   # TIMEOUT LOG COMMAND [USER HOME]: run COMMAND in the root; its exit status
	local as
	mapfile -t as < <(login "${4:-root}" "${5:-/root}")
	timeout -k 30 "$1" chroot "$root" "${as[@]}" /bin/bash -c "$3" < /dev/null > "$2" 2>&1 &
	job=$!
	local rc=0
	wait "$job" || rc=$?
	job=
	return "$rc"
}

pkgs="make"; [ "$user" = root ] || pkgs="make sudo"
t0=$SECONDS
in_root 600 "$root.make.log" "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs" ||
	{ cat "$root.make.log" >&2; die "apt-get install $pkgs failed"; }
step "root: apt-get install $pkgs ($(dur $((SECONDS - t0))))"
if [ "$user" != root ]; then
	in_root 60 "$root.user.log" "useradd -m -s /bin/bash -G sudo $user &&
		echo '$user ALL=(ALL) NOPASSWD: ALL' > /etc/sudoers.d/$user && chmod 440 /etc/sudoers.d/$user" ||
		{ cat "$root.user.log" >&2; die "cannot create the user $user"; }
	step "root: user $user, group sudo, passwordless sudo"
fi

src=$home/ofpseries
git clone -q --branch "$branch" "$top" "$root$src"
[ "$(git -C "$root$src" rev-parse HEAD)" = "$commit" ] || die "the clone's $branch is not $commit"
[ "$user" = root ] || chroot "$root" chown -R "$user:$user" "$src"
step "root: cloned $branch ($(git -C "$top" log -1 --format='%h %s' "$commit")) into $src"

result=0
for cmd in run check; do
	log=$root.make-$cmd.log
	tmo=${FRESH_RUN_TIMEOUT:-1800}; [ "$cmd" = check ] && tmo=${FRESH_CHECK_TIMEOUT:-7200}
	step "make $cmd: started $(date -u +%H:%M:%S) UTC as $user, log $log"
	t0=$SECONDS
	rc=0
	in_root "$tmo" "$log" "cd $src && make $cmd" "$user" "$home" || rc=$?
	took=$(dur $((SECONDS - t0)))
	if [ "$rc" -eq 0 ]; then
		step "make $cmd: ok ($took)"
	else
		result=1
		step "make $cmd: FAILED, exit $rc$([ "$rc" -eq 124 ] && echo ' (timeout)') ($took); last lines of $log:"
		tail -n 15 "$log" | sed 's/^/    /'
	fi
done
step "make check: summary: $(grep -E '^check: [0-9]+ passed' "$root.make-check.log" | tail -n1 || echo none)"

unmount_all
if [ "$result" -ne 0 ]; then
	die "the README's commands failed on a fresh Debian 12 root (kept in $root)"
elif [ "${FRESH_KEEP:-0}" = 1 ]; then
	step "PASS: make run and make check on a fresh Debian 12 root (kept in $root)"
else
	rm -rf --one-file-system "$root"
	step "PASS: make run and make check on a fresh Debian 12 root (root removed; logs $root.*.log)"
fi
