/** Ends an exhaustive `switch`: adding a union member fails to compile until it is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
