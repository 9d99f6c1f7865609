import { PageHeader } from "@reptidex/ui";

export default function AnimalPage() {
  return <PageHeader title="Animal" />;
}
