/** Option help shared by the commands. */
export const FORMAT_HELP = 'text (default: coloured on a terminal, plain when piped), markdown (as the MCP server sends it) or json';
