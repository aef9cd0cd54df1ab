/** A problem with the user's configuration (bad input, nothing to scan, missing bucket): exit 2, the message names the input. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
