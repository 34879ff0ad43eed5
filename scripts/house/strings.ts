/**
 * No user-facing words outside the catalogue (locales/en.yml): in the .ts and .tsx files of
 * components/ and entrypoints/, read with the TypeScript compiler, these are findings:
 * - JSX text with a letter in it;
 * - a string with a letter given to a user-facing attribute or prop (USER_ATTRIBUTES), directly
 *   or anywhere inside its expression (`title={busy ? 'Saving' : 'Save'}`);
 * - a string with a letter inside an expression that is a JSX child (`{open ? 'Hide' : 'Show'}`);
 * - a string with a letter as a user-facing property of an object (`{ label: 'Try again' }`,
 *   `{ text: '…' }`) or given to a setter of an alert's or status's text (`setError('…')`).
 * Words made by the catalogue (`i18n.t('key')`) are not literals here: the key is an argument
 * of `t`, never a child or a prop value by itself.
 */
import ts from 'typescript';
import { parseSource } from './source';

/** Attributes and props whose value a person reads or hears. */
export const USER_ATTRIBUTES = new Set([
  'aria-label',
  'aria-valuetext',
  'aria-description',
  'aria-roledescription',
  'title',
  'placeholder',
  'alt',
  'label',
  'hint',
  'note',
  'error',
  'message',
  'lead',
  'text',
  'dismissLabel',
  'emptyText',
]);

/** Object properties that carry words to a label, an alert or a status. */
const USER_PROPERTIES = new Set(['label', 'message', 'text', 'title', 'error', 'hint', 'note']);

/** Setters of the texts that alerts and status regions show. */
const USER_SETTERS =
  /^set(Error|Notice|Message|Status|Note|Text|Outcome|FileNote|ListError|Problem)$/;

const LETTER = /\p{L}/u;

export interface Finding {
  line: number;
  text: string;
}

const EQUALITY = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.InKeyword,
]);

/** A literal compared, switched on or used as an index is a value of the code, not words. */
function isCodeValue(n: ts.Node): boolean {
  const p = n.parent;
  return (
    (ts.isBinaryExpression(p) && EQUALITY.has(p.operatorToken.kind)) ||
    ts.isCaseClause(p) ||
    (ts.isElementAccessExpression(p) && p.argumentExpression === n) ||
    // A token handed to a function (`send('listStores')`, `kindOf(job, 'short')`).
    (ts.isCallExpression(p) &&
      p.expression !== n &&
      /^[a-z][\w.-]*$/.test((n as ts.StringLiteral).text))
  );
}

function stringsIn(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node): void => {
    // The catalogue's own calls: their arguments are keys and values, not words.
    if (ts.isCallExpression(n) && /\bt$/.test(n.expression.getText())) return;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
      if (LETTER.test(n.text) && !isCodeValue(n)) out.push(n);
      return;
    }
    if (ts.isTemplateExpression(n)) {
      const parts = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)];
      if (parts.some((p) => LETTER.test(p))) out.push(n);
    }
    // JSX inside the expression is judged on its own.
    if (ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n) || ts.isJsxFragment(n)) return;
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function attributeName(attr: ts.JsxAttribute): string {
  return attr.name.getText();
}

/** Every user-facing literal of one file. */
export function findLiterals(file: string, text: string): Finding[] {
  const source = parseSource(file, text);
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) found.push(node);
    else if (
      ts.isJsxAttribute(node) &&
      USER_ATTRIBUTES.has(attributeName(node)) &&
      node.initializer
    )
      found.push(...stringsIn(node.initializer));
    else if (ts.isJsxExpression(node) && !ts.isJsxAttribute(node.parent) && node.expression)
      found.push(...stringsIn(node.expression));
    else if (
      ts.isPropertyAssignment(node) &&
      USER_PROPERTIES.has(node.name.getText().replace(/['"]/g, ''))
    )
      found.push(...stringsIn(node.initializer));
    else if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      USER_SETTERS.test(node.expression.text)
    )
      // Its object's words are judged by their property (`{ kind: 'error', text: … }`).
      node.arguments.forEach((a) => {
        if (!ts.isObjectLiteralExpression(a)) found.push(...stringsIn(a));
      });
    ts.forEachChild(node, visit);
  };
  visit(source);
  const seen = new Set<number>();
  return found
    .filter((n) => !seen.has(n.getStart()) && seen.add(n.getStart()))
    .map((n) => ({
      line: source.getLineAndCharacterOfPosition(n.getStart()).line + 1,
      text: n.getText().trim().replace(/\s+/g, ' ').slice(0, 70),
    }))
    .sort((a, b) => a.line - b.line);
}
