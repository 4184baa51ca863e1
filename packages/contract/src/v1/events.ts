/**
 * `POST /v1/participants/events`: a participant account registered, ended, or its status changed.
 * The body is the store's `participantEventSchema` (the store validates what it applies).
 */
import { z } from 'zod';

/** Whether the event was applied now (201) or had been before (200). */
export const eventAnswerSchema = z.object({ applied: z.boolean() });
