/** How every house check reads a file with the TypeScript compiler. */
import ts from 'typescript';

/**
 * `text` parsed as the file `file` (TSX when it is a .tsx file), with parent links set: checks
 * that report a line or read a node's text need them.
 */
export function parseSource(file: string, text: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}
