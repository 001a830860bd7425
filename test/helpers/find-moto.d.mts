/** The command (argv) that starts moto: MOTO_SERVER_CMD, the moto_server shim, or `python3 -m moto.server`. */
export function findMotoCommand(): string[] | undefined;
