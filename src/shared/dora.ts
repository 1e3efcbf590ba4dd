/** DORA's four keys, each with the performance band it falls in. */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low' | 'no-data'

export interface DoraFigure {
  value: number | null
  unit: string
  band: DoraBand
  /** How many deployments or incidents the figure rests on, so a band from two data points reads as such. */
  basis: number
  explanation: string
}

export interface DoraFigures {
  window: { from: string; to: string; days: number }
  service: string | null
  deploymentFrequency: DoraFigure
  leadTimeForChanges: DoraFigure
  changeFailureRate: DoraFigure
  timeToRestore: DoraFigure
}
