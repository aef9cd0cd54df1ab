/** A problem with the user's configuration (bad input, nothing to scan, missing bucket): exit 2, the message names the input. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A query engine (Athena, CloudTrail Lake) could not produce the findings: the message names the query id. Exit 2. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
}
