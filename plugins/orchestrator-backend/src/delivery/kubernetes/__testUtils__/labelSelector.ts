/** Kubernetes label selectors (equality- and set-based), as the API server evaluates them for LIST. */

type Labels = Record<string, string | undefined>;
type Requirement = (labels: Labels) => boolean;

function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  terms.push(current);
  return terms.map(t => t.trim()).filter(Boolean);
}

function parseTerm(term: string): Requirement {
  let match = /^!\s*([\w./-]+)$/.exec(term);
  if (match) {
    const key = match[1];
    return labels => labels[key] === undefined;
  }
  match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (match) {
    const [, key, operator, list] = match;
    const values = new Set(list.split(',').map(v => v.trim()));
    return operator === 'in'
      ? labels => labels[key] !== undefined && values.has(labels[key]!)
      : labels => labels[key] === undefined || !values.has(labels[key]!);
  }
  match = /^([\w./-]+)\s*(==|=|!=)\s*([\w.-]*)$/.exec(term);
  if (match) {
    const [, key, operator, value] = match;
    return operator === '!='
      ? labels => labels[key] !== value
      : labels => labels[key] === value;
  }
  match = /^([\w./-]+)$/.exec(term);
  if (match) {
    const key = match[1];
    return labels => labels[key] !== undefined;
  }
  throw new Error(`unable to parse requirement: "${term}"`);
}

/** A predicate over labels; throws on a selector the API server would refuse. */
export function parseLabelSelector(selector: string): Requirement {
  const requirements = splitTerms(selector).map(parseTerm);
  return labels => requirements.every(r => r(labels));
}
