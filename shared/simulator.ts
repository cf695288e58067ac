// What the offline simulator reacts to in a system prompt: one id per instruction kind. The
// simulator reports what it found with these ids (server/llm/offline/instructions.ts), and the
// candidate's "What the simulator understands" panel lists them, labelled in the chosen language,
// so the panel can never promise a kind the simulator does not read. Pure: the client imports it.

export const SIMULATOR_INSTRUCTION_KINDS = [
  'language',
  'length',
  'tone',
  'scope',
  'knowledge-only',
  'clarify',
  'fairness',
  'manipulation',
  'format',
  'required-phrase',
] as const;

export type SimulatorInstructionKind = (typeof SIMULATOR_INSTRUCTION_KINDS)[number];
