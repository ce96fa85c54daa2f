/** Hands a generated file to the browser as a download (no server: an object URL on a temporary link). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // let the download start before the URL goes away
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Saves bytes or text as a file through the browser's download (no server involved). */
export function saveFile(data: ArrayBuffer | string, fileName: string, type: string): void {
  downloadBlob(new Blob([data], { type }), fileName)
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
