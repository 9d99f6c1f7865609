import { useState } from "react";

import { explain, fieldErrors, type Explanation } from "./problems";

/** A form's failure: field messages for the inputs, and the rest in plain words. */
export function useFormError() {
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrors(error);
  const summary: Explanation | null = error ? explain(error) : null;
  return { error, setError, clear: () => setError(null), fields, summary };
}
