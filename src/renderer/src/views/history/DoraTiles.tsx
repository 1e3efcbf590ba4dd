import type { DoraFigures } from '../../../../shared/dora'
import { BAND_LABELS, tiles } from '../../history/dora-format'

/** The four keys as big tiles: the figure, its band, what it rests on, and what each band asks. */
export function DoraTiles({ dora }: { dora: DoraFigures }) {
  return (
    <section className="dora-tiles" aria-label="DORA figures">
      {tiles(dora).map((t) => (
        <article key={t.key} className={`dora-tile band-${t.figure.band}`} data-testid={`dora-${t.key}`} data-band={t.figure.band}>
          <h2>{t.title}</h2>
          <div className="dora-value">{t.value}</div>
          <span className={`band-badge band-${t.figure.band}`}>{BAND_LABELS[t.figure.band]}</span>
          <p className="dora-explain">{t.figure.explanation}</p>
          <p className="dora-limits muted">{t.limits}</p>
        </article>
      ))}
    </section>
  )
}
