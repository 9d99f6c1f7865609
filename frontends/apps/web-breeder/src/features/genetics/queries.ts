import { unwrap } from "@reptidex/api-client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "../../api";
import { keys } from "../../queries/keys";
import type { PredictRequest } from "./request";

/** The calculator's answer for a pairing; the last answer stays on screen while the next loads. */
export function usePrediction(request: PredictRequest | null) {
  return useQuery({
    queryKey: keys.prediction(request ?? {}),
    queryFn: () => unwrap(api.animal.POST("/api/v1/genetics/predict", { body: request! })),
    enabled: request !== null,
    placeholderData: keepPreviousData,
  });
}

// The depth stored COIs are computed on, so a planned pairing compares with its animals' own.
const WHAT_IF_GENERATIONS = 10;

/** The COI the offspring of a planned pairing would have. */
export function useWhatIfCoi(pair: { sireId: string; damId: string } | null) {
  return useQuery({
    queryKey: keys.whatIfCoi(pair?.sireId ?? "", pair?.damId ?? ""),
    queryFn: () =>
      unwrap(api.animal.POST("/api/v1/coi/what-if", {
          body: { sire_id: pair!.sireId, dam_id: pair!.damId, generations: WHAT_IF_GENERATIONS },
        })),
    enabled: pair !== null,
  });
}
