// Saves a file made in the page (a CSV, a chart's PNG) through a download link, as a link click
// would: both the desktop window and a browser save it as a file.
export function downloadFile(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Released a while later, not at once: a browser may still be reading the Blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
