import { createApi } from "@reptidex/api-client";
import { QueryClient } from "@tanstack/react-query";

import { shouldRetry } from "./lib/problems";

/**
 * One client per service, found by host name exactly as in production (breeder.X → api.X,
 * animal-api.X). VITE_CORE_URL / VITE_ANIMAL_URL override them for a dev server elsewhere.
 */
export const api = createApi({
  location: window.location,
  origins: {
    ...(import.meta.env.VITE_CORE_URL ? { core: import.meta.env.VITE_CORE_URL as string } : {}),
    ...(import.meta.env.VITE_ANIMAL_URL ? { animal: import.meta.env.VITE_ANIMAL_URL as string } : {}),
  },
});

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => failures < 2 && shouldRetry(error),
      refetchOnWindowFocus: true,
    },
    mutations: { retry: false },
  },
});
