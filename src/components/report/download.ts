/** Hands a generated file to the browser as a download (no server: an object URL on a temporary link). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // let the download start before the URL goes away
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
