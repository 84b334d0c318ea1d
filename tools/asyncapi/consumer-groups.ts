import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { Topics } from '@merchant-pulse/contracts';

/** One `@KafkaBatchConsumer({ groupId, topics })` class of an app: who reads what. */
export interface ConsumerGroupDecl {
  /** The app (folder under apps/). */
  service: string;
  /** Logical consumer group, e.g. `churn-scoring.activity`. */
  groupId: string;
  /** Logical topics it reads. */
  topics: string[];
  /** The consumer class and its doc comment. */
  className: string;
  description?: string;
  /** Source file, relative to the repository root. */
  file: string;
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listSources(path);
      return entry.name.endsWith('.ts') && !/\.(spec|int-spec|fault-spec)\.ts$/.test(entry.name)
        ? [path]
        : [];
    });
}

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

const TOPIC_VALUES = Topics as Record<string, string>;

/** `Topics.MerchantActivity` → `merchant.activity.v1`; a string literal as is. */
function topicOf(expr: ts.Expression, where: string): string {
  if (ts.isStringLiteralLike(expr)) return expr.text;
  if (ts.isPropertyAccessExpression(expr) && expr.expression.getText() === 'Topics') {
    const topic = TOPIC_VALUES[expr.name.text];
    if (topic) return topic;
  }
  throw new Error(`${where}: cannot resolve topic ${expr.getText()} (use Topics.<Name> or a string literal)`);
}

function consumerSpec(
  decorator: ts.Decorator,
  where: string,
): { groupId: string; topics: string[] } | undefined {
  const call = decorator.expression;
  if (!ts.isCallExpression(call) || call.expression.getText() !== 'KafkaBatchConsumer') return undefined;
  const arg = call.arguments[0];
  if (!arg || !ts.isObjectLiteralExpression(arg))
    throw new Error(`${where}: @KafkaBatchConsumer needs an object literal`);
  let groupId: string | undefined;
  let topics: string[] | undefined;
  for (const prop of arg.properties) {
    if (!ts.isPropertyAssignment(prop)) continue;
    const name = prop.name.getText();
    if (name === 'groupId') {
      if (!ts.isStringLiteralLike(prop.initializer))
        throw new Error(`${where}: groupId must be a string literal so the AsyncAPI document can name it`);
      groupId = prop.initializer.text;
    }
    if (name === 'topics' && ts.isArrayLiteralExpression(prop.initializer))
      topics = prop.initializer.elements.map((e) => topicOf(e, where));
  }
  if (!groupId || !topics) throw new Error(`${where}: @KafkaBatchConsumer without groupId or topics array`);
  return { groupId, topics };
}

/**
 * Every Kafka consumer group of the apps, read from the source (`@KafkaBatchConsumer` classes under
 * apps/<service>/src), sorted by group then class. Picks up new consumers without changes here.
 */
export function readConsumerGroups(root: string): ConsumerGroupDecl[] {
  const apps = join(root, 'apps');
  const found: ConsumerGroupDecl[] = [];
  for (const service of readdirSync(apps).sort()) {
    const src = join(apps, service, 'src');
    if (!existsSync(src)) continue;
    for (const file of listSources(src)) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('KafkaBatchConsumer(')) continue;
      const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const rel = relative(root, file);
      const visit = (node: ts.Node): void => {
        if (ts.isClassDeclaration(node) && node.name) {
          for (const decorator of ts.getDecorators(node) ?? []) {
            const spec = consumerSpec(decorator, `${rel} (${node.name.text})`);
            if (spec)
              found.push({
                service,
                ...spec,
                className: node.name.text,
                description: docOf(node),
                file: rel,
              });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return found.sort((a, b) => a.groupId.localeCompare(b.groupId) || a.className.localeCompare(b.className));
}
