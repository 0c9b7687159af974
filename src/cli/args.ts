/**
 * Minimal `--flag value` parser for the CLIs: every flag must be known and have a value, so a
 * typo fails with one clear line instead of being ignored.
 */
export class CliError extends Error {}

export function parseFlags(
  argv: readonly string[],
  known: readonly string[],
  /** Flags that take no value (present = 'true'). */
  switches: readonly string[] = [],
): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--'))
      throw new CliError(`unexpected argument '${arg}' (flags look like --paths 1000)`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (switches.includes(name) && eq < 0) {
      flags.set(name, 'true');
      continue;
    }
    if (!known.includes(name)) {
      throw new CliError(
        `unknown flag --${name} (known: ${[...known, ...switches].map((k) => `--${k}`).join(', ')})`,
      );
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--')))
      throw new CliError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/** Parses a whole number flag; the message names the flag. */
export function integerFlag(flags: Map<string, string>, name: string): number | undefined {
  const raw = flags.get(name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value)) {
    throw new CliError(`--${name}: must be a whole number, got '${raw}'`);
  }
  return value;
}
