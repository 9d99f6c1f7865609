/**
 * Query keys, in one place so a write can invalidate exactly what it changed. Every key that
 * lists a vivarium's records starts with the vivarium id, so switching vivarium never shows
 * another vivarium's cached data.
 */
export const keys = {
  me: ["me"] as const,
  species: ["species"] as const,
  traits: (speciesId: string) => ["species", speciesId, "traits"] as const,
  animals: (vivariumId: string) => ["vivarium", vivariumId, "animals"] as const,
  animalList: (vivariumId: string, filters: object) =>
    ["vivarium", vivariumId, "animals", "list", filters] as const,
  animal: (animalId: string) => ["animal", animalId] as const,
  genotype: (animalId: string) => ["animal", animalId, "genotype"] as const,
  logs: (animalId: string) => ["animal", animalId, "logs"] as const,
  weights: (animalId: string) => ["animal", animalId, "weights"] as const,
  pedigree: (animalId: string, generations: number) => ["animal", animalId, "pedigree", generations] as const,
  coi: (animalId: string) => ["animal", animalId, "coi"] as const,
  siblings: (animalId: string) => ["animal", animalId, "siblings"] as const,
  descendants: (animalId: string, generations: number) => ["animal", animalId, "descendants", generations] as const,
  feeding: (animalId: string) => ["animal", animalId, "feeding"] as const,
  today: (vivariumId: string) => ["vivarium", vivariumId, "today"] as const,
  pairings: (vivariumId: string) => ["vivarium", vivariumId, "pairings"] as const,
  clutches: (vivariumId: string) => ["vivarium", vivariumId, "clutches"] as const,
  reminders: (vivariumId: string) => ["vivarium", vivariumId, "reminders"] as const,
  enclosures: (vivariumId: string) => ["vivarium", vivariumId, "enclosures"] as const,
  transfers: ["transfers"] as const,
  members: (vivariumId: string) => ["vivarium", vivariumId, "members"] as const,
  invitations: (vivariumId: string) => ["vivarium", vivariumId, "invitations"] as const,
  transferList: (vivariumId: string, direction: "incoming" | "outgoing") =>
    ["transfers", vivariumId, direction] as const,
  transferredAnimals: (vivariumId: string) => ["transfers", vivariumId, "transferred-animals"] as const,
  vivarium: (vivariumId: string) => ["vivarium", vivariumId, "details"] as const,
  myInvitations: ["my-invitations"] as const,
  pairing: (pairingId: string) => ["pairing", pairingId] as const,
  clutch: (clutchId: string) => ["clutch", clutchId] as const,
  clutchHatchlings: (clutchId: string) => ["clutch", clutchId, "hatchlings"] as const,
  breedingStats: (vivariumId: string, season: number | null) =>
    ["vivarium", vivariumId, "breeding-stats", season] as const,
  dueNotifications: (vivariumId: string) => ["vivarium", vivariumId, "due-notifications"] as const,
  publicProfile: (animalId: string) => ["animal", animalId, "public-profile"] as const,
  prediction: (request: object) => ["genetics", "predict", request] as const,
  whatIfCoi: (sireId: string, damId: string) => ["coi", "what-if", sireId, damId] as const,
  vivariumPlan: (vivariumId: string) => ["vivarium", vivariumId, "plan"] as const,
  parentLinks: ["parent-links"] as const,
  parentLinkList: (vivariumId: string, direction: "incoming" | "outgoing") =>
    ["parent-links", vivariumId, direction] as const,
  parentLinksOf: (animalId: string) => ["animal", animalId, "parent-links"] as const,
};
