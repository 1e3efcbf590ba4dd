import type { ExportedFile } from '../../../shared/room'

/** Hands an export to the browser's (or Electron's) download handling without a server round trip. */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.contentType }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
