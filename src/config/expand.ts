import { type ConfigError, formatPath } from './path.js';

const VAR = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces ${VAR} and ${VAR:-default} in every string of a parsed YAML tree.
 * Plain $VAR is left alone on purpose. `$${x}` is a literal `${x}` (as
 * label_replace writes a named group), and `${window}` is oncall's own
 * placeholder, never the environment's. A playbook's `run` is shell text and
 * is not touched at all: its variables reach the shell as environment when
 * the step runs, so a value is never pasted into the command, shown or
 * recorded, and an unset one fails that step only.
 */
export function expandEnv(tree: unknown, env: NodeJS.ProcessEnv): { value: unknown; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const walk = (node: unknown, path: PropertyKey[]): unknown => {
    if (typeof node === 'string' && !isRunStep(path)) {
      return node.replace(VAR, (whole, escaped: string, name: string, fallback: string | undefined) => {
        if (escaped) return whole.slice(1);
        if (name === 'window' && fallback === undefined) return whole;
        const v = env[name];
        if (v !== undefined && v !== '') return v;
        if (fallback !== undefined) return fallback;
        if (v === '') return v;
        errors.push({ path: formatPath(path), message: `environment variable ${name} is not set (used as ${whole})` });
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, [...path, i]));
    // fromEntries defines each key: `out[k] =` with k "__proto__" would set the prototype and lose the key.
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, [...path, k])]));
    return node;
  };
  return { value: walk(tree, []), errors };
}

function isRunStep(path: PropertyKey[]): boolean {
  return path.length === 5 && path[0] === 'playbooks' && path[2] === 'steps' && path[4] === 'run';
}
