import { z } from 'zod'
import { DEMO_FAULTS } from './checkout-simulation'

/** The body of `POST /control`: both fields optional, so the demo release can move one without knowing the other. */
export const demoControlSchema = z
  .object({
    trafficPercent: z
      .number({ error: 'trafficPercent must be a number from 0 to 100' })
      .min(0, 'trafficPercent must be from 0 to 100')
      .max(100, 'trafficPercent must be from 0 to 100')
      .optional(),
    fault: z.enum(DEMO_FAULTS, { error: `fault must be one of: ${DEMO_FAULTS.join(', ')}` }).optional()
  })
  .strict()

export type DemoControl = z.infer<typeof demoControlSchema>
