// Renders a PDF's pages into canvases with pdf.js: the preview shows the very file that will be saved.
import { getDocument, GlobalWorkerOptions } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

GlobalWorkerOptions.workerSrc = workerUrl;

/** Draws every page of `pdf` into `parent` at a width that fits it; returns the page count. */
export async function renderPdfPages(parent: HTMLElement, pdf: ArrayBuffer): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: false }).promise;
  try {
    const canvases: HTMLCanvasElement[] = [];
    const width = Math.max(200, parent.clientWidth - 24);
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: (width / base.width) * (window.devicePixelRatio || 1) });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${width}px`;
      canvas.className = "pdf-page";
      canvas.dataset.testid = "preview-page";
      await page.render({ canvas, viewport }).promise;
      canvases.push(canvas);
    }
    parent.replaceChildren(...canvases);
    return doc.numPages;
  } finally {
    void doc.destroy();
  }
}
