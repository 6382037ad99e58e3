/** ['slos', 2, 'warning'] -> "slos[2].warning", the way a person finds it in YAML. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

export interface ConfigError {
  path: string;
  message: string;
}

export function describe(errors: ConfigError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
