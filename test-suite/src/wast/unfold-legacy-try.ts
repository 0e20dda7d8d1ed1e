// The legacy exception-handling suite writes `try` folded:
//   (try $l? blocktype (do instr*) (catch $t instr*)* (catch_all instr*)? )
//   (try $l? blocktype (do instr*) (delegate $l))
// The text parser in jco accepts only the flat form (`try ... catch ... end`), so the runner
// rewrites the folded form into the flat one before assembling. The two denote the same
// instructions, so the module our validator sees is the one the script means.

import type { SExpr, SList } from './sexpr.js';
import { tokenize } from './lexer.js';
import { headOf, itemsOf, readSExprs } from './sexpr.js';

// Cheap test first: most modules have no legacy `try` at all.
const FOLDED_DO = /\(\s*do[\s()]/;

function isFoldedTry(node: SExpr): node is SList {
  return headOf(node) === 'try' && node.kind === 'list' && itemsOf(node).some((item) => headOf(item) === 'do');
}

/**
 * Rewrites every folded legacy `try` in a module text into the flat form; text without one is
 * returned unchanged.
 *
 * @throws {WastSyntaxError} if the text is not well-formed S-expressions.
 */
export function unfoldLegacyTry(text: string): string {
  if (!FOLDED_DO.test(text)) return text;
  const render = (node: SExpr): string => {
    if (node.kind === 'leaf') return node.token.text;
    if (isFoldedTry(node)) return renderFlatTry(node);
    return renderList(node);
  };
  // The list as written, with its items rendered (and any folded `try` inside rewritten).
  const renderList = (node: SList): string => {
    let out = node.open.text;
    let at = node.open.end;
    for (const item of node.items) {
      const start = item.kind === 'list' ? item.open.start : item.token.start;
      const end = item.kind === 'list' ? item.close.end : item.token.end;
      out += text.slice(at, start) + render(item);
      at = end;
    }
    return out + text.slice(at, node.close.end);
  };
  // The items of a `(do ...)`-like clause after its keyword (and, for `catch`, its tag).
  const renderBody = (clause: SList, skip: number): string =>
    itemsOf(clause)
      .slice(skip)
      .map(render)
      .join(' ');
  const renderFlatTry = (node: SList): string => {
    const parts: string[] = ['try'];
    let ending = 'end';
    for (const item of itemsOf(node).slice(1)) {
      if (item.kind !== 'list') {
        // The label `$l`.
        parts.push(render(item));
        continue;
      }
      switch (headOf(item)) {
        case 'do':
          parts.push(renderBody(item, 1));
          break;
        case 'catch': {
          const tag = itemsOf(item)[1];
          parts.push('catch', tag === undefined ? '' : render(tag), renderBody(item, 2));
          break;
        }
        case 'catch_all':
          parts.push('catch_all', renderBody(item, 1));
          break;
        case 'delegate':
          ending = `delegate ${renderBody(item, 1)}`;
          break;
        default:
          // The block type: `(type ...)`, `(param ...)`, `(result ...)`.
          parts.push(render(item));
      }
    }
    parts.push(ending);
    return parts.filter((part) => part !== '').join(' ');
  };
  let out = '';
  let at = 0;
  for (const node of readSExprs(tokenize(text))) {
    const start = node.kind === 'list' ? node.open.start : node.token.start;
    const end = node.kind === 'list' ? node.close.end : node.token.end;
    out += text.slice(at, start) + render(node);
    at = end;
  }
  return out + text.slice(at);
}
