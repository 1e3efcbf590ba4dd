/** Handlers for the signal methods in src/shared/api-signals.ts. */
export const signalHandlers = {}
