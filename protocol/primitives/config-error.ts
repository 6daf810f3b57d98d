// A scenario/config value that is out of range. `path` is the scenario parameter path, e.g. "emissions.split.stakers".
export class ConfigError extends Error {
  constructor(readonly path: string, readonly reason: string, readonly allowed?: string) {
    super(`${path}: ${reason}${allowed ? ` (allowed: ${allowed})` : ''}`);
    this.name = 'ConfigError';
  }
}
