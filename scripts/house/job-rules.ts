/**
 * The job rules of docs/ARCHITECTURE.md: a job kind is told apart by its name only in its own
 * definition (utils/jobs/kinds/), and a job's status is assigned only by its owner (status.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parseSource } from './source';

/** Where a job kind may be told apart by its name: its own definition, and the list of kinds. */
const KINDS_ROOM = 'utils/jobs/kinds/';
/** The one owner of a job's status (utils/jobs/status.ts: transition). */
const STATUS_OWNER = 'utils/jobs/status.ts';
/** What goes with a status: assigned only with it, by its owner. */
const STATUS_FIELDS = ['status', 'finishedAt', 'stoppedAt'];
/**
 * Files that branch on a `kind` named like a job kind without it being one: a form's plan
 * before any job exists, whose shapes are the API work to estimate ('create' covers import and
 * pattern), in the codes room, which cannot ask the jobs' definitions.
 */
const NOT_JOB_KINDS = ['utils/codes/job-estimate.ts'];

/** The job kinds' names, as their definitions give them (`defineJobKind({ kind: '…'`, type arguments or not). */
export function jobKindNames(root: string): string[] {
  const dir = join(root, KINDS_ROOM);
  if (!existsSync(dir)) return [];
  const names: string[] = [];
  for (const name of readdirSync(dir))
    for (const m of readFileSync(join(dir, name), 'utf8').matchAll(
      /defineJobKind(?:<[^>]*>)?\(\{\s*kind:\s*'([^']+)'/g,
    ))
      names.push(m[1]!);
  return names;
}

/** Whether an expression names a kind: `kind`, or `….kind`. */
const isKindName = (e: ts.Expression): boolean =>
  (ts.isIdentifier(e) && e.text === 'kind') ||
  (ts.isPropertyAccessExpression(e) && e.name.text === 'kind');

/**
 * The job rules of docs/ARCHITECTURE.md a file breaks: it branches on a job kind by its name
 * (`x.kind === 'purge'`, `case 'purge':` in a switch on a kind) outside the kinds' folder, or
 * assigns a job's status, or what goes with it, anywhere but in its one owner.
 */
export function jobRuleBreaks(file: string, text: string, kinds: readonly string[]): string[] {
  const out: string[] = [];
  const source = parseSource(file, text);
  const checkKinds = !file.startsWith(KINDS_ROOM) && !NOT_JOB_KINDS.includes(file);
  const checkStatus = file !== STATUS_OWNER;
  const at = (node: ts.Node) =>
    `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const isJobKind = (e: ts.Expression) => ts.isStringLiteralLike(e) && kinds.includes(e.text);
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (
        checkKinds &&
        (op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
          op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
          op === ts.SyntaxKind.EqualsEqualsToken ||
          op === ts.SyntaxKind.ExclamationEqualsToken) &&
        ((isKindName(node.left) && isJobKind(node.right)) ||
          (isKindName(node.right) && isJobKind(node.left)))
      )
        out.push(`${at(node)} branches on a job kind by its name (ask its definition instead)`);
      if (
        checkStatus &&
        op === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.expression.kind !== ts.SyntaxKind.ThisKeyword &&
        STATUS_FIELDS.includes(node.left.name.text)
      )
        out.push(
          `${at(node)} assigns ${node.left.name.text}, which only ${STATUS_OWNER} may (transition)`,
        );
    }
    if (checkKinds && ts.isSwitchStatement(node) && isKindName(node.expression))
      for (const clause of node.caseBlock.clauses)
        if (ts.isCaseClause(clause) && isJobKind(clause.expression))
          out.push(`${at(clause)} branches on a job kind by its name (ask its definition instead)`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
