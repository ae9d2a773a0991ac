// Sets CSS custom properties through the CSSOM. The CSP (`style-src
// 'self'`) refuses inline style attributes, so nothing in a template may
// write `style="..."`; positions and sizes go through this action instead.
export function cssVars(node: HTMLElement | SVGElement, vars: Record<string, string | number>) {
  const apply = (v: Record<string, string | number>) => {
    for (const [k, value] of Object.entries(v)) node.style.setProperty(`--${k}`, String(value));
  };
  apply(vars);
  return { update: apply };
}
