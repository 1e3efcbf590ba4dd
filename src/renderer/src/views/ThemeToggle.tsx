import { useEffect, useState } from 'react'

type Theme = 'dark' | 'light'
const KEY = 'warroom.theme'

function initialTheme(): Theme {
  return localStorage.getItem(KEY) === 'light' ? 'light' : 'dark'
}

/** Dark by default: a war room is often a dim room with a wall screen. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme)
  useEffect(() => {
    document.documentElement.dataset.theme = theme
    localStorage.setItem(KEY, theme)
  }, [theme])
  return (
    <button className="ghost" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} data-testid="theme-toggle">
      {theme === 'dark' ? 'Light theme' : 'Dark theme'}
    </button>
  )
}
