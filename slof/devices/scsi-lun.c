/* SPDX-License-Identifier: MIT */
/* SCSI logical units as block devices (see scsi-lun.h for the policy). */
#include "devices/scsi-lun.h"
#include "log/log.h"
#include "tree/tree.h"

#define CDROM_BLOCK_SIZE	2048	/* MMC: before READ CAPACITY answers */
#define DISK_BLOCK_SIZE		512
#define PATH_LEN		160

static void sync_geometry(struct scsi_lun *l)
{
	const struct scsi_disk *d = l->disk;

	l->bd.block_size = d->block_size ? d->block_size :
			   d->inq.type == SCSI_TYPE_CDROM ? CDROM_BLOCK_SIZE : DISK_BLOCK_SIZE;
	l->bd.num_blocks = d->no_medium ? 0 : d->num_blocks;
}

static int lun_read(struct block_dev *dev, uint64_t lba, uint32_t count, void *buf)
{
	struct scsi_lun *l = dev->priv;
	char path[PATH_LEN];
	int rc = scsi_disk_read(l->disk, lba, count, buf);

	sync_geometry(l);
	if (rc == 0)
		return 0;
	of_node_path(dev->node, path, sizeof(path));
	/* Only a command that went out can have lost its answer. (QEMU 7.2's
	 * spapr-vscsi under heavy host load was seen to drop one, printing
	 * "vscsi_send_iu: Error sending response".) */
	if (!l->disk->no_medium && lba <= l->bd.num_blocks && count <= l->bd.num_blocks - lba) {
		fw_printf("%s: %s: %s; retrying once\n", l->log_prefix, path, l->disk->err.text);
		rc = scsi_disk_read(l->disk, lba, count, buf);
		sync_geometry(l);
		if (rc == 0) {
			fw_printf("%s: %s: the retry succeeded\n", l->log_prefix, path);
			return 0;
		}
	}
	fw_printf("%s: %s: read of %u blocks at %llu failed: %s\n", l->log_prefix, path, count,
		 (unsigned long long)lba, l->disk->err.text);
	return -1;
}

static const struct block_dev_ops lun_ops = { .read = lun_read };

int scsi_lun_register(struct scsi_lun *l, struct of_node *node, struct scsi_disk *disk,
		      const char *log_prefix)
{
	l->disk = disk;
	l->log_prefix = log_prefix;
	l->bd.ops = &lun_ops;
	l->bd.priv = l;
	l->bd.removable = disk->inq.removable;
	l->bd.is_cdrom = disk->inq.type == SCSI_TYPE_CDROM;
	sync_geometry(l);
	return block_register(node, &l->bd);
}
