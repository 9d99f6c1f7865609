import { PageHeader } from "@reptidex/ui";

export default function NewAnimalPage() {
  return <PageHeader title="New animal" />;
}
