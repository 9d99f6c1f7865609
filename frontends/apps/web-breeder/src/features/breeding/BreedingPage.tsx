import { PageHeader } from "@reptidex/ui";

export default function BreedingPage() {
  return <PageHeader title="Breeding" />;
}
