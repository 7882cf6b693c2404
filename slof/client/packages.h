/* SPDX-License-Identifier: MIT */
/* The support packages and node methods the core provides (/, /rtas,
 * the console, /packages). */
#ifndef SLOF_CLIENT_PACKAGES_H
#define SLOF_CLIENT_PACKAGES_H

/* Registers the instance operations of every package. */
void of_packages_register(void);

#endif
