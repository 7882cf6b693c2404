/* SPDX-License-Identifier: MIT */
/* NVRAM configuration variables, mirrored in /options. */
#ifndef SLOF_TREE_OPTIONS_H
#define SLOF_TREE_OPTIONS_H

/* Reads NVRAM variables into /options (after defaults). */
void of_options_load(void);
/* The value of an option, or NULL. */
const char *of_option(const char *name);
/* Whether an option is "true". */
int of_option_true(const char *name);

#endif
