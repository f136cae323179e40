/* dict_more.h - `dyad dict coverage` and `dyad dict unknown`
 * (cmd_dict_more.c), dispatched by cmd_dict.c. */
#ifndef DYAD_CLI_DICT_MORE_H
#define DYAD_CLI_DICT_MORE_H
int dict_coverage(int argc, char **argv);
int dict_unknown(int argc, char **argv);
#endif
