// Which rows of a long table to draw: only those in view plus a margin,
// with spacers above and below so the scroll bar stays true.

export type Window = {
  first: number; // index of the first row drawn
  last: number; // one past the last row drawn
  before: number; // height of the spacer above, px
  after: number; // height of the spacer below, px
};

export function rowWindow(
  total: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan = 8,
): Window {
  if (total <= 0 || rowHeight <= 0) return { first: 0, last: 0, before: 0, after: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.max(0, Math.min(total - 1, Math.floor(top / rowHeight) - overscan));
  const visible = Math.ceil(Math.max(viewport, 0) / rowHeight);
  const last = Math.min(total, Math.floor(top / rowHeight) + visible + overscan);
  return {
    first,
    last: Math.max(last, first + 1),
    before: first * rowHeight,
    after: (total - Math.max(last, first + 1)) * rowHeight,
  };
}

/** The scrollTop that brings row `index` fully into view, or null if it is. */
export function scrollToRow(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  header = 0,
): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport - header) return bottom - viewport + header;
  return null;
}
