// Placing a core document's contents in the window. Which headings a
// document has, their levels and how deep its contents go are the core's
// (`Document::heading_levels`, `contents_depth`); this only links them.
import type { DocumentPreview } from "./bindings/DocumentPreview";

/** The id of the heading that is block `index`, which the contents link to. */
export function anchorOf(index: number): string {
  return `document-block-${index}`;
}

/** One entry of the contents: a heading (its block, its text) and the
 *  entries under it. */
export type ContentsEntry = { block: number; text: string; children: ContentsEntry[] };

/** The contents of `preview`: its headings down to the document's
 *  `contents_depth`, nested by the level each is set at; empty when the
 *  document has no contents. */
export function contentsOf(preview: DocumentPreview): ContentsEntry[] {
  const doc = preview.document;
  if (!doc.contents) return [];
  const top: ContentsEntry[] = [];
  // The open entry at each level (1 to 3), to nest the next one under.
  const open: ContentsEntry[][] = [top];
  doc.blocks.forEach((block, i) => {
    const level = preview.heading_levels[i];
    if (block.kind !== "heading" || level === null || level > doc.contents_depth) return;
    const entry: ContentsEntry = { block: i, text: block.content.text, children: [] };
    const parent = open[level - 1] ?? open[open.length - 1];
    parent.push(entry);
    open.length = level;
    open[level] = entry.children;
  });
  return top;
}
