/** Secrets never reach a log, an error or a file: every known secret value is replaced by ***. */
export type Redactor = (text: string) => string;

export function createRedactor(secrets: readonly string[]): Redactor {
  const values = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const forms = values.flatMap((value) => [value, encodeURIComponent(value)]);
  const pattern = new RegExp([...new Set(forms)].map(escape).join('|'), 'g');
  return (text) => text.replace(pattern, '***');
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A redactor over secrets that may grow (tokens fetched mid-export): rebuilt when they do. */
export function liveRedactor(secrets: () => readonly string[]): Redactor {
  let size = -1;
  let current: Redactor = (text) => text;
  return (text) => {
    const values = secrets();
    if (values.length !== size) {
      size = values.length;
      current = createRedactor(values);
    }
    return current(text);
  };
}
