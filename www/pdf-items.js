// A PDF's text items as the core's geometry module (nianbao::pdf) reads them, from a pdf.js
// document. Shared by the page (www/pdf.js) and the tests (scripts/pdf-items.mjs dumps the same
// items as JSON for the Rust tests), so that the page and the command line are compared on
// exactly what pdf.js gives.
//
//   items: { strings: [str, …], nums: Float64Array [x, y, width, height, page, …] }
//   pages: Float64Array [width, height, …] (PDF points, each page's view box)
//
//   paths: Float64Array [page, x0, y0, x1, y1, width, …]: each straight segment of a stroked
//          path, and each filled rectangle (width -1): the rules of a table's grid
//          (nianbao::pdf::Path::from_nums)
//
// x, y: the item's origin (left end of its baseline) in the page's user space with the origin
// at the view box's bottom left (y up, as PDF has it); height: the font size; page: 1-based.

// pdf.js's legacy build still calls Promise.withResolvers (Chromium 119+, Firefox 121+,
// Safari 17.4+): older engines — the Chromium 86–112 kernels of 360 and 奇安信 browsers — get it
// here, before pdf.js is imported.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new this((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };
}

/**
 * The text items of every page of `doc` (a pdf.js PDFDocumentProxy), and the paths drawn on the
 * pages `tablePages(items)` names (all when it is not given): the page asks the core
 * (`pdf_table_pages`) which pages hold a line of figures, so that only their drawing is read
 * (pdf.js builds a page's whole operator list, fonts for painting included). `OPS` is pdf.js's
 * table of operator codes.
 */
export async function readItems(doc, OPS, tablePages = null) {
  const strings = [];
  const nums = [];
  const pages = [];
  const paths = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [x0, y0, x1, y1] = page.view;
    pages.push(x1 - x0, y1 - y0);
    const content = await page.getTextContent({ disableNormalization: true });
    for (const it of content.items) {
      if (typeof it.str !== 'string' || it.str === '') continue;
      const [a, b, , , e, f] = it.transform;
      if (Math.abs(b) > Math.abs(a) * 0.1) continue; // rotated or vertical text: not a table's
      const size = it.height || Math.hypot(a, b);
      nums.push(e - x0, f - y0, it.width, size, p);
      strings.push(it.str);
    }
    page.cleanup();
  }
  const out = { strings, nums: Float64Array.from(nums), pages: Float64Array.from(pages) };
  const drawn = tablePages ? Array.from(tablePages(out)) : Array.from({ length: doc.numPages }, (_, i) => i + 1);
  for (const p of drawn) {
    const page = await doc.getPage(p);
    const [x0, y0] = page.view;
    readPaths(await page.getOperatorList(), OPS, p, x0, y0, paths);
    page.cleanup();
  }
  out.paths = Float64Array.from(paths);
  return out;
}

/** More straight pieces than the core's bound on a page (nianbao::pdf grid.rs `MAX_PIECES`,
 * 20,000) is a drawing, not a table: the core leaves such a page's rules alone, so one piece
 * past the bound is all it needs to be handed. */
const MAX_PIECES = 20_001;

/** pdf.js's path drawing codes (DrawOPS) in constructPath's data. */
const MOVE = 0, LINE = 1, CURVE = 2, QUAD = 3, CLOSE = 4;

/**
 * The straight pieces a page draws (see `paths` above), from its operator list: the current
 * transformation followed through save/restore, cm and form XObjects.
 */
function readPaths({ fnArray, argsArray }, OPS, page, ox, oy, out) {
  const stroked = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const filled = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const mul = (m, n) => [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
  let ctm = [1, 0, 0, 1, 0, 0];
  let lineWidth = 1;
  const stack = [];
  let pieces = 0;
  const put = (a, b, width) => {
    if (pieces++ < MAX_PIECES) out.push(page, a[0] - ox, a[1] - oy, b[0] - ox, b[1] - oy, width);
  };
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) {
      stack.push([ctm, lineWidth]);
      if (fn === OPS.paintFormXObjectBegin && Array.isArray(args?.[0])) ctm = mul(ctm, args[0]);
    } else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) {
      if (stack.length) [ctm, lineWidth] = stack.pop();
    } else if (fn === OPS.transform) {
      ctm = mul(ctm, args);
    } else if (fn === OPS.setLineWidth) {
      lineWidth = args[0];
    } else if (fn === OPS.constructPath) {
      const [op, [data] = []] = args;
      const stroke = stroked.has(op);
      const fill = filled.has(op);
      if ((stroke || fill) && data) walkPath(data, ctm, stroke, fill, lineWidth * Math.sqrt(Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2])), put);
    }
  }
}

/** One constructPath's data: stroked segments, and filled subpaths that are rectangles. */
function walkPath(data, m, stroke, fill, width, put) {
  const at = (x, y) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  let start = null;
  let cur = null;
  let corners = [];
  const box = () => {
    const r = rectangle(corners);
    if (fill && r) put(r[0], r[1], -1);
    corners = [];
  };
  for (let k = 0; k < data.length; ) {
    switch (data[k]) {
      case MOVE:
        box();
        start = cur = at(data[k + 1], data[k + 2]);
        corners = [cur];
        k += 3;
        break;
      case LINE: {
        const to = at(data[k + 1], data[k + 2]);
        if (stroke && cur) put(cur, to, width);
        corners.push(to);
        cur = to;
        k += 3;
        break;
      }
      case CURVE:
        cur = at(data[k + 5], data[k + 6]);
        corners = [];
        k += 7;
        break;
      case QUAD:
        cur = at(data[k + 3], data[k + 4]);
        corners = [];
        k += 5;
        break;
      case CLOSE:
        if (stroke && cur && start) put(cur, start, width);
        box();
        cur = start;
        k += 1;
        break;
      default:
        return; // an unknown code: the rest cannot be read
    }
  }
  box();
}

/** Two opposite corners of the axis-aligned rectangle four points (the first perhaps repeated
 * at the end) draw, or null. */
function rectangle(p) {
  const near = (a, b) => Math.abs(a - b) < 0.01;
  if (p.length === 5 && near(p[0][0], p[4][0]) && near(p[0][1], p[4][1])) p = p.slice(0, 4);
  if (p.length !== 4) return null;
  const xs = p.map((q) => q[0]);
  const ys = p.map((q) => q[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return p.every(([x, y]) => (near(x, x0) || near(x, x1)) && (near(y, y0) || near(y, y1))) ? [[x0, y0], [x1, y1]] : null;
}

/**
 * Why pdf.js could not open or read a PDF, as the core's problem code (nianbao::pdf::Problem):
 * a user password → pdf_encrypted; anything else (not a PDF, truncated, corrupted) → pdf_damaged.
 */
export function problemOf(err) {
  return err?.name === 'PasswordException' ? 'pdf_encrypted' : 'pdf_damaged';
}

/** The same items as plain JSON (the tests' fixture shape). */
export function itemsJson({ strings, nums, pages, paths }) {
  const round = (v) => Math.round(v * 100) / 100;
  const items = strings.map((s, i) => [s, ...Array.from(nums.subarray(i * 5, i * 5 + 5), round)]);
  const drawn = [];
  for (let i = 0; i + 6 <= paths.length; i += 6) drawn.push(Array.from(paths.subarray(i, i + 6), round));
  return { pages: Array.from(pages, round), items, paths: drawn };
}
