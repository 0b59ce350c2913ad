/**
 * A total read from a response header: a plain count (`X-Total-Count: 2500`) or the complete
 * length of an RFC 9110 Content-Range (`items 0-99/2500`, `0-99/2500`; `*` means unknown).
 */
export function headerTotal(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const range = /^(?:[A-Za-z][\w-]*\s+)?(?:\d+-\d+|\*)\/(\d+)$/.exec(text);
  return range ? Number(range[1]) : undefined;
}
