export type CopiedBy = 'clipboard' | 'fallback'

interface ClipboardHost {
  clipboard?: { writeText(text: string): Promise<void> }
}

/**
 * Puts text on the clipboard. The Clipboard API needs a secure context, which a browser on the LAN reaching the
 * host over plain http is not; there the older selection-and-copy command still works. Throws when neither does,
 * so the panel can say so and leave the text selected for Ctrl+C.
 */
export async function copyText(text: string, nav: ClipboardHost = navigator, doc: Document = document): Promise<CopiedBy> {
  if (nav.clipboard) {
    try {
      await nav.clipboard.writeText(text)
      return 'clipboard'
    } catch {
      // Denied (no focus, no permission): the fallback below may still be allowed.
    }
  }
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  doc.body.appendChild(area)
  try {
    area.select()
    if (!doc.execCommand('copy')) throw new Error('The browser refused to copy. Select the message and press Ctrl+C (⌘C on a Mac).')
    return 'fallback'
  } finally {
    area.remove()
  }
}
