/** Hand a file to the browser's download, as a link click would. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after the click returns; free it a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "reyes-reptiles-animals-2026-03-14.csv": the vivarium and the day, as the API names it. */
export function exportFilename(vivariumSlug: string, extension: string, today = new Date()): string {
  const slug = vivariumSlug.trim() || "vivarium";
  const day = [
    today.getFullYear(),
    String(today.getMonth() + 1).padStart(2, "0"),
    String(today.getDate()).padStart(2, "0"),
  ].join("-");
  return `${slug}-animals-${day}.${extension}`;
}
