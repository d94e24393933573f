// A PDF's text items as the core's geometry module (nianbao::pdf) reads them, from a pdf.js
// document. Shared by the page (www/pdf.js) and the tests (scripts/pdf-items.mjs dumps the same
// items as JSON for the Rust tests), so that the page and the command line are compared on
// exactly what pdf.js gives.
//
//   items: { strings: [str, …], nums: Float64Array [x, y, width, height, page, …] }
//   pages: Float64Array [width, height, …] (PDF points, each page's view box)
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

/** The text items of every page of `doc` (a pdf.js PDFDocumentProxy). */
export async function readItems(doc) {
  const strings = [];
  const nums = [];
  const pages = [];
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
  return { strings, nums: Float64Array.from(nums), pages: Float64Array.from(pages) };
}

/**
 * Why pdf.js could not open or read a PDF, as the core's problem code (nianbao::pdf::Problem):
 * a user password → pdf_encrypted; anything else (not a PDF, truncated, corrupted) → pdf_damaged.
 */
export function problemOf(err) {
  return err?.name === 'PasswordException' ? 'pdf_encrypted' : 'pdf_damaged';
}

/** The same items as plain JSON (the tests' fixture shape). */
export function itemsJson({ strings, nums, pages }) {
  const items = strings.map((s, i) => [s, ...Array.from(nums.subarray(i * 5, i * 5 + 5), (v) => Math.round(v * 100) / 100)]);
  return { pages: Array.from(pages, (v) => Math.round(v * 100) / 100), items };
}
