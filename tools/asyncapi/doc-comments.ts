import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The `/** *\/` docs of one contract class: its own description, its fields', and its base class. */
export interface ClassDocs {
  description?: string;
  properties: Record<string, string>;
  extends?: string;
}

/** `/** *\/` docs of every class in a source tree, by class name. */
export type DocComments = Record<string, ClassDocs>;

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listSources(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
    });
}

/** The doc text of a node, with `{@link X}` reduced to `X` and whitespace collapsed. */
function docOf(node: ts.Node): string | undefined {
  const text = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join(' ')
    .replace(/\{@link\s+([^}\s|]+)[^}]*\}/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text || undefined;
}

function classDocs(node: ts.ClassDeclaration): ClassDocs {
  const properties: Record<string, string> = {};
  for (const member of node.members) {
    if (!ts.isPropertyDeclaration(member) || !ts.isIdentifier(member.name)) continue;
    const doc = docOf(member);
    if (doc) properties[member.name.text] = doc;
  }
  const base = node.heritageClauses
    ?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)
    ?.types[0]?.expression.getText();
  return { description: docOf(node), properties, ...(base ? { extends: base } : {}) };
}

/**
 * Reads the `/** *\/` docs of every exported class under `dir` with the TypeScript parser, so the
 * AsyncAPI document carries the same field descriptions the contract source does.
 */
export function readDocComments(dir: string): DocComments {
  const docs: DocComments = {};
  for (const file of listSources(dir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    source.forEachChild((node) => {
      if (ts.isClassDeclaration(node) && node.name) docs[node.name.text] = classDocs(node);
    });
  }
  return docs;
}

/** The doc of `property` on `className` or the nearest base class that documents it. */
export function propertyDoc(docs: DocComments, className: string, property: string): string | undefined {
  for (let name: string | undefined = className; name; name = docs[name]?.extends) {
    const doc = docs[name]?.properties[property];
    if (doc) return doc;
  }
  return undefined;
}
