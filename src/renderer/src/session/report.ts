import { useStore } from 'zustand'
import { client } from './room'
import { createReportStore } from '../report/report-store'

/** The report being read in this window. */
export const reportStore = createReportStore(client)
export const useReport = <T>(select: (s: ReturnType<typeof reportStore.getState>) => T) => useStore(reportStore, select)
